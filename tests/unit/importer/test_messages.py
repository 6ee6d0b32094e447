"""Everything the importer says to its user is Chinese: --help, argument errors, input errors,
the change list, warnings, the summary line and the folder table.

A message may hold what the user types or reads elsewhere — option names (--out-dir), field names
of the front matter (date:), vocabulary slugs, file types, format names, the kind code of a change
(its key in the JSON report, shown after its Chinese label), the file's own name and the source
text quoted in '…' — but no English word of its own.
"""

from __future__ import annotations

import re
import shutil

import pytest

from importer_support import FIXTURES, MODEL, WEB, import_text, run_cli
from speechlib.importer.report import KINDS

# Words a Chinese message may contain: what the user types or sees in their files.
ALLOWED = {
    "txt", "docx", "doc", "PDF", "RTF", "Word", "WPS", "UTF", "GB18030", "GBK", "YAML", "JSON",
    "Markdown", "YYYY", "MM", "DD", "zip", "NUL", "stdin", "utf", "sig", "gb18030",
    "title", "kind", "meeting_type", "genre", "level", "speaker", "date", "source", "period",
    "period_basis", "import_speech", "py", "exemplar",
} | set(KINDS) | {part for kind in KINDS for part in kind.split("-")} | {
    entry.slug for name in ("meeting_type", "genre", "level") for entry in MODEL.site.vocab(name)}
_QUOTED_RE = re.compile(r"'[^']*'")  # source text quoted in the change list
_OPTION_RE = re.compile(r"--[a-z-]+|-h\b")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z_]{2,}")


def english_words(message: str, *names: str) -> list[str]:
    for name in sorted(names, key=len, reverse=True):
        message = message.replace(name, "")
    message = _OPTION_RE.sub("", _QUOTED_RE.sub("", message))
    return [w for w in _WORD_RE.findall(message) if w not in ALLOWED and w.lower() not in ALLOWED]


def test_help_is_chinese():
    result = run_cli("--help")
    text = result.stdout.decode()
    assert result.returncode == 0 and text.startswith("用法：import_speech.py")
    assert "把从网页、PDF、Word 复制来的讲话稿" in text and "显示本说明并退出" in text
    assert english_words(text) == []


@pytest.mark.parametrize("args, message", [
    (("--bogus", "a.txt"), "无法识别的参数：--bogus；用 -h 查看可用的选项"),
    ((), "缺少必需的参数：输入"),
    (("a.txt", "--out", "x.md", "--out-dir", "d"), "选项 --out-dir 不能与 --out 同时使用"),
    (("a.txt", "--date"), "选项 --date 后面需要一个值"),
])
def test_argument_errors_are_chinese(args, message):
    result = run_cli(*args)
    err = result.stderr.decode()
    assert result.returncode == 2
    assert err.startswith("用法：import_speech.py") and err.endswith(f"import_speech.py: 错误：{message}\n")
    assert english_words(err) == []


def test_input_errors_are_chinese(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    folder = tmp_path / "folder"
    folder.mkdir()
    cases = [
        (str(empty),), (str(FIXTURES / "old.doc"),), (str(tmp_path / "none.txt"),),
        (str(folder),), (str(folder), "--dry-run"), (str(WEB / "08-pdf-wrap.txt"), "--genre", "演讲"),
        (str(WEB / "08-pdf-wrap.txt"), "--date", "去年"),
        (str(WEB / "03-collection-by-titles.txt"),),
    ]
    for args in cases:
        result = run_cli(*args)
        err = result.stderr.decode()
        assert result.returncode == 2 and err.startswith("错误：") and err.count("\n") == 1, err
        assert english_words(err, args[0]) == [], err


@pytest.mark.parametrize("path", sorted(WEB.glob("*.txt")), ids=lambda p: p.stem)
def test_the_change_list_and_warnings_are_chinese(path):
    result = import_text(path.read_text(encoding="utf-8"), name=path.name)
    lines = result.report.lines(path.name)
    for line in lines:
        assert english_words(line, path.name) == [], line
    assert all("警告：" in line for line in lines[len(lines) - len(result.report.warnings):])


def test_the_summary_and_the_folder_table_are_chinese(tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(WEB, inputs, ignore=shutil.ignore_patterns("expected"))
    shutil.copy(FIXTURES / "old.doc", inputs / "00-old-word.docx")
    result = run_cli(str(inputs), "--dry-run")
    table, err = result.stdout.decode(), result.stderr.decode()
    names = [p.name for p in inputs.iterdir()]
    assert english_words(table, str(inputs), *names) == []
    assert english_words(err, str(inputs), *names) == [], err
    single = run_cli(str(WEB / "08-pdf-wrap.txt"), "--out", str(tmp_path / "page.md"))
    summary = single.stderr.decode().splitlines()[-1]
    assert summary == (f"{WEB / '08-pdf-wrap.txt'}: 1 篇，18 处改动，编码 utf-8；已写入 {tmp_path / 'page.md'}")
