"""The current build's speech pages, shared between hook modules.

MkDocs loads each hook file as its own module, so hooks cannot import one another; they meet here.
``content.py`` replaces :data:`current` in ``on_config`` (one object per build, never mutated
across builds) and fills it in ``on_files``; other hooks only read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .model import ContentModel, SpeechPage


@dataclass
class Site:
    root: Path
    model: ContentModel
    speeches: dict[str, SpeechPage] = field(default_factory=dict)  # src_uri -> page


current: Site | None = None


def site() -> Site:
    if current is None:
        raise RuntimeError("hooks/content.py must be listed first under 'hooks' in mkdocs.yml")
    return current
