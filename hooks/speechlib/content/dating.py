"""Dating speeches by what they mention: the dated-marker table, period estimates, the date check and
the dating of phrases. Pure functions; no MkDocs imports.

The table is ``data/dated_markers.yml``::

    older_before: {year: 2016, reason: 全面两孩政策实施以后，此前的提法多已不用}
    markers:
      - text: 国家人口计生委                 # literal form looked for in a page's text
        variants: [国家人口和计划生育委员会]  # optional: other literal forms of the same marker
        kind: 机构                           # 机构 | 规划 | 会议 | 政策 | 做法 | 提法
        from: 2003                           # optional: earliest year a text can mention it
        until: 2013                          # optional: latest year a text can mention it as current
        ended: 撤并                          # optional: 废止 | 撤并 | 受限 | 更替 (tied wording is 较早用语)
        reason: 2003年由国家计生委更名而来，2013年与卫生部合并   # one line of Chinese

``older_before`` is optional. Years are integers (1949–2100), ``from`` ≤ ``until``; a marker with
neither ``from`` nor ``until`` dates nothing and must carry ``ended``. Forms are unique across the
table. Matching folds full-width ASCII and drops white space (:func:`speechlib.page.paragraphs.normalize`);
where forms overlap in a text the longest wins, so 卫生计生委 is not also counted as 计生委.

A page's ``period`` front-matter field (text) is one of ``2012``, ``2011–2013`` (en dash; a hyphen,
em dash or 至 is accepted too), ``2013年以前`` or ``2016年以后``; :func:`parse_span` reads it, and
also reads a ``date`` (``2012-01-31``, ``2012-01``, ``2012``; ``不详`` and empty give None).

Errors are :class:`DatingError` (a :class:`SourceError`): the table is read by the one data-file
reader (:mod:`speechlib.content.datafiles`, schema :class:`MarkersFile`), which reports every fault
at once, each as ``<path>:<line>: 中文说明`` — unknown keys, missing ``text``/``kind``/``reason``, an
unknown kind or ``ended`` value, a year outside 1949–2100 or not an integer, ``from`` after ``until``,
no years and no ``ended``; a form used by two markers is reported after it. :func:`parse_span` raises a
plain :class:`DatingError` without location (the caller adds it).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import ahocorasick
import pydantic

from speechlib.content import datafiles
from speechlib.text import SourceError, display_path, normalize

KINDS = ("机构", "规划", "会议", "政策", "做法", "提法")
ENDED = ("废止", "撤并", "受限", "更替")
_MIN_YEAR, _MAX_YEAR = 1949, 2100


class DatingError(SourceError):
    """A problem in the dated-marker table or a period; table messages start with ``path:line:``."""


@dataclass(frozen=True)
class Marker:
    text: str
    variants: tuple[str, ...]
    kind: str
    start: int | None  # ``from`` in the file
    end: int | None  # ``until`` in the file
    ended: str | None
    reason: str
    line: int

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.text, *self.variants)

    @property
    def dates(self) -> bool:
        return self.start is not None or self.end is not None

    def years(self) -> str:
        """The window as shown in messages: 2003–2013, until 2013, from 2018."""
        if self.start is not None and self.end is not None:
            return f"{self.start}–{self.end}"
        return f"until {self.end}" if self.end is not None else f"from {self.start}"


@dataclass(frozen=True)
class MarkerTable:
    markers: tuple[Marker, ...]
    older_before: int | None = None
    older_reason: str | None = None


@dataclass(frozen=True)
class Found:
    """A marker found in a text: which form matched first, and how often the marker occurs."""

    marker: Marker
    form: str
    count: int


@dataclass(frozen=True)
class Estimate:
    """The window a text's markers allow; ``start``/``end`` None where no marker bounds it."""

    start: int | None
    end: int | None
    evidence: tuple[Found, ...]  # the dating markers found, in order of first occurrence

    def period(self) -> str:
        """The window in the ``period`` field's notation."""
        return format_span(self.start, self.end)

    def basis(self) -> str:
        """The evidence as a Chinese sentence for ``period_basis``."""
        names = "、".join(f"“{f.form}”" for f in self.evidence)
        reasons = "；".join(f.marker.reason for f in self.evidence)
        return f"文中提到{names}：{reasons}。"


