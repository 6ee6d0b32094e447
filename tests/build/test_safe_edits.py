"""Real builds: a paragraph link survives an edit of its paragraph; a failed build reports every
content error at once and leaves the previous site in place."""

from __future__ import annotations

import re

from sitebuild import SLOT_TEMPLATE, build, exemplar, make_project
from speechlib.page.paragraphs import paragraph_id
from speechlib.site import links

OLD = "在肯定成绩的同时，我们也要清醒地看到当前和今后一个时期工作面临的严峻形势。"
NEW = OLD.replace("我们也要", "我们还要")
OTHER = "各乡镇要把目标任务逐项分解到村、落实到人，确保全年任务圆满完成。"
EXEMPLAR = exemplar(mt="推进会", body=f"同志们：\n\n{OLD}\n\n{OTHER}\n")
OLD_ID = paragraph_id(OLD)
TEMPLATE = f"""\
---
title: 推进会讲话
kind: template
meeting_type: 推进会
genre: 讲话
---

同志们：

[范文出处：据《在全县工作会议上的讲话》改写](../exemplars/e.md#{OLD_ID}){{ .source-link }}
"""
PAGES = {"tuijinhui/exemplars/e.md": EXEMPLAR, "tuijinhui/templates/jianghua.md": TEMPLATE}


def _page(tmp_path, uri: str) -> str:
    return (tmp_path / "site" / uri / "index.html").read_text(encoding="utf-8")


def _registered(tmp_path):
    config = make_project(tmp_path, PAGES)
    assert links.fix(tmp_path, out=lambda _: None) == 0
    assert OLD_ID in (tmp_path / "data" / "paragraph_links.yml").read_text(encoding="utf-8")
    return config


def test_a_corrected_paragraph_keeps_its_links_and_make_links_rewrites_them(tmp_path):
    config = _registered(tmp_path)
    exemplar_md = tmp_path / "docs" / "tuijinhui" / "exemplars" / "e.md"
    exemplar_md.write_text(EXEMPLAR.replace(OLD, NEW), encoding="utf-8")

    result = build(config)
    assert result.returncode == 0, result.stderr
    assert f"所链接的段落改动过，旧锚点 {OLD_ID} 暂作别名指向 {paragraph_id(NEW)}" in result.stderr
    page = _page(tmp_path, "tuijinhui/exemplars/e")
    # The old anchor now sits inside the corrected paragraph, so the template's link lands on it.
    alias = re.search(rf'<p id="{paragraph_id(NEW)}"[^>]*><span id="{OLD_ID}" class="para-alias"></span>', page)
    assert alias, "the corrected paragraph carries its old anchor"
    assert f"#{OLD_ID}" in _page(tmp_path, "tuijinhui/templates/jianghua")

    said = []
    assert links.fix(tmp_path, out=said.append) == 0
    assert said[0] == (
        f"docs/tuijinhui/templates/jianghua.md:10: {OLD_ID} → {paragraph_id(NEW)}"
        f"（tuijinhui/exemplars/e.md：「{links.short(OLD)}」改为「{links.short(NEW)}」）"
    )
    source = (tmp_path / "docs" / "tuijinhui" / "templates" / "jianghua.md").read_text(encoding="utf-8")
    assert f"e.md#{paragraph_id(NEW)})" in source and OLD_ID not in source
    result = build(config)
    assert result.returncode == 0, result.stderr
    assert "暂作别名" not in result.stderr


def test_a_deleted_paragraph_is_one_message_with_the_old_text_and_candidates(tmp_path):
    config = _registered(tmp_path)
    exemplar_md = tmp_path / "docs" / "tuijinhui" / "exemplars" / "e.md"
    exemplar_md.write_text(EXEMPLAR.replace(OLD + "\n\n", ""), encoding="utf-8")

    result = build(config)
    assert result.returncode != 0
    lines = [ln for ln in result.stderr.splitlines() if "jianghua.md:10:" in ln]
    assert len(lines) == 1, result.stderr
    message = lines[0][lines[0].index("docs/") :]
    assert message.startswith(f"docs/tuijinhui/templates/jianghua.md:10: 链接 tuijinhui/exemplars/e.md#{OLD_ID} 指向的段落已不在该页")
    assert f"原段落：「{OLD}」" in message
    assert f"{paragraph_id(OTHER)}「" in message  # the nearest paragraphs, with their anchors
    assert "does not contain an anchor" not in result.stderr  # no second message from MkDocs


def test_four_broken_files_four_messages_in_one_build_and_the_last_site_kept(tmp_path):
    config = make_project(tmp_path, {**PAGES, "tuijinhui/templates/zhuchici.md": SLOT_TEMPLATE})
    assert links.fix(tmp_path, out=lambda _: None) == 0
    assert build(config).returncode == 0
    site = tmp_path / "site"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert (site / "index.html").exists()

    docs = tmp_path / "docs"
    broken = {
        "nianduhuiyi/exemplars/a.md": exemplar().replace("genre: 讲话\n", ""),  # a field missing
        "nianduhuiyi/exemplars/b.md": exemplar().replace("level: 县\n", "level: [县\n"),  # bad YAML
        "tuijinhui/templates/zhuchici.md": SLOT_TEMPLATE.replace("［主办单位］", "［没有这个槽位］"),
        "tuijinhui/exemplars/e.md": EXEMPLAR.replace(OLD + "\n\n", ""),  # a linked paragraph deleted
    }
    for uri, text in broken.items():
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_text(text, encoding="utf-8")

    result = build(config)
    assert result.returncode != 0
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("ERROR") and ".md:" in ln]
    named = {uri for uri in ["nianduhuiyi/exemplars/a.md", "nianduhuiyi/exemplars/b.md",
                             "tuijinhui/templates/zhuchici.md", "tuijinhui/templates/jianghua.md"]
             if any(f"docs/{uri}:" in ln for ln in errors)}
    assert len(named) == 4, result.stderr
    assert "共有 4 处错误" in result.stderr
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before, "the previous site is left as it was"
    assert not list(tmp_path.glob(".site.*")), "no half-written folder is left behind"
