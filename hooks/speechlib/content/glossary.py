"""The phrase glossary: set phrases (固定表述) the phrase index looks for, read from data/phrases.yml.

Format::

    categories:                      # ordered; the index page lists categories in this order
      - {name: 组织保障, description: 领导责任、考核问责、队伍与投入保障的说法。}
    phrases:
      - text: 亲自抓、负总责          # the form shown in the index (canonical form)
        variants: [亲自抓，负总责]     # optional: other spellings that count as the same phrase
        category: 组织保障
        note: 用于强调党政主要领导的第一责任，常与“一把手”连用。

Every phrase is a literal string: slot patterns such as 以…为抓手 are not supported. Characters such
as ``< & * _ [ ] ``` are ordinary text here (whoever renders a phrase escapes it).

Comparisons use :func:`speechlib.page.paragraphs.normalize` (full-width ASCII folded to half-width, white
space dropped), the same normalization the phrase matcher applies to paragraph text, so 亲自抓、负总责
and 亲自抓、 负总责 are one phrase.

Errors (:class:`GlossaryError`, raised by :func:`load_glossary`; the message starts with
``<file>:<line>:``, the line of the offending entry or field):

- the file is missing, is not valid YAML, or is not a mapping with ``categories`` and ``phrases``;
- a category without a name or description, or a category named twice;
- an entry that is not a mapping, or has a key other than text, variants, category, note;
- an empty text, variant or note, or a missing note or category; a value that is not a string;
- a text or variant containing an ellipsis (… or ...): only literal strings can be matched;
- a category that is not among ``categories``;
- a duplicate: an entry whose text or variant, once normalized, equals an earlier entry's text or
  variant (including a variant that is another entry's canonical form, whichever comes first), or a
  variant that repeats its own entry's text or another of its variants.

Warnings (the hook reports them; this module only computes them): :func:`unused_entries` lists
entries none of whose forms occurs in any exemplar or template paragraph; the hook logs
``data/phrases.yml:<line>: 「…」 does not occur in any exemplar or template; remove it or check its
wording`` for each.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from speechlib.text import SourceError, display_path, load_yaml, normalize

ENTRY_KEYS = ("text", "variants", "category", "note")
# data/terms.yml: the same entries, under `terms`, with a topic, a definition and a period.
TERM_KEYS = (*ENTRY_KEYS, "topic", "definition", "period")
_ELLIPSES = ("…", "...")


class GlossaryError(SourceError):
    """A problem in the glossary file; the message names the file and line."""


@dataclass(frozen=True)
class Category:
    name: str
    description: str


@dataclass(frozen=True)
class Entry:
    text: str
    variants: tuple[str, ...]
    category: str
    note: str
    line: int  # 1-based line of the entry in the glossary file
    topic: str = ""  # terms only: the topic, its one-line definition, the period it belongs to
    definition: str = ""
    period: str = ""

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical text followed by the variants, as written."""
        return (self.text, *self.variants)


