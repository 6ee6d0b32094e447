"""State shared between hook modules and kept across ``mkdocs serve`` rebuilds.

MkDocs loads each hook file as its own module, so hooks cannot import one another; they meet here.
``content.py`` replaces :data:`current` in ``on_config`` (one object per build) and fills it in
``on_files``; other hooks only read it.

``mkdocs serve`` reloads the configuration, and with it re-executes every hook file, on each
rebuild: a cache kept in a hook module would start empty every time. Per-page caches therefore live
here, in a normally imported module, as :class:`PageCache` objects keyed by page and content hash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import ContentModel, SpeechPage


@dataclass
class Site:
    root: Path
    model: ContentModel
    model_digest: str  # sha1 of data/content_model.yml: cached checks are valid for this model only
    speeches: dict[str, SpeechPage] = field(default_factory=dict)  # src_uri -> page


current: Site | None = None


def site() -> Site:
    if current is None:
        raise RuntimeError("hooks/content.py must be listed first under 'hooks' in mkdocs.yml")
    return current


class PageCache:
    """One cached result per page, valid while the page's content hash (and settings) are the same.

    Keeping only the newest entry per page bounds the cache by the number of pages, however long
    ``mkdocs serve`` runs.
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[Any, Any]] = {}
        self.misses = 0

    def get(self, page: str, key: Any, compute):
        entry = self._entries.get(page)
        if entry is not None and entry[0] == key:
            return entry[1]
        self.misses += 1
        value = compute()
        self._entries[page] = (key, value)
        return value


# Front matter parsed by content.py, and the phrase hook's per-page matching results.
front_matter_cache = PageCache()
phrase_cache = PageCache()
