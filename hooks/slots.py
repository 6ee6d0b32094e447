"""Slots hook: load and check the fill-in slots (［名称］) of template pages.

- ``on_config`` loads ``data/slots.yml`` (next to ``mkdocs.yml``) into the build state; a malformed
  file fails the build with ``data/slots.yml:<line>: …``. ``hooks/pages.py`` renders the slots.
- ``on_page_markdown`` checks the source of every page whose front matter says ``kind: template``
  and fails the build with ``docs/<path>:<line>: …`` for each unclosed, empty, unknown or stray
  slot bracket. It also appends the table of all slots to ``docs/guide/slots.md``.

The logic lives in ``speechlib/slots.py``; this module only wires it to MkDocs events.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from speechlib.content.slots import SLOTS_FILE, SlotsFileError, catalog_table, check_source, parse_catalog
from speechlib.site import state
from speechlib.text import display_path

log = get_plugin_logger("slots")

# The page that lists every slot; its Markdown source holds only the introduction.
SLOTS_PAGE = "guide/slots.md"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    build = state.get()
    path = build.root / SLOTS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PluginError(
            f"{SLOTS_FILE}:1: file not found ({path}); it lists the slot names that template pages may use"
        ) from None
    try:
        build.catalog = parse_catalog(text, SLOTS_FILE)
    except SlotsFileError as exc:
        raise PluginError(str(exc)) from None
    build.catalog_digest = state.digest(text)
    log.debug("%d slot names loaded from %s", len(build.catalog.slots), SLOTS_FILE)
    return config


def _display_path(page: Page, config: MkDocsConfig, project_dir: Path) -> str:
    """The page's path as the author knows it, e.g. ``docs/tuijinhui/templates/zhuchici.md``."""
    return display_path(
        page.file.abs_src_path or os.path.join(config.docs_dir, page.file.src_path), project_dir
    )


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = state.get()
    if page.meta.get("kind") == "template":
        # Check the file as written (front matter included), so line numbers match the editor;
        # page.markdown has the front matter stripped.
        problems = check_source(page.file.content_string, build.catalog)
        if problems:
            where = _display_path(page, config, build.root)
            raise PluginError("\n".join(f"{where}:{p.line}: {p.message}" for p in problems))
    if page.file.src_uri == SLOTS_PAGE:
        return markdown.rstrip("\n") + "\n\n" + catalog_table(build.catalog)
    return markdown
