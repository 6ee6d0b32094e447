"""Content hook: sets up the build state, validates every page's front matter, generates the meeting-type and
browse pages, and builds the navigation. (The metadata header of speech pages is written by
``hooks/pages.py``, with the other rewrites of page HTML.)

The logic lives in ``speechlib.content.model`` (front matter) and ``speechlib.site.listing`` (generated
Markdown); this module only wires it to MkDocs events. Per-build state is one ``speechlib.site.state.Build``
made in ``on_config``; parsed front matter is cached across ``mkdocs serve`` rebuilds by content hash.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from speechlib.content import dating
from speechlib.content.model import (
    ContentError,
    SpeechPage,
    check_pages,
    date_problem,
    load_model,
    parse_source,
)
from speechlib.site import listing, state

log = get_plugin_logger("content")

HOME_PLACEHOLDER = "<!-- meeting-types -->"
MARKERS = "data/dated_markers.yml"
# Folders of docs/ that hold hand-written pages besides the meeting types.
OTHER_SECTIONS = {
    "guide": "使用指南",
    "browse": "分类浏览",
    "phrases": "固定表述",
    "terms": "术语索引",
    "assets": None,
}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    path = root / "data" / "content_model.yml"
    try:
        model = load_model(path)
    except ContentError as exc:
        raise PluginError(str(exc)) from exc
    build = state.begin(state.Build(root=root, model=model, model_digest=state.digest(path.read_bytes())))
    try:
        build.markers = dating.load_markers(root / MARKERS, root)
        build.markers_digest = state.digest((root / MARKERS).read_bytes())
    except dating.DatingError as exc:
        raise PluginError(str(exc)) from exc
    return config


def _parse(build: state.Build, docs_prefix: str, src_uri: str, raw: bytes) -> SpeechPage | None:
    key = (state.digest(raw), build.model_digest)
    return state.front_matter_cache.get(
        src_uri, key, lambda: parse_source(raw, src_uri, build.model, docs_prefix)
    )


def _check_date(build: state.Build, page: SpeechPage, raw: bytes) -> str | None:
    key = (state.digest(raw), build.markers_digest)
    return state.date_check_cache.get(page.src_uri, key, lambda: date_problem(page, raw, build.markers))


# Runs after hooks that add generated pages of their own (phrases.py, priority 50), so they can be
# put in the navigation; before the default priority so validation errors come first.
@event_priority(10)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = state.get()
    docs_prefix = Path(config.docs_dir).name + "/"
    sources = (
        (f.src_uri, Path(f.abs_src_path).read_bytes())
        for f in files.documentation_pages()
        if not f.generated_by
    )
    try:
        pages, warnings = check_pages(
            sources,
            build.model,
            OTHER_SECTIONS,
            docs_prefix,
            partial(_parse, build, docs_prefix),
            build.markers,
            partial(_check_date, build),
        )
    except ContentError as exc:
        raise PluginError(str(exc)) from exc
    for warning in warnings:
        log.warning(warning)

    build.speeches = {p.src_uri: p for p in pages}
    for mt in build.model.vocab("meeting_type"):
        # The listing pages of the type (index.md, list/2.md …) and the data its filter reads.
        for uri, content in listing.meeting_type_pages(mt, pages, build.model).items():
            files.append(File.generated(config, uri, content=content))
        index_url = files.get_file_from_path(f"{mt.slug}/index.md").url

        def url_of(src_uri: str, index_url: str = index_url) -> str:
            return get_relative_url(files.get_file_from_path(src_uri).url, index_url)

        data = listing.listing_data(mt, pages, build.model, url_of)
        files.append(File.generated(config, f"{mt.slug}/listing.js", content=data))
    browse = [
        ("browse/genres.md", "按文种浏览", "全部模板和范文，按文种归类。", "genre", lambda p: p.genre.label),
        (
            "browse/levels.md",
            "按层级浏览",
            "全部范文，按讲话的层级（省、市、县、区、乡镇、部门）归类。模板不分层级，未列入。",
            "level",
            lambda p: p.level,
        ),
    ]
    for uri, title, intro, vocab, key in browse:
        files.append(
            File.generated(
                config, uri, content=listing.browse_page(title, intro, vocab, key, pages, build.model, uri)
            )
        )

    before: list = [{"首页": "index.md"}]
    guide = [f.src_uri for f in files.documentation_pages() if f.src_uri.startswith("guide/")]
    if guide:
        before.append({"使用指南": sorted(guide, key=lambda u: (not u.endswith("howto.md"), u))})
    after: list = [{"分类浏览": [u for u, *_ in browse]}]
    if files.get_file_from_path("phrases/index.md"):
        after.append({"固定表述": "phrases/index.md"})
    if files.get_file_from_path("terms/index.md"):
        after.append({"术语索引": "terms/index.md"})
    config.nav = listing.navigation(pages, build.model, before, after)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri == "index.md" and HOME_PLACEHOLDER in markdown:
        build = state.get()
        return markdown.replace(
            HOME_PLACEHOLDER, listing.home_grid(list(build.speeches.values()), build.model)
        )
    return markdown
