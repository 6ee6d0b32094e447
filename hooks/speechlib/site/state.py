"""A build's state (:class:`Build`, made by :func:`speechlib.site.build.start` and handed to every
step by ``hooks/pipeline.py``) and the per-page caches that outlive it.

Per-page caches (:class:`PageCache`) live for the whole process on purpose: a ``mkdocs serve``
rebuild after editing one page redoes only that page's work. Each entry is keyed by the page and a
hash of everything that shapes the result, and only the newest entry per page is kept, so the cache
is bounded by the number of pages.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any


from speechlib.phrases import index as phrase_index
from speechlib.text.concordance import Occurrence
from speechlib.content.model import ContentModel, SpeechPage
from speechlib.page.paragraphs import PageText
from speechlib.page.record import PageInfo
from speechlib.site.spill import Spill

if TYPE_CHECKING:
    from speechlib.text.concordance import Matcher
    from speechlib.content.dating import MarkerTable
    from speechlib.content.glossary import Glossary
    from speechlib.content.slots import Catalog


@dataclass
class PageRecord:
    """One rendered speech page: its projection (shared by every index), front matter and paragraph model."""

    info: PageInfo
    speech: SpeechPage
    text: PageText
    occurrences: dict[str, list[Occurrence]] = field(default_factory=dict)  # paragraph id -> phrases

    @property
    def src_uri(self) -> str:
        return self.info.src_uri

    @property
    def url(self) -> str:  # site-relative, e.g. "tuijinhui/exemplars/x/"
        return self.info.url


@dataclass
class KeptPage:
    """A rendered speech page as :data:`page_cache` keeps it: its HTML in :data:`spill` (the handle)."""

    html: tuple[str, int]
    text: PageText
    occurrences: dict[str, list[Occurrence]]


@dataclass
class Build:
    root: Path  # the folder of mkdocs.yml
    model: ContentModel
    model_digest: str  # sha1 of data/content_model.yml: cached checks are valid for this model only
    markers: MarkerTable | None = None  # data/dated_markers.yml
    markers_digest: str = ""
    catalog: Catalog | None = None  # data/slots.yml
    catalog_digest: str = ""
    agenda: dict[str, Any] = field(default_factory=dict)  # data/agenda.yml, for the 组稿 page
    glossary: Glossary | None = None  # data/phrases.yml
    glossary_digest: str = ""
    phrase_keys: list[str] = field(default_factory=list)  # one slug per glossary entry
    matcher: Matcher | None = None
    speeches: dict[str, SpeechPage] = field(default_factory=dict)  # src_uri -> front matter
    pages: dict[str, PageRecord] = field(default_factory=dict)  # src_uri -> rendered page
    related: Any = None  # speechlib.site.listing.RelatedIndex of speeches (page headers)
    terms: Glossary | None = None  # data/terms.yml
    term_keys: list[str] = field(default_factory=list)
    term_matcher: Matcher | None = None
    terms_digest: str = ""  # sha1 of data/terms.yml: cached term matches are valid for it only
    check_rules: dict[str, Any] = field(default_factory=dict)  # 提法核对's compiled rule set
    generated_pages: dict[str, Any] = field(default_factory=dict)  # phrase and term pages (mkdocs Page)
    phrases_file: Any = None  # the generated phrases.json (mkdocs File of .cache/phrases.json), see fill_indexes
    index_entries: list[dict] = field(default_factory=list)  # phrases.json's records without occurrences: the search's cards
    lines_files: list[str] = field(default_factory=list)  # <section>/lines/<slug>.js, in .cache/lines/
    timings: dict[str, float] = field(default_factory=dict)  # seconds per hook step (debug log, bench)
    # Reports a content error and lets the build go on (speechlib.site.guard.Run.report); None: raise.
    report: Any = None
    links: Any = None  # paragraph links: the ledger, aliases of edited paragraphs (speechlib.site.links)
    # Pages whose HTML waits in the spill file until MkDocs writes them: src_uri -> handle.
    spilled: dict[str, tuple[str, int]] = field(default_factory=dict)
    restored: Any = None  # the page whose HTML is back in memory while MkDocs writes it (mkdocs Page)
    fragments: Any = None  # template fragments shared by pages outside the nav (speechlib.site.fragments)
    serving: bool = False  # built by `mkdocs serve`: keep what the next session's rebuilds can use

    def records(self) -> list[PageRecord]:
        """The rendered speech pages in a stable order (by source path)."""
        return [self.pages[k] for k in sorted(self.pages)]

    @functools.cached_property
    def index_records(self) -> list[phrase_index.PageRecord]:
        """The pages as the phrase and terms indexes see them; made once, when every page is rendered
        (``on_env``), from the paragraph model and matches already recorded in :attr:`pages`."""
        # A page's record is the same object while its rendering and info are: the indexes
        # (speechlib.site.incremental) redo only the pages whose record changed.
        return [
            index_record_cache.get(
                r.src_uri,
                (r.info, r.text, r.occurrences),
                lambda r=r: phrase_index.page_record(r.info, r.text.body(), r.occurrences),
            )
            for r in self.records()
        ]


last: Build | None = None  # the newest build, read by the benchmark (speechbench) and tests only
# The newest search index this process built or updated: its folder under .cache/search/ and its
# layout (speechlib.search.index.Plan), so the next build can update it in place.
search_plan: tuple[Path, Any] | None = None
# Under `mkdocs serve`: the thread saving that plan beside its folder (<folder>.plan), so that the
# next serve session's first edit updates the index instead of building it (speechlib.site.build).
plan_saver: Any = None
# Each page's searchable paragraphs and their digest, while its paragraph model is the same object
# (speechlib.search.index.from_records).
search_pages: dict[str, tuple] = {}
# The concordance lines files of the newest build: its .cache/lines/ folder and their paths in it.
lines_written: tuple[Path | None, set[str]] = (None, set())


def remember(build: Build) -> Build:
    global last
    last = build
    return build


def digest(data: bytes | str) -> str:
    return hashlib.sha1(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


class PageCache:
    """One cached result per page, valid while the page's key (content hash, settings) is the same."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[Any, Any]] = {}
        self.misses = 0

    def get(self, page: str, key: Any, compute):
        entry = self._entries.get(page)
        if entry is not None and entry[0] == key:
            return entry[1]
        self.misses += 1
        value = compute()
        self._entries[page] = (key, value)
        return value

    def forget(self, page: str) -> None:
        self._entries.pop(page, None)


# The HTML of the speech, phrase and term pages, out of memory (speechlib.site.spill).
spill = Spill()
# Front matter parsed by content.py, and the rendered page (KeptPage: its HTML in spill) with its paragraph model.
front_matter_cache = PageCache()
page_cache = PageCache()
# The number frames of each page, for the phrase index (phrases.py).
frames_cache = PageCache()
# The date check of each exemplar against the dated markers (content.py).
date_check_cache = PageCache()
# The term matches of each page's paragraphs (terms.py).
term_cache = PageCache()
# Each page as the phrase and terms indexes see it (Build.index_records).
index_record_cache = PageCache()
# Each phrase's and term's page HTML and lines data file, keyed by "<section>/<slug>" and its lines.
phrase_page_cache = PageCache()
# The phrase and terms index pages, kept while the stats of every entry are the same objects.
index_page_cache = PageCache()
