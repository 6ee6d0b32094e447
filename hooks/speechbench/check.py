"""提法核对 benchmark (``scripts/bench_check.py``): precision and recall of both engines on the test
corpus, whether they agree, and the time a 10,000-character draft takes.

The browser engine (``docs/assets/js/check.js``) runs in headless Chromium (Debian's, as the browser
tests use it): the script is injected into a blank page and called as ``SpeechCheck.engine.check``
with the same compiled rule set the Python engine reads. :func:`js_findings` is also what
``tests/unit/check/test_check_parity.py`` uses.
"""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path

from speechlib import cli
from speechlib.check.corpus import FAULTS, load_corpus, score
from speechlib.check.engine import check
from speechlib.check.rules import CLASSES, compile_rules
from speechlib.text import split_front_matter

from .search import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
CHECK_JS = ROOT / "docs" / "assets" / "js" / "check.js"
CORPUS = ROOT / "tests" / "fixtures" / "check" / "corpus.yml"
TARGET_MS = 200

_RUN = """([texts, rules]) => texts.map(t => SpeechCheck.engine.check(t, rules))"""
_TIME = """([text, rules, runs]) => {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    SpeechCheck.engine.check(text, rules);
    times.push(performance.now() - t0);
  }
  return times;
}"""


class JsEngine:
    """check.js in a blank page of headless Chromium; use as a context manager. ``browser``: a
    Playwright browser already running (the tests'), else one is started and closed here."""

    def __init__(self, browser=None) -> None:
        self._browser = browser
        self._pw = None

    def __enter__(self) -> JsEngine:
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            self._pw = sync_playwright().start()
            chromium = self._pw.chromium
            self._browser = chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        self.page = self._browser.new_page()
        self.page.set_content("<!doctype html><html><head></head><body></body></html>")
        self.page.add_script_tag(content=CHECK_JS.read_text(encoding="utf-8"))
        return self

    def findings(self, texts: list[str], rules: dict) -> list[list[dict]]:
        return self.page.evaluate(_RUN, [texts, rules])

    def times(self, text: str, rules: dict, runs: int) -> list[float]:
        return self.page.evaluate(_TIME, [text, rules, runs])

    def __exit__(self, *exc) -> None:
        self.page.close()
        if self._pw is not None:
            self._browser.close()
            self._pw.stop()


def js_findings(texts: list[str], rules: dict) -> list[list[dict]]:
    with JsEngine() as js:
        return js.findings(texts, rules)


def long_draft(size: int = 10_000) -> str:
    """``size`` characters of the library's own exemplars as a writer would paste them (no markup)."""
    parts: list[str] = []
    total = 0
    for path in sorted((ROOT / "docs").glob("*/exemplars/*.md")):
        body = split_front_matter(path.read_text(encoding="utf-8"))[1]
        body = re.sub(r"<[^>]+>", "", body)
        body = re.sub(r"^#+\s*", "", body, flags=re.M)
        parts.append(body)
        total += len(body)
        if total >= size:
            break
    return "".join(parts)[:size]


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(
        "bench_check.py",
        "提法核对基准：两个引擎在测试语料上的准确率、召回率和一致性，以及核对一万字文稿的耗时。",
    )
    parser.add_argument("--runs", type=int, default=20, help="计时重复次数（默认 20）")
    parser.add_argument("--no-browser", action="store_true", help="不启动 Chromium，只测 Python 引擎")
    args = parser.parse_args(argv)

    rules = compile_rules(ROOT)
    cases = load_corpus(CORPUS)
    py = {c.id: check(c.text, rules) for c in cases}
    labels = {c: label for c, label, _ in CLASSES}
    py_score = score(cases, lambda c: py[c.id])
    draft = long_draft()

    print(f"提法核对基准：语料 {len(cases)} 篇（{CORPUS.relative_to(ROOT)}），规则年份 {rules['year']}")
    print(f"Python 引擎：准确率（precision）{py_score.precision():.3f}，"
          f"召回率（recall）{py_score.recall():.3f}")
    for cls in (*FAULTS, "phrase"):
        if py_score.tp[cls] + py_score.fp[cls] + py_score.fn[cls]:
            print(f"  {labels[cls]}：准确率 {py_score.precision(cls):.3f}，召回率 {py_score.recall(cls):.3f}"
                  f"（命中 {py_score.tp[cls]}，误报 {py_score.fp[cls]}，漏报 {py_score.fn[cls]}）")
    for cid, (missing, extra) in py_score.wrong.items():
        print(f"  不符：{cid} 漏报 {missing} 误报 {extra}")

    py_times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        check(draft, rules)
        py_times.append((time.perf_counter() - t0) * 1000)
    median = statistics.median(py_times)
    print(f"一万字文稿（{len(draft)} 字，取自文库范文）：Python 引擎中位 {median:.1f} ms")

    if args.no_browser:
        return 0 if py_score.precision() >= 0.95 and py_score.recall() >= 0.95 else 1
    with JsEngine() as js:
        got = js.findings([c.text for c in cases], rules)
        js_by_id = dict(zip((c.id for c in cases), got, strict=True))
        js_score = score(cases, lambda c: js_by_id[c.id])
        same = sum(1 for c in cases if js_by_id[c.id] == py[c.id])
        times = js.times(draft, rules, args.runs)
    print(f"浏览器引擎（Chromium）：准确率 {js_score.precision():.3f}，召回率 {js_score.recall():.3f}；"
          f"与 Python 引擎结果完全相同的 {same}/{len(cases)} 篇")
    print(f"一万字文稿：浏览器引擎首次 {times[0]:.1f} ms，中位 {statistics.median(times):.1f} ms，"
          f"最长 {max(times):.1f} ms（目标 < {TARGET_MS} ms）")
    ok = (same == len(cases) and min(py_score.precision(), py_score.recall(),
                                    js_score.precision(), js_score.recall()) >= 0.95)
    return 0 if ok else 1
