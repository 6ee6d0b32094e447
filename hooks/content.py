"""Content hook: sets up the build state, validates every page's front matter, generates the meeting-type and
browse pages, and builds the navigation. (The metadata header of speech pages is written by
``hooks/pages.py``, with the other rewrites of page HTML.)

The logic lives in ``speechlib.model`` (front matter) and ``speechlib.listing`` (generated
Markdown); this module only wires it to MkDocs events. Per-build state is one ``speechlib.state.Build``
made in ``on_config``; parsed front matter is cached across ``mkdocs serve`` rebuilds by content hash.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from speechlib import dating, listing, state
from speechlib.model import (
    ContentError,
    SpeechPage,
    check_unique_slugs,
    decode_source,
    load_model,
    parse_page,
)
from speechlib.text import split_front_matter

log = get_plugin_logger("content")

HOME_PLACEHOLDER = "<!-- meeting-types -->"
MARKERS = "data/dated_markers.yml"
# Folders of docs/ that hold hand-written pages besides the meeting types.
OTHER_SECTIONS = {"guide": "使用指南", "browse": "分类浏览", "phrases": "固定表述", "assets": None}


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
    except dating.DatingError as exc:
        raise PluginError(str(exc)) from exc
    return config


def _parse(file: File, build: state.Build, docs_prefix: str) -> SpeechPage | None:
    raw = Path(file.abs_src_path).read_bytes()
    key = (state.digest(raw), build.model_digest)
    model = build.model
    return state.front_matter_cache.get(
        file.src_uri,
        key,
        lambda: parse_page(decode_source(raw, docs_prefix + file.src_uri), file.src_uri, model, docs_prefix),
    )


# Runs after hooks that add generated pages of their own (phrases.py, priority 50), so they can be
# put in the navigation; before the default priority so validation errors come first.
@event_priority(10)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = state.get()
    docs_prefix = Path(config.docs_dir).name + "/"
    pages: list[SpeechPage] = []
    try:
        for file in files.documentation_pages():
            if file.generated_by:
                continue
            top = file.src_uri.split("/", 1)[0]
            if (
                file.src_uri.count("/")
                and build.model.by_slug("meeting_type", top) is None
                and top not in OTHER_SECTIONS
            ):
                log.warning(
                    f"{docs_prefix}{file.src_uri}:1: '{top}/' is neither a meeting type nor a known "
                    "section; the page is not in the navigation"
                )
            if (
                file.src_uri.endswith("/index.md")
                and build.model.by_slug("meeting_type", top)
                and file.src_uri.count("/") == 1
            ):
                raise ContentError(
                    f"{docs_prefix}{file.src_uri}:1: meeting-type pages are generated from "
                    "data/content_model.yml; delete this file and edit the description there"
                )
            page = _parse(file, build, docs_prefix)
            if page is not None:
                pages.append(page)
        check_unique_slugs(pages, docs_prefix)
        for page in pages:  # a date the text contradicts misleads every reader of the page
            if page.kind == "exemplar" and build.markers is not None:
                path = Path(files.get_file_from_path(page.src_uri).abs_src_path)
                source = path.read_text(encoding="utf-8-sig")
                body = split_front_matter(source)[1]  # the background note may name later policies
                problem = dating.contradiction(page.date, page.period, body, build.markers)
                if problem:
                    log.warning(f"{docs_prefix}{page.src_uri}:{page.date_line}: {problem}")
    except ContentError as exc:
        raise PluginError(str(exc)) from exc

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
    config.nav = listing.navigation(pages, build.model, before, after)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri == "index.md" and HOME_PLACEHOLDER in markdown:
        build = state.get()
        return markdown.replace(
            HOME_PLACEHOLDER, listing.home_grid(list(build.speeches.values()), build.model)
        )
    return markdown
