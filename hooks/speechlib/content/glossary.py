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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import pydantic

from speechlib.content import datafiles
from speechlib.text import SourceError, display_path, normalize

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
    # A term of today's policy language (现行), cited from its official `source`. The library's
    # exemplars are older, so such a term may occur in none of them: it is exempt from the build's
    # "occurs nowhere" warning (see needs_use) and the index shows it as 本库范文暂未出现.
    current: bool = False
    source: str = ""

    @property
    def needs_use(self) -> bool:
        """True when the build warns if no exemplar or template uses the entry (all but current terms)."""
        return not self.current

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


# --- the file's schema (read by speechlib.content.datafiles) -----------------------------------------

Text = Annotated[str, pydantic.Field(min_length=1)]


def _literal(value: str) -> str:
    if any(mark in value for mark in _ELLIPSES):
        raise datafiles.value_error(
            f"「{value}」含省略号；固定表述只能是字面字符串，请只写固定的部分（例如写“为抓手”，不写“以…为抓手”）"
        )
    return value


class CategoryRecord(datafiles.Record):
    name: Text
    description: Text


class PhraseRecord(datafiles.Record):
    text: Annotated[Text, pydantic.AfterValidator(_literal)]
    variants: list[Annotated[Text, pydantic.AfterValidator(_literal)]] | None = None
    category: Text
    note: Text


class TermRecord(PhraseRecord):
    topic: Text
    definition: Text
    period: Text
    current: Annotated[bool, pydantic.Field(strict=True)] = False
    source: Text | None = None

    @pydantic.field_validator("period")
    @classmethod
    def _period(cls, value: str) -> str:
        from speechlib.content.dating import DatingError, parse_span

        try:
            parse_span(value)
        except DatingError as exc:
            raise datafiles.value_error(str(exc)) from None
        return value


class PhrasesFile(datafiles.Record):
    categories: list[CategoryRecord] = pydantic.Field(min_length=1)
    phrases: list[PhraseRecord]


class TermsFile(datafiles.Record):
    categories: list[CategoryRecord] = pydantic.Field(min_length=1)
    topics: list[CategoryRecord] = pydantic.Field(min_length=1)
    terms: list[TermRecord]


def load_glossary(path: Path | str, root: Path | str, kind: str = "phrases") -> Glossary:
    """Read and validate the glossary at ``path``; messages name it relative to ``root``.

    ``kind`` "terms" reads ``data/terms.yml``: the entries under ``terms``, a ``topics`` list, and
    per entry a ``topic`` (one of the topics), a one-line ``definition`` and a ``period``. The shape is
    checked by the one data-file reader (:mod:`speechlib.content.datafiles`); names, categories and
    forms across entries here. Every fault is reported, each at its line.
    """
    path = Path(path)
    rel = display_path(path, root)
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GlossaryError(
            f"{rel}:1: 找不到词表文件；请从版本库恢复，或新建并写上 `categories:` 和 `{kind}:`"
        ) from None
    try:
        data, node = datafiles.parse(source, rel, TermsFile if kind == "terms" else PhrasesFile)
    except SourceError as exc:
        raise GlossaryError(str(exc)) from None
    faults: list[str] = []

    def line(loc: tuple) -> int:
        return datafiles.line_of(node, loc)

    def fault(loc: tuple, message: str) -> None:
        faults.append(f"{rel}:{line(loc)}: {message}")

    categories = _categories(data.categories, "categories", fault, line)
    topics = _categories(data.topics, "topics", fault, line) if kind == "terms" else []
    names = {c.name for c in categories}
    topic_names = {t.name for t in topics}
    entries: list[Entry] = []
    # normalized form -> (line of the entry that owns it, that entry's canonical text, is canonical)
    owners: dict[str, tuple[int, str, bool]] = {}
    for i, record in enumerate(getattr(data, kind)):
        where = (kind, i)
        if record.category not in names:
            known = "、".join(sorted(names))
            message = f"未知的类别“{record.category}”；请用 {known} 之一，或在 categories 下添加"
            fault((*where, "category"), message)
        if kind == "terms" and record.topic not in topic_names:
            fault((*where, "topic"), f"未知的主题“{record.topic}”；请在 topics 下添加")
        if kind == "terms" and record.current and not record.source:
            fault(
                (*where, "current"),
                f"现行术语「{record.text}」须有 source：写出它所出自的正式文件或会议及年份，"
                "如《中共中央 国务院关于优化生育政策促进人口长期均衡发展的决定》（2021年）",
            )
        variants = tuple(record.variants or ())
        forms = [((*where, "text"), record.text, True)]
        forms += [((*where, "variants", j), v, False) for j, v in enumerate(variants)]
        own: dict[str, str] = {}
        for loc, form, canonical in forms:
            key = normalize(form)
            if key in own:
                fault(loc, f"变体「{form}」与本条的「{own[key]}」重复；删去其一")
                continue
            own[key] = form
            if key in owners:
                other_line, other_text, other_canonical = owners[key]
                if canonical and other_canonical:
                    message = f"「{form}」与第 {other_line} 行的条目重复；保留一条"
                elif canonical:
                    message = f"「{form}」已是「{other_text}」（第 {other_line} 行）的变体；保留一条"
                elif other_canonical:
                    message = f"变体「{form}」是第 {other_line} 行条目的正文；变体不能是另一条目的正文"
                else:
                    message = f"变体「{form}」也是「{other_text}」（第 {other_line} 行）的变体；删去其一"
                fault(loc, message)
        for _loc, form, canonical in forms:
            owners.setdefault(normalize(form), (line(where), record.text, canonical))
        extra = (
            {
                "topic": record.topic,
                "definition": record.definition,
                "period": record.period,
                "current": record.current,
                "source": record.source or "",
            }
            if kind == "terms"
            else {}
        )
        entries.append(Entry(record.text, variants, record.category, record.note, line(where), **extra))
    if faults:
        raise GlossaryError("\n".join(faults))
    return Glossary(categories, entries, topics)


def _categories(records, key: str, fault, line) -> list[Category]:
    seen: dict[str, int] = {}
    out = []
    for i, record in enumerate(records):
        if record.name in seen:
            fault((key, i), f"名称“{record.name}”已在第 {seen[record.name]} 行定义；删去或改名其中一个")
            continue
        seen[record.name] = line((key, i))
        out.append(Category(record.name, record.description))
    return out


def unused_entries(glossary: Glossary, texts: Iterable[str]) -> list[Entry]:
    """Entries none of whose forms occurs, normalized, in any of ``texts`` (paragraph texts).

    Current terms (``current: true``) are never listed: they are indexed before the library uses them.
    """
    # A separator no normalized form contains keeps a match from spanning two paragraphs.
    haystack = "\x00".join(normalize(text) for text in texts)
    return [
        entry
        for entry in glossary.entries
        if entry.needs_use and not any(normalize(form) in haystack for form in entry.forms)
    ]
