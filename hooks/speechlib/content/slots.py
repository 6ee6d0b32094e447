"""Fill-in slots of template pages: the slot catalogue, the source checker and the HTML renderer.

Syntax. A slot is a name between full-width square brackets on one line: ``［工作领域］``. Names come
from ``data/slots.yml``::

    slots:
      - {name: 工作领域, help: 会议所涉工作, example: 安全生产}

Within one template a slot name means one thing, so that a writer (or a later fill-in feature) can
fill it once for the whole page. When the same kind of item occurs more than once with different
values (speaking units in order, two deadlines, two figures), each instance carries a number written
as one ASCII digit 1–9 directly after the catalogued name: ``［发言单位1］``, ``［发言单位2］``. The
number only tells the instances apart; help and example are those of the base name. Templates
number in the order of first appearance in the template text, and keep a name un-numbered where
every occurrence means the same value. Not allowed:

- ``0`` and numbers of two or more digits (``［发言单位0］``, ``［发言单位12］``): instances count
  from 1, and ``12`` would read both as "twelve" and as "1, then 2"; a template that needs more than
  nine different values of one kind should list them in one slot (``发言顺序依次是：［发言单位］``);
- full-width digits (``［发言单位１］``): they look like the ASCII ones but would make a second name;
- a number after a name that is not in the catalogue (``［未知名1］``);
- catalogue names that end in an ASCII digit, which would make ``［名称1］`` ambiguous.

Checking (``check_source``) works on the Markdown source of a template page, front matter
included, so that reported line numbers are those an editor shows. Front matter, fenced code
blocks (any indentation, ````` ``` ````` or ``~~~``) and inline code spans are skipped: that is
where a writer shows the syntax itself. Each remaining line is scanned for

- an unclosed slot: ``［`` with no ``］`` after it on the same line (or before the next ``［``);
- an empty slot: ``［］``;
- a name with blanks inside the brackets: ``［ 工作领域 ］``;
- a name missing from the catalogue (the message lists the closest names), numbered or not;
- an instance number that is not one ASCII digit 1–9 (``０``–``９``, ``0``, ``12``);
- a stray ``］`` with no ``［`` before it.

Input (line 12 of docs/tuijinhui/templates/zhuchici.md)::

    请［县长］讲话。

Output::

    Problem(line=12, message="unknown slot '［县长］'; use a name listed in data/slots.yml, or add …")

Rendering (``render_slots``) works on the page HTML: in text outside tags, ``code``, ``pre``,
``script``, ``style`` and ``textarea``, every slot whose name is in the catalogue becomes
``<span class="slot" data-slot="工作领域">［工作领域］</span>``; a numbered instance also names its
catalogue entry: ``<span class="slot" data-slot="发言单位1" data-slot-base="发言单位">［发言单位1］</span>``
(``data-slot`` identifies the blank to fill, ``data-slot-base`` where its help and example are). The
brackets stay in the text, so a reader who copies the paragraph still sees the blank; text is
unchanged, so paragraph anchors (computed from plain text) do not move.

Errors in ``data/slots.yml`` raise ``SourceError`` (every fault, one line each) whose message starts with
``data/slots.yml:<line>:``.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pydantic

from speechlib.content import datafiles
from speechlib.text import SLOT_CLOSE, SLOT_OPEN, SLOT_RE, SourceError, split_front_matter

OPEN, CLOSE = SLOT_OPEN, SLOT_CLOSE

SLOTS_FILE = datafiles.display("slots")


# --------------------------------------------------------------------------------------------
# The catalogue


@dataclass(frozen=True)
class Slot:
    name: str
    help: str
    example: str
    line: int  # where the entry starts in data/slots.yml


@dataclass(frozen=True)
class SlotRef:
    """A slot as written in a template: ``发言单位2`` is instance 2 of the catalogue name ``发言单位``."""

    name: str  # the text between the brackets
    base: str  # the catalogue name
    instance: int | None  # 1–9, or None for an un-numbered slot


# A name followed by its instance number: one ASCII digit 1–9, nothing after it.
_INSTANCE_RE = re.compile(r"(?P<base>.+?)(?P<number>[1-9])")
# Any run of digits at the end of a name, ASCII or full-width: used only to explain a bad number.
_TRAILING_DIGITS_RE = re.compile(r"(?P<base>.+?)(?P<number>[0-9０-９]+)")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True)
class Catalog:
    slots: tuple[Slot, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.slots)

    def __contains__(self, name: object) -> bool:
        return any(s.name == name for s in self.slots)

    def lookup(self, name: str) -> SlotRef | None:
        """The slot ``name`` (text between the brackets) stands for, or None if it is not valid."""
        if name in self:
            return SlotRef(name, name, None)
        match = _INSTANCE_RE.fullmatch(name)
        if match and match.group("base") in self:
            return SlotRef(name, match.group("base"), int(match.group("number")))
        return None


class SlotEntry(datafiles.Record):
    """One entry of ``data/slots.yml``: ``- {name: 名称, help: 填写内容, example: 示例}``."""

    name: str = pydantic.Field(min_length=1)
    help: str = pydantic.Field(min_length=1)
    example: str = pydantic.Field(min_length=1)

    @pydantic.field_validator("name")
    @classmethod
    def _plain_name(cls, name: str) -> str:
        if re.search(r"\s", name) or OPEN in name or CLOSE in name:
            raise datafiles.value_error(
                f"槽位名称「{name}」含空白或方括号；只写方括号之间的文字，例如 工作领域"
            )
        if name[-1] in "0123456789":
            raise datafiles.value_error(
                f"槽位名称「{name}」以数字结尾，会被当作编号（{OPEN}发言单位1{CLOSE}）；请改名，例如用汉字数字"
            )
        return name


class SlotsFile(datafiles.Record):
    slots: list[SlotEntry] = pydantic.Field(min_length=1)


def parse_catalog(text: str, path: str = SLOTS_FILE) -> Catalog:
    """Read the text of ``data/slots.yml`` (:func:`speechlib.content.datafiles.parse`); every fault is
    reported with its line, duplicate names too."""
    data, root = datafiles.parse(text, path, SlotsFile)
    slots: list[Slot] = []
    first_line: dict[str, int] = {}
    faults = []
    for index, entry in enumerate(data.slots):
        line = datafiles.line_of(root, ("slots", index))
        if entry.name in first_line:
            first = first_line[entry.name]
            text = f"槽位名称「{entry.name}」重复（第一次在第 {first} 行）；删去或改名其中一个"
            faults.append(datafiles.fail(path, line, text))
            continue
        first_line[entry.name] = line
        slots.append(Slot(entry.name, entry.help, entry.example, line))
    if faults:
        raise SourceError("\n".join(str(f) for f in faults))
    return Catalog(tuple(slots))


def catalog_table(catalog: Catalog) -> str:
    """A Markdown table of all slots (name, what to fill in, example), in catalogue order."""

    def cell(text: str) -> str:
        # A pipe would end the cell; a newline would end the table.
        return text.replace("|", "&#124;").replace("\n", " ")

    rows = ["| 槽位 | 填写内容 | 示例 |", "| --- | --- | --- |"]
    for slot in catalog.slots:
        rows.append(f"| {OPEN}{cell(slot.name)}{CLOSE} | {cell(slot.help)} | {cell(slot.example)} |")
    return "\n".join(rows) + "\n"


# --------------------------------------------------------------------------------------------
# Checking the Markdown source


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based, counted from the top of the file including front matter
    message: str


_FENCE_RE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
_CODE_SPAN_RE = re.compile(r"(?P<ticks>`+).+?(?P=ticks)")


def _checked_lines(source: str) -> Iterable[tuple[int, str]]:
    """(line number, text) of the lines to check: not front matter, not inside a code fence."""
    lines = source.splitlines()
    front, _, body_line = split_front_matter(source)
    skip = body_line - 1 if front is not None else 0
    fence: str | None = None
    for number, line in enumerate(lines, start=1):
        if number <= skip:
            continue
        match = _FENCE_RE.match(line)
        if fence is None:
            if match:
                fence = match.group("fence")
                continue
            yield number, line
        elif match and match.group("fence")[0] == fence[0] and len(match.group("fence")) >= len(fence):
            if not line[match.end() :].strip():
                fence = None


def suggest(name: str, names: Sequence[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` catalogue names closest to ``name``, best first."""
    close = difflib.get_close_matches(name, names, n=limit, cutoff=0.34)
    # A name that contains, or is contained in, the unknown one is a good guess even when it is
    # short (“职务” → “领导职务”); add such names after the fuzzy matches.
    for other in names:
        if len(close) >= limit:
            break
        if other not in close and (other in name or name in other):
            close.append(other)
    return close


