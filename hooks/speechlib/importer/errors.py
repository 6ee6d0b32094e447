"""The one error type of the importer: bad input, reported as ``FILE:LINE: message``.

The command line catches :class:`InputError`, prints ``str(error)`` on one line and exits with
status 2. Nothing else in the package raises for bad input, so a traceback always means a bug.
It is the text core's :class:`speechlib.text.SourceError` (so a caller that handles every fault
of an author's file catches it too), with the line optional: a fault of the file as a whole
(unreadable, empty, an unknown option value) is ``FILE: message``.
"""

from __future__ import annotations

from ..text import SourceError


class InputError(SourceError):
    """Input the importer cannot use: unreadable file, unknown option value, empty speech …"""

    def __init__(self, name: str, message: str, line: int | None = None) -> None:
        super().__init__(name, line, message)  # type: ignore[arg-type]  # line may be None here
        self.name = name
        self.args = (str(self),)

    def __str__(self) -> str:
        where = f"{self.name}:{self.line}" if self.line else self.name
        return f"{where}: {self.message}"
