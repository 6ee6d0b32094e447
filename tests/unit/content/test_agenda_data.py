"""data/agenda.yml read for the 组稿 agenda form (speechlib.content.agenda) and shipped to the browser
as draft/agenda.js and draft/slots.js (speechlib.page.draft)."""

from __future__ import annotations

import pytest

from conftest import ROOT
from speechlib.content.agenda import KINDS, load_agenda, read_agenda
from speechlib.content.slots import parse_catalog
from speechlib.page import datafile
from speechlib.page.draft import data_files
from speechlib.text import SourceError

CATALOG = parse_catalog((ROOT / "data" / "slots.yml").read_text(encoding="utf-8"))
TEXT = (ROOT / "data" / "agenda.yml").read_text(encoding="utf-8")


def test_the_real_file_reads_with_every_kind():
    agenda = load_agenda(TEXT, "data/agenda.yml", CATALOG)
    assert list(agenda["items"]) == list(KINDS)
    assert agenda["title"] == "［会议名称］主持词"
    assert agenda["address"] == ["同志们：", "现在开会。"]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("请［通报单位］通报［时间段］", "请［通报部门］通报［时间段］", "［通报部门］不在 data/slots.yml 中"),
        ("  颁奖:\n", "  发奖:\n", "items 须依次列出这几类议程"),
        ("    summary:\n      - 刚才，［通报单位］", "    summary: []\n    old:\n      - 刚才，［通报单位］",
         "未知的键「old」"),
        ("    summary:\n      - 刚才，［通报单位］", "    summary: []\n    # 刚才，［通报单位］",
         "items.通报.summary 不能为空"),
    ],
)
def test_faults_name_the_line(old, new, message):
    bad = TEXT.replace(old, new, 1)
    assert bad != TEXT
    with pytest.raises(SourceError) as info:
        load_agenda(bad, "data/agenda.yml", CATALOG)
    assert message in str(info.value)
    assert str(info.value).startswith("data/agenda.yml:")
    if "不在" in message:
        assert info.value.line == line_of(bad, "［通报部门］")


def test_missing_part_and_missing_file(tmp_path):
    bad = TEXT.replace("\nclosing:\n", "\nclosing_old:\n", 1)
    with pytest.raises(SourceError, match="缺少键「closing」"):
        load_agenda(bad, "data/agenda.yml", CATALOG)
    with pytest.raises(SourceError, match="data/agenda.yml:1: 找不到该文件"):
        read_agenda(tmp_path, CATALOG)


def test_data_files_round_trip():
    agenda = load_agenda(TEXT, "data/agenda.yml", CATALOG)
    files = data_files(agenda, CATALOG)
    assert set(files) == {"draft/agenda.js", "draft/slots.js"}
    key, data = datafile.read(files["draft/agenda.js"])
    assert key == "draft-agenda" and data["kinds"] == list(KINDS) and data["items"] == agenda["items"]
    key, data = datafile.read(files["draft/slots.js"])
    assert key == "draft-slots"
    assert {"name": "会议名称", "help": "会议的完整名称", "example": "全县安全生产工作推进会"} in data["slots"]
    assert len(data["slots"]) == len(CATALOG.slots)
