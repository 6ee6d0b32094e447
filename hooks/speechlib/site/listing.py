"""Generated Markdown for the meeting-type pages, the browse pages and the navigation.

Pure functions over :class:`~speechlib.content.model.SpeechPage` lists. Everything taken from front matter
is escaped with :func:`md_escape` (or ``html.escape`` in raw HTML), so a title with ``|``, ``*`` or
``<`` renders as text.

Page size does not grow with the library (issue 13): the navigation lists meeting types, templates
and guides, never exemplars; exemplars are reached through their meeting-type page, which lists
:data:`PER_PAGE` of them per page (``<type>/index.md``, then ``<type>/list/2.md`` …, linked by a
pager) and filters them in the browser by text, genre, level and period from a data file written
beside it (:func:`listing_data`, ``<type>/listing.js``, loaded by ``docs/assets/js/listing.js`` on
the first use of the filter). The data file is a script, as the search's index parts are, so the
filter also works from disk (``file://``)::

    __speechData("tuijinhui", {"facets": {"genre": ["讲话", …], "level": […], "period": […]},
                                "rows": [["标题", "exemplars/x/", "摘要", "讲话", "县级市", "市长",
                                          "2024-05-11", "十四五（2021—2025年）", ["县级市", "县", "市"]], …]})

Row fields, in order: title, URL relative to the meeting-type page, summary, genre, level,
speaker, date, period bucket (:func:`period_bucket`), and the levels the row is filed under (its level
and the level's ``counts_as`` in data/content_model.yml: a 县级市 speech is found under 县级市, 县
and 市). Browse pages count exemplars per meeting type and link to the filtered listing
(``tuijinhui/?genre=讲话#fanwen``) instead of listing them; a value's group there holds the pages
filed under it in the same way.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections import Counter
from collections.abc import Callable, Iterable
from urllib.parse import quote

from speechlib.page import datafile
from speechlib.content import periods
from speechlib.content.model import ContentModel, SpeechPage, VocabEntry

PER_PAGE = 50  # exemplars per listing page
RELATED_LIMIT = 5  # exemplars named in a template's header; the rest are a link to the listing
LISTING_ANCHOR = "fanwen"  # id of the exemplars heading on a meeting-type page
FACETS = (("genre", "全部文种"), ("level", "全部层级"), ("period", "全部年代"))

_MD_SPECIAL = set("\\`*_{}[]()#+!|.-")
# Characters Python-Markdown cannot backslash-escape (HTML specials, and the pymdownx ~ ^ = marks)
# are written as entities.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "~": "&#126;", "^": "&#94;", "=": "&#61;"}


def md_escape(text: str) -> str:
    """Escape Markdown and HTML specials so the text renders literally (also inside table cells)."""
    return "".join(_ENTITIES.get(c) or ("\\" + c if c in _MD_SPECIAL else c) for c in text.replace("\n", " "))


def rel(src_uri: str, from_uri: str) -> str:
    """Relative link from one docs file to another (both docs-relative)."""
    return posixpath.relpath(src_uri, posixpath.dirname(from_uri) or ".")


def _date_key(page: SpeechPage) -> str:
    return page.date if page.date[:1].isdigit() else "0"


def sort_speeches(pages: Iterable[SpeechPage], model: ContentModel) -> list[SpeechPage]:
    """Genre in vocabulary order, then newest first, then title."""
    order = {e.slug: i for i, e in enumerate(model.vocab("genre"))}
    by_title = sorted(pages, key=lambda p: p.title)
    by_date = sorted(by_title, key=_date_key, reverse=True)
    return sorted(by_date, key=lambda p: order.get(p.genre.slug, 99))


def template_table(pages: list[SpeechPage], from_uri: str) -> str:
    rows = ["| 模板 | 文种 | 说明 |", "| --- | --- | --- |"]
    for p in pages:
        rows.append(
            f"| [{md_escape(p.title)}]({rel(p.src_uri, from_uri)}) | {p.genre.label} | "
            f"{md_escape(p.summary or '')} |"
        )
    return "\n".join(rows)


def exemplar_table(pages: list[SpeechPage], from_uri: str, with_meeting_type: bool = False) -> str:
    head = "| 标题 | 文种 | 层级 | 讲话人 | 日期 |" + (" 会议类型 |" if with_meeting_type else "")
    rows = [head, "|" + " --- |" * (head.count("|") - 1)]
    for p in pages:
        summary = f'<br><span class="listing-summary">{md_escape(p.summary)}</span>' if p.summary else ""
        cells = [
            f"[{md_escape(p.title)}]({rel(p.src_uri, from_uri)}){summary}",
            p.genre.label,
            p.level or "",
            md_escape(p.speaker or ""),
            p.date,
        ]
        if with_meeting_type:
            cells.append(p.meeting_type.label)
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def period_bucket(page: SpeechPage) -> str:
    """The period of a speech for the listing filter (:func:`speechlib.content.periods.period_of`, the
    same periods as the search's)."""
    return periods.period_of(page)


def _facet_values(exemplars: list[SpeechPage], model: ContentModel) -> dict[str, list[str]]:
    genres = [e.label for e in model.vocab("genre") if any(p.genre.slug == e.slug for p in exemplars)]
    levels = [
        e.label for e in model.vocab("level") if any(e.label in model.counted_as("level", p.level) for p in exemplars)
    ]
    return {"genre": genres, "level": levels, "period": periods.in_order(period_bucket(p) for p in exemplars)}


def _pager(current: int, count: int, href: Callable[[int], str]) -> str:
    """Page links: all when few, else the first, the last and two either side of the current one."""
    if count <= 1:
        return ""
    shown = sorted({1, count, *range(max(1, current - 2), min(count, current + 2) + 1)})
    items: list[str] = []
    if current > 1:
        items.append(f"[上一页]({href(current - 1)})")
    last = 0
    for n in shown:
        if n - last > 1:
            items.append("…")
        items.append(f"**{n}**" if n == current else f"[{n}]({href(n)})")
        last = n
    if current < count:
        items.append(f"[下一页]({href(current + 1)})")
    return " ".join(items) + "\n{: .listing-pager }\n"


def _filter_form(mt: VocabEntry, facets: dict[str, list[str]], total: int) -> str:
    """The filter box of the listing (raw HTML, hidden until listing.js takes it over)."""
    esc = html.escape
    selects = "".join(
        f'<select data-listing-facet="{name}" aria-label="{esc(label)}">'
        f'<option value="">{esc(label)}</option>'
        + "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in facets[name])
        + "</select>"
        for name, label in FACETS
    )
    return (
        f'<form class="listing-filter" data-listing="listing.js" data-listing-name="{esc(mt.slug)}" '
        f'data-listing-total="{total}" hidden>'
        '<input type="search" data-listing-q placeholder="按标题、讲话人、摘要筛选" aria-label="筛选范文">'
        f'{selects}<span class="listing-count" data-listing-count aria-live="polite"></span></form>\n'
    )


def meeting_type_pages(
    mt: VocabEntry, pages: list[SpeechPage], model: ContentModel, per_page: int = PER_PAGE
) -> dict[str, str]:
    """The meeting type's index page and its further listing pages: docs path -> Markdown.

    ``<type>/index.md`` has the description, the templates and the first ``per_page`` exemplars
    with the filter box; ``<type>/list/<n>.md`` the next ones. Every page has the pager.
    """
    uri = f"{mt.slug}/index.md"
    mine = sort_speeches((p for p in pages if p.meeting_type.slug == mt.slug), model)
    templates = [p for p in mine if p.kind == "template"]
    exemplars = [p for p in mine if p.kind == "exemplar"]
    count = max(1, -(-len(exemplars) // per_page))

    def page_uri(n: int) -> str:
        return uri if n == 1 else f"{mt.slug}/list/{n}.md"

    out: dict[str, str] = {}
    for n in range(1, count + 1):
        this = page_uri(n)
        chunk = exemplars[(n - 1) * per_page : n * per_page]
        pager = _pager(n, count, lambda k, this=this: rel(page_uri(k), this))
        if n == 1:
            parts = [
                f"---\ntitle: {mt.label}\n---\n",
                f"# {md_escape(mt.label)}\n",
                md_escape(mt.description) + "\n",
            ]
            parts.append(f"## 模板（{len(templates)}篇）\n")
            parts.append(template_table(templates, this) if templates else "本类会议暂无模板。")
            parts.append(f"\n\n## 范文（{len(exemplars)}篇） {{#{LISTING_ANCHOR}}}\n")
            if exemplars:
                parts.append(_filter_form(mt, _facet_values(exemplars, model), len(exemplars)))
        else:
            first = (n - 1) * per_page + 1
            label = f"{mt.label}范文（第{n}页）"
            parts = [f"---\ntitle: {label}\n---\n", f"# {md_escape(label)}\n"]
            parts.append(
                f"第 {first}–{first + len(chunk) - 1} 篇，共 {len(exemplars)} 篇。"
                "按文种、层级、年代筛选请回到"
                f"[{md_escape(mt.label)}]({rel(uri, this)}#{LISTING_ANCHOR})。\n"
            )
        if exemplars:
            parts.append('<div class="listing" markdown>\n\n' + exemplar_table(chunk, this) + "\n\n</div>\n")
            parts.append(pager)
        else:
            parts.append("本类会议暂无范文。")
        out[this] = "\n".join(parts) + "\n"
    return out


def meeting_type_page(mt: VocabEntry, pages: list[SpeechPage], model: ContentModel) -> str:
    """The section index page of one meeting type (the first of :func:`meeting_type_pages`)."""
    return meeting_type_pages(mt, pages, model)[f"{mt.slug}/index.md"]


def listing_data(
    mt: VocabEntry, pages: list[SpeechPage], model: ContentModel, url_of: Callable[[str], str]
) -> str:
    """``<type>/listing.js``: every exemplar of the type for the filter (format: module docstring).

    ``url_of`` maps a page's source path to its URL relative to the meeting-type page.
    """
    exemplars = [
        p for p in sort_speeches(pages, model) if p.meeting_type.slug == mt.slug and p.kind == "exemplar"
    ]
    rows = [
        [
            p.title,
            url_of(p.src_uri),
            p.summary or "",
            p.genre.label,
            p.level or "",
            p.speaker or "",
            p.date,
            period_bucket(p),
            list(model.counted_as("level", p.level)),
        ]
        for p in exemplars
    ]
    return datafile.script(mt.slug, {"facets": _facet_values(exemplars, model), "rows": rows})


def filtered_listing(mt_slug: str, facet: str, value: str, from_uri: str) -> str:
    """Link to a meeting type's listing filtered by one facet (listing.js reads the query)."""
    return f"{rel(f'{mt_slug}/index.md', from_uri)}?{facet}={quote(value)}#{LISTING_ANCHOR}"


def browse_page(
    title: str, intro: str, vocab_name: str, key, pages: list[SpeechPage], model: ContentModel, uri: str
) -> str:
    """A page grouping the speeches by one vocabulary (genre or level).

    Templates are few and linked one by one; exemplars are counted per meeting type, each count a
    link to that type's listing filtered by the group, so the page does not grow with the library.
    A page is in the group of its own value and of the values it counts as (a 县级市 speech is in
    县级市, 县 and 市; :meth:`ContentModel.counted_as`), and a group says how many came in that way.
    """
    out = [f"---\ntitle: {title}\n---\n", f"# {title}\n", intro + "\n"]
    for entry in model.vocab(vocab_name):
        group = sort_speeches((p for p in pages if entry.label in model.counted_as(vocab_name, key(p))), model)
        if not group:
            continue
        templates = [p for p in group if p.kind == "template"]
        exemplars = [p for p in group if p.kind == "exemplar"]
        out.append(f"## {md_escape(entry.label)}\n")
        if templates:
            out.append(
                "模板："
                + "、".join(
                    f"[{md_escape(p.meeting_type.label + p.genre.label)}]({rel(p.src_uri, uri)})"
                    for p in templates
                )
                + "\n"
            )
        if exemplars:
            per_type = Counter(p.meeting_type.slug for p in exemplars)
            links = [
                f"[{md_escape(mt.label)} {per_type[mt.slug]} 篇]"
                f"({filtered_listing(mt.slug, vocab_name, entry.label, uri)})"
                for mt in model.vocab("meeting_type")
                if per_type[mt.slug]
            ]
            others = Counter(key(p) for p in exemplars if key(p) != entry.label)
            within = "，".join(f"{md_escape(label)} {n} 篇" for label, n in others.items())
            out.append(f"范文 {len(exemplars)} 篇" + (f"（含{within}）" if within else "") + "：" + "、".join(links) + "\n")
    return "\n".join(out)


def home_grid(pages: list[SpeechPage], model: ContentModel, from_uri: str = "index.md") -> str:
    """Cards for the home page: each meeting type with its templates linked directly."""
    out = ['<div class="grid cards" markdown>\n']
    for mt in model.vocab("meeting_type"):
        mine = [p for p in pages if p.meeting_type.slug == mt.slug]
        templates = sort_speeches((p for p in mine if p.kind == "template"), model)
        n_ex = sum(p.kind == "exemplar" for p in mine)
        links = " · ".join(f"[{md_escape(p.genre.label)}]({rel(p.src_uri, from_uri)})" for p in templates)
        out.append(f"-   **[{md_escape(mt.label)}]({mt.slug}/index.md)**\n")
        out.append("    ---\n")
        out.append(f"    模板：{links or '暂无'}  \n    范文 {n_ex} 篇\n")
    out.append("</div>\n")
    return "\n".join(out)


def nav_titles(pages: list[SpeechPage]) -> dict[str, str]:
    """Navigation labels: the title, with the year (or speaker, or file name) where titles repeat."""
    titles = Counter(p.title for p in pages)
    labels = {
        p.src_uri: p.title if titles[p.title] == 1 else f"{p.title}（{p.year or p.speaker or p.slug}）"
        for p in pages
    }
    repeated = Counter(labels.values())
    return {
        uri: label if repeated[label] == 1 else f"{label[:-1]}，{uri.rsplit('/', 1)[1][:-3]}）"
        for uri, label in labels.items()
    }


def navigation(pages: list[SpeechPage], model: ContentModel, extra_before: list, extra_after: list) -> list:
    """The site navigation: one section per meeting type, its listing page and its templates.

    Exemplars are not in it: with hundreds per type they would be in every page's HTML (Material's
    ``navigation.prune`` keeps the active section whole); the listing page reaches them.
    """
    nav = list(extra_before)
    for mt in model.vocab("meeting_type"):
        mine = sort_speeches((p for p in pages if p.meeting_type.slug == mt.slug), model)
        section: list = [f"{mt.slug}/index.md"]
        section += [{f"{p.genre.label}模板": p.src_uri} for p in mine if p.kind == "template"]
        nav.append({mt.label: section})
    return nav + list(extra_after)


def related(page: SpeechPage, speeches: dict[str, SpeechPage]) -> list[SpeechPage]:
    """Templates of an exemplar's kind, or exemplars that follow a template (same type, then genre).

    A template's exemplars are all those of its type and genre, newest first (the header names the
    first :data:`RELATED_LIMIT` and links to the rest).
    """
    other_kind = "template" if page.kind == "exemplar" else "exemplar"
    candidates = [p for p in speeches.values() if p.kind == other_kind and p.genre.slug == page.genre.slug]
    return _related_among(page, candidates)


class RelatedIndex:
    """:func:`related` for every page of one build: the speeches are grouped by kind and genre once
    and each answer (it depends only on the page's kind, genre and meeting type) is kept, instead of
    every page scanning every speech."""

    def __init__(self, speeches: dict[str, SpeechPage]) -> None:
        self._groups: dict[tuple[str, str], list[SpeechPage]] = {}
        for p in speeches.values():
            self._groups.setdefault((p.kind, p.genre.slug), []).append(p)
        self._answers: dict[tuple[str, str, str], list[SpeechPage]] = {}

    def __call__(self, page: SpeechPage) -> list[SpeechPage]:
        key = (page.kind, page.genre.slug, page.meeting_type.slug)
        if key not in self._answers:
            other_kind = "template" if page.kind == "exemplar" else "exemplar"
            self._answers[key] = _related_among(page, self._groups.get((other_kind, page.genre.slug), []))
        return self._answers[key]


def _related_among(page: SpeechPage, candidates: list[SpeechPage]) -> list[SpeechPage]:
    same_type = [p for p in candidates if p.meeting_type.slug == page.meeting_type.slug]
    if page.kind == "exemplar":
        return same_type or candidates[:3]
    newest = sorted(sorted(same_type, key=lambda p: p.title), key=_date_key, reverse=True)
    return newest or sorted(candidates, key=lambda p: p.title)[:RELATED_LIMIT]


def meta_header(
    page: SpeechPage,
    speeches: dict[str, SpeechPage],
    url_of: Callable[[str], str | None],
    related_of: Callable[[SpeechPage], list[SpeechPage]] | None = None,
) -> str:
    """The compact metadata header shown under the title of a speech page.

    ``url_of`` maps a source path (``tuijinhui/index.md``) to its URL relative to this page, or
    None if there is no such page; ``related_of`` (a :class:`RelatedIndex` of ``speeches``) answers
    :func:`related` for a whole build at once.
    """

    def link(src_uri: str, text: str) -> str:
        href = url_of(src_uri) or "#"
        return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'

    items = [
        ("会议类型", link(f"{page.meeting_type.slug}/index.md", page.meeting_type.label)),
        ("文种", html.escape(page.genre.label)),
    ]
    if page.kind == "exemplar":
        items += [
            ("层级", html.escape(page.level or "")),
            ("讲话人", html.escape(page.speaker or "未注明")),
            ("日期", html.escape(page.date)),
        ]
        if page.period:
            basis = ""
            if page.period_basis:
                basis = f'<span class="speech-meta__basis">{html.escape(page.period_basis)}</span>'
            items.append(("年代", f"约{html.escape(page.period)}年{basis}"))
        items.append(("来源", html.escape(page.source or "")))
    if page.topics:
        items.append(("主题", "、".join(html.escape(t) for t in page.topics)))
    others = related_of(page) if related_of is not None else related(page, speeches)
    if others:
        label = "对应模板" if page.kind == "exemplar" else "参照范文"
        shown = "；".join(link(p.src_uri, p.title) for p in others[:RELATED_LIMIT])
        if len(others) > RELATED_LIMIT:
            base = url_of(f"{page.meeting_type.slug}/index.md") or "#"
            href = f"{base}?genre={quote(page.genre.label)}#{LISTING_ANCHOR}"
            shown += f'；<a href="{html.escape(href)}">全部{len(others)}篇</a>'
        items.append((label, shown))
    body = "".join(f'<div class="speech-meta__item"><dt>{k}</dt><dd>{v}</dd></div>' for k, v in items)
    kind = "范文" if page.kind == "exemplar" else "模板"
    return f'<dl class="speech-meta speech-meta--{page.kind}" data-kind="{kind}">{body}</dl>\n'


def background_html(page: SpeechPage) -> str:
    """The 背景说明 of an exemplar whose policies have since been abolished or restricted."""
    if not page.background:
        return ""
    return (
        '<div class="admonition warning speech-background"><p class="admonition-title">背景说明</p>'
        f"<p>{html.escape(page.background)}</p></div>\n"
    )


def collation_html(page: SpeechPage) -> str:
    """The 校勘记 at the end of an exemplar: every change made to its source, so none is silent."""
    if not page.collation:
        return ""
    items = "".join(f"<li>{html.escape(str(c))}</li>" for c in page.collation)
    return (
        '<section class="collation"><h2 id="jiao-kan-ji">校勘记</h2>'
        '<p class="collation-lead">本文据所注来源整理，改动如下：</p>'
        f"<ol>{items}</ol></section>\n"
    )
