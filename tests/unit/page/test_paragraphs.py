"""The paragraph model: roles, copy text, heading paths and ids, read from rendered HTML."""

from __future__ import annotations

import pytest

from speechlib.page.paragraphs import PageText, paragraph_id, read_page, tokenize

PAGE = (
    '<div class="admonition info"><p class="admonition-title">使用说明</p><p>推进会在关键节点召开。</p></div>'
    '<h2 id="kai-chang">一、开场<a class="headerlink" href="#kai-chang" title="Permanent link">¶</a></h2>'
    "<p>同志们：</p>"
    '<p>现在开会。<span class="stage">（掌声）</span></p>'
    '<p><span class="stage">（全体起立，奏国歌）</span></p>'
    '<p><span class="editor-note">编者注：此处原文从略。</span></p>'
    '<h3 id="yi">（一）提高认识<a class="headerlink" href="#yi">¶</a></h3>'
    "<p>各级要高度重视，\n切实抓好落实。\u200b</p>"
    '<div class="admonition annotation"><p class="admonition-title">写法说明</p><p>作用：开场。</p></div>'
    '<details class="alternatives"><summary>备选表述</summary><div class="tabbed-set">'
    "<p>经研究决定，召开这次会议。</p>"
    '<p><a class="source-link" href="../x/#p-1">范文出处：某县讲话</a></p></div></details>'
    "<pre><code><p>代码</p></code></pre>"
)


def model() -> PageText:
    return read_page(tokenize(PAGE))[0]


def test_every_paragraph_has_its_role():
    roles = [(p.role, p.text) for p in model().paragraphs]
    assert roles == [
        ("annotation", "推进会在关键节点召开。"),
        ("body", "同志们："),
        ("body", "现在开会。（掌声）"),
        ("stage", "（全体起立，奏国歌）"),
        ("editor_note", "编者注：此处原文从略。"),
        ("body", "各级要高度重视，\n切实抓好落实。\u200b"),
        ("annotation", "作用：开场。"),
        ("alternative", "经研究决定，召开这次会议。"),
        ("annotation", "范文出处：某县讲话"),
    ]


def test_copy_text_drops_stage_directions_notes_and_invisible_characters():
    body = {p.text: p.copy_text for p in model().body()}
    assert body["现在开会。（掌声）"] == "现在开会。"
    assert body["各级要高度重视，\n切实抓好落实。\u200b"] == "各级要高度重视，切实抓好落实。"
    assert [p.match_text for p in model().body()][0] == "同志们:"  # full-width colon folded for matching


def test_heading_path_and_document_order():
    text = model()
    assert [(h.level, h.id, h.text) for h in text.headings] == [(2, "kai-chang", "一、开场"), (3, "yi", "（一）提高认识")]
    deep = next(p for p in text.body() if p.text.startswith("各级"))
    assert [h.text for h in deep.headings] == ["一、开场", "（一）提高认识"]
    kinds = [type(b).__name__ for b in text.blocks()]
    assert kinds == ["Heading", "Paragraph", "Paragraph", "Heading", "Paragraph", "Paragraph"]


def test_ids_come_from_the_displayed_text_and_annotations_get_none():
    paragraphs = model().paragraphs
    assert paragraphs[0].id == ""  # inside 使用说明: nothing links to it
    assert paragraphs[2].id == paragraph_id("现在开会。（掌声）")
    assert paragraphs[8].id == paragraph_id("范文出处：某县讲话")  # source links keep their old anchors


@pytest.mark.parametrize("html", ["<p></p>", "<p>   </p>", '<p class="x">有属性</p>', "<pre><p>代码</p></pre>"])
def test_not_paragraphs(html):
    assert read_page(tokenize(html))[0].paragraphs == []


def test_tokens_give_the_html_back_unchanged():
    assert "".join(t.raw for t in tokenize(PAGE + '<p title="a>b">x &amp; y</p><!-- c -->')) == (
        PAGE + '<p title="a>b">x &amp; y</p><!-- c -->'
    )
