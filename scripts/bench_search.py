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
5. with ``--peers`` (``make bench-peers`` installs Pagefind from requirements-bench.txt and Zensical
   from requirements-peers.txt): indexes the same speech pages with Pagefind 1.5.2 (extended) and runs
   the same queries through its JS API; builds the same pages with plain Material (its lunr search on,
   no project hooks) for its build cost and index size; builds them with Zensical 0.0.73 (the same
   plain config) and runs the queries through its search dialog (time to the first result, bytes
   fetched before it) and through its search worker (every result, for page recall and precision);
6. writes the figures to BENCHMARKS.md (between the search markers) and to bench/search-N.json.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
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
    measure_zensical,
    median,
    page_texts,
    recall_precision,
    result_pages,
    serve,
    truth,
    truth_pages,
    zensical_results,
)
from speechbench.site import plain_config
from speechlib import cli

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


def run_measured(command: list[str], cwd: Path, what: str) -> dict:
    """Run ``command`` and measure that process alone (its own children included): wall time, CPU time
    (user + system) and peak RSS, read from ``wait4``; exits with its output when it fails."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen([str(c) for c in command], cwd=cwd, env=env, stdout=out, stderr=out)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    if process.returncode:
        sys.exit(f"{what}失败（退出码 {process.returncode}），输出末尾：\n{output[-3000:]}")
    return {
        "wall_s": round(wall, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_mb": usage.ru_maxrss // 1024,
        "output": output,
    }


def build(project: Path, site: Path) -> dict:
    run = run_measured(
        [sys.executable, "-m", "mkdocs", "build", "-v", "-d", site], project, "生成基准文库的站点"
    )
    hook = re.search(r"search index: (\d+) paragraphs, (\d+) files, [\d.]+ MB, ([\d.]+)s", run.pop("output"))
    return run | {
        "search_hook_s": float(hook.group(3)) if hook else None,
        "paragraphs": int(hook.group(1)) if hook else None,
    }


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def pagefind(site: Path) -> dict:
    import pagefind_bin_extended  # noqa: F401  (installed by make bench-peers)

    binary = Path(pagefind_bin_extended.__file__).parent / "pagefind_extended"
    command = [binary, "--site", site, "--root-selector", "article", "--silent"]
    run = run_measured([*command, "--glob", "*/{exemplars,templates}/*/index.html"], site, "Pagefind 建索引")
    run.pop("output")
    size, files = folder_size(site / "pagefind")
    return run | {"index_s": run["wall_s"], "bytes": size, "files": files}


def material(project: Path, work: Path) -> dict:
    """The same pages with plain Material: no hooks, no overrides, its lunr search (lang zh) on."""
    site = work / "site-material"
    run = run_measured(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", plain_config(project), "-d", site],
        project,
        "用原版 Material 生成同一批页面",
    )
    run.pop("output")
    index = site / "search" / "search_index.json"
    release = importlib.metadata.version("mkdocs-material")
    return run | {"build_s": run["wall_s"], "index_bytes": index.stat().st_size, "version": release}


def zensical(project: Path) -> dict:
    """The same pages with Zensical (installed by make bench-peers from requirements-peers.txt), from
    the plain-Material config (it reads mkdocs.yml) without the project's CSS and scripts, its cache
    cleared first: a first build. Its search index is ``search.json``, fetched whole by every page."""
    try:
        release = importlib.metadata.version("zensical")
    except importlib.metadata.PackageNotFoundError:
        sys.exit("未安装 Zensical：请运行 make bench-peers（它按 requirements-peers.txt 安装 Zensical）。")
    site = project / "site-zensical"  # Zensical writes only inside the project
    config = plain_config(project).read_text(encoding="utf-8")
    config = re.sub(r"(?m)^extra_(?:css|javascript):\n(?:  - .*\n)+", "", config)
    config = re.sub(r"(?m)^site_dir: .*\n", "", config) + f"\nsite_dir: {site.name}\n"
    path = project / "mkdocs-zensical.yml"
    path.write_text(config, encoding="utf-8")
    binary = Path(sys.executable).parent / "zensical"
    run = run_measured([binary, "build", "--clean", "-f", path], project, "用 Zensical 生成同一批页面")
    run.pop("output")
    return run | {"version": release, "site": str(site), "index_bytes": (site / "search.json").stat().st_size}


def zensical_rows(site: Path, paragraphs: list, timed: list, found: list[list[int]]) -> list[dict]:
    """Per query: the dialog's figures (time, bytes, shown count) with the pages its worker found,
    their recall against the paragraph truth and their precision against each page's whole text."""
    index = json.loads((site / "search.json").read_text(encoding="utf-8"))
    locations = [item["location"] for item in index["items"]]
    texts = page_texts(site)
    rows = []
    for measure, ids in zip(timed, found, strict=True):
        pages, other = result_pages(locations, ids)
        expected = truth_pages(paragraphs, measure.query)
        recall, precision = recall_precision(pages, expected, texts, measure.query)
        rows.append(
            measure.as_dict()
            | {"sections": len(ids), "pages": len(pages), "other_sections": other}
            | {"recall": round(recall, 4), "precision": round(precision, 4)}
        )
    return rows


