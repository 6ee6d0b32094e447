"""Readable ASCII slugs from Chinese text: pinyin syllables joined by hyphens.

    >>> pinyin_slug("高度重视")
    'gao-du-zhong-shi'
    >>> pinyin_slug("A<B&C 2011年")
    'a-b-c-2011-nian'

Used for phrase page URLs (speechlib.phrases.index) and for imported speech file names
(speechlib/importer/slugs.py), so both read the same way.
"""

from __future__ import annotations

import re

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def pinyin_slug(text: str) -> str:
    """Pinyin of the Han characters and lowercase ASCII of the rest, hyphen-joined; '' if nothing."""
    from pypinyin import lazy_pinyin  # imported here: loading its dictionary takes a quarter second

    parts = []
    for chunk in lazy_pinyin(text, errors=lambda s: [_NON_ALNUM.sub("-", s.lower())]):
        chunk = _NON_ALNUM.sub("-", chunk.lower()).strip("-")
        if chunk:
            parts.append(chunk)
    return "-".join(parts)
