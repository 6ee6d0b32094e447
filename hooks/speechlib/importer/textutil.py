"""The importer's own character helpers, on top of the text core (:mod:`speechlib.text`).

Han characters, the punctuation of Chinese text, sentence ends, closing quotes and Chinese
numerals come from the text core. What is left here belongs to the importer alone: the
private-use placeholders that stand for markup while the rules work on a text, the stage
direction pattern, and ``ends_sentence``, which knows about those placeholders. A line ends a
sentence with one of ``LINE_FINAL`` (。！？!?；;…：:), possibly followed by closing quotes or
brackets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import CLOSERS, LINE_FINAL

# Private-use characters stand for markup inside paragraph text while the rules work on it:
# CUT for "the source is cut off here" (found by the line rules, written as an editor's note by the
# paragraph builder), one character per <span> of a page: stage directions in STAGE_SPANS, editor's
# notes and any other span in OTHER_SPANS, the speaker labels of a dialogue script (**男：**) in
# LABELS. The rules treat them as Chinese punctuation, so no space or half-width mark next to them
# survives, and never change them.
CUT = "\ue000"
STAGE_SPANS = (0xE100, 0xE4FF)
OTHER_SPANS = (0xE500, 0xE8FF)
LABELS = (0xE900, 0xE9FF)
PLACEHOLDER_RE = re.compile("[\ue100-\ue9ff]")


def is_stage_span(ch: str) -> bool:
    return STAGE_SPANS[0] <= ord(ch) <= STAGE_SPANS[1]


def is_other_span(ch: str) -> bool:
    return OTHER_SPANS[0] <= ord(ch) <= OTHER_SPANS[1]


# A form of address on a line of its own: 同志们： / 尊敬的各位领导、各位来宾：
ADDRESS_RE = re.compile(r"""(?x)
    ^(?:尊敬的|各位|亲爱的)?[^，。；]{0,24}?
    (?:同志们|朋友们|代表们|同学们|老师们|来宾们|嘉宾)[：:，,]?$
""")
# The words a speech's title ends with, and a title line: …上的讲话, …主持词（摘要）
GENRE_WORDS = r"(?:讲话稿|讲话|主持词|主持稿|讲稿|发言稿|发言提纲|发言|工作报告|报告|汇报|致辞|致词|讲话提纲)"
TITLE_RE = re.compile(rf"{GENRE_WORDS}(?:[（(][^（）()]{{1,12}}[）)])?$")

# A stage direction as it stands in a speech: （掌声）（热烈鼓掌）（笑声）… (or in half-width
# brackets, before the punctuation rule makes them full-width)
STAGE_RE = re.compile(r"""(?x)
    [（(]
    (?:全场|会场)?
    (?:热烈|长时间|持久|持续)?的?
    (?:掌声|鼓掌|笑声|大笑|欢笑|众笑|笑)
    (?:雷动|经久不息|不断|响起|再次响起)?
    [）)]
""")


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence: last mark is 。！？：；… before any closing quotes.

    Trailing stage directions do not count (``讲课！（掌声）`` ends a sentence); a text made only of
    stage directions, or empty, counts as ended, and so does one that ends with an editor's note.
    """
    t = STAGE_RE.sub("", text).rstrip()
    t = t.rstrip(CLOSERS + " " + "".join(c for c in set(t) if is_stage_span(c)))
    return not t or t[-1] in LINE_FINAL or t[-1] == CUT or is_other_span(t[-1])


@dataclass
class Line:
    """One line of the source while the line rules work on it; ``no`` is its 1-based number."""

    no: int
    text: str
