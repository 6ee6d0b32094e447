"""``scripts/check_draft.py FILE…``: the 提法核对 rules over .txt and .docx files, in the terminal.

The same rule set (:func:`speechlib.check.rules.compile_rules` over the project's data/) and the
same findings as the 提法核对 page. One line per finding, ``文件:行:列: [类别] 说明（可改为：…）``,
then a count per file. Exit status: 0 when no file has a finding of a fault class, 1 when one
has, 2 when a file cannot be read or the data files have an error (nothing else is printed then
for that file).

A .docx is read as the page reads it: every ``w:p`` of ``word/document.xml`` a line, ``w:t`` its
text, ``w:tab`` a tab, ``w:br``/``w:cr`` a line break. A .txt may be UTF-8 (with or without BOM)
or GB18030/GBK.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from .. import cli
from .engine import check
from .rules import RulesError, compile_rules

ROOT = Path(__file__).resolve().parents[3]  # hooks/speechlib/check/cli.py → the project folder
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DraftError(Exception):
    """A file that cannot be read as a draft; the message is Chinese and names the file."""


def read_docx(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("word/document.xml")
        root = ElementTree.fromstring(xml)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        raise DraftError(f"{name}: 不是有效的 .docx 文件；请在 Word 或 WPS 中重新保存后再试") from None
    return "\n".join("".join(_runs(p)) for p in root.iter(f"{W}p"))


def _runs(node) -> list[str]:
    """The text of a w:p: w:t as written, w:tab a tab, w:br and w:cr a line break; nested w:p left
    to their own line."""
    parts: list[str] = []
    for child in node:
        if child.tag == f"{W}t":
            parts.append(child.text or "")
        elif child.tag == f"{W}tab":
            parts.append("\t")
        elif child.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif child.tag != f"{W}p":
            parts += _runs(child)
    return parts


def read_draft(path: str) -> str:
    p = Path(path)
    if p.suffix.lower() == ".doc":
        raise DraftError(f"{path}: 老式 .doc 文件无法读取；请在 Word 或 WPS 中另存为 .docx 后再试")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise DraftError(f"{path}: 文件不存在") from None
    except IsADirectoryError:
        raise DraftError(f"{path}: 这是文件夹，请给出 .txt 或 .docx 文件") from None
    except OSError as exc:
        raise DraftError(f"{path}: 无法读取（{exc.strerror}）") from None
    if data.startswith(b"PK\x03\x04") or p.suffix.lower() == ".docx":
        return read_docx(data, path)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DraftError(f"{path}: 既不是 UTF-8 也不是 GB18030 编码的文本；请另存为 UTF-8 的 .txt 后再试")


def _parser() -> argparse.ArgumentParser:
    parser = cli.parser(
        "check_draft.py",
        "提法核对：按文库的数据（较早提法、受限用语、填空项、序号、标点、数字概括、固定表述）"
        "核对讲话稿，与站点“提法核对”页面的结果相同。",
        epilog="退出状态：0 没有需要核对的问题；1 有需要核对的问题；2 文件无法读取或数据文件有错。",
        missing="请给出要核对的 .txt 或 .docx 文件",
    )
    parser.add_argument("files", nargs="+", metavar="文件", help="要核对的 .txt 或 .docx 文件，可以给多个")
    parser.add_argument("--all", action="store_true", help="同时列出识别到的固定表述（只是提示，不算问题）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出全部结果（每个文件一项）")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        rules = compile_rules(ROOT)
    except RulesError as exc:
        print(f"数据文件有错：{exc}", file=sys.stderr)
        return 2
    labels = {c["id"]: c["label"] for c in rules["classes"]}
    faults = {c["id"] for c in rules["classes"] if c["fault"]}
    status = 0
    report = []
    for path in args.files:
        try:
            text = read_draft(path)
        except DraftError as exc:
            print(str(exc), file=sys.stderr)
            status = 2
            continue
        findings = check(text, rules)
        report.append({"file": path, "findings": findings})
        found = [f for f in findings if f["cls"] in faults]
        if found and status == 0:
            status = 1
        if args.json:
            continue
        for f in findings:
            if f["cls"] not in faults and not args.all:
                continue
            hint = f"（可改为：{'／'.join(f['suggest'])}）" if f["suggest"] else ""
            print(f"{path}:{f['line']}:{f['col']}: [{labels[f['cls']]}] {f['message']}{hint}")
        counts = {}
        for f in found:
            counts[f["cls"]] = counts.get(f["cls"], 0) + 1
        if found:
            detail = "，".join(f"{labels[c]} {counts[c]}" for c in labels if c in counts)
            print(f"{path}: 共 {len(found)} 处需要核对（{detail}）")
        else:
            print(f"{path}: 未发现需要核对的问题")
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        print()
    return status
