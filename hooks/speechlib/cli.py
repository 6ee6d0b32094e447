"""Command lines in Chinese: argparse with its own words (usage, headings, -h, errors) translated.

Every script staff run (``scripts/*.py``) builds its parser here, so ``--help`` and a mistyped option
read the same way everywhere::

    parser = cli.parser("check_draft.py", "提法核对：……", epilog="退出状态：……")
    parser.add_argument("files", nargs="+", metavar="文件", help="……")
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

from speechlib.text import HAN_RE

# argparse's error messages, in the forms our commands can produce, and their Chinese.
_MESSAGES = (
    (r"the following arguments are required: (.+)", "缺少必需的参数：{0}"),
    (r"unrecognized arguments: (.+)", "无法识别的参数：{0}；用 -h 查看可用的选项"),
    (r"argument (\S+): expected one argument", "选项 {0} 后面需要一个值"),
    (r"argument (\S+): not allowed with argument (\S+)", "选项 {0} 不能与 {1} 同时使用"),
    (r"ambiguous option: (\S+) could match (.+)", "选项 {0} 有歧义，可能是：{1}"),
    (r"argument (\S+): ignored explicit argument (.+)", "选项 {0} 不带值（多余的值：{1}）"),
    (r"argument (\S+): invalid int value: (.+)", "选项 {0} 要写整数（收到的是 {1}）"),
    (
        r"argument (\S+): invalid choice: (\S+) \(choose from (.+)\)",
        "选项 {0} 只能是 {2} 之一（收到的是 {1}）",
    ),
)


def message(text: str) -> str:
    """The Chinese of one of argparse's error messages; a script's own Chinese message as it is; a
    generic sentence for any other."""
    for pattern, chinese in _MESSAGES:
        match = re.fullmatch(pattern, text)
        if match:
            return chinese.format(*match.groups())
    if HAN_RE.search(text):  # the script's own message (parser.error("…")): already Chinese
        return text
    return f"命令行参数有误（{text}）；用 -h 查看用法"


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001 (argparse's own)
        super().add_usage(usage, actions, groups, prefix="用法：")


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are Chinese: usage, then ``prog: 错误：…``, exit status 2."""

    def __init__(self, *args, missing: str | None = None, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.missing = missing  # what to say when the required arguments are missing, if not the default

    def error(self, text: str) -> NoReturn:
        self.print_usage(sys.stderr)
        said = (
            self.missing if self.missing and text.startswith("the following arguments are required") else None
        )
        self.exit(2, f"{self.prog}: 错误：{said or message(text)}\n")


def parser(prog: str, description: str, epilog: str | None = None, missing: str | None = None) -> Parser:
    """A parser for the script ``prog`` with Chinese headings and ``-h, --help``; ``missing`` is what
    to tell someone who gave none of the required arguments (say what to give, not its name)."""
    made = Parser(
        prog=prog,
        description=description,
        epilog=epilog,
        add_help=False,
        formatter_class=_Formatter,
        missing=missing,
    )
    made._positionals.title = "参数"
    made._optionals.title = "选项"
    made.add_argument("-h", "--help", action="help", help="显示本说明并退出")
    return made
