"""Line rules: what the importer removes from a plain-text source before it builds paragraphs.

They run in this order, on the lines of the whole file (blank lines dropped, each line stripped),
and report every piece they remove (see :mod:`speechlib.importer.report`):

0. ``pinyin``, ``traditional`` — glosses go and a traditional page becomes simplified first
   (:mod:`.script`), so that every later rule reads the text it is written for.

1. ``chunk-number`` — a web page that flattened a speech into a few long lines numbers each of
   them ``1、 2、 3、 …`` (seed 004). When every line starts with its own number in sequence, the
   lines are long (100 characters on average) and most of them stop inside a sentence, the
   numbers go:
   ``2、绕统筹解决人口问题`` → ``绕统筹解决人口问题`` (the line before ends ``紧紧围``).
2. ``watermark`` — the 5ykj.com / 莲山课件 watermark wherever it stands (``文 章``,
   ``来源莲山``, ``课件 w ww.5 y kj.Co m来源``) and lines that are only a URL.
3. ``link-list`` — a “看过…的人还看了” (or 相关阅读, 猜你喜欢 …) line and the link titles after
   it: short lines that end like a page title (…讲话稿, …范文, …工作总结) or are numbered (1. …),
   up to the next speech marker, heading or sentence.
4. ``collection-title`` — a line such as ``最新领导在计划生育工作会议上的讲话(汇总5篇)`` or
   ``会议主持词两篇``;
   ``intro`` — a web page's intro paragraph before the first speech (…整理了一些…范文，希望对
   大家能够有所帮助).
4a. ``furniture``, ``decoration``, ``title-suffix`` and a title split from its form of address
   (:mod:`.webpage`); then ``anti-copy``, ``hidden-name`` and ``placeholder`` (:mod:`.placeholders`),
   before the page markers, whose removal leaves runs of spaces that are not hidden names.
5. ``page-marker`` — page numbers wherever they fall: ``-1-``, ``— 3 —``, ``-3`` between spaces,
   ``第5页 共5页``, a line holding only a number. When the page numbers jump (``-1`` … ``-3``: page 2
   is missing) the text on either side does not belong together: the marker is replaced by the
   cut sign that becomes an editor's note.
6. ``paragraph-split`` — a space after 。！？… followed by the start of a sentence is a paragraph
   break (``大家欢迎…… 下面，我们请…``). In a flattened file (long lines with many inner spaces,
   seed 004) every space between Chinese text is one. A space that ends a numbered heading run
   into its text (``三、强化措施，…圆满完成 当前，我市…``) is one too.
7. ``page-number`` — a page number glued to a word at a line break: ``…PIS人`` / ``1员，…`` →
   ``…PIS人`` / ``员，…`` (the join then gives ``PIS人员``). Only 1–3 digits, only when the line
   before does not end a sentence, and not before a measure word (``10户``, ``5月``, ``3个``).
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..text import CN_DIGITS, ELLIPSIS, FULL_STOPS, HAN, marker_pattern
from .headings import split_at_space
from .placeholders import mark_placeholders
from .report import Report
from .script import simplify
from .splitting import parse_marker
from .textutil import ADDRESS_RE, CUT, GENRE_WORDS, Line, ends_sentence
from .webpage import clean_page

# --- 1. chunk numbers -----------------------------------------------------------------------------

_CHUNK_RE = re.compile(r"^(?P<n>\d{1,3})、")


def to_lines(text: str) -> list[Line]:
    return [Line(no, s.strip()) for no, s in enumerate(text.split("\n"), 1) if s.strip()]


def strip_chunk_numbers(lines: list[Line], report: Report) -> list[Line]:
    if len(lines) < 2 or sum(len(line.text) for line in lines) / len(lines) < 100:
        return lines
    matches = [_CHUNK_RE.match(line.text) for line in lines]
    if not all(m and int(m["n"]) == i for i, m in enumerate(matches, 1)):
        return lines
    # Chunks are cut anywhere, mostly inside a sentence; numbered paragraphs end with a full stop.
    open_ends = sum(not ends_sentence(line.text) for line in lines[:-1])
    if open_ends * 2 < len(lines) - 1:
        return lines
    out = []
    for line, match in zip(lines, matches, strict=True):
        report.add("chunk-number", line.no, match.group(0))
        out.append(Line(line.no, line.text[match.end():].strip()))
    return out


# --- 2.–4. web boilerplate ---------------------------------------------------------------------


def _spaced(word: str) -> str:
    """A pattern for ``word`` with an optional space between its characters (w ww.5 y kj)."""
    return r"\s?".join(re.escape(c) for c in word)


_SITE = _spaced("www.5ykj.com")
WATERMARK_RE = re.compile(rf"""(?xi)
      (?:{_spaced('文章')}\s*)?            # "文 章" the page puts before the site name
      {_spaced('来源')}\s*{_spaced('莲山')}  # 来源莲山
      (?:\s*{_spaced('课件')})?
      (?:\s*{_SITE})?
      (?:\s*{_spaced('来源')})?
    | {_spaced('莲山课件')}(?:\s*{_SITE})?(?:\s*{_spaced('来源')})?
    | (?:{_spaced('课件')}\s*)?{_SITE}(?:\s*{_spaced('来源')})?
