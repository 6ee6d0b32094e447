"""Paragraph rules: from cleaned lines to the blocks of a page (paragraphs and headings).

**Joining lines** (plain-text sources only). A line that does not end a sentence (no 。！？：；…
before its closing quotes) continues on the next line, whether or not a blank line stands between
them — PDF page breaks leave both (``计生`` / ``育工作情况`` → ``计生育工作情况``). A line that ends
a sentence ends its paragraph. These lines are never joined to the one before or after them:
a numbered line (一、 （一） 1、 1. （1））, a short numbered heading, a form of address
(同志们：), a line of dots (……), a heading made of a number frame (``一个三，就是要深化三点认识``
followed by ``一是…``), the cut sign left where pages are missing, and a field line after another
(``时间：…`` / ``地点：…``). A line that opens a new
sentence (``请以上单位…``, ``下面，…``) starts a paragraph even after a line without a full stop;
a stage direction on a line of its own joins the paragraph before it.

**PDF wraps** (``wrap``). A PDF copy wraps its lines at one width, so a sentence may end exactly
at a line end: in a text whose own line widths show such a measure (see ``wrap_width``), a line
that fills it and ends with 。 or ； continues on the next line, as far as the other rules allow
(the next line is not numbered, a form of address, ``下面，…`` …). A text without one such
measure (a web page with one PDF paragraph pasted in, a short excerpt, a quoted block set
narrower) is read paragraph by paragraph: a line ending in 。 or ； continues when the
paragraph's other lines stop inside a sentence at one width that other lines of the speech
share, and it fills that width (see ``_fills_measure``). Each such join is reported, since the
punctuation rule alone would have ended the paragraph there.

**Dialogue scripts** (``speaker-label``). In a script for two or more voices (男：/女：/合：,
甲：/乙： …; at least two labelled lines with two labels), a labelled line is a paragraph of its
own and never joins the line before; its label is written in bold, ``**男：**尊敬的各位领导``,
which Python-Markdown renders as ``<strong>男：</strong>`` (no extension needed).

**Headings.** A paragraph that starts with 一、 becomes ``##``, （一） ``###``, 1、 or 1. ``####``
when it heads a block:

* a short line (at most 45 characters after the number) with no sentence inside it is the
  heading as a whole, without a closing 。 or ；;
* a heading that runs into its text (``一、关注过程，狠抓落实。领导重视不能讲在嘴上……``) is
  split after its first sentence when that sentence is short: the heading is
  ``一、关注过程，狠抓落实`` and the rest the first paragraph (where the source separates them
  with a space instead, the line rules have already split the line there);
* a numbered paragraph whose first sentence is longer stays a paragraph (reported as a warning).

Run-in forms (一是…, 第一句话，…, 首先…) stay inside their paragraphs. Items of a list are not
headings either: 1、 1. items after a paragraph that announces an agenda (``会议共有四项议程：``),
items that end with ；, and a first item with the next one in the same paragraph
(``1、审议…；2、听取…``) stay paragraphs, one per item.

**Text rules** on every line of a plain-text source before the lines are joined (so that each
change is reported with its own line), and again on every paragraph and heading (which finds
what a line break hid, such as a pair of quotes):

* ``slip``: the reviewed table ``SLIPS`` of OCR and encoding slips (臵 → 置, 问侯 → 问候 …);
* ``width``: full-width letters, digits and ％ made half-width (ＸＸ → XX, ２０２４ → 2024, 98％ →
  98%), so that a page writes them one way;
* ``punctuation``: , : ; ? ! next to Chinese text → ，：；？！; parentheses around or next to
  Chinese text → （）; straight double quotes → “ ” in pairs. Marks between digits (100:125),
  decimals (4.5‰) and ASCII words are left alone;
* ``space``: spaces between Chinese characters or punctuation, and between them and digits, go
  (``刚才 胡爱武主任`` → ``刚才胡爱武主任``); a space next to an ASCII word stays;
* ``stage``: （掌声）（鼓掌）（笑声）… become ``<span class="stage">（掌声）</span>``.

**Editor's notes** (``editor-note``), written as ``<span class="editor-note">编者注：…</span>``
in a paragraph of their own, never with invented text:

* where pages are missing (the cut sign): 编者注：原文此处缺页，下文接续处不明。
* after a paragraph that stops without punctuation before a heading, and at the end of a speech
  that stops in mid-sentence: 编者注：原文此处残缺… / 编者注：原文至此中断，以下内容缺失。
* before a numbered heading or paragraph whose number does not follow the one before
  (``（三）`` after ``（一）``; ``（二）`` after ``（三）``): 编者注：原文此处序号不相衔接…
* at the end of a speech that announces more parts than it has (``我讲三点意见`` and no ``三、``);
* in place of a paragraph of dots, where a host script leaves out a report (………………):
  编者注：原文此处从略。 and inside empty quotes (``“”``): “编者注：原文引号内文字缺失”.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from ..text import CLOSERS, HAN, NUMBERING_RE, count_numeral, display_width, fold_char, is_cjk, numeral_value
from .headings import FRAME_HEADING_RE, RUN_IN_RE, is_short_heading, numbering, split_numbered_heading
from .placeholders import strip_anti_copy
from .report import Report
from .script import strip_pinyin
from .textutil import (
    ADDRESS_RE,
    CUT,
    LABELS,
    OTHER_SPANS,
    PLACEHOLDER_RE,
    STAGE_RE,
    STAGE_SPANS,
    Line,
    ends_sentence,
    is_other_span,
    is_stage_span,
)

NOTE_MISSING_PAGES = "编者注：原文此处缺页，下文接续处不明。"
NOTE_ENDS_HERE = "编者注：原文至此中断，以下内容缺失。"
NOTE_INCOMPLETE = "编者注：原文此处残缺，下文接续处不明。"
NOTE_NUMBERING = "编者注：原文此处序号不相衔接，其前或有缺漏。"
NOTE_OMITTED = "编者注：原文此处从略。"
NOTE_EMPTY_QUOTES = "编者注：原文引号内文字缺失"
NOTE_PARTS_MISSING = "编者注：讲话开头称讲{announced}点意见，原文只存{parts}点，以下内容缺失。"

# A closing that needs no full stop, and a paragraph of dots standing for omitted text.
_CLOSING_RE = re.compile(r"(?:散会|谢谢(?:大家)?)$")
_OMISSION_RE = re.compile(r"^[…\.。·]+$")
# 下面，我讲三点意见 / 我再讲三点意见 / 讲以下四个方面: how many numbered parts a speech announces.
_ANNOUNCED_RE = re.compile(r"(?:讲|谈|强调)(?:以下)?(?P<n>[两二三四五六七八九])(?:点|个方面)(?:意见)?")

# The reviewed table of slips. Each entry is certain in any speech: the wrong form is not a word.
SLIPS: dict[str, str] = {
    "臵": "置",                      # 位臵, 设臵: a rare variant a font substitution leaves (seed 004)
    "问侯": "问候",                  # seed 004
    "超势": "趋势",                  # seed 002 “加剧的超势”
    "按步就班": "按部就班",          # seed 002
    "任期漫延": "任其蔓延",          # seed 002 “这种现象任期漫延”
    "思路 and 重点": "思路和重点",   # seed 002: 和 machine-translated into English
    "职业医师资格": "执业医师资格",  # seed 003
    "是是而非": "似是而非",          # seed 000
    "年中斯": "年中期",              # seed 002 “九七年中斯的水平”: 斯 read for 期
    "b超": "B超",                    # seed 001
}
# Openings that start a new sentence even after a line without a full stop, such as a list of
# award winners that the source leaves without one: …区信用联社 / 请以上单位领导上台领奖。
NEW_SENTENCE_RE = re.compile(r"^(?:请(?:以上|大家|各位|全体)|(?:下面|现在|接下来|同志们)[，,])")
# A line that is a field of a notice: 时间：… / 地点：… / 主持人：…
FIELD_RE = re.compile(rf"^[{HAN}]{{2,5}}[：:](?=\S)")
_SLIP_RE = re.compile("|".join(re.escape(k) for k in sorted(SLIPS, key=len, reverse=True)))


@dataclass
class Block:
    """A paragraph or heading of a page. ``text`` may hold span placeholders (see textutil)."""

    kind: str  # "para" or "heading"
    text: str
    line: int
    level: int = 0


class Spans:
    """The <span> elements of one page, each standing in the text as one placeholder character."""

    def __init__(self) -> None:
        self.html: dict[str, str] = {}
        self._next = {"stage": STAGE_SPANS[0], "other": OTHER_SPANS[0], "label": LABELS[0]}

    def add(self, html: str, stage: bool = False, key: str | None = None) -> str:
        key = key or ("stage" if stage else "other")
        last = {"stage": STAGE_SPANS, "other": OTHER_SPANS, "label": LABELS}[key][1]
        if self._next[key] > last:
            raise ValueError(f"too many {key} placeholders in a page")
        char = chr(self._next[key])
        self._next[key] += 1
        self.html[char] = html
        return char

    def plain(self, text: str) -> str:
        """``text`` with each placeholder replaced by the text of its element (for reports)."""
        return PLACEHOLDER_RE.sub(lambda m: re.sub(r"<[^>]+>", "", self.html[m.group(0)]), text)

    def note(self, text: str) -> str:
        return self.add(f'<span class="editor-note">{text}</span>')

    def stage(self, text: str) -> str:
        return self.add(f'<span class="stage">{text}</span>', stage=True)

    def label(self, label: str) -> str:
        """A dialogue script's speaker label, written in bold: ``**男：**``."""
        return self.add(f"**{label}**", key="label")


