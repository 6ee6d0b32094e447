"""Page hook: the one place where a speech page's HTML is rewritten (``speechlib.page.html``).

``on_page_content`` runs the fixed steps — metadata header, paragraph anchors, phrase marks, slot
spans, phrases used — on every exemplar and template, and records the page's paragraph model and
phrase matches in the build state, where the phrase index, the search index and the Word export
read them once every page is rendered (``on_env`` and later). Results are cached by a hash of the
page's HTML, URL, front matter, header, glossary and slot catalogue, so a ``mkdocs serve`` rebuild
after editing one page renders only that page again.
"""

from __future__ import annotations

import time
from functools import partial

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from speechlib.content.slots import slot_pieces
from speechlib.page import html as page_html
from speechlib.page.tools import page_tools
from speechlib.phrases.index import rel_url, used_phrases_html
from speechlib.site import state
from speechlib.site.listing import background_html, collation_html, meta_header


def _steps(build: state.Build, url: str, speech) -> page_html.Steps:
    by_key = dict(zip(build.phrase_keys, build.glossary.entries, strict=True)) if build.glossary else {}
    return page_html.Steps(
        matcher=build.matcher,
        phrase_href=lambda k: rel_url(url, f"phrases/{k}/"),
        phrase_title=lambda k: f"固定表述：{by_key[k].text}",
        slot_pieces=partial(slot_pieces, catalog=build.catalog) if build.catalog else None,
        used_section=(lambda counts: used_phrases_html(counts, by_key, url)) if by_key else None,
        placeholders=speech.kind == "exemplar",
        intro=lambda text: (
            page_tools(url, speech.title, speech.kind, text, build.catalog) + background_html(speech)
        ),
        tail=collation_html(speech),
    )


# Default priority: nothing else rewrites page content; hooks that read the results do so in on_env.
@event_priority(0)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = state.get()
    speech = build.speeches.get(page.file.src_uri)
    if speech is None:  # guides and the home page show slot names too
        if build.catalog is None or "［" not in html:
            return html
        steps = page_html.Steps(slot_pieces=partial(slot_pieces, catalog=build.catalog), anchors=False)
        return page_html.render(html, "", steps).html
    started = time.perf_counter()
    page.meta["speech_kind"] = speech.kind

    def url_of(src_uri: str) -> str | None:
        target = files.get_file_from_path(src_uri)
        return get_relative_url(target.url, page.url) if target else None

    header = meta_header(speech, build.speeches, url_of)
    key = (state.digest(html), page.url, repr(speech), header, build.glossary_digest, build.catalog_digest)
    rendered = state.page_cache.get(
        page.file.src_uri, key, lambda: page_html.render(html, header, _steps(build, page.url, speech))
    )
    build.pages[page.file.src_uri] = state.PageRecord(
        page.file.src_uri, page.url, speech, rendered.text, rendered.occurrences
    )
    # MkDocs collects a page's anchors while rendering Markdown, before the paragraph ids exist;
    # adding them here lets its own link validation (validation.anchors) check links to them.
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= {p.id for p in rendered.text.paragraphs if p.id}
    build.timings["pages"] = build.timings.get("pages", 0.0) + time.perf_counter() - started
    return rendered.html
