#!/usr/bin/env python3
"""组稿 benchmark: how long a draft of 200 pieces takes to reorder and to lay out on A4.

Usage: python scripts/bench_draft.py [--pieces 200] [--site DIR] [--repeat 7]

1. builds the site into a temporary folder (or uses --site, a folder ``mkdocs build`` wrote);
2. serves it on 127.0.0.1 and opens the 组稿 page in headless Chromium (Debian's chromium);
3. fills a draft with N pieces: the body paragraphs of a template and an exemplar, repeated, every
   tenth a heading;
4. times, inside the page (performance.now, median of --repeat runs, the layout each change causes
   included): moving the last piece to the top as the arrow keys do (the list, the slot list and
   the A4 preview all redrawn), the preview alone, and one keystroke in a slot field (the pieces'
   text and the preview redrawn);
5. prints the figures. Nothing is asserted: the target is under 100 ms for each.
"""

from __future__ import annotations

import functools
import http.server
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from speechbench.search import CHROMIUM, CHROMIUM_ARGS
from speechlib import cli

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["tuijinhui/templates/zhuchici/", "tuijinhui/exemplars/xian-tuijinhui-jianghua/"]

FILL = """async ([texts, n]) => {
  const D = window.SpeechDraft;
  const pieces = [];
  for (let i = 0; i < n; i++) {
    const text = texts[i % texts.length];
    pieces.push(i % 10 === 0 ? D.piece('heading', '第' + i + '部分', {level: 2 + (i / 10) % 3})
                             : D.piece('para', text, {role: '正文段落', source: {title: '基准', url: ''}}));
  }
  D.mutate(d => { d.title = '［会议名称］主持词'; d.pieces = pieces; });
  D.render();
  return D.current().pieces.length;
}"""

TIME = """([what, repeat]) => {
  const D = window.SpeechDraft;
  const times = [];
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    if (what === 'move') D.move(D.current().pieces.length - 1, 0);
    else if (what === 'preview') D.renderPreview();
    else {
      const input = document.querySelector('.draft-slots input[data-slot-input]');
      input.value = '测试' + r;
      input.dispatchEvent(new Event('input'));
    }
    void document.body.offsetHeight;  // the layout the change causes counts too
    times.push(performance.now() - t0);
  }
  return times;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build(site: Path) -> None:
    print(f"构建站点到 {site} …", flush=True)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"站点构建失败：\n{result.stderr}")


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser("bench_draft.py", "组稿基准：200 段稿件的重排和 A4 预览耗时（无头浏览器）。")
    parser.add_argument("--pieces", type=int, default=200, help="稿件段数（默认 200）")
    parser.add_argument("--site", type=Path, help="已构建的站点文件夹；不给则临时构建一次")
    parser.add_argument("--repeat", type=int, default=7, help="每项测几次，取中位数（默认 7）")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        sys.exit(f"找不到 {CHROMIUM}：请先运行 make test（会安装 chromium），或 apt-get install -y chromium")
    with tempfile.TemporaryDirectory(prefix="bench-draft-") as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            build(site)
        elif not (site / "draft" / "index.html").exists():
            sys.exit(f"{site}：不是构建好的站点（没有 draft/index.html），请给出 mkdocs build 的输出文件夹")
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}"
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            texts: list[str] = []
            for path in SOURCES:
                page.goto(f"{url}/{path}", wait_until="networkidle")
                paragraphs = page.evaluate("SpeechCopy.textParagraphs()")
                texts += [x["text"] for x in paragraphs if x["role"] == "body"]
            page.goto(f"{url}/draft/", wait_until="networkidle")
            count = page.evaluate(FILL, [texts, args.pieces])
            pages = page.locator(".dpv-page").count()
            results = {what: page.evaluate(TIME, [what, args.repeat]) for what in ("move", "preview", "slot")}
            browser.close()
        server.shutdown()
    labels = {
        "move": "重排（末段移到首段：列表、空白表、A4 预览全部重画）",
        "preview": "只重画 A4 预览",
        "slot": "在空白栏输入一个字（段落文字和预览重画）",
    }
    print(f"稿件 {count} 段，A4 预览 {pages} 页；每项 {args.repeat} 次，单位毫秒（目标：每项 100 毫秒以内）")
    for what, times in results.items():
        print(f"  {labels[what]}：中位数 {statistics.median(times):.1f}，最慢 {max(times):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
