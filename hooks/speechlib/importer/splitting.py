"""Splitting a file that holds several speeches, and finding where each one starts.

A collection marks each speech with a line of its own, numbered from one:

    第一篇：全县人口和计划生育工作培训会主持词      (第N篇 with an optional title)
    领导在计划生育工作会议上的讲话篇一             (a title ending in 篇N)
    篇二：…  /  【范文三】…                         (less common forms)

Marker lines are short (at most 80 characters) and do not end a sentence. They count only when
their numbers run 1, 2, 3 … without a gap, or when a single marker opens the file (a speech copied
out of a collection); otherwise the file is taken as one speech and a warning says why.

Text before the first marker (collection title, the page's intro) is not part of any speech; the
boilerplate rules name what they recognise and the rest is reported as ``preamble``.

A collection without markers (a page headed ``会议主持词两篇``) is split at its titles: a title
line (…主持词, …上的讲话, a stray full stop allowed) followed, after at most a speaker and a date
line, by a form of address (同志们：) opens a speech, when at least two do. The title stays
with its speech as its header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import numeral_value
from . import inference as inf
from .report import Report
from .textutil import ADDRESS_RE, Line, ends_sentence

_NUM = r"[一二三四五六七八九十\d]{1,3}"

MARKER_RES = (
    # 第一篇：全县人口和计划生育工作培训会主持词
    re.compile(rf"^第(?P<n>{_NUM})篇\s*[：:、.．]?\s*(?P<title>.*)$"),
    # 篇二：标题   /  【范文三】标题
    re.compile(rf"^(?:篇|【?范文)(?P<n>{_NUM})】?\s*[：:、.．]\s*(?P<title>.*)$"),
    # 领导在计划生育工作会议上的讲话篇一
    re.compile(rf"^(?P<title>.{{0,70}}?)\s*篇(?P<n>{_NUM})$"),
)


@dataclass(frozen=True)
class Marker:
    number: int
    title: str


def parse_marker(text: str) -> Marker | None:
    """The speech number and title of a marker line, or None if the line is not one."""
    text = text.strip()
    if len(text) > 80:
        return None
    for pattern in MARKER_RES:
        match = pattern.match(text)
        number = numeral_value(match["n"]) if match else None
        if match and number:
            title = match["title"].strip()
            return None if title and ends_sentence(title) else Marker(number, title)
    return None


@dataclass
class Chunk:
    """The lines of one speech, with the marker that opened it (None for a single speech)."""

    lines: list[Line]
    marker: Marker | None = None
    marker_line: int | None = None


def _opens_speech(lines: list[Line], index: int) -> bool:
    """A title line followed (after speaker and date lines) by a form of address."""
    if not inf.is_title(lines[index].text.rstrip(".。．")):
        return False
    for line in lines[index + 1:index + 4]:
        if ADDRESS_RE.match(line.text):
            return True
        if not (inf.is_speaker_line(line.text) or inf.match_date_line(line.text)):
            return False
    return False


def split_at_titles(lines: list[Line], report: Report) -> list[Chunk] | None:
    starts = [i for i in range(len(lines)) if _opens_speech(lines, i)]
    if len(starts) < 2:
        return None
    for line in lines[:starts[0]]:
        report.add("preamble", line.no, line.text)
    bounds = [*starts, len(lines)]
    return [Chunk(lines[start:end], Marker(n, ""), None)
            for n, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False), 1)]


def split_speeches(lines: list[Line], report: Report) -> list[Chunk]:
    found = [(i, m) for i, line in enumerate(lines) if (m := parse_marker(line.text))]
    numbers = [m.number for _, m in found]
    if not found:
        return split_at_titles(lines, report) or [Chunk(lines)]
    # A speech copied out of a collection may keep its marker (第四篇：…) on its first line.
    lone = len(found) == 1 and found[0][0] == 0
    if numbers != list(range(1, len(numbers) + 1)) and not lone:
        report.warn("像分篇标记的行没有按 1、2、3……顺序编号"
                    f"（{'、'.join(map(str, numbers))}），整个文件按一篇导入；如需分篇，请改正标记的序号",
                    lines[found[0][0]].no)
        return [Chunk(lines)]
    first = found[0][0]
    for line in lines[:first]:
        report.add("preamble", line.no, line.text)
    chunks = []
    bounds = [i for i, _ in found] + [len(lines)]
    for (start, marker), end in zip(found, bounds[1:], strict=True):
        report.add("split", lines[start].no, lines[start].text)
        chunks.append(Chunk(lines[start + 1:end], marker, lines[start].no))
    return chunks
