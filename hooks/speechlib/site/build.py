"""The steps of a build, each called by one event of ``hooks/pipeline.py`` and given the build's
state explicitly.

1. :func:`start` (``on_config``) reads every data file into a new :class:`~speechlib.site.state.Build`
   and compiles the 提法核对 rule set.
2. :func:`add_files` (``on_files``) checks every page's front matter (all problems of all pages at
   once), adds the generated pages (listings, browse pages, phrase and term pages, the search page),
   sets the navigation and gives each exemplar a page object that skips Python-Markdown when its
   text is plain prose (:mod:`speechlib.site.plainpage`).
3. :func:`prepare_markdown` (``on_page_markdown``) checks template slots and fills the home grid
   and the slot catalogue page.
4. :func:`render_page` (``on_page_content``) rewrites each speech page's HTML in one fixed order
   (:mod:`speechlib.page.html`) and records its paragraph model.
5. :func:`fill_indexes` (``on_env``, every page rendered) aggregates the phrase and terms indexes
   and fills their pages; :func:`share_fragments` lets the pages outside the navigation share its
   rendering (:mod:`speechlib.site.fragments`).
6. :func:`write_outputs` (``on_post_build``) writes the data files (concordance lines, the 提法核对
   rule set), the search index (built in batches into a cache, skipped when no searchable text
   changed) and the Word layout (the shell .docx the browser fills) into the site
   folder.

Per-page work is cached across ``mkdocs serve`` rebuilds in :mod:`speechlib.site.state`'s caches.
"""

from __future__ import annotations

import gc
import html
import json
import os
import shutil
import threading
import time
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url, write_file

from speechlib.check import PAGE as CHECK_PAGE
from speechlib.check import RULES_KEY, RULES_PATH, compile_rules, phrase_urls
from speechlib.content import datafiles, dating
from speechlib.content.agenda import read_agenda
from speechlib.content.glossary import load_glossary
from speechlib.content.model import SpeechPage, check_pages, date_problem, load_model, parse_source
from speechlib.content.slots import catalog_table, check_source, parse_catalog, slot_pieces
from speechlib.export import docx as docx_export
from speechlib.page import datafile
from speechlib.page import draft as draft_page
from speechlib.page import html as page_html
from speechlib.page.record import page_info
from speechlib.page.tools import page_tools
from speechlib.phrases import index as pi
from speechlib.phrases.terms import term_records
from speechlib.search import index as search_index
from speechlib.search import t2s
from speechlib.search import update as search_update
from speechlib.search.page import RESULTS_PAGE, results_markdown
from speechlib.site import fragments, incremental, links, listing, plainpage, state
from speechlib.text import SourceError, normalize
from speechlib.text.concordance import Matcher

log = get_plugin_logger("speechlib")

HOME_PLACEHOLDER = "<!-- meeting-types -->"
SLOTS_PAGE = "guide/slots.md"  # the page that lists every slot; its source holds the introduction
PHRASES_PLACEHOLDER = "<!-- generated: phrase index -->"
TERMS_PLACEHOLDER = "<!-- generated: terms index -->"
SEARCH_PARTS = "search/parts"
DRAFT_PAGE = "draft.md"  # the 组稿 page (docs/assets/js/draft.js)
SEARCH_CACHE = Path(".cache") / "search"
LINES_CACHE = Path(".cache") / "lines"
PHRASES_CACHE = Path(".cache") / "phrases.json"
SPILL_FOLDER = Path(".cache")  # the unnamed file of speechlib.site.spill
# Unused paragraph numbers after each page's rank group: room for an edit to be indexed in place.
SEARCH_SLACK = 1
# Folders of docs/ that hold hand-written or generated pages besides the meeting types.
OTHER_SECTIONS = {
    "guide": "使用指南",
    "browse": "分类浏览",
    "phrases": "固定表述",
    "terms": "术语索引",
    "assets": None,
}


# --- 1. data ---------------------------------------------------------------------------------------

