"""Page HTML kept in a file instead of in memory, from when it is made until MkDocs writes the page.

MkDocs keeps every page's HTML (``page.content``) from ``on_page_content`` to the end of the build; the
page caches (:mod:`speechlib.site.state`) keep it across ``mkdocs serve`` rebuilds too. For the
speech pages and the phrase and term pages that is the largest part of a build's memory (about
500 MB at 10,000 speeches). The build puts each such page's HTML here as soon as it is made, leaves
``page.content`` empty and puts the HTML back just before MkDocs writes the page
(:func:`speechlib.site.build.restore_page`); the caches keep the handle :meth:`Spill.put` gives.

The file is an unnamed temporary file in the project's ``.cache/`` (the system removes it when the
process ends). Texts are appended; a text put again under its key replaces the one before, and the
file is rewritten with the current texts only once the replaced ones outweigh them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

SLACK = 64 << 20  # replaced bytes tolerated before the file is rewritten, beside the current ones


class Spill:
    def __init__(self, slack: int = SLACK) -> None:
        self._fd: int | None = None
        self._end = 0  # bytes in the file
        self._live = 0  # bytes of the current texts
        self._where: dict[str, tuple[int, int, int]] = {}  # key -> serial, offset, length
        self._serial = 0
        self._slack = slack

    def put(self, key: str, text: str, folder: Path) -> tuple[str, int]:
        """Keep ``text`` under ``key`` (replacing what was kept under it); its handle for :meth:`get`.
        ``folder`` holds the file, made when the first text is put."""
        data = text.encode("utf-8")
        if self._fd is None:
            folder.mkdir(parents=True, exist_ok=True)
            self._fd = _temporary(folder)
        old = self._where.pop(key, None)
        if old is not None:
            self._live -= old[2]
        if self._end - self._live > max(self._live, self._slack):
            self._compact(folder)
        self._serial += 1
        _write(self._fd, data, self._end)
        self._where[key] = (self._serial, self._end, len(data))
        self._end += len(data)
        self._live += len(data)
        return key, self._serial

    def get(self, handle: tuple[str, int]) -> str:
        """The text of ``handle``; ``KeyError`` when its key was put again since (or never)."""
        key, serial = handle
        where = self._where.get(key)
        if where is None or where[0] != serial:
            raise KeyError(key)
        return _read(self._fd, where[1], where[2]).decode("utf-8")

    def __contains__(self, handle: tuple[str, int]) -> bool:
        where = self._where.get(handle[0])
        return where is not None and where[0] == handle[1]

    def _compact(self, folder: Path) -> None:
        """Rewrite the file with the current texts only."""
        fd = _temporary(folder)
        end = 0
        for key, (serial, offset, length) in self._where.items():
            _write(fd, _read(self._fd, offset, length), end)
            self._where[key] = (serial, end, length)
            end += length
        os.close(self._fd)
        self._fd, self._end = fd, end


def _temporary(folder: Path) -> int:
    """A new unnamed file in ``folder`` (its descriptor; the file object is closed, the copy kept)."""
    with tempfile.TemporaryFile(dir=folder) as f:
        return os.dup(f.fileno())


def _write(fd: int, data: bytes, offset: int) -> None:
    view = memoryview(data)
    while view:
        written = os.pwrite(fd, view, offset)
        view, offset = view[written:], offset + written


def _read(fd: int, offset: int, length: int) -> bytes:
    data = os.pread(fd, length, offset)
    while len(data) < length:  # a short read (never seen on a regular file): read the rest
        more = os.pread(fd, length - len(data), offset + len(data))
        if not more:
            raise OSError(f"spill file ended at {offset + len(data)} of {offset + length}")
        data += more
    return data