# --- building blocks from lines ------------------------------------------------------------------


def _joins(before: str, after: str) -> bool:
    """Whether line ``after`` continues the paragraph that line ``before`` ends."""
    if CUT in (before, after):
        return False
    if all(is_stage_span(c) for c in after):
        return True  # a stage direction on a line of its own belongs to the paragraph before it
    if ends_sentence(before):
        return False
    if is_short_heading(before) or ADDRESS_RE.match(before) or ADDRESS_RE.match(after):
        return False
    if NUMBERING_RE.match(after) or _OMISSION_RE.match(after):
        return False
    if FIELD_RE.match(before) and FIELD_RE.match(after):
        return False  # 时间：5月15日晚 / 地点：县文化艺术中心 — one field a paragraph
    return not NEW_SENTENCE_RE.match(after)


# --- PDF wraps ----------------------------------------------------------------------------------


def wrap_width(lines: list[Line]) -> int | None:
    """The width a PDF copy wraps its lines at, if the text has one, else None.

    Wrapped lines share one width, give or take a half-width digit; a paragraph's last line is
    shorter. The text is wrapped when at least ``WRAP_SHARE`` of its lines (and ``WRAP_MIN``
    lines) have the most common width ``W``, counting ``W - 1`` to ``W`` as that width, and most
    of those full lines stop inside a sentence (a list of sentences of one length is no wrap).
    """
    texts = [line.text for line in lines if line.text != CUT]
    widths = [display_width(text) for text in texts]
    if len(widths) < WRAP_MIN:
        return None
    counts = Counter(math.ceil(w) for w in widths if w >= WRAP_NARROWEST)
    if not counts:
        return None
    width = max(counts, key=lambda w: (counts[w] + counts[w - 1], w))
    full = [text for text, w in zip(texts, widths, strict=True) if width - 1 <= w <= width + 0.5]
    open_ends = sum(not ends_sentence(text) for text in full)
    wrapped = len(full) >= WRAP_MIN and len(full) >= WRAP_SHARE * len(widths) and open_ends * 2 > len(full)
    return width if wrapped else None