""")
# The lone "文 章" line is a watermark only on a line of its own: 文章 is an ordinary word.
_WATERMARK_LINE_RE = re.compile(r"^(?:文\s?章|(?:https?://|www\.)\S+)$", re.I)

LINK_HEAD_RE = re.compile(r"""(?x)
      ^看过.{0,60}的人还看了[:：]?$
    | ^(?:相关阅读|相关推荐|相关文章|猜你喜欢|推荐阅读|热门推荐|延伸阅读|精彩推荐)[:：]?$
""")
# A link title: ends like the title of a page (讲话稿, 范文, 工作总结 …) or is numbered (1. …).
LINK_TITLE_RE = re.compile(r"""(?x)
      (?:讲话|讲稿|稿|主持词|范文|总结|报告|致辞|发言|心得|体会|汇报|方案|计划|规划|意见|提纲|篇
        |大全|精选|模板|[（(]\s*\d+\s*篇\s*[）)])$
    | ^\d{1,2}[.、．]
""")
_NUMBERED_HEADING_RE = re.compile(f"^(?:{marker_pattern(2)}|{marker_pattern(3)})")  # 一、 （一）

COLLECTION_TITLE_RE = re.compile(rf"""(?x)
    [（(]\s*(?:汇总|精选|合集|通用|优选|共|最新)?\s*(?:\d+|[{CN_DIGITS}]+)\s*篇
        \s*(?:范文)?\s*[）)]\s*$                      # …的讲话(汇总5篇)
    | (?:范文|精选|汇总|大全)\s*(?:\d+|[{CN_DIGITS}]+)\s*篇\s*$   # …讲话稿范文5篇
    | {GENRE_WORDS}\s*(?:\d+|[一二两三四五六七八九十]+)\s*[篇则]\s*$       # 会议主持词两篇
""")
INTRO_RE = re.compile(r"""(?x)
    (?:小编|为大家|给大家)\S{0,20}?(?:整理|收集|搜集|精选)     # 以下我给大家整理了一些…
    .*?(?:希望|仅供|欢迎|可供)\S{0,12}?(?:帮助|参考|借鉴|阅读)  # …希望对大家能够有所帮助
""")


def remove_boilerplate(lines: list[Line], report: Report) -> list[Line]:
    out: list[Line] = []
    in_links = False
    starts = [i for i, line in enumerate(lines)
              if parse_marker(line.text) or ADDRESS_RE.match(line.text)]
    first_start = starts[0] if starts else len(lines)
    for index, line in enumerate(lines):
        text = line.text
        if in_links:
            if (len(text) <= 40 and not ends_sentence(text) and LINK_TITLE_RE.search(text)
                    and not parse_marker(text) and not _NUMBERED_HEADING_RE.match(text)):
                report.add("link-list", line.no, text)
                continue
            in_links = False
        if LINK_HEAD_RE.match(text):
            report.add("link-list", line.no, text)
            in_links = True
            continue
        if _WATERMARK_LINE_RE.match(text):
            report.add("watermark", line.no, text)
            continue
        for match in WATERMARK_RE.finditer(line.text):
            report.add("watermark", line.no, match.group(0))
        text = WATERMARK_RE.sub("", text)
        text = text.strip()
        if not text:
            continue
        if len(text) <= 80 and COLLECTION_TITLE_RE.search(text) and not parse_marker(text):
            report.add("collection-title", line.no, text)
            continue
        if index < first_start and len(text) <= 300 and INTRO_RE.search(text):
            report.add("intro", line.no, text)
            continue
        out.append(Line(line.no, text))
    return out


# --- 5. page markers ---------------------------------------------------------------------------

PAGE_MARKER_RE = re.compile(r"""(?x)
      (?<![0-9A-Za-z.])[-－—–]\s?(?P<dashed>\d{1,3})\s?[-－—–](?![0-9A-Za-z])   # -1-  - 3 -
    | (?:^|(?<=\s))[-－—–](?P<lead>\d{1,3})(?=\s|$|第)       # -3 standing between spaces
    | 第\s?(?P<of>\d{1,3})\s?页\s?[,，/]?\s?共\s?\d{1,3}\s?页  # 第5页 共5页
    | 共\s?\d{1,3}\s?页\s?[,，/]?\s?第\s?(?P<of2>\d{1,3})\s?页
    | ^(?P<bare>\d{1,3})$                                   # a line with only a page number
