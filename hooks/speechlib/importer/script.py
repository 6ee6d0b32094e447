"""Script rules: pinyin glosses and traditional characters, the first line rules to run.

Both run on the raw lines of a plain-text source, before anything else reads them, so that the
other rules (同志们：, 讲话, 第一篇 …) see the simplified text they are written for.

1. ``pinyin`` — a reading gloss after a Han character, in half- or full-width brackets, as
   learners' and some mirror sites print it: ``會(huì)議開(kāi)始`` → ``會議開始``. A gloss is one
   to four pinyin syllables, each with a tone mark or a tone digit (``(xuan3)``); a bracket
   holding an ordinary Latin word (``(PIS)``, ``(a)``) has none and is kept.
2. ``traditional`` — a page served in traditional characters is converted to simplified with
   OpenCC's ``t2s`` profile. ``t2s`` and not ``tw2sp``: these pages are mainland texts converted
   character by character for a mirror site, so the reverse character conversion gives back what
   the author wrote; ``tw2sp`` would also swap Taiwan vocabulary (資訊 → 信息, 軟體 → 软件) that a
   mainland speech never held. A speech (the whole file, or in a collection the lines up to the
   next 第N篇 marker) is converted only when it *is* traditional: at least ``MIN_CHANGED`` Han
   characters and ``MIN_SHARE`` of them change. A simplified text that
   happens to hold a traditional name (鍾) is left alone. Each changed character is reported
   (grouped per line on standard error: ``'會' -> '会' x3``).
"""

from __future__ import annotations

import re
from functools import cache

from ..text import HAN, han_only
from .report import Report
from .splitting import parse_marker
from .textutil import Line

MIN_CHANGED = 3
MIN_SHARE = 0.05

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# One pinyin syllable: letters with a tone mark somewhere, or plain letters and a tone digit.
_SYLLABLE = rf"(?:[a-zü]*[{_TONED}][a-zü{_TONED}]*|[a-zü]{{1,6}}[1-5])"
PINYIN_GLOSS_RE = re.compile(rf"""(?x)
    (?<=[{HAN}])                 # right after the character it glosses
    [（(] \s*
    {_SYLLABLE} (?:\s+{_SYLLABLE}){{0,3}}   # huì  /  xuǎn jǔ  /  xuan3
    \s* [）)]
""")


@cache
def _converter():
    import opencc  # pinned in requirements.txt; loaded only when a file is read

    return opencc.OpenCC("t2s")  # the profile ships inside the wheel: no download


def strip_pinyin(text: str, line: int, report: Report) -> str:
    """``text`` without pinyin glosses. The paragraph rules run it again on joined paragraphs,
    for a gloss that a line break cut in two (``選(xuǎn`` / ``)舉``)."""
    for match in PINYIN_GLOSS_RE.finditer(text):
        report.add("pinyin", line, match.group(0))
    return PINYIN_GLOSS_RE.sub("", text)


def remove_pinyin(lines: list[Line], report: Report) -> list[Line]:
    return [Line(line.no, strip_pinyin(line.text, line.no, report)) for line in lines]


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters (see the module docstring)."""
    han = han_only(text)
    if not han:
        return False
    changed = sum(a != b for a, b in zip(han, han_only(_converter().convert(han)), strict=False))
    return changed >= MIN_CHANGED and changed >= MIN_SHARE * len(han)


def to_simplified(lines: list[Line], report: Report) -> list[Line]:
    """Each speech of the file (lines up to the next speech marker) that is traditional, converted."""
    starts = [0] + [i for i, line in enumerate(lines) if i and parse_marker(line.text)] + [len(lines)]
    out: list[Line] = []
    for start, end in zip(starts, starts[1:], strict=False):
        part = lines[start:end]
        out += _convert(part, report) if is_traditional("".join(ln.text for ln in part)) else part
    return out


def _convert(lines: list[Line], report: Report) -> list[Line]:
    out = []
    for line in lines:
        converted = _converter().convert(line.text)
        if len(converted) == len(line.text):
            for old, new in zip(line.text, converted, strict=True):
                if old != new:
                    report.add("traditional", line.no, old, new)
        elif converted != line.text:  # a phrase rule changed the length: report the line
            report.add("traditional", line.no, line.text, converted)
        out.append(Line(line.no, converted))
    return out


def simplify(lines: list[Line], report: Report) -> list[Line]:
    """Both rules, glosses first (a gloss follows the traditional character it reads)."""
    return to_simplified(remove_pinyin(lines, report), report)
