"""The one Word layout (speechlib.export.docx: the shell .docx and the clipboard styles), the block
rules the page carries (speechlib.page.blocks) and the tools bar (speechlib.page.tools)."""

from __future__ import annotations

import base64
import io
import re
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length, Pt

from speechlib.export import docx as dx
from speechlib.page import blocks as pb
from speechlib.page import html as page_html
from speechlib.page import tools as pagetools
from speechlib.page.paragraphs import read_page, tokenize


@pytest.fixture(scope="module")
def shell():
    return docx.Document(io.BytesIO(dx.build_shell()))


def east_asia(element) -> str | None:
    fonts = element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def style(doc, style_id: str):
    found = [s for s in doc.styles if s.style_id == style_id]
    assert found, f"the shell has no style {style_id}"
    return found[0]


def first_line_chars(style_) -> str | None:
    ind = style_.element.find(qn("w:pPr") + "/" + qn("w:ind"))
    return ind.get(qn("w:firstLineChars")) if ind is not None else None


def test_page_is_a4_with_the_type_area_of_the_standard(shell):
    s = shell.sections[0]

    def mm(length) -> float:  # Word stores twips: compare to a tenth of a millimetre
        return round(Length(length).mm, 1)

    assert (mm(s.page_width), mm(s.page_height)) == (210, 297)
    assert (mm(s.top_margin), mm(s.left_margin)) == (37, 28)
    assert mm(s.page_width - s.left_margin - s.right_margin) == 156
    assert mm(s.page_height - s.top_margin - s.bottom_margin) == 225
    # The page number line (exactly 14 pt high) starts 7 mm below the type area.
    assert mm(s.bottom_margin - s.footer_distance - Pt(14)) == 7


def test_22_lines_of_28_characters(shell):
    grid = shell.sections[0]._sectPr.find(qn("w:docGrid"))
    line_pt = int(grid.get(qn("w:linePitch"))) / 20
    assert 22 * line_pt <= 225 * 72 / 25.4 < 23 * line_pt
    spacing = shell.styles["Normal"].element.find(qn("w:rPr") + "/" + qn("w:spacing"))
    pitch = 16 + int(spacing.get(qn("w:val"))) / 20
    assert int(156 * 72 / 25.4 / pitch) == 28


def test_body_is_fangsong_16pt_justified_exact_spacing_two_character_indent(shell):
    normal = shell.styles["Normal"]
    assert east_asia(normal.element) == "仿宋_GB2312"
    assert normal.font.size == Pt(16)
    fmt = normal.paragraph_format
    assert fmt.line_spacing == Pt(28.95)
    assert fmt.first_line_indent == Pt(32) and first_line_chars(normal) == "200"
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY


def test_title_meta_and_salutation_styles(shell):
    ids = dx.STYLE_IDS
    title = style(shell, ids["title"])
    assert east_asia(title.element) == "方正小标宋简体" and title.font.size == Pt(22)
    assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    meta = style(shell, ids["meta"])
    assert east_asia(meta.element) == "楷体_GB2312"
    assert meta.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    salutation = style(shell, ids["salutation"])
    # Flush left: the character indent of Normal is overridden too (Word follows it first).
    assert salutation.paragraph_format.first_line_indent == 0 and first_line_chars(salutation) == "0"
    for s in (title, meta):
        assert first_line_chars(s) == "0"


@pytest.mark.parametrize("level, font", [(2, "黑体"), (3, "楷体_GB2312"), (4, "仿宋_GB2312"), (5, "仿宋_GB2312")])
def test_heading_and_run_in_styles_by_level_none_bold(shell, level, font):
    heading = style(shell, dx.STYLE_IDS["heading"][level])
    runin = style(shell, dx.STYLE_IDS["runin"][level])
    assert east_asia(heading.element) == font == east_asia(runin.element)
    assert not heading.font.bold and not runin.font.bold  # GB/T 9704: the third level is plain 仿宋
    assert heading.paragraph_format.keep_with_next


