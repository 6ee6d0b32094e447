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

import argparse
import re
import sys
from pathlib import Path

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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, help="mine the raw seed files in this folder instead")
    parser.add_argument("--min-docs", type=int, default=3)
    parser.add_argument("--min-len", type=int, default=4)
    parser.add_argument("--max-len", type=int, default=16)
    parser.add_argument("--all", action="store_true", help="also list known and excluded strings")
    parser.add_argument("--check", action="store_true", help="exit 1 when new candidates are found")
    args = parser.parse_args(argv)

    docs = seed_docs(args.seeds) if args.seeds else page_docs(ROOT / "docs")
    if not docs:
        print("no pages found", file=sys.stderr)
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
    print(f"{len(candidates)} candidates from {len(docs)} documents", file=sys.stderr)
    return 1 if args.check and candidates else 0


if __name__ == "__main__":
    sys.exit(main())