@dataclass(frozen=True)
class Glossary:
    categories: list[Category]
    entries: list[Entry]
    topics: list[Category] = field(default_factory=list)  # terms only

    def in_category(self, name: str) -> list[Entry]:
        """The entries of one category, in file order."""
        return [entry for entry in self.entries if entry.category == name]

    def form_index(self) -> dict[str, Entry]:
        """Every normalized form (texts and variants) mapped to its entry; forms are unique."""
        return {normalize(form): entry for entry in self.entries for form in entry.forms}


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping_items(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {key.value: (key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def load_glossary(path: Path | str, root: Path | str, kind: str = "phrases") -> Glossary:
    """Read and validate the glossary at ``path``; messages name it relative to ``root``.

    ``kind`` "terms" reads ``data/terms.yml``: the entries under ``terms``, a ``topics`` list, and
    per entry a ``topic`` (one of the topics), a one-line ``definition`` and a ``period``.
    """
    path = Path(path)
    rel = display_path(path, root)

    def fail(line: int, message: str) -> GlossaryError:
        return GlossaryError(f"{rel}:{line}: {message}")

    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise fail(
            1, "the glossary file does not exist; create it with `categories:` and `phrases:`"
        ) from None

    try:
        root_node, data = load_yaml(source, rel)
    except SourceError as exc:
        raise fail(exc.line, exc.message) from None

    if not isinstance(root_node, yaml.MappingNode) or not isinstance(data, dict):
        raise fail(1, f"the glossary must be a mapping with the keys `categories` and `{kind}`")
    top = _mapping_items(root_node)
    for key in ("categories", kind, *(("topics",) if kind == "terms" else ())):
        if key not in top:
            raise fail(1, f"the key `{key}` is missing")
        if not isinstance(top[key][1], yaml.SequenceNode):
            raise fail(_line(top[key][1]), f"`{key}` must be a list")

    categories = _read_categories(top["categories"][1], fail)
    keys = TERM_KEYS if kind == "terms" else ENTRY_KEYS
    entries = _read_entries(top[kind][1], {c.name for c in categories}, fail, keys)
    if kind != "terms":
        return Glossary(categories=categories, entries=entries)
    topics = _read_categories(top["topics"][1], fail)
    return Glossary(
        categories, _term_fields(top["terms"][1], entries, {t.name for t in topics}, fail), topics
    )


def _term_fields(seq: yaml.SequenceNode, entries: list[Entry], topics: set[str], fail) -> list[Entry]:
    """The entries with their topic, definition and period (all three required)."""
    from speechlib.content.dating import DatingError, parse_span

    out = []
    for item, entry in zip(seq.value, entries, strict=True):
        fields = _mapping_items(item)
        values = {}
        for key in ("topic", "definition", "period"):
            if key not in fields:
                raise fail(entry.line, f"「{entry.text}」 has no `{key}`")
            values[key] = _string(fields[key][1], f"the {key} of 「{entry.text}」", fail)
        if values["topic"] not in topics:
            raise fail(_line(fields["topic"][1]), f"unknown topic {values['topic']}; add it under `topics`")
        try:
            parse_span(values["period"])
        except DatingError as exc:
            raise fail(_line(fields["period"][1]), str(exc)) from None
        out.append(replace(entry, **values))
    return out


def _string(node: yaml.Node, what: str, fail) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
        raise fail(_line(node), f"{what} must be a string; quote it if it looks like a number or date")
    value = node.value.strip()
    if not value:
        raise fail(_line(node), f"{what} is empty")
    return value


def _read_categories(seq: yaml.SequenceNode, fail) -> list[Category]:
    categories: list[Category] = []
    seen: dict[str, int] = {}
    for item in seq.value:
        if not isinstance(item, yaml.MappingNode):
            raise fail(_line(item), "a category must be a mapping {name: …, description: …}")
        fields = _mapping_items(item)
        if "name" not in fields:
            raise fail(_line(item), "a category without `name`")
        if "description" not in fields:
            raise fail(_line(item), "a category without `description`; say in one line what it holds")
        name = _string(fields["name"][1], "the category name", fail)
        if name in seen:
            raise fail(_line(item), f"the category {name} is already defined at line {seen[name]}")
        seen[name] = _line(item)
        categories.append(Category(name, _string(fields["description"][1], "the description", fail)))
    if not categories:
        raise fail(_line(seq), "`categories` is empty")
    return categories


def _check_literal(node: yaml.Node, value: str, fail) -> None:
    if any(mark in value for mark in _ELLIPSES):
        raise fail(
            _line(node),
            f"「{value}」 contains an ellipsis; phrases are literal strings, so enter the fixed "
            "part only (for example 为抓手 instead of 以…为抓手)",
        )


def _read_entries(
    seq: yaml.SequenceNode, category_names: set[str], fail, keys: tuple[str, ...] = ENTRY_KEYS
) -> list[Entry]:
    entries: list[Entry] = []
    # normalized form -> (line of the entry that owns it, that entry's canonical text, is canonical)
    owners: dict[str, tuple[int, str, bool]] = {}
    for item in seq.value:
        line = _line(item)
        if not isinstance(item, yaml.MappingNode):
            raise fail(line, "a phrase entry must be a mapping {text: …, category: …, note: …}")
        fields = _mapping_items(item)
        unknown = sorted(set(fields) - set(keys))
        if unknown:
            raise fail(line, f"unknown key `{unknown[0]}`; an entry has only {', '.join(keys)}")

        if "text" not in fields:
            raise fail(line, "an entry without `text`")
        text_node = fields["text"][1]
        text = _string(text_node, "the text", fail)
        _check_literal(text_node, text, fail)

        variant_nodes: list[yaml.Node] = []
        if "variants" in fields:
            node = fields["variants"][1]
            if isinstance(node, yaml.SequenceNode):
                variant_nodes = list(node.value)
            elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
                variant_nodes = []
            else:
                raise fail(_line(node), "`variants` must be a list, for example [亲自抓，负总责]")
        variants: list[str] = []
        for node in variant_nodes:
            variant = _string(node, "a variant", fail)
            _check_literal(node, variant, fail)
            variants.append(variant)

        if "category" not in fields:
            raise fail(line, f"「{text}」 has no `category`")
        category_node = fields["category"][1]
        category = _string(category_node, "the category", fail)
        if category not in category_names:
            raise fail(
                _line(category_node),
                f"unknown category {category}; use one of {'、'.join(sorted(category_names))} "
                "or add it under `categories`",
            )

        if "note" not in fields:
            raise fail(line, f"「{text}」 has no `note`; add a one-line usage note")
        note = _string(fields["note"][1], f"the note of 「{text}」", fail)

        variant_forms = [(n, v, False) for n, v in zip(variant_nodes, variants, strict=True)]
        forms = [(text_node, text, True), *variant_forms]
        own: dict[str, str] = {}
        for node, form, canonical in forms:
            key = normalize(form)
            if key in own:
                raise fail(_line(node), f"the variant 「{form}」 repeats 「{own[key]}」 of the same entry")
            if key in owners:
                other_line, other_text, other_canonical = owners[key]
                if canonical and other_canonical:
                    message = f"「{form}」 duplicates the entry at line {other_line}"
                elif canonical:
                    message = (
                        f"「{form}」 is already a variant of 「{other_text}」 (line {other_line}); "
                        "keep one entry"
                    )
                elif other_canonical:
                    message = (
                        f"the variant 「{form}」 is the text of the entry at line {other_line}; "
                        "a variant cannot be another entry's canonical form"
                    )
                else:
                    message = (
                        f"the variant 「{form}」 is also a variant of 「{other_text}」 (line {other_line})"
                    )
                raise fail(_line(node), message)
            own[key] = form
        for _node, form, canonical in forms:
            owners[normalize(form)] = (line, text, canonical)

        entries.append(Entry(text, tuple(variants), category, note, line))
    return entries


def unused_entries(glossary: Glossary, texts: Iterable[str]) -> list[Entry]:
    """Entries none of whose forms occurs, normalized, in any of ``texts`` (paragraph texts)."""
    # A separator no normalized form contains keeps a match from spanning two paragraphs.
    haystack = "\x00".join(normalize(text) for text in texts)
    return [
        entry for entry in glossary.entries if not any(normalize(form) in haystack for form in entry.forms)
    ]
