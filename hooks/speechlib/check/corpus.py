"""The 提法核对 test corpus (``tests/fixtures/check/corpus.yml``) and scoring an engine on it.

A case is a short draft with the findings it must give, as (class, marked text) pairs; only the
classes a case scores count (by default every fault class, so set phrases are scored only where
a case asks for them). Matching is by multiset: a draft with 责任书 twice must give it twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..text import SourceError, load_yaml
from .rules import CLASSES

FAULTS = tuple(c for c, _, fault in CLASSES if fault)


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    expect: tuple[tuple[str, str], ...]
    classes: tuple[str, ...]


def load_corpus(path: Path | str) -> list[Case]:
    path = Path(path)
    _, data = load_yaml(path.read_text(encoding="utf-8"), str(path))
    cases = []
    seen = set()
    for item in data["cases"]:
        cid = item["id"]
        if cid in seen:
            raise SourceError(str(path), None, f"case id {cid} is used twice")
        seen.add(cid)
        classes = tuple(item.get("classes", FAULTS))
        expect = tuple((cls, text) for cls, text in item["expect"])
        unknown = {cls for cls, _ in expect} - set(classes)
        if unknown:
            raise SourceError(str(path), None, f"case {cid} expects findings of unscored classes {unknown}")
        cases.append(Case(cid, item["text"], expect, classes))
    return cases


@dataclass
class Score:
    tp: Counter
    fp: Counter
    fn: Counter
    wrong: dict[str, tuple[list, list]]  # case id → (missing, extra)

    @staticmethod
    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    def precision(self, cls: str | None = None) -> float:
        tp = self.tp[cls] if cls else sum(self.tp.values())
        fp = self.fp[cls] if cls else sum(self.fp.values())
        return self.ratio(tp, tp + fp)

    def recall(self, cls: str | None = None) -> float:
        tp = self.tp[cls] if cls else sum(self.tp.values())
        fn = self.fn[cls] if cls else sum(self.fn.values())
        return self.ratio(tp, tp + fn)


def score(cases: Iterable[Case], findings: Callable[[Case], list[dict]]) -> Score:
    """Score ``findings(case)`` (an engine's findings for the case's text) against every case."""
    result = Score(Counter(), Counter(), Counter(), {})
    for case in cases:
        got = Counter((f["cls"], f["text"]) for f in findings(case) if f["cls"] in case.classes)
        want = Counter(case.expect)
        for key in got | want:
            hit = min(got[key], want[key])
            result.tp[key[0]] += hit
            result.fp[key[0]] += got[key] - hit
            result.fn[key[0]] += want[key] - hit
        if got != want:
            result.wrong[case.id] = (sorted((want - got).elements()), sorted((got - want).elements()))
    return result
