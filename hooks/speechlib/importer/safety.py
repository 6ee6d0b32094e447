"""What the importer writes reaches a page only as text, and its files are readable like any other.

``plain_title``: a title taken from a web copy may carry its markup (``<b>…</b>``, a ``<script>``
block, an ``<img onerror=…>``). The body is escaped by :mod:`.markdown`; the title goes into the
front matter, so its markup is removed here: script and style blocks with their content, then every
tag, then entities decoded (``&amp;`` → ``&``). The build escapes front-matter values as well
(:func:`speechlib.site.build.escape_meta`); this keeps the stray markup out of the title itself.

``file_mode()``: ``tempfile.mkstemp`` creates files with mode 0600; a page written by the importer
gets the mode any new file gets under the user's umask (0644 under umask 022).
"""

from __future__ import annotations

import html
import os
import re

_BLOCKS_RE = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)", re.I | re.S)
_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>|<!--.*?-->", re.S)


def plain_title(text: str) -> str:
    """``text`` without markup: ``<b>讲话</b><script>x</script>`` → ``讲话``."""
    if "<" not in text and "&" not in text:
        return text
    text = _TAG_RE.sub("", _BLOCKS_RE.sub("", text))
    return html.unescape(text).strip()


def file_mode() -> int:
    """The mode a new file gets under the current umask (read by setting it and setting it back)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask
