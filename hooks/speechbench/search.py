"""Measuring the paragraph search in headless Chromium, beside Pagefind and Material's lunr index.

Used by ``scripts/bench_search.py`` (``make bench-search``) and, for the independent count, by the
browser tests.

- :data:`QUERIES`: the fixed list (inner substrings, common words, phrases, punctuation, AND/NOT,
  gap patterns, one character);
- :func:`built_paragraphs`: the truth: every speech paragraph of a built site read from its HTML with
  lxml (not from the index), normalized as the search normalizes;
- :func:`measure_ours`: per query, in a fresh browser context (nothing cached): open the results page,
  wait until it is idle, then submit the query and count the bytes of every response until the count
  and the first 20 results are on the page, and the time from submit to that moment;
- :func:`measure_pagefind`: the same for Pagefind's JS API (``search()`` then ``data()`` of the first
  20 results), on the same pages;
- :func:`measure_zensical` and :func:`zensical_results`: Zensical's search dialog (time to the first
  result, bytes before it) and its worker (every result), scored by :func:`recall_precision`.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from speechlib.search.query import matches, parse
from speechlib.text import normalize

QUERIES = [
    # two characters inside a word
    "票否",
    "育水",
    "总责",
    "划生",
    "落实",
    # common words and one character
    "工作",
    "发展",
    "同志们",
    "的",
    "抓",
    # phrases of four to eight characters
    "高度重视",
    "攻坚冲刺",
    "一票否决",
    "稳定低生育水平",
    "人口和计划生育",
    "优质服务",
    "负总责",
    "齐抓共管",
    "真抓实干",
    "以人为本",
    "统筹城乡发展",
    # punctuation-bearing phrases
    "同志们：",
    "一是",
    "：一是",
    "，确保",
    "讲得很好，我完全同意",
    "“三查”",
    # AND / NOT
    "统筹 协调",
    "工作 -会议",
    "人口 计生 -社会抚养费",
    "高度重视 -充分认识",
    # gap patterns
    "以…抓落实",
    "以*为抓手",
    "坚持…不动摇",
    "进一步…力度",
]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


@dataclass
class Paragraph:
    page: str  # site-relative folder of the page
    text: str  # normalized


def built_paragraphs(site: Path, headings: bool = True) -> list[Paragraph]:
    """The speech paragraphs of a built site, read from the HTML: anchored ``<p>`` of exemplars and
    templates, stage directions and editor's notes removed, source-link lines left out; with
    ``headings``, the section headings too (search finds them; the phrase and terms indexes do not)."""
    from lxml import html as lxml_html

    out = []
    for path in sorted(site.glob("*/*/*/index.html")):
        if path.parts[-3] not in ("exemplars", "templates"):
            continue
        page = path.parent.relative_to(site).as_posix() + "/"
        tree = lxml_html.fromstring(path.read_text(encoding="utf-8"))
        for p in tree.xpath('//article//p[starts-with(@id, "p-")]'):
            for span in p.xpath(
                './/span[contains(concat(" ", @class, " "), " stage ") '
                'or contains(concat(" ", @class, " "), " editor-note ")]'
            ):
                if span.getparent() is not None:
                    span.drop_tree()
            links = "".join(a.text_content() for a in p.xpath('.//a[contains(@class, "source-link")]'))
            if not p.text_content().replace(links, "").strip():
                continue
            text = normalize(_ZERO_WIDTH.sub("", p.text_content()))
            if text:
                out.append(Paragraph(page, text))
        # Section headings are searched too (not the page title, not the 校勘记 and phrase sections).
        if not headings:
            continue
        levels = "self::h2 or self::h3 or self::h4 or self::h5 or self::h6"
        for h in tree.xpath(f"//article//*[{levels}][@id]"):
            outside = "ancestor::section or ancestor::details or ancestor::div[contains(@class,'admonition')]"
            if h.xpath(outside):
                continue
            for a in h.xpath('.//a[contains(@class, "headerlink")]'):
                a.drop_tree()
            text = normalize(_ZERO_WIDTH.sub("", h.text_content()))
            if text:
                out.append(Paragraph(page, text))
    return out


def truth(paragraphs: list[Paragraph], query: str) -> tuple[int, int]:
    """(paragraphs, pages) that match ``query`` by a plain scan."""
    q = parse(query)
    hits = [p for p in paragraphs if matches(p.text, q)]
    return len(hits), len({p.page for p in hits})


class _Quiet(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as any real web server does

    def log_message(self, *args):
        pass

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass


@contextmanager
def serve(site: Path, server: str = "python") -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1: with Python's http.server, or with nginx when asked (and installed:
    ``apt-get install nginx-light``), which answers small files the way an intranet server would."""
    if server == "nginx":
        with serve_nginx(site) as url:
            yield url
        return
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextmanager
def serve_nginx(site: Path) -> Iterator[str]:
    import shutil
    import socket
    import subprocess
    import tempfile

    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with tempfile.TemporaryDirectory() as tmp:
        conf = Path(tmp) / "nginx.conf"
        temp = " ".join(f"{k}_temp_path {tmp};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        conf.write_text(
            f"worker_processes 2; pid {tmp}/nginx.pid; error_log {tmp}/error.log; daemon off;\n"
            "events { worker_connections 256; }\n"
            f"http {{ include /etc/nginx/mime.types; access_log off; {temp}\n"
            f"  server {{ listen 127.0.0.1:{port}; root {site}; index index.html; }} }}\n",
            encoding="utf-8",
        )
        process = subprocess.Popen([binary, "-c", str(conf)])
        try:
            for _ in range(50):
                with socket.socket() as probe:
                    if probe.connect_ex(("127.0.0.1", port)) == 0:
                        break
                threading.Event().wait(0.1)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=10)