""")


def remove_page_markers(lines: list[Line], report: Report) -> list[Line]:
    """Remove page markers; where the numbering jumps, leave the cut sign in their place."""
    found = []  # (line index, match, family, number)
    for index, line in enumerate(lines):
        for match in PAGE_MARKER_RE.finditer(line.text):
            family = "dash" if match["dashed"] or match["lead"] else (
                "of" if match["of"] or match["of2"] else "bare")
            number = int(match["dashed"] or match["lead"] or match["of"] or match["of2"]
                         or match["bare"])
            found.append((index, match, family, number))
    cut_at: set[tuple[int, int]] = set()
    for family in ("dash", "of", "bare"):
        sequence = [(i, m, n) for i, m, f, n in found if f == family]
        for (index, match, number), (_, _, following) in pairwise(sequence):
            if following > number + 1:
                cut_at.add((index, match.start()))
    for index, match, _, _ in found:
        report.add("page-marker", lines[index].no, match.group(0))
    texts = [line.text for line in lines]
    for index, match, _, _ in reversed(found):  # from the end, so offsets stay valid
        cut = (index, match.start()) in cut_at
        text = texts[index]
        texts[index] = text[:match.start()] + (f" {CUT} " if cut else "") + text[match.end():]
    return [Line(line.no, text.strip()) for line, text in zip(lines, texts, strict=True) if text.strip()]


# --- 6. paragraph breaks written as spaces ---------------------------------------------------

_SENTENCE_GAP_RE = re.compile(rf"(?<=[{re.escape(FULL_STOPS + ELLIPSIS)}])\s+(?=[{HAN}0-9A-Za-z“‘（(《【])")
_INNER_SPACE_RE = re.compile(r"(?<=\S)\s+(?=\S)")


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _inner_gaps(text: str) -> list[re.Match[str]]:
    """Spaces inside a line that do not separate two ASCII words or numbers."""
    return [m for m in _INNER_SPACE_RE.finditer(text)
            if not (_ascii_alnum(text[m.start() - 1]) and _ascii_alnum(text[m.end()]))]


def is_flattened(lines: list[Line]) -> bool:
    """A file whose paragraphs were joined with spaces into a few long lines (seed 004)."""
    chars = sum(len(line.text) for line in lines)
    if not lines or chars / len(lines) < 100:
        return False
    gaps = sum(len(_inner_gaps(line.text)) for line in lines)
    return gaps >= 5 and gaps * 1000 >= 3 * chars


def split_paragraph_spaces(lines: list[Line], report: Report) -> list[Line]:
    flattened = is_flattened(lines)
    out: list[Line] = []
    for line in lines:
        text = line.text
        gaps = _inner_gaps(text) if flattened else list(_SENTENCE_GAP_RE.finditer(text))
        pieces, start = [], 0
        for gap in gaps:
            pieces.append(text[start:gap.start()])
            start = gap.end()
            if CUT not in (text[gap.start() - 1], text[gap.end()]):
                report.add("paragraph-split", line.no, gap.group(0), "\n")
        pieces.append(text[start:])
        for piece in pieces:
            # 三、强化措施，…圆满完成 当前，我市…: the space ends the heading.
            at = split_at_space(piece)
            if at is not None:
                report.add("paragraph-split", line.no, piece[at], "\n")
                parts = [piece[:at], piece[at + 1:]]
            else:
                parts = [piece]
            for part in parts:
                # The cut sign always stands on a line of its own.
                out.extend(Line(line.no, bit.strip()) for bit in re.split(f"({CUT})", part)
                           if bit.strip())
    return out


# --- 7. page numbers glued to a word ---------------------------------------------------------

# Characters that follow a number in ordinary text: a digit before them is not a page number.
MEASURE_WORDS = set(
    "年月日号时分秒点个人户元角万亿千百十次名项条家所座处件份篇批期届位岁周天季度倍成支只张本"
    "台辆头亩吨斤公米里克升类种部栋间套例起宗级层轮道股村镇乡县市区站室组队余多楼代型胎孩"
    "至到比和与或及"
)
_LEADING_NUMBER_RE = re.compile(rf"^(?P<n>\d{{1,3}})(?=[{HAN}])")
_TRAILING_NUMBER_RE = re.compile(rf"(?<=[{HAN}A-Za-z])(?P<n>\d{{1,3}})$")


def remove_glued_page_numbers(lines: list[Line], report: Report) -> list[Line]:
    out = [Line(line.no, line.text) for line in lines]
    for before, after in pairwise(out):
        if CUT in (before.text, after.text):
            continue
        lead = _LEADING_NUMBER_RE.match(after.text)
        if (lead and not ends_sentence(before.text) and re.search(f"[{HAN}A-Za-z]$", before.text)
                and after.text[lead.end()] not in MEASURE_WORDS):
            report.add("page-number", after.no, lead["n"])
            after.text = after.text[lead.end():]
            continue
        trail = _TRAILING_NUMBER_RE.search(before.text)
        if (trail and re.match(f"[{HAN}]", after.text) and after.text[0] not in MEASURE_WORDS
                and not ends_sentence(before.text[:trail.start()])):
            report.add("page-number", before.no, trail["n"])
            before.text = before.text[:trail.start()]
    return out


def clean_lines(text: str, report: Report) -> list[Line]:
    """All line rules, in order, on the text of a plain-text source."""
    lines = simplify(to_lines(text), report)
    lines = strip_chunk_numbers(lines, report)
    lines = remove_boilerplate(lines, report)
    lines = clean_page(lines, report)
    lines = mark_placeholders(lines, report, gaps=not is_flattened(lines))
    lines = remove_page_markers(lines, report)
    lines = split_paragraph_spaces(lines, report)
    return remove_glued_page_numbers(lines, report)
