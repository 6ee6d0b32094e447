"""Rebuilds as `mkdocs serve` does them (config reloaded, hook files kept loaded) redo only what changed."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from test_phrases import GLOSSARY, PAGES

from sitebuild import exemplar, make_project
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


def test_a_rebuild_that_moves_no_searchable_text_reuses_the_search_index_and_phrase_pages(tmp_path):
    config_file = make_project(tmp_path, dict(PAGES), data={"phrases.yml": GLOSSARY})
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    site = tmp_path / "site"

    def rebuild():
        build(load_config(str(config_file), site_dir=str(site), strict=True))
        return sorted((tmp_path / ".cache" / "search").iterdir())

    first = rebuild()
    meta = (site / "search" / "parts" / "meta.js").read_text(encoding="utf-8")
    phrase_pages = state.phrase_page_cache.misses
    (tmp_path / "docs" / "guide").mkdir(exist_ok=True)
    (tmp_path / "docs" / "guide" / "extra.md").write_text("# 补充说明\n\n与范文无关的一页。\n", encoding="utf-8")
    assert rebuild() == first  # the same cached index, not built again
    assert (site / "search" / "parts" / "meta.js").read_text(encoding="utf-8") == meta
    assert state.phrase_page_cache.misses == phrase_pages  # no phrase's lines changed

    page = tmp_path / "docs" / "tuijinhui" / "exemplars" / "b.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n各级党委要高度重视。\n", encoding="utf-8")
    again = rebuild()
    assert again != first and len(again) == 1  # built anew; only the newest index is kept
    assert (site / "search" / "parts" / "meta.js").read_text(encoding="utf-8") != meta
    assert state.phrase_page_cache.misses > phrase_pages  # 高度重视 gained a line


def _answers(parts):
    """The search as the browser runs it (speechlib.search.query.Reader), over a built site's parts:
    each query's results as (speech URL, paragraph text)."""
    from speechlib.search.query import Reader, parse

    def load(name):
        path = parts / f"{name}.js"
        return path.read_text(encoding="utf-8") if path.exists() else None

    out = {}
    for q in ("高度重视", "各级党委", "推进", "工作 -高度重视", "补记"):
        reader = Reader(load)
        chunk = reader.meta["chunk"]
        rows = []
        for pid in reader.search(parse(q)):
            data = reader.part(f"t/{pid // chunk}")
            doc, _, _, text = data["p"][pid % chunk]
            rows.append((data["d"][str(doc)][1], text))
        out[q] = rows
    return out


def test_an_edit_updates_the_search_index_in_place(tmp_path, monkeypatch):
    from speechlib.search import index as si

    for name, value in {"TARGET": 64, "CHUNK": 2, "BIG": 40, "SPLIT": 120}.items():
        monkeypatch.setattr(si, name, value)  # parts as small as a big library's are, relatively
    config_file = make_project(tmp_path, dict(PAGES), data={"phrases.yml": GLOSSARY})
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    site = tmp_path / "site"
    parts = site / "search" / "parts"

    def rebuild():
        build(load_config(str(config_file), site_dir=str(site), strict=True))

    rebuild()
    before = {p.relative_to(parts): p.stat().st_ino for p in parts.rglob("*.js")}
    read = dict(state.search_pages)
    page = tmp_path / "docs" / "tuijinhui" / "exemplars" / "b.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n补记。\n", encoding="utf-8")
    rebuild()
    # Only the edited page's paragraphs were read again.
    again = {k for k, entry in state.search_pages.items() if entry[2] is not read[k][2]}
    assert again == {"tuijinhui/exemplars/b.md"}
    folder, plan = state.search_plan
    assert plan is not None and folder.exists()
    after = {p.relative_to(parts): p.stat().st_ino for p in parts.rglob("*.js")}
    rewritten = {name for name, ino in after.items() if before.get(name) != ino} - {Path("t2s.js")}
    # Only the parts the new paragraph touches were written again, meta.js among them.
    assert Path("meta.js") in rewritten
    assert 0 < len(rewritten) < len(after) / 2
    updated = _answers(parts)
    assert updated["补记"] == [("tuijinhui/exemplars/b/", "补记。")]

    # A build from nothing (a new process: no plan kept) gives the same answers.
    state.search_plan = None
    shutil.rmtree(tmp_path / ".cache")
    rebuild()
    assert _answers(parts) == updated