@dataclass
class Measure:
    query: str
    count: int  # paragraphs (ours) or pages (Pagefind)
    bytes: int  # response bodies and headers after the page had loaded
    requests: int
    ms: float  # from submit to count and first 20 results on the page

    def as_dict(self) -> dict:
        return asdict(self)


class _Traffic:
    def __init__(self, page) -> None:
        self.on = False
        self.bytes = 0
        self.requests = 0
        page.on("requestfinished", self._finished)

    def _finished(self, request) -> None:
        if not self.on:
            return
        sizes = request.sizes()
        self.bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        self.requests += 1


_SUBMIT_OURS = """async q => {
  const root = document.querySelector('[data-ss-page]');
  const input = root.querySelector('input');
  const t0 = performance.now();
  input.value = q;
  root.querySelector('form').requestSubmit();
  await new Promise(resolve => {
    if (root.dataset.done === q) return resolve();
    const watch = new MutationObserver(() => {
      if (root.dataset.done === q) { watch.disconnect(); resolve(); }
    });
    watch.observe(root, {attributes: true, attributeFilter: ['data-done']});
  });
  const total = root.querySelector('.ss-total').textContent.match(/共 (\\d+) 段/);
  return [performance.now() - t0, total ? +total[1] : -1];
}"""

_SUBMIT_PAGEFIND = """async ([q, root]) => {
  const t0 = performance.now();
  if (!window.__pf) { window.__pf = await import(root + 'pagefind/pagefind.js'); await window.__pf.init(); }
  const search = await window.__pf.search(q);
  await Promise.all(search.results.slice(0, 20).map(r => r.data()));
  return [performance.now() - t0, search.results.length];
}"""


def _settle(page, traffic: _Traffic) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(100)
    traffic.on, traffic.bytes, traffic.requests = True, 0, 0


def _measure(browser, url: str, queries: list[str], script: str, arg) -> list[Measure]:
    """Each query in a fresh context: open the results page, wait for quiet, then count the bytes and
    requests while ``script`` (given the query and ``arg``) runs it and returns (ms, count)."""
    out = []
    for q in queries:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        traffic = _Traffic(page)
        page.goto(url + "/search/")
        _settle(page, traffic)
        ms, count = page.evaluate(script, arg(q))
        page.wait_for_timeout(50)
        out.append(Measure(q, count, traffic.bytes, traffic.requests, ms))
        context.close()
    return out


def measure_ours(browser, url: str, queries: list[str]) -> list[Measure]:
    return _measure(browser, url, queries, _SUBMIT_OURS, lambda q: q)