def start(config: MkDocsConfig) -> state.Build:
    """A new build with every data file read and checked (``SourceError`` names file and line)."""
    root = Path(config.config_file_path).parent
    started = time.perf_counter()
    hand_back()

    def read(name: str) -> bytes:
        return datafiles.path(root, name).read_bytes()

    model_path = datafiles.path(root, "model")
    build = state.Build(
        root=root,
        model=load_model(model_path, datafiles.display("model")),
        model_digest=state.digest(read("model")),
    )
    # Each data file is checked even when another is faulty: every error of a build at once.
    errors: list[str] = []

    def checked(read_one):
        try:
            read_one()
        except SourceError as exc:
            errors.append(str(exc))

    def markers() -> None:
        build.markers = dating.load_markers(datafiles.path(root, "markers"), root)
        build.markers_digest = state.digest(read("markers"))

    def slots() -> None:
        source = datafiles.text(root, "slots")
        build.catalog = parse_catalog(source, datafiles.display("slots"))
        build.catalog_digest = state.digest(source)

    def phrases() -> None:
        glossary = load_glossary(datafiles.path(root, "phrases"), root)
        build.glossary, build.glossary_digest = glossary, state.digest(read("phrases"))
        build.phrase_keys = pi.assign_slugs([e.text for e in glossary.entries])
        build.matcher = Matcher(
            {k: (e.text, *e.variants) for k, e in zip(build.phrase_keys, glossary.entries, strict=True)}
        )

    def terms() -> None:
        terms = load_glossary(datafiles.path(root, "terms"), root, kind="terms")
        if build.glossary is not None:
            phrase_forms = build.glossary.form_index()
            for entry in terms.entries:
                for form in entry.forms:
                    if normalize(form) in phrase_forms:
                        raise SourceError(
                            f"{datafiles.display('terms')}:{entry.line}: 「{form}」同时是 {datafiles.display('phrases')} "
                            f"中的固定表述（「{phrase_forms[normalize(form)].text}」）；一个说法只能是固定表述或术语之一，"
                            "请从其中一个文件删去"
                        )
        build.terms, build.terms_digest = terms, state.digest(read("terms"))
        build.term_keys = pi.assign_slugs([e.text for e in terms.entries])
        build.term_matcher = Matcher({k: e.forms for k, e in zip(build.term_keys, terms.entries, strict=True)})

    def agenda() -> None:
        if build.catalog is not None:  # its slots are checked against the catalogue
            build.agenda = read_agenda(root, build.catalog)

    def check_rules() -> None:
        # 提法核对's rule set (restricted wording, dated markers, check_*.yml), with each set phrase's
        # concordance page; faults fail the build here, before any page is read.
        if build.glossary is not None:
            urls = phrase_urls(build.glossary.entries, build.phrase_keys)
            build.check_rules = compile_rules(root, phrase_urls=urls)

    for read_one in (markers, slots, agenda, phrases, terms, check_rules):
        checked(read_one)
    if errors:
        raise SourceError("\n".join(errors))
    build.links = links.load_ledger(root)
    build.timings["data"] = time.perf_counter() - started
    return build


# --- 2. pages and navigation -----------------------------------------------------------------------

def _parse(build: state.Build, docs_prefix: str, src_uri: str, raw: bytes) -> SpeechPage | None:
    key = (state.digest(raw), build.model_digest)
    return state.front_matter_cache.get(
        src_uri, key, lambda: parse_source(raw, src_uri, build.model, docs_prefix)
    )


def _check_date(build: state.Build, page: SpeechPage, raw: bytes) -> str | None:
    key = (state.digest(raw), build.markers_digest)
    return state.date_check_cache.get(page.src_uri, key, lambda: date_problem(page, raw, build.markers))


