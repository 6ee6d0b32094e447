"""The paragraph model: what a page's paragraphs are, their ids, their text, and their role.

Computed once per page, from the page's rendered HTML (the Markdown as the reader sees it), by
:func:`read_page`. The phrase index, the unused-entry warning, the miner, the search index, the
copy buttons and the Word export all take their paragraphs from here.

What is a paragraph
    Every ``<p>`` without attributes of its own, in document order, whose text is not blank.
    ``<p>`` elements with attributes (admonition titles, anything a theme or extension made) are
    not paragraphs of the speech and are left alone.

Roles (``Paragraph.role``)
    ``body``         speech text in the main flow;
    ``alternative``  speech text inside a 备选表述 block (``details.alternatives``);
    ``annotation``   the editor's words about the text: a paragraph inside any other admonition or
                     collapsible block (写法说明, 使用说明), or a paragraph that is only a source link
                     (``a.source-link``, 范文出处：…);
    ``stage``        a paragraph made only of stage directions (``span.stage``, （掌声）);
    ``editor_note``  a paragraph made only of editor's notes (``span.editor-note``, 编者注：…).
    ``TEXT_ROLES`` (body, alternative) are the speech's words: the search index holds exactly these,
    the phrase index counts only these, and copy and export take only these (with the headings).

Text
    ``text``       the plain text as displayed: tags removed, entities decoded, stage directions and
                   notes included (the anchor is computed from it, as it always was);
    ``copy_text``  what a copy button puts on the clipboard: ``text`` without stage directions,
                   editor's notes and zero-width characters, white space between Chinese characters
                   removed, other runs of white space as one space;
    ``match_text`` ``copy_text`` normalized for matching (:func:`speechlib.text.normalize`).
    ``excluded``   the ranges of ``text`` that are not in the copy text (for matching with offsets).

Ids
    ``"p-" + first 8 hex digits of sha1(anchor_key(text))``; a repeated text gets ``-2``, ``-3`` …
    in document order. Editing, inserting or deleting other paragraphs never moves an id.
    Paragraphs inside annotation blocks get no id (``""``): nothing links to them.

Headings
    ``<h1>``–``<h6>`` with their id and text (the ``¶`` permalink removed). Each paragraph carries
    its heading path, outermost first. ``PageText.blocks`` gives headings and paragraphs in document
    order, for section copy and the Word export.

Input:  ``<h2 id="kai-chang">开场</h2><p>同志们：</p><p>现在开会。<span class="stage">（掌声）</span></p>``
Output: two body paragraphs under the heading 开场; the second has ``text`` 现在开会。（掌声） and
``copy_text`` 现在开会。
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from dataclasses import dataclass, field

from speechlib.text import CJK_SPACE_RE, anchor_key, normalize, split_front_matter

ROLES = ("body", "alternative", "annotation", "stage", "editor_note")
TEXT_ROLES = frozenset({"body", "alternative"})

# Comments, CDATA and declarations; tags (quoted attribute values may hold ">"); text runs.
_TOKEN_RE = re.compile(
    r"""(?x)
    <!--.*?--> | <!\[CDATA\[.*?\]\]> | <[!?][^>]*>
  | <(/?)([A-Za-z][^\s/>]*)((?:"[^"]*"|'[^']*'|[^'">])*)>
  | [^<]+ | <
""",
    re.S,
)
_CLASS_RE = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""")
_ID_RE = re.compile(r"""\bid\s*=\s*["']([^"']*)["']""")
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Text inside these elements is shown literally (or not at all): it is never speech text.
RAW_ELEMENTS = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "title"})
_DROPPED_SPANS = {"stage": "stage", "editor-note": "editor_note"}


# --- tokens ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Token:
    raw: str
    tag: str = ""  # lower-case element name for tags, "" for text and comments
    closing: bool = False
    attrs: str = ""
    is_text: bool = False  # a text run (not a tag, comment or declaration)

    @property
    def classes(self) -> set[str]:
        match = _CLASS_RE.search(self.attrs)
        return set(match.group(1).split()) if match else set()

    @property
    def id(self) -> str | None:
        match = _ID_RE.search(self.attrs)
        return match.group(1) if match else None