def check_line(text: str, catalog: Catalog) -> list[str]:
    """Messages (without location) for the slot problems on one line of Markdown."""
    text = _CODE_SPAN_RE.sub(lambda m: " " * len(m.group(0)), text)
    messages: list[str] = []
    open_at: int | None = None
    for pos, ch in enumerate(text):
        if ch == OPEN:
            if open_at is not None:
                messages.append(_unclosed(text, open_at, pos))
            open_at = pos
        elif ch == CLOSE:
            if open_at is None:
                messages.append(
                    f"多出一个“{CLOSE}”，前面没有对应的“{OPEN}”；删去它，"
                    f"或补上“{OPEN}”写成完整的填空项，如 {OPEN}工作领域{CLOSE}"
                )
                continue
            name = text[open_at + 1 : pos]
            open_at = None
            messages.extend(_name_problems(name, catalog))
    if open_at is not None:
        messages.append(_unclosed(text, open_at, len(text)))
    return messages


def _unclosed(text: str, start: int, end: int) -> str:
    fragment = text[start:end].rstrip()
    if len(fragment) > 12:
        fragment = fragment[:12] + "…"
    return (
        f"填空项“{fragment}”没有收尾：请在同一行补上“{CLOSE}”，如 {OPEN}工作领域{CLOSE}（全角方括号）"
    )


