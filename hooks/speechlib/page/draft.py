"""The data files of the 组稿 page (``docs/draft.md``, ``docs/assets/js/draft.js``).

Two files, written in the one data-file format (:func:`speechlib.page.datafile.script`):

- ``draft/agenda.js`` (key ``draft-agenda``): ``data/agenda.yml`` as checked by
  :func:`speechlib.content.agenda.load_agenda`, plus ``kinds`` (the agenda-item kinds in order);
  the agenda form builds a whole 主持词 from it and keeps no wording of its own;
- ``draft/slots.js`` (key ``draft-slots``): ``{"slots": [{name, help, example}, …]}``, the slot
  catalogue (``data/slots.yml``), so that a draft lists each of its slots once with help and example.
"""

from __future__ import annotations

from typing import Any

from speechlib.content.agenda import KINDS
from speechlib.content.slots import Catalog
from speechlib.page.datafile import script

AGENDA_FILE, AGENDA_KEY = "draft/agenda.js", "draft-agenda"
SLOTS_FILE, SLOTS_KEY = "draft/slots.js", "draft-slots"


def data_files(agenda: dict[str, Any], catalog: Catalog) -> dict[str, str]:
    """Site path → content of the 组稿 page's data files."""
    slots = [{"name": s.name, "help": s.help, "example": s.example} for s in catalog.slots]
    return {
        AGENDA_FILE: script(AGENDA_KEY, {"kinds": list(KINDS), **agenda}),
        SLOTS_FILE: script(SLOTS_KEY, {"slots": slots}),
    }
