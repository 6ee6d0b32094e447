"""The one error type of the importer: bad input, reported as ``FILE:LINE: message``.

The command line catches :class:`InputError`, prints ``str(error)`` on one line and exits with
status 2. Nothing else in the package raises for bad input, so a traceback always means a bug.
"""

from __future__ import annotations


class InputError(Exception):
    """Input the importer cannot use: unreadable file, unknown option value, empty speech …"""

    def __init__(self, name: str, message: str, line: int | None = None) -> None:
        self.name = name
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.name}:{self.line}" if self.line else self.name
        return f"{where}: {self.message}"
