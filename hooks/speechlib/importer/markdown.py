"""The exemplar page: rendering it, and reading it back (the importer accepts its own output).

A page is YAML front matter, a blank line and the body, one block per paragraph or heading,
blocks separated by one blank line, the file ending in one newline:

    ---
    title: 在全县人口和计划生育工作推进会上的讲话
    kind: exemplar
    meeting_type: 推进会
    ...
    ---

    同志们：

    ## 一、总结成绩，认清形势，坚定工作信心

    正文……<span class="stage">（掌声）</span>

Front-matter keys follow the order of the content model, unknown keys after them in their own
order. Values are plain YAML scalars where that reads back as the same string, JSON-quoted
otherwise; dates stay plain (``date: 2024-05-11``); lists are flow lists (``topics: [a, b]``).

A paragraph of a dialogue script opens with its speaker label in bold, ``**男：**`` (Python-Markdown
renders ``<strong>男：</strong>``); reading a page turns it back into the label.

Body text is escaped so that Python-Markdown (with pymdownx.caret, .tilde and .mark) shows it as
written: ``\\ ` * _ ~ ^`` and ``==`` get a backslash (``**年`` → ``\\*\\*年``), ``<`` becomes
``&lt;`` and an ``&`` that would start an entity ``&amp;``; a paragraph that would start a list,
quote or heading gets a backslash before that mark, and so does every ``#`` in a heading.
Reading a page undoes exactly this, so that importing a page again gives the same page.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from ..text import SourceError, load_yaml
from ..text import split_front_matter as split_yaml
from .errors import InputError
from .paragraphs import Block, Spans
from .textutil import PLACEHOLDER_RE

SPAN_RE = re.compile(r'<span class="(?P<cls>[^"<>]+)">(?P<inner>[^<]*)</span>')
HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)(?:\s+#+)?\s*$")
_DATE_VALUE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
# What a plain YAML scalar may not contain or start with (else the value is quoted).
_YAML_SPECIAL_RE = re.compile(r"""[:#]\s|\s#|^[-?:,\[\]{}#&*!|>'"%@`]""")

# Marks Python-Markdown and the site's extensions (pymdownx.caret, .tilde, .mark) would read.
_ESCAPE_RE = re.compile(r"[\\`*_~^]|=(?==)|(?<==)=")
_ENTITY_RE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_BLOCK_START_RE = re.compile(r"^(?:(?P<mark>[#>+\-=])|(?P<num>\d+)(?P<dot>[.)])(?=\s|$))")
_UNESCAPE_RE = re.compile(r"\\([\\`*_~^#>+\-=.)!\[\]])|&(lt|amp);")


# --- reading -----------------------------------------------------------------------------------


def split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str, int] | None:
    """(front matter, body, line number of the body's first line), or None without front matter.

    The block is found and parsed by the text core (``split_front_matter``, ``load_yaml``: dates
    stay as written); a syntax error names the file line YAML points at.
    """
    source, body, first_line = split_yaml(text)
    if source is None:
        return None
    try:
        data = load_yaml(source, name, first_line=2)[1] or {}
    except SourceError as error:
        raise InputError(name, f"页首信息不是有效的 YAML（{error.__cause__}）；请改正该行",
                         error.line) from None
    if not isinstance(data, dict):
        raise InputError(name, "页首信息应是“字段: 值”的形式（title: …）", 2)
    meta = {str(k): _plain(v) for k, v in data.items()}
    return meta, body, first_line


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, dict)):
        return value
    return str(value)


def unescape(text: str) -> str:
    return _UNESCAPE_RE.sub(lambda m: m[1] if m[1] else {"lt": "<", "amp": "&"}[m[2]], text)


