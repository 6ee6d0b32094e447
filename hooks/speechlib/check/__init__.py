"""提法核对: check a draft against what the library knows (dated wording, restricted wording,
unfilled slots, numbering, punctuation, number frames, set phrases).

- :mod:`.rules` reads and validates the data files and compiles them into one rule set (a dict
  that is JSON as it stands), which the build writes to the site as ``check/rules.js``;
- :mod:`.engine` is the Python engine; ``docs/assets/js/check.js`` the browser's, finding for
  finding the same;
- :mod:`.cli` is ``scripts/check_draft.py``; :mod:`.corpus` reads the test corpus and scores an
  engine on it (``scripts/bench_check.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from .engine import check
from .rules import CLASSES, RulesError, compile_rules

PAGE = "check.md"  # the 提法核对 page; check.js fills its mount point #speech-check
RULES_PATH = "check/rules.js"  # the rule set in the built site
RULES_KEY = "check-rules"  # its key for SpeechSite.loadData


def phrase_urls(entries: Sequence, keys: Sequence[str]) -> dict[str, str]:
    """Each glossary entry's concordance page (relative to the site root), from the phrase index's
    slugs (``Build.phrase_keys``, in glossary order)."""
    return {e.text: f"phrases/{k}/" for e, k in zip(entries, keys, strict=True)}


__all__ = [
    "CLASSES", "PAGE", "RULES_KEY", "RULES_PATH", "RulesError", "check", "compile_rules", "phrase_urls",
]
