"""Generated Markdown: listings, navigation labels, escaping."""

from __future__ import annotations

import json
import re

import markdown
import pytest

from conftest import ROOT
from speechlib.content.model import SpeechPage, load_model
from speechlib.site.listing import (
    PER_PAGE,
    browse_page,
    listing_data,
    md_escape,
    meeting_type_page,
    meeting_type_pages,
    meta_header,
    nav_titles,
    navigation,
    period_bucket,
)

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
    assert nav[2]["推进会"] == ["tuijinhui/index.md", {"主持词模板": "tuijinhui/templates/zhuchici.md"}]


def test_exemplar_summary_shows_under_its_title_as_text():
    page = speech("tuijinhui/exemplars/a.md", "推进会讲话")
    page.summary = "按“三个*不变*”<展开>"
    text = meeting_type_page(MODEL.by_slug("meeting_type", "tuijinhui"), [page], MODEL)
    rendered = markdown.markdown(text.split("---\n", 2)[2], extensions=["tables", "md_in_html", "attr_list"])
    assert '<span class="listing-summary">按“三个*不变*”&lt;展开&gt;</span>' in rendered


def many(n: int, mt: str = "tuijinhui", **kw) -> list[SpeechPage]:
    return [
        speech(f"{mt}/exemplars/s{i:03d}.md", f"讲话{i:03d}", date=f"{2003 + i % 20}-05-01", **kw)
        for i in range(n)
    ]


def test_navigation_lists_templates_but_no_exemplars_however_many():
    pages = many(120) + [
        speech("tuijinhui/templates/zhuchici.md", "推进会主持词", kind="template", genre="主持词")
    ]
    nav = navigation(pages, MODEL, [], [])
    flat = repr(nav)
    assert "exemplars/" not in flat and "tuijinhui/templates/zhuchici.md" in flat


@pytest.mark.parametrize(
    "n, pages", [(0, 1), (1, 1), (PER_PAGE, 1), (PER_PAGE + 1, 2), (5 * PER_PAGE + 3, 6)]
)
def test_listing_is_paged_and_every_exemplar_is_on_exactly_one_page(n, pages):
    out = meeting_type_pages(MODEL.by_slug("meeting_type", "tuijinhui"), many(n), MODEL)
    assert list(out)[0] == "tuijinhui/index.md"
    assert list(out)[1:] == [f"tuijinhui/list/{k}.md" for k in range(2, pages + 1)]
    listed = [m for text in out.values() for m in re.findall(r"\(([^()]*exemplars/s\d+\.md)\)", text)]
    assert len(listed) == n and len(set(listed)) == n
    assert all(text.count("exemplars/s") <= PER_PAGE for text in out.values())


def test_listing_page_links_resolve_from_where_they_are():
    out = meeting_type_pages(MODEL.by_slug("meeting_type", "tuijinhui"), many(2 * PER_PAGE + 1), MODEL)
    second = out["tuijinhui/list/2.md"]
    assert "(../exemplars/s" in second  # from tuijinhui/list/2.md
    assert "[1](../index.md)" in second and "**2**" in second and "[3](3.md)" in second
    assert "[2](list/2.md)" in out["tuijinhui/index.md"]
    assert 'data-listing="listing.js"' in out["tuijinhui/index.md"] and "data-listing" not in second


def test_pager_shows_first_last_and_neighbours_only():
    out = meeting_type_pages(MODEL.by_slug("meeting_type", "tuijinhui"), many(20 * 10), MODEL, per_page=10)
    pager = out["tuijinhui/list/10.md"].rsplit("</div>", 1)[1]
    numbers = re.findall(r"\[(\d+)\]|\*\*(\d+)\*\*", pager)
    assert [a or b for a, b in numbers] == ["1", "8", "9", "10", "11", "12", "20"]
    assert pager.count("…") == 2


def test_filter_form_offers_the_facets_present_and_escapes_them():
    pages = many(3) + [speech("tuijinhui/exemplars/x.md", "致辞", genre="致辞", date="不详")]
    text = meeting_type_pages(MODEL.by_slug("meeting_type", "tuijinhui"), pages, MODEL)["tuijinhui/index.md"]
    form = text[text.index("<form") : text.index("</form>")]
    assert '<option value="讲话">' in form and '<option value="致辞">' in form and "工作报告" not in form
    assert '<option value="十五及以前（2005年前）">' in form and '<option value="年代不详">' in form
    assert 'data-listing-total="4"' in form


def test_listing_data_has_every_exemplar_of_the_type_with_its_facets():
    pages = many(3) + many(2, mt="diaoduhui")
    pages[0].summary = '引号"和</script>'
    text = listing_data(
        MODEL.by_slug("meeting_type", "tuijinhui"), pages, MODEL, lambda uri: uri[10:-3] + "/"
    )
    assert text.startswith('__speechData("tuijinhui",') and text.rstrip().endswith(");")
    data = json.loads(text[text.index(",") + 1 : text.rindex(")")])
    assert [r[0] for r in data["rows"]] == ["讲话002", "讲话001", "讲话000"]  # newest first, as the pages
    assert data["rows"][2][1] == "exemplars/s000/" and data["rows"][2][2] == '引号"和</script>'
    assert data["rows"][0][3:] == ["讲话", "县", "", "2005-05-01", "十五及以前（2005年前）", ["县"]]
    assert data["facets"]["genre"] == ["讲话"]


@pytest.mark.parametrize(
    "date, period, bucket",
    [
        ("2024-05-11", None, "十四五（2021—2025年）"),
        ("2009", None, "十一五（2006—2010年）"),
        ("2026-01-08", None, "十五五（2026年起）"),
        ("不详", "2009–2013", "十二五（2011—2015年）"),  # the middle of the estimate: 2011
        ("不详", "2013年以前", "十二五（2011—2015年）"),
        ("不详", None, "年代不详"),
    ],
)
def test_period_bucket(date, period, bucket):
    page = speech("tuijinhui/exemplars/a.md", "讲话", date=date)
    page.period = period
    assert period_bucket(page) == bucket


def test_browse_page_counts_exemplars_and_links_to_the_filtered_listing():
    pages = many(70) + many(3, mt="diaoduhui")
    text = browse_page("按文种浏览", "", "genre", lambda p: p.genre.label, pages, MODEL, "browse/genres.md")
    assert "exemplars/" not in text
    assert "[推进会 70 篇](../tuijinhui/index.md?genre=%E8%AE%B2%E8%AF%9D#fanwen)" in text
    assert "[调度会 3 篇](../diaoduhui/index.md?genre=%E8%AE%B2%E8%AF%9D#fanwen)" in text


def test_template_header_names_a_few_exemplars_and_links_to_the_rest():
    template = speech("tuijinhui/templates/jianghua.md", "推进会讲话", kind="template")
    speeches = {p.src_uri: p for p in [template, *many(40)]}
    header = meta_header(template, speeches, lambda uri: "../../" if uri.endswith("index.md") else "x/")
    assert header.count('href="x/"') == 5
    assert '<a href="../../?genre=%E8%AE%B2%E8%AF%9D#fanwen">全部40篇</a>' in header
    assert header.index("讲话019") < header.index("讲话039") < header.index("讲话018")  # newest first
