"""Word files of the built site (hooks/export.py): one per exemplar and template, next to the page,
named after its title, laid out by GB/T 9704, holding exactly the page's speech text."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Length, Pt

from sitebuild import build, exemplar, make_project, model_of
from speechlib.export import docx as dx
from speechlib.page.tools import word_file_name

LINK_RE = re.compile(r'<a class="speech-tools__docx" href="([^"]+)" download="([^"]+)"')


def speech_pages(site: Path) -> list[Path]:
    return sorted(site.glob("*/exemplars/*/index.html")) + sorted(site.glob("*/templates/*/index.html"))


def east_asia(run) -> str | None:
    fonts = run._r.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def test_every_speech_page_links_its_word_file_named_after_its_title(built_site):
    pages = speech_pages(built_site)
    assert len(pages) >= 30
    for page in pages:
        text = page.read_text(encoding="utf-8")
        match = LINK_RE.search(text)
        assert match, f"{page}: no Word download link"
        href, name = unquote(html.unescape(match.group(1))), html.unescape(match.group(2))
        title = re.search(r'<div class="speech-tools" data-kind="\w+" data-title="([^"]+)"', text).group(1)
        assert name == word_file_name(html.unescape(title)) == href
        assert (page.parent / href).is_file(), f"{page.parent / href} missing"


def pick(built_site: Path) -> list[Path]:
    """Three pages: a template with slots and alternatives, a long exemplar, a host script."""
    return [
        built_site / "tuijinhui/templates/zhuchici/index.html",
        built_site / "tuijinhui/exemplars/xian-tuijinhui-jianghua/index.html",
        built_site / "peixunhui/exemplars/qinglong-peixunhui-zhuchici/index.html",
    ]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_word_file_layout_fonts_and_text(built_site, index):
    page = pick(built_site)[index]
    text = page.read_text(encoding="utf-8")
    kind = re.search(r'<div class="speech-tools" data-kind="(\w+)"', text).group(1)
    href = unquote(html.unescape(LINK_RE.search(text).group(1)))
    doc = docx.Document(str(page.parent / href))

    s = doc.sections[0]
    assert (round(Length(s.page_width).mm), round(Length(s.page_height).mm)) == (210, 297)
    assert (round(Length(s.top_margin).mm), round(Length(s.left_margin).mm)) == (37, 28)
    assert round(Length(s.page_width - s.left_margin - s.right_margin).mm) == 156
    assert round(Length(s.page_height - s.top_margin - s.bottom_margin).mm) == 225

    normal = doc.styles["Normal"]
    assert normal.element.find(qn("w:rPr") + "/" + qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.font.size == Pt(16)

    expected = dx.export_blocks(model_of(page), kind)
    paras = doc.paragraphs
    assert len(paras) == 2 + len(expected)
    assert east_asia(paras[0].runs[0]) == "方正小标宋简体"
    for block, para in zip(expected, paras[2:], strict=True):
        assert para.text == block.text
        if block.kind == "h":
            level = dx.heading_level(block.text)
            assert east_asia(para.runs[0]) == {2: "黑体", 3: "楷体_GB2312"}.get(level, "仿宋_GB2312")
    if kind == "template":
        assert any(r.font.highlight_color for p in paras for r in p.runs), "slots are highlighted"
    # No stage direction reaches the file.
    assert not any("（掌声）" in p.text for p in paras)


def test_markup_in_a_speech_exports_as_text_and_files_are_cached(tmp_path):
    body = "同志们：\n\n讲一讲 &lt;script&gt;alert(1)&lt;/script&gt; 这段。\n\n## 一、认清形势\n\n正文。\n"
    config = make_project(tmp_path, {"nianduhuiyi/exemplars/x.md": exemplar(body=body)})
    result = build(config)
    assert result.returncode == 0, result.stderr
    site = config.parent / "site"
    files = list(site.glob("nianduhuiyi/exemplars/x/*.docx"))
    assert [f.name for f in files] == ["在全县工作会议上的讲话.docx"]
    doc = docx.Document(str(files[0]))
    assert [p.text for p in doc.paragraphs[2:]] == ["同志们：", "讲一讲<script>alert(1)</script>这段。",
                                                   "一、认清形势", "正文。"]
    page = (site / "nianduhuiyi/exemplars/x/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page

    cached = list((config.parent / ".cache" / "docx").glob("*.docx"))
    assert len(cached) == 1
    stamp = cached[0].stat().st_mtime_ns
    assert build(config).returncode == 0
    assert cached[0].stat().st_mtime_ns == stamp, "an unchanged page was laid out again"
    assert files[0].read_bytes() == cached[0].read_bytes()
