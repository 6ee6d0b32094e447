"""Real builds with template slots: rendered spans, bad slots and a bad catalogue fail with path:line."""

from __future__ import annotations

from sitebuild import SLOT_TEMPLATE as TEMPLATE
from sitebuild import build, make_project

HINT = "请改用 data/slots.yml 中的名称，或在该文件中添加一条（名称、说明、示例）"


def test_build_fails_on_a_bad_slot_with_path_and_line(tmp_path):
    bad = TEMPLATE + "\n请［县长］讲话。\n\n会议到此结束］\n\n请［县长1］和［发言单位12］发言。\n"
    config = make_project(tmp_path, {"tuijinhui/templates/zhuchici.md": bad})
    result = build(config)
    assert result.returncode != 0
    # Every fault of the page in one build, each on a line of its own (the build lists all errors).
    for message in (
        f"docs/tuijinhui/templates/zhuchici.md:14: 没有名为 ［县长］ 的填空项；{HINT}",
        "docs/tuijinhui/templates/zhuchici.md:16: 多出一个“］”，前面没有对应的“［”；删去它，"
        "或补上“［”写成完整的填空项，如 ［工作领域］",
        f"docs/tuijinhui/templates/zhuchici.md:18: 没有名为 ［县长1］ 的填空项；{HINT}",
        "docs/tuijinhui/templates/zhuchici.md:18: 填空项 ［发言单位12］ 的编号“12”不可用："
        "同名的填空项用一位数字 1 至 9 编号，如 ［发言单位1］、［发言单位2］……",
    ):
        assert message in result.stderr


def test_build_renders_slots_and_does_not_check_other_pages(tmp_path):
    pages = {
        "tuijinhui/templates/zhuchici.md": TEMPLATE,
        # Not a template: unknown names and lone brackets are left alone.
        "guide/howto.md": "---\ntitle: 说明\n---\n\n槽位写作［名称］，例如［工作领域］；单独的“］”无妨。\n",
    }
    config = make_project(tmp_path, pages)
    result = build(config)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "tuijinhui" / "templates" / "zhuchici" / "index.html").read_text(
        encoding="utf-8"
    )
    assert '经<span class="slot" data-slot="主办单位">［主办单位］</span>研究决定' in page
    assert (
        '请<span class="slot" data-slot="发言单位1" data-slot-base="发言单位">［发言单位1］</span>发言，'
        '<span class="slot" data-slot="发言单位2" data-slot-base="发言单位">［发言单位2］</span>作准备。'
    ) in page
    guide = (tmp_path / "site" / "guide" / "howto" / "index.html").read_text(encoding="utf-8")
    assert '槽位写作［名称］，例如<span class="slot" data-slot="工作领域">［工作领域］</span>' in guide


def test_build_fails_on_a_malformed_catalogue(tmp_path):
    config = make_project(tmp_path, {"tuijinhui/templates/zhuchici.md": TEMPLATE})
    with (tmp_path / "data" / "slots.yml").open("a", encoding="utf-8") as fh:
        fh.write("  - {name: 工作领域, help: 重复, example: x}\n")
    line = (tmp_path / "data" / "slots.yml").read_text(encoding="utf-8").count("\n")
    first = next(
        i
        for i, text in enumerate(
            (tmp_path / "data" / "slots.yml").read_text(encoding="utf-8").splitlines(), 1
        )
        if "name: 工作领域" in text
    )
    result = build(config)
    assert result.returncode != 0
    assert (
        f"data/slots.yml:{line}: 槽位名称「工作领域」重复（第一次在第 {first} 行）；删去或改名其中一个"
        in result.stderr
    )
