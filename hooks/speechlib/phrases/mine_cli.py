"""Print repeated strings of the speech pages that are neither in the glossary nor excluded.

Usage (from the repository root)::

    .venv/bin/python scripts/mine_phrases.py            # exemplars and templates under docs/
    .venv/bin/python scripts/mine_phrases.py --seeds ../shared/seeds   # the raw seed files
    .venv/bin/python scripts/mine_phrases.py --check    # exit 1 if anything new is found

Each page (docs/*/exemplars/*.md, docs/*/templates/*.md) is one document; with --seeds each speech
of a seed file is one. Output, most widespread first, one candidate a line::

    n_docs  n_occurrences  text  [first document ids]

Review each line: put a set phrase into data/phrases.yml (with category and note), anything else
into data/phrase_exclusions.yml (optionally with a reason), and run again until nothing is printed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from speechlib import cli
from speechlib.content import datafiles
from speechlib.content.glossary import GlossaryError, load_glossary
from speechlib.page.paragraphs import MarkdownReader
from speechlib.phrases.mining import load_exclusions, mine, new_candidates
from speechlib.text import CN_DIGITS, LINE_FINAL

ROOT = Path(__file__).resolve().parents[3]

# A seed file holds several speeches, each opening with "第一篇：…" or "…讲话篇一".
_SPEECH_START = re.compile(rf"^\s*第[{CN_DIGITS}]+篇|篇[{CN_DIGITS}]+\s*$")
_SENTENCE_END = tuple(LINE_FINAL + "”）")


def page_docs(docs_dir: Path) -> dict[str, list[str]]:
    pages = sorted(docs_dir.glob("*/exemplars/*.md")) + sorted(docs_dir.glob("*/templates/*.md"))
    reader = MarkdownReader(docs_dir.parent / "mkdocs.yml")
    return {
        page.relative_to(docs_dir).as_posix(): reader.texts(page.read_text(encoding="utf-8"))
        for page in pages
    }


def seed_docs(seeds_dir: Path) -> dict[str, list[str]]:
    docs: dict[str, list[str]] = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        speeches: list[list[str]] = [[]]
        for line in path.read_text(encoding="utf-8").splitlines():
            if _SPEECH_START.search(line) and speeches[-1]:
                speeches.append([])
            line = line.strip()
            if not line:
                continue
            # Hard line breaks fall inside sentences: join a long line to the next unless it ends
            # one (short lines without a full stop are titles and headings).
            previous = speeches[-1][-1] if speeches[-1] else ""
            if len(previous) >= 25 and not previous.endswith(_SENTENCE_END):
                speeches[-1][-1] += line
            else:
                speeches[-1].append(line)
        for number, paragraphs in enumerate(speeches, 1):
            docs[f"{path.stem[:3]}-{number}"] = paragraphs
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(
        "mine_phrases.py",
        "表述挖掘：列出在多篇文稿中重复出现、既不在词表（data/phrases.yml）也不在排除表"
        "（data/phrase_exclusions.yml）里的字符串，每行一条：篇数、次数、字符串、前几篇文稿。"
        "逐条判断：是固定表述的收入词表（写明类别和说明），不是的收入排除表，再运行一次，直到没有输出。",
        epilog="退出状态：0 完成；1 加了 --check 且发现新的候选；2 没有找到文稿或数据文件有错。",
    )
    parser.add_argument("--seeds", type=Path, metavar="文件夹", help="改为挖掘此文件夹中的种子文本（*.txt）")
    parser.add_argument("--min-docs", type=int, default=3, metavar="篇数", help="至少见于几篇（默认 3）")
    parser.add_argument("--min-len", type=int, default=4, metavar="字数", help="最短字数（默认 4）")
    parser.add_argument("--max-len", type=int, default=16, metavar="字数", help="最长字数（默认 16）")
    parser.add_argument("--all", action="store_true", help="词表和排除表里已有的字符串也列出")
    parser.add_argument("--check", action="store_true", help="发现新的候选时以状态 1 退出（供检查脚本用）")
    args = parser.parse_args(argv)

    docs = seed_docs(args.seeds) if args.seeds else page_docs(ROOT / "docs")
    if not docs:
        where = args.seeds if args.seeds else ROOT / "docs"
        print(f"{where}: 没有找到文稿（范文、模板页或种子 .txt 文件）；请检查路径", file=sys.stderr)
        return 2
    try:
        glossary = load_glossary(datafiles.path(ROOT, "phrases"), ROOT)
        exclusions = load_exclusions(datafiles.path(ROOT, "exclusions"), ROOT)
    except (GlossaryError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 2

    candidates = mine(
        docs,
        min_docs=args.min_docs,
        min_len=args.min_len,
        max_len=args.max_len,
        exclude=() if args.all else exclusions,
    )
    if not args.all:
        candidates = new_candidates(candidates, glossary.form_index())
    for c in candidates:
        shown = ", ".join(c.docs[:4]) + (", …" if len(c.docs) > 4 else "")
        print(f"{c.n_docs}\t{c.n_occurrences}\t{c.text}\t[{shown}]")
    print(f"共 {len(docs)} 篇文稿，{len(candidates)} 条候选", file=sys.stderr)
    return 1 if args.check and candidates else 0


if __name__ == "__main__":
    sys.exit(main())