@dataclass(frozen=True)
class PhraseDating:
    first: tuple[int | None, int | None] | None  # the earliest dated use's window
    last: tuple[int | None, int | None] | None  # the latest dated use's window
    older: bool  # 较早用语
    reason: str | None  # why it is 较早用语 (Chinese), else None


# --- the table -----------------------------------------------------------------------------------

Year = Annotated[int, pydantic.Field(strict=True, ge=_MIN_YEAR, le=_MAX_YEAR)]
Text = Annotated[str, pydantic.Field(min_length=1)]


class MarkerEntry(datafiles.Record):
    """One marker of ``data/dated_markers.yml`` (keys as in the module docstring)."""

    text: Text
    variants: list[Text] = []
    kind: Literal[KINDS]  # type: ignore[valid-type]
    start: Year | None = pydantic.Field(None, alias="from")
    end: Year | None = pydantic.Field(None, alias="until")
    ended: Literal[ENDED] | None = None  # type: ignore[valid-type]
    reason: Text

    @pydantic.model_validator(mode="after")
    def _window(self) -> MarkerEntry:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise datafiles.value_error(
                f"「{self.text}」的 from（{self.start}）晚于 until（{self.end}）；请改正年份"
            )
        if self.start is None and self.end is None and self.ended is None:
            raise datafiles.value_error(
                f"「{self.text}」既没有 from/until，也没有 ended，什么也标不出；请补上年份或 ended"
            )
        return self


class OlderBefore(datafiles.Record):
    year: Year
    reason: Text


class MarkersFile(datafiles.Record):
    markers: list[MarkerEntry] = pydantic.Field(min_length=1)
    older_before: OlderBefore | None = None


def load_markers(path: Path | str, root: Path | str | None = None) -> MarkerTable:
    """Read and validate the table at ``path``; messages name it relative to ``root``."""
    path = Path(path)
    rel = display_path(path, root)
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DatingError(f"{rel}:1: 找不到年代标记表（does not exist）；请从版本库恢复它") from None
    return parse_markers(source, rel)


def parse_markers(source: str, display: str = datafiles.FILES["markers"]) -> MarkerTable:
    """Validate the table's text (:func:`speechlib.content.datafiles.parse`); every fault with its line."""
    try:
        data, root = datafiles.parse(source, display, MarkersFile)
    except SourceError as exc:
        raise DatingError(str(exc)) from None
    markers: list[Marker] = []
    owners: dict[str, int] = {}
    faults: list[str] = []
    for i, entry in enumerate(data.markers):
        line = datafiles.line_of(root, ("markers", i))
        places = [("text",), *(("variants", j) for j in range(len(entry.variants)))]
        for place, form in zip(places, (entry.text, *entry.variants), strict=True):
            key = normalize(form)
            if key in owners:
                where = datafiles.line_of(root, ("markers", i, *place))
                text = f"「{form}」已是第 {owners[key]} 行标记的写法；一个写法只能属于一个标记"
                faults.append(f"{display}:{where}: {text}")
                continue
            owners[key] = line
        markers.append(
            Marker(
                entry.text,
                tuple(entry.variants),
                entry.kind,
                entry.start,
                entry.end,
                entry.ended,
                entry.reason,
                line,
            )
        )
    if faults:
        raise DatingError("\n".join(faults))
    older = data.older_before
    return MarkerTable(tuple(markers), older.year if older else None, older.reason if older else None)


# --- markers in a text ---------------------------------------------------------------------------

@functools.lru_cache(maxsize=8)
def _automaton(table: MarkerTable) -> ahocorasick.Automaton | None:
    """One Aho-Corasick automaton for every form of the table, normalized; each needle maps to the
    (marker number, form number, marker, form) that spell it. One pass over a text instead of one
    ``str.find`` loop per form: the date check reads every exemplar on every build."""
    needles: dict[str, list[tuple[int, int, Marker, str]]] = {}
    for mi, marker in enumerate(table.markers):
        for fi, form in enumerate(marker.forms):
            needle = normalize(form)
            if needle:
                needles.setdefault(needle, []).append((mi, fi, marker, form))
    if not needles:
        return None
    automaton = ahocorasick.Automaton()
    for needle, owners in needles.items():
        automaton.add_word(needle, (len(needle), owners))
    automaton.make_automaton()
    return automaton


