"""Every script staff run speaks Chinese on its command line (speechlib.cli): ``--help`` and a
mistyped option, with the exit status argparse gives (0 and 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from speechlib import cli

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted(p.name for p in (ROOT / "scripts").glob("*.py"))
ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "error:")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("script", SCRIPTS)
def test_help_is_chinese(script):
    result = run(f"scripts/{script}", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"用法：{script}"), result.stdout
    assert "选项" in result.stdout and "显示本说明并退出" in result.stdout
    assert not [word for word in ENGLISH if word in result.stdout.lower()], result.stdout


# Scripts with a required argument are given one: argparse reports a missing argument first.
REQUIRED = {"check_draft.py": ["稿件.txt"], "import_speech.py": ["稿件.txt"]}


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_mistyped_option_is_explained_in_chinese(script):
    result = run(f"scripts/{script}", *REQUIRED.get(script, []), "--nonesuch")
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last == f"{script}: 错误：无法识别的参数：--nonesuch；用 -h 查看可用的选项", result.stderr


def test_argparse_messages_in_chinese():
    assert cli.message("argument --runs: invalid int value: 'x'") == "选项 --runs 要写整数（收到的是 'x'）"
    assert cli.message("argument --server: invalid choice: 'apache' (choose from python, nginx)") == (
        "选项 --server 只能是 python, nginx 之一（收到的是 'apache'）"
    )
    own = "--sizes x：请写成以逗号分隔的篇数"  # a script's own parser.error(...)
    assert cli.message(own) == own
    assert cli.message("something new") == "命令行参数有误（something new）；用 -h 查看用法"


def test_a_parser_can_say_what_to_give_when_nothing_is_given(capsys):
    parser = cli.parser("x.py", "说明", missing="请给出要核对的文件")
    parser.add_argument("files", nargs="+", metavar="文件")
    with pytest.raises(SystemExit) as exit_:
        parser.parse_args([])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == "x.py: 错误：请给出要核对的文件"
