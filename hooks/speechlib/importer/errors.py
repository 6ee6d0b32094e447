"""The one error type of the importer: bad input, reported as ``FILE:LINE: message``.

The command line catches :class:`InputError`, prints ``str(error)`` on one line and exits with
status 2. Nothing else in the package raises for bad input, so a traceback always means a bug.
It is the text core's :class:`speechlib.text.SourceError` (so a caller that handles every fault
of an author's file catches it too), with the line optional: a fault of the file as a whole
(unreadable, empty, an unknown option value) is ``FILE: message``.
"""

from __future__ import annotations

import errno

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


# The operating system's reasons in Chinese (its own strerror is English on most systems).
_OS_REASONS = {
    errno.ENOENT: "文件或目录不存在", errno.EACCES: "没有访问权限", errno.EPERM: "没有访问权限",
    errno.EISDIR: "这是一个目录", errno.ENOTDIR: "路径中有一部分不是目录", errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统是只读的", errno.ENAMETOOLONG: "文件名太长",
}


def os_reason(error: OSError) -> str:
    """Why an operating-system call failed, in Chinese (the system's own words as a fallback)."""
    return _OS_REASONS.get(error.errno or 0) or f"系统错误：{error.strerror or error}"