def tokenize(content: str) -> list[Token]:
    """HTML as a flat list of tags, comments and text runs; joining ``raw`` gives ``content`` back."""
    tokens = []
    append = tokens.append
    for m in _TOKEN_RE.finditer(content):
        raw, closing, name, attrs = m.group(0, 1, 2, 3)
        if name:
            append(Token(raw, name.lower(), bool(closing), attrs, False))
        else:
            append(Token(raw, "", False, "", not raw.startswith("<")))
    return tokens


def plain_text(fragment: str) -> str:
    """The text a reader sees in an HTML fragment: tags removed, entities decoded."""
    return "".join(html.unescape(t.raw) for t in tokenize(fragment) if t.is_text)


def paragraph_id(text: str) -> str:
    """The anchor of a paragraph with this plain text (before collision suffixes)."""
    return "p-" + hashlib.sha1(anchor_key(text).encode("utf-8")).hexdigest()[:8]


# --- the model -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class Paragraph:
    id: str
    role: str
    text: str
    copy_text: str
    headings: tuple[Heading, ...] = ()
    excluded: tuple[tuple[int, int], ...] = ()

    @property
    def match_text(self) -> str:
        return normalize(self.copy_text)

    def visible(self) -> tuple[str, list[int]]:
        """``text`` without the excluded ranges, and each kept character's offset in ``text``."""
        if not self.excluded:
            return self.text, list(range(len(self.text)))
        keep = [True] * len(self.text)
        for start, end in self.excluded:
            keep[start:end] = [False] * (end - start)
        index = [i for i, k in enumerate(keep) if k]
        return "".join(self.text[i] for i in index), index


@dataclass
class PageText:
    paragraphs: list[Paragraph] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    order: list[Heading | Paragraph] = field(default_factory=list)

    def body(self) -> list[Paragraph]:
        """The speech's own paragraphs (``TEXT_ROLES``), in document order."""
        return [p for p in self.paragraphs if p.role in TEXT_ROLES]

    def blocks(self) -> list[Heading | Paragraph]:
        """Headings and speech paragraphs in document order (for section copy and Word export)."""
        return [b for b in self.order if isinstance(b, Heading) or b.role in TEXT_ROLES]


