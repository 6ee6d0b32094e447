"""The build, in order: the one hook module of the site (``mkdocs.yml``, ``hooks:``).

Each event is a step of :mod:`speechlib.site.build`, in the order MkDocs calls them:

1. ``on_config``        read and check every data file under ``data/`` (the 提法核对 rules too);
2. ``on_files``         check every page's front matter, add the generated pages, set the navigation;
3. ``on_page_markdown`` check template slots, fill the home grid and the slot catalogue page;
4. ``on_page_content``  rewrite each speech page (header, anchors, phrase marks, slots, 校勘记);
5. ``on_env``           every page is rendered: aggregate the phrase and terms indexes into their pages;
                        the pages outside the navigation will share its rendering;
   ``on_page_context``   MkDocs writes the pages one by one: a page whose HTML waits in the spill file
   (:mod:`speechlib.site.spill`) gets it back, the page written before gives it up;
6. ``on_post_build``    write the concordance data, the 提法核对 rules, the search index and the Word files;
                        under serve, save the search index's plan for the next session (in the background).

The build's state is one object made in ``on_config`` and handed to every step; per-page results are
cached in :mod:`speechlib.site.state` across ``mkdocs serve`` rebuilds. A content error anywhere is a
:class:`speechlib.text.SourceError` (``docs/x.md:12: …``) and becomes MkDocs' ``PluginError`` here,
in one place.
"""

from __future__ import annotations

import functools

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from speechlib.site import build as steps
from speechlib.site import guard, state
from speechlib.text import SourceError

_build: state.Build | None = None  # this build's state, made anew by on_config
_run = guard.Run()  # the command, this build's folder and its content errors (speechlib.site.guard)


def _errors(event):
    """Report a content error as MkDocs does: the message (``path:line: …``), no traceback."""

    @functools.wraps(event)
    def wrapped(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except SourceError as exc:
            raise PluginError(str(exc)) from None

    return wrapped


def _collect(event):
    """A per-page step: a content error is reported and the build goes on to the next page (the
    page keeps its input); ``on_env`` fails the build once, after every page has been read."""

    @functools.wraps(event)
    def wrapped(content, *args, **kwargs):
        try:
            return event(content, *args, **kwargs)
        except SourceError as exc:
            for message in str(exc).split("\n"):
                _run.report(message)
            return content

    return wrapped


def on_startup(command: str, dirty: bool) -> None:
    _run.command, _run.dirty = command, dirty


@_errors
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    _build = state.remember(steps.start(config))
    _build.report = _run.report
    _build.serving = _run.command == "serve"
    _run.begin(config)  # from here the build writes to a new folder, swapped in by on_post_build
    return config


@_errors
def on_files(files: Files, config: MkDocsConfig) -> Files:
    return steps.add_files(_build, files, config)


@_collect
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return steps.prepare_markdown(_build, markdown, page)


@_collect
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return steps.render_page(_build, html, page, files)


@_errors
def on_env(env, config: MkDocsConfig, files: Files):
    steps.check_links(_build)
    failed = _run.stop_if_failed()
    if failed:
        raise PluginError(failed)
    steps.fill_indexes(_build)
    steps.share_fragments(_build, env, config)
    return env


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    steps.restore_page(_build, page)
    return context


@_errors
def on_post_build(config: MkDocsConfig) -> None:
    steps.write_outputs(_build, config)
    _run.install(config)
    steps.keep_plan(_build)  # under serve, for the next session (in the background)


def on_build_error(error: Exception) -> None:
    steps.hand_back()
    _run.discard()


def on_serve(server, config: MkDocsConfig, builder):
    return guard.serve_errors(server, _run)
