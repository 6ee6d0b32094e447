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


# A speech paragraph runs to a few hundred characters (the library's longest has about 1,300). One
# far longer is text whose paragraph breaks were lost (a PDF or web copy): it makes a page, its search
# index and its phrase lines heavy, and its reader scroll. Flagged, not cut: where to break is a
# reader's decision.
LONG_PARAGRAPH = 3000


def flag_long_paragraphs(blocks, report) -> None:
    """A warning for each paragraph over :data:`LONG_PARAGRAPH` characters, naming its line."""
    for block in blocks:
        if block.kind == "para" and len(block.text) > LONG_PARAGRAPH:
            report.warn(
                f"这一段有 {len(block.text)} 字，远长于讲话稿的段落（通常不过数百字），"
                "多半是原文的分段丢失了；请对照原文在句号处分段（段间空一行）后再收入",
                block.line,
            )


def control_warnings(text: str) -> list[tuple[int | None, str]]:
    """A warning naming the lines whose vertical tabs were removed (a Word line break pasted as
    U+000B; in a page it would end up in the Word file, which Word then cannot open)."""
    lines = [n for n, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1) if "\v" in line]
    if not lines:
        return []
    shown = "、".join(map(str, lines[:10])) + (" …" if len(lines) > 10 else "")
    message = f"已删去 {len(lines)} 行中的控制字符 U+000B（第 {shown} 行），它会使下载的 Word 文件无法打开"
    return [(lines[0], message)]