# What copy_text_of changes: a paragraph with neither (most) is its own copy text.
_COPY_CHANGES_RE = re.compile("[\\s\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def copy_text_of(text: str) -> str:
    if not _COPY_CHANGES_RE.search(text):
        return text
    text = _ZERO_WIDTH_RE.sub("", text)
    return re.sub(r"\s+", " ", CJK_SPACE_RE.sub("", text)).strip()


@dataclass
class _Open:
    """A paragraph being read."""

    start: int  # index of its <p> token
    role: str
    parts: list[str] = field(default_factory=list)
    excluded: list[tuple[int, int]] = field(default_factory=list)
    dropped: set[str] = field(default_factory=set)
    linked_only: bool = True  # no speech text outside a source link
    link_text: bool = False  # some text inside a source link
    length: int = 0


@dataclass
class ParagraphSpan:
    """Where a paragraph sits in the token list: its ``<p>`` token and its closing ``</p>``."""

    paragraph: Paragraph
    open_token: int
    close_token: int


def read_page(tokens: list[Token]) -> tuple[PageText, list[ParagraphSpan]]:
    """The paragraph model of a page, and each paragraph's place in ``tokens``."""
    page = PageText()
    spans: list[ParagraphSpan] = []
    blocks: list[str] = []  # for each open div/details: "alternatives", "annotation" or ""
    heading_stack: list[Heading] = []
    seen: dict[str, int] = {}
    current: _Open | None = None
    heading_open: tuple[int, str, list[str]] | None = None  # level, id, text parts
    span_stack: list[str] = []  # inside the paragraph: class kind of each open span ("" for others)
    link_stack: list[bool] = []  # inside the paragraph: is each open <a> a source link
    headerlink_depth = 0
    raw_depth = 0

    for i, tok in enumerate(tokens):
        if tok.is_text:
            if raw_depth:
                continue
            text = html.unescape(tok.raw)
            if heading_open is not None and not headerlink_depth:
                heading_open[2].append(text)
            if current is not None:
                start = current.length
                current.parts.append(text)
                current.length += len(text)
                kinds = [k for k in span_stack if k]
                if kinds:
                    current.excluded.append((start, current.length))
                    current.dropped.update(kinds)
                if text.strip() and not kinds:
                    if any(link_stack):
                        current.link_text = True
                    else:
                        current.linked_only = False
            continue
        if not tok.tag:
            continue
        name = tok.tag
        if name in RAW_ELEMENTS and not tok.attrs.rstrip().endswith("/"):
            raw_depth = max(0, raw_depth - 1) if tok.closing else raw_depth + 1
            continue
        if name in ("div", "details"):
            if tok.closing:
                if blocks:
                    blocks.pop()
            else:
                classes = tok.classes
                if "alternatives" in classes:
                    blocks.append("alternatives")
                elif name == "details" or "admonition" in classes:
                    blocks.append("annotation")
                else:
                    blocks.append("")
            continue
        if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            if tok.closing and heading_open is not None:
                level, hid, parts = heading_open
                heading = Heading(level, hid, "".join(parts).strip())
                heading_stack = [h for h in heading_stack if h.level < level] + [heading]
                page.headings.append(heading)
                page.order.append(heading)
                heading_open = None
            elif not tok.closing:
                heading_open = (int(name[1]), tok.id or "", [])
            continue
        if name == "a" and heading_open is not None:
            if tok.closing:
                headerlink_depth = max(0, headerlink_depth - 1)
            elif "headerlink" in tok.classes or headerlink_depth:
                headerlink_depth += 1
            continue
        if name == "p":
            if not tok.closing:
                if tok.attrs.strip():
                    continue
                context = next((b for b in reversed(blocks) if b), "")
                role = (
                    "alternative"
                    if context == "alternatives"
                    else "annotation"
                    if any(b == "annotation" for b in blocks)
                    else "body"
                )
                current = _Open(i, role)
                span_stack, link_stack = [], []
            elif current is not None:
                finished = _finish(current, heading_stack, seen)
                if finished is not None:
                    page.paragraphs.append(finished)
                    page.order.append(finished)
                    spans.append(ParagraphSpan(finished, current.start, i))
                current = None
            continue
        if current is None:
            continue
        if name == "span":
            if tok.closing:
                if span_stack:
                    span_stack.pop()
            else:
                classes = tok.classes
                span_stack.append(next((k for c, k in _DROPPED_SPANS.items() if c in classes), ""))
        elif name == "a":
            if tok.closing:
                if link_stack:
                    link_stack.pop()
            else:
                link_stack.append("source-link" in tok.classes)
    return page, spans


def _finish(p: _Open, headings: list[Heading], seen: dict[str, int]) -> Paragraph | None:
    text = "".join(p.parts)
    if not text.strip():
        return None
    copy = copy_text_of(_without(text, p.excluded))
    role = p.role
    if role != "annotation":
        if p.linked_only and p.link_text:
            role = "annotation"
        elif not copy:
            role = "editor_note" if "editor_note" in p.dropped else "stage"
    anchor = ""
    if p.role != "annotation":
        base = paragraph_id(text)
        seen[base] = seen.get(base, 0) + 1
        anchor = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return Paragraph(anchor, role, text, copy, tuple(headings), tuple(p.excluded))


def _without(text: str, ranges: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for start, end in ranges:
        out.append(text[pos:start])
        pos = end
    out.append(text[pos:])
    return "".join(out)


class MarkdownReader:
    """The paragraph model of Markdown sources, rendered with the site's own Markdown settings.

    For tools that read pages outside a build (the miner, tests): the extensions and their options
    come from ``mkdocs.yml``, so a page's paragraphs here are the ones the build sees.
    """

    def __init__(self, config_file: str | os.PathLike) -> None:
        import markdown
        from mkdocs.config import load_config

        config = load_config(str(config_file))
        self._md = markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs
        )

    def read(self, source: str) -> PageText:
        _, body, _ = split_front_matter(source)
        return read_page(tokenize(self._md.reset().convert(body)))[0]

    def texts(self, source: str, headings: bool = True) -> list[str]:
        """The copy text of a page's speech paragraphs (and headings), in document order."""
        return [
            b.text if isinstance(b, Heading) else b.copy_text
            for b in self.read(source).blocks()
            if headings or isinstance(b, Paragraph)
        ]