WRAP_MIN = 6
WRAP_SHARE = 0.4
WRAP_NARROWEST = 15  # narrower "widths" are short lines, not a page's measure


# --- dialogue scripts ------------------------------------------------------------------------

# 男：/ 女：/ 合：/ 男1：/ 女声：/ 甲：乙： — the speakers of a host script for two hosts.
DIALOGUE_LABEL_RE = re.compile(r"""(?x)
    ^(?P<label> (?:男|女)(?:声|生|主持人?)?[一二12]? | 合 | 齐 | 男女 | 甲 | 乙 | 丙 | 丁 )
    \s*[：:]\s*
""")


def is_dialogue(lines: list[Line]) -> bool:
    """A script for two or more voices: at least two labelled lines, with two different labels."""
    labels = [m["label"] for line in lines if (m := DIALOGUE_LABEL_RE.match(line.text))]
    return len(labels) >= 2 and len(set(labels)) >= 2


def build_blocks(lines: list[Line], spans: Spans, report: Report) -> list[Block]:
    """Join the lines of one speech into paragraphs; frame headings become headings.

    A line of a dialogue script that opens with a speaker label is a paragraph of its own, its
    label marked (``speaker-label``). In a text wrapped at a fixed width, a line that fills the
    width and ends with 。 continues on the next line (``wrap``), as far as the other rules allow.
    """
    blocks: list[Block] = []
    dialogue = is_dialogue(lines)
    width = wrap_width(lines)
    measures = _open_widths(lines)
    widths: list[float] = []  # display widths of the source lines of the last block
    for index, line in enumerate(lines):
        text = line.text
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        if text == CUT:
            blocks.append(Block("para", CUT, line.no))
            continue
        label = DIALOGUE_LABEL_RE.match(text) if dialogue else None
        if label:
            char = spans.label(label["label"] + "：")
            report.add("speaker-label", line.no, label.group(0).strip(), spans.html[char])
            blocks.append(Block("para", char + text[label.end():], line.no))
            continue
        if (len(text) <= 30 and not ends_sentence(text) and FRAME_HEADING_RE.match(text)
                and (RUN_IN_RE.match(following) or NUMBERING_RE.match(following))):
            blocks.append(Block("heading", text, line.no, 2))
            report.add("heading", line.no, text, "## " + text)
            continue
        last = blocks[-1] if blocks else None
        previous = lines[index - 1].text if index else ""
        if (last and last.kind == "para" and last.text != CUT and ends_sentence(previous)
                and _stops(previous)
                and (_is_wrap(previous, width) if width else _fills_measure(widths, measures))
                and _joins(_open(last.text), text)):
            report.add("wrap", line.no, spans.plain(last.text[-12:]) + "\n" + spans.plain(text[:12]),
                       spans.plain(last.text[-12:] + text[:12]))
            last.text += text
            widths.append(display_width(text))
            continue
        if last and last.kind == "para" and last.text != CUT and _joins(last.text, text):
            glue = _glue(last.text, text)
            end, start = spans.plain(last.text[-12:]), spans.plain(text[:12])
            report.add("join", line.no, end + "\n" + start, end + glue + start)
            last.text += glue + text
            widths.append(display_width(text))
            continue
        blocks.append(Block("para", text, line.no))
        widths = [display_width(text)]
    return blocks