def _name_problems(name: str, catalog: Catalog) -> list[str]:
    slot = f"{OPEN}{name}{CLOSE}"
    if not name.strip():
        return [
            f"填空项 {slot} 是空的：请在方括号之间写上 {SLOTS_FILE} 中的名称，或删去这对方括号"
        ]
    if catalog.lookup(name):
        return []
    stripped = re.sub(r"\s+", "", name)
    if catalog.lookup(stripped):
        return [f"填空项 {slot} 的方括号内有空格；请写作 {OPEN}{stripped}{CLOSE}"]
    numbered = _TRAILING_DIGITS_RE.fullmatch(stripped)
    if numbered and numbered.group("base") in catalog:
        base, number = numbered.group("base"), numbered.group("number")
        ascii_number = number.translate(_FULL_WIDTH_DIGITS)
        if ascii_number != number and catalog.lookup(base + ascii_number):
            return [
                f"填空项 {slot} 的编号是全角数字；请改为半角：{OPEN}{base}{ascii_number}{CLOSE}"
            ]
        return [
            f"填空项 {slot} 的编号“{number}”不可用：同名的填空项用一位数字 1 至 9 编号，"
            f"如 {OPEN}{base}1{CLOSE}、{OPEN}{base}2{CLOSE}……"
        ]
    # An unknown name with a valid number: suggest catalogue names carrying the same number.
    instance = _INSTANCE_RE.fullmatch(stripped)
    base, suffix = (instance.group("base"), instance.group("number")) if instance else (stripped, "")
    close = suggest(base, catalog.names)
    nearby = f"（最接近的名称：{'、'.join(f'{OPEN}{n}{suffix}{CLOSE}' for n in close)}）" if close else ""
    return [
        f"没有名为 {slot} 的填空项{nearby}；"
        f"请改用 {SLOTS_FILE} 中的名称，或在该文件中添加一条（名称、说明、示例）"
    ]


def check_source(source: str, catalog: Catalog) -> list[Problem]:
    """All slot problems of a Markdown file (front matter included in the line count)."""
    problems: list[Problem] = []
    for number, line in _checked_lines(source):
        problems.extend(Problem(number, message) for message in check_line(line, catalog))
    return problems


# --------------------------------------------------------------------------------------------
# Rendering slots in HTML



def slot_span(name: str, base: str | None = None) -> str:
    """The HTML of one rendered slot; ``name`` and ``base`` are plain (unescaped) text.

    ``base`` is the catalogue name of a numbered instance (``发言单位`` for ``发言单位1``); an
    un-numbered slot has no ``data-slot-base``: its ``data-slot`` is the catalogue name.
    """
    escaped = html.escape(name, quote=True)
    base_attr = (
        f' data-slot-base="{html.escape(base, quote=True)}"' if base is not None and base != name else ""
    )
    return f'<span class="slot" data-slot="{escaped}"{base_attr}>{OPEN}{escaped}{CLOSE}</span>'


def slot_pieces(text: str, catalog: Catalog) -> list[tuple[bool, str]] | None:
    """Plain ``text`` split around its catalogued slots: (True, text) and (False, span HTML) pieces.

    None when the text holds no catalogued slot. Used by the page pipeline
    (:mod:`speechlib.page.html`), which escapes the text pieces when it writes the page.
    """
    pieces: list[tuple[bool, str]] = []
    pos = 0
    for match in SLOT_RE.finditer(text):
        ref = catalog.lookup(match.group(1))
        if ref is None:
            continue
        pieces += [(True, text[pos : match.start()]), (False, slot_span(ref.name, ref.base))]
        pos = match.end()
    if not pieces:
        return None
    pieces.append((True, text[pos:]))
    return [p for p in pieces if p[1]]
