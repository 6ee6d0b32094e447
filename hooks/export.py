"""Export hook: a Word file (.docx, GB/T 9704 layout) for every exemplar and template, the page's
tools bar (download link; copy.js adds "copy the whole text") and the slot panel of templates.

Events (priorities say why):

- ``on_config``: a fresh :class:`Exports` for this build.
- ``on_page_content`` (-200, after every other content hook, the slot spans of hooks/slots.py
  included): read the page's paragraph model from ``speechlib.state`` (made by the page pipeline),
  choose what the file holds (``docx_export.export_blocks``), and put the tools bar and, on a
  template with slots, the slot panel under the metadata header.
- ``on_post_build``: write each file next to its page, named after the page title. Files are
  cached in ``.cache/docx/`` (next to mkdocs.yml, never committed) under a hash of the title, the
  blocks and the layout code (``speechlib/docx_export.py``), so a rebuild only lays out pages
  whose text changed; cache entries no page uses any more are removed.

The layout lives in ``speechlib.docx_export``, the HTML in ``speechlib.pagetools``.
"""

from __future__ import annotations

import json
import posixpath
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from speechlib import docx_export, pagetools, state

log = get_plugin_logger("export")

CACHE_DIR = Path(".cache") / "docx"
# The layout code is part of every cache key: editing it lays out every file anew.
LAYOUT_DIGEST = state.digest(Path(docx_export.__file__).read_bytes())


@dataclass
class Job:
    src_uri: str
    dest: str  # site-relative path of the file
    title: str
    blocks: list[docx_export.ExportBlock]
    slots: bool  # highlight ［名称］ (templates)

    @property
    def key(self) -> str:
        payload = json.dumps([LAYOUT_DIGEST, self.title, self.slots,
                              [(b.kind, b.text) for b in self.blocks]], ensure_ascii=False)
        return state.digest(payload)


@dataclass
class Exports:
    root: Path  # the folder of mkdocs.yml
    jobs: dict[str, Job] = field(default_factory=dict)  # dest -> job


_exports: Exports | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _exports
    _exports = Exports(Path(config.config_file_path).resolve().parent)
    return config


def _file_dir(url: str) -> str:
    """The site folder of a page's Word file: the page's own folder, ``a/b/`` for ``a/b/``; with
    ``use_directory_urls: false`` a folder named after the page, ``a/b/`` for ``a/b.html``, since
    pages of one folder may share a title (two speeches at the same kind of meeting)."""
    return url.rstrip("/") if url.endswith("/") or not url else posixpath.splitext(url)[0]


@event_priority(-200)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    record = state.get().pages.get(page.file.src_uri)
    if record is None or _exports is None:
        return html
    speech = record.speech
    name = docx_export.file_name(speech.title)
    dest = posixpath.join(_file_dir(page.url), name).lstrip("/")
    blocks = docx_export.export_blocks(record.text, speech.kind)
    _exports.jobs[dest] = Job(page.file.src_uri, dest, speech.title, blocks, speech.kind == "template")

    # Relative to the folder the page's own links are resolved against.
    base = page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url)
    href = posixpath.relpath(dest, base.rstrip("/") or ".")
    fragment = pagetools.tools_html(speech.title, speech.kind, name, href)
    if speech.kind == "template":
        fragment += pagetools.panel_html(_panel_slots(record))
    return pagetools.insert_tools(html, fragment)


def _panel_slots(record) -> list[pagetools.PanelSlot]:
    """The page's slots (speech text only, not the notes about it), numbered ones under their base."""
    catalog = state.get().catalog
    if catalog is None:
        return []
    texts = [h.text for h in record.text.headings] + [p.copy_text for p in record.text.body()]
    help_of = {s.name: s for s in catalog.slots}
    out: dict[str, pagetools.PanelSlot] = {}
    for text in texts:
        for match in docx_export.SLOT_RE.finditer(text):
            name = match.group(0)[1:-1]
            ref = catalog.lookup(name)
            if ref is None or name in out:
                continue
            entry = help_of.get(ref.base)
            help_text, example = (entry.help, entry.example) if entry else ("", "")
            out[name] = pagetools.PanelSlot(name, ref.base, help_text, example)
    # Group numbered instances under their base, bases in order of first appearance.
    order = list(dict.fromkeys(s.base for s in out.values()))
    return sorted(out.values(), key=lambda s: (order.index(s.base), s.name != s.base, s.name))


def on_post_build(config: MkDocsConfig) -> None:
    if _exports is None:
        return
    cache = _exports.root / CACHE_DIR
    cache.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    made = 0
    for job in _exports.jobs.values():
        key = job.key
        cached = cache / f"{key}.docx"
        if not cached.exists():
            tmp = cached.with_suffix(".tmp")
            tmp.write_bytes(docx_export.build_docx(job.title, job.blocks, slots=job.slots))
            tmp.replace(cached)
            made += 1
        used.add(cached.name)
        target = Path(config.site_dir) / job.dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
    for old in cache.glob("*.docx"):
        if old.name not in used:
            old.unlink()
    log.debug(f"Word files: {len(_exports.jobs)} written, {made} laid out anew")
