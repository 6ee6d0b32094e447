"""The content model: front-matter fields and controlled vocabularies, read from one data file.

``data/content_model.yml`` has two sections:

``fields``
    name -> {type, required, help}. ``type`` is ``text``, ``vocab:NAME``, ``date`` or ``list``;
    ``required`` lists the page kinds (exemplar, template) that must carry the field.
``vocabularies``
    NAME -> list of entries {slug, label, ...}. Front matter uses the Chinese ``label``; URLs and
    folder names use the ASCII ``slug``.

Speech pages live at ``docs/<meeting-type slug>/exemplars/<slug>.md`` and
``docs/<meeting-type slug>/templates/<genre slug or other slug>.md``. Their front matter is checked by
:func:`parse_page`; every error is a :class:`ContentError` whose message starts with
``docs/<path>:<line>:`` and says how to fix it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from speechlib.content import datafiles
from speechlib.text import CJK_SPACE_RE, SourceError, load_yaml, split_front_matter

SPEECH_DIRS = {"exemplars": "exemplar", "templates": "template"}
# Keys the theme itself understands; allowed on any page besides the model's fields.
THEME_KEYS = {"hide", "icon", "status", "template", "description", "search", "subtitle", "tags"}
# YAML folds a long description with spaces; Chinese text takes none next to a Han character or
# full-width punctuation.
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RES = (
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "%Y-%m-%d"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "%Y-%m"),
    (re.compile(r"^(\d{4})$"), "%Y"),
)
UNKNOWN_DATE = "不详"


class ContentError(SourceError):
    """Bad content: the message starts with ``path:line:``."""


@dataclass(frozen=True)
class VocabEntry:
    slug: str
    label: str
    title: str
    description: str


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    required: tuple[str, ...]
    help: str


@dataclass
class ContentModel:
    fields: dict[str, FieldSpec]
    vocabularies: dict[str, list[VocabEntry]]

    def vocab(self, name: str) -> list[VocabEntry]:
        return self.vocabularies[name]

    def by_label(self, name: str, label: str) -> VocabEntry | None:
        return next((e for e in self.vocabularies[name] if e.label == label), None)

    def by_slug(self, name: str, slug: str) -> VocabEntry | None:
        return next((e for e in self.vocabularies[name] if e.slug == slug), None)


def _line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def load_model(path: Path, display: str = datafiles.FILES["model"]) -> ContentModel:
    """Read and check the content model file; errors name ``display:line``."""
    try:
        text = path.read_text(encoding="utf-8")
        root, data = load_yaml(text, display)
    except UnicodeDecodeError as exc:
        raise ContentError(f"{display}:1: the file is not UTF-8 ({exc.reason}); save it as UTF-8") from exc
    except SourceError as exc:
        raise ContentError(str(exc)) from exc
    if not isinstance(data, dict) or "fields" not in data or "vocabularies" not in data:
        raise ContentError(f"{display}:1: expected the two sections 'fields' and 'vocabularies'")
    lines = {k.value: v for k, v in root.value}

    vocabularies: dict[str, list[VocabEntry]] = {}
    for (_, list_node), (name, entries) in zip(
        lines["vocabularies"].value, data["vocabularies"].items(), strict=True
    ):
        seen_slugs: dict[str, int] = {}
        seen_labels: dict[str, int] = {}
        vocab: list[VocabEntry] = []
        for node, entry in zip(list_node.value, entries or [], strict=True):
            line = _line_of(node)
            if not isinstance(entry, dict) or not entry.get("slug") or not entry.get("label"):
                raise ContentError(f"{display}:{line}: each '{name}' entry needs a 'slug' and a 'label'")
            slug, label = str(entry["slug"]), str(entry["label"])
            if not SLUG_RE.match(slug):
                raise ContentError(
                    f"{display}:{line}: slug '{slug}' must be lowercase ASCII letters, digits and hyphens"
                )
            for seen, value, what in ((seen_slugs, slug, "slug"), (seen_labels, label, "label")):
                if value in seen:
                    raise ContentError(
                        f"{display}:{line}: duplicate {what} '{value}' in '{name}' (first at line "
                        f"{seen[value]})"
                    )
                seen[value] = line
            description = CJK_SPACE_RE.sub("", str(entry.get("description", "")).strip())
            vocab.append(VocabEntry(slug, label, str(entry.get("title", label)), description))
        vocabularies[name] = vocab

    fields: dict[str, FieldSpec] = {}
    for (key_node, _), (name, spec) in zip(lines["fields"].value, data["fields"].items(), strict=True):
        line = _line_of(key_node)
        ftype = str(spec.get("type", ""))
        if ftype.startswith("vocab:"):
            if ftype[6:] not in vocabularies:
                raise ContentError(
                    f"{display}:{line}: field '{name}' names an unknown vocabulary '{ftype[6:]}'"
                )
        elif ftype not in {"text", "date", "list"}:
            raise ContentError(f"{display}:{line}: field '{name}' has unknown type '{ftype}'")
        fields[name] = FieldSpec(name, ftype, tuple(spec.get("required") or ()), str(spec.get("help", "")))
    for needed in ("kind", "meeting_type", "genre", "level"):
        if needed not in vocabularies:
            raise ContentError(f"{display}:1: the vocabulary '{needed}' is missing")
    return ContentModel(fields, vocabularies)


# --- pages ---------------------------------------------------------------------------------------


@dataclass
class SpeechPage:
    """One exemplar or template: its location and checked front matter."""

    src_uri: str  # docs-relative, forward slashes
    slug: str
    kind: str
    meeting_type: VocabEntry
    genre: VocabEntry
    title: str
    level: str | None = None
    speaker: str | None = None
    date: str = UNKNOWN_DATE  # normalized: YYYY-MM-DD, YYYY-MM, YYYY or 不详
    source: str | None = None
    topics: list[str] = field(default_factory=list)
    summary: str | None = None
    period: str | None = None  # estimated when the date is unknown, e.g. 2011–2013
    period_basis: str | None = None
    background: str | None = None  # 背景说明 shown above the text
    collation: list[str] = field(default_factory=list)  # 校勘记: the changes made to the source
    date_line: int = 1  # line of the date field, for messages about it

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date[:4].isdigit() else None


def decode_source(raw: bytes, display: str) -> str:
    """Decode a page's bytes as UTF-8, or fail naming the line of the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ContentError(
            f"{display}:{line}: the file is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "re-save it as UTF-8 (in WPS/Word: 另存为 → 编码 UTF-8)"
        ) from exc


