#!/usr/bin/env python3
"""Whole-site benchmark (``make bench``): generated libraries of 200 and 2,000 speeches, each built with
the project and with plain Material in the same run; hook shares, a one-page rebuild as ``mkdocs serve``
does it, page sizes and search. Writes the ``site-bench`` section of BENCHMARKS.md and bench/site.json.

Usage: python scripts/bench.py [--sizes 200,2000] [--seed 20261130] [--work DIR]
                               [--no-search] [--no-plain] [--no-report]

What is measured and how: ``speechbench.site`` (its module docstring).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

from speechbench import site as site_bench

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000", help="library sizes, comma-separated")
    parser.add_argument("--seed", type=int, default=20261130)
    # One work folder per checkout: two clones benchmarking at once must not delete each other's files.
    default_work = (
        Path(tempfile.gettempdir()) / f"bench-site-{hashlib.sha1(str(ROOT).encode()).hexdigest()[:8]}"
    )
    parser.add_argument("--work", type=Path, default=default_work)
    parser.add_argument("--no-search", action="store_true", help="skip the search measurements (Chromium)")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain Material builds")
    parser.add_argument("--no-report", action="store_true", help="print the report, write nothing")
    parser.add_argument("--note", action="append", default=[], help="a paragraph added to the report")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    data = site_bench.run(
        ROOT, args.work, sizes, args.seed, search=not args.no_search, plain=not args.no_plain, notes=args.note
    )
    text = site_bench.report(data)
    print(text)
    if not args.no_report:
        site_bench.write_section(ROOT / "BENCHMARKS.md", text)
        out = ROOT / "bench" / "site.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(
            json.dumps(site_bench.strip_for_json(data), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"wrote {ROOT / 'BENCHMARKS.md'} and {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
