"""Where the library's data files are, and the one way to read them.

Every file under ``data/`` is named here once (paths relative to the folder of ``mkdocs.yml``); the
build, the importer, the miner and the benchmarks ask :func:`path` for them.

:func:`read` is the one reader: it parses YAML with line numbers (:func:`speechlib.text.load_yaml`),
checks the file's shape and types against a pydantic model (the file's schema, declared next to the
code that uses the records) and reports **every** fault at once as one
:class:`speechlib.text.SourceError`, each line ``data/x.yml:12: 中文说明``, the line being that of the
value at fault (found by walking the YAML node tree along pydantic's error location). Checks that need
more than one entry (duplicates, cross-references) stay with the records' owner, which gets each
entry's line from :func:`line_of`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import pydantic
import yaml

from speechlib.text import SourceError, load_yaml

FILES = {
    "model": "data/content_model.yml",  # vocabularies and front-matter fields
    "markers": "data/dated_markers.yml",  # bodies, plans, policies with their years
    "slots": "data/slots.yml",  # the slot catalogue of the templates
    "phrases": "data/phrases.yml",  # the set-phrase glossary
    "terms": "data/terms.yml",  # the domain terms index
    "exclusions": "data/phrase_exclusions.yml",  # what the phrase miner must not propose again
    "restricted": "data/restricted.yml",  # restricted wording: templates' 慎用 and 提法核对
    "agenda": "data/agenda.yml",  # the host's wording per agenda-item kind (组稿)
    "term_exclusions": "data/term_exclusions.yml",  # domain words that are not terms, with reasons
    "check_dated": "data/check_dated.yml",  # 提法核对: current forms for dated markers
    "check_context": "data/check_context.yml",  # 提法核对: history and negation cues
    "check_text": "data/check_text.yml",  # 提法核对: placeholders, punctuation, number frames
    "links": "data/paragraph_links.yml",  # linked paragraphs' text, so a link survives an edit (make links)
}

M = TypeVar("M", bound=pydantic.BaseModel)


class Record(pydantic.BaseModel):
    """Base of the data files' schemas: unknown keys are faults (a misspelt key is never ignored)."""

    model_config = pydantic.ConfigDict(
        extra="forbid", str_strip_whitespace=True, frozen=True, coerce_numbers_to_str=True
    )


def display(name: str) -> str:
    """The file as messages name it, e.g. ``data/slots.yml``."""
    return FILES[name]


def path(root: Path | str, name: str) -> Path:
    """The file ``name`` (a key of :data:`FILES`) of the project at ``root``."""
    return Path(root) / FILES[name]


def node_at(root: yaml.Node | None, loc: tuple) -> yaml.Node | None:
    """The deepest node of ``root`` along ``loc`` (mapping keys and list indexes), or None."""
    node = root
    for step in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            found = next(((k, v) for k, v in node.value if k.value == step), None)
            if found is None:
                return node
            node = found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            return node
    return node


def line_of(root: yaml.Node | None, loc: tuple, first_line: int = 1, key: bool = False) -> int:
    """The line (1-based) of the value at ``loc``; with ``key``, of the key ``loc[-1]`` itself."""
    node = node_at(root, loc[:-1] if key else loc)
    if key and isinstance(node, yaml.MappingNode):
        node = next((k for k, _ in node.value if k.value == loc[-1]), node)
    return (node.start_mark.line + first_line) if node is not None else first_line


def _where(loc: tuple) -> str:
    """``("slots", 2, "help")`` → 「slots」第 3 项的「help」."""
    out = ""
    for step in loc:
        if isinstance(step, int):
            out += f"第 {step + 1} 项"
        else:
            out += ("的" if out.endswith("项") else "") + f"「{step}」"
    return out or "文件"


def message(error: dict) -> str:
    """One pydantic error in the words of the library's editors."""
    kind, loc, ctx = error["type"], tuple(error["loc"]), error.get("ctx") or {}
    where = _where(loc)
    if kind == "missing":
        return f"{_where(loc[:-1]) if len(loc) > 1 else ''}缺少键「{loc[-1]}」，请补上" if loc else "缺少内容"
    if kind == "extra_forbidden":
        return f"未知的键「{loc[-1]}」：请检查拼写，或删去该键"
    if kind in ("string_type", "string_too_short") or (kind == "too_short" and "min_length" in ctx):
        if kind == "too_short":
            return f"{where}不能为空，至少要有 {ctx['min_length']} 项"
        return f"{where}应为非空的文字"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{where}应为整数（如 2016）"
    if kind in ("list_type",):
        return f"{where}应为列表（每项一行，以“- ”开头）"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{where}应为键值对（如 name: …）"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", "、").replace(", ", "、")
        return f"{where}的值不在可选范围内：应为 {expected} 之一"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        return f"{where}应{'不小于' if kind == 'greater_than_equal' else '不大于'} {bound}"
    if kind == "value_error":
        return f"{where}：{ctx.get('error', error['msg'])}"
    if kind == "bool_type" or kind == "bool_parsing":
        return f"{where}应为 true 或 false"
    return f"{where}：{error['msg']}"


def parse(text: str, display_name: str, schema: type[M]) -> tuple[M, yaml.Node | None]:
    """``text`` read as ``schema``; :class:`SourceError` with every fault, each ``file:line: …``."""
    root, data = load_yaml(text, display_name)
    try:
        return schema.model_validate(data if data is not None else {}), root
    except pydantic.ValidationError as exc:
        faults = sorted(
            {
                (line_of(root, tuple(e["loc"]), key=e["type"] == "extra_forbidden"), message(e))
                for e in exc.errors(include_url=False)
            }
        )
        raise SourceError("\n".join(f"{display_name}:{line}: {text}" for line, text in faults)) from None


def text(root: Path | str, name: str) -> str:
    """The text of the data file ``name``; a missing file is a :class:`SourceError` naming it."""
    file = path(root, name)
    try:
        return file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError(f"{display(name)}:1: 找不到该文件（{file}）；请从版本库恢复它") from None


def read(root: Path | str, name: str, schema: type[M]) -> tuple[M, yaml.Node | None]:
    """The data file ``name`` of the project at ``root`` read as ``schema`` (see :func:`parse`)."""
    return parse(text(root, name), display(name), schema)


def value_error(text: str) -> ValueError:
    """A domain check's fault inside a validator, worded for :func:`message`."""
    return ValueError(text)


def fail(display_name: str, line: int, text: str) -> SourceError:
    """A fault found after validation (duplicates, cross-references), as the reader reports them."""
    return SourceError(f"{display_name}:{line}: {text}")


__all__ = ["FILES", "Record", "display", "path", "line_of", "node_at", "parse", "read", "fail", "value_error"]
