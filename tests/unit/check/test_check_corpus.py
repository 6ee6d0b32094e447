"""The test corpus: enough drafts, true hits and near misses for every class, and the Python engine
gives exactly the expected findings on each (precision and recall 1 on it; the bench prints them)."""

from __future__ import annotations

from collections import Counter

import pytest
from check_support import CASES, RULES

from speechlib.check.corpus import FAULTS, score
from speechlib.check.engine import check


def test_the_corpus_has_hits_and_near_misses_for_every_class():
    assert len(CASES) >= 60
    hits = Counter(cls for case in CASES for cls, _ in case.expect)
    for cls in (*FAULTS, "phrase"):
        assert hits[cls] >= 3, cls
    near_misses = Counter(case.id.split("-")[0] for case in CASES if case.id.endswith("-ok"))
    for prefix in ("dated", "restricted", "slot", "numbering", "punct", "frame"):
        assert near_misses[prefix] >= 3, prefix


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_python_engine_gives_the_expected_findings(case):
    got = sorted((f["cls"], f["text"]) for f in check(case.text, RULES) if f["cls"] in case.classes)
    assert got == sorted(case.expect)


def test_precision_and_recall():
    result = score(CASES, lambda c: check(c.text, RULES))
    assert result.precision() >= 0.95 and result.recall() >= 0.95
