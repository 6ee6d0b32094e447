"""Export hook: a Word file (.docx, GB/T 9704 layout) for every exemplar and template.

``on_post_build`` reads every rendered speech page from the build state (``speechlib.site.state``: its
front matter and paragraph model, made by the page pipeline), chooses what the file holds
(``docx_export.export_blocks``) and writes it where the page's download link points
(``pagetools.word_file``, named after the page title; the link itself is part of the page's
tools bar, which the page pipeline writes). Files are cached in ``.cache/docx/`` (next to
mkdocs.yml, never committed) under a hash of the title, the blocks and the layout code
(``speechlib/docx_export.py``), so a rebuild only lays out pages whose text changed; cache entries
no page uses any more are removed.

The layout lives in ``speechlib.export.docx``, the HTML in ``speechlib.page.tools``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

from speechlib.export import docx as docx_export
from speechlib.page import tools as pagetools
from speechlib.site import state

log = get_plugin_logger("export")

CACHE_DIR = Path(".cache") / "docx"
# The layout code is part of every cache key: editing it lays out every file anew.
LAYOUT_DIGEST = state.digest(Path(docx_export.__file__).read_bytes())


def _key(title: str, blocks: list[docx_export.ExportBlock], slots: bool) -> str:
    payload = json.dumps(
        [LAYOUT_DIGEST, title, slots, [(b.kind, b.text) for b in blocks]], ensure_ascii=False
    )
    return state.digest(payload)


def on_post_build(config: MkDocsConfig) -> None:
    build = state.get()
    cache = build.root / CACHE_DIR
    cache.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    made = 0
    for record in build.records():
        speech = record.speech
        dest, _ = pagetools.word_file(record.url, speech.title)
        blocks = docx_export.export_blocks(record.text, speech.kind)
        slots = speech.kind == "template"
        cached = cache / f"{_key(speech.title, blocks, slots)}.docx"
        if not cached.exists():
            tmp = cached.with_suffix(".tmp")
            tmp.write_bytes(docx_export.build_docx(speech.title, blocks, slots=slots))
            tmp.replace(cached)
            made += 1
        used.add(cached.name)
        target = Path(config.site_dir) / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
    for old in cache.glob("*.docx"):
        if old.name not in used:
            old.unlink()
    log.debug(f"Word files: {len(build.pages)} written, {made} laid out anew")
