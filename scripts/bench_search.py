#!/usr/bin/env python3
"""Search benchmark: payload, latency and recall of the paragraph search on a generated library.

Usage: python scripts/bench_search.py [--speeches 2000] [--peers] [--server python|nginx] [--work DIR]

1. copies the project and adds N generated exemplars (``speechbench.lib``, fixed seed);
2. builds it with ``mkdocs build`` (wall time, peak RSS, the search hook's own time); not --strict:
   the generated speeches join sentences of different years, which the dating check rightly warns of;
3. reads every speech paragraph back from the built HTML (``speechbench.search.built_paragraphs``)
   as the truth for each query of ``search_bench.QUERIES``;
4. serves the site on 127.0.0.1 and runs each query on the results page in a fresh headless Chromium
   context: bytes transferred after the page had loaded, requests, time to count and first 20 results;
5. with ``--peers`` (``make bench-peers`` installs Pagefind from requirements-bench.txt): indexes the
   same speech pages with Pagefind 1.5.2 (extended) and runs the same queries through its JS API, and
   builds the same pages with plain Material (its lunr search on, no project hooks) for its index size;
6. writes the figures to BENCHMARKS.md (between the search markers) and to bench/search.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from speechbench.lib import make_library
from speechbench.search import (
    CHROMIUM,
    CHROMIUM_ARGS,
    QUERIES,
    built_paragraphs,
    measure_ours,
    measure_pagefind,
    median,
    serve,
    truth,
)

ROOT = Path(__file__).resolve().parents[1]
SERVERS = {"python": "Python's http.server", "nginx": "nginx"}
START, END = "<!-- search-bench:start -->", "<!-- search-bench:end -->"


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.splitlines()
    total = mem[1].split()[1] if len(mem) > 1 else "?"
    return f"{os.cpu_count()} CPUs (nproc), {total} RAM (free -h), {cpu}, Python {platform.python_version()}"


def build(project: Path, site: Path) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-v", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    wall = time.perf_counter() - started
    if result.returncode:
        sys.exit(f"the benchmark library does not build:\n{result.stderr[-3000:]}")
    hook = re.search(r"search index: (\d+) paragraphs, (\d+) files, [\d.]+ MB, ([\d.]+)s", result.stderr)
    return {
        "wall_s": round(wall, 1),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
        "search_hook_s": float(hook.group(3)) if hook else None,
        "paragraphs": int(hook.group(1)) if hook else None,
    }


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def pagefind(site: Path) -> dict:
    import pagefind_bin_extended  # noqa: F401  (installed by make bench-peers)

    binary = Path(pagefind_bin_extended.__file__).parent / "pagefind_extended"
    started = time.perf_counter()
    subprocess.run(
        [
            str(binary),
            "--site",
            str(site),
            "--root-selector",
            "article",
            "--silent",
            "--glob",
            "*/{exemplars,templates}/*/index.html",
        ],
        check=True,
    )
    size, files = folder_size(site / "pagefind")
    return {"index_s": round(time.perf_counter() - started, 1), "bytes": size, "files": files}


def material(project: Path, work: Path) -> dict:
    """The same pages with plain Material: no hooks, no overrides, its lunr search (lang zh) on."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nhooks:\n(?:  - .*\n)+", "\n", config)
    config = re.sub(r"  custom_dir: overrides\n", "", config)
    config = config.replace("plugins: []", "plugins:\n  - search:\n      lang: zh")
    plain = project / "mkdocs-plain.yml"
    plain.write_text(config, encoding="utf-8")
    site = work / "site-material"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain), "-d", str(site)],
        cwd=project,
        capture_output=True,
        env=env,
        check=True,
    )
    index = site / "search" / "search_index.json"
    return {"build_s": round(time.perf_counter() - started, 1), "index_bytes": index.stat().st_size}


