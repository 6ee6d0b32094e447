"""data/agenda.yml and the 主持词 templates say the same: every 主持词 template carries, in the
备选表述 of its 议程衔接 part, one 各类议程 tab per kind of agenda item whose paragraphs are exactly the
file's hand-overs and summaries for that kind, and a tab for the meeting where both principal leaders
speak. The slots of the file are catalogue names, so the 组稿 form can fill them like a template's."""

from __future__ import annotations

import re

import pytest
import yaml
from test_templates import TEMPLATES, _article, _has_class, _parts

from conftest import ROOT
from speechlib.content.slots import parse_catalog

AGENDA = yaml.safe_load((ROOT / "data" / "agenda.yml").read_text(encoding="utf-8"))
KINDS = ["通报", "交流发言", "表态发言", "讲话", "主要领导讲话", "宣读文件", "颁奖"]
HOSTS = [src for src in TEMPLATES if src.endswith("/zhuchici.md")]


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)


def test_agenda_file_has_every_part_and_kind():
    assert {"opening", "attendees", "agenda", "items", "two_leaders", "closing"} <= set(AGENDA)
    assert list(AGENDA["items"]) == KINDS
    for kind, item in AGENDA["items"].items():
        assert item["handover"], kind
        assert all(h.startswith(("下面进行会议第［议程序号］项议程", "最后，")) for h in item["handover"]), kind
        if kind != "主要领导讲话":
            assert item["summary"], f"{kind}: no summary"
    assert any("［议程数］" in a for a in AGENDA["agenda"])
    assert any("二十届历次全会" in a for a in AGENDA["opening"])
    two = AGENDA["two_leaders"]
    assert "［政府主要领导职务］" in two["handover_government"][0]
    assert "［主要领导职务］" in two["handover_party"][0]
    # The host sums up the main speech first.
    summary = two["closing_summary"][0]
    assert summary.index("［主要领导职务］") < summary.index("［政府主要领导职务］")


def test_agenda_slots_are_catalogue_names():
    catalog = parse_catalog((ROOT / "data" / "slots.yml").read_text(encoding="utf-8"))
    for text in _strings(AGENDA):
        for name in re.findall(r"［([^］]*)］", text):
            assert catalog.lookup(name), f"data/agenda.yml: ［{name}］ is not in data/slots.yml"


def _tabs(part_elements) -> dict[str, list[str]]:
    tabs: dict[str, list[str]] = {}
    for block in [e for e in part_elements if e.tag == "details" and "alternatives" in e.classes]:
        labels = [lab.text_content().strip() for lab in block.xpath(".//div[@class='tabbed-labels']/label")]
        contents = block.xpath(f".//div[{_has_class('tabbed-block')}]")
        for label, content in zip(labels, contents, strict=True):
            tabs[label] = [p.text_content().strip() for p in content.xpath("./p") if p.text_content().strip()]
    return tabs


@pytest.mark.parametrize("src", HOSTS)
def test_host_template_carries_the_agenda_wording(built_site, src):
    parts = dict(_parts(_article(built_site, src)))
    tabs = _tabs(parts["议程衔接"])
    for kind in KINDS:
        item = AGENDA["items"][kind]
        assert tabs.get(f"各类议程：{kind}") == item["handover"] + item["summary"], (
            f"{src}: the 各类议程：{kind} tab differs from data/agenda.yml"
        )
    two = AGENDA["two_leaders"]
    assert tabs.get("各类议程：党政主要领导都讲话") == (
        two["handover_government"] + two["summary_government"] + two["handover_party"]
    ), f"{src}: the two-leader tab differs from data/agenda.yml"
    # The sum-up of both speeches sits in the part after the hand-overs.
    names = list(parts)
    after = _tabs(parts[names[names.index("议程衔接") + 1]])
    assert after.get("党政主要领导都讲话") == two["closing_summary"], src


@pytest.mark.parametrize("src", HOSTS)
def test_host_template_introduces_both_principal_leaders_in_rank_order(built_site, src):
    text = _article(built_site, src).text_content()
    assert "［政府主要领导职务］" in text and "［主要领导职务］" in text
    agenda_line = next(
        p for p in re.findall(r"今天的会议共有［议程数］项议程：[^。]*。", text) if "［政府主要领导职务］" in p
    )
    assert agenda_line.index("［政府主要领导职务］") < agenda_line.index("［主要领导职务］")
