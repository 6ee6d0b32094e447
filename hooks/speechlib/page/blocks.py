"""What each block of a speech page is when the text leaves the site: copied, or written to Word.

One rule, decided at build time from the paragraph model (:mod:`speechlib.page.paragraphs`) and
written on the page as data attributes (:func:`attributes`, called by :mod:`speechlib.page.html`),
so the browser's copy buttons and Word writer (``docs/assets/js/copy.js``, ``docx.js``) read the
decision instead of making it again:

``data-role``    the paragraph's role in the model (body, alternative, annotation, stage, editor_note);
``data-export``  ``1`` on the blocks that "copy the whole text" and the Word file hold: headings of
                 level 2 and deeper (in a template only those with official numbering 一、（一）1.（1）:
                 开场, 议程衔接 … are the editor's section labels) and body paragraphs with copy text;
``data-layout``  how a speech paragraph or heading is laid out (:func:`layout`): ``heading`` (a line of
                 its own in the heading font of its level), ``runin`` (a paragraph that opens with a
                 numbered heading sentence, "一、坚持高位推动，压实工作责任。我们……"), ``salutation``
                 (同志们：, flush left) or ``body``;
``data-level``   the heading level (2 一、 3 （一） 4 1. 5 （1）) of a heading or run-in heading.

A first-level heading is a heading wherever it stands: a numbered paragraph (often written in bold
in the Markdown) that is a single heading sentence, whatever punctuation ends it, is laid out as a
heading, not as body text.

Input:  ``layout("一、统一思想，提高认识")``
Output: ``("heading", 2)``
"""

from __future__ import annotations

import functools
import html
import re

from speechlib.page.paragraphs import TEXT_ROLES, Heading, Paragraph, copy_text_of
from speechlib.text import FULL_STOPS, numbering

# A run-in heading: the numbering marker and the words up to the first full stop (at most 40
# characters), followed by the rest of the paragraph.
RUN_IN_RE = re.compile(rf"^([^{FULL_STOPS}]{{2,40}}?[{FULL_STOPS}])(?=[\s\S])")
# A numbered paragraph that is one heading sentence: no full stop before its last character.
HEADING_MAX = 60
# A salutation: a short line of addressees ending in a colon (同志们：, 尊敬的各位领导、同志们：); a
# short line that introduces a list (具体安排如下：) is body text.
SALUTATION_RE = re.compile(rf"^[^{FULL_STOPS}，,；;：:]{{0,20}}(?:们|领导|来宾|嘉宾|代表|委员|同志)[：:]$")
# The site tells pages of one title apart by place and year (…讲话（内江，2006年）); a document's
# title has no such suffix.
TITLE_SUFFIX_RE = re.compile(r"\s*[（(][^（）()]{0,24}\d{4}年[）)]$")


def layout(text: str) -> tuple[str, int]:
    """How a speech paragraph with this copy text is laid out: (kind, heading level or 0)."""
    found = numbering(text)
    if found is not None:
        if RUN_IN_RE.match(text):
            return "runin", found.level
        if len(text) <= HEADING_MAX and not any(c in FULL_STOPS for c in text[:-1]):
            return "heading", found.level
    if SALUTATION_RE.match(text):
        return "salutation", 0
    return "body", 0


def heading_level(text: str) -> int:
    """Layout level of a heading by its numbering marker; unnumbered headings format as 一、."""
    found = numbering(text)
    return found.level if found else 2


def include_heading(heading: Heading, kind: str) -> bool:
    """Is this heading words of the speech (copied and exported) or an editor's section label?"""
    if heading.level < 2:
        return False  # the page title, laid out from the front matter
    return kind != "template" or numbering(heading.text.strip()) is not None


def attributes(block: Heading | Paragraph, kind: str) -> dict[str, str]:
    """The data attributes of a heading or paragraph of a page of ``kind`` (exemplar, template)."""
    if isinstance(block, Heading):
        if not include_heading(block, kind):
            return {}
        return {"data-export": "1", "data-layout": "heading", "data-level": str(heading_level(block.text))}
    attrs = {"data-role": block.role}
    if block.role in TEXT_ROLES and block.copy_text:
        if block.role == "body":
            attrs["data-export"] = "1"
        kind_, level = layout(block.copy_text)
        attrs["data-layout"] = kind_
        if level:
            attrs["data-level"] = str(level)
    return attrs


def attributes_html(attrs: dict[str, str]) -> str:
    return _attributes_html(tuple(attrs.items()))


@functools.lru_cache(maxsize=1024)
def _attributes_html(items: tuple[tuple[str, str], ...]) -> str:
    """The few combinations of roles, layouts and levels, each written once."""
    return "".join(f' {name}="{html.escape(value)}"' for name, value in items)


def export_blocks(text, kind: str) -> list[dict]:
    """The page's exported blocks as the browser reads them from the attributes (for tests and
    benchmarks): ``[{"kind": "heading", "level": 2, "text": …}, {"kind": "body", "text": …}, …]``."""
    out: list[dict] = []
    for block in text.blocks():
        attrs = attributes(block, kind)
        if attrs.get("data-export") != "1":
            continue
        value = copy_text_of(block.text) if isinstance(block, Heading) else block.copy_text
        item = {"kind": attrs["data-layout"], "text": value}
        if "data-level" in attrs:
            item["level"] = int(attrs["data-level"])
        out.append(item)
    return out


def document_title(title: str) -> str:
    """The title a document carries: the page title without the site's place-and-year suffix."""
    return TITLE_SUFFIX_RE.sub("", title).strip() or title


def meta_lines(speaker: str | None, date: str) -> list[str]:
    """The lines under a speech's title: the speaker, then the date in brackets (when known)."""
    out = [speaker.strip()] if speaker and speaker.strip() else []
    parts = date.split("-") if date[:4].isdigit() else []
    if parts:
        units = ("年", "月", "日")
        out.append("（" + "".join(f"{int(p)}{u}" for p, u in zip(parts, units, strict=False)) + "）")
    return out
