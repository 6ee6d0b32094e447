"""Paragraph extraction, phrase matching and marking for the phrase index.

Paragraphs
    Body paragraphs and their anchors come from :mod:`speechlib.paragraphs`; the text matched is
    the paragraph's plain text, as the reader sees it (tags removed, entities decoded).

Matching
    One Aho-Corasick automaton holds every form (text and variants) of every phrase, normalized by
    :func:`speechlib.paragraphs.normalize`; each paragraph is normalized the same way (with a map
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

import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import ahocorasick

from .paragraphs import normalize_with_map

_TAG_OR_TEXT = re.compile(r"(<[^>]+>)|([^<]+)")


# --- matching ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Occurrence:
    key: str     # phrase key (its slug)
    start: int   # offsets in the original (unnormalized) text
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
        spans: dict[str, list[tuple[int, int]]] = {}
        for end, hits in self.automaton.iter(norm):
            for key, length in hits:
                spans.setdefault(key, []).append((end - length + 1, end + 1))
        found: list[Occurrence] = []
        for key, ranges in spans.items():
            ranges.sort(key=lambda r: (r[0], -r[1]))
            kept: list[tuple[int, int]] = []
            for s, e in ranges:
                if any(ks <= s and e <= ke for ks, ke in kept):
                    continue
                kept.append((s, e))
            found += [Occurrence(key, index[s], index[e - 1] + 1) for s, e in kept]
        found.sort(key=lambda o: (o.start, -o.end, o.key))
        return found


def _non_overlapping(occurrences: Sequence[Occurrence]) -> list[Occurrence]:
    chosen: list[Occurrence] = []
    for occ in sorted(occurrences, key=lambda o: (o.start, -(o.end - o.start))):
        if not chosen or occ.start >= chosen[-1].end:
            chosen.append(occ)
    return chosen


def mark_html(body: str, occurrences: Sequence[Occurrence], href: Callable[[str], str], title: Callable[[str], str]) -> str:
    """Wrap each match that lies inside one text node, outside links, in ``<a class="phrase">``.

    ``occurrences`` are offsets into ``plain_text(body)``; ``href``/``title`` map a phrase key to the
    link target and tooltip (both escaped here).
    """
    wanted = _non_overlapping(occurrences)
    if not wanted:
        return body
    out: list[str] = []
    plain_pos = 0
    in_link = 0
    k = 0
    for m in _TAG_OR_TEXT.finditer(body):
        tag, raw = m.group(1), m.group(2)
        if tag:
            low = tag.lower()
            if low.startswith("<a ") or low == "<a>":
                in_link += 1
            elif low.startswith("</a"):
                in_link = max(0, in_link - 1)
            out.append(tag)
            continue
        text = html.unescape(raw)
        start, end = plain_pos, plain_pos + len(text)
        plain_pos = end
        while k < len(wanted) and wanted[k].end <= start:
            k += 1
        pieces: list[str] = []
        cursor = start
        j = k
        while j < len(wanted) and wanted[j].start < end:
            occ = wanted[j]
            if not in_link and occ.start >= cursor and occ.end <= end:
                pieces.append(html.escape(text[cursor - start:occ.start - start], quote=False))
                inner = html.escape(text[occ.start - start:occ.end - start], quote=False)
                pieces.append(f'<a class="phrase" href="{html.escape(href(occ.key))}" title="{html.escape(title(occ.key))}">{inner}</a>')
                cursor = occ.end
            j += 1
        if cursor == start:
            out.append(raw)  # untouched: keep the original entity spelling
        else:
            pieces.append(html.escape(text[cursor - start:], quote=False))
            out.append("".join(pieces))
    return "".join(out)


def mark_paragraphs(content: str, per_anchor: Mapping[str, Sequence[Occurrence]], href, title) -> str:
    """Apply :func:`mark_html` to the body of every anchored paragraph in ``content``."""
    def replace(m: re.Match[str]) -> str:
        occ = per_anchor.get(m.group(1))
        if not occ:
            return m.group(0)
        return f'<p id="{m.group(1)}" class="para">{mark_html(m.group(2), occ, href, title)}</p>'

    return re.sub(r'<p id="([^"]+)" class="para">(.*?)</p>', replace, content, flags=re.S)


def kwic(text: str, start: int, end: int, width: int = 24) -> tuple[str, str, str]:
    """Left context, match, right context (at most ``width`` characters each side)."""
    return text[max(0, start - width):start], text[start:end], text[end:end + width]
