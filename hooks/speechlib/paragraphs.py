"""Stable paragraph anchors for speech pages.

Every body paragraph of an exemplar or template gets an ``id`` derived from its own text, so
editing, inserting or deleting *other* paragraphs never changes it:

    id = "p-" + first 8 hex digits of sha1(normalize(plain text of the paragraph))

``normalize`` folds full-width ASCII to half-width (NFKC on those characters only) and drops all
white space, so re-wrapping a paragraph or fixing a half-width comma does not move its anchor.
When two paragraphs of one page have the same text, the second gets ``-2``, the third ``-3``, in
document order: deterministic, and only the duplicates themselves depend on order.

Body paragraphs are the ``<p>`` elements of a rendered page, except those inside an admonition
(``div.admonition`` or ``details``) that is not an ``alternatives`` block: annotations such as
写法说明 and 使用说明 talk *about* the text and are neither anchored nor counted. Paragraphs that
already carry attributes keep them untouched.

Input:  <p>同志们：</p>\n<p>现在开会。</p>
Output: <p id="p-0c1d5a2e" class="para">同志们：</p>\n<p id="p-…" class="para">现在开会。</p>
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass

_TOKEN_RE = re.compile(r"<(/?)(div|details|p)\b([^>]*)>", re.I)
_CLASS_RE = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""")
_TAG_RE = re.compile(r"<[^>]+>")


def plain_text(fragment: str) -> str:
    """The text a reader sees in an HTML fragment: tags removed, entities decoded."""
    return html.unescape(_TAG_RE.sub("", fragment))


def fold_char(ch: str) -> str:
    # The full-width forms block (U+FF01..U+FF5E) and the ideographic space fold to ASCII: ，：；！？（）
    # and full-width letters and digits compare equal to , : ; ! ? ( ) and ASCII. 、。“”《》 lie outside
    # that block and stay as they are.
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if ch == "\u3000":
        return " "
    return ch


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalized text and, for each of its characters, its index in ``text``."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = fold_char(ch)
        if folded.isspace():
            continue
        chars.append(folded)
        index.append(i)
    return "".join(chars), index


def normalize(text: str) -> str:
    """Fold full/half-width ASCII variants and drop white space; used for anchors and matching."""
    return normalize_with_map(text)[0]


def paragraph_id(text: str) -> str:
    """The anchor of a paragraph with this plain text (before collision suffixes)."""
    digest = hashlib.sha1(normalize(text).encode("utf-8")).hexdigest()
    return "p-" + digest[:8]


# --- paragraphs ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Paragraph:
    anchor: str
    text: str


def _excluded(tag: str, attrs: str) -> bool:
    classes = set((_CLASS_RE.search(attrs) or [None, ""])[1].split())
    if tag == "details":
        return "alternatives" not in classes
    return "admonition" in classes and "alternatives" not in classes


def anchor_paragraphs(content: str) -> tuple[str, list[Paragraph]]:
    """Give every body ``<p>`` a stable id and class ``para``; return the HTML and the paragraphs.

    Ids follow :func:`speechlib.paragraphs.paragraph_id`; a repeated text gets ``-2``, ``-3`` … in
    document order. Paragraphs that already have attributes keep them untouched.
    """
    out: list[str] = []
    paragraphs: list[Paragraph] = []
    seen: dict[str, int] = {}
    stack: list[bool] = []  # for each open div/details: is it an excluded block?
    pos = 0
    for match in _TOKEN_RE.finditer(content):
        closing, tag, attrs = match.group(1), match.group(2).lower(), match.group(3)
        if tag in ("div", "details"):
            if closing:
                if stack:
                    stack.pop()
            else:
                stack.append(_excluded(tag, attrs))
            continue
        if closing or attrs.strip() or any(stack):
            continue
        end = content.find("</p>", match.end())
        if end < 0:
            break
        body = content[match.end():end]
        text = plain_text(body)
        if not text.strip():
            continue
        base = paragraph_id(text)
        seen[base] = seen.get(base, 0) + 1
        anchor = base if seen[base] == 1 else f"{base}-{seen[base]}"
        paragraphs.append(Paragraph(anchor, text))
        out.append(content[pos:match.start()])
        out.append(f'<p id="{anchor}" class="para">')
        pos = match.end()
    out.append(content[pos:])
    return "".join(out), paragraphs