def _location(src_uri: str) -> tuple[str | None, str | None]:
    """(meeting type slug, expected kind) from ``<mt>/<exemplars|templates>/<slug>.md``."""
    parts = src_uri.split("/")
    if len(parts) == 3 and parts[1] in SPEECH_DIRS:
        return parts[0], SPEECH_DIRS[parts[1]]
    return None, None


def parse_page(
    source: str, src_uri: str, model: ContentModel, docs_prefix: str = "docs/"
) -> SpeechPage | None:
    """Check a page's front matter. Return a SpeechPage for speech pages, None for other pages."""
    display = docs_prefix + src_uri
    mt_slug, expected_kind = _location(src_uri)
    yaml_text, _, body_line = split_front_matter(source)
    start = 2
    if yaml_text is None and source.split("\n", 1)[0].rstrip() == "---":
        yaml_text = source.split("\n", 1)[1] if "\n" in source else ""  # unterminated: errors point into it
    if yaml_text is None:
        if expected_kind:
            raise ContentError(
                f"{display}:1: a speech page must start with front matter ('---', the fields, '---'); "
                f"required: {', '.join(n for n, f in model.fields.items() if expected_kind in f.required)}"
            )
        return None
    try:
        root, meta = load_yaml(yaml_text, display, first_line=start)
    except SourceError as exc:
        problem = exc.message.partition("（")[2].rpartition("）")[0] or exc.message
        raise ContentError(
            f"{display}:{exc.line}: front matter is not valid YAML: {problem}; check quotes, colons and "
            "indentation"
        ) from exc
    if meta is None:
        meta, key_lines = {}, {}
    elif not isinstance(meta, dict) or not isinstance(root, yaml.MappingNode):
        raise ContentError(f"{display}:{start}: front matter must be 'field: value' lines")
    else:
        key_lines = {k.value: start + k.start_mark.line for k, _ in root.value}

    kind = meta.get("kind")
    if expected_kind is None:
        if kind is not None:
            raise ContentError(
                f"{display}:{key_lines['kind']}: a page with 'kind: {kind}' must live in "
                f"docs/<meeting type>/{'exemplars' if kind == 'exemplar' else 'templates'}/"
            )
        return None

    for name in meta:
        if name not in model.fields and name not in THEME_KEYS:
            close = difflib.get_close_matches(str(name), list(model.fields), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known fields: {', '.join(model.fields)}"
            raise ContentError(f"{display}:{key_lines[name]}: unknown field '{name}'{hint}")
    for name, spec in model.fields.items():
        if expected_kind in spec.required and (name not in meta or meta[name] in (None, "", [])):
            where = key_lines.get(name, start)
            raise ContentError(
                f"{display}:{where}: missing field '{name}' ({spec.help}); every {expected_kind} page "
                "needs it"
            )

    values: dict[str, Any] = {}
    for name, value in meta.items():
        if name in THEME_KEYS:
            continue
        values[name] = _check_value(model, model.fields[name], value, f"{display}:{key_lines[name]}")

    if values["kind"] != expected_kind:
        raise ContentError(
            f"{display}:{key_lines['kind']}: 'kind: {values['kind']}' does not match the folder; "
            f"pages under {src_uri.rsplit('/', 1)[0]}/ are '{expected_kind}'"
        )
    mt = model.by_label("meeting_type", values["meeting_type"])
    if mt is None or mt.slug != mt_slug:
        folder = model.by_slug("meeting_type", mt_slug)
        raise ContentError(
            f"{display}:{key_lines['meeting_type']}: meeting_type '{values['meeting_type']}' does not "
            "match the folder "
            f"docs/{mt_slug}/ ({folder.label if folder else 'not a meeting type in data/content_model.yml'}"
            "); "
            "move the file or correct the field"
        )
    slug = src_uri.rsplit("/", 1)[1][:-3]
    if not SLUG_RE.match(slug):
        raise ContentError(
            f"{display}:1: file name '{slug}.md' must be lowercase ASCII letters, digits and hyphens (pinyin)"
        )
    return SpeechPage(
        src_uri=src_uri,
        slug=slug,
        kind=values["kind"],
        meeting_type=mt,
        genre=model.by_label("genre", values["genre"]),
        title=values["title"],
        level=values.get("level"),
        speaker=values.get("speaker"),
        date=values.get("date", UNKNOWN_DATE),
        source=values.get("source"),
        topics=values.get("topics", []),
        summary=values.get("summary"),
        period=values.get("period"),
        period_basis=values.get("period_basis"),
        background=values.get("background"),
        collation=values.get("collation", []),
        date_line=key_lines.get("date", key_lines.get("period", 1)),
    )


def _check_value(model: ContentModel, spec: FieldSpec, value: Any, where: str) -> Any:
    if spec.type == "text":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            raise ContentError(f"{where}: '{spec.name}' must be non-empty text ({spec.help})")
        return value.strip()
    if spec.type.startswith("vocab:"):
        name = spec.type[6:]
        labels = [e.label for e in model.vocab(name)]
        if value not in labels:
            close = difflib.get_close_matches(str(value), labels, n=1, cutoff=0.3)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise ContentError(
                f"{where}: unknown {spec.name} '{value}'; {hint}allowed: {'、'.join(labels)} "
                "(extend the vocabulary in data/content_model.yml)"
            )
        return value
    if spec.type == "date":
        return normalize_date(value, where)
    if spec.type == "list":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ContentError(
                f"{where}: '{spec.name}' must be a list of text, e.g. [人口和计划生育, 基层基础]"
            )
        return [v.strip() for v in value]
    raise AssertionError(spec.type)  # load_model rejects other types


def normalize_date(value: Any, where: str) -> str:
    """Accept a date, YYYY-MM-DD, YYYY-MM, YYYY or 不详; return the normalized string."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if text == UNKNOWN_DATE:
        return text
    for pattern, fmt in DATE_RES:
        if pattern.match(text):
            try:
                parsed = dt.datetime.strptime(text, fmt)
            except ValueError:
                break
            if 1949 <= parsed.year <= 2100:
                return text
            break
    raise ContentError(f"{where}: malformed date '{text}'; write 2024-05-11, 2024-05, 2024 or {UNKNOWN_DATE}")


def check_unique_slugs(pages: list[SpeechPage], docs_prefix: str = "docs/") -> None:
    """Exemplar slugs are unique across the site: Word exports and moved pages key on them.

    Templates are named after their genre (``templates/zhuchici.md``) in every meeting-type folder,
    so the folder already keeps them apart.
    """
    seen: dict[str, str] = {}
    for page in sorted((p for p in pages if p.kind == "exemplar"), key=lambda p: p.src_uri):
        if page.slug in seen:
            raise ContentError(
                f"{docs_prefix}{page.src_uri}:1: slug '{page.slug}' is already used by "
                f"{docs_prefix}{seen[page.slug]}; "
                "rename one of the files"
            )
        seen[page.slug] = page.src_uri


def check_pages(
    files: Iterable[tuple[str, bytes]],
    model: ContentModel,
    sections: Collection[str],
    docs_prefix: str = "docs/",
    parse: Callable[[str, bytes], SpeechPage | None] | None = None,
    markers=None,
    check_date: Callable[[SpeechPage, bytes], str | None] | None = None,
) -> tuple[list[SpeechPage], list[str]]:
    """Check every hand-written page of the site: (speech pages, warnings).

    ``files`` are (docs-relative path, bytes); ``sections`` the top folders that hold pages other
    than meeting types (guide, browse …). Raises :class:`ContentError` at the first fault that
    would make the site wrong: bad front matter, a hand-written meeting-type page, a repeated slug.
    Warnings (the build goes on; ``--strict`` fails): a page in an unknown folder, and, with the
    dated-marker table ``markers``, an exemplar whose date or period its text contradicts.
    ``parse`` reads one page (the hook passes a cached version of :func:`parse_source`);
    ``check_date`` the date check of one exemplar from its bytes (default :func:`date_problem`; the
    hook passes a cached version, so a ``mkdocs serve`` rebuild checks the edited page only).
    """
    parse = parse or (lambda uri, raw: parse_source(raw, uri, model, docs_prefix))
    pages: list[SpeechPage] = []
    bodies: dict[str, bytes] = {}
    warnings: list[str] = []
    for src_uri, raw in files:
        top = src_uri.split("/", 1)[0]
        is_meeting_type = model.by_slug("meeting_type", top) is not None
        if src_uri.count("/") and not is_meeting_type and top not in sections:
            warnings.append(
                f"{docs_prefix}{src_uri}:1: '{top}/' is neither a meeting type nor a known "
                "section; the page is not in the navigation"
            )
        if src_uri.endswith("/index.md") and is_meeting_type and src_uri.count("/") == 1:
            raise ContentError(
                f"{docs_prefix}{src_uri}:1: meeting-type pages are generated from "
                "data/content_model.yml; delete this file and edit the description there"
            )
        page = parse(src_uri, raw)
        if page is not None:
            pages.append(page)
            bodies[src_uri] = raw
    check_unique_slugs(pages, docs_prefix)
    if markers is not None:
        check = check_date or (lambda page, raw: date_problem(page, raw, markers))
        for page in pages:  # a date the text contradicts misleads every reader of the page
            if page.kind == "exemplar":
                problem = check(page, bodies[page.src_uri])
                if problem:
                    warnings.append(f"{docs_prefix}{page.src_uri}:{page.date_line}: {problem}")
    return pages, warnings


def date_problem(page: SpeechPage, raw: bytes, markers) -> str | None:
    """What the dated markers of an exemplar's text say against its date or period, or None."""
    from speechlib.content.dating import contradiction

    body = split_front_matter(raw.decode("utf-8-sig"))[1]  # the body only: the notes may be later
    return contradiction(page.date, page.period, body, markers)


def parse_source(
    raw: bytes, src_uri: str, model: ContentModel, docs_prefix: str = "docs/"
) -> SpeechPage | None:
    """:func:`parse_page` on a file's bytes (which must be UTF-8)."""
    return parse_page(decode_source(raw, docs_prefix + src_uri), src_uri, model, docs_prefix)
