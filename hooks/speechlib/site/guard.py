"""A failed build keeps the last good site and says everything that is wrong at once.

Three things, wired by ``hooks/pipeline.py``:

Every content error at once
    Per-page steps do not stop at the first faulty page: :meth:`Run.report` logs the error
    (``docs/x.md:12: …``) and the build goes on with the next page; :meth:`Run.stop_if_failed`
    (``on_env``, every page read) then fails the build once, counting the errors shown above it.

The last good site stays
    MkDocs empties ``site_dir`` before it builds (``mkdocs.utils.clean_directory``), so a failed
    build used to leave an empty ``site/``. :meth:`Run.redirect` points the build at a new sibling
    folder (``.site.<random>``); :meth:`Run.install` swaps it in at the very end of a build that
    will succeed (no error, and under ``--strict`` no warning), keeping hidden entries of the old
    folder as MkDocs does (``.git``, ``.nojekyll``); :meth:`Run.discard` removes it after a failure.

``mkdocs serve`` shows the error
    MkDocs' live-reload server answers no page while a rebuild has failed ("the server will appear
    stuck"). :func:`serve_errors` wraps the server's builder: a failed rebuild is logged, the last
    good pages keep being served, and each page carries a banner listing the messages of the failed
    build until a rebuild succeeds.
"""

from __future__ import annotations

import gc
import html
import logging
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("speechlib")
REMOVER = "speechlib: remove the last site"  # under serve: removes the last site, then collects


class _Messages(logging.Handler):
    """Warnings and errors logged during one build (for --strict and the serve banner)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass
class Run:
    """What the process knows across builds: the command, and this build's folders and messages."""

    command: str | None = None  # "build", "serve", "gh-deploy"; None when MkDocs is driven directly
    dirty: bool = False
    errors: list[str] = field(default_factory=list)  # content errors of this build
    site_dir: Path | None = None  # where the site belongs
    building: Path | None = None  # where this build writes it
    standing: list[str] = field(default_factory=list)  # serve: messages of the failed build on show
    _handler: _Messages | None = None
    _config: object = None

    # --- one build ---------------------------------------------------------------------------

    def begin(self, config) -> None:
        """A new build: forget the last build's errors, count this one's warnings, redirect it."""
        self._config = config
        self.errors = []
        self.standing = []
        self._detach()
        self._handler = _Messages()
        logging.getLogger("mkdocs").addHandler(self._handler)
        self.redirect(config)

    def report(self, message: str) -> None:
        """A content error: shown now, counted, and the build goes on to find the others."""
        self.errors.append(message)
        log.error(message)

    def stop_if_failed(self) -> str | None:
        """The summary to fail the build with, once every page has been read; None if all is well."""
        if not self.errors:
            return None
        n = len(self.errors)
        site = self.site_dir
        kept = (
            f"{site} 中仍是上一次成功构建的站点"
            if site is not None and site.exists() and any(site.iterdir())
            else "未写出站点"
        )
        return f"共有 {n} 处错误（逐条见上，每条以 文件:行号 开头）；{kept}。请逐条改正后重新构建。"

    def messages(self) -> list[str]:
        return list(self._handler.messages) if self._handler else []

    # --- the folder --------------------------------------------------------------------------

    def redirect(self, config) -> None:
        self.site_dir = self.building = None
        if self.dirty:  # --dirty reuses what is there
            return
        site = Path(config.site_dir)
        site.parent.mkdir(parents=True, exist_ok=True)
        self.site_dir = site
        self.building = Path(tempfile.mkdtemp(prefix=f".{site.name}.", dir=site.parent))
        config.site_dir = str(self.building)

    def install(self, config) -> None:
        """Swap the new site in, unless --strict is about to fail the build on a warning."""
        if self.building is None:
            return
        if config.strict and self.messages():
            return  # MkDocs aborts after on_post_build; on_build_error discards the new folder
        site, new = self.site_dir, self.building
        old = None
        if site.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{site.name}.", dir=site.parent))
            old.rmdir()
            site.rename(old)
            for entry in old.iterdir():  # MkDocs never touches hidden entries: keep them
                if entry.name.startswith(".") and not (new / entry.name).exists():
                    entry.rename(new / entry.name)
        new.rename(site)
        config.site_dir = str(site)
        self.building = None
        if self.command == "serve":
            # Under `mkdocs serve` the browser reloads as soon as the build returns: the last site
            # (tens of thousands of files, seconds of disk work) goes away meanwhile, and the
            # collector's full pass, which the build leaves to the end (speechlib.site.build), runs
            # then too, while the writer reads the page, not at the start of the next rebuild.
            threading.Thread(target=_tidy, args=(old,), name=REMOVER).start()
        elif old is not None:
            shutil.rmtree(old, ignore_errors=True)
        self._detach()

    def discard(self) -> None:
        """After a failed build: remove the half-written folder, say what was kept."""
        config = self._config
        if self.building is not None and config is not None:
            shutil.rmtree(self.building, ignore_errors=True)
            self.building = None
            if self.site_dir is not None:
                config.site_dir = str(self.site_dir)
                if self.site_dir.exists() and any(self.site_dir.iterdir()):
                    log.info(f"构建失败：{self.site_dir} 保留上一次成功构建的内容，未作改动")
        self.standing = self.messages() or self.errors
        self._detach()

    def _detach(self) -> None:
        if self._handler is not None:
            logging.getLogger("mkdocs").removeHandler(self._handler)
            self._handler = None


