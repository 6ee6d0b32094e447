"""The 组稿 page in a real build: its data files are written beside it, it is in the navigation, and a
fault in data/agenda.yml stops the build with the file and line."""

from __future__ import annotations

from conftest import ROOT
from sitebuild import SLOT_TEMPLATE, build, make_project
from speechlib.page import datafile

DRAFT_PAGE = (ROOT / "docs" / "draft.md").read_text(encoding="utf-8")


def test_draft_page_gets_its_data_files_and_a_nav_entry(tmp_path):
    config = make_project(tmp_path, {"draft.md": DRAFT_PAGE, "tuijinhui/templates/zhuchici.md": SLOT_TEMPLATE})
    result = build(config)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    key, agenda = datafile.read((site / "draft" / "agenda.js").read_text(encoding="utf-8"))
    assert key == "draft-agenda" and agenda["kinds"][0] == "通报"
    key, slots = datafile.read((site / "draft" / "slots.js").read_text(encoding="utf-8"))
    assert key == "draft-slots" and slots["slots"][0]["name"] == "会议名称"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="draft/"' in home and "组稿" in home
    assert "data-draft-app" in (site / "draft" / "index.html").read_text(encoding="utf-8")


def test_a_bad_agenda_file_stops_the_build_at_its_line(tmp_path):
    text = (ROOT / "data" / "agenda.yml").read_text(encoding="utf-8")
    bad = text.replace("请［通报单位］通报［时间段］", "请［通报处室］通报［时间段］", 1)
    line = bad[: bad.index("［通报处室］")].count("\n") + 1
    config = make_project(tmp_path, {"draft.md": DRAFT_PAGE}, data={"agenda.yml": bad})
    result = build(config)
    assert result.returncode != 0
    assert f"data/agenda.yml:{line}: items.通报.handover.0 中的［通报处室］不在 data/slots.yml 中" in result.stderr
