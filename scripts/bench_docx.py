#!/usr/bin/env python3
"""Word benchmark: how long the browser takes to make the Word file of the longest exemplar.

Usage: python scripts/bench_docx.py [--runs 15] [--site DIR] [--json FILE]

1. builds the site with ``mkdocs build`` into a temporary folder (or uses ``--site``, already built);
2. finds the longest exemplar (most characters of exported text, read from the built pages' blocks);
3. opens it in headless Chromium (Debian's chromium, the flags of the other benchmarks) served on
   127.0.0.1, and times ``SpeechDocx.build(SpeechDocx.blocksFromPage(), …)``: the first call (it also
   loads and decodes the shell .docx) and the median of ``--runs`` further calls;
4. prints the figures in Chinese (target: the first call under 300 ms, as a writer's click waits for it)
   and, with ``--json``, writes them to a file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from speechbench.search import CHROMIUM, CHROMIUM_ARGS, serve
from speechlib import cli

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 300

MEASURE = """async (runs) => {
  const bar = document.querySelector('.speech-tools');
  const opts = {title: bar.dataset.docTitle};
  let t0 = performance.now();
  const blocks = SpeechDocx.blocksFromPage();
  let blob = await SpeechDocx.build(blocks, opts);
  const first = performance.now() - t0;
  const times = [];
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    const b = await SpeechDocx.build(SpeechDocx.blocksFromPage(), opts);
    times.push(performance.now() - t0);
    blob = b;
  }
  times.sort((a, b) => a - b);
  const chars = blocks.reduce((n, b) => n + b.text.length, 0);
  return {first, median: times[Math.floor(times.length / 2)], max: times[times.length - 1],
          blocks: blocks.length, chars, bytes: blob.size};
}"""


def longest_exemplar(site: Path) -> str:
    """The site-relative folder of the exemplar with the most exported text."""
    from lxml import html as lxml_html

    best, size = "", -1
    for page in sorted(site.glob("*/exemplars/*/index.html")):
        tree = lxml_html.fromstring(page.read_text(encoding="utf-8"))
        chars = sum(len(el.text_content()) for el in tree.xpath("//article//*[@data-export='1']"))
        if chars > size:
            best, size = page.parent.relative_to(site).as_posix(), chars
    return best


def build_site(dest: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(dest)],
        capture_output=True,
        text=True,
        env=env,
    )
    if result.returncode != 0:
        sys.exit(f"站点构建失败（mkdocs build），无法测量：\n{result.stderr}")


def measure(site: Path, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        sys.exit(
            f"找不到浏览器 {CHROMIUM}：请先运行 make test（会安装 chromium），或 apt-get install -y chromium"
        )
    path = longest_exemplar(site)
    if not path:
        sys.exit(f"{site}：站点中没有范文页面，无法测量")
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page()
        page.goto(f"{url}/{path}/", wait_until="networkidle")
        figures = page.evaluate(MEASURE, runs)
        browser.close()
    rounded = {k: round(v, 1) if isinstance(v, float) else v for k, v in figures.items()}
    return {"page": path, "runs": runs, **rounded}


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser("bench_docx.py", "测量浏览器生成最长范文 Word 文件的耗时（SpeechDocx.build）")
    parser.add_argument("--runs", type=int, default=15, help="首次之后再测的次数，取中位数（默认 15）")
    parser.add_argument("--site", type=Path, help="已构建好的站点目录；不给则先构建到临时目录")
    parser.add_argument("--json", type=Path, help="把结果另存为 JSON 文件")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs 至少为 1")
    if args.site is not None:
        if not (args.site / "assets/docx/shell.js").is_file():
            sys.exit(
                f"{args.site}：不是本项目构建出的站点（缺少 assets/docx/shell.js），"
                "请先 make build 或去掉 --site"
            )
        figures = measure(args.site, args.runs)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-docx-") as tmp:
            build_site(Path(tmp) / "site")
            figures = measure(Path(tmp) / "site", args.runs)
    # A writer clicks once: the first call (it also loads fflate and the shell) is what they wait for.
    verdict = "达到" if figures["first"] < TARGET_MS else "未达到"
    print(f"最长范文：{figures['page']}（{figures['blocks']} 段，{figures['chars']} 字）")
    print(
        f"浏览器生成 Word 文件：首次 {figures['first']} ms（含载入外壳文件），"
        f"其后中位数 {figures['median']} ms、最长 {figures['max']} ms（{figures['runs']} 次），"
        f"文件 {figures['bytes']} 字节；首次{verdict}目标（{TARGET_MS} ms 以内）"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
