"""Numbered headings: which lines head a block, and how a heading is cut from its text.

Numbering of official documents (GB/T 9704) and the Markdown level it becomes:

    一、  → ``##``      （一） → ``###``      1、 or 1. → ``####``      （1） stays in its paragraph

A numbered paragraph heads a block when the text after its number is short (at most
``HEADING_MAX`` = 45 characters) and holds no sentence end, or when its first sentence is that
short: ``一、关注过程，狠抓落实。领导重视不能讲在嘴上……`` gives the heading
``一、关注过程，狠抓落实`` and the paragraph ``领导重视不能讲在嘴上……``. A heading keeps a closing
！ or ？ but not 。 ； or ：. A numbered paragraph whose first sentence is longer stays a paragraph.

``split_at_space`` handles the other way a source runs a heading into its text, with a space
(``三、强化措施，…圆满完成 当前，我市…``); the line rules use it before spaces are removed.
"""

from __future__ import annotations

import re

from ..text import CN_DIGITS, FULL_STOPS, LINE_FINAL, NUMBERING_RE, SENTENCE_END, numeral_value
from ..text import numbering as core_numbering
from .textutil import ends_sentence

HEADING_MAX = 45
# A heading made of a number frame, followed by run-in items: 一个三，就是要深化三点认识
FRAME_HEADING_RE = re.compile(rf"""(?x)
    ^(?: [{CN_DIGITS}]{{1,2}}个[{CN_DIGITS}]{{1,2}}
       | 第[{CN_DIGITS}]{{1,2}}(?:部分|个方面|方面|板块)
    )[，、：:\s]
""")
# Run-in items that follow such a frame heading: 一是…, 第一，…, 首先…
RUN_IN_RE = re.compile(rf"^(?:[{CN_DIGITS}](?:是|要)|第[{CN_DIGITS}][，、是]|首先|其一)")
_SENTENCE_END_RE = re.compile(f"[{re.escape(SENTENCE_END)}]")


def numbering(text: str) -> tuple[int, int, str] | None:
    """(level, number, marker) of a text numbered as a heading: 一、 → (2, 1, "一、"),
    （三） → (3, 3, "（三）"), 2、 → (4, 2, "2、"); （1） (level 5) stays in its paragraph."""
    match = NUMBERING_RE.match(text)
    if not match or match["h5"]:
        return None
    # Only numerals as they are written (十二, not 一二) reach the text core's reader.
    if numeral_value(match["n2"] or match["n3"] or match["n4"]) is None:
        return None
    found = core_numbering(text)
    return (found.level, found.number, found.marker) if found else None


def _prefix_and_body(text: str) -> tuple[int, str, str] | None:
    found = numbering(text)
    if not found:
        return None
    body = text[len(found[2]):].strip()
    if not body or body[0] in LINE_FINAL:
        return None
    return found[0], found[2].strip(), body


def split_numbered_heading(text: str) -> tuple[int, str, str] | None:
    """Split a numbered paragraph into (level, heading, rest), or None if it heads no block.

    ``rest`` is "" when the whole paragraph is the heading.
    """
    parts = _prefix_and_body(text)
    if not parts:
        return None
    level, prefix, body = parts
    end = _SENTENCE_END_RE.search(body)
    if end and end.start() <= HEADING_MAX:
        mark = body[end.start()]
        head = body[:end.start()] + (mark if mark in FULL_STOPS and mark != "。" else "")  # keeps ！？
        return level, prefix + head, body[end.end():].strip()
    if not end and len(body) <= HEADING_MAX:
        return level, prefix + body.rstrip("：:"), ""
    return None


def split_at_space(text: str) -> int | None:
    """Offset of the space that ends a heading run into its text, if the line is one."""
    parts = _prefix_and_body(text)
    if not parts or split_numbered_heading(text):
        return None
    _, _, body = parts
    space = re.search(r"\s", body)
    if not space or not 4 <= space.start() <= HEADING_MAX or ends_sentence(body[:space.start()]):
        return None
    return text.index(body) + space.start()


def is_short_heading(text: str) -> bool:
    """A numbered line that is a heading as a whole (never joined to the lines around it)."""
    split = split_numbered_heading(text)
    return bool(split) and split[2] == "" and not ends_sentence(text)
