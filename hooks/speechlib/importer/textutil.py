"""Character classes and small helpers shared by the importer's rules.

``Han`` characters are the CJK unified ideographs (with extension A and the compatibility block);
``CJK`` adds the punctuation that Chinese text uses: the CJK symbols block (、。《》【】), the
full-width forms (，：；？！（）), curly quotes, the ellipsis, the em dash and the per-mille sign.
A sentence ends with one of ``FINAL`` (。！？：；…), possibly followed by closing quotes or brackets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")
CN_DIGITS = "一二三四五六七八九十"

# Private-use characters stand for markup inside paragraph text while the rules work on it:
# CUT for "the source is cut off here" (found by the line rules, written as an editor's note by the
# paragraph builder), one character per <span> of a page: stage directions in STAGE_SPANS, editor's
# notes and any other span in OTHER_SPANS. The rules treat them as Chinese punctuation, so no
# space or half-width mark next to them survives, and never change them.
CUT = "\ue000"
STAGE_SPANS = (0xE100, 0xE4FF)
OTHER_SPANS = (0xE500, 0xE8FF)
PLACEHOLDER_RE = re.compile("[\ue100-\ue8ff]")


def is_stage_span(ch: str) -> bool:
    return STAGE_SPANS[0] <= ord(ch) <= STAGE_SPANS[1]


def is_other_span(ch: str) -> bool:
    return OTHER_SPANS[0] <= ord(ch) <= OTHER_SPANS[1]


FINAL = set("。！？：；…!?:;")
CLOSERS = "”’」』》〉）)]】\"'"


def is_han(ch: str) -> bool:
    return bool(HAN_RE.match(ch))


def is_cjk(ch: str) -> bool:
    """Han character or punctuation of Chinese text."""
    if is_han(ch):
        return True
    code = ord(ch)
    return (0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0xE000 <= code <= 0xE8FF
            or ch in "“”‘’…—·‰‱")


def han_only(text: str) -> str:
    """The Han characters of ``text`` in order (what the tests compare)."""
    return "".join(HAN_RE.findall(text))


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
    return not t or t[-1] in FINAL or t[-1] == CUT or is_other_span(t[-1])


def cn_number(text: str) -> int | None:
    """Value of a small Chinese numeral (一 … 九十九) or of ASCII digits; None if neither."""
    if text.isdigit():
        return int(text)
    values = {c: i + 1 for i, c in enumerate(CN_DIGITS[:9])}
    if not text or any(c not in values and c != "十" for c in text):
        return None
    if "十" not in text:
        return values[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    return (values[tens] if tens else 1) * 10 + (values[units] if units else 0)


def cn_ordinal(n: int) -> str:
    """一 … 九十九 for the source labels (第三篇)."""
    digits = "零" + CN_DIGITS[:9]
    if n < 10:
        return digits[n]
    tens, units = divmod(n, 10)
    return (digits[tens] if tens > 1 else "") + "十" + (digits[units] if units else "")


@dataclass
class Line:
    """One line of the source while the line rules work on it; ``no`` is its 1-based number."""

    no: int
    text: str
