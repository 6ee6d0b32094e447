"""浏览器端基准：浏览器生成最长范文 Word 文件、200 段组稿重排和预览的耗时，提法核对的准确率和一万字耗时。

Builds the site once, runs scripts/bench_docx.py, scripts/bench_draft.py and scripts/bench_check.py on it,
prints their reports and writes them as the ``browser-bench`` section of BENCHMARKS.md. Part of
``make bench``.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from speechbench.site import write_section
from speechlib import cli

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str]) -> str:
    print("运行：" + " ".join(args), file=sys.stderr, flush=True)
    result = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"失败：{' '.join(args)}（退出码 {result.returncode}）")
    print(result.stdout, flush=True)
    return result.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    cli.parser(
        "bench_browser.py",
        "浏览器端基准：构建一次站点，在无头 Chromium 中测浏览器生成 Word 文件、200 段组稿重排和预览的耗时，"
        "提法核对的准确率和一万字耗时，写入 BENCHMARKS.md 的 browser-bench 一节（make bench 的一部分）。",
    ).parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        print("构建站点（约半分钟）…", file=sys.stderr, flush=True)
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(site)]
        subprocess.run(command, cwd=ROOT, env=env, check=True)
        docx = run(["scripts/bench_docx.py", "--site", str(site)])
        draft = run(["scripts/bench_draft.py", "--site", str(site)])
        reports = [
            ("Word file made in the browser (`scripts/bench_docx.py`)", docx),
            ("组稿, a 200-piece draft (`scripts/bench_draft.py`)", draft),
            ("提法核对 (`scripts/bench_check.py`)", run(["scripts/bench_check.py"])),
        ]
    load = os.getloadavg()
    text = [
        "<!-- browser-bench:start -->",
        "## Browser-side work",
        "",
        f"`make bench` on {dt.date.today().isoformat()}, {os.cpu_count()} CPUs, load average {load[0]:.1f}; "
        "headless Chromium (Debian's). Each script's own report, as printed:",
    ]
    for title, body in reports:
        text += ["", f"### {title}", "", "```text", body, "```"]
    text.append("<!-- browser-bench:end -->")
    write_section(ROOT / "BENCHMARKS.md", "\n".join(text) + "\n", name="browser-bench")
    print(f"已写入 {ROOT / 'BENCHMARKS.md'}（browser-bench 一节）", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
