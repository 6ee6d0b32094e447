"""Generated Markdown: listings, navigation labels, escaping."""

from __future__ import annotations

import markdown

from conftest import ROOT
from speechlib.listing import md_escape, meeting_type_page, nav_titles, navigation
from speechlib.model import SpeechPage, load_model

MODEL = load_model(ROOT / "data" / "content_model.yml")


def speech(
    uri: str,
    title: str,
    kind: str = "exemplar",
    genre: str = "讲话",
    date: str = "不详",
    speaker: str | None = None,
) -> SpeechPage:
    return SpeechPage(
        src_uri=uri,
        slug=uri.rsplit("/", 1)[1][:-3],
        kind=kind,
        meeting_type=MODEL.by_slug("meeting_type", uri.split("/")[0]),
        genre=MODEL.by_label("genre", genre),
        title=title,
        date=date,
        speaker=speaker,
        level="县" if kind == "exemplar" else None,
    )


def test_titles_with_markdown_and_html_characters_render_as_text():
    title = "A|B *强调* <b>&amp; [链接](x) ~~删~~ ==标== #1"
    rendered = markdown.markdown(f"| {md_escape(title)} |\n| --- |\n| x |", extensions=["tables"])
    assert "<b>" not in rendered and "<em>" not in rendered and "<a " not in rendered
    assert (
        "A|B *强调* &lt;b&gt;&amp;amp; [链接](x) &#126;&#126;删&#126;&#126; &#61;&#61;标&#61;&#61; #1"
        in rendered
    )


def test_repeated_titles_are_told_apart_in_the_navigation():
    pages = [
        speech("nianduhuiyi/exemplars/a.md", "市长讲话", date="2011-05-11"),
        speech("nianduhuiyi/exemplars/b.md", "市长讲话", speaker="市长"),
        speech("nianduhuiyi/exemplars/c.md", "市长讲话", speaker="市长"),
        speech("nianduhuiyi/exemplars/d.md", "县长讲话"),
    ]
    assert nav_titles(pages) == {
        "nianduhuiyi/exemplars/a.md": "市长讲话（2011）",
        "nianduhuiyi/exemplars/b.md": "市长讲话（市长，b）",
        "nianduhuiyi/exemplars/c.md": "市长讲话（市长，c）",
        "nianduhuiyi/exemplars/d.md": "县长讲话",
    }


def test_meeting_type_page_lists_templates_before_exemplars_newest_first():
    pages = [
        speech("tuijinhui/exemplars/old.md", "旧讲话", date="2005"),
        speech("tuijinhui/exemplars/new.md", "新讲话", date="2024-05"),
        speech("tuijinhui/templates/zhuchici.md", "推进会主持词", kind="template", genre="主持词"),
        speech("diaoduhui/exemplars/other.md", "别的会"),
    ]
    text = meeting_type_page(MODEL.by_slug("meeting_type", "tuijinhui"), pages, MODEL)
    assert text.index("推进会主持词") < text.index("## 范文") < text.index("新讲话") < text.index("旧讲话")
    assert "别的会" not in text and "(exemplars/new.md)" in text


def test_navigation_has_every_meeting_type_in_vocabulary_order():
    nav = navigation(
        [speech("tuijinhui/templates/zhuchici.md", "推进会主持词", kind="template", genre="主持词")],
        MODEL,
        [{"首页": "index.md"}],
        [],
    )
    assert [list(item)[0] for item in nav[1:]] == [e.label for e in MODEL.vocab("meeting_type")]
    assert nav[2]["推进会"] == [
        "tuijinhui/index.md",
        {"模板": [{"主持词模板": "tuijinhui/templates/zhuchici.md"}]},
    ]


def test_exemplar_summary_shows_under_its_title_as_text():
    page = speech("tuijinhui/exemplars/a.md", "推进会讲话")
    page.summary = "按“三个*不变*”<展开>"
    text = meeting_type_page(MODEL.by_slug("meeting_type", "tuijinhui"), [page], MODEL)
    rendered = markdown.markdown(text.split("---\n", 2)[2], extensions=["tables"])
    assert '<span class="listing-summary">按“三个*不变*”&lt;展开&gt;</span>' in rendered
