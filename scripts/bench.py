#!/usr/bin/env python3
"""Benchmark: build time of the site and the hooks' share of it, and how both grow with the library.

Usage: python scripts/bench.py [--scales 1,5,20] [--repeat 2]

For each scale K it builds a copy of the project whose exemplar pages are repeated K times (each copy
under a new slug, with its paragraphs made distinct so anchors and matches are real work), under
cProfile, and reports wall time and the cumulative time spent in each hook event. A last run edits
one page between two builds in one process, as `mkdocs serve` does, and counts how many pages the
phrase hook had to match again.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import pstats
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def make_copy(dest: Path, scale: int) -> Path:
    shutil.copytree(
        ROOT,
        dest,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "site", "test-artifacts", "__pycache__", ".pytest_cache", ".hypothesis"
        ),
    )
    for page in sorted((dest / "docs").glob("*/exemplars/*.md")):
        text = page.read_text(encoding="utf-8")
        for k in range(1, scale):
            # Paragraph text gets a distinct suffix so each copy's anchors and matches are its own.
            copy = re.sub(
                r"(?m)^(?![#<\-\s]|\w+:)(.+[。！？：])$", lambda m, k=k: f"{m.group(1)}（第{k}份）", text
            )
            (page.parent / f"{page.stem}-x{k}.md").write_text(copy, encoding="utf-8")
    return dest / "mkdocs.yml"


def build_profiled(config_file: Path, site_dir: Path) -> tuple[float, dict[str, float]]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    build(config)
    profile.disable()
    wall = time.perf_counter() - started
    stats = pstats.Stats(profile)
    hooks: dict[str, float] = {}
    for (filename, _, name), (_, _, _, cumulative, _) in stats.stats.items():
        if "/hooks/" in filename and name.startswith("on_") and "speechlib" not in filename:
            hooks[f"{Path(filename).name}:{name}"] = (
                hooks.get(f"{Path(filename).name}:{name}", 0) + cumulative
            )
    return wall, hooks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,5,20")
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    print("scale  speeches  build_s  hooks_s  share  (per event, s)")
    for scale in [int(s) for s in args.scales.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            config = make_copy(Path(tmp) / "p", scale)
            n = len(list((Path(tmp) / "p" / "docs").glob("*/exemplars/*.md")))
            wall, hooks = build_profiled(config, Path(tmp) / "site")
            total = sum(hooks.values())
            detail = ", ".join(
                f"{k}={v:.2f}" for k, v in sorted(hooks.items(), key=lambda kv: -kv[1]) if v >= 0.01
            )
            print(f"{scale:>5}  {n:>8}  {wall:>7.2f}  {total:>7.2f}  {total / wall:>5.0%}  ({detail})")

    with tempfile.TemporaryDirectory() as tmp:
        config = make_copy(Path(tmp) / "p", 1)
        build_profiled(config, Path(tmp) / "site")
        registry = sys.modules["speechlib.registry"]  # survives config reloads, as under serve
        before = registry.phrase_cache.misses
        page = sorted((Path(tmp) / "p" / "docs").glob("*/exemplars/*.md"))[0]
        page.write_text(
            page.read_text(encoding="utf-8") + "\n编者补记一段，用于测量增量重建。\n", encoding="utf-8"
        )
        wall, _ = build_profiled(config, Path(tmp) / "site")
        speeches = len(list((Path(tmp) / "p" / "docs").glob("*/*/*.md")))
        redone = registry.phrase_cache.misses - before
        print(
            f"rebuild after editing one page: phrase matching redone for {redone} of {speeches} speech "
            f"pages ({wall:.2f}s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