def spread(prefix: str, rows: list[dict], keys: tuple[str, ...]) -> dict:
    """``{prefix}{key}_median`` and ``{prefix}{key}_worst`` of each key over the per-query rows."""
    out = {}
    for key in keys:
        values = [r[key] for r in rows]
        out |= {f"{prefix}{key}_median": median(values), f"{prefix}{key}_worst": max(values)}
    return out


def pct(x: float) -> str:
    if x in (0, 1):
        return f"{x:.0%}"
    return f"{x:.1%}" if 0.001 <= x <= 0.999 else f"{x:.2%}"  # never "100.0%" for a miss


def _queries(rows: list[dict], key: str) -> str:
    return ", ".join(f"`{r['query']}` {pct(r[key])}" for r in rows) or "none"


def peers_report(data: dict) -> list[str]:
    """One table of the four searches on the same pages, then what Zensical misses, from the rows."""
    sm, pf, mat, z = data["summary"], data["pagefind"], data["material"], data["zensical"]
    b, n = data["build"], len(data["ours"])
    zq = data["zensical_queries"]
    lines = [
        "### Beside Pagefind, Material's lunr and Zensical",
        "",
        f"The same pages in one run. Ours, Material and Zensical are whole builds (ours with every hook; "
        f"Material {mat.get('version', '9.x')} and Zensical {z['version']} from the plain config: no hooks, "
        "no overrides; Zensical also without the project's CSS and scripts); Pagefind indexes our built "
        "speech pages (`--root-selector article`) after our build. CPU time is user + system of that "
        "process and its children, peak RSS its largest resident size, both from `wait4`. Bytes before "
        "the first result: ours and Pagefind's after the page had loaded; Material's and Zensical's index "
        "is fetched whole by every page, so theirs is that index (Zensical: `search.json` and its worker, "
        "measured, plus anything after the page had loaded). Zensical's time runs from the query in its "
        "search box to the first result on screen, once its worker has indexed `search.json` (ready "
        f"{sm['z_ready_median'] / 1000:.1f} s after the page opened, median). Page recall: the share of "
        "pages holding the string in a speech paragraph (the truth above) that the search finds; "
        "precision: the share of found speech pages that hold it in a speech paragraph or anywhere in "
        "their text (title and notes included), AND/NOT and gaps read as our syntax; Zensical's every "
        "result is read from its own worker, not only the ten its dialog shows first.",
        "",
        f"| | ours | Pagefind 1.5.2 | Material (lunr) | Zensical {z['version']} |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| build CPU time | {b['cpu_s']} s | +{pf['cpu_s']} s (index only) | {mat['cpu_s']} s "
        f"| {z['cpu_s']} s |",
        f"| build wall time | {b['wall_s']} s | +{pf['wall_s']} s | {mat['wall_s']} s | {z['wall_s']} s |",
        f"| build peak RSS | {b['peak_rss_mb']:,} MB | {pf['peak_rss_mb']:,} MB | {mat['peak_rss_mb']:,} MB "
        f"| {z['peak_rss_mb']:,} MB |",
        f"| index on disk | {kb(data['index']['bytes'])} ({data['index']['files']:,} files) "
        f"| {kb(pf['bytes'])} ({pf['files']:,} files) | {kb(mat['index_bytes'])} (1 file) "
        f"| {kb(z['index_bytes'])} (1 file) |",
        f"| bytes before the first result, median | {kb(sm['bytes_median'])} | {kb(sm['pf_bytes_median'])} "
        f"| {kb(mat['index_bytes'])} | {kb(sm['z_bytes_median'])} |",
        f"| bytes before the first result, worst | {kb(sm['bytes_worst'])} | {kb(sm['pf_bytes_worst'])} "
        f"| {kb(mat['index_bytes'])} | {kb(sm['z_bytes_worst'])} |",
        f"| time to first result, median | {sm['ms_median']:.0f} ms | {sm['pf_ms_median']:.0f} ms "
        f"| not measured | {sm['z_ms_median']:.0f} ms |",
        f"| time to first result, worst | {sm['ms_worst']:.0f} ms | {sm['pf_ms_worst']:.0f} ms "
        f"| not measured | {sm['z_ms_worst']:.0f} ms |",
        f"| queries answered exactly | {sm['exact']} of {n} (paragraph counts) "
        f"| {sm['pf_pages_exact']} of {n} (page counts) | not measured "
        f"| {sm['z_complete']} of {n} (recall and precision 100%) |",
        f"| page recall / precision, mean | 100% / 100% (exact counts) | pages only counted "
        f"| not measured | {pct(sm['z_recall_mean'])} / {pct(sm['z_precision_mean'])} |",
        "",
    ]
    plain = [r for r in zq if not re.search(r"[\s…*]", r["query"])]  # one string, no operators
    missed = [r for r in plain if r["recall"] == 0]
    partial = [r for r in plain if 0 < r["recall"] < 1]
    operators = [r for r in zq if r not in plain and r["recall"] < 1]
    loose = [r for r in zq if r["precision"] < 1]
    lines += [
        f"What Zensical misses. Its worker cuts Chinese into words with the browser's `Intl.Segmenter` "
        "and matches the query's words against the index's words, so a string that runs across a word "
        "boundary is not there to find: "
        f"no page at all for {_queries(missed, 'recall')}"
        f"; part of the pages for {_queries(partial, 'recall')}"
        f" (recall; with AND/NOT: {_queries(operators, 'recall')}). "
        "A query it cuts into several words finds the sections that hold each word anywhere, not the phrase; "
        "it drops punctuation and the gap marks `…` and `*` (`：一是` finds what `一是` finds): pages "
        f"found without the string (precision) for {_queries(loose, 'precision')}. "
        "Every page downloads the whole index "
        f"({kb(z['index_bytes'])}) before its first result, and the build costs "
        f"{z['cpu_s']} s CPU at {z['peak_rss_mb']:,} MB peak.",
        "",
    ]
    return lines


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
        f"Build {data['build']['wall_s']} s, {data['build']['cpu_s']} s CPU "
        f"(peak RSS {data['build']['peak_rss_mb']:,} MB)"
        + (
            f", of which the search index {data['build']['search_hook_s']} s. "
            if data["build"]["search_hook_s"] is not None
            else ". "
        )
        + f"Index on disk: {kb(data['index']['bytes'])} in {data['index']['files']:,} files "
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
        lines += peers_report(data)
    zq = data.get("zensical_queries")
    head = "| query | paragraphs (truth) | ours | bytes | req | ms |"
    sep = "| --- | ---: | ---: | ---: | ---: | ---: |"
    if pf:
        head += " pages (truth) | Pagefind pages | Pagefind bytes | req | ms |"
        sep += " ---: | ---: | ---: | ---: | ---: |"
        head += " Zensical pages | recall | precision | ms |"
        sep += " ---: | ---: | ---: | ---: |"
    lines += [head, sep]
    for i, m in enumerate(ours):
        t = data["truth"][i]
        mark = "" if m["count"] == t[0] else " ✗"
        row = f"| `{m['query']}` | {t[0]} | {m['count']}{mark} | {kb(m['bytes'])} | {m['requests']} "
        row += f"| {m['ms']:.0f} |"
        if pf:
            p = pf[i]
            row += f" {t[1]} | {p['count']} | {kb(p['bytes'])} | {p['requests']} | {p['ms']:.0f} |"
            z = zq[i]
            row += f" {z['pages']} | {pct(z['recall'])} | {pct(z['precision'])} | {z['ms']:.0f} |"
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
    parser = cli.parser(
        "bench_search.py",
        "检索基准：在生成的文库上测每次查找的传输量、出结果时间和段数是否准确（无头 Chromium）",
    )
    parser.add_argument("--speeches", type=int, default=2000, help="生成文库的篇数（默认 2000）")
    parser.add_argument("--seed", type=int, default=20261130, help="生成文库的随机种子")
    parser.add_argument(
        "--peers", action="store_true", help="同时测 Pagefind、原版 Material 和 Zensical 的检索作对照"
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-search"), help="工作文件夹")
    parser.add_argument(
        "--server",
        choices=("python", "nginx"),
        default="python",
        help="本机网页服务器（用 nginx 须先 apt-get install nginx-light）",
    )
    parser.add_argument("--no-report", action="store_true", help="只打印报告，不写 BENCHMARKS.md")
    parser.add_argument(
        "--report-only",
        type=Path,
        metavar="JSON",
        help="不重新测量，按某次运行保存的数据（JSON 文件）重写报告",
    )
    args = parser.parse_args()
    if args.report_only:
        data = json.loads(args.report_only.read_text(encoding="utf-8"))
        text = report(data)
        print(text)
        if not args.no_report:
            write_report(text)
        return 0
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
    if built["paragraphs"] is None:  # the build no longer logs its index: count what it indexes
        built["paragraphs"] = len(paragraphs)
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
        print("building with Zensical …", flush=True)
        data["zensical"] = zensical(project)
    print("querying in Chromium …", flush=True)
    data["server"] = args.server
    data["command"] = " ".join(["scripts/bench_search.py", *sys.argv[1:]])
    with sync_playwright() as p, serve(site, args.server) as url:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        measure_ours(browser, url, QUERIES[:2])  # warm the server's file cache, not the browser's
        data["ours"] = [m.as_dict() for m in measure_ours(browser, url, QUERIES)]
        if args.peers:
            data["pagefind_queries"] = [m.as_dict() for m in measure_pagefind(browser, url, QUERIES)]
        if args.peers:
            print("querying Zensical in Chromium …", flush=True)
            zsite = Path(data["zensical"]["site"])
            with serve(zsite, args.server) as zurl:
                timed = measure_zensical(browser, zurl, QUERIES)
                found = zensical_results(browser, zurl, QUERIES)
            data["zensical_queries"] = zensical_rows(zsite, paragraphs, timed, found)
        browser.close()
    ours = data["ours"]
    summary = {
        **spread("", ours, ("bytes", "requests", "ms")),
        "exact": sum(m["count"] == t[0] for m, t in zip(ours, truths, strict=True)),
    }
    if args.peers:
        pf = data["pagefind_queries"]
        summary |= {
            **spread("pf_", pf, ("bytes", "ms")),
            "pf_pages_exact": sum(m["count"] == t[1] for m, t in zip(pf, truths, strict=True)),
        }
        zq = data["zensical_queries"]
        summary |= {
            **spread("z_", zq, ("bytes", "ms")),
            "z_ready_median": median([m["ready_ms"] for m in zq]),
            "z_recall_mean": sum(m["recall"] for m in zq) / len(zq),
            "z_precision_mean": sum(m["precision"] for m in zq) / len(zq),
            "z_complete": sum(m["recall"] == 1 and m["precision"] == 1 for m in zq),
        }
    data["summary"] = summary
    (work / "search.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
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
