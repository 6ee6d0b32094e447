"""The whole-site benchmark behind ``make bench``: build time, memory, hook shares, rebuilds, page sizes.

For each library size (200 and 2,000 generated speeches by default) :func:`run_size`:

1. **generates** a copy of the project with N exemplars made from the real paragraphs
   (:func:`make_library`: ``speechbench.lib``'s generator, plus an estimated ``period`` on part
   of the undated speeches so that filters by period are exercised as well);
2. **builds it with the project** in a fresh process (:func:`worker`): wall time of the whole
   ``mkdocs build --strict``, the peak RSS of that process, and the time spent in each hook event
   (every hook function in ``config.plugins.events`` is wrapped in a timer, so the shares cost no
   profiler overhead), with the finer steps the hooks record in ``speechlib.site.state`` (``timings``);
3. **rebuilds after editing one speech, as ``mkdocs serve`` does**: in the same process (hook
   modules and ``speechlib`` caches stay loaded), the config is loaded again and the site built
   again; the hook time of that rebuild is compared with the first build's;
4. **builds the same pages with plain Material** in another fresh process: project hooks and theme
   overrides off, Material's own search plugin on (``lang: zh``), the rest of ``mkdocs.yml`` as is;
5. **measures the output** (:func:`page_sizes`): total size, the largest and the median page HTML,
   per kind of page, and for the pages present at both sizes, how much each grew;
6. at the largest size, optionally **runs the search benchmark** on the built site
   (``speechbench.search``: bytes per query, time to first results, exact counts), with the size of
   Material's index from step 4 and Pagefind's when ``make bench-peers`` installed it.

:func:`report` turns the figures into the ``site-bench`` section of ``BENCHMARKS.md``; the search
helper's ``search-bench`` section beside it is left as it is. No figure here is asserted by a test:
``tests/unit/test_bench.py`` runs the generator, one tiny build and the report, so the benchmark
keeps working as the code changes.
"""

from __future__ import annotations

import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from speechbench import lib as benchlib

START, END = "<!-- site-bench:start -->", "<!-- site-bench:end -->"
# Issue 23's targets at 2,000 speeches (build CPU at most plain Material's, peak RSS ≤ 1 GB, a one-page
# rebuild's hook time ≤ 10% of the first build's) and at 10,000 (peak RSS ≤ 2 GB).
TARGETS = {
    "overhead": 0.0,
    "peak_rss_mb": 1024,
    "peak_rss_mb_10000": 2048,
    "rebuild_share": 0.10,
    "page_kb": 200,
    "data_kb": 300,
}
TARGET_SIZE = 2000
EDIT = "\n编者补记一段，用于测量增量重建。\n"
# --- the library -----------------------------------------------------------------------------------


def make_library(dest: Path, root: Path, count: int, seed: int = 20261130) -> dict:
    """``benchlib.make_library``, with dates the text allows; returns its figures and the spread.

    The generator joins real sentences from speeches of different years, so a generated text may
    mention 「十二五」 under a date of 2005, which the build's date check rejects (a
    strict build fails). So that dates stay spread over 2003–2024, a dated speech loses the
    paragraphs whose dated markers (``data/dated_markers.yml``) its year contradicts, as if it had
    been written from sentences of its own time; should its text still contradict the date, the date
    moves into the window the markers allow, or becomes 不详 when they disagree. An undated text whose
    markers give a window gets it as its estimated ``period``, with the evidence as ``period_basis``,
    as an editor would write.
    """
    from speechlib.content import datafiles
    from speechlib.content.dating import contradiction, format_span, load_markers, period_from_text
    from speechlib.text import han_only, normalize, split_front_matter

    figures = benchlib.make_library(dest, root, count, seed)
    # A fresh clone has no Word-file cache (the build keeps one in .cache/): measure that build.
    shutil.rmtree(dest / ".cache", ignore_errors=True)
    markers = load_markers(datafiles.path(dest, "markers"), dest)
    forms = sorted({normalize(f) for m in markers.markers if m.dates for f in m.forms})
    spread: dict[str, Counter] = {"meeting_type": Counter(), "genre": Counter(), "period": Counter()}
    redated = han = 0
    for path in sorted((dest / "docs").glob("*/exemplars/bench-*.md")):
        text = path.read_text(encoding="utf-8")
        head = dict(re.findall(r"(?m)^(meeting_type|genre|date): (.+)$", text))
        body = split_front_matter(text)[1]
        original = len(body)
        date, period, basis = head["date"], None, None
        if date != "不详":
            kept = [
                line
                for line, norm in ((line, normalize(line)) for line in body.split("\n"))
                if line.startswith("#")
                or not any(f in norm for f in forms)
                or contradiction(date, None, line, markers) is None
            ]
            if len(kept) < len(body.split("\n")):
                text = text[: len(text) - len(body)] + "\n".join(kept)
                body = "\n".join(kept)
        if contradiction(date, None, body, markers) is not None or date == "不详":
            window = period_from_text(body, markers)
            if window is None:
                date = "不详"
            elif date != "不详":
                year = int(date[:4])
                year = max(year, window.start) if window.start is not None else year
                year = min(year, window.end) if window.end is not None else year
                date = f"{year}{date[4:]}"
            else:
                period = format_span(window.start, window.end)
                basis = "文中提到" + "、".join(f"「{f.form}」" for f in window.evidence[:2])
        if contradiction(date, period, body, markers) is not None:  # cannot happen; stay safe
            date, period = "不详", None
        han += len(han_only(body))
        if (date, period) != (head["date"], None) or len(body) != original:
            redated += 1
            extra = f"\nperiod: {period}\nperiod_basis: {basis}" if period else ""
            text = text.replace(f"date: {head['date']}\n", f"date: {date}{extra}\n", 1)
            path.write_text(text, encoding="utf-8")
        spread["meeting_type"][head.get("meeting_type", "?")] += 1
        spread["genre"][head.get("genre", "?")] += 1
        if date[:4].isdigit():
            bucket = f"{date[:3]}0s"
        else:
            bucket = f"period {period}" if period else "unknown"
        spread["period"][bucket] += 1
    figures["redated"] = redated
    figures["han_chars"] = han
    figures["spread"] = {k: dict(sorted(v.items())) for k, v in spread.items()}
    return figures


