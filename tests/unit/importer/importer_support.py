"""Helpers shared by the importer tests (no tests here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import speechlib.importer as si
from conftest import ROOT
from speechlib.text import han_only

SCRIPT = ROOT / "scripts" / "import_speech.py"
SEEDS_DIR = ROOT.parent / "shared" / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "importer"
MODEL = si.load()

# Report kinds that remove source text, and kinds that replace it (the rest change marks, spaces or
# line breaks).
REMOVING = {"chunk-number", "watermark", "link-list", "collection-title", "intro", "preamble",
            "split", "page-marker", "page-number", "header", "pinyin", "furniture", "decoration",
            "title-suffix", "anti-copy"}
REPLACING = {"slip", "traditional", "placeholder", "hidden-name"}


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=120)


def import_text(text: str, name: str = "test.txt", **options: str) -> si.Result:
    return si.import_text(text, name, MODEL, si.Options(**options))


def page(text: str, **options: str) -> str:
    """The one page imported from ``text``."""
    result = import_text(text, **options)
    assert len(result.pages) == 1, [p.meta.get("title") for p in result.pages]
    return result.pages[0].text


def body(page_text: str) -> str:
    """The body of a rendered page (front matter removed)."""
    return page_text.split("\n---\n", 1)[1].strip()


def paragraphs(page_text: str) -> list[str]:
    return body(page_text).split("\n\n")


def surviving_han(source: str, result: si.Result) -> tuple[str, str]:
    """(Han characters the source should keep, Han characters the pages have), for comparing.

    The first is the source with every reported removal taken out and every reported replacement
    (slip, traditional character, placeholder) made, line by line, in the order the rules made
    them; the second the page bodies without editor's notes. They are equal when nothing was lost
    or changed without being reported.
    """
    lines = source.split("\n")
    for change in result.report.changes:
        if change.kind in REMOVING and not han_only(change.text):
            # Removes no Han character; marks (◆◆, anti-copy dots) removed by two rules may no
            # longer stand together in the line as it is replayed here.
            continue
        if change.kind in REMOVING and change.text:
            assert change.text in lines[change.line - 1], change
            lines[change.line - 1] = lines[change.line - 1].replace(change.text, "", 1)
        elif change.kind in REPLACING:
            assert change.text in lines[change.line - 1], change
            lines[change.line - 1] = lines[change.line - 1].replace(
                change.text, change.replacement, 1)
    kept = "".join(han_only(si.strip_markup(p.text)) for p in result.pages)
    return han_only("\n".join(lines)), kept


WEB = FIXTURES / "web"
WORD_COPY = [  # the paragraphs of web/12-word-copy.docx, as make_word_copy writes them
    "在全县教育工作会议上的讲话",
    "（2024年9月10日）",
    "同志们：",
    "今天召开全县教育工作会议，主要任务是总结上学年教育工作，部署新学年重点任务。刚才，"
    "\n县教育局局长　　　　同志作了工作报告，我完全同意。",
    "一、办好人民满意的教育",
    "教育是国之大计、党之大计。各乡镇、各部门要把教育摆在优先发展的战略位置，做到经费优先保障、"
    "问题优先解决。",
    "二、建设高素质教师队伍",
    "要落实教师工资待遇保障机制，确保义务教育教师平均工资收入水平不低于当地公务员平均工资收入水平。",
    "同志们，教育事业关系千家万户。让我们共同努力，推动全县教育事业高质量发展！",
]


def make_word_copy(path: Path) -> Path:
    """Write the Word copy of a speech (a soft line break and a hidden name in it) with python-docx."""
    import docx

    document = docx.Document()
    for text in WORD_COPY:
        paragraph = document.add_paragraph()
        first, *rest = text.split("\n")
        run = paragraph.add_run(first)
        for piece in rest:
            run.add_break()  # Shift+Enter in Word: a line break inside the paragraph
            run = paragraph.add_run(piece)
    document.save(str(path))
    return path
