"""The content model: front-matter fields and controlled vocabularies, read from one data file.

``data/content_model.yml`` has two sections:

``fields``
    name -> {type, required, help}. ``type`` is ``text``, ``vocab:NAME``, ``date`` or ``list``;
    ``required`` lists the page kinds (exemplar, template) that must carry the field.
``vocabularies``
    NAME -> list of entries {slug, label, ...}. Front matter uses the Chinese ``label``; URLs and
    folder names use the ASCII ``slug``. An entry may list ``counts_as``: other labels of the same
    vocabulary it is also filed under (level 县级市 counts as 县 and as 市), see
    :meth:`ContentModel.counted_as`.

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

import pydantic
import yaml

from speechlib.content import datafiles
from speechlib.text import CJK_SPACE_RE, SourceError, load_yaml, split_front_matter
from speechlib.text.core import YAML_ERROR

SPEECH_DIRS = {"exemplars": "exemplar", "templates": "template"}
# Keys the theme itself understands; allowed on any page besides the model's fields.
KIND_LABELS = {"exemplar": "范文", "template": "模板"}
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
    counts_as: tuple[str, ...] = ()  # other labels of the vocabulary this value is also filed under


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

    def counted_as(self, name: str, label: str | None) -> tuple[str, ...]:
        """The labels a value is filed under: itself, then its ``counts_as`` (县级市 → 县级市, 县, 市)."""
        if not label:
            return ()
        entry = self.by_label(name, label)
        return (label, *(entry.counts_as if entry else ()))


class FieldRecord(datafiles.Record):
    """One front-matter field of ``data/content_model.yml``: ``{type: vocab:genre, required: [exemplar]}``."""

    type: str = pydantic.Field(min_length=1)
    required: list[str] = []
    help: str = ""


class VocabRecord(datafiles.Record):
    """One value of a vocabulary: ``{slug: tuijinhui, label: 推进会, description: …}``."""

    slug: str = pydantic.Field(min_length=1)
    label: str = pydantic.Field(min_length=1)
    title: str | None = None
    description: str = ""
    counts_as: list[str] = []

    @pydantic.field_validator("slug")
    @classmethod
    def _slug(cls, slug: str) -> str:
        if not SLUG_RE.match(slug):
            raise datafiles.value_error(f"slug「{slug}」只能由小写英文字母、数字和连字符组成（用拼音）")
        return slug


class ModelFile(datafiles.Record):
    fields: dict[str, FieldRecord]
    vocabularies: dict[str, list[VocabRecord]]


def load_model(path: Path, display: str = datafiles.FILES["model"]) -> ContentModel:
    """Read and check the content model file (:func:`speechlib.content.datafiles.parse`): every fault
    at once, each ``display:line: …``."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(f"{display}:1: 文件不是 UTF-8 编码（{exc.reason}）；请另存为 UTF-8") from exc
    try:
        data, root = datafiles.parse(text, display, ModelFile)
    except SourceError as exc:
        raise ContentError(str(exc)) from exc
    faults: list[str] = []

    def fault(loc: tuple, message: str) -> None:
        faults.append(f"{display}:{datafiles.line_of(root, loc)}: {message}")

    vocabularies: dict[str, list[VocabEntry]] = {}
    for name, entries in data.vocabularies.items():
        seen: dict[str, dict[str, int]] = {"slug": {}, "label": {}}
        for i, entry in enumerate(entries):
            line = datafiles.line_of(root, ("vocabularies", name, i))
            for what, value in (("slug", entry.slug), ("label", entry.label)):
                if value in seen[what]:
                    first = seen[what][value]
                    fault(
                        ("vocabularies", name, i),
                        f"词表 {name} 中 {what}「{value}」重复（第 {first} 行已有）；请删去或改名其中一项",
                    )
                seen[what].setdefault(value, line)
        labels = {e.label for e in entries}
        for i, entry in enumerate(entries):
            unknown = [c for c in entry.counts_as if c not in labels or c == entry.label]
            if unknown:
                fault(
                    ("vocabularies", name, i, "counts_as"),
                    f"「{entry.label}」的 counts_as 中「{unknown[0]}」不是词表 {name} 中的另一个取值；"
                    f"可选：{'、'.join(sorted(labels - {entry.label}))}",
                )
        vocabularies[name] = [
            VocabEntry(
                e.slug,
                e.label,
                e.title or e.label,
                CJK_SPACE_RE.sub("", e.description.strip()),
                tuple(e.counts_as),
            )
            for e in entries
        ]

    fields: dict[str, FieldSpec] = {}
    for name, spec in data.fields.items():
        if spec.type.startswith("vocab:"):
            if spec.type[6:] not in vocabularies:
                fault(
                    ("fields", name, "type"),
                    f"字段 {name} 所用的词表 {spec.type[6:]} 不存在；请在 vocabularies 中添加，或改正名称",
                )
        elif spec.type not in {"text", "date", "list"}:
            fault(
                ("fields", name, "type"),
                f"字段 {name} 的类型「{spec.type}」无效；可用 text、date、list 或 vocab:词表名",
            )
        fields[name] = FieldSpec(name, spec.type, tuple(spec.required), spec.help)
    for needed in ("kind", "meeting_type", "genre", "level"):
        if needed not in vocabularies:
            fault(("vocabularies",), f"缺少词表 {needed}；构建需要它，请恢复")
    if faults:
        raise ContentError("\n".join(faults))
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
            f"{display}:{line}: 文件不是 UTF-8 编码（第 {exc.start} 字节为 0x{raw[exc.start]:02x}）；"
            "请另存为 UTF-8（WPS/Word：另存为 → 编码 UTF-8；记事本：另存为 → 编码 UTF-8）"
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
                f"{display}:1: 讲话页开头须有前言（一行 ---，各字段，再一行 ---）；"
                f"必填字段：{'、'.join(n for n, f in model.fields.items() if expected_kind in f.required)}"
            )
        return None
    try:
        root, meta = load_yaml(yaml_text, display, first_line=start)
    except SourceError as exc:
        problem = exc.message.removeprefix(YAML_ERROR)
        raise ContentError(
            f"{display}:{exc.line}: 前言格式有误：{problem}"
        ) from exc
    if meta is None:
        meta, key_lines = {}, {}
    elif not isinstance(meta, dict) or not isinstance(root, yaml.MappingNode):
        raise ContentError(f"{display}:{start}: 前言每行应写成「字段: 值」")
    else:
        key_lines = {k.value: start + k.start_mark.line for k, _ in root.value}

    kind = meta.get("kind")
    if expected_kind is None:
        if kind is not None:
            raise ContentError(
                f"{display}:{key_lines['kind']}: 写有 kind: {kind} 的页面应放在 "
                f"docs/<会议类型>/{'exemplars' if kind == 'exemplar' else 'templates'}/ 下；"
                "请移动文件或删去这一行"
            )
        return None

    for name in meta:
        if name not in model.fields and name not in THEME_KEYS:
            close = difflib.get_close_matches(str(name), list(model.fields), n=1)
            hint = f"；是不是 {close[0]}？" if close else f"；可用字段：{'、'.join(model.fields)}"
            raise ContentError(f"{display}:{key_lines[name]}: 未知字段 {name}{hint}")
    for name, spec in model.fields.items():
        if expected_kind in spec.required and (name not in meta or meta[name] in (None, "", [])):
            where = key_lines.get(name, start)
            raise ContentError(
                f"{display}:{where}: 缺少字段 {name}（{spec.help}）；"
                f"每篇{KIND_LABELS.get(expected_kind, expected_kind)}"
                "都要写这一项"
            )

    values: dict[str, Any] = {}
    for name, value in meta.items():
        if name in THEME_KEYS:
            continue
        values[name] = _check_value(model, model.fields[name], value, f"{display}:{key_lines[name]}")

    if values["kind"] != expected_kind:
        raise ContentError(
            f"{display}:{key_lines['kind']}: kind: {values['kind']} 与所在文件夹不符；"
            f"{src_uri.rsplit('/', 1)[0]}/ 下的页面应写 kind: {expected_kind}"
        )
    mt = model.by_label("meeting_type", values["meeting_type"])
    if mt is None or mt.slug != mt_slug:
        folder = model.by_slug("meeting_type", mt_slug)
        raise ContentError(
            f"{display}:{key_lines['meeting_type']}: meeting_type「{values['meeting_type']}」与所在文件夹 "
            f"docs/{mt_slug}/（{folder.label if folder else '不是 data/content_model.yml 中的会议类型'}）"
            "不符；"
            "请移动文件或改正这一项"
        )
    slug = src_uri.rsplit("/", 1)[1][:-3]
    if not SLUG_RE.match(slug):
        raise ContentError(
            f"{display}:1: 文件名「{slug}.md」只能由小写英文字母、数字和连字符组成（用拼音），请改名"
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
            raise ContentError(f"{where}: {spec.name} 应填写文字，不能为空（{spec.help}）")
        return value.strip()
    if spec.type.startswith("vocab:"):
        name = spec.type[6:]
        labels = [e.label for e in model.vocab(name)]
        if value not in labels:
            close = difflib.get_close_matches(str(value), labels, n=1, cutoff=0.3)
            hint = f"是不是「{close[0]}」？" if close else ""
            raise ContentError(
                f"{where}: {spec.name} 的值「{value}」不在词表中；{hint}可用：{'、'.join(labels)}"
                "（要增加取值，请改 data/content_model.yml）"
            )
        return value
    if spec.type == "date":
        return normalize_date(value, where)
    if spec.type == "list":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ContentError(
                f"{where}: {spec.name} 应写成文字列表，如 [人口和计划生育, 基层基础]"
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
    raise ContentError(f"{where}: 日期「{text}」写法不对；请写 2024-05-11、2024-05、2024 或 {UNKNOWN_DATE}")


def check_unique_slugs(pages: list[SpeechPage], docs_prefix: str = "docs/") -> None:
    """Exemplar slugs are unique across the site: Word exports and moved pages key on them.

    Templates are named after their genre (``templates/zhuchici.md``) in every meeting-type folder,
    so the folder already keeps them apart.
    """
    seen: dict[str, str] = {}
    for page in sorted((p for p in pages if p.kind == "exemplar"), key=lambda p: p.src_uri):
        if page.slug in seen:
            raise ContentError(
                f"{docs_prefix}{page.src_uri}:1: 文件名 {page.slug} 已被 {docs_prefix}{seen[page.slug]} 使用"
                "（范文文件名全站唯一）；请给其中一个改名"
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
                f"{docs_prefix}{src_uri}:1: 文件夹 {top}/ 既不是会议类型也不是已知栏目，"
                "这一页不会出现在导航中；"
                "请移到相应的会议类型文件夹"
            )
        if src_uri.endswith("/index.md") and is_meeting_type and src_uri.count("/") == 1:
            raise ContentError(
                f"{docs_prefix}{src_uri}:1: 会议类型页由 data/content_model.yml 生成；"
                "请删去这个文件，到那里修改会议类型的说明"
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
