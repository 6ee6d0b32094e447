"""The host's wording per agenda item (``data/agenda.yml``), read and checked for the 组稿 agenda form.

The file's header comment is the schema; :class:`Agenda` below states it for the one data reader
(:func:`speechlib.content.datafiles.read`). In short::

    title: ［会议名称］主持词            # the script's title
    address: [同志们：, 现在开会。]      # paragraphs before the opening
    opening / attendees / agenda: [alternatives]
    items:                               # one entry per kind, in the order of KINDS
      通报: {label: …, handover: [alternatives], summary: [alternatives]}
    two_leaders: {order: …, handover_government: […], summary_government: […], handover_party: […],
                  party_on_government: […], closing_summary: […]}
    closing: {summary: […], requirements: […], end: […]}

Every alternative is one paragraph of plain text whose slots (［名称］) are names of ``data/slots.yml``.
:func:`load_agenda` returns the data as plain Python (dicts, lists, strings) for the browser's data
file, or raises :class:`speechlib.text.SourceError` with every fault, each ``data/agenda.yml:line: …``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import pydantic

from speechlib.content import datafiles
from speechlib.content.datafiles import Record
from speechlib.content.slots import Catalog
from speechlib.text import SLOT_RE, SourceError

# The kinds of agenda item the form offers, in the order the file lists them.
KINDS = ("通报", "交流发言", "表态发言", "讲话", "主要领导讲话", "宣读文件", "颁奖")

Text = Annotated[str, pydantic.StringConstraints(strip_whitespace=True, min_length=1)]
Alternatives = Annotated[list[Text], pydantic.Field(min_length=1)]


class Item(Record):
    label: Text
    handover: Alternatives
    summary: list[Text]  # empty only for 主要领导讲话: its sum-up is closing.summary


class TwoLeaders(Record):
    order: Text
    handover_government: Alternatives
    summary_government: Alternatives
    handover_party: Alternatives
    party_on_government: Alternatives
    closing_summary: Alternatives


class Closing(Record):
    summary: Alternatives
    requirements: Alternatives
    end: Alternatives


class Agenda(Record):
    title: Text = "［会议名称］主持词"
    address: list[Text] = []
    opening: Alternatives
    attendees: Alternatives
    agenda: Alternatives
    items: dict[str, Item]
    two_leaders: TwoLeaders
    closing: Closing


def _texts(node: Any, loc: tuple = ()):
    """Every string of the data with its location (keys and indexes)."""
    if isinstance(node, str):
        yield loc, node
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _texts(item, (*loc, i))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _texts(value, (*loc, key))


def load_agenda(text: str, display: str, catalog: Catalog) -> dict[str, Any]:
    """The checked content of ``data/agenda.yml`` (``text``; ``display`` as messages name it)."""
    agenda, root = datafiles.parse(text, display, Agenda)
    data = agenda.model_dump()
    faults: list[tuple[int, str]] = []
    if list(agenda.items) != list(KINDS):
        have = "、".join(agenda.items) or "无"
        kinds = "、".join(KINDS)
        text = f"items 须依次列出这几类议程：{kinds}（现有：{have}）"
        faults.append((datafiles.line_of(root, ("items",)), text))
    for kind, item in agenda.items.items():
        if not item.summary and kind != "主要领导讲话":
            line = datafiles.line_of(root, ("items", kind, "summary"))
            faults.append((line, f"items.{kind}.summary 不能为空"))
    for loc, value in _texts(data):
        for name in SLOT_RE.findall(value):
            if catalog.lookup(name) is None:
                where = ".".join(str(step) for step in loc)
                text = f"{where} 中的［{name}］不在 data/slots.yml 中；改用表中的名称，或先在表中添加"
                faults.append((datafiles.line_of(root, loc), text))
    if faults:
        raise SourceError("\n".join(f"{display}:{line}: {message}" for line, message in sorted(set(faults))))
    return data


def read_agenda(root: Path | str, catalog: Catalog) -> dict[str, Any]:
    """:func:`load_agenda` of the project's ``data/agenda.yml``; a missing file is a fault too."""
    file = datafiles.path(root, "agenda")
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        why = "组稿页的议程表单从它取主持词的衔接语，请从版本库恢复它"
        raise SourceError(f"{datafiles.display('agenda')}:1: 找不到该文件（{file}）；{why}") from None
    return load_agenda(text, datafiles.display("agenda"), catalog)