def plain_config(project: Path) -> Path:
    """``mkdocs-plain.yml`` beside ``mkdocs.yml``: no hooks, no theme overrides, Material's search on."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nhooks:\n(?:  - .*\n)+", "\n", config)
    config = re.sub(r"(?m)^  custom_dir: .*\n", "", config)
    config = re.sub(r"(?m)^plugins: \[\]$", "plugins:\n  - search:\n      lang: zh", config)
    plain = project / "mkdocs-plain.yml"
    plain.write_text(config, encoding="utf-8")
    return plain


# --- one build, in a process of its own -------------------------------------------------------------


def _rss_mb() -> float:
    """This process's resident memory now (not its peak), in MB."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def _peak_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed_hooks(
    config, spent: dict[str, float], cpu: dict[str, float], grew: dict[str, float], peak: dict[str, float]
) -> None:
    """Wrap every hook-file event function so its time adds up in ``spent["file.py:on_event"]`` (wall
    clock), ``cpu[...]`` (this process's CPU time: what the hook costs even on a busy machine) and
    ``grew[...]`` (resident memory added while it ran, MB: which hook holds the memory) and
    ``peak[...]`` (how much it raised the process's peak, MB: which hook sets the peak)."""
    for event, methods in config.plugins.events.items():
        for i, method in enumerate(methods):
            module = sys.modules.get(getattr(method, "__module__", "") or "")
            path = getattr(module, "__file__", "") or ""
            if "/hooks/" not in path or "/speechlib/" in path:
                continue
            label = f"{Path(path).name}:{event if event.startswith('on_') else 'on_' + event}"

            def timed(*args, _method=method, _label=label, **kwargs):
                started, started_cpu, rss, top = (
                    time.perf_counter(),
                    time.process_time(),
                    _rss_mb(),
                    _peak_mb(),
                )
                try:
                    return _method(*args, **kwargs)
                finally:
                    spent[_label] = spent.get(_label, 0.0) + time.perf_counter() - started
                    cpu[_label] = cpu.get(_label, 0.0) + time.process_time() - started_cpu
                    grew[_label] = grew.get(_label, 0.0) + _rss_mb() - rss
                    peak[_label] = peak.get(_label, 0.0) + _peak_mb() - top

            methods[i] = timed


def _build_once(config_file: Path, site: Path, strict: bool, serve: bool = False) -> dict:
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # Warnings are counted, not shown: a strict build fails on them (MkDocs counts them on the
    # "mkdocs" logger, so that logger keeps its level and only the console handler is quietened).
    for handler in logging.getLogger("mkdocs").handlers:
        handler.setLevel(logging.ERROR)
    started, started_cpu = time.perf_counter(), time.process_time()
    config = load_config(str(config_file), site_dir=str(site), strict=strict)
    spent: dict[str, float] = {}
    cpu: dict[str, float] = {}
    grew: dict[str, float] = {}
    peak: dict[str, float] = {}
    _timed_hooks(config, spent, cpu, grew, peak)
    if serve:  # what `mkdocs serve` tells the hooks before its builds
        config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    wall, cpu_total = time.perf_counter() - started, time.process_time() - started_cpu
    state = sys.modules.get("speechlib.site.state")
    steps = dict(state.last.timings) if state is not None and state.last is not None else {}
    return {
        "wall_s": wall,
        "cpu_s": cpu_total,
        "hooks": spent,
        "hooks_s": sum(spent.values()),
        "hooks_cpu": cpu,
        "hooks_cpu_s": sum(cpu.values()),
        "hooks_rss_mb": grew,
        "hooks_peak_mb": peak,
        "peak_mb": _peak_mb(),
        "rss_end_mb": _rss_mb(),
        "steps": steps,
    }


