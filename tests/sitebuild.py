"""Build small throw-away sites in tmp_path with the project's real hooks and data files."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, mkdocs_build

FRONT = """---
title: {title}
kind: exemplar
meeting_type: {mt}
genre: 讲话
level: 县
speaker: 县长
date: 2024-05-11
source: 测试
---

"""


def exemplar(title: str = "在全县工作会议上的讲话", mt: str = "年度工作会议", body: str = "同志们：\n\n现在开会。\n") -> str:
    return FRONT.format(title=title, mt=mt) + body


def make_project(tmp: Path, pages: dict[str, str | bytes], hooks=("content.py",)) -> Path:
    """A project in tmp with the real data/ and the named hooks; returns the mkdocs.yml path."""
    shutil.copytree(ROOT / "data", tmp / "data")
    docs = tmp / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# 首页\n\n<!-- meeting-types -->\n", encoding="utf-8")
    for rel, content in pages.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    hook_lines = "\n".join(f"  - {ROOT / 'hooks' / h}" for h in hooks)
    config = tmp / "mkdocs.yml"
    config.write_text(
        "site_name: test\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "  features:\n    - navigation.indexes\n    - navigation.prune\n"
        f"plugins: []\nhooks:\n{hook_lines}\nmarkdown_extensions:\n  - attr_list\n  - md_in_html\n  - tables\n",
        encoding="utf-8",
    )
    return config


def build(config: Path):
    return mkdocs_build(config, config.parent / "site")
