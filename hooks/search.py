"""Search hook: the results page and the paragraph search index (``speechlib.search.index``).

Events (priorities say why):

- ``on_files``: add the generated results page ``search/index.md`` (its URL is where the header box
  sends Enter, and where the index says the results live).
- ``on_post_build`` (-100, last): every page has been rendered, so ``speechlib.site.state`` holds each speech
  page's paragraph model (filled by hooks/pages.py in ``on_page_content``), and
  ``phrases.json`` has been written (the glossary card reads it); build the index and write its parts
  to ``search/parts/``. Building it in one pass at the end keeps the index out of page rendering and
  lets the parts be written straight to the site folder.

Nothing is fetched from outside the site: the box, the results page and the index are all local, and
the same parts load over HTTP and from ``file://`` (see ``search.js``).
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from speechlib.search import index as search_index
from speechlib.search.page import RESULTS_PAGE, results_markdown
from speechlib.site import state

log = get_plugin_logger("search")

PARTS_DIR = "search/parts"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    files.append(File.generated(config, RESULTS_PAGE, content=results_markdown()))
    return files


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    started = time.perf_counter()
    build = state.get()
    docs, paras = search_index.from_records(build.records())
    site = Path(config.site_dir)
    phrases = site / "phrases.json"
    glossary = json.loads(phrases.read_text(encoding="utf-8")) if phrases.exists() else []
    results_url = "search/" if config.use_directory_urls else "search/index.html"
    labels = {name: [v.label for v in build.model.vocab(name)] for name in ("meeting_type", "genre")}
    index = search_index.build(docs, paras, glossary, results_url, labels["meeting_type"], labels["genre"])
    out = site / PARTS_DIR
    if out.exists():
        shutil.rmtree(out)
    for name, content in index.files.items():
        path = out / f"{name}.js"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    seconds = time.perf_counter() - started
    build.timings["search"] = seconds
    s = index.stats
    log.debug(
        f"search index: {s['paragraphs']} paragraphs, {s['files']} files, "
        f"{s['bytes'] / 1e6:.1f} MB, {seconds:.2f}s"
    )
