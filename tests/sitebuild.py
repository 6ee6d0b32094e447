"""Build small throw-away sites in tmp_path with the project's real hooks and data files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import ROOT, mkdocs_build
from speechlib.page.paragraphs import read_page, tokenize

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


def exemplar(
    title: str = "在全县工作会议上的讲话", mt: str = "年度工作会议", body: str = "同志们：\n\n现在开会。\n"
) -> str:
    return FRONT.format(title=title, mt=mt) + body


def real_theme_features() -> str:
    """The theme features of the real mkdocs.yml, so throw-away sites render like the real one."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = text.split("  features:\n", 1)[1]
    lines = []
    for line in block.splitlines():
        if not line.startswith("    - "):
            break
        lines.append(line.split("#")[0].rstrip() + "\n")
    return "".join(lines)


def real_assets() -> str:
    """The site's ``extra_css`` and ``extra_javascript`` blocks of mkdocs.yml, as written there."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    out = []
    for key in ("extra_css:\n", "extra_javascript:\n"):
        block = text.split(key, 1)[1]
        out.append(key)
        for line in block.splitlines():
            if not line.startswith("  - "):
                break
            out.append(line + "\n")
    return "".join(out)


EMPTY_INDEXES = {
    "phrases.yml": "categories:\n  - {name: 测试, description: 测试。}\nphrases: []\n",
    "terms.yml": "categories:\n  - {name: 测试, description: 测试。}\n"
    "topics:\n  - {name: 测试, description: 测试。}\nterms: []\n",
}


def make_project(tmp: Path, pages: dict[str, str | bytes], data: dict[str, str] | None = None) -> Path:
    """A project in tmp with the real data/ (files in ``data`` replaced) and the site's hook module.

    The phrase glossary and the terms index are empty unless ``data`` gives them: their entries would
    warn (unused) on a handful of test pages.
    """
    data = {**EMPTY_INDEXES, **(data or {})}
    shutil.copytree(ROOT / "data", tmp / "data")
    for name, text in (data or {}).items():
        (tmp / "data" / name).write_text(text, encoding="utf-8")
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
    config = tmp / "mkdocs.yml"
    config.write_text(
        "site_name: test\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "  features:\n"
        + real_theme_features()
        + f"plugins: []\nhooks:\n  - {ROOT / 'hooks' / 'pipeline.py'}\nmarkdown_extensions:\n  - attr_list\n  - md_in_html\n  - tables\n"
        "  - admonition\n  - pymdownx.details\n  - pymdownx.superfences\n  - pymdownx.tabbed:\n      alternate_style: true\n",
        encoding="utf-8",
    )
    return config


def build(config: Path):
    return mkdocs_build(config, config.parent / "site")


# A template page using catalogued slots, for builds that check or render them.
SLOT_TEMPLATE = """\
---
title: 推进会主持词
kind: template
meeting_type: 推进会
genre: 主持词
---

同志们：

经［主办单位］研究决定，今天召开［会议名称］。

请［发言单位1］发言，［发言单位2］作准备。
"""


ARTICLE_RE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
# What the page pipeline adds to a <p>: its anchor and its role, export and layout attributes.
ANCHOR_RE = re.compile(r'<p(?: id="p-[0-9a-f]{8}(?:-\d+)?" class="para")?(?: data-[a-z]+="[^"]*")*>')
# Appended after the text is read (page_html step 5): the 校勘记 and the phrases the page uses.
TAIL_RE = re.compile(r"<section\b.*?</section>", re.S)


def model_of(page: Path):
    """The paragraph model of a built page, read the way the page pipeline reads it (bare <p>)."""
    article = ARTICLE_RE.search(page.read_text(encoding="utf-8")).group(1)
    return read_page(tokenize(ANCHOR_RE.sub("<p>", TAIL_RE.sub("", article))))[0]
