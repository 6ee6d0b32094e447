"""The content model as the importer needs it: the site's own model, with command-line lookups.

The importer writes front matter that the site's hooks accept, so it reads the content model the
way they do, with ``hooks/speechlib/model.py`` (``load_model`` checks ``data/content_model.yml``,
``normalize_date`` the dates). This module adds what the command line needs:

    --meeting-type  a meeting-type slug (tuijinhui) or its label (推进会)
    --genre         a genre label (讲话) or slug (jianghua)
    --level         a level label (县) or slug (xian)
    --date          YYYY-MM-DD, YYYY-MM or YYYY (a real calendar date, 1949–2100) or 不详

Front matter uses the Chinese labels. A value outside a vocabulary, or a malformed date, raises
ValueError with the choices; the command line names the option and the input file.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ..content import datafiles
from ..content.dating import MarkerTable, load_markers
from ..content.model import ContentError, load_model, normalize_date
from ..content.model import ContentModel as SiteModel
from .errors import InputError

ROOT = Path(__file__).resolve().parents[3]
CONTENT_MODEL = datafiles.path(ROOT, "model")


class ContentModel:
    """Field order, required fields and vocabulary lookups of the site's content model."""

    def __init__(self, site: SiteModel) -> None:
        self.site = site
        self.fields: tuple[str, ...] = tuple(site.fields)

    def required_for(self, kind: str) -> list[str]:
        return [name for name, spec in self.site.fields.items() if kind in spec.required]

    def label(self, vocabulary: str, slug: str) -> str:
        entry = self.site.by_slug(vocabulary, slug)
        assert entry is not None, (vocabulary, slug)
        return entry.label

    def slug(self, vocabulary: str, label: str) -> str | None:
        entry = self.site.by_label(vocabulary, label)
        return entry.slug if entry else None

    def resolve(self, vocabulary: str, value: str) -> str:
        """The label for a slug or label given on the command line; ValueError if unknown."""
        entry = self.site.by_slug(vocabulary, value) or self.site.by_label(vocabulary, value)
        if entry:
            return entry.label
        choices = "、".join(f"{e.slug}（{e.label}）" for e in self.site.vocab(vocabulary))
        raise ValueError(f"取值“{value}”不在词表中；可选：{choices}")


def load(path: Path = CONTENT_MODEL) -> ContentModel:
    try:
        return ContentModel(load_model(path, display=str(path)))
    except (OSError, ContentError) as error:
        raise InputError(str(path), f"无法读取内容模型：{error}") from None


def check_date(value: str) -> str:
    """Return ``value`` if it is a valid front-matter date, else raise ValueError."""
    try:
        return normalize_date(value.strip(), "date")
    except ContentError:
        raise ValueError(f"日期“{value}”格式有误；请写作 YYYY-MM-DD、YYYY-MM、YYYY 或“不详”") \
            from None


MARKERS = datafiles.path(ROOT, "markers")


@functools.cache
def markers(path: Path = MARKERS) -> MarkerTable | None:
    """The site's dated-marker table (None when the project has none), read once per process."""
    return load_markers(path, ROOT) if path.exists() else None