def measure_pagefind(browser, url: str, queries: list[str]) -> list[Measure]:
    return _measure(browser, url, queries, _SUBMIT_PAGEFIND, lambda q: [q, url + "/"])


def median(values: list[float]) -> float:
    s = sorted(values)
    n = len(s)
    return (s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2) if s else 0.0


# --- Zensical (make bench-peers) -----------------------------------------------------------------
#
# Zensical 0.0.73 builds the same Markdown with its own Material-like theme. Its search loads
# ``search.json`` (every section's text) when any page opens, hands it to a web worker
# (``assets/javascripts/workers/search.*.js``) that segments Chinese into words with the browser's
# ``Intl.Segmenter`` and indexes it, and shows results in a dialog inside a shadow root. The worker's
# protocol: ``{type: 0, data: search.json}`` → ``{type: 1}`` (ready); ``{type: 2, data: {input, …}}`` →
# ``{type: 3, data: {items: [{id, …}], pagination: {total, next}}}``, ten items a page, ``id`` being
# the section's index in ``search.json``'s ``items``.

SPEECH_PAGE = re.compile(r"^[^/]+/(?:exemplars|templates)/[^/]+/$")


def truth_pages(paragraphs: list[Paragraph], query: str) -> set[str]:
    """The pages with at least one paragraph that matches ``query`` (the page side of :func:`truth`)."""
    q = parse(query)
    return {p.page for p in paragraphs if matches(p.text, q)}


def page_texts(site: Path) -> dict[str, str]:
    """Each speech page's whole article text (title, notes and 校勘记 included), normalized: what a
    page-level search may rightly match, so a result page counts as correct when this text matches."""
    from lxml import html as lxml_html

    out = {}
    for path in sorted(site.glob("*/*/*/index.html")):
        page = path.parent.relative_to(site).as_posix() + "/"
        if not SPEECH_PAGE.match(page):
            continue
        tree = lxml_html.fromstring(path.read_text(encoding="utf-8"))
        for a in tree.xpath('//article//a[contains(@class, "headerlink")]'):
            a.drop_tree()
        out[page] = normalize(
            _ZERO_WIDTH.sub("", " ".join(a.text_content() for a in tree.xpath("//article")))
        )
    return out


def result_pages(locations: list[str], ids: list[int]) -> tuple[set[str], int]:
    """The speech pages among the search results ``ids`` (indexes into ``search.json``'s items, whose
    ``location`` is ``page/#anchor``), and how many results were sections of other pages."""
    pages, other = set(), 0
    for i in ids:
        page = locations[i].split("#", 1)[0]
        if SPEECH_PAGE.match(page):
            pages.add(page)
        else:
            other += 1
    return pages, other


def recall_precision(
    found: set[str], truth: set[str], texts: dict[str, str], query: str
) -> tuple[float, float]:
    """Page recall against the paragraph truth, and page precision: the share of found pages that hold
    the query in a speech paragraph (``truth``) or anywhere in their whole text (1.0 when nothing is
    found and nothing should be)."""
    recall = len(found & truth) / len(truth) if truth else 1.0
    if not found:
        return recall, 1.0
    q = parse(query)
    right = sum(1 for page in found if page in truth or matches(texts.get(page, ""), q))
    return recall, right / len(found)


_ZENSICAL_RESULTS = """async ([worker, queries]) => {
  const index = await (await fetch('search.json')).json();
  const w = new Worker(worker);
  const next = () => new Promise(resolve => { w.onmessage = e => resolve(e.data); });
  w.postMessage({type: 0, data: index});
  await next();
  const base = {filter: {input: {type: 'operator', data: {operator: 'and', operands: []}}}};
  const out = [];
  for (const input of queries) {
    w.postMessage({type: 2, data: {...base, input}});
    const first = (await next()).data;
    let items = first.items || [];
    const p = first.pagination;
    if (p && p.next) {
      // The same query again with one page as long as the whole result (the worker keeps it cached).
      w.postMessage({type: 2, data: {...base, input, page: {id: p.next.id, size: p.total, from: 0}}});
      items = (await next()).data.items || [];
    }
    out.push(items.map(item => item.id));
  }
  w.terminate();
  return out;
}"""

