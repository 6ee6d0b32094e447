"""Shared by the 提法核对 tests: the compiled rule set (year 2026, so that what counts as dated does
not move with the clock) and the corpus. A module, not a conftest.py: a second conftest.py would
shadow tests/conftest.py as the module `conftest`."""

from __future__ import annotations

from pathlib import Path

from speechlib.check.corpus import load_corpus
from speechlib.check.rules import compile_rules

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "fixtures" / "check" / "corpus.yml"
RULES = compile_rules(ROOT, 2026)
CASES = load_corpus(CORPUS)