def test_the_slot_mark_is_the_only_colour(shell):
    xml = zipfile.ZipFile(io.BytesIO(dx.build_shell())).read("word/styles.xml").decode("utf-8")
    fills = set(re.findall(r'w:fill="([0-9A-Fa-f]{6})"', xml))
    assert fills == {"FFFF00"}
    for style_id in [dx.STYLE_IDS["slot"], *dx.STYLE_IDS["runinSlot"].values()]:
        assert style(shell, style_id).element.find(qn("w:rPr") + "/" + qn("w:shd")).get(qn("w:fill")) == "FFFF00"
    assert style(shell, dx.STYLE_IDS["runinSlot"][2]).base_style.style_id == dx.STYLE_IDS["runin"][2]


def test_page_numbers_odd_right_even_left_in_songti_14pt(shell):
    assert shell.settings.odd_and_even_pages_header_footer
    s = shell.sections[0]
    odd, even = s.footer.paragraphs[0], s.even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    for footer in (odd, even):
        assert footer.text.startswith("— ") and footer.text.endswith(" —")
        assert "PAGE" in footer._p.xml
        assert all(east_asia(r._r) == "宋体" and r.font.size == Pt(14) for r in footer.runs)


def test_font_table_names_fallbacks():
    table = zipfile.ZipFile(io.BytesIO(dx.build_shell())).read("word/fontTable.xml").decode("utf-8")
    for name, alt in (("方正小标宋简体", "华文中宋"), ("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体")):
        assert f'w:name="{name}"><w:altName w:val="{alt}"/>' in table


def test_shell_is_deterministic_with_an_empty_body_and_no_foreign_parts(shell):
    a = dx.build_shell()
    assert a == dx.build_shell()
    archive = zipfile.ZipFile(io.BytesIO(a))
    assert archive.namelist()[0] == "[Content_Types].xml"
    assert not any("thumbnail" in n or "stylesWithEffects" in n for n in archive.namelist())
    assert shell.paragraphs == []
    core = archive.read("docProps/core.xml").decode("utf-8")
    assert f"<dc:title>{dx.TITLE_PLACEHOLDER}</dc:title>" in core and "python-docx" not in core
    assert base64.b64decode(dx.shell_data()["docx"]) == a


def test_layout_data_names_the_shells_styles_and_quotes_every_font():
    data = dx.layout_data()
    shell = docx.Document(io.BytesIO(dx.build_shell()))
    ids = {s.style_id for s in shell.styles}
    for value in data["styles"].values():
        for style_id in value.values() if isinstance(value, dict) else [value]:
            assert style_id in ids
    css = data["css"]
    assert "'仿宋_GB2312','仿宋'" in css["body"] and "'黑体'" in css["heading2"]
    for rule in css.values():
        for family in re.findall(r"font-family:([^;]+);", rule):
            names = family.split(",")
            assert all(n.startswith("'") or n in ("serif", "sans-serif") for n in names), family
    assert "line-height:28.95pt" in css["body"] and "text-align:justify" in css["body"]
    assert "text-indent" not in css["salutation"] and "text-align:center" in css["meta"]
    assert "bold" not in css["heading4"]
    assert re.compile(data["runIn"]).pattern == pb.RUN_IN_RE.pattern


# --- what each block is ------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("一、坚持高位推动，压实工作责任。我们始终……", ("runin", 2)),
    ("（二）要贴近群众。走进群众。", ("runin", 3)),
    ("一、认清形势", ("heading", 2)),
    ("一、统一思想，提高认识，切实增强做好工作的责任感：", ("heading", 2)),  # whatever ends it
    ("一、关于工作进展情况。", ("heading", 2)),
    ("1. 加强组织领导", ("heading", 4)),
    ("同志们：", ("salutation", 0)),
    ("各位领导、同志们：", ("salutation", 0)),
    ("尊敬的各位领导：", ("salutation", 0)),
    ("具体安排如下：", ("body", 0)),
    ("同志们：一、二、三。", ("body", 0)),
    ("一、" + "很长的一句话，" * 12, ("body", 0)),  # a numbered paragraph, not a heading line
    ("现在开会。", ("body", 0)),
])
def test_layout_of_a_paragraph(text, expected):
    assert pb.layout(text) == expected


