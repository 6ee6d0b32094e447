"""The content model as the importer needs it, read from ``data/content_model.yml``.

The importer writes front matter in the project's content model: the field order of ``fields``,
vocabulary values as their Chinese labels (``meeting_type: 推进会``). This module loads the
vocabularies with PyYAML and checks the values given on the command line:

    --meeting-type  a meeting-type slug (tuijinhui) or its label (推进会)
    --genre         a genre label (讲话) or slug (jianghua)
    --level         a level label (县) or slug (xian)
    --date          YYYY-MM-DD, YYYY-MM, YYYY (a real calendar date) or 不详

A value outside the vocabulary raises InputError naming the option and listing the choices.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import InputError

ROOT = Path(__file__).resolve().parents[2]
CONTENT_MODEL = ROOT / "data" / "content_model.yml"

DATE_RE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")
UNKNOWN_DATE = "不详"


@dataclass(frozen=True)
class Term:
    slug: str
    label: str


@dataclass(frozen=True)
class ContentModel:
    fields: tuple[str, ...]
    required: dict[str, tuple[str, ...]]
    vocabularies: dict[str, tuple[Term, ...]]

    def terms(self, vocabulary: str) -> tuple[Term, ...]:
        return self.vocabularies[vocabulary]

    def label(self, vocabulary: str, slug: str) -> str:
        return next(t.label for t in self.terms(vocabulary) if t.slug == slug)

    def slug(self, vocabulary: str, label: str) -> str | None:
        return next((t.slug for t in self.terms(vocabulary) if t.label == label), None)

    def resolve(self, vocabulary: str, value: str, option: str) -> str:
        """The label for a slug or label given on the command line; InputError if unknown."""
        for term in self.terms(vocabulary):
            if value in (term.slug, term.label):
                return term.label
        choices = ", ".join(f"{t.slug} ({t.label})" for t in self.terms(vocabulary))
        raise InputError(option, f"unknown value {value!r}; choose one of: {choices}")

    def required_for(self, kind: str) -> list[str]:
        return [name for name in self.fields if kind in self.required.get(name, ())]


def load(path: Path = CONTENT_MODEL) -> ContentModel:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise InputError(str(path), f"cannot read the content model: {error}") from None
    fields = tuple(raw["fields"])
    required = {name: tuple(spec.get("required", [])) for name, spec in raw["fields"].items()}
    vocabularies = {
        name: tuple(Term(str(item["slug"]), str(item["label"])) for item in items)
        for name, items in raw["vocabularies"].items()
    }
    return ContentModel(fields, required, vocabularies)


def check_date(value: str, option: str = "--date") -> str:
    """Return ``value`` if it is a valid front-matter date, else raise InputError."""
    value = value.strip()
    if value == UNKNOWN_DATE:
        return value
    match = DATE_RE.match(value)
    if match:
        year, month, day = (int(match[g]) if match[g] else 1 for g in ("y", "m", "d"))
        try:
            dt.date(year, month, day)
            return value
        except ValueError:
            pass
    raise InputError(option, f"malformed date {value!r}; write YYYY-MM-DD, YYYY-MM, YYYY or 不详")