def parse_body(body: str, first_line: int, spans: Spans) -> list[Block]:
    """The blocks of a page body; spans become placeholders, escapes are undone."""
    blocks: list[Block] = []
    chunk: list[str] = []
    start = first_line

    def flush() -> None:
        if not chunk:
            return
        heading = HEADING_RE.match(chunk[0]) if len(chunk) == 1 else None
        if heading:
            blocks.append(Block("heading", unescape(heading["text"]), start,
                                len(heading["hashes"])))
            return
        text = ""
        for piece in chunk:
            piece = piece.strip()
            glue = " " if text and text[-1].isascii() and text[-1].isalnum() and \
                piece[:1].isascii() and piece[:1].isalnum() else ""
            text += glue + piece
        blocks.append(Block("para", _spans_to_placeholders(text, spans), start))

    for number, line in enumerate(body.split("\n"), first_line):
        if line.strip():
            if not chunk:
                start = number
            chunk.append(line)
        else:
            flush()
            chunk = []
    flush()
    return blocks


# The speaker label that opens a paragraph of a dialogue script: **男：**
LABEL_RE = re.compile(r"^\*\*(?P<label>[^*\s<>]{1,6}[：:])\*\*")


def _spans_to_placeholders(text: str, spans: Spans) -> str:
    out, last = [], 0
    label = LABEL_RE.match(text)
    if label:
        out.append(spans.label(label["label"]))
        last = label.end()
    for match in SPAN_RE.finditer(text):
        out.append(unescape(text[last:match.start()]))
        out.append(spans.add(match.group(0), stage=match["cls"] == "stage"))
        last = match.end()
    out.append(unescape(text[last:]))
    return "".join(out)


# --- rendering ---------------------------------------------------------------------------------


def escape(text: str, heading: bool = False, block_start: bool = True) -> str:
    """Escape body text for Python-Markdown (see the module docstring)."""
    text = _ENTITY_RE.sub("&amp;", text).replace("<", "&lt;")
    text = _ESCAPE_RE.sub(lambda m: "\\" + m.group(0), text)
    if heading:
        return text.replace("#", "\\#")
    if not block_start:
        return text
    return _BLOCK_START_RE.sub(
        lambda m: "\\" + m["mark"] if m["mark"] else m["num"] + "\\" + m["dot"], text)


def _render_text(text: str, spans: Spans, heading: bool = False) -> str:
    """Escaped text with each span placeholder replaced by its element."""
    out, last = [], 0
    for match in PLACEHOLDER_RE.finditer(text):
        out.append(escape(text[last:match.start()], heading, block_start=last == 0))
        out.append(spans.html[match.group(0)])
        last = match.end()
    out.append(escape(text[last:], heading, block_start=last == 0))
    return "".join(out)


def _scalar(value: Any, key: str, in_list: bool = False) -> str:
    text = str(value)
    if key == "date" and (_DATE_VALUE_RE.match(text) or text == "不详"):
        return text
    plain = bool(text) and text == text.strip() and not _YAML_SPECIAL_RE.search(text)
    if plain and in_list and re.search(r"[,\[\]{}]", text):
        plain = False
    if plain:
        try:  # read back the way the site reads front matter (dates stay text)
            plain = load_yaml(text, "<value>")[1] == text
        except SourceError:
            plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def render_front_matter(meta: dict[str, Any], order: tuple[str, ...]) -> str:
    keys = [k for k in order if k in meta] + [k for k in meta if k not in order]
    lines = ["---"]
    for key in keys:
        value = meta[key]
        if isinstance(value, list):
            lines.append(f"{key}: [" + ", ".join(_scalar(v, key, True) for v in value) + "]")
        elif isinstance(value, (dict, bool)) or value is None:
            dumped = yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=True)
            lines.append(dumped.strip()[1:-1])
        else:
            lines.append(f"{key}: {_scalar(value, key)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def render_page(meta: dict[str, Any], blocks: list[Block], spans: Spans,
                order: tuple[str, ...]) -> str:
    body = []
    for block in blocks:
        if block.kind == "heading":
            body.append("#" * block.level + " " + _render_text(block.text, spans, heading=True))
        else:
            body.append(_render_text(block.text, spans))
    return render_front_matter(meta, order) + "\n" + "\n\n".join(body) + "\n"
