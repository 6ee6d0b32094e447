from __future__ import annotations

from pathlib import Path

import pytest

from speechlib.check.corpus import load_corpus
from speechlib.check.rules import compile_rules

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "fixtures" / "check" / "corpus.yml"


@pytest.fixture(scope="session")
def rules():
    return compile_rules(ROOT, 2026)


@pytest.fixture(scope="session")
def corpus():
    return load_corpus(CORPUS)