def markers_in(text: str, table: MarkerTable) -> list[Found]:
    """The markers occurring in ``text``, in order of first occurrence; overlapping forms: longest wins."""
    haystack = normalize(text)
    automaton = _automaton(table)
    hits: list[tuple[int, int, Marker, str, int, int]] = []  # start, end, marker, form, its numbers
    for last, (size, owners) in automaton.iter(haystack) if automaton is not None and haystack else ():
        for mi, fi, marker, form in owners:
            hits.append((last + 1 - size, last + 1, marker, form, mi, fi))
    # Longest first, then leftmost; ties in table order (marker, then form), as one find loop per
    # form in table order would give them.
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0], h[4], h[5]))
    taken = [False] * len(haystack)
    kept: list[tuple[int, Marker, str]] = []
    for start, end, marker, form, _, _ in hits:
        if any(taken[start:end]):
            continue
        for k in range(start, end):
            taken[k] = True
        kept.append((start, marker, form))
    kept.sort(key=lambda k: k[0])
    found: dict[int, Found] = {}
    for _, marker, form in kept:
        key = marker.line
        if key in found:
            found[key] = Found(marker, found[key].form, found[key].count + 1)
        else:
            found[key] = Found(marker, form, 1)
    return list(found.values())


def period_from_text(text: str, table: MarkerTable) -> Estimate | None:
    """The window the dating markers in ``text`` allow, with the evidence.

    None when no dating marker occurs, or when the markers disagree (the latest ``from`` is after the
    earliest ``until``, as in a text that quotes an older body); :func:`contradiction` names them.
    """
    evidence = tuple(f for f in markers_in(text, table) if f.marker.dates)
    if not evidence:
        return None
    starts = [f.marker.start for f in evidence if f.marker.start is not None]
    ends = [f.marker.end for f in evidence if f.marker.end is not None]
    start = max(starts) if starts else None
    end = min(ends) if ends else None
    if start is not None and end is not None and start > end:
        return None
    return Estimate(start, end, evidence)


# --- dates and periods ---------------------------------------------------------------------------

_SPAN_RES = (
    (re.compile(r"^(\d{4})$"), lambda m: (int(m[1]), int(m[1]))),
    (re.compile(r"^(\d{4})\s*(?:[-–—~～]|至)\s*(\d{4})$"), lambda m: (int(m[1]), int(m[2]))),
    (re.compile(r"^(\d{4})年?以前$"), lambda m: (None, int(m[1]))),
    (re.compile(r"^(\d{4})年?以后$"), lambda m: (int(m[1]), None)),
    (re.compile(r"^(\d{4})-\d{2}(?:-\d{2})?$"), lambda m: (int(m[1]), int(m[1]))),
)


@functools.lru_cache(maxsize=4096)
def parse_span(value: str | int | None) -> tuple[int | None, int | None] | None:
    """A ``date`` or ``period`` value as (first year, last year); None for 不详 or empty.

    Raises :class:`DatingError` (no location) for anything else, or a span whose years are reversed.
    Remembered: a library has a few hundred distinct dates, read once per use of every phrase.
    """
    if value is None:
        return None
    value = str(value).strip()
    if value in ("", "不详"):
        return None
    for regex, make in _SPAN_RES:
        match = regex.match(value)
        if match:
            start, end = make(match)
            if start is not None and end is not None and start > end:
                raise DatingError(f"the period {value} runs backwards; write the earlier year first")
            return start, end
    raise DatingError(
        f"cannot read {value!r} as a date or period; write 2012, 2011–2013, 2013年以前 or 2016年以后"
    )


def format_span(start: int | None, end: int | None) -> str:
    """A window in the ``period`` field's notation (the inverse of :func:`parse_span`)."""
    if start is not None and end is not None:
        return str(start) if start == end else f"{start}–{end}"
    if end is not None:
        return f"{end}年以前"
    if start is not None:
        return f"{start}年以后"
    return "不详"


def contradiction(date: str | None, period: str | None, text: str, table: MarkerTable) -> str | None:
    """An English message when the page's ``date`` or ``period`` falls outside what a marker in
    ``text`` allows, else None. The first offending marker is named with its years and reason.

    A date contradicts a marker when its year is before the marker's ``from`` or after its
    ``until``; a period does when any part of it lies outside the marker's window (a period is the
    writer's estimate, so it must sit inside what the text allows). Raises :class:`DatingError` when
    ``date`` or ``period`` cannot be read.
    """
    found = [f for f in markers_in(text, table) if f.marker.dates]
    for field, value in (("date", date), ("period", period)):
        span = parse_span(value)
        if span is None:
            continue
        first, last = span
        for f in found:
            m = f.marker
            too_late = m.end is not None and (last is None or last > m.end)
            too_early = m.start is not None and (first is None or first < m.start)
            if too_late or too_early:
                return (
                    f"{field} {value} contradicts the text: it mentions 「{f.form}」, which dates a text "
                    f"{m.years()} ({m.reason}); correct the {field}, or write date: 不详 with a period "
                    "and period_basis"
                )
    return None