def _open_widths(lines: list[Line]) -> Counter[float]:
    """How many lines that stop inside a sentence have each display width (wrapped lines)."""
    return Counter(display_width(line.text) for line in lines
                   if line.text != CUT and not ends_sentence(line.text))


def _fills_measure(widths: list[float], measures: Counter[float]) -> bool:
    """The paragraph's evidence that its last line, ending in 。 or ；, was wrapped, not ended.

    For a text without one wrap width (``wrap_width`` None: a web page with one PDF paragraph
    pasted in, a short PDF excerpt, a quoted block set narrower): the paragraph's other lines all
    stop inside a sentence at one width, which at least two such lines of the speech share (a
    page's measure, not a chance), and its last line fills that width, give or take one character
    (a hanging or a pushed-down full stop).
    """
    if len(widths) < 2:
        return False
    *earlier, last = widths
    measure = max(earlier)
    return (last >= WRAP_NARROWEST and all(abs(w - measure) <= 0.5 for w in earlier)
            and abs(last - measure) <= 1
            and sum(n for w, n in measures.items() if abs(w - measure) <= 0.5) >= 2)


def _is_wrap(line: str, width: int) -> bool:
    """A line that fills the wrap width and ends with a full stop (not ！？： a speaker stops at)."""
    return display_width(line) >= width - 1 and _stops(line)


