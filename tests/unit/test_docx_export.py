"""Word export: the GB/T 9704 layout (speechlib.export.docx) and the page tools HTML (speechlib.page.tools)."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt

from speechlib.export import docx as dx
from speechlib.page import html as page_html
from speechlib.page import tools as pagetools
from speechlib.page.paragraphs import read_page, tokenize

BLOCKS = [
    dx.ExportBlock("p", "同志们："),
    dx.ExportBlock("h", "一、认清形势，增强紧迫感"),
    dx.ExportBlock("p", "［时间段］以来，［地区］上下认真贯彻［主办单位］决策部署。"),
    dx.ExportBlock("h", "（一）突出资源整合"),
    dx.ExportBlock("p", "一、坚持高位推动，压实工作责任。我们始终把［工作领域］工作作为“一把手”工程。"),
    dx.ExportBlock("h", "1. 加强组织领导"),
]


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def east_asia(run_or_style_element) -> str | None:
    fonts = run_or_style_element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


@pytest.fixture(scope="module")
def doc():
    return open_docx(dx.build_docx("在全县工作推进会上的讲话", BLOCKS, slots=True))


def test_page_is_a4_with_the_type_area_of_the_standard(doc):
    s = doc.sections[0]

    def mm(length) -> float:  # Word stores twips: compare to a tenth of a millimetre
        return round(Length(length).mm, 1)

    assert (mm(s.page_width), mm(s.page_height)) == (210, 297)
    assert (mm(s.top_margin), mm(s.left_margin)) == (37, 28)
    assert mm(s.page_width - s.left_margin - s.right_margin) == 156
    assert mm(s.page_height - s.top_margin - s.bottom_margin) == 225


def test_22_lines_of_28_characters(doc):
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    line_pt = int(grid.get(qn("w:linePitch"))) / 20
    assert 22 * line_pt <= 225 * 72 / 25.4 < 23 * line_pt
    spacing = doc.styles["Normal"].element.find(qn("w:rPr") + "/" + qn("w:spacing"))
    pitch = 16 + int(spacing.get(qn("w:val"))) / 20
    assert int(156 * 72 / 25.4 / pitch) == 28


def test_body_style_is_fangsong_16pt_exact_spacing_two_character_indent(doc):
    normal = doc.styles["Normal"]
    assert east_asia(normal.element) == "仿宋_GB2312"
    assert normal.font.size == Pt(16)
    fmt = normal.paragraph_format
    assert fmt.line_spacing == Pt(28.95)
    assert fmt.first_line_indent == Pt(32)


def test_title_heading_fonts_and_paragraph_count(doc):
    paras = doc.paragraphs
    assert len(paras) == 2 + len(BLOCKS)  # title, blank line, blocks
    title = paras[0]
    assert title.text == "在全县工作推进会上的讲话"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asia(title.runs[0]._r) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)
    assert paras[1].text == ""
    assert east_asia(paras[3].runs[0]._r) == "黑体"  # 一、
    assert east_asia(paras[5].runs[0]._r) == "楷体_GB2312"  # （一）
    h4 = paras[7].runs[0]
    assert east_asia(h4._r) == "仿宋_GB2312" and h4.bold  # 1.
    # Body runs carry no font of their own: they take the Normal style.
    assert east_asia(paras[2].runs[0]._r) is None


def test_run_in_heading_takes_the_heading_font(doc):
    runs = doc.paragraphs[6].runs
    assert runs[0].text == "一、坚持高位推动，压实工作责任。"
    assert east_asia(runs[0]._r) == "黑体"
    assert east_asia(runs[1]._r) is None


def test_slots_are_highlighted_runs(doc):
    runs = doc.paragraphs[4].runs
    slots = [r.text for r in runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert slots == ["［时间段］", "［地区］", "［主办单位］"]
    plain = open_docx(dx.build_docx("t", BLOCKS, slots=False))
    assert not any(r.font.highlight_color for p in plain.paragraphs for r in p.runs)


def test_page_numbers_odd_right_even_left_in_songti_14pt(doc):
    assert doc.settings.odd_and_even_pages_header_footer
    s = doc.sections[0]
    odd, even = s.footer.paragraphs[0], s.even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    for footer in (odd, even):
        assert footer.text.startswith("— ") and footer.text.endswith(" —")
        assert "PAGE" in footer._p.xml
        assert all(east_asia(r._r) == "宋体" and r.font.size == Pt(14) for r in footer.runs)
    # Below the type area: the footer sits inside the bottom margin.
    assert s.footer_distance < s.bottom_margin - Mm(7)


def test_font_table_names_fallbacks():
    data = dx.build_docx("t", BLOCKS)
    table = zipfile.ZipFile(io.BytesIO(data)).read("word/fontTable.xml").decode("utf-8")
    for name, alt in (("方正小标宋简体", "华文中宋"), ("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体")):
        assert f'w:name="{name}"><w:altName w:val="{alt}"/>' in table


def test_same_input_same_bytes_and_no_foreign_thumbnail():
    a = dx.build_docx("t", BLOCKS, slots=True)
    assert a == dx.build_docx("t", BLOCKS, slots=True)
    names = zipfile.ZipFile(io.BytesIO(a)).namelist()
    assert not any("thumbnail" in n or "stylesWithEffects" in n for n in names)


def test_a_file_does_not_depend_on_the_files_made_before_it():
    # build_docx reuses one prepared document (speed); nothing of one page may reach the next.
    first = dx.build_docx("t", BLOCKS, slots=True)
    dx.build_docx("另一篇讲话", [dx.ExportBlock("h", "一、别的标题"), dx.ExportBlock("p", "别的段落。")])
    assert dx.build_docx("t", BLOCKS, slots=True) == first
    dx._SKELETON.clear()  # a fresh document, as the first file of a build gets
    assert dx.build_docx("t", BLOCKS, slots=True) == first


def test_markup_in_text_stays_text():
    text = '请注意<script>alert("x")</script>＆<b>加粗</b>'
    data = dx.build_docx("<script>标题</script>", [dx.ExportBlock("p", text)])
    d = open_docx(data)
    assert d.paragraphs[0].text == "<script>标题</script>"
    assert d.paragraphs[2].text == text
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "<script>" not in xml and "&lt;script&gt;" in xml


PAGE = """
<h2 id="kai-chang">开场</h2>
<div class="admonition annotation"><p class="admonition-title">写法说明</p><p>说明文字［会议名称］</p></div>
<p>同志们：</p>
<p>现在开会。<span class="stage">（掌声）</span></p>
<p><span class="stage">（掌声）</span></p>
<details class="alternatives"><summary>备选表述</summary><div class="tabbed-set"><div class="tabbed-block">
<p>备选的话。</p><p><a class="source-link" href="x">范文出处：某文</a></p></div></div></details>
<h2 id="yi">一、认清形势</h2>
<h3 id="yi-1">（一）突出整合</h3>
<p>正文。</p>
"""


@pytest.mark.parametrize("kind, expected", [
    ("template", [("p", "同志们："), ("p", "现在开会。"), ("h", "一、认清形势"), ("h", "（一）突出整合"),
                  ("p", "正文。")]),
    ("exemplar", [("h", "开场"), ("p", "同志们："), ("p", "现在开会。"), ("h", "一、认清形势"),
                  ("h", "（一）突出整合"), ("p", "正文。")]),
])
def test_export_blocks_take_body_text_and_speech_headings(kind, expected):
    text, _ = read_page(tokenize(PAGE))
    assert [(b.kind, b.text) for b in dx.export_blocks(text, kind)] == expected


@pytest.mark.parametrize("title, name", [
    ("推进会主持词", "推进会主持词.docx"),
    ('在"十二五"会议上的讲话/摘要', "在＿十二五＿会议上的讲话＿摘要.docx"),
    ("  ", "讲话.docx"),
])
def test_file_name_is_the_title_without_forbidden_characters(title, name):
    assert pagetools.word_file_name(title) == name


@pytest.mark.parametrize("text, expected", [
    ("一、坚持高位推动，压实工作责任。我们始终……", (2, "一、坚持高位推动，压实工作责任。", "我们始终……")),
    ("（二）要贴近群众。走进群众。", (3, "（二）要贴近群众。", "走进群众。")),
    ("一、认清形势", None),  # no sentence after it: a heading line, not a run-in heading
    ("同志们：一、二、三。", None),
])
def test_run_in_heading(text, expected):
    assert dx.run_in_heading(text) == expected


def test_panel_groups_numbered_slots_and_escapes():
    html = pagetools.panel_html([
        pagetools.PanelSlot("会议名称", "会议名称", "会议的完整名称", "全县<b>推进会</b>"),
        pagetools.PanelSlot("发言单位1", "发言单位", "发言单位", "××镇"),
        pagetools.PanelSlot("发言单位2", "发言单位", "发言单位", "××镇"),
    ])
    assert "（3 项）" in html
    assert '<fieldset class="slot-panel__group"><legend>发言单位</legend>' in html
    assert html.count('data-slot-input="发言单位') == 2
    assert "&lt;b&gt;推进会&lt;/b&gt;" in html and "<b>" not in html
    assert pagetools.panel_html([]) == ""


def test_tools_go_under_the_metadata_header():
    steps = page_html.Steps(intro=lambda text: pagetools.tools_html('讲话"<x>', "template", "讲话.docx"))
    header = '<dl class="speech-meta speech-meta--template"><dt>a</dt></dl>\n'
    out = page_html.render("<p>同志们：</p>", header, steps).html
    assert out.index("</dl>") < out.index('class="speech-tools"') < out.index("同志们")
    assert 'href="%E8%AE%B2%E8%AF%9D.docx" download="讲话.docx"' in out
    assert 'data-title="讲话&quot;&lt;x&gt;"' in out


def test_word_file_sits_beside_its_page_and_is_named_after_its_title():
    assert pagetools.word_file("nianduhuiyi/exemplars/a/", "讲话") == ("nianduhuiyi/exemplars/a/讲话.docx", "讲话.docx")
    assert pagetools.word_file("nianduhuiyi/exemplars/a.html", "讲话") == (
        "nianduhuiyi/exemplars/a/讲话.docx",
        "a/讲话.docx",
    )
