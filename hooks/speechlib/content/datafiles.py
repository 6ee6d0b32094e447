"""Where the library's data files are, and the one way to read each of them.

Every file under ``data/`` is named here once (paths relative to the folder of ``mkdocs.yml``); the
build, the importer, the miner and the benchmarks ask :func:`path` for them. Each reader parses YAML
with line numbers (:func:`speechlib.text.load_yaml`) and raises :class:`speechlib.text.SourceError`
(``data/x.yml:12: …``) for the first fault, so a message always points at the line to mend.
"""

from __future__ import annotations

from pathlib import Path

FILES = {
    "model": "data/content_model.yml",  # vocabularies and front-matter fields
    "markers": "data/dated_markers.yml",  # bodies, plans, policies with their years
    "slots": "data/slots.yml",  # the slot catalogue of the templates
    "phrases": "data/phrases.yml",  # the set-phrase glossary
    "terms": "data/terms.yml",  # the domain terms index
    "exclusions": "data/phrase_exclusions.yml",  # what the phrase miner must not propose again
    "agenda": "data/agenda.yml",  # the host's wording per agenda item, for the 组稿 agenda form
}


def display(name: str) -> str:
    """The file as messages name it, e.g. ``data/slots.yml``."""
    return FILES[name]


def path(root: Path | str, name: str) -> Path:
    """The file ``name`` (a key of :data:`FILES`) of the project at ``root``."""
    return Path(root) / FILES[name]
