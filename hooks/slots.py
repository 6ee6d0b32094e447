"""MkDocs hook: check and render the fill-in slots (［名称］) of template pages.

- ``on_config`` loads ``data/slots.yml`` (next to ``mkdocs.yml``) once per build; a malformed file
  fails the build with ``data/slots.yml:<line>: …``.
- ``on_page_markdown`` checks the source of every page whose front matter says ``kind: template``
  and fails the build with ``docs/<path>:<line>: …`` for each unclosed, empty, unknown or stray
  slot bracket. It also appends the table of all slots to ``docs/guide/slots.md``.
- ``on_page_content`` wraps each catalogued slot in ``<span class="slot" data-slot="名称">``; a
  numbered instance (``［发言单位1］``) also gets ``data-slot-base="发言单位"``.

The logic lives in ``speechlib/slots.py``; this module only wires it to MkDocs events.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from speechlib.slots import (
    SLOTS_FILE,
    Catalog,
    SlotsFileError,
    catalog_table,
    check_source,
    parse_catalog,
    render_slots,
)

log = get_plugin_logger("slots")

# The page that lists every slot; its Markdown source holds only the introduction.
SLOTS_PAGE = "guide/slots.md"


@dataclass
class _State:
    """Everything one build needs; replaced in on_config so `mkdocs serve` rebuilds start fresh."""

    catalog: Catalog
    project_dir: Path


_state: _State | None = None


def _load_state(config_file_path: str) -> _State:
    """Read and check data/slots.yml next to mkdocs.yml; any fault fails the build."""
    project_dir = Path(config_file_path).resolve().parent
    path = project_dir / SLOTS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PluginError(
            f"{SLOTS_FILE}:1: file not found ({path}); it lists the slot names that template pages may use"
        ) from None
    try:
        catalog = parse_catalog(text, SLOTS_FILE)
    except SlotsFileError as exc:
        raise PluginError(str(exc)) from None
    return _State(catalog=catalog, project_dir=project_dir)


def _display_path(page: Page, config: MkDocsConfig, project_dir: Path) -> str:
    """The page's path as the author knows it, e.g. ``docs/tuijinhui/templates/zhuchici.md``."""
    src = page.file.abs_src_path or os.path.join(config.docs_dir, page.file.src_path)
    try:
        return Path(src).resolve().relative_to(project_dir).as_posix()
    except ValueError:  # docs_dir outside the project folder
        return Path(src).as_posix()


def _state_or_fail() -> _State:
    if _state is None:  # pragma: no cover - MkDocs always runs on_config first
        raise PluginError("hooks/slots.py: on_config did not run; the slot catalogue is not loaded.")
    return _state


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _state
    _state = _load_state(config.config_file_path)
    log.debug("%d slot names loaded from %s", len(_state.catalog.slots), SLOTS_FILE)
    return config


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = _state_or_fail()
    if page.meta.get("kind") == "template":
        # Check the file as written (front matter included), so line numbers match the editor;
        # page.markdown has the front matter stripped.
        problems = check_source(page.file.content_string, state.catalog)
        if problems:
            where = _display_path(page, config, state.project_dir)
            raise PluginError("\n".join(f"{where}:{p.line}: {p.message}" for p in problems))
    if page.file.src_uri == SLOTS_PAGE:
        return markdown.rstrip("\n") + "\n\n" + catalog_table(state.catalog)
    return markdown


# Last of the content hooks, so that the spans wrap the text as the other hooks (metadata header,
# paragraph anchors, phrase marks) leave it. The visible text is unchanged (the brackets stay), so
# anchors computed from plain text before this runs remain valid.
@event_priority(-100)
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return render_slots(html, _state_or_fail().catalog)
