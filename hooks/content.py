"""Content hook: validates every page's front matter, generates the meeting-type and browse pages,
builds the navigation, and puts a metadata header on every speech page.

The logic lives in ``speechlib.model`` (front matter) and ``speechlib.listing`` (generated
Markdown); this module only wires it to MkDocs events. Per-build state is one ``Site`` object made
in ``on_config``; parsed front matter is cached across ``mkdocs serve`` rebuilds by content hash.
"""

from __future__ import annotations

import hashlib
import html
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from speechlib import listing, registry
from speechlib.model import ContentError, SpeechPage, check_unique_slugs, decode_source, load_model, parse_page

log = get_plugin_logger("content")

HOME_PLACEHOLDER = "<!-- meeting-types -->"
# Folders of docs/ that hold hand-written pages besides the meeting types.
OTHER_SECTIONS = {"guide": "使用指南", "browse": "分类浏览", "phrases": "固定表述", "assets": None}



def site() -> registry.Site:
    try:
        return registry.site()
    except RuntimeError as exc:
        raise PluginError(str(exc)) from exc


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    path = root / "data" / "content_model.yml"
    try:
        model = load_model(path)
    except ContentError as exc:
        raise PluginError(str(exc)) from exc
    registry.current = registry.Site(root=root, model=model, model_digest=hashlib.sha1(path.read_bytes()).hexdigest())
    return config


def _parse(file: File, state: registry.Site, docs_prefix: str) -> SpeechPage | None:
    raw = Path(file.abs_src_path).read_bytes()
    key = (hashlib.sha1(raw).hexdigest(), state.model_digest)
    model = state.model
    return registry.front_matter_cache.get(
        file.src_uri, key, lambda: parse_page(decode_source(raw, docs_prefix + file.src_uri), file.src_uri, model, docs_prefix)
    )


# Runs after hooks that add generated pages of their own (phrases.py, priority 50), so they can be
# put in the navigation; before the default priority so validation errors come first.
@event_priority(10)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = site()
    docs_prefix = Path(config.docs_dir).name + "/"
    pages: list[SpeechPage] = []
    try:
        for file in files.documentation_pages():
            if file.generated_by:
                continue
            top = file.src_uri.split("/", 1)[0]
            if file.src_uri.count("/") and state.model.by_slug("meeting_type", top) is None and top not in OTHER_SECTIONS:
                log.warning(f"{docs_prefix}{file.src_uri}:1: '{top}/' is neither a meeting type nor a known section; the page is not in the navigation")
            if file.src_uri.endswith("/index.md") and state.model.by_slug("meeting_type", top) and file.src_uri.count("/") == 1:
                raise ContentError(f"{docs_prefix}{file.src_uri}:1: meeting-type pages are generated from data/content_model.yml; delete this file and edit the description there")
            page = _parse(file, state, docs_prefix)
            if page is not None:
                pages.append(page)
        check_unique_slugs(pages, docs_prefix)
    except ContentError as exc:
        raise PluginError(str(exc)) from exc

    state.speeches = {p.src_uri: p for p in pages}
    for mt in state.model.vocab("meeting_type"):
        files.append(File.generated(config, f"{mt.slug}/index.md", content=listing.meeting_type_page(mt, pages, state.model)))
    browse = [
        ("browse/genres.md", "按文种浏览", "全部模板和范文，按文种归类。", "genre", lambda p: p.genre.label),
        ("browse/levels.md", "按层级浏览", "全部范文，按讲话的层级（省、市、县、区、乡镇、部门）归类。模板不分层级，未列入。", "level", lambda p: p.level),
    ]
    for uri, title, intro, vocab, key in browse:
        files.append(File.generated(config, uri, content=listing.browse_page(title, intro, vocab, key, pages, state.model, uri)))

    before: list = [{"首页": "index.md"}]
    guide = [f.src_uri for f in files.documentation_pages() if f.src_uri.startswith("guide/")]
    if guide:
        before.append({"使用指南": sorted(guide, key=lambda u: (not u.endswith("howto.md"), u))})
    after: list = [{"分类浏览": [u for u, *_ in browse]}]
    if files.get_file_from_path("phrases/index.md"):
        after.append({"固定表述": "phrases/index.md"})
    config.nav = listing.navigation(pages, state.model, before, after)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri == "index.md" and HOME_PLACEHOLDER in markdown:
        return markdown.replace(HOME_PLACEHOLDER, listing.home_grid(list(site().speeches.values()), site().model))
    return markdown


def related(page: SpeechPage, speeches: dict[str, SpeechPage]) -> list[SpeechPage]:
    """Templates of an exemplar's kind, or exemplars that follow a template (same type, then genre)."""
    other_kind = "template" if page.kind == "exemplar" else "exemplar"
    candidates = [p for p in speeches.values() if p.kind == other_kind and p.genre.slug == page.genre.slug]
    same_type = [p for p in candidates if p.meeting_type.slug == page.meeting_type.slug]
    if page.kind == "exemplar":
        return same_type or candidates[:3]
    return sorted(same_type, key=lambda p: p.title) or sorted(candidates, key=lambda p: p.title)[:5]


def meta_header(page: SpeechPage, page_url: str, speeches: dict[str, SpeechPage], files: Files) -> str:
    """The compact metadata header shown under the title of a speech page."""
    def link(src_uri: str, text: str) -> str:
        target = files.get_file_from_path(src_uri)
        href = get_relative_url(target.url, page_url) if target else "#"
        return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'

    items = [("会议类型", link(f"{page.meeting_type.slug}/index.md", page.meeting_type.label)), ("文种", html.escape(page.genre.label))]
    if page.kind == "exemplar":
        items += [("层级", html.escape(page.level or "")), ("讲话人", html.escape(page.speaker or "未注明")),
                  ("日期", html.escape(page.date)), ("来源", html.escape(page.source or ""))]
    if page.topics:
        items.append(("主题", "、".join(html.escape(t) for t in page.topics)))
    others = related(page, speeches)
    if others:
        label = "对应模板" if page.kind == "exemplar" else "参照范文"
        items.append((label, "；".join(link(p.src_uri, p.title) for p in others)))
    body = "".join(f'<div class="speech-meta__item"><dt>{k}</dt><dd>{v}</dd></div>' for k, v in items)
    kind = "范文" if page.kind == "exemplar" else "模板"
    return f'<dl class="speech-meta speech-meta--{page.kind}" data-kind="{kind}">{body}</dl>\n'


# Before phrases.py (priority -50) adds anchors and marks, so the header is never anchored or marked.
@event_priority(0)
def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    speech = site().speeches.get(page.file.src_uri)
    if speech is None:
        return html_text
    page.meta["speech_kind"] = speech.kind
    return meta_header(speech, page.url, site().speeches, files) + html_text
