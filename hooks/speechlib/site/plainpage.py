"""Exemplar pages whose Markdown is plain prose skip Python-Markdown (:mod:`speechlib.page.plainmd`).

MkDocs lets a plugin give a file its page before the navigation is built (``File.page``; MkDocs
uses it as it is, see ``mkdocs.structure.nav._data_to_navigation``). :func:`adopt` gives each
exemplar a :class:`PlainPage`, whose :meth:`~PlainPage.render` sets what ``Page.render`` sets (the
HTML, the TOC, the anchors present, the page's links to its own anchors) from
:func:`speechlib.page.plainmd.render`, and hands any page that is not plain prose to
``Page.render``. Only exemplars are adopted: they are not in the navigation, whose entries would
otherwise lose the titles the navigation gives them.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from speechlib.page import plainmd

_mkdocs_pages_log = logging.getLogger("mkdocs.structure.pages")


class PlainPage(Page):
    """A page rendered by :mod:`speechlib.page.plainmd` when its Markdown allows it."""

    def __init__(self, file: File, config: MkDocsConfig, dialect: plainmd.Dialect) -> None:
        super().__init__(None, file, config)
        self.dialect = dialect
        self.plain: bool | None = None  # after render: whether Python-Markdown was skipped

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        done = plainmd.render(self.markdown, self.dialect)
        self.plain = done is not None
        if done is None:
            super().render(config, files)
            return
        self.content = done.content
        self.toc = get_toc(done.toc_tokens)
        self._title_from_render = None  # the dialect has no level-1 heading
        self.present_anchor_ids = done.anchor_ids
        if _mkdocs_pages_log.getEffectiveLevel() > logging.DEBUG:  # as Page.render decides
            self.links_to_anchors = {self.file: done.self_links} if done.self_links else {}


def adopt(files: Files, config: MkDocsConfig, exemplars: list[str]) -> int:
    """Give each exemplar page (by ``src_uri``) a :class:`PlainPage`; return how many were given one.

    Nothing is adopted when the site's Markdown settings are not those the dialect is written for.
    """
    dialect = plainmd.dialect_for(config["markdown_extensions"], config["mdx_configs"] or {})
    if dialect is None:
        return 0
    adopted = 0
    for uri in exemplars:
        file = files.get_file_from_path(uri)
        if file is not None and file.page is None:
            PlainPage(file, config, dialect)
            adopted += 1
    return adopted
