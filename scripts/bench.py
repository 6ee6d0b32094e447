#!/usr/bin/env python3
"""Whole-site benchmark (``make bench``): generated libraries of 200 and 2,000 speeches, each built with
the project and with plain Material in the same run; hook shares, a one-page rebuild as ``mkdocs serve``
does it, page sizes and search. Writes the ``site-bench`` section of BENCHMARKS.md and bench/site.json.

Usage: python scripts/bench.py [--sizes 200,2000] [--seed 20261130] [--work DIR]
                               [--no-search] [--no-plain] [--no-report]
       python scripts/bench.py --plot-only     (bench/growth.png and the report from bench/site.json)

``make bench`` measures 200 and 2,000 speeches; ``make bench SIZES=200,2000,10000`` adds the
10,000-speech run (about half an hour more); ``--sizes 10000 --merge --no-search`` measures it on its
own and adds it to the figures in bench/site.json. The growth curves go to bench/growth.png
(matplotlib, from requirements-bench.txt), linked from BENCHMARKS.md.

What is measured and how: ``speechbench.site`` (its module docstring).
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

from speechbench import site as site_bench
from speechlib import cli

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = cli.parser(
        "bench.py",
        "整站基准：生成 200、2000 篇（可选 10000 篇）的文库，与原版 Material 同场构建，"
        "测构建时间、峰值内存、各钩子占比、改一篇后的重建、页面大小和检索；写入 BENCHMARKS.md 和 bench/",
    )
    parser.add_argument("--sizes", default="200,2000", help="文库篇数，以逗号分隔，如 200,2000,10000")
    parser.add_argument("--seed", type=int, default=20261130, help="生成文库的随机种子（默认 20261130）")
    # One work folder per checkout: two clones benchmarking at once must not delete each other's files.
    default_work = (
        Path(tempfile.gettempdir()) / f"bench-site-{hashlib.sha1(str(ROOT).encode()).hexdigest()[:8]}"
    )
    parser.add_argument("--work", type=Path, default=default_work, help="生成文库和站点的工作文件夹")
    parser.add_argument("--no-search", action="store_true", help="不测检索（省去无头 Chromium）")
    parser.add_argument("--no-plain", action="store_true", help="不构建原版 Material 作对照")
    parser.add_argument("--no-report", action="store_true", help="只打印报告，不写任何文件")
    parser.add_argument("--note", action="append", default=[], help="在报告末尾加一段说明（可多次使用）")
    parser.add_argument(
        "--merge",
        action="store_true",
        help="把本次测得的规模并入 bench/site.json 已有的结果（例如单独补测 10000 篇），再写报告和曲线图",
    )
    parser.add_argument(
        "--plot-only",
        action="store_true",
        help="不重新测量，只按 bench/site.json 重画 bench/growth.png 并重写报告",
    )
    args = parser.parse_args()
    if args.plot_only:
        data = json.loads((ROOT / "bench" / "site.json").read_text(encoding="utf-8"))
        data["notes"] = data.get("notes", []) + args.note
    else:
        try:
            sizes = [int(s) for s in args.sizes.split(",")]
        except ValueError:
            parser.error(f"--sizes {args.sizes}: 请写成以逗号分隔的篇数，如 200,2000,10000")
        search, plain = not args.no_search, not args.no_plain
        data = site_bench.run(ROOT, args.work, sizes, args.seed, search=search, plain=plain, notes=args.note)
        if args.merge:
            old = json.loads((ROOT / "bench" / "site.json").read_text(encoding="utf-8"))
            data = site_bench.merge(old, data)
    text = site_bench.report(data)
    print(text)
    if not args.no_report:
        try:
            site_bench.plot(data, ROOT / "bench" / "growth.png")
        except ImportError:
            print(
                "未生成 bench/growth.png：缺少 matplotlib。"
                "请运行 .venv/bin/pip install -r requirements-bench.txt，"
                "再运行 python scripts/bench.py --plot-only",
                file=sys.stderr,
            )
        site_bench.write_section(ROOT / "BENCHMARKS.md", text)
        out = ROOT / "bench" / "site.json"
        out.parent.mkdir(exist_ok=True)
        if not args.plot_only:
            out.write_text(
                json.dumps(site_bench.strip_for_json(data), ensure_ascii=False, indent=1) + "\n",
                encoding="utf-8",
            )
        print(f"wrote {ROOT / 'BENCHMARKS.md'} and {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
