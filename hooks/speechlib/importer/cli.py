"""Import a speech (or a collection of speeches) from a damaged text into exemplar pages.

Usage:

    python scripts/import_speech.py INPUT [--out FILE | --out-dir DIR] [--dry-run]
        [--meeting-type SLUG] [--genre G] [--level L] [--date D] [--source S] [--report FILE]

INPUT is a .txt (UTF-8, UTF-8 with BOM, GB18030 or GBK), a .docx, ``-`` for standard input, or a
folder. One speech and no --out/--out-dir: the page goes to standard output. A collection
(第一篇…, …篇一) needs --out-dir: one page per speech, DIR/<slug>.md. Every change to the text is
listed on standard error (``--report FILE`` writes it as JSON); so are fields that could not be
inferred.

A folder imports every .txt and .docx in it (not its subfolders), in name order, into --out-dir,
with a progress bar on standard error (when it is a terminal). Each file's warnings go to
standard error, its changes to the --report file (a JSON object: file name → list of changes),
and a summary table to standard output, one row per speech (Markdown):

    | 文件 | 篇数 | 标题 | 会议类型 | 文种 | 改动 | 警告 |

A file that cannot be imported is reported on standard error and in the table, and nothing of it
is written; the other files are imported. ``--dry-run`` (for a file or a folder) writes nothing
and prints the table.

Exit status: 0 on success; 2 on bad input (one line on standard error, naming the file and the
line where it applies; nothing written); for a folder, 1 when some files failed and the rest
were imported. The rules are described in hooks/speechlib/importer/.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import cli
from . import ContentModel, InputError, Options, Page, Result, check_date, import_text, load, read_source
from .errors import os_reason
from .safety import file_mode
from .slugs import base_slug, taken_names, unique


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = cli.parser(
        "import_speech.py",
        "把从网页、PDF、Word 复制来的讲话稿（.txt 或 .docx）整理成范文页（Markdown），"
        "每一处删改都列在标准错误输出中。",
        epilog="退出状态：0 成功；2 输入有误（只输出一行说明，不写任何文件）；导入文件夹时有文件失败为 1。",
    )
    parser.add_argument("input", metavar="输入",
                        help=".txt、.docx 文件，- 表示标准输入，或一个存放 .txt 和 .docx 的文件夹")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--out", metavar="文件", help="把页面写入此文件（仅限一篇）")
    where.add_argument("--out-dir", metavar="目录",
                       help="每篇写成一页，存入此目录（文件名自动生成，不与已有页面重名）")
    parser.add_argument("--meeting-type", metavar="类型", help="会议类型，如 tuijinhui 或 推进会")
    parser.add_argument("--genre", metavar="文种", help="文种，如 讲话 或 jianghua")
    parser.add_argument("--level", metavar="层级", help="层级，如 县 或 xian")
    parser.add_argument("--date", metavar="日期", help="YYYY-MM-DD、YYYY-MM、YYYY 或 不详")
    parser.add_argument("--source", metavar="来源", help="文稿来源，如“县委办公室提供”")
    parser.add_argument("--report", metavar="文件", help="把改动清单另存为 JSON 文件")
    parser.add_argument("--dry-run", action="store_true",
                        help="不写任何文件，只输出改动清单和汇总表")
    return parser.parse_args(argv)


def options_from(args: argparse.Namespace, model: ContentModel) -> Options:
    """The front-matter options, checked against the content model; InputError if one is bad."""

    def checked(option: str, value: str | None, check) -> str | None:
        if value is None:
            return None
        try:
            return check(value.strip())
        except ValueError as error:
            raise InputError(args.input, f"{option}: {error}") from None

    def vocabulary(name: str):
        return lambda value: model.resolve(name, value)

    def non_empty(value: str) -> str:
        if not value:
            raise ValueError("取值为空")
        return value

    return Options(
        meeting_type=checked("--meeting-type", args.meeting_type, vocabulary("meeting_type")),
        genre=checked("--genre", args.genre, vocabulary("genre")),
        level=checked("--level", args.level, vocabulary("level")),
        date=checked("--date", args.date, check_date),
        source=checked("--source", args.source, non_empty),
    )


def write_all(files: list[tuple[Path, str]]) -> None:
    """Write every file to a temporary name first, then rename them all; nothing half-written."""
    done: list[tuple[str, Path]] = []
    target = None
    try:
        for target, text in files:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                        suffix=".tmp")
            done.append((temp, target))
            os.fchmod(fd, file_mode())  # mkstemp makes 0600; a page is as readable as any new file
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        for temp, target in done:
            os.replace(temp, target)
    except OSError as error:
        for temp, _ in done:
            Path(temp).unlink(missing_ok=True)
        raise InputError(str(target), f"无法写入：{os_reason(error)}；"
                                        "请检查目录是否存在、是否有写入权限") from None


@dataclass
class Imported:
    """One input file and what became of it: its pages, or the error that stopped it."""

    name: str
    result: Result | None = None
    encoding: str = ""
    error: str = ""


def import_file(path: str, model: ContentModel, options: Options) -> Imported:
    """Read and import one file; InputError if it cannot be imported."""
    source = read_source(path)
    result = import_text(source.text, source.name, model, options)
    for line, message in source.warnings:
        result.report.warn(message, line)
    return Imported(source.name, result, source.encoding)


def page_files(pages: list[Page], directory: Path, model: ContentModel,
               taken: set[str]) -> list[tuple[Path, str]]:
    return [(directory / f"{unique(base_slug(page.meta, model), taken)}.md", page.text)
            for page in pages]


def run(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    model = load()
    options = options_from(args, model)
    if args.input != "-" and Path(args.input).is_dir():
        return run_folder(args, model, options)
    imported = import_file(args.input, model, options)
    result = imported.result
    assert result is not None
    pages = result.pages
    if len(pages) > 1 and not args.out_dir and not args.dry_run:
        raise InputError(imported.name, f"文件中有 {len(pages)} 篇讲话；请加 --out-dir 目录，"
                                        "每篇写成一页")
    files: list[tuple[Path, str]] = []
    if args.out_dir:
        files += page_files(pages, Path(args.out_dir), model, taken_names(Path(args.out_dir)))
    elif args.out:
        files.append((Path(args.out), pages[0].text))
    if args.report:
        report = json.dumps(result.report.as_json(), ensure_ascii=False, indent=1)
        files.append((Path(args.report), report + "\n"))
    err = sys.stderr
    if args.dry_run:
        for line in result.report.lines(imported.name):
            print(line, file=err)
        print(summary_table([imported]), end="")
        return 0
    write_all(files)
    if not args.out and not args.out_dir:
        sys.stdout.buffer.write(pages[0].text.encode("utf-8"))
        sys.stdout.flush()
    for line in result.report.lines(imported.name):
        print(line, file=err)
    written = [str(path) for path, _ in files if not args.report or path != Path(args.report)]
    summary = f"{imported.name}: {len(pages)} 篇，{len(result.report.changes)} 处改动"
    summary += f"，编码 {imported.encoding}"
    print(summary + ("；已写入 " + "、".join(written) if written else ""), file=err)
    return 0


def folder_inputs(directory: Path) -> list[Path]:
    """The .txt and .docx files of ``directory`` (not its subfolders), in name order."""
    return sorted(p for p in directory.iterdir()
                  if p.is_file() and p.suffix.lower() in (".txt", ".docx") and not p.name.startswith("."))


def run_folder(args: argparse.Namespace, model: ContentModel, options: Options) -> int:
    from tqdm import tqdm  # pinned in requirements.txt

    directory = Path(args.input)
    if args.out:
        raise InputError(args.input, "导入文件夹时每篇写成一页：请用 --out-dir 目录，不能用 --out")
    if not args.out_dir and not args.dry_run:
        raise InputError(args.input, "请用 --out-dir 目录 指定页面写到哪里（或加 --dry-run 只看结果）")
    inputs = folder_inputs(directory)
    if not inputs:
        raise InputError(args.input, "此文件夹中没有 .txt 或 .docx 文件")
    out_dir = Path(args.out_dir) if args.out_dir else None
    taken = taken_names(out_dir) if out_dir else set()
    done: list[Imported] = []
    reports: dict[str, object] = {}
    # The bar shows itself only on a terminal; messages go through tqdm.write so as not to break it.
    bar = tqdm(inputs, desc="导入", unit="个文件", file=sys.stderr, disable=None)
    for path in bar:
        bar.set_postfix_str(path.name, refresh=False)
        try:
            imported = import_file(str(path), model, options)
            assert imported.result is not None
            if out_dir and not args.dry_run:
                write_all(page_files(imported.result.pages, out_dir, model, taken))
        except InputError as error:
            imported = Imported(str(path), error=str(error))
        except Exception as error:  # a bug must not cost the other files their import
            imported = Imported(str(path), error=f"{path}: 导入程序内部错误，请报告此问题："
                                                 f"{type(error).__name__}: {error}")
        done.append(imported)
        if imported.error:
            tqdm.write(f"错误：{imported.error}", file=sys.stderr)
            continue
        assert imported.result is not None
        reports[path.name] = imported.result.report.as_json()
        for line, message in imported.result.report.warnings:
            where = f"{imported.name}:{line}" if line else imported.name
            tqdm.write(f"{where}: 警告：{message}", file=sys.stderr)
    bar.close()
    if args.report and not args.dry_run:
        write_all([(Path(args.report),
                    json.dumps(reports, ensure_ascii=False, indent=1) + "\n")])
    print(summary_table(done), end="")
    failed = sum(bool(i.error) for i in done)
    pages = sum(len(i.result.pages) for i in done if i.result)
    what = "将写入" if args.dry_run else "已写入"
    print(f"{directory}: 共 {len(done)} 个文件，{failed} 个失败；{what} {pages} 页"
          + (f"到 {out_dir}" if out_dir else ""), file=sys.stderr)
    return 1 if failed else 0


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ") if value is not None else ""


def summary_table(done: list[Imported]) -> str:
    """The Markdown summary table: one row per speech, the file's counts on its first row."""
    rows = ["| 文件 | 篇数 | 标题 | 会议类型 | 文种 | 改动 | 警告 |",
            "| --- | --: | --- | --- | --- | --: | --: |"]
    for imported in done:
        name = Path(imported.name).name
        if imported.error or imported.result is None:
            rows.append(f"| {_cell(name)} | 0 | 失败：{_cell(imported.error)} |  |  |  |  |")
            continue
        result = imported.result
        for number, page in enumerate(result.pages):
            meta = page.meta
            file_cells = ((name, len(result.pages)) if number == 0 else ("", ""))
            counts = ((len(result.report.changes), len(result.report.warnings)) if number == 0
                      else ("", ""))
            cells = [*file_cells, meta.get("title") or "—", meta.get("meeting_type") or "—",
                     meta.get("genre") or "—", *counts]
            rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    try:
        return run(argv)
    except InputError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
