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
  20 results), on the same pages.
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
