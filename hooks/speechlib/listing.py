"""Generated Markdown for the meeting-type pages, the browse pages and the navigation.

Pure functions over :class:`~speechlib.model.SpeechPage` lists. Everything taken from front matter
is escaped with :func:`md_escape`, so a title with ``|``, ``*`` or ``<`` renders as text.
"""

from __future__ import annotations

import html
import posixpath
from collections import Counter
from collections.abc import Callable, Iterable

from .model import ContentModel, SpeechPage, VocabEntry

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


def meeting_type_page(mt: VocabEntry, pages: list[SpeechPage], model: ContentModel) -> str:
    """The section index page of one meeting type: description, templates first, then exemplars."""
    uri = f"{mt.slug}/index.md"
    mine = sort_speeches((p for p in pages if p.meeting_type.slug == mt.slug), model)
    templates = [p for p in mine if p.kind == "template"]
    exemplars = [p for p in mine if p.kind == "exemplar"]
    out = [f"---\ntitle: {mt.label}\n---\n", f"# {md_escape(mt.label)}\n", md_escape(mt.description) + "\n"]
    out.append(f"## 模板（{len(templates)}篇）\n")
    out.append(template_table(templates, uri) if templates else "本类会议暂无模板。")
    out.append(f"\n\n## 范文（{len(exemplars)}篇）\n")
    out.append(exemplar_table(exemplars, uri) if exemplars else "本类会议暂无范文。")
    return "\n".join(out) + "\n"


def browse_page(
    title: str, intro: str, vocab_name: str, key, pages: list[SpeechPage], model: ContentModel, uri: str
) -> str:
    """A page listing every speech page grouped by one vocabulary (genre or level)."""
    out = [f"---\ntitle: {title}\n---\n", f"# {title}\n", intro + "\n"]
    for entry in model.vocab(vocab_name):
        group = sort_speeches((p for p in pages if key(p) == entry.label), model)
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
            out.append(exemplar_table(exemplars, uri, with_meeting_type=True) + "\n")
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
    """The site navigation: one section per meeting type, templates before exemplars."""
    nav = list(extra_before)
    for mt in model.vocab("meeting_type"):
        mine = sort_speeches((p for p in pages if p.meeting_type.slug == mt.slug), model)
        section: list = [f"{mt.slug}/index.md"]
        templates = [{f"{p.genre.label}模板": p.src_uri} for p in mine if p.kind == "template"]
        labels = nav_titles([p for p in mine if p.kind == "exemplar"])
        exemplars = [{labels[p.src_uri]: p.src_uri} for p in mine if p.kind == "exemplar"]
        if templates:
            section.append({"模板": templates})
        if exemplars:
            section.append({"范文": exemplars})
        nav.append({mt.label: section})
    return nav + list(extra_after)


def related(page: SpeechPage, speeches: dict[str, SpeechPage]) -> list[SpeechPage]:
    """Templates of an exemplar's kind, or exemplars that follow a template (same type, then genre)."""
    other_kind = "template" if page.kind == "exemplar" else "exemplar"
    candidates = [p for p in speeches.values() if p.kind == other_kind and p.genre.slug == page.genre.slug]
    same_type = [p for p in candidates if p.meeting_type.slug == page.meeting_type.slug]
    if page.kind == "exemplar":
        return same_type or candidates[:3]
    return sorted(same_type, key=lambda p: p.title) or sorted(candidates, key=lambda p: p.title)[:5]


def meta_header(
    page: SpeechPage, speeches: dict[str, SpeechPage], url_of: Callable[[str], str | None]
) -> str:
    """The compact metadata header shown under the title of a speech page.

    ``url_of`` maps a source path (``tuijinhui/index.md``) to its URL relative to this page, or
    None if there is no such page.
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
    others = related(page, speeches)
    if others:
        label = "对应模板" if page.kind == "exemplar" else "参照范文"
        items.append((label, "；".join(link(p.src_uri, p.title) for p in others)))
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
