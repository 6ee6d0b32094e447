"""The one owner of a speech page's HTML: every rewrite, in a fixed order, on one token list.

A speech page (exemplar or template) leaves the Markdown renderer as HTML and is rewritten here,
once, by :func:`render`, which ``hooks/pages.py`` calls in ``on_page_content``. The steps run in
this order and each works on the tokens (:func:`speechlib.page.paragraphs.tokenize`) and the paragraph
model (:func:`speechlib.page.paragraphs.read_page`) computed once at the start, never on another step's
output string:

1. **header and intro**: the ``<dl class="speech-meta">`` made by the caller goes first, then the
   intro, made from the paragraph model (the tools bar, a template's slot panel, the 背景说明);
   neither is part of the paragraph model;
2. **paragraph anchors**: each paragraph with an id gets ``<p id="p-…" class="para">``; on speech
   pages every paragraph and heading also gets its role, export and layout attributes
   (``data-role``, ``data-export``, ``data-layout``, ``data-level``: :mod:`speechlib.page.blocks`);
3. **phrase marks**: in the speech paragraphs (``TEXT_ROLES``), every glossary phrase found in the
   text outside stage directions and editor's notes is linked, leftmost-longest, never overlapping,
   only where the match lies inside one text node outside any link;
4. **inline marks**: in any text outside raw elements (code, script …), placeholders for text the
   source hid (×× and ×××) become ``<span class="placeholder" title="原文隐去">``
   (:func:`placeholder_pieces`), and every catalogued ［名称］ becomes
   ``<span class="slot" data-slot="名称">`` (``speechlib.content.slots.slot_pieces``);
5. **tail**: the 校勘记 and the list of the page's phrases are appended.

A text node that steps 3 and 4 both change is held as a list of pieces (text or markup) that each
step splits further; text pieces are escaped once, when the page is written out, and a node no step
touched keeps its original spelling. The marks and spans add no text, so the page's text, and with
it every anchor, is the same before and after.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from speechlib.page.blocks import attributes, attributes_html
from speechlib.page.paragraphs import (
    RAW_ELEMENTS,
    TEXT_ROLES,
    PageText,
    Paragraph,
    ParagraphSpan,
    read_page,
    tokenize,
)
from speechlib.text import PLACEHOLDER_RE
from speechlib.text.concordance import Matcher, Occurrence, non_overlapping

# A piece of a text node: (is_text, value). Text values are plain (unescaped) text.
Piece = tuple[bool, str]


@dataclass
class Rendered:
    html: str
    text: PageText
    occurrences: dict[str, list[Occurrence]] = field(default_factory=dict)  # paragraph id -> matches

    def used(self) -> Counter[str]:
        return Counter(o.key for occ in self.occurrences.values() for o in occ)


@dataclass
class Steps:
    """What the steps need from the build; any of them may be absent (the step is skipped)."""

    matcher: Matcher | None = None
    phrase_href: Callable[[str], str] = str  # phrase key -> relative URL of its page
    phrase_title: Callable[[str], str] = str  # phrase key -> tooltip
    slot_pieces: Callable[[str], list[Piece] | None] | None = None  # text -> pieces, None if no slot
    placeholders: bool = False  # mark ×× and ××× as hidden text
    intro: Callable[[PageText], str] | None = None  # HTML after the header, from the model
    tail: str = ""  # HTML appended after the text (the 校勘记)
    used_section: Callable[[Counter[str]], str] | None = None  # phrase counts -> HTML
    anchors: bool = True  # False on pages that are not speeches: only their slots are rendered
    kind: str | None = None  # exemplar or template: mark each block's role and layout (page.blocks)


_MAY_MARK_RE = re.compile("［|××")
PLACEHOLDER_SPAN = '<span class="placeholder" title="原文隐去">{}</span>'


def _escape(text: str) -> str:
    """``html.escape(text, quote=False)``, without its three passes when there is nothing to escape."""
    if "&" in text or "<" in text or ">" in text:
        return html.escape(text, quote=False)
    return text


def placeholder_pieces(text: str) -> list[Piece] | None:
    """``text`` split around its placeholders (×× for numbers and years, ××× for names and places)."""
    pieces: list[Piece] = []
    pos = 0
    for match in PLACEHOLDER_RE.finditer(text):
        pieces += [(True, text[pos:match.start()]), (False, PLACEHOLDER_SPAN.format(match.group(0)))]
        pos = match.end()
    if not pieces:
        return None
    pieces.append((True, text[pos:]))
    return [p for p in pieces if p[1]]


def find_occurrences(paragraph: Paragraph, matcher: Matcher) -> list[Occurrence]:
    """Phrase matches in a paragraph's speech text; offsets are in ``paragraph.text``."""
    if not paragraph.excluded:  # most paragraphs: every character is visible, offsets are as found
        return matcher.find(paragraph.text)
    visible, index = paragraph.visible()
    return [Occurrence(o.key, index[o.start], index[o.end - 1] + 1) for o in matcher.find(visible)]


