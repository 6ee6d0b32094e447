"""Readable ASCII file names for imported pages.

A slug is made of what the front matter says, joined by hyphens: the year of the date (if known),
the level in pinyin (via pypinyin: 县 → xian, 乡镇 → xiangzhen), the meeting-type slug and the
genre slug of the content model:

    2024-xian-peixunhui-zhuchici        2011-shi-nianduhuiyi-jianghua        qu-nianduhuiyi-zhuchici

With fewer than two of these known, the pinyin of the title's first Han characters is used
(``zai-jihua-shengyu-gongzuo-huiyi``). Only ``a-z``, digits and hyphens remain. A slug already
taken (a file in the output directory, in the ``docs`` tree above it, or an earlier page of the
same import) gets ``-2``, ``-3`` … .
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..text import han_only
from ..text.pinyin import pinyin_slug
from .model import ContentModel


def pinyin(text: str) -> str:
    return pinyin_slug(text)  # the site's own slug rule (hooks/speechlib/pinyin.py)


def base_slug(meta: dict[str, Any], model: ContentModel) -> str:
    parts = []
    date = str(meta.get("date") or "")
    if re.match(r"^\d{4}", date):
        parts.append(date[:4])
    if meta.get("level"):
        parts.append(pinyin(str(meta["level"])).replace("-", ""))
    for vocabulary in ("meeting_type", "genre"):
        slug = model.slug(vocabulary, str(meta.get(vocabulary) or ""))
        if slug:
            parts.append(slug)
    if len(parts) < 2:
        title = han_only(str(meta.get("title") or ""))[:12]
        parts = [pinyin(title)] if title else parts or ["speech"]
    return re.sub(r"-+", "-", "-".join(parts)).strip("-") or "speech"


def taken_names(directory: Path) -> set[str]:
    """Page names already used in ``directory`` and in the docs tree it belongs to."""
    names = {p.stem for p in directory.glob("*.md")} if directory.is_dir() else set()
    directory = directory.resolve()
    for parent in [directory, *directory.parents]:
        if parent.name == "docs" and parent.is_dir():
            names |= {p.stem for p in parent.rglob("*.md")}
            break
    return names


def unique(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate
