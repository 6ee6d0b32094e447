"""markers_in with one Aho-Corasick pass finds what one str.find loop per form found."""

from __future__ import annotations

import random

import pytest

from conftest import ROOT
from speechlib.content.dating import Found, MarkerTable, load_markers, markers_in
from speechlib.text import normalize

TABLE = load_markers(ROOT / "data" / "dated_markers.yml", ROOT)


def reference(text: str, table: MarkerTable) -> list[Found]:
    """The definition: every occurrence of every form, longest first, then leftmost, then table order."""
    haystack = normalize(text)
    hits = []
    for marker in table.markers:
        for form in marker.forms:
            needle = normalize(form)
            i = haystack.find(needle)
            while i >= 0:
                hits.append((i, i + len(needle), marker, form))
                i = haystack.find(needle, i + 1)
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    taken = [False] * len(haystack)
    kept = []
    for start, end, marker, form in hits:
        if any(taken[start:end]):
            continue
        for k in range(start, end):
            taken[k] = True
        kept.append((start, marker, form))
    kept.sort(key=lambda k: k[0])
    found: dict[int, Found] = {}
    for _, marker, form in kept:
        prev = found.get(marker.line)
        found[marker.line] = Found(marker, prev.form, prev.count + 1) if prev else Found(marker, form, 1)
    return list(found.values())


@pytest.mark.parametrize("path", sorted((ROOT / "docs").glob("*/*/*.md")), ids=lambda p: p.stem)
def test_real_pages(path):
    text = path.read_text(encoding="utf-8")
    assert markers_in(text, TABLE) == reference(text, TABLE)


@pytest.mark.parametrize("seed", range(30))
def test_dense_random_mixtures_of_forms(seed):
    rng = random.Random(seed)
    forms = [f for m in TABLE.markers for f in m.forms]
    pieces = [rng.choice(forms) if rng.random() < 0.6 else rng.choice("，。的和在 　") for _ in range(40)]
    # overlaps: cut forms in half and glue them to others
    text = "".join(p[: rng.randint(1, len(p))] if rng.random() < 0.3 else p for p in pieces)
    assert markers_in(text, TABLE) == reference(text, TABLE)


def test_empty_and_marker_free_text():
    assert markers_in("", TABLE) == [] == reference("", TABLE)
    assert markers_in("同志们：现在开会。", TABLE) == reference("同志们：现在开会。", TABLE)