def _stops(line: str) -> bool:
    return line.rstrip(CLOSERS)[-1:] in "。；"


def _open(text: str) -> str:
    """``text`` as if its last sentence were still open (to ask the other join rules)."""
    return text.rstrip(CLOSERS).rstrip("。；") + "，"


def _glue(before: str, after: str) -> str:
    """What joins two lines: nothing, or a space between two ASCII words."""
    a, b = before[-1], after[0]
    return " " if a.isascii() and a.isalnum() and b.isascii() and b.isalnum() else ""


# --- headings ----------------------------------------------------------------------------------


# A paragraph that announces a list: 今天会议有三项议程： / 会议的主要议题是：
AGENDA_RE = re.compile(r"(?:议程|议题|事项|以下几项|下列几项)[^。！？]{0,12}[：:]$")
# 1、审议通过…；2、听取…: a second item in the same paragraph.
_INLINE_ITEM_RE = re.compile(r"[；;，,。]\s*2(?:、|[.．](?!\d))")


def _list_item(block: Block, previous: Block | None, expected: int | None) -> int | None:
    """The number of the next item if ``block`` is an item of a list (1、… 2、…), else None.

    Items of a list are level-4 numbers (1、 1.) that are not headings: after a paragraph that
    announces an agenda (``今天会议有三项议程：``), continuing such a list, ending with ；, or
    holding the next item in the same paragraph.
    """
    found = numbering(block.text) if block.kind == "para" else None
    if not found or found[0] != 4:
        return None
    number = found[1]
    announced = (number == 1 and previous is not None and previous.kind == "para"
                 and bool(AGENDA_RE.search(previous.text)))
    if (announced or number == expected or block.text.rstrip(CLOSERS)[-1:] in "；;"
            or (number == 1 and _INLINE_ITEM_RE.search(block.text))):
        return number + 1
    return None


def make_headings(blocks: list[Block], spans: Spans, report: Report) -> list[Block]:
    """Numbered paragraphs that head a block become headings; items of a list stay paragraphs."""
    out: list[Block] = []
    expected: int | None = None  # the next item of the list being read
    for block in blocks:
        expected = _list_item(block, out[-1] if out else None, expected)
        if expected:
            out.append(block)
            continue
        split = split_numbered_heading(block.text) if block.kind == "para" else None
        if not split:
            if block.kind == "para" and numbering(block.text):
                report.warn("带序号的段落太长，不作标题，保留为段落；"
                            "如其开头是标题，请手工拆开", block.line)
            out.append(block)
            continue
        level, head, rest = split
        dropped = block.text[:len(block.text) - len(rest)].strip()
        report.add("heading", block.line, spans.plain(dropped),
                   "#" * level + " " + spans.plain(head))
        out.append(Block("heading", head, block.line, level))
        if rest:
            out.append(Block("para", rest, block.line))
    return out


# --- text rules ------------------------------------------------------------------------------

_HALF_MARKS = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_WIDE_RE = re.compile("[０-９Ａ-Ｚａ-ｚ％]")
_PAREN_RE = re.compile(r"\(([^()（）]*)\)")
_SPACE_RE = re.compile(r"\s+")


def _neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    left = text[:start].rstrip()
    right = text[end:].lstrip()
    return (left[-1] if left else ""), (right[0] if right else "")


def _chinese_context(text: str, start: int, end: int) -> bool:
    left, right = _neighbours(text, start, end)
    return bool(left and is_cjk(left)) or bool(right and is_cjk(right))


