"""Material's navigation and tabs, rendered once for all the pages outside the navigation in a folder.

Material renders the whole navigation into every page twice (the sidebar, ``partials/nav.html``,
and the tabs, ``partials/tabs.html``): half the time MkDocs spends on templates. For a page that is
not in the navigation (every exemplar) no item is active, and every link is relative to the page's
folder, so the two fragments are the same for all such pages of one folder. The overrides
``overrides/partials/nav.html`` and ``tabs.html`` ask :class:`Fragments` for a fragment by
:meth:`~Fragments.key`; the first page of a folder renders Material's own template (reached under
the ``material/`` prefix, :func:`install`) and the others reuse its output. A page in the
navigation, or a page with no navigation, renders it as before.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader

PREFIX = "material"  # overrides include Material's own partial as "material/partials/…"


class Fragments:
    """The rendered fragments of one build, by (template, folder)."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], str] = {}
        self._in_nav: set[str] | None = None  # src_uri of every page in the navigation
        self.reused = 0

    def key(self, name: str, page, nav) -> tuple[str, str] | None:
        """The key of ``name`` for ``page``, or ``None`` when the page must render it itself."""
        if page is None or nav is None or getattr(page, "file", None) is None:
            return None
        if self._in_nav is None:
            self._in_nav = {p.file.src_uri for p in nav.pages}
        if page.file.src_uri in self._in_nav:
            return None
        return name, posixpath.dirname(page.url.rstrip("/"))

    def shared(self, name: str, page, nav, caller) -> str:
        """The output of ``caller`` (a template's ``{% call %}`` body), rendered once per key."""
        key = self.key(name, page, nav)
        if key is None:
            return caller()
        html = self._kept.get(key)
        if html is None:
            html = self._kept[key] = caller()
        else:
            self.reused += 1
        return html


def install(env: Environment, theme_dirs: list[str], fragments: Fragments) -> None:
    """Give the templates ``fragments`` and Material's own partials under :data:`PREFIX` (with
    another theme, whose templates do not ask for them, nothing)."""
    material = next((d for d in theme_dirs if Path(d).parts[-2:] == ("material", "templates")), None)
    if material is None:
        return
    env.loader = ChoiceLoader([env.loader, PrefixLoader({PREFIX: FileSystemLoader(material)})])
    env.globals["fragments"] = fragments