def kb(n: float) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def report(data: dict) -> str:
    ours = data["ours"]
    pf = data.get("pagefind_queries")
    sm = data["summary"]
    lines = [
        START,
        "",
        f"## Search ({data['speeches']:,} generated speeches)",
        "",
        f"Measured {data['date']} by `{data['command']}` on: {data['machine']}.",
        f"Library: {data['library']['speeches']:,} generated exemplars plus the real pages, "
        f"{data['library']['han_chars'] / 1e6:.1f} M Han characters in the generated ones, "
        f"{data['build']['paragraphs']:,} indexed paragraphs. "
        f"Build {data['build']['wall_s']} s (peak RSS {data['build']['peak_rss_mb']} MB), "
        f"of which the search index {data['build']['search_hook_s']} s. "
        f"Index on disk: {kb(data['index']['bytes'])} in {data['index']['files']:,} files "
        f"(meta.js {kb(data['index']['meta_bytes'])}).",
        "",
        "Each query runs in a fresh browser context (nothing cached): bytes are every response after the "
        f"results page had loaded (bodies and headers, uncompressed, served by {SERVERS[data['server']]}), "
        "time is from "
        "submit to the count and the first 20 results on the page. Truth is a plain substring scan of the "
        "paragraphs read back from the built HTML.",
        "",
        "| | median | worst | target |",
        "| --- | --- | --- | --- |",
        f"| bytes per query | {kb(data['summary']['bytes_median'])} | {kb(data['summary']['bytes_worst'])} "
        "| ≤ 100 KB / ≤ 300 KB |",
        f"| requests per query | {sm['requests_median']:.0f} | {sm['requests_worst']} | |",
        f"| first results | {sm['ms_median']:.0f} ms | {sm['ms_worst']:.0f} ms | ≤ 200 ms |",
        f"| exact counts | {data['summary']['exact']} of {len(ours)} queries | | all |",
        "",
    ]
    if pf:
        lines += [
            f"Pagefind 1.5.2 extended on the same speech pages (`--root-selector article`): index "
            f"{kb(data['pagefind']['bytes'])} in {data['pagefind']['files']:,} files, built in "
            f"{data['pagefind']['index_s']} s; per query median {kb(data['summary']['pf_bytes_median'])}, "
            f"worst {kb(data['summary']['pf_bytes_worst'])}. Material (lunr, `lang: zh`) on the same pages: "
            f"`search_index.json` {kb(data['material']['index_bytes'])}, downloaded whole before the first "
            "result (its recall is not measured here; see issue 9 for its segmenter's misses).",
            "",
        ]
    head = "| query | paragraphs (truth) | ours | bytes | req | ms |"
    sep = "| --- | ---: | ---: | ---: | ---: | ---: |"
    if pf:
        head += " pages (truth) | Pagefind pages | Pagefind bytes | req | ms |"
        sep += " ---: | ---: | ---: | ---: | ---: |"
    lines += [head, sep]
    for i, m in enumerate(ours):
        t = data["truth"][i]
        mark = "" if m["count"] == t[0] else " ✗"
        row = f"| `{m['query']}` | {t[0]} | {m['count']}{mark} | {kb(m['bytes'])} | {m['requests']} "
        row += f"| {m['ms']:.0f} |"
        if pf:
            p = pf[i]
            row += f" {t[1]} | {p['count']} | {kb(p['bytes'])} | {p['requests']} | {p['ms']:.0f} |"
        lines.append(row)
    lines += ["", END]
    return "\n".join(lines) + "\n"


def write_report(text: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if START in old and END in old:
        new = old[: old.index(START)] + text.rstrip("\n") + old[old.index(END) + len(END) :]
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speeches", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument("--peers", action="store_true", help="also Pagefind and plain Material")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-search"))
    parser.add_argument(
        "--server",
        choices=("python", "nginx"),
        default="python",
        help="local web server (nginx: apt-get install nginx-light)",
    )
    parser.add_argument(
        "--no-report", action="store_true", help="print the report, do not write BENCHMARKS.md"
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    project, site = work / "project", work / "site"
    print(f"generating {args.speeches} speeches …", flush=True)
    library = make_library(project, ROOT, args.speeches, args.seed)
    print(f"building ({library['han_chars'] / 1e6:.1f} M Han characters) …", flush=True)
    built = build(project, site)
    size, files = folder_size(site / "search" / "parts")
    index = {
        "bytes": size,
        "files": files,
        "meta_bytes": (site / "search" / "parts" / "meta.js").stat().st_size,
    }
    paragraphs = built_paragraphs(site)
    truths = [truth(paragraphs, q) for q in QUERIES]
    data = {
        "speeches": args.speeches,
        "date": time.strftime("%Y-%m-%d"),
        "machine": machine(),
        "library": library,
        "build": built,
        "index": index,
        "truth": truths,
    }
    if args.peers:
        print("indexing with Pagefind …", flush=True)
        data["pagefind"] = pagefind(site)
        print("building with plain Material …", flush=True)
        data["material"] = material(project, work)
    print("querying in Chromium …", flush=True)
    data["server"] = args.server
    data["command"] = " ".join(["scripts/bench_search.py", *sys.argv[1:]])
    with sync_playwright() as p, serve(site, args.server) as url:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        measure_ours(browser, url, QUERIES[:2])  # warm the server's file cache, not the browser's
        data["ours"] = [m.as_dict() for m in measure_ours(browser, url, QUERIES)]
        if args.peers:
            data["pagefind_queries"] = [m.as_dict() for m in measure_pagefind(browser, url, QUERIES)]
        browser.close()
    ours = data["ours"]
    summary = {
        "bytes_median": median([m["bytes"] for m in ours]),
        "bytes_worst": max(m["bytes"] for m in ours),
        "requests_median": median([m["requests"] for m in ours]),
        "requests_worst": max(m["requests"] for m in ours),
        "ms_median": median([m["ms"] for m in ours]),
        "ms_worst": max(m["ms"] for m in ours),
        "exact": sum(m["count"] == t[0] for m, t in zip(ours, truths, strict=True)),
    }
    if args.peers:
        pf = data["pagefind_queries"]
        summary |= {
            "pf_bytes_median": median([m["bytes"] for m in pf]),
            "pf_bytes_worst": max(m["bytes"] for m in pf),
            "pf_ms_median": median([m["ms"] for m in pf]),
        }
    data["summary"] = summary
    text = report(data)
    print(text)
    if not args.no_report:
        write_report(text)
        out = ROOT / "bench" / f"search-{args.speeches}.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