def fix_slips(text: str, line: int, report: Report) -> str:
    def replace(match: re.Match[str]) -> str:
        report.add("slip", line, match.group(0), SLIPS[match.group(0)])
        return SLIPS[match.group(0)]
    return _SLIP_RE.sub(replace, text)


def fold_width(text: str, line: int, report: Report) -> str:
    def replace(match: re.Match[str]) -> str:
        half = fold_char(match.group(0), fold_case=False)
        report.add("width", line, match.group(0), half)
        return half
    return _WIDE_RE.sub(replace, text)


def normalize_punctuation(text: str, line: int, report: Report, whole: bool = True) -> str:
    """Full-width marks in Chinese text; ``whole`` is False for a line that may be half a
    paragraph (an odd number of quotes there is no reason for a warning)."""
    text = _pair_quotes(text, line, report, whole)  # first, so “ ” count as Chinese for the marks
    chars = list(text)
    # Parentheses in pairs, innermost out, so （2011年5月11日） is not half converted.
    while True:
        current = "".join(chars)
        match = next((m for m in _PAREN_RE.finditer(current)
                      if any(is_cjk(c) for c in m.group(1))
                      or _chinese_context(current, m.start(), m.end())), None)
        if not match:
            break
        chars[match.start()], chars[match.end() - 1] = "（", "）"
        report.add("punctuation", line, "(", "（")
        report.add("punctuation", line, ")", "）")
    current = "".join(chars)
    for i, ch in enumerate(current):
        if ch in _HALF_MARKS or ch in "()":
            if _chinese_context(current, i, i + 1):
                chars[i] = _HALF_MARKS.get(ch) or ("（" if ch == "(" else "）")
                report.add("punctuation", line, ch, chars[i])
    return "".join(chars)


def _pair_quotes(text: str, line: int, report: Report, whole: bool) -> str:
    """Straight double quotes in Chinese text → “ ” in turn; an odd number is left alone."""
    quotes = [i for i, ch in enumerate(text) if ch == '"']
    if not quotes or not any(is_cjk(c) for c in text):
        return text
    if len(quotes) % 2:
        if whole:
            report.warn('此段的直引号（"）个数为奇数，未能配对；请手工改为“”',
                        line)
        return text
    chars = list(text)
    for n, i in enumerate(quotes):
        chars[i] = "“" if n % 2 == 0 else "”"
        report.add("punctuation", line, '"', chars[i])
    return "".join(chars)


def remove_spaces(text: str, line: int, report: Report) -> str:
    def replace(match: re.Match[str]) -> str:
        left, right = _neighbours(text, match.start(), match.end())
        if not left or not right:
            return ""  # leading or trailing space
        if (is_cjk(left) and (is_cjk(right) or right.isdigit())) or (
                left.isdigit() and is_cjk(right)):
            report.add("space", line, match.group(0))
            return ""
        return " "
    return _SPACE_RE.sub(replace, text).strip()


def mark_stage(text: str, line: int, spans: Spans, report: Report) -> str:
    def replace(match: re.Match[str]) -> str:
        char = spans.stage(match.group(0))
        report.add("stage", line, match.group(0), spans.html[char])
        return char
    return STAGE_RE.sub(replace, text)


def clean_text(text: str, line: int, report: Report, whole: bool = True) -> str:
    """Slips, width, punctuation and spaces (``whole``: the text is a whole paragraph); on a
    whole paragraph also anti-copy marks and pinyin glosses that stood at a line break."""
    if whole:
        text = strip_pinyin(strip_anti_copy(text, line, report), line, report)
    text = fix_slips(text, line, report)
    text = fold_width(text, line, report)
    text = normalize_punctuation(text, line, report, whole)
    return remove_spaces(text, line, report)