def render(content: str, header: str, steps: Steps) -> Rendered:
    """Run the steps on one page's HTML; return the new HTML, the paragraph model and the matches."""
    tokens = tokenize(content)
    text, spans = read_page(tokens)
    out = [t.raw for t in tokens]
    pieces: dict[int, list[Piece]] = {}
    result = Rendered("", text)

    for span in spans if steps.anchors else ():  # 2. anchors (and roles: speechlib.page.blocks)
        marks = attributes_html(attributes(span.paragraph, steps.kind)) if steps.kind else ""
        if span.paragraph.id:
            out[span.open_token] = f'<p id="{span.paragraph.id}" class="para"{marks}>'
        elif marks:
            out[span.open_token] = f"<p{marks}>"
    if steps.kind and steps.anchors:
        _mark_headings(tokens, out, text, steps.kind)

    if steps.matcher is not None:  # 3. phrase marks
        for span in spans:
            if span.paragraph.role not in TEXT_ROLES or not span.paragraph.id:
                continue
            occurrences = find_occurrences(span.paragraph, steps.matcher)
            if occurrences:
                result.occurrences[span.paragraph.id] = occurrences
                _mark(tokens, span, occurrences, pieces, steps)

    rules = [rule for rule in (placeholder_pieces if steps.placeholders else None, steps.slot_pieces) if rule]
    if rules:  # 4. inline marks
        raw_depth = 0
        for i, tok in enumerate(tokens):
            if tok.tag:
                if tok.tag in RAW_ELEMENTS and not tok.attrs.rstrip().endswith("/"):
                    raw_depth = max(0, raw_depth - 1) if tok.closing else raw_depth + 1
                continue
            if raw_depth or not tok.is_text or not _MAY_MARK_RE.search(tok.raw):
                continue
            current = pieces.get(i) or [(True, html.unescape(tok.raw))]
            changed = False
            for rule in rules:
                split: list[Piece] = []
                for is_text, value in current:
                    new = rule(value) if is_text else None
                    changed |= new is not None
                    split.extend(new if new is not None else [(is_text, value)])
                current = split
            if changed:
                pieces[i] = current

    for i, parts in pieces.items():
        out[i] = "".join(_escape(v) if is_text else v for is_text, v in parts)
    body = "".join(out)
    used = steps.used_section(result.used()) if steps.used_section is not None else ""
    intro = steps.intro(text) if steps.intro is not None else ""
    result.html = header + intro + body + steps.tail + used  # 1. header first, 5. tail last
    return result


def _mark_headings(tokens, out: list[str], text: PageText, kind: str) -> None:
    """Add each heading's export attributes to its opening tag (headings in model order)."""
    headings = iter(text.headings)
    for i, tok in enumerate(tokens):
        if tok.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and not tok.closing:
            heading = next(headings, None)
            if heading is None:
                return
            marks = attributes_html(attributes(heading, kind))
            if marks:
                out[i] = tok.raw[:-1].rstrip("/") + marks + ">"


def _mark(
    tokens,
    span: ParagraphSpan,
    occurrences: Sequence[Occurrence],
    pieces: dict[int, list[Piece]],
    steps: Steps,
) -> None:
    """Split the paragraph's text nodes around each wanted match (step 3)."""
    wanted = non_overlapping(occurrences)
    pos = 0
    in_link = 0
    k = 0
    for i in range(span.open_token + 1, span.close_token):
        tok = tokens[i]
        if tok.tag == "a":
            in_link = max(0, in_link - 1) if tok.closing else in_link + 1
            continue
        if not tok.is_text:
            continue
        text = html.unescape(tok.raw)
        start, end = pos, pos + len(text)
        pos = end
        while k < len(wanted) and wanted[k].end <= start:
            k += 1
        parts: list[Piece] = []
        cursor = start
        j = k
        while j < len(wanted) and wanted[j].start < end:
            occ = wanted[j]
            if not in_link and occ.start >= cursor and occ.end <= end:
                parts.append((True, text[cursor - start : occ.start - start]))
                href = html.escape(steps.phrase_href(occ.key))
                title = html.escape(steps.phrase_title(occ.key))
                parts += [
                    (False, f'<a class="phrase" href="{href}" title="{title}">'),
                    (True, text[occ.start - start : occ.end - start]),
                    (False, "</a>"),
                ]
                cursor = occ.end
            j += 1
        if cursor != start:
            parts.append((True, text[cursor - start :]))
            pieces[i] = [p for p in parts if p[1]]