def _tidy(old: Path | None) -> None:
    """After a serve build: remove the last site, then collect the garbage of reference cycles."""
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    gc.collect()


# --- mkdocs serve ------------------------------------------------------------------------------

BANNER_STYLE = (
    "position:sticky;top:0;z-index:1000;margin:0;padding:.8em 1.2em;background:#b71c1c;color:#fff;"
    "font:15px/1.6 sans-serif;white-space:pre-wrap;max-height:60vh;overflow:auto"
)


def banner(messages: list[str]) -> str:
    """The error banner put at the top of every served page while a rebuild has failed."""
    lines = "\n".join(messages) or "构建失败，原因见运行 mkdocs serve 的终端窗口。"
    return (
        f'<div id="speechlib-build-error" role="alert" style="{BANNER_STYLE}">'
        "<strong>构建失败，以下是上一次成功构建的页面。改正下列问题并保存后，页面会自动刷新：</strong>\n"
        f"{html.escape(lines)}</div>"
    )


def serve_errors(server, run: Run):
    """Wrap the live-reload server so that a failed rebuild shows in the browser instead of hanging.

    Uses two attributes of MkDocs 1.6's ``LiveReloadServer`` (``builder`` and
    ``_inject_js_into_html``); if a later MkDocs renames them, the server is returned unchanged.
    """
    builder = getattr(server, "builder", None)
    inject = getattr(server, "_inject_js_into_html", None)
    if builder is None or inject is None:
        return server

    def guarded_builder(config=None):
        try:
            builder(config)
        except (Exception, SystemExit) as exc:  # click's Abort, PluginError, anything
            if not run.standing:
                run.standing = [str(exc) or exc.__class__.__name__]
            log.error("构建失败；浏览器中显示上一次成功构建的页面和错误说明，改正后自动刷新")
        else:
            run.standing = []

    def inject_banner(content: bytes, epoch) -> bytes:
        content = inject(content, epoch)
        if not run.standing:
            return content
        marker = content.find(b"<body")
        end = content.find(b">", marker) if marker >= 0 else -1
        if end < 0:
            return content
        return content[: end + 1] + banner(run.standing).encode("utf-8") + content[end + 1 :]

    server.builder = guarded_builder
    server._inject_js_into_html = inject_banner
    return server