def clean_lines(lines: list[Line], spans: Spans, report: Report) -> list[Line]:
    """The text rules and stage directions on each line of a plain-text speech."""
    out = []
    for line in lines:
        if line.text == CUT:
            out.append(line)
            continue
        text = mark_stage(clean_text(line.text, line.no, report, whole=False), line.no, spans,
                          report)
        if text:
            out.append(Line(line.no, text))
    return out


def clean_blocks(blocks: list[Block], spans: Spans, report: Report) -> list[Block]:
    out = []
    for block in blocks:
        if block.text == CUT:
            out.append(block)
            continue
        text = clean_text(block.text, block.line, report)
        if block.kind == "heading":
            stripped = text.rstrip("。；;")
            if stripped != text:
                report.add("heading", block.line, text[len(stripped):])
            text = stripped
        text = mark_stage(text, block.line, spans, report)
        if text:
            out.append(Block(block.kind, text, block.line, block.level))
    return out


# --- editor's notes ------------------------------------------------------------------------------


def _note_only(block: Block | None) -> bool:
    return (block is not None and block.kind == "para" and len(block.text) == 1
            and is_other_span(block.text))


def _end_is_open(block: Block) -> bool:
    """A paragraph that stops in mid-sentence (and is not a form of address or 散会)."""
    return (block.kind == "para" and not ends_sentence(block.text)
            and not ADDRESS_RE.match(block.text) and not _CLOSING_RE.search(block.text))


def add_notes(blocks: list[Block], spans: Spans, report: Report) -> list[Block]:
    """Write the editor's notes where the source is visibly cut off (see module docstring)."""

    def note(text: str, line: int, source_text: str = "") -> Block:
        char = spans.note(text)
        report.add("editor-note", line, source_text, spans.html[char])
        return Block("para", char, line)

    out: list[Block] = []
    last_number: dict[int, int] = {}
    announced: int | None = None
    for block in blocks:
        previous = out[-1] if out else None
        if block.text == CUT:
            if not _note_only(previous):
                out.append(note(NOTE_MISSING_PAGES, block.line))
            continue
        if block.kind == "para" and _OMISSION_RE.match(block.text):
            # ……………… where a host script leaves out a report or a speech.
            out.append(note(NOTE_OMITTED, block.line, block.text))
            continue
        if block.kind == "para" and "“”" in block.text:
            block.text = block.text.replace("“”", "“" + spans.note(NOTE_EMPTY_QUOTES) + "”")
            report.add("editor-note", block.line, "“”", f'“<span class="editor-note">'
                                                      f'{NOTE_EMPTY_QUOTES}</span>”')
        found = numbering(block.text)
        if found:
            level, number, _ = found
            if level == 2 and announced is None:
                announced = 0  # numbered parts begin: an announcement after this does not count
            if number != last_number.get(level, 0) + 1 and not _note_only(previous):
                out.append(note(NOTE_NUMBERING, block.line))
                previous = out[-1]
            last_number[level] = number
            for deeper in [lv for lv in last_number if lv > level]:
                del last_number[deeper]
        elif announced is None and block.kind == "para":
            match = _ANNOUNCED_RE.search(block.text)
            if match:
                announced = numeral_value(match["n"])
        if block.kind == "heading" and previous is not None and _end_is_open(previous):
            out.append(note(NOTE_INCOMPLETE, previous.line))
        out.append(block)
    if out and _end_is_open(out[-1]):
        out.append(note(NOTE_ENDS_HERE, out[-1].line))
    parts = last_number.get(2, 0)
    if announced and 0 < parts < announced and not _note_only(out[-1]):
        # 下面，我讲三点意见 … and the text stops after 二、: the rest is missing.
        missing = NOTE_PARTS_MISSING.format(announced=count_numeral(announced), parts=count_numeral(parts))
        out.append(note(missing, out[-1].line))
    return out


def finish_blocks(blocks: list[Block], spans: Spans, report: Report) -> list[Block]:
    """Headings, text rules and notes: everything after the blocks exist, for both input forms."""
    blocks = make_headings(blocks, spans, report)
    blocks = clean_blocks(blocks, spans, report)
    return add_notes(blocks, spans, report)


