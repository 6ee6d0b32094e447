"""Rebuilds as `mkdocs serve` does them (config reloaded, hook files kept loaded) redo only what changed."""

from __future__ import annotations

import logging

from mkdocs.commands.build import build
from mkdocs.config import load_config
from test_phrases import GLOSSARY, PAGES

from sitebuild import make_project
from speechlib.site import state


def test_editing_one_page_redoes_only_that_pages_work(tmp_path):
    config_file = make_project(
        tmp_path, dict(PAGES), data={"phrases.yml": GLOSSARY}
    )
    logging.getLogger("mkdocs").setLevel(logging.ERROR)

    def rebuild():
        build(load_config(str(config_file), site_dir=str(tmp_path / "site"), strict=True))

    rebuild()
    parsed, matched = state.front_matter_cache.misses, state.page_cache.misses
    rebuild()
    assert (state.front_matter_cache.misses, state.page_cache.misses) == (parsed, matched)

    page = tmp_path / "docs" / "tuijinhui" / "exemplars" / "b.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n各级党委要高度重视。\n", encoding="utf-8")
    rebuild()
    assert state.front_matter_cache.misses == parsed + 1
    assert state.page_cache.misses == matched + 1
    html = (tmp_path / "site" / "tuijinhui" / "exemplars" / "b" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="phrase"') == 3