@pytest.mark.parametrize("title, expected", [
    ("市长在全市人口和计划生育工作会议上的讲话（内江，2006年）", "市长在全市人口和计划生育工作会议上的讲话"),
    ("在全县工作会议上的讲话（2011年）", "在全县工作会议上的讲话"),
    ("推进会主持词", "推进会主持词"),
    ("关于《条例（2024年修订）》的说明", "关于《条例（2024年修订）》的说明"),
])
def test_document_title_drops_the_sites_suffix(title, expected):
    assert pb.document_title(title) == expected


def test_meta_lines():
    assert pb.meta_lines("县委书记", "2024-05-11") == ["县委书记", "（2024年5月11日）"]
    assert pb.meta_lines(None, "2006-03") == ["（2006年3月）"]
    assert pb.meta_lines("市长", "不详") == ["市长"]


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
<p><strong>二、狠抓落实，确保实效</strong></p>
<p>一、坚持高位推动，压实工作责任。我们始终如一。</p>
"""


@pytest.mark.parametrize("kind, expected", [
    ("template", [("salutation", "同志们："), ("body", "现在开会。"), ("heading", "一、认清形势"),
                  ("heading", "（一）突出整合"), ("heading", "二、狠抓落实，确保实效"),
                  ("runin", "一、坚持高位推动，压实工作责任。我们始终如一。")]),
    ("exemplar", [("heading", "开场"), ("salutation", "同志们："), ("body", "现在开会。"),
                  ("heading", "一、认清形势"), ("heading", "（一）突出整合"), ("heading", "二、狠抓落实，确保实效"),
                  ("runin", "一、坚持高位推动，压实工作责任。我们始终如一。")]),
])
def test_export_blocks_take_body_text_and_speech_headings(kind, expected):
    text, _ = read_page(tokenize(PAGE))
    assert [(b["kind"], b["text"]) for b in pb.export_blocks(text, kind)] == expected


def test_the_page_carries_each_blocks_role_export_and_layout():
    out = page_html.render(PAGE, "", page_html.Steps(kind="template")).html
    assert '<h2 id="kai-chang">' in out  # a template's section label is not exported
    assert '<h2 id="yi" data-export="1" data-layout="heading" data-level="2">' in out
    assert '<h3 id="yi-1" data-export="1" data-layout="heading" data-level="3">' in out
    assert 'class="para" data-role="body" data-export="1" data-layout="salutation">同志们：' in out
    assert 'data-role="stage"><span class="stage">' in out
    assert '<p data-role="annotation">说明文字' in out
    assert 'data-role="alternative" data-layout="body">备选的话' in out
    assert 'data-role="body" data-export="1" data-layout="runin" data-level="2">一、坚持' in out
    # The attributes add no text: the model read back from the page is the same.
    before, _ = read_page(tokenize(PAGE))
    assert [p.id for p in before.paragraphs if p.id] == re.findall(r'<p id="(p-[0-9a-f]+)"', out)


@pytest.mark.parametrize("title, name", [
    ("推进会主持词", "推进会主持词.docx"),
    ('在"十二五"会议上的讲话/摘要', "在＿十二五＿会议上的讲话＿摘要.docx"),
    ("  ", "讲话.docx"),
])
def test_file_name_is_the_title_without_forbidden_characters(title, name):
    assert pagetools.word_file_name(title) == name


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


def test_tools_go_under_the_metadata_header_and_escape_the_title():
    steps = page_html.Steps(intro=lambda text: pagetools.tools_html('讲话"<x>（内江，2006年）', "exemplar", ["市长"]))
    header = '<dl class="speech-meta speech-meta--template"><dt>a</dt></dl>\n'
    out = page_html.render("<p>同志们：</p>", header, steps).html
    assert out.index("</dl>") < out.index('class="speech-tools"') < out.index("同志们")
    assert 'data-title="讲话&quot;&lt;x&gt;（内江，2006年）"' in out
    assert 'data-doc-title="讲话&quot;&lt;x&gt;"' in out
    assert 'data-doc-meta="[&quot;市长&quot;]"' in out
    assert 'data-doc-file="讲话＿＿x＿.docx"' in out
    assert '<button type="button" class="md-button speech-tools__docx" hidden' in out
    assert ".docx\" download" not in out  # no file is built per page
