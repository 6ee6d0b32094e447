"""Anchors, phrase matching and marking, keyword-in-context lines, slugs and the word list."""

from __future__ import annotations

import re

from speechlib.page import html as page_html
from speechlib.page.paragraphs import paragraph_id, plain_text
from speechlib.phrases.index import assign_slugs, slugify, wordlist
from speechlib.text.concordance import Matcher, kwic

# --- anchors -------------------------------------------------------------------------------------


def anchor_paragraphs(html: str):
    """The page pipeline's anchor step alone: the HTML and the paragraphs that got an id."""
    rendered = page_html.render(html, "", page_html.Steps())
    return rendered.html, [p for p in rendered.text.paragraphs if p.id]


def ids(html: str) -> list[str]:
    return re.findall(r'<p id="([^"]+)" class="para">', html)


def test_anchor_is_derived_from_the_paragraph_and_survives_edits_elsewhere():
    before, _ = anchor_paragraphs("<p>同志们：</p>\n<p>现在开会。</p>\n<p>散会。</p>")
    after, _ = anchor_paragraphs(
        "<p>同志们：</p>\n<p>新插入的一段。</p>\n<p>现在开会，请坐好。</p>\n<p>散会。</p>"
    )
    assert ids(before)[0] == ids(after)[0] and ids(before)[2] == ids(after)[3]
    assert ids(before)[1] != ids(after)[2]  # the edited paragraph itself gets a new id


def test_anchor_ignores_wrapping_and_width_of_ascii_punctuation():
    assert paragraph_id("现在开会，2024年") == paragraph_id("现在开会，\n２０２４年")


def test_identical_paragraphs_get_deterministic_suffixes():
    html, paras = anchor_paragraphs("<p>散会。</p><p>同志们：</p><p>散会。</p><p>散会。</p>")
    base = paragraph_id("散会。")
    assert [p.id for p in paras] == [base, paragraph_id("同志们："), f"{base}-2", f"{base}-3"]


def test_annotations_are_not_body_paragraphs_but_alternatives_are():
    html = (
        '<div class="admonition annotation"><p class="admonition-title">写法说明</p><p>作用：开场。</p></div>'
        '<details class="alternatives"><summary>备选表述</summary><div class="tabbed-set"><div class="tabbed-content">'
        '<div class="tabbed-block"><p>经研究决定，召开这次会议。</p></div></div></div></details>'
        '<p class="keep">已有属性</p><p>正文。</p>'
    )
    out, paras = anchor_paragraphs(html)
    assert [p.text for p in paras] == ["经研究决定，召开这次会议。", "正文。"]
    assert '<p class="keep">已有属性</p>' in out and "<p>作用：开场。</p>" in out


# --- matching and marking ------------------------------------------------------------------------


def test_matcher_finds_all_forms_across_width_and_spacing():
    m = Matcher({"a": ["亲自抓、负总责", "亲自抓，负总责"], "b": ["高度重视"]})
    text = "主要领导要亲自抓，负总责；对此高度 重视。亲自抓,负总责。"
    found = [(o.key, text[o.start : o.end]) for o in m.find(text)]
    assert found == [("a", "亲自抓，负总责"), ("b", "高度 重视"), ("a", "亲自抓,负总责")]


def test_a_match_inside_a_longer_form_of_the_same_phrase_counts_once_but_other_phrases_count():
    m = Matcher({"a": ["统一思想", "统一思想、提高认识"], "b": ["提高认识"]})
    found = [(o.key, o.start, o.end) for o in m.find("要统一思想、提高认识。")]
    assert found == [("a", 1, 10), ("b", 6, 10)]


def test_marking_keeps_the_text_and_skips_links_and_split_matches():
    body = '<p>市委<b>高度</b>重视，真抓实干&amp;。<a href="x">真抓实干</a></p>'
    m = Matcher({"g": ["高度重视"], "z": ["真抓实干"]})
    steps = page_html.Steps(matcher=m, phrase_href=lambda k: f"../{k}/", phrase_title=lambda k: "t<" + k)
    out = page_html.render(body, "", steps).html
    assert plain_text(out) == plain_text(body)
    assert out.count('class="phrase"') == 1
    assert '<a class="phrase" href="../z/" title="t&lt;z">真抓实干</a>&amp;。' in out


def test_kwic_and_slugs_and_wordlist():
    assert kwic("一二三四五六七", 3, 4, width=2) == ("二三", "四", "五六")
    assert slugify("高度重视") == "gao-du-zhong-shi"
    assert assign_slugs(["重视", "重视", "亲自抓、负总责"]) == [
        "zhong-shi",
        "zhong-shi-2",
        "qin-zi-zhua-fu-zong-ze",
    ]
    assert wordlist(["亲自抓、负总责", "亲自抓，负总责", "散会"]) == "亲自抓负总责\n散会\n"