def _serve_build(config_file: Path, site: Path) -> None:
    """One build as `mkdocs serve` makes it (the hooks told so), then its background work waited for."""
    import threading

    from speechlib.site.build import PLAN_SAVER
    from speechlib.site.guard import REMOVER

    config = load_config(str(config_file), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
    finally:  # the hook module outlives the test: later builds in this process are not serve builds
        config.plugins.on_startup(command="build", dirty=False)
    for thread in threading.enumerate():
        if thread.name in (REMOVER, PLAN_SAVER):
            thread.join()


def test_a_new_serve_session_updates_the_index_the_last_one_left(tmp_path, monkeypatch):
    from speechlib.search import index as si

    config_file = make_project(tmp_path, dict(PAGES), data={"phrases.yml": GLOSSARY})
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    site = tmp_path / "site"
    _serve_build(config_file, site)
    cache = tmp_path / ".cache" / "search"
    (folder,) = [p for p in cache.iterdir() if p.is_dir()]
    assert (cache / (folder.name + ".plan")).is_file()  # saved beside its index

    # A new session: this process's plan is gone, the cache stays. The first edit updates the index.
    state.search_plan = None
    built = []
    monkeypatch.setattr(si, "build", lambda *a, **k: built.append(1) or pytest.fail("built from nothing"))
    page = tmp_path / "docs" / "tuijinhui" / "exemplars" / "b.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n补记。\n", encoding="utf-8")
    _serve_build(config_file, site)
    assert built == []
    assert _answers(site / "search" / "parts")["补记"] == [("tuijinhui/exemplars/b/", "补记。")]
    # The updated index's plan replaced the old one, beside the renamed folder.
    (after,) = [p for p in cache.iterdir() if p.is_dir()]
    assert sorted(p.name for p in cache.glob("*.plan")) == [after.name + ".plan"]


def test_a_plain_build_saves_no_plan_and_a_bad_one_only_costs_a_full_build(tmp_path):
    config_file = make_project(tmp_path, dict(PAGES), data={"phrases.yml": GLOSSARY})
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    site = tmp_path / "site"
    build(load_config(str(config_file), site_dir=str(site), strict=True))
    cache = tmp_path / ".cache" / "search"
    assert list(cache.glob("*.plan")) == []

    (folder,) = [p for p in cache.iterdir() if p.is_dir()]
    (cache / (folder.name + ".plan")).write_bytes(b"not a plan")  # damaged, or from other code
    state.search_plan = None
    page = tmp_path / "docs" / "tuijinhui" / "exemplars" / "b.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n补记。\n", encoding="utf-8")
    build(load_config(str(config_file), site_dir=str(site), strict=True))
    assert _answers(site / "search" / "parts")["补记"] == [("tuijinhui/exemplars/b/", "补记。")]


def test_a_rebuild_links_the_lines_files_of_untouched_phrases(tmp_path):
    # Enough lines of 高度重视 and 亲自抓、负总责 that both get lines files (a page shows the first 50).
    pages = dict(PAGES)
    for n in range(6):
        body = "".join(f"第{k}条，各级要高度重视，书记亲自抓、负总责。\n\n" for k in range(10))
        pages[f"tuijinhui/exemplars/more{n}.md"] = exemplar(title=f"讲话之{n}", mt="推进会", body="同志们：\n\n" + body)
    config_file = make_project(tmp_path, pages, data={"phrases.yml": GLOSSARY})
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    site = tmp_path / "site"

    def rebuild():
        build(load_config(str(config_file), site_dir=str(site), strict=True))
        return {
            p.relative_to(site).as_posix(): (p.stat().st_ino, p.read_text(encoding="utf-8"))
            for p in site.glob("*/lines/*.js")
        }

    first = rebuild()
    assert first
    page = tmp_path / "docs" / "tuijinhui" / "exemplars" / "b.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n各级党委要高度重视。\n", encoding="utf-8")
    second = rebuild()
    assert len(second) >= 2
    changed = {p for p in second if first.get(p, (None, None))[1] != second[p][1]}
    assert changed  # 高度重视 gained a line
    for path, (inode, _) in second.items():  # the same file where the lines are the same
        assert (inode == first[path][0]) == (path not in changed), path

    # A build from nothing writes the same files.
    state.lines_written = (None, set())
    shutil.rmtree(tmp_path / ".cache")
    assert {p: text for p, (_, text) in rebuild().items()} == {p: text for p, (_, text) in second.items()}


def test_a_build_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    # The build pauses the collector in its index steps and sets its objects aside (gc.freeze) while
    # MkDocs writes the pages, and runs no full collection while the pages are rendered; a serve
    # session that kept them so would never free an edited page's reference cycles.
    import gc

    config_file = make_project(tmp_path, dict(PAGES), data={"phrases.yml": GLOSSARY})
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    thresholds = gc.get_threshold()
    build(load_config(str(config_file), site_dir=str(tmp_path / "site"), strict=True))
    assert gc.isenabled() and gc.get_freeze_count() == 0 and gc.get_threshold() == thresholds