def worker(config_file: Path, site: Path, strict: bool, edit: Path | None) -> dict:
    """Build once (and once more after editing ``edit``, as ``mkdocs serve`` does); return the figures.

    With ``edit`` the builds are serve builds (``on_startup(command="serve")``), and the writer's pause
    between them is when the work a serve build leaves to a background thread (removing the last
    site, the collector's full pass) is done: its CPU time is reported apart (``after_cpu_s``)."""
    serve = edit is not None
    result = {"first": _build_once(config_file, site, strict, serve)}
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    if edit is not None:
        result["first"]["after_cpu_s"] = _background_cpu()
        edit.write_text(edit.read_text(encoding="utf-8") + EDIT, encoding="utf-8")
        state = sys.modules.get("speechlib.site.state")
        misses = state.page_cache.misses if state else 0
        result["rebuild"] = _build_once(config_file, site, strict, serve)
        result["rebuild"]["after_cpu_s"] = _background_cpu()
        result["rebuild"]["pages_rendered_again"] = (state.page_cache.misses - misses) if state else None
        result["peak_rss_after_rebuild_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return result


def _background_cpu() -> float:
    """Wait for a serve build's background threads (:data:`speechlib.site.guard.REMOVER`, which removes
    the last site, and :data:`speechlib.site.build.PLAN_SAVER`); their CPU seconds."""
    import threading

    from speechlib.site.build import PLAN_SAVER
    from speechlib.site.guard import REMOVER

    started = time.process_time()
    for thread in threading.enumerate():
        if thread.name in (REMOVER, PLAN_SAVER):
            thread.join()
    return time.process_time() - started


def run_worker(config_file: Path, site: Path, strict: bool, edit: Path | None = None) -> dict:
    """:func:`worker` in a fresh Python process, so its peak memory is this build's alone."""
    out = site.parent / f"{site.name}.json"
    cmd = [
        sys.executable,
        "-m",
        "speechbench.site",
        "--config",
        str(config_file),
        "--site",
        str(site),
        "--out",
        str(out),
    ]
    cmd += ["--strict"] if strict else []
    cmd += ["--edit", str(edit)] if edit else []
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(cmd, cwd=config_file.parent, capture_output=True, text=True, env=env)
    if proc.returncode:
        raise RuntimeError(f"build of {config_file} failed:\n{proc.stderr[-4000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


# --- the output ------------------------------------------------------------------------------------


def page_kind(rel: str) -> str:
    """What a built page is, from its path in the site."""
    parts = rel.split("/")
    if rel == "index.html":
        return "home"
    if parts[0] == "phrases":
        return "phrase index" if len(parts) == 2 else "concordance"
    if parts[0] == "terms":
        return "terms index" if len(parts) == 2 else "term concordance"
    if parts[0] in ("browse", "guide", "search"):
        return parts[0]
    if len(parts) >= 3 and parts[1] == "exemplars":
        return "exemplar"
    if len(parts) >= 3 and parts[1] == "templates":
        return "template"
    if len(parts) == 2 or (len(parts) >= 3 and parts[1] == "list"):
        return "meeting type"
    return "other"


def page_sizes(site: Path) -> dict:
    """Total size of the site, and page HTML sizes: all pages, per kind, the largest ten."""
    total = files = 0
    pages: dict[str, int] = {}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        files += 1
        if path.suffix == ".html":
            pages[path.relative_to(site).as_posix()] = size
    kinds: dict[str, list[int]] = {}
    for rel, size in pages.items():
        kinds.setdefault(page_kind(rel), []).append(size)
    return {
        "site_bytes": total,
        "files": files,
        "pages": len(pages),
        "median_page": int(statistics.median(pages.values())) if pages else 0,
        "largest": sorted(pages.items(), key=lambda kv: (-kv[1], kv[0]))[:10],
        "by_kind": {
            k: {"pages": len(v), "median": int(statistics.median(v)), "max": max(v)}
            for k, v in sorted(kinds.items())
        },
        "all": pages,
    }


def data_kind(rel: str) -> str | None:
    """What a data file for the front end is (``speechlib.page.datafile``), from its path; None when it
    is not one (the theme's and the project's scripts)."""
    parts = rel.split("/")
    if parts[0] in ("phrases", "terms") and len(parts) > 2 and parts[1] == "lines":
        return "concordance lines"
    if parts[-1] == "listing.js":
        return "listing"
    if rel.startswith("search/parts/"):
        return "search part"
    return None


def data_sizes(site: Path) -> dict:
    """The front end's data files by kind: how many and the largest (the target: none over 300 KB)."""
    kinds: dict[str, list[tuple[int, str]]] = {}
    for path in site.rglob("*.js"):
        rel = path.relative_to(site).as_posix()
        kind = data_kind(rel)
        if kind is not None:
            kinds.setdefault(kind, []).append((path.stat().st_size, rel))
    return {
        k: {"files": len(v), "max": max(v)[0], "largest": max(v)[1]} for k, v in sorted(kinds.items())
    }


def growth(small: dict, large: dict) -> dict:
    """For pages built at both sizes: the largest growth in bytes and ratio, and by kind."""
    common = sorted(set(small["all"]) & set(large["all"]))
    rows = [(rel, small["all"][rel], large["all"][rel]) for rel in common]
    by_kind: dict[str, float] = {}
    for rel, a, b in rows:
        k = page_kind(rel)
        by_kind[k] = max(by_kind.get(k, 0.0), b / a if a else 1.0)
    worst = max(rows, key=lambda r: (r[2] / r[1] if r[1] else 1.0, r[0]), default=None)
    return {
        "common_pages": len(common),
        "max_ratio_by_kind": {k: round(v, 3) for k, v in sorted(by_kind.items())},
        "worst": list(worst) if worst else None,
    }


# --- search, on the largest build --------------------------------------------------------------------


def search_figures(site: Path, plain_site: Path | None) -> dict:
    """The search benchmark's measurements (``speechbench.search``) on an already built site."""
    from playwright.sync_api import sync_playwright

    from speechbench import search as sb

    paragraphs = sb.built_paragraphs(site)
    truths = [sb.truth(paragraphs, q) for q in sb.QUERIES]
    # nginx where installed (as the search benchmark measures: Python's server adds its own latency)
    server = "nginx" if shutil.which("nginx") else "python"
    with sync_playwright() as p, sb.serve(site, server) as url:
        browser = p.chromium.launch(executable_path=sb.CHROMIUM, args=sb.CHROMIUM_ARGS, headless=True)
        sb.measure_ours(browser, url, sb.QUERIES[:2])  # warm the server's file cache, not the browser's
        ours = [m.as_dict() for m in sb.measure_ours(browser, url, sb.QUERIES)]
        browser.close()
    parts = site / "search" / "parts"
    out = {
        "server": server,
        "queries": len(ours),
        "bytes_median": sb.median([m["bytes"] for m in ours]),
        "bytes_worst": max(m["bytes"] for m in ours),
        "ms_median": sb.median([m["ms"] for m in ours]),
        "ms_worst": max(m["ms"] for m in ours),
        "exact": sum(m["count"] == t[0] for m, t in zip(ours, truths, strict=True)),
        "index_bytes": sum(f.stat().st_size for f in parts.rglob("*") if f.is_file())
        if parts.exists()
        else 0,
    }
    lunr = plain_site / "search" / "search_index.json" if plain_site else None
    if lunr is not None and lunr.exists():
        out["material_index_bytes"] = lunr.stat().st_size
    try:  # Pagefind, when make bench-peers has installed it
        import pagefind_bin_extended  # noqa: F401
    except ImportError:
        out["pagefind"] = None
    else:
        out["pagefind"] = "see the search section (make bench-peers)"
    return out


# --- one size, and the whole run ---------------------------------------------------------------------


def run_size(root: Path, work: Path, count: int, seed: int, plain: bool = True, progress=None) -> dict:
    """Generate, build (project, rebuild, plain Material) and measure one library size."""

    steps = iter(range(5))

    def step(text: str) -> None:
        """Count the step that has just ended (none before the first) and name the next one."""
        if progress is not None:
            if next(steps):
                progress.update(1)
            progress.set_description(f"{count} speeches: {text}")

    project = work / f"project-{count}"
    step("generating")
    library = make_library(project, root, count, seed)
    edit = sorted((project / "docs").glob("*/exemplars/bench-*.md"))[0]
    step("building with the hooks (and one rebuild)")
    ours = run_worker(project / "mkdocs.yml", work / f"site-{count}", strict=True, edit=edit)
    data = {"speeches": count, "library": library, "project": ours}
    step("building with plain Material")
    if plain:
        data["material"] = run_worker(plain_config(project), work / f"site-{count}-material", strict=False)
        plain_first = data["material"]["first"]
        data["overhead"] = ours["first"]["cpu_s"] / plain_first["cpu_s"] - 1
        data["overhead_wall"] = ours["first"]["wall_s"] / plain_first["wall_s"] - 1
    step("measuring pages")
    data["sizes"] = page_sizes(work / f"site-{count}")
    data["data_files"] = data_sizes(work / f"site-{count}")
    if plain:
        data["material_sizes"] = page_sizes(work / f"site-{count}-material")
    first, rebuild = ours["first"], ours["rebuild"]
    data["rebuild_share"] = rebuild["hooks_cpu_s"] / first["hooks_cpu_s"] if first["hooks_cpu_s"] else 0.0
    data["load_average"] = os.getloadavg()
    step("done")
    return data


def machine() -> dict:
    cpu = platform.processor() or "?"
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    mem = "?"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    return {"nproc": os.cpu_count(), "memory": mem, "cpu": cpu, "python": platform.python_version()}


# --- the report ----------------------------------------------------------------------------------------


def _kb(n: float) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def _ok(good: bool) -> str:
    return "met" if good else "**missed**"


HOOK_LABELS = {
    "pipeline.py:on_config": "data files",
    "pipeline.py:on_files": "validation, generated pages, nav",
    "pipeline.py:on_page_markdown": "template slot checks",
    "pipeline.py:on_page_content": "page HTML: anchors, phrase matching, slots",
    "pipeline.py:on_env": "phrase and terms indexes",
    "pipeline.py:on_post_build": "concordance data, search index, Word files",
}


def report(data: dict) -> str:
    """The ``site-bench`` section of BENCHMARKS.md (Markdown)."""
    m = data["machine"]
    sizes = data["sizes"]
    big = sizes[-1]
    at = next((s for s in sizes if s["speeches"] == TARGET_SIZE), big)  # the size the targets are for
    lines = [
        START,
        "",
        "## Whole site (`make bench`)",
        "",
        f"Measured {data['date']} on {m['nproc']} CPUs (nproc), {m['memory']} RAM, {m['cpu']}, "
        f"Python {m['python']}; {data['seconds'] / 60:.0f} min for {_run_span(data)}. Figures in "
        f"`bench/site.json`. Libraries made by `speechbench.site.make_library` (seed {data['seed']}): "
        "N generated exemplars from the real paragraphs, over every meeting type, genre, level and period, "
        "plus the real templates and exemplars. Each build runs in a fresh process; plain Material builds "
        "the same pages with the project's hooks and theme overrides off and its own search on.",
        "",
        "Times are CPU seconds of the build process (`time.process_time`), with wall-clock seconds in "
        "brackets: the machine is shared (load average "
        + ", ".join(f"{s['load_average'][0]:.1f}" for s in sizes)
        + " at the end of each size's builds), so wall time measures the neighbours as much as the build; "
        "the targets are judged on CPU time.",
        "",
    ]
    head = "| | " + " | ".join(f"{s['speeches']:,} speeches" for s in sizes)
    head += f" | target at {at['speeches']:,} |"
    lines += [head, "| --- |" + " ---: |" * len(sizes) + " --- |"]

    def row(label: str, values: list[str], target: str = "") -> None:
        lines.append(f"| {label} | " + " | ".join(values) + f" | {target} |")

    def both(run: dict) -> str:
        return f"{run['cpu_s']:.1f} s ({run['wall_s']:.1f} s)"

    row("build, this project: CPU (wall)", [both(s["project"]["first"]) for s in sizes])
    if "material" in big:
        row("build, plain Material: CPU (wall)", [both(s["material"]["first"]) for s in sizes])
        row(
            "hooks add: CPU (wall)",
            [f"{s['overhead']:+.0%} ({s['overhead_wall']:+.0%})" for s in sizes],
            f"≤ +0%: {_ok(at['overhead'] <= TARGETS['overhead'])}",
        )
    row(
        "time in hooks: CPU (wall)",
        [
            f"{s['project']['first']['hooks_cpu_s']:.1f} s ({s['project']['first']['hooks_s']:.1f} s)"
            for s in sizes
        ],
    )
    row(
        "peak RSS, this project",
        [f"{s['project']['peak_rss_mb']:,} MB" for s in sizes],
        f"≤ 1 GB: {_ok(at['project']['peak_rss_mb'] <= TARGETS['peak_rss_mb'])}",
    )
    if "material" in big:
        row("peak RSS, plain Material", [f"{s['material']['peak_rss_mb']:,} MB" for s in sizes])
    row(
        "rebuild after editing one speech: CPU (wall)",
        [both(s["project"]["rebuild"]) for s in sizes],
    )
    row(
        "rebuild: hook CPU time / first build's",
        [f"{s['rebuild_share']:.0%}" for s in sizes],
        f"≤ 10%: {_ok(at['rebuild_share'] <= TARGETS['rebuild_share'])}",
    )
    row(
        "after each serve build, in the background: CPU (first build; rebuild)",
        [
            "; ".join(
                f"{s['project'][k]['after_cpu_s']:.1f} s" if "after_cpu_s" in s["project"][k] else "–"
                for k in ("first", "rebuild")
            )
            for s in sizes
        ],
    )
    row("site size", [f"{_kb(s['sizes']['site_bytes'])}, {s['sizes']['pages']:,} pages" for s in sizes])
    if "material" in big:
        row(
            "site size, plain Material",
            [
                f"{_kb(s['material_sizes']['site_bytes'])}, {s['material_sizes']['pages']:,} pages"
                for s in sizes
            ],
        )
    row("median page", [_kb(s["sizes"]["median_page"]) for s in sizes])
    if "material" in big:
        row("median page, plain Material", [_kb(s["material_sizes"]["median_page"]) for s in sizes])
    largest = [s["sizes"]["largest"][0] for s in sizes]
    row(
        "largest page",
        [f"{_kb(b)} `{p}`" for p, b in largest],
        f"≤ 200 KB: {_ok(largest[-1][1] <= TARGETS['page_kb'] * 1024)}",
    )
    if "material" in big:
        row("largest page, plain Material", [_kb(s["material_sizes"]["largest"][0][1]) for s in sizes])
    for kind in ("concordance lines", "listing", "search part"):
        if all(kind in s.get("data_files", {}) for s in sizes):
            found = [s["data_files"][kind] for s in sizes]
            target = TARGETS["data_kb"] * 1024
            row(
                f"largest {kind} data file",
                [f"{_kb(f['max'])} of {f['files']:,}" for f in found],
                f"≤ 300 KB: {_ok(found[-1]['max'] <= target)}" if kind != "search part" else "",
            )
    lines.append("")

    g = data.get("growth")
    if g:
        worst = g["worst"]
        lines += [
            f"**Growth from {g.get('from', sizes[0]['speeches']):,} to {g.get('to', big['speeches']):,} "
            "speeches** of the "
            f"{g['common_pages']:,} pages built at both sizes: the most grown is `{worst[0]}`, "
            f"{_kb(worst[1])} → {_kb(worst[2])} (×{worst[2] / worst[1]:.2f}). Largest ratio per kind: "
            + ", ".join(f"{k} ×{v:.2f}" for k, v in g["max_ratio_by_kind"].items())
            + ".",
            "",
        ]

    lines += [
        f"**Page HTML by kind** at {big['speeches']:,} speeches:",
        "",
        "| kind | pages | median | largest |",
        "| --- | ---: | ---: | ---: |",
    ]
    for kind, k in big["sizes"]["by_kind"].items():
        lines.append(f"| {kind} | {k['pages']:,} | {_kb(k['median'])} | {_kb(k['max'])} |")
    lines.append("")

    first = big["project"]["first"]
    rebuild = big["project"]["rebuild"]
    lines += [
        f"**CPU time per hook event** at {big['speeches']:,} speeches (share of the whole build's "
        f"{first['cpu_s']:.1f} s of CPU; each hook function timed in place; memory kept: resident memory "
        "after its calls minus before; peak raised: how far its calls raised the process's peak):",
        "",
        "| hook event | what it does | first build | share | rebuild | memory kept | peak raised |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, secs in sorted(first["hooks_cpu"].items(), key=lambda kv: -kv[1]):
        if secs < 0.005:
            continue
        what = HOOK_LABELS.get(label, "")
        lines.append(
            f"| `{label}` | {what} | {secs:.2f} s | {secs / first['cpu_s']:.1%} "
            f"| {rebuild['hooks_cpu'].get(label, 0.0):.2f} s "
            f"| {first['hooks_rss_mb'].get(label, 0.0):+,.0f} MB "
            f"| {first['hooks_peak_mb'].get(label, 0.0):+,.0f} MB |"
        )
    lines.append(
        f"| all hooks | | {first['hooks_cpu_s']:.2f} s | {first['hooks_cpu_s'] / first['cpu_s']:.1%} "
        f"| {rebuild['hooks_cpu_s']:.2f} s | {sum(first['hooks_rss_mb'].values()):+,.0f} MB "
        f"| {sum(first['hooks_peak_mb'].values()):+,.0f} MB |"
    )
    if first.get("steps"):
        lines += [
            "",
            "Steps the hooks time themselves (`speechlib.site.state` timings), first build / rebuild: "
            + ", ".join(
                f"{k} {v:.2f} s / {rebuild['steps'].get(k, 0.0):.2f} s" for k, v in first["steps"].items()
            )
            + ".",
        ]
    lines.append("")
    lines += [
        f"The rebuild edits one generated speech and builds again in the same process with the config "
        f"loaded again, as `mkdocs serve` does; {rebuild.get('pages_rendered_again')} page(s) had their "
        "HTML rewritten again, the others came from the per-page cache.",
        "",
    ]

    lib = big["library"]
    lines += [
        f"**Library spread** at {big['speeches']:,} speeches "
        f"({lib['han_chars'] / 1e6:.1f} M Han characters): "
        + "; ".join(f"{k}: " + ", ".join(f"{n} {v}" for n, v in d.items()) for k, d in lib["spread"].items())
        + ".",
        "",
    ]

    s = data.get("search")
    if s:
        lines += [
            f"**Search** on the {s.get('speeches', big['speeches']):,}-speech build "
            f"({s['queries']} queries of "
            f"`speechbench.search.QUERIES`, headless Chromium, served by {s.get('server', 'python')}, "
            "each query in a fresh context): "
            f"median {_kb(s['bytes_median'])}, worst {_kb(s['bytes_worst'])} fetched per query; "
            "first results "
            f"median {s['ms_median']:.0f} ms, worst {s['ms_worst']:.0f} ms; exact counts for {s['exact']} of "
            f"{s['queries']} queries against a substring count over the built paragraphs; index "
            f"{_kb(s['index_bytes'])} on disk, fetched in parts."
            + (
                f" Material's `search_index.json` for the same pages: {_kb(s['material_index_bytes'])}, "
                "downloaded whole before its first result."
                if s.get("material_index_bytes")
                else ""
            )
            + " Per-query rows, recall and Pagefind beside them: the search section below "
            "(`make bench-search`, `make bench-peers`).",
            "",
        ]
    lines += growth_curve(data)
    for note in data.get("notes", []):
        lines += [note, ""]
    lines.append(END)
    return "\n".join(lines) + "\n"


def growth_curve(data: dict) -> list[str]:
    """The growth table (per size: build CPU, peak RSS and rebuild hook CPU, plain Material beside
    them, and each per 1,000 speeches, so that faster-than-linear growth shows as a rising figure)."""
    sizes = data["sizes"]
    out = [
        "**Growth curve** (plot: [bench/growth.png](bench/growth.png)); per 1,000 speeches in brackets: "
        "a figure growing no faster than linearly keeps the bracketed value flat or falling.",
        "",
        "| speeches | build CPU | plain Material CPU | peak RSS | plain Material peak | rebuild hook CPU |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in sizes:
        k = s["speeches"] / 1000
        first, rebuild = s["project"]["first"], s["project"]["rebuild"]
        plain = s.get("material", {})
        cells = [
            f"{s['speeches']:,}",
            f"{first['cpu_s']:.1f} s ({first['cpu_s'] / k:.1f} s)",
            f"{plain['first']['cpu_s']:.1f} s ({plain['first']['cpu_s'] / k:.1f} s)" if plain else "—",
            f"{s['project']['peak_rss_mb']:,} MB ({s['project']['peak_rss_mb'] / k:,.0f} MB)",
            f"{plain['peak_rss_mb']:,} MB ({plain['peak_rss_mb'] / k:,.0f} MB)" if plain else "—",
            f"{rebuild['hooks_cpu_s']:.1f} s ({rebuild['hooks_cpu_s'] / k:.1f} s)",
        ]
        out.append("| " + " | ".join(cells) + " |")
    big = next((s for s in sizes if s["speeches"] >= 10000), None)
    if big is not None:
        ok = big["project"]["peak_rss_mb"] <= TARGETS["peak_rss_mb_10000"]
        peak = big["project"]["peak_rss_mb"]
        out += ["", f"At {big['speeches']:,} speeches: peak RSS {peak:,} MB (≤ 2 GB: {_ok(ok)})."]
    return out + [""]


def plot(data: dict, path: Path) -> None:
    """The growth curves as a PNG (matplotlib, requirements-bench.txt): build CPU time, peak RSS and
    rebuild hook CPU time against the number of speeches, plain Material beside the project."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = data["sizes"]
    x = [s["speeches"] for s in sizes]
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    panels = [
        (
            "build CPU time (s)",
            lambda s: s["project"]["first"]["cpu_s"],
            lambda s: s["material"]["first"]["cpu_s"],
        ),
        ("peak RSS (MB)", lambda s: s["project"]["peak_rss_mb"], lambda s: s["material"]["peak_rss_mb"]),
        ("one-page rebuild, hook CPU (s)", lambda s: s["project"]["rebuild"]["hooks_cpu_s"], None),
    ]
    for ax, (title, ours, plain) in zip(axes, panels, strict=True):
        ax.plot(x, [ours(s) for s in sizes], "o-", label="this project")
        if plain is not None and all("material" in s for s in sizes):
            ax.plot(x, [plain(s) for s in sizes], "s--", label="plain Material")
        ax.set_title(title)
        ax.set_xlabel("speeches")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.suptitle(f"make bench, {data['date']}")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)


def write_section(path: Path, text: str, name: str = "site-bench") -> None:
    """Put ``text`` (which opens and closes with the section's markers) between the ``name`` markers of
    BENCHMARKS.md; other sections stay as they are."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if start in old and end in old:
        new = old[: old.index(start)] + text.rstrip("\n") + old[old.index(end) + len(end) :]
    else:
        head, sep, rest = old.partition("\n")
        new = head + sep + "\n" + text + ("\n" + rest.lstrip("\n") if rest.strip() else "")
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def run(
    root: Path,
    work: Path,
    sizes: list[int],
    seed: int,
    search: bool,
    plain: bool = True,
    notes: list[str] | None = None,
) -> dict:
    """Every size, growth between the smallest and the largest, and search on the largest."""
    from tqdm import tqdm

    started = time.perf_counter()
    work.mkdir(parents=True, exist_ok=True)
    results = []
    with tqdm(total=4 * len(sizes), unit="step", file=sys.stderr) as progress:
        for n in sizes:
            results.append(run_size(root, work, n, seed, plain, progress))
    data = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": machine(),
        "seed": seed,
        "sizes": results,
        "notes": notes or [],
    }
    if len(results) > 1:
        data["growth"] = growth(results[0]["sizes"], results[-1]["sizes"])
        data["growth"].update({"from": results[0]["speeches"], "to": results[-1]["speeches"]})
    if search:
        print("search: querying in headless Chromium …", file=sys.stderr, flush=True)
        n = results[-1]["speeches"]
        data["search"] = search_figures(work / f"site-{n}", work / f"site-{n}-material" if plain else None)
        data["search"]["speeches"] = n
    data["seconds"] = time.perf_counter() - started
    return data


def _run_span(data: dict) -> str:
    """What ``data["seconds"]`` timed: the whole run, or after a merge the newest run's sizes."""
    if "latest" not in data:
        return "the whole run"
    return "the latest run (" + ", ".join(f"{n:,}" for n in data["latest"]) + " speeches)"


def merge(old: dict, new: dict) -> dict:
    """``old`` with the sizes measured in ``new`` added (or replaced): a long size measured on its own
    run joins the growth curve of the others. The search figures and the page growth are ``old``'s
    unless ``new`` has them; each size keeps its own date, and a size measured again without plain
    Material keeps Material's earlier figures (``material_date`` says when)."""
    for run in old["sizes"]:
        run.setdefault("date", old.get("date"))
    for run in new["sizes"]:
        run["date"] = new["date"]
    earlier = {run["speeches"]: run for run in old["sizes"]}
    for run in new["sizes"]:  # measured without plain Material (--no-plain): keep its earlier figures
        before = earlier.get(run["speeches"], {})
        if "material" in run or "material" not in before:
            continue
        run["material"], run["material_date"] = before["material"], before.get("date")
        if "material_sizes" in before:
            run["material_sizes"] = before["material_sizes"]
        if "first" in run.get("project", {}):
            plain, ours = before["material"]["first"], run["project"]["first"]
            run["overhead"] = ours["cpu_s"] / plain["cpu_s"] - 1
            run["overhead_wall"] = ours["wall_s"] / plain["wall_s"] - 1
    measured = {run["speeches"] for run in new["sizes"]}
    sizes = sorted(
        [run for run in old["sizes"] if run["speeches"] not in measured] + new["sizes"],
        key=lambda run: run["speeches"],
    )
    notes = list(dict.fromkeys(old.get("notes", []) + new.get("notes", [])))  # a note said again once
    out = dict(old, sizes=sizes, notes=notes, date=new.get("date", old.get("date")))  # the newest run's
    for key in ("search", "growth"):
        if key in new:
            out[key] = new[key]
    # The newest run's duration, with the sizes it measured: the others' runs are in their dates.
    out["seconds"], out["latest"] = new.get("seconds", 0), sorted(measured)
    return out


def strip_for_json(data: dict) -> dict:
    """The figures without each page's size (tens of thousands of rows): what bench/site.json keeps."""
    out = json.loads(json.dumps(data))
    for size in out["sizes"]:
        for key in ("sizes", "material_sizes"):
            if key in size:
                size[key].pop("all", None)
    return out


def _main() -> int:
    import argparse

    parser = argparse.ArgumentParser(
        description="one benchmark build (used by speechbench.site.run_worker)"
    )
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--edit", type=Path)
    args = parser.parse_args()
    result = worker(args.config, args.site, args.strict, args.edit)
    args.out.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(_main())
