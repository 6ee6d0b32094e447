"""Real builds with the 提法核对 hook: a fault in its data files fails the build with path:line, and a
good build writes check/rules.js (the loader's data-file format) and lists the page in the nav."""

from __future__ import annotations

from conftest import ROOT
from sitebuild import build, make_project
from speechlib.page.datafile import read

PAGE = "---\ntitle: 提法核对\n---\n\n<div id=\"speech-check\"></div>\n"


def test_a_fault_in_restricted_yml_fails_the_build_with_path_and_line(tmp_path):
    restricted = (ROOT / "data" / "restricted.yml").read_text(encoding="utf-8")
    bad = restricted.replace("    kind: 受限\n", "    kind: 禁用\n", 1)
    line = bad.splitlines().index("    kind: 禁用") + 1
    config = (make_project(tmp_path, {"check.md": PAGE}, data={"restricted.yml": bad}))
    result = build(config)
    assert result.returncode != 0
    assert f"data/restricted.yml:{line}: kind “禁用”不在 受限、频次、硬性 之中" in result.stderr


def test_a_regex_javascript_reads_otherwise_fails_the_build(tmp_path):
    config = (make_project(tmp_path, {"check.md": PAGE}, data={
        "check_text.yml": (ROOT / "data" / "check_text.yml").read_text(encoding="utf-8").replace(
            '"/×{2,}/"', '"/(?<=请)×{2,}/"'),
    }))
    result = build(config)
    assert result.returncode != 0
    assert "data/check_text.yml:" in result.stderr and "后行断言" in result.stderr


def test_the_build_writes_the_rule_set_and_the_nav_entry(tmp_path):
    config = (make_project(tmp_path, {"check.md": PAGE}))
    result = build(config)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    key, rules = read((site / "check" / "rules.js").read_text(encoding="utf-8"))
    assert key == "check-rules"
    assert {r["id"] for r in rules["restricted"]} >= {"yipiao-foujue", "zerenshu"}
    assert "提法核对" in (site / "index.html").read_text(encoding="utf-8")