def add_files(build: state.Build, files: Files, config: MkDocsConfig) -> Files:
    """Check the pages, add every generated page and data file, and set the navigation."""

    def add(uri: str, content: str) -> File:
        file = File.generated(config, uri, content=content)
        files.append(file)
        return file

    # Phrase and term pages first: the navigation links their index pages.
    for path, content in pi.generated_pages(
        "phrases", "固定表述", build.phrase_keys, build.glossary.entries, PHRASES_PLACEHOLDER
    ):
        add(path, content)
    add("phrases/wordlist.txt", pi.wordlist([e.text for e in build.glossary.entries]))
    # Written into .cache/ by fill_indexes, copied into the site by MkDocs after on_env.
    build.phrases_file = File.generated(config, "phrases.json", abs_src_path=str(build.root / PHRASES_CACHE))
    files.append(build.phrases_file)
    for path, content in pi.generated_pages(
        "terms", "术语索引", build.term_keys, build.terms.entries, TERMS_PLACEHOLDER
    ):
        add(path, content)

    docs_prefix = Path(config.docs_dir).name + "/"

    def parse(src_uri: str, raw: bytes) -> SpeechPage | None:
        """One page's front matter; a faulty page is reported and left out, the others still checked."""
        try:
            return _parse(build, docs_prefix, src_uri, raw)
        except SourceError as exc:
            if build.report is None:
                raise
            build.report(str(exc))
            return None

    raw_sources = {
        f.src_uri: Path(f.abs_src_path).read_bytes() for f in files.documentation_pages() if not f.generated_by
    }
    # The pages that may link to a paragraph (speechlib.site.links.LINK_RE needs ".md#p-"): not a
    # second copy of every page's Markdown.
    build.links.sources = {
        uri: raw.decode("utf-8", "replace") for uri, raw in raw_sources.items() if b".md#p-" in raw
    }
    sources = iter(raw_sources.items())
    pages, warnings = check_pages(
        sources,
        build.model,
        OTHER_SECTIONS,
        docs_prefix,
        parse,
        build.markers,
        partial(_check_date, build),
    )
    for warning in warnings:
        log.warning(warning)
    build.speeches = {p.src_uri: p for p in pages}
    build.related = listing.RelatedIndex(build.speeches)
    # A page that is not UTF-8 has been reported above; MkDocs itself would stop on it with a
    # traceback when it reads the page, so it leaves the build (every other error still shows).
    for uri, raw in raw_sources.items():
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            files.remove(files.get_file_from_path(uri))

    for mt in build.model.vocab("meeting_type"):
        # The listing pages of the type (index.md, list/2.md …) and the data its filter reads.
        for uri, content in listing.meeting_type_pages(mt, pages, build.model).items():
            add(uri, content)
        index_url = files.get_file_from_path(f"{mt.slug}/index.md").url

        def url_of(src_uri: str, index_url: str = index_url) -> str:
            return get_relative_url(files.get_file_from_path(src_uri).url, index_url)

        add(f"{mt.slug}/listing.js", listing.listing_data(mt, pages, build.model, url_of))
    browse = [
        ("browse/genres.md", "按文种浏览", "全部模板和范文，按文种归类。", "genre", lambda p: p.genre.label),
        (
            "browse/levels.md",
            "按层级浏览",
            "全部范文，按讲话的层级（省、市、县级市、县、区、乡镇、部门）归类；县级市的讲话同时计入县和市。模板不分层级，未列入。",
            "level",
            lambda p: p.level,
        ),
    ]
    for uri, title, intro, vocab, key in browse:
        add(uri, listing.browse_page(title, intro, vocab, key, pages, build.model, uri))

    before: list = [{"首页": "index.md"}]
    guide = [f.src_uri for f in files.documentation_pages() if f.src_uri.startswith("guide/")]
    if guide:
        before.append({"使用指南": sorted(guide, key=lambda u: (not u.endswith("howto.md"), u))})
    after: list = [{"分类浏览": [u for u, *_ in browse]}, {"固定表述": "phrases/index.md"}]
    after.append({"术语索引": "terms/index.md"})
    if files.get_file_from_path(CHECK_PAGE):
        after.append({"提法核对": CHECK_PAGE})
    if files.get_file_from_path(DRAFT_PAGE):  # the 组稿 page and the data its agenda form reads
        after.append({"组稿": DRAFT_PAGE})
        for uri, content in draft_page.data_files(build.agenda, build.catalog).items():
            add(uri, content)
    config.nav = escape_nav(listing.navigation(pages, build.model, before, after))
    # Exemplars in plain prose skip Python-Markdown (the same HTML, a fifth of the build's time).
    plainpage.adopt(files, config, [p.src_uri for p in pages if p.kind == "exemplar"])

    add(RESULTS_PAGE, results_markdown())  # where the header box sends Enter; not in the nav
    young_only()  # the pages are rendered next
    return files


# The theme writes these front-matter values into the page as they are (MkDocs' Jinja environment
# does not escape): into <title>, the header, the <h1> and <meta name="description">.
THEME_TEXT_FIELDS = ("title", "description", "subtitle")


def escape_meta(page: Page) -> None:
    """Front-matter values the theme shows, as text: a title with ``<script>`` shows the characters."""
    for key in THEME_TEXT_FIELDS:
        value = page.meta.get(key)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            page.meta[key] = html.escape(str(value))