# --- phrases -------------------------------------------------------------------------------------

def tied_marker(phrase: str | Iterable[str], table: MarkerTable) -> Marker | None:
    """The first ``ended`` marker a phrase is tied to: one of its forms contains a marker form
    (一票否决 and 坚决实行“一票否决” are both tied to 一票否决)."""
    forms = [phrase] if isinstance(phrase, str) else list(phrase)
    keys = [normalize(p) for p in forms if p]
    for marker in table.markers:
        if marker.ended is None:
            continue
        for form in marker.forms:
            needle = normalize(form)
            if any(needle in key for key in keys):
                return marker
    return None


def current_formulation(phrase: str | Iterable[str], table: MarkerTable) -> Marker | None:
    """The first current political formulation or congress a phrase contains: a 提法 or 会议 marker
    with no ``until`` and no ``ended`` (科学发展观, 二十大). Such wording is never 较早用语 by the age of
    its uses: the exemplars being old says nothing about whether the formulation is still in force."""
    forms = [phrase] if isinstance(phrase, str) else list(phrase)
    keys = [normalize(p) for p in forms if p]
    for marker in table.markers:
        if marker.kind not in ("提法", "会议") or marker.end is not None or marker.ended is not None:
            continue
        if any(normalize(form) in key for form in marker.forms for key in keys):
            return marker
    return None


def date_phrase(
    phrase: str | Iterable[str],
    uses: Iterable[str | None],
    table: MarkerTable,
    *,
    in_templates: bool = False,
    min_dated: int = 3,
) -> PhraseDating:
    """First and last period of a phrase, and whether it is 较早用语, with the reason.

    ``phrase`` is its text or all its forms; ``uses`` holds, for each exemplar it occurs in, that
    page's period or date (``2011–2013``, ``2012-01-31``, ``不详`` …); ``in_templates`` says whether a
    template uses it (the templates are current wording, so such a phrase is never dated by its
    uses). 较早用语 when (1) the phrase is tied to a marker with ``ended`` (reason: that marker's
    reason), or (2) no template uses it, at least ``min_dated`` uses are dated and every one ends
    before the table's ``older_before`` year (reason: 所见用例均早于YYYY年 and the table's reason);
    rule (2) concerns the field's own wording only and never applies to a current political
    formulation (:func:`current_formulation`).
    ``min_dated`` is 3 by default: the exemplars include only a few texts after 2016, so a generic
    phrase found in one or two older speeches (流于形式, 清醒地认识到) is no evidence of age.
    """
    spans = [s for s in (parse_span(u) for u in uses) if s is not None]

    def low(s: tuple[int | None, int | None]) -> int:
        return s[0] if s[0] is not None else (s[1] if s[1] is not None else 0)

    def high(s: tuple[int | None, int | None]) -> int:
        return s[1] if s[1] is not None else (s[0] if s[0] is not None else 0)

    first = min(spans, key=lambda s: (low(s), high(s))) if spans else None
    last = max(spans, key=lambda s: (high(s), low(s))) if spans else None

    marker = tied_marker(phrase, table)
    if marker is not None:
        label = {"废止": "已废止", "撤并": "已撤并", "受限": "现行规定严格限制", "更替": "已由新提法取代"}[
            marker.ended or "受限"
        ]
        when = f"（{marker.end}年）" if marker.end is not None and marker.ended != "受限" else ""
        return PhraseDating(first, last, True, f"与“{marker.text}”相关，{label}{when}：{marker.reason}")
    cutoff = table.older_before
    if (
        cutoff is not None
        and not in_templates
        and current_formulation(phrase, table) is None
        and len(spans) >= min_dated
        and all(s[1] is not None and s[1] < cutoff for s in spans)
    ):
        return PhraseDating(first, last, True, f"所见用例均早于{cutoff}年，模板未用：{table.older_reason}")
    return PhraseDating(first, last, False, None)
