"""Paragraph extraction, phrase matching and marking for the phrase index.

Paragraphs
    Body paragraphs and their anchors come from :mod:`speechlib.page.paragraphs`; the text matched is
    the paragraph's plain text, as the reader sees it (tags removed, entities decoded).

Matching
    One Aho-Corasick automaton holds every form (text and variants) of every phrase, normalized by
    :func:`speechlib.page.paragraphs.normalize`; each paragraph is normalized the same way (with a map
    back to the original offsets) and scanned once. A phrase's occurrences in a paragraph are the
    matches of any of its forms; a match lying inside a longer match of the same phrase counts once.

Marking
    Matches are marked as ``<a class="phrase" href="…">`` in the paragraph's HTML, leftmost-longest
    and never overlapping, only where the whole match lies in one text node outside any link. The
    marks add no text, so copying a paragraph copies exactly its words.

Example::

    >>> m = Matcher({"gaodu-zhongshi": ["高度重视"]})
    >>> [(o.key, o.start, o.end) for o in m.find("市委高度重视。")]
    [('gaodu-zhongshi', 2, 6)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import ahocorasick

from speechlib.text import normalize_with_map

# --- matching ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Occurrence:
    key: str  # phrase key (its slug)
    start: int  # offsets in the original (unnormalized) text
    end: int


class Matcher:
    """All phrases in one automaton; ``find`` scans a text once."""

    def __init__(self, forms: Mapping[str, Sequence[str]]):
        self.automaton = ahocorasick.Automaton()
        for key, texts in forms.items():
            for text in texts:
                norm, _ = normalize_with_map(text)
                if not norm:
                    continue
                existing = self.automaton.get(norm, ())
                self.automaton.add_word(norm, existing + ((key, len(norm)),))
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str) -> list[Occurrence]:
        """Occurrences in ``text``, sorted by start; nested matches of one phrase count once."""
        if self.empty:
            return []
        norm, index = normalize_with_map(text)
        # (start, -end, key) in the normalized text: sorted, each phrase's ranges come by start and,
        # at one start, longest first, so a range lies inside an earlier one of its phrase exactly
        # when it ends no later than the furthest end kept so far for that phrase.
        hits = [
            (end - length + 1, -end - 1, key)
            for end, found in self.automaton.iter(norm)
            for key, length in found
        ]
        if not hits:
            return []
        hits.sort()
        reach: dict[str, int] = {}
        out: list[Occurrence] = []
        for s, minus_end, key in hits:
            if reach.get(key, -1) >= -minus_end:
                continue
            reach[key] = -minus_end
            out.append(Occurrence(key, index[s], index[-minus_end - 1] + 1))
        return out


def non_overlapping(occurrences: Sequence[Occurrence]) -> list[Occurrence]:
    """Leftmost-longest choice of matches that do not overlap (what gets marked on the page)."""
    chosen: list[Occurrence] = []
    for occ in sorted(occurrences, key=lambda o: (o.start, -(o.end - o.start))):
        if not chosen or occ.start >= chosen[-1].end:
            chosen.append(occ)
    return chosen


def kwic(text: str, start: int, end: int, width: int = 24) -> tuple[str, str, str]:
    """Left context, match, right context (at most ``width`` characters each side)."""
    return text[max(0, start - width) : start], text[start:end], text[end : end + width]