def escape_nav(nav):
    """The navigation with every label escaped (the theme writes labels unescaped, like titles)."""
    if isinstance(nav, list):
        return [escape_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {html.escape(str(k)): escape_nav(v) for k, v in nav.items()}
    return nav


# --- 3. Markdown -----------------------------------------------------------------------------------

def prepare_markdown(build: state.Build, markdown: str, page: Page) -> str:
    """Check a template's slots (``SourceError`` with every faulty line); fill generated lists."""
    escape_meta(page)
    if page.meta.get("kind") == "template":
        # The file as written (front matter included), so line numbers match the editor.
        problems = check_source(page.file.content_string, build.catalog)
        if problems:
            where = f"{Path(build.root / 'docs').name}/{page.file.src_uri}"
            raise SourceError("\n".join(f"{where}:{p.line}: {p.message}" for p in problems))
    if page.file.src_uri == SLOTS_PAGE:
        return markdown.rstrip("\n") + "\n\n" + catalog_table(build.catalog)
    if page.file.src_uri == "index.md" and HOME_PLACEHOLDER in markdown:
        return markdown.replace(HOME_PLACEHOLDER, listing.home_grid(list(build.speeches.values()), build.model))
    return markdown


# --- 4. page HTML ----------------------------------------------------------------------------------

def _steps(build: state.Build, url: str, speech: SpeechPage) -> page_html.Steps:
    by_key = dict(zip(build.phrase_keys, build.glossary.entries, strict=True))
    return page_html.Steps(
        matcher=build.matcher,
        phrase_href=lambda k: pi.rel_url(url, f"phrases/{k}/"),
        phrase_title=lambda k: f"固定表述：{by_key[k].text}",
        slot_pieces=partial(slot_pieces, catalog=build.catalog),
        used_section=lambda counts: pi.used_phrases_html(counts, by_key, url),
        placeholders=speech.kind == "exemplar",
        intro=lambda text: (
            page_tools(url, speech.title, speech.kind, text, build.catalog, speech.speaker, speech.date)
            + listing.background_html(speech)
        ),
        tail=listing.collation_html(speech),
        kind=speech.kind,
    )


def render_page(build: state.Build, html: str, page: Page, files: Files) -> str:
    """A speech page's HTML, rewritten and recorded; other pages get their slot names marked."""
    src_uri = page.file.src_uri
    if page.file.generated_by and src_uri.startswith(("phrases/", "terms/")):
        build.generated_pages[src_uri] = page  # filled by fill_indexes
        return html
    speech = build.speeches.get(src_uri)
    if speech is None:  # guides and the home page show slot names too
        if "［" not in html:
            return html
        steps = page_html.Steps(slot_pieces=partial(slot_pieces, catalog=build.catalog), anchors=False)
        return page_html.render(html, "", steps).html
    started = time.perf_counter()
    page.meta["speech_kind"] = speech.kind

    def url_of(uri: str) -> str | None:
        target = files.get_file_from_path(uri)
        return get_relative_url(target.url, page.url) if target else None

    header = listing.meta_header(speech, build.speeches, url_of, build.related)
    key = (state.digest(html), page.url, repr(speech), header, build.glossary_digest, build.catalog_digest)

    def render() -> state.KeptPage:
        rendered = page_html.render(html, header, _steps(build, page.url, speech))
        kept = state.spill.put(f"page:{src_uri}", rendered.html, build.root / SPILL_FOLDER)
        return state.KeptPage(kept, rendered.text, rendered.occurrences)

    rendered = state.page_cache.get(src_uri, key, render)
    info = page_info(speech, page.url)
    build.pages[src_uri] = state.PageRecord(info, speech, rendered.text, rendered.occurrences)
    # MkDocs keeps every page's Markdown until the build ends, though nothing reads it once the page
    # is rendered (its title is in the front matter): freed now, its memory serves the next pages.
    page.markdown = ""
    # MkDocs collects a page's anchors while rendering Markdown, before the paragraph ids exist;
    # adding them lets its own link validation (validation.anchors) check links to them.
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= {p.id for p in rendered.text.paragraphs if p.id}
    paragraphs = rendered.text.paragraphs
    if links.record_page(build.links, src_uri, paragraphs, page.present_anchor_ids):  # linked to: aliases
        out = state.spill.get(rendered.html)
        out = links.add_aliases(build.links, src_uri, out, paragraphs, page.present_anchor_ids)
    else:  # the HTML stays in the spill file until MkDocs writes the page (restore_page)
        build.spilled[src_uri], out = rendered.html, ""
    build.timings["pages"] = build.timings.get("pages", 0.0) + time.perf_counter() - started
    return out


def restore_page(build: state.Build, page: Page) -> None:
    """Before MkDocs writes a page (``on_page_context``): the HTML it was given back from the spill file.
    MkDocs writes one page after the other: the page written before gives its HTML up again."""
    release_page(build)
    handle = build.spilled.get(page.file.src_uri)
    if handle is not None:
        page.content = state.spill.get(handle)
        build.restored = page


def release_page(build: state.Build) -> None:
    """The page whose HTML :func:`restore_page` put back, written now: its HTML leaves memory again."""
    if build.restored is not None:
        build.restored.content = ""
        build.restored = None


def check_links(build: state.Build) -> None:
    """Every link to a paragraph of a speech page (every page rendered): an edited paragraph keeps
    its links through an alias; a link to a paragraph that is gone is one error with candidates."""
    links.check(build.links, build.links.sources, f"{Path(build.root / 'docs').name}/", build.report or _raise, log.info)


def _raise(message: str) -> None:
    raise SourceError(message)


# --- 5. indexes ------------------------------------------------------------------------------------

def _fill(build: state.Build, section: str, stats: list[pi.PhraseStats], index_html) -> None:
    """Fill the generated index page of ``section`` and one page per entry. Each entry's lines files
    are written into ``.cache/lines/`` as soon as they are made (:func:`_made_lines`): the build keeps
    their names only, and :func:`write_lines_files` links them into the site."""
    by_key = {st.key: st for st in stats}
    index = build.generated_pages.get(f"{section}/index.md")
    if index is not None:
        index.content = index_html(index.url)
        index.toc = get_toc(pi.toc_tokens(index.content))
    cache = build.root / LINES_CACHE
    folder = f"{section}/lines"
    for st in stats:
        page = build.generated_pages.get(f"{section}/{st.key}.md")
        if page is None:
            continue
        rest_href = get_relative_url(f"{folder}/{st.key}.js", page.url)
        name = f"{section}/{st.key}"

        def make(st=st, page=page, rest_href=rest_href, name=name):
            # The page's HTML goes into the spill file at once (restore_page puts it back when MkDocs
            # writes the page); its table of contents is read from it here.
            content = pi.phrase_html(st, by_key, page.url, rest_href=rest_href)
            kept = state.spill.put(name, content, build.root / SPILL_FOLDER)
            return kept, pi.toc_tokens(content), _made_lines(cache, folder, pi.lines_files(st, page.url))

        def made(st=st, page=page, name=name, make=make):
            return state.phrase_page_cache.get(name, _phrase_key(st, by_key, page.url, cache), make)

        # The same stats object (a rebuild that did not touch the phrase) makes the same page.
        kept, toc, names = incremental.phrase_pages.get(name, st, (page.url, cache), made)
        if not all(os.path.exists(f"{cache}/{folder}/{n}") for n in names):  # .cache/ removed meanwhile
            state.phrase_page_cache.forget(name)
            incremental.phrase_pages.forget(name)
            kept, toc, names = incremental.phrase_pages.get(name, st, (page.url, cache), made)
        build.spilled[page.file.src_uri], page.content = kept, ""
        page.toc = get_toc(toc)
        for n in names:
            build.lines_files.append(f"{folder}/{n}")


def _made_lines(cache: Path, folder: str, files: list[tuple[str, str]]) -> tuple[str, ...]:
    """Write a phrase's lines files (just made: their content is new) into ``cache``; their names."""
    for name, content in files:
        _replace(cache / folder / name, content.encode("utf-8"))
    return tuple(name for name, _ in files)


def _phrase_key(st: pi.PhraseStats, by_key: dict[str, pi.PhraseStats], url: str, cache: Path) -> tuple:
    """Everything a phrase's page and data file are made from: while it is the same (no line of the
    phrase moved, no page of its lines was retitled), a rebuild reuses both. The lines enter as the
    hash of their tuple (kept for every phrase across rebuilds, the tuple itself would hold a tuple
    per use of every phrase)."""
    pages: dict[int, int] = {}  # id(PageInfo) -> its hash, made once per page
    for ln in st.lines:
        if id(ln.page) not in pages:
            pages[id(ln.page)] = hash(ln.page)
    lines = tuple(
        (pages[id(ln.page)], ln.paragraph.anchor, ln.paragraph.text, ln.paragraph.copy_text, ln.start, ln.end)
        for ln in st.lines
    )
    neighbours = tuple((k, n, by_key[k].text, by_key[k].section) for k, n in st.neighbours)
    return (
        url, str(cache), st.text, st.variants, st.category, st.note, st.section, repr(st.entry), st.dating,
        neighbours, len(lines), hash(lines),
    )


def _unused(path: str, entries, stats) -> None:
    """Warn for each entry no page uses; current terms (Entry.needs_use false) are exempt."""
    for st, entry in zip(stats, entries, strict=True):
        if not st.lines and entry.needs_use:
            log.warning(
                f"{path}:{entry.line}: 「{entry.text}」在所有范文和模板中都没有出现；请删去该条目，或核对它的写法"
            )


# --- garbage collection ----------------------------------------------------------------------------
# A build keeps everything it reads and renders until the end; the collector's full passes, which
# the allocations of each step trigger, walked all of it again and again (3.2 s of a 2,000-speech
# build, under 1 s now). From the first page rendered to the end of the build only the young
# generations are collected (the reference cycles of a page's Markdown converter die young: the full
# passes found a few thousand objects each); the index steps and the data files, which make no
# reference cycles, are written with the collector paused; and while MkDocs writes the pages, what
# the build made before is set aside (gc.freeze). The collector is as it was when the build ends.
_THRESHOLDS = gc.get_threshold()


YOUNG_THRESHOLD = 10_000  # allocations between young collections while the pages are built


def young_only() -> None:
    """Until :func:`hand_back`, no full collection, and the youngest generation is collected every
    :data:`YOUNG_THRESHOLD` allocations instead of every 700: most of a page's temporary objects are
    freed before a collection walks them (0.5 s of a 2,000-speech build; the peak is the same)."""
    gc.set_threshold(max(_THRESHOLDS[0], YOUNG_THRESHOLD), _THRESHOLDS[1], 1 << 30)


def set_aside() -> None:
    """Everything alive now is left out of the collector's passes until :func:`hand_back`."""
    gc.freeze()


def hand_back() -> None:
    """The collector as it was: what :func:`set_aside` left out is collected again and full passes
    run (each build starts so, even a failed one's successor)."""
    gc.unfreeze()
    gc.set_threshold(*_THRESHOLDS)


@contextmanager
def _no_collection():
    """The garbage collector paused: for a step that makes hundreds of thousands of lasting objects
    and no reference cycles. Each full collection such a step triggers walks every object of the
    site again (1.8 s of a 2,000-speech build: the phrase and terms indexes, the search records)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def share_fragments(build: state.Build, env, config: MkDocsConfig) -> None:
    """Let the pages outside the navigation share its rendering (:mod:`speechlib.site.fragments`)."""
    build.fragments = fragments.Fragments()
    fragments.install(env, config.theme.dirs, build.fragments)


def fill_indexes(build: state.Build) -> None:
    """Aggregate the phrase and terms indexes over every rendered page and fill their pages."""
    with _no_collection():
        _fill_indexes(build)
    set_aside()  # every page is rendered and every index filled: MkDocs now writes the pages


def _fill_indexes(build: state.Build) -> None:
    started = time.perf_counter()
    records = build.index_records
    build.lines_files = []
    signature = (build.glossary_digest, build.markers_digest, tuple(build.phrase_keys))
    phrases = incremental.phrases(build.glossary.entries, build.phrase_keys, records, build.markers, signature)
    _unused(datafiles.display("phrases"), build.glossary.entries, phrases)
    downloads = {"输入法词库（wordlist.txt）": "wordlist.txt", "全部数据（phrases.json）": "../phrases.json"}
    frames = pi.frames_html(records, state.frames_cache)

    def phrase_index(url: str) -> str:
        key = (url, build.glossary_digest, frames, tuple(phrases))
        return state.index_page_cache.get(
            "phrases", key, lambda: pi.index_html(build.glossary.categories, phrases, frames, url, downloads)
        )

    _fill(build, "phrases", phrases, phrase_index)
    build.timings["phrase index"] = time.perf_counter() - started

    started = time.perf_counter()
    term_pages = term_records(records, build.term_matcher, state.term_cache, build.terms_digest)
    signature = (build.terms_digest, build.markers_digest, tuple(build.term_keys))
    terms = incremental.terms(build.terms.entries, build.term_keys, term_pages, build.markers, signature)
    for st, entry in zip(terms, build.terms.entries, strict=True):
        st.section, st.entry = "terms", entry
    _unused(datafiles.display("terms"), build.terms.entries, terms)

    def terms_index(url: str) -> str:
        key = (url, build.terms_digest, tuple(terms))
        return state.index_page_cache.get("terms", key, lambda: pi.terms_index_html(build.terms, terms, url))

    _fill(build, "terms", terms, terms_index)
    build.index_entries = incremental.phrases_file.write(build.root / PHRASES_CACHE, [*phrases, *terms])
    build.timings["terms index"] = time.perf_counter() - started


# --- 6. files written after the pages --------------------------------------------------------------

def write_outputs(build: state.Build, config: MkDocsConfig) -> None:
    """The concordance data files, the search index parts and the Word layout."""
    release_page(build)  # the last page MkDocs wrote
    try:
        with _no_collection():
            _write_outputs(build, config)
    finally:
        hand_back()  # the build is done: the collector as it was


def _write_outputs(build: state.Build, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    started = time.perf_counter()
    write_lines_files(build, site)
    build.timings["phrase lines"] = time.perf_counter() - started

    started = time.perf_counter()
    write_search_index(build, config, site)
    build.timings["search"] = time.perf_counter() - started

    write_file(datafile.script(RULES_KEY, build.check_rules).encode("utf-8"), str(site / RULES_PATH))

    started = time.perf_counter()
    write_word_files(build, site)
    build.timings["word"] = time.perf_counter() - started


def write_lines_files(build: state.Build, site: Path) -> None:
    """Link the concordance lines files (about 150 MB at 2,000 speeches), written into ``.cache/lines/``
    by :func:`_fill` when their phrase's lines were made, into the site. A phrase whose lines did not
    change keeps its files: a ``mkdocs serve`` rebuild writes only the lines files of the phrases the
    edit touched; the files a phrase's lines no longer need are removed from the cache."""
    cache = build.root / LINES_CACHE
    written = state.lines_written[1] if state.lines_written[0] == cache else set()
    folders: set[Path] = set()
    for path in build.lines_files:
        target = site / path
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        _link_or_copy(f"{cache}/{path}", str(target))
    now = set(build.lines_files)
    for path in written - now:  # a phrase's lines now need fewer files
        (cache / path).unlink(missing_ok=True)
    state.lines_written = (cache, now)


def write_search_index(build: state.Build, config: MkDocsConfig, site: Path) -> None:
    """The search index parts, built into ``.cache/search/<inputs>/`` and linked (or copied) into the
    site. A build whose searchable text, page records and glossary cards are those of the cached
    index (a ``mkdocs serve`` rebuild after a change that moved no paragraph text) skips building; one
    that changed some pages' paragraphs updates the index of the previous build in this process in
    place (:mod:`speechlib.search.update`), rewriting only the parts the edit touches."""
    _wait_for_plan()  # the cache folder is not changed under a plan being saved into it
    docs, paras, pages = search_index.from_records(build.records(), state.search_pages)
    results_url = "search/" if config.use_directory_urls else "search/index.html"
    labels = {name: [v.label for v in build.model.vocab(name)] for name in ("meeting_type", "genre")}
    inputs = search_index.inputs_digest(
        docs, paras, build.index_entries, results_url, labels, SEARCH_SLACK, pages=pages
    )
    cache = build.root / SEARCH_CACHE
    done = cache / inputs
    args = (docs, paras, build.index_entries, results_url, labels["meeting_type"], labels["genre"])
    if not (done / "meta.js").exists() and not _update_search_index(build, cache, done, args):
        shutil.rmtree(cache, ignore_errors=True)  # one cached index: the newest
        work = cache / (inputs + ".tmp")
        work.mkdir(parents=True)
        index = search_index.build(*args, sink=_PartsFolder(work).create, slack=SEARCH_SLACK)
        work.rename(done)
        state.search_plan = (done, index.plan)
    out = site / SEARCH_PARTS
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(done, out, copy_function=_link_or_copy)
    # The traditional-to-simplified table of the query box: the same for every build, never cached.
    write_file(datafile.script("t2s", t2s.part()).encode("utf-8"), str(out / "t2s.js"))


def _update_search_index(build: state.Build, cache: Path, done: Path, args: tuple) -> bool:
    """Update the previous build's index to ``args`` and move it to ``done``; False when there is
    none or the edit needs a full build. The previous index is the one this process built or
    updated, or else the one a serve session left with its plan saved beside it (:func:`keep_plan`)."""
    kept = state.search_plan
    if kept is None or kept[0].parent != cache or not (kept[0] / "meta.js").exists():
        kept = _saved_plan(cache)
        if kept is None:
            return False
    folder, plan = kept
    state.search_plan = None  # whatever happens below, the plan no longer matches a folder as is
    _plan_path(folder).unlink(missing_ok=True)
    try:
        figures = search_update.update(plan, _PartsFolder(folder), *args, slack=SEARCH_SLACK)
    except Exception as error:  # a fault in the update must not stop the build: build from nothing
        log.debug(f"search index update failed ({error!r}); building it from nothing")
        return False
    if figures is None:
        return False
    folder.rename(done)
    state.search_plan = (done, plan)
    log.debug(f"search index updated in place: {figures}")
    return True


PLAN_SAVER = "speechlib: save the search index plan"


def _plan_path(folder: Path) -> Path:
    return folder.with_name(folder.name + ".plan")


def keep_plan(build: state.Build) -> None:
    """Under ``mkdocs serve``, once the build has succeeded, save the plan of the index it built or
    updated beside its folder, in a background thread (0.2 s at 2,000 speeches, while the writer reads
    the page): the next serve session's first edit then updates the index in place instead of
    building it from nothing (7 s). A plain ``mkdocs build`` saves nothing and spends nothing on it."""
    if not build.serving or state.search_plan is None:
        return
    folder, plan = state.search_plan
    if _plan_path(folder).exists():  # saved after an earlier build; an update or a new build removes it
        return
    saver = threading.Thread(target=_save_plan, args=(plan, _plan_path(folder)), name=PLAN_SAVER)
    state.plan_saver = saver
    saver.start()


def _save_plan(plan, path: Path) -> None:
    try:
        search_update.save_plan(plan, path)
    except OSError as error:  # a full disk costs the next session a full index build, nothing more
        log.debug(f"search index plan not saved ({error!r})")


def _wait_for_plan() -> None:
    """A plan being saved is not changed under the saver: the next update waits for it."""
    saver, state.plan_saver = state.plan_saver, None
    if saver is not None:
        saver.join()


def _saved_plan(cache: Path) -> tuple[Path, object] | None:
    """The index folder under ``cache`` whose plan a serve session saved, with that plan."""
    for path in sorted(cache.glob("*.plan")) if cache.is_dir() else ():
        folder = path.with_suffix("")
        if (folder / "meta.js").exists():
            plan = search_update.load_plan(path)
            if plan is not None:
                log.debug(f"search index plan read from {path}")
                return folder, plan
    return None


class _PartsFolder:
    """Index parts as ``<name>.js`` files in a folder (:class:`speechlib.search.update.Store`). A part is
    replaced by a new file, never written into, so a site that links the old file keeps its content."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def read(self, name: str) -> str | None:
        path = self.root / f"{name}.js"
        return path.read_text(encoding="utf-8") if path.exists() else None

    def create(self, name: str, content: str) -> None:
        """A part of a new index (the folder is not linked anywhere yet). Plain ``os`` calls: tens of
        thousands of parts, and pathlib's objects cost more than the writing."""
        path = f"{self.root}/{name}.js"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            view = memoryview(content.encode("utf-8"))
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)

    def write(self, name: str, content: str) -> None:
        _replace(self.root / f"{name}.js", content.encode("utf-8"))

    def remove(self, name: str) -> None:
        (self.root / f"{name}.js").unlink(missing_ok=True)


def _replace(path: Path, data: bytes) -> None:
    """Write ``path`` as a new file (written beside it, then renamed over it): a site that hard-links
    the old file keeps its content."""
    temp = path.with_name(path.name + ".tmp")
    try:
        temp.write_bytes(data)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(data)
    os.replace(temp, path)


def _link_or_copy(src: str, dst: str) -> None:
    """A hard link where the site and the cache share a file system (no bytes copied), else a copy."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


WORD_LAYOUT = "assets/docx/layout.js"  # style ids, clipboard CSS, rules: every copy button reads it
WORD_SHELL = "assets/docx/shell.js"  # the shell .docx, loaded on the first Word download


def write_word_files(build: state.Build, site: Path) -> None:
    """The one Word layout for the browser: the shell .docx and the clipboard styles, as data files
    (``SpeechSite.loadData``, so they load from file:// too). Every .docx is made in the browser."""
    for path, key, data in (
        (WORD_LAYOUT, "docx-layout", docx_export.layout_data()),
        (WORD_SHELL, "docx-shell", docx_export.shell_data()),
    ):
        write_file(datafile.script(key, data).encode("utf-8"), str(site / path))
