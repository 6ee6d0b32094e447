"""Stable paragraph anchors for speech pages.

Every body paragraph (``<p>`` element) of an exemplar or template gets an ``id`` derived from its
own text, so editing, inserting or deleting *other* paragraphs never changes it:

    id = "p-" + first 8 hex digits of sha1(normalize(plain text of the paragraph))

``normalize`` folds full-width ASCII to half-width (NFKC on those characters only) and drops all
white space, so re-wrapping a paragraph or fixing a half-width comma does not move its anchor.
When two paragraphs of one page have the same text, the second gets ``-2``, the third ``-3``, in
document order: deterministic, and only the duplicates themselves depend on order.

Input:  <p>同志们：</p>\n<p>现在开会。</p>
Output: <p id="p-0c1d5a2e" class="para">同志们：</p>\n<p id="p-…" class="para">现在开会。</p>
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass

# A paragraph element with no attributes of its own. Paragraphs that already carry attributes
# (set by attr_list or by an extension) are left alone: their author chose their id or role.
_P_RE = re.compile(r"<p>(?P<body>.*?)</p>", re.S)
_TAG_RE = re.compile(r"<[^>]+>")
_WS_RE = re.compile(r"\s+")


def plain_text(fragment: str) -> str:
    """The text a reader sees in an HTML fragment: tags removed, entities decoded."""
    return html.unescape(_TAG_RE.sub("", fragment))


def _fold_char(ch: str) -> str:
    # Full-width ASCII variants (U+FF01..U+FF5E) and the ideographic space fold to ASCII; Chinese
    # punctuation such as ，。：“” is not ASCII and stays as it is.
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if ch == "\u3000":
        return " "
    return ch


def normalize(text: str) -> str:
    """Fold full/half-width ASCII variants and drop white space; used for anchors and matching."""
    text = unicodedata.normalize("NFC", text)
    return _WS_RE.sub("", "".join(_fold_char(c) for c in text))


def paragraph_id(text: str) -> str:
    """The anchor of a paragraph with this plain text (before collision suffixes)."""
    digest = hashlib.sha1(normalize(text).encode("utf-8")).hexdigest()
    return "p-" + digest[:8]


@dataclass(frozen=True)
class Paragraph:
    anchor: str
    text: str  # plain text, as the reader sees it


def add_anchors(content: str) -> tuple[str, list[Paragraph]]:
    """Give every attribute-less ``<p>`` of ``content`` a stable id; return new HTML and paragraphs."""
    seen: dict[str, int] = {}
    paragraphs: list[Paragraph] = []

    def replace(match: re.Match[str]) -> str:
        body = match.group("body")
        text = plain_text(body)
        if not text.strip():
            return match.group(0)
        base = paragraph_id(text)
        seen[base] = seen.get(base, 0) + 1
        anchor = base if seen[base] == 1 else f"{base}-{seen[base]}"
        paragraphs.append(Paragraph(anchor, text))
        return f'<p id="{anchor}" class="para">{body}</p>'

    return _P_RE.sub(replace, content), paragraphs