# Before any page script: note when Zensical's worker answers, so that a query with no result has an
# end too (the dialog then shows no option to wait for).
_ZENSICAL_INIT = """(() => {
  window.__zlog = {ready: null, answers: []};
  const Native = window.Worker;
  window.Worker = function (url, options) {
    const worker = new Native(url, options);
    worker.addEventListener('message', e => {
      const m = e.data || {};
      if (m.type === 1) window.__zlog.ready = performance.now();
      const total = m.data && m.data.pagination ? m.data.pagination.total : 0;
      if (m.type === 3) window.__zlog.answers.push([performance.now(), total]);
    });
    return worker;
  };
  window.Worker.prototype = Native.prototype;
})();"""

_SUBMIT_ZENSICAL = """async q => {
  document.querySelector('.md-search__button').click();
  const host = await new Promise(resolve => {
    const find = () => [...document.querySelectorAll('body *')]
      .find(e => e.shadowRoot && e.shadowRoot.querySelector('input'));
    const tick = () => { const h = find(); h ? resolve(h) : requestAnimationFrame(tick); };
    tick();
  });
  const root = host.shadowRoot;
  const input = root.querySelector('input');
  const before = window.__zlog.answers.length;
  const t0 = performance.now();
  input.value = q;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  await new Promise(resolve => {
    const done = () => {
      const answered = window.__zlog.answers.slice(before).find(a => a[0] >= t0);
      if (!answered) return false;
      const status = root.querySelector('[role=status]');
      const shown = root.querySelector('[role=option]') && status && /\\d/.test(status.textContent);
      return answered[1] === 0 || shown;
    };
    const tick = () => (done() ? resolve() : requestAnimationFrame(tick));
    tick();
  });
  const ms = performance.now() - t0;
  const status = root.querySelector('[role=status]');
  const shown = status ? status.textContent.match(/(\\d+)/) : null;
  return [ms, shown ? +shown[1] : 0, window.__zlog.ready];
}"""


@dataclass
class ZensicalMeasure:
    query: str
    results: int  # sections, as the dialog says ("N results")
    bytes: int  # search.json and the worker fetched while the page loaded, and all traffic after
    requests: int
    ms: float  # from the query in the box to the first result on screen
    ready_ms: float  # from navigation to the worker's index being ready

    def as_dict(self) -> dict:
        return asdict(self)


def is_zensical_search_request(url: str) -> bool:
    """The requests Zensical's search makes while a page loads: its index and its worker."""
    path = url.split("?", 1)[0]
    return path.endswith("/search.json") or "/assets/javascripts/workers/search." in path


def measure_zensical(browser, url: str, queries: list[str]) -> list[ZensicalMeasure]:
    """Each query in a fresh context on the home page of the Zensical build: open the search dialog,
    put the query in its box, wait for the first result (or the worker's empty answer)."""
    out = []
    for q in queries:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(_ZENSICAL_INIT)
        page = context.new_page()
        search = {"bytes": 0, "requests": 0}

        def loading(request, search=search) -> None:
            if is_zensical_search_request(request.url):
                sizes = request.sizes()
                search["bytes"] += sizes["responseBodySize"] + sizes["responseHeadersSize"]
                search["requests"] += 1

        page.on("requestfinished", loading)
        traffic = _Traffic(page)
        page.goto(url + "/")
        page.wait_for_function("window.__zlog && window.__zlog.ready !== null", timeout=600_000)
        page.remove_listener("requestfinished", loading)
        _settle(page, traffic)
        ms, shown, ready = page.evaluate(_SUBMIT_ZENSICAL, q)
        page.wait_for_timeout(50)
        out.append(
            ZensicalMeasure(
                q, shown, search["bytes"] + traffic.bytes, search["requests"] + traffic.requests, ms, ready
            )
        )
        context.close()
    return out


def zensical_results(browser, url: str, queries: list[str]) -> list[list[int]]:
    """Every result of each query (section ids into ``search.json``), from Zensical's own worker and
    index, asked directly: the dialog shows ten at a time."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "/")
    worker = page.evaluate("JSON.parse(document.getElementById('__config').textContent).search")
    ids = page.evaluate(_ZENSICAL_RESULTS, [worker, queries])
    context.close()
    return ids
