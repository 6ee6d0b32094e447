"""The host's wording per agenda item (``data/agenda.yml``), read and checked for the 组稿 agenda form.

The file's header comment is the schema. In short::

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
file, or raises :class:`speechlib.text.SourceError` naming the line of the first fault.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from speechlib.content.slots import Catalog
from speechlib.text import SLOT_RE, SourceError, load_yaml

# The kinds of agenda item the form offers, in the order the file lists them.
KINDS = ("通报", "交流发言", "表态发言", "讲话", "主要领导讲话", "宣读文件", "颁奖")
PARTS = ("opening", "attendees", "agenda")
TWO_LEADERS = (
    "handover_government",
    "summary_government",
    "handover_party",
    "party_on_government",
    "closing_summary",
)
CLOSING = ("summary", "requirements", "end")


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(node: yaml.Node | None) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {k.value: (k, v) for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}


def load_agenda(text: str, path: str, catalog: Catalog) -> dict[str, Any]:
    """The checked content of ``data/agenda.yml`` (``text``; ``path`` as messages name it)."""
    root, data = load_yaml(text, path)

    def fail(node: yaml.Node | None, message: str) -> SourceError:
        return SourceError(path, _line(node) if node is not None else 1, message)

    def paragraph(node: yaml.Node, what: str) -> None:
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            raise fail(node, f"{what} 须是一段非空文字")
        for name in SLOT_RE.findall(str(node.value)):
            if catalog.lookup(name) is None:
                raise fail(
                    node, f"{what} 中的［{name}］不在 data/slots.yml 中；改用表中的名称，或先在表中添加"
                )

    def alternatives(node: yaml.Node, what: str, empty: bool = False) -> None:
        if not isinstance(node, yaml.SequenceNode) or (not node.value and not empty):
            raise fail(node, f"{what} 须是备选表述的列表（每条一段文字，写作 - ……）")
        for i, item in enumerate(node.value, 1):
            paragraph(item, f"{what} 第{i}条")

    def section(parent: dict, key: str, where: yaml.Node | None) -> yaml.Node:
        if key not in parent:
            raise fail(where, f"缺少“{key}”；各项的写法见文件开头的说明")
        return parent[key][1]

    top = _mapping(root)
    if not top:
        raise fail(root, "文件须是一个映射（opening、attendees、agenda、items、two_leaders、closing）")
    if "title" in top:
        paragraph(top["title"][1], "title")
    if "address" in top:
        alternatives(top["address"][1], "address")
    for key in PARTS:
        alternatives(section(top, key, root), key)
    items_node = section(top, "items", root)
    items = _mapping(items_node)
    if list(items) != list(KINDS):
        have = "、".join(items) or "无"
        raise fail(items_node, f"items 须依次列出这几类议程：{'、'.join(KINDS)}（现有：{have}）")
    for kind, (_, node) in items.items():
        fields = _mapping(node)
        label = section(fields, "label", node)
        paragraph(label, f"items.{kind}.label")
        alternatives(section(fields, "handover", node), f"items.{kind}.handover")
        alternatives(section(fields, "summary", node), f"items.{kind}.summary", empty=kind == "主要领导讲话")
    two_node = section(top, "two_leaders", root)
    two = _mapping(two_node)
    for key in TWO_LEADERS:
        alternatives(section(two, key, two_node), f"two_leaders.{key}")
    closing_node = section(top, "closing", root)
    closing = _mapping(closing_node)
    for key in CLOSING:
        alternatives(section(closing, key, closing_node), f"closing.{key}")
    return data


def read_agenda(file: Path, display: str, catalog: Catalog) -> dict[str, Any]:
    """:func:`load_agenda` of a file; a missing file is a :class:`SourceError` too."""
    if not file.exists():
        raise SourceError(
            display, 1, f"找不到该文件（{file}）；组稿页的议程表单从它取主持词的衔接语，请恢复该文件"
        )
    return load_agenda(file.read_text(encoding="utf-8"), display, catalog)
