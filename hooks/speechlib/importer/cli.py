"""Import a speech (or a collection of speeches) from a damaged text into exemplar pages.

Usage:

    python scripts/import_speech.py INPUT [--out FILE | --out-dir DIR] [--meeting-type SLUG]
        [--genre G] [--level L] [--date D] [--source S] [--report FILE]

INPUT is a .txt (UTF-8, UTF-8 with BOM, GB18030 or GBK), a .docx, or ``-`` for standard input.
One speech and no --out/--out-dir: the page goes to standard output. A collection (第一篇…,
…篇一) needs --out-dir: one page per speech, DIR/<slug>.md. Every change to the text is listed on
standard error (``--report FILE`` writes it as JSON); so are fields that could not be inferred.

Exit status: 0 on success, 2 on bad input (one line on standard error, naming the file and the
line where it applies; nothing written). The rules are described in hooks/speechlib/importer/.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from . import ContentModel, InputError, Options, check_date, import_text, load, read_source
from .slugs import base_slug, taken_names, unique


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="import_speech.py",
        description="Import speeches from a .txt or .docx into exemplar pages (Markdown).")
    parser.add_argument("input", metavar="INPUT", help=".txt, .docx, or - for standard input")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--out", metavar="FILE", help="write the page to FILE (one speech only)")
    where.add_argument("--out-dir", metavar="DIR",
                       help="write one page per speech to DIR/<slug>.md")
    parser.add_argument("--meeting-type", metavar="SLUG", help="meeting type, e.g. tuijinhui")
    parser.add_argument("--genre", metavar="G", help="genre, e.g. 讲话 or jianghua")
    parser.add_argument("--level", metavar="L", help="level, e.g. 县 or xian")
    parser.add_argument("--date", metavar="D", help="YYYY-MM-DD, YYYY-MM, YYYY or 不详")
    parser.add_argument("--source", metavar="S", help="where the text comes from")
    parser.add_argument("--report", metavar="FILE", help="write the change report as JSON")
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
            raise ValueError("empty value")
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
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        for temp, target in done:
            os.replace(temp, target)
    except OSError as error:
        for temp, _ in done:
            Path(temp).unlink(missing_ok=True)
        raise InputError(str(target), f"cannot write: {error.strerror or error}") from None


def run(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    model = load()
    options = options_from(args, model)
    source = read_source(args.input)
    result = import_text(source.text, source.name, model, options)
    for line, message in source.warnings:
        result.report.warn(message, line)
    pages = result.pages
    if len(pages) > 1 and not args.out_dir:
        raise InputError(source.name, f"found {len(pages)} speeches; give --out-dir DIR to write "
                                      "one page per speech")
    files: list[tuple[Path, str]] = []
    if args.out_dir:
        directory = Path(args.out_dir)
        taken = taken_names(directory)
        for page in pages:
            slug = unique(base_slug(page.meta, model), taken)
            files.append((directory / f"{slug}.md", page.text))
    elif args.out:
        files.append((Path(args.out), pages[0].text))
    if args.report:
        report = json.dumps(result.report.as_json(), ensure_ascii=False, indent=1)
        files.append((Path(args.report), report + "\n"))
    write_all(files)
    if not args.out and not args.out_dir:
        sys.stdout.buffer.write(pages[0].text.encode("utf-8"))
        sys.stdout.flush()
    err = sys.stderr
    for line in result.report.lines(source.name):
        print(line, file=err)
    written = [str(path) for path, _ in files if not args.report or path != Path(args.report)]
    summary = f"{source.name}: {len(pages)} speech(es), {len(result.report.changes)} changes"
    summary += f", encoding {source.encoding}"
    print(summary + (": wrote " + ", ".join(written) if written else ""), file=err)
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return run(argv)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
