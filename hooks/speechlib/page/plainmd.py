"""Markdown that is only paragraphs and headings, rendered exactly as Python-Markdown renders it.

Most exemplar pages are plain prose: paragraphs of Chinese text and ``##`` headings, with nothing
that Markdown or the site's extensions would read as markup. Python-Markdown spends about 2.6 ms on
each (a new ``Markdown`` instance with every extension, a block parser, two dozen inline patterns
tried on every paragraph, an element tree serialized back), a fifth of a 2,000-speech build.
:func:`render` gives the same result in a few string operations, or ``None`` when the text holds
anything it does not handle; the page is then rendered by Python-Markdown as before.

What it accepts (the **plain dialect**), checked line by line:

- blocks separated by blank lines (empty, or ASCII spaces only);
- a **heading** block is one line: 2 to 6 ``#``, one space, text with no ``#``;
- a **paragraph** block is any number of lines that start with none of ``# > - + * = ~ ` : | ! ? < [ {
  _``, a digit followed by ``.``, nor a space;
- no line has leading or trailing white space (so no hard line breaks, no indented code);
- no character anywhere that an inline pattern could start with: ``\\ ` * _ [ ] ! < > & ^ = ~ { } |``
  (escapes, code, emphasis, links, raw HTML, entities, caret, mark, tilde, attribute lists, tables),
  nor a control character or carriage return.

What it returns is what :meth:`mkdocs.structure.pages.Page.render` would set: the HTML (``<p>`` and
``<hN id>`` elements joined by newlines, each heading with its permalink), the nested TOC tokens
(:func:`markdown.extensions.toc.nest_toc_tokens`), the ids present and the page's links to its own
anchors (the permalinks). Heading ids come from the site's own ``toc`` slugify and
:func:`markdown.extensions.toc.unique`, so duplicates get ``_1``, ``_2`` as they would.

It is used only when the site's Markdown extensions are ones known to leave such text alone
(:data:`HARMLESS_EXTENSIONS`) and the ``toc`` settings are the ones whose output it writes
(:func:`dialect_for`); any other setting renders every page through Python-Markdown. A test renders
every page of the library both ways and compares the results.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from markdown.extensions.toc import TocExtension, nest_toc_tokens, unique

# Extensions that give no meaning to text of the plain dialect (they act on fences, admonitions,
# lists, tables, raw HTML, attribute lists, footnotes, abbreviations' definitions, ^ = ~ marks …).
HARMLESS_EXTENSIONS = frozenset(
    {
        "abbr",
        "admonition",
        "attr_list",
        "def_list",
        "fenced_code",
        "footnotes",
        "md_in_html",
        "tables",
        "toc",
        "pymdownx.caret",
        "pymdownx.details",
        "pymdownx.mark",
        "pymdownx.superfences",
        "pymdownx.tabbed",
        "pymdownx.tilde",
    }
)
# Extensions that take settings which could change plain text (abbr's glossary); none allowed.
_NO_SETTINGS = frozenset({"abbr"})

# A character an inline pattern or a preprocessor could act on, anywhere in the text.
_INLINE_RE = re.compile(r"[\\`*_\[\]!<>&^=~{}|\r\x00-\x09\x0b-\x1f\x7f]")
# A line start that could open a block other than a paragraph (or continue one in another way).
_LINE_START_RE = re.compile(
    r"""(?mx)^(?:
        [\#>\-+*=~`:|!?<\[{_]   # heading, quote, list, rule, setext, fence, def list, table, admonition …
        | \d+\.                 # ordered list
    )"""
)
_HEADING_RE = re.compile(r"(#{2,6}) ([^#\s](?:[^#\n]*[^#\s])?)")
_ATTRIBUTE_ESCAPED_RE = re.compile(r'[&<>"\n]')
_SPACES_RE = re.compile(r"(?m)^ +$")  # a line of spaces: Python-Markdown empties it
_BLANK_RE = re.compile(r"\n\n+")


@dataclass(frozen=True)
class Dialect:
    """The ``toc`` settings the output depends on."""

    slugify: Callable[[str, str], str]
    separator: str
    permalink_class: str
    permalink_title: str


@dataclass
class Rendered:
    """What ``Page.render`` would set from the text."""

    content: str
    toc_tokens: list[dict]
    anchor_ids: set[str]
    self_links: dict[str, str]  # anchor -> link, for the page's own permalinks


def dialect_for(extensions: Iterable, configs: dict) -> Dialect | None:
    """The dialect for a site's ``markdown_extensions`` and ``mdx_configs``; ``None`` if it cannot be used."""
    names = list(extensions)
    if not all(isinstance(n, str) and n in HARMLESS_EXTENSIONS for n in names) or "toc" not in names:
        return None
    if any(configs.get(n) for n in _NO_SETTINGS):
        return None
    toc = TocExtension(**(configs.get("toc") or {})).getConfigs()
    if (
        toc["permalink"] is not True
        or toc["anchorlink"]
        or toc["permalink_leading"]
        or str(toc["baselevel"]) != "1"
        or str(toc["toc_depth"]) != "6"
        or toc["marker"] not in ("[TOC]", "")  # another marker could be plain text
        or _ATTRIBUTE_ESCAPED_RE.search(toc["permalink_class"] + toc["permalink_title"])
    ):
        return None
    return Dialect(toc["slugify"], toc["separator"], toc["permalink_class"], toc["permalink_title"])


def render(markdown: str, dialect: Dialect) -> Rendered | None:
    """``markdown`` rendered as Python-Markdown would, or ``None`` if it is not of the plain dialect."""
    if _INLINE_RE.search(markdown) or not _headings_only(markdown):
        return None
    out: list[str] = []
    tokens: list[dict] = []
    used: set[str] = set()
    counters: dict[str, int] = {}
    links: dict[str, str] = {}
    for block in _BLANK_RE.split(_SPACES_RE.sub("", markdown).strip("\n")):
        if not block:
            continue
        if block[0] == "#":
            match = _HEADING_RE.fullmatch(block)
            if match is None:
                return None
            level, text = len(match.group(1)), match.group(2)
            name = " ".join(text.split())  # as markdown.extensions.toc.strip_tags gives it
            anchor = unique(dialect.slugify(name, dialect.separator), used, counters)
            if _ATTRIBUTE_ESCAPED_RE.search(anchor):  # the serializer would escape it: not worth the care
                return None
            link = "#" + anchor
            links.setdefault(urlsplit(link).fragment, link)
            tokens.append({"level": level, "id": anchor, "name": name, "html": text, "data-toc-label": ""})
            out.append(
                f'<h{level} id="{anchor}">{text}<a class="{dialect.permalink_class}" href="{link}" '
                f'title="{dialect.permalink_title}">&para;</a></h{level}>'
            )
        else:
            for line in block.split("\n"):
                if not line or line != line.strip() or line[0] == "#":
                    return None
            out.append(f"<p>{block}</p>")
    return Rendered("\n".join(out), nest_toc_tokens(tokens), used, links)


def _headings_only(markdown: str) -> bool:
    """Whether every special line start in the text is a ``#`` (a heading, checked by its block)."""
    return all(m.group(0) == "#" for m in _LINE_START_RE.finditer(markdown))
