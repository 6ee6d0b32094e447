"""Benchmark libraries: a copy of the project with N generated exemplars made from the real paragraphs.

The search benchmark (``scripts/bench_search.py``) needs a library of realistic size: about 2,000
speeches and 10 M Han characters. :func:`make_library` copies the project to a folder and writes N
exemplar pages into it, deterministically for a seed:

- the sentences of the real exemplars (split after 。！？；) are the material; each generated
  paragraph joins one to five of them, so paragraphs are new combinations of real wording and the
  postings, rare bigrams and phrase frequencies look like the real library's, not like N copies;
- each speech opens with 同志们：, has three or four numbered sections (一、 … as ``##``, with the
  real section headings), and a length drawn around 5,000 Han characters (log-normal, 1,200–15,000);
- front matter is spread over every meeting type, genre, level and year 2003–2024 (one in ten
  undated), so filters and periods are exercised; titles name the meeting and a serial number.

The real templates and exemplars stay in the copy, so the result pages and glossary work as on the
real site.
"""

from __future__ import annotations

import math
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from speechlib.content import datafiles
from speechlib.content.model import load_model
from speechlib.text import han_only, split_front_matter

_IGNORE_ANYWHERE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    "*.egg-info",
    "bench-out",
    ".cache",
)
# Build output, only at the top (hooks/speechlib/site is code).
_IGNORE_AT_TOP = {"site", "offline", "test-artifacts"}


def _ignore(root: Path):
    def ignore(folder: str, names: list[str]) -> set[str]:
        found = set(_IGNORE_ANYWHERE(folder, names))
        if Path(folder) == root:
            found |= _IGNORE_AT_TOP & set(names)
        return found

    return ignore


_SENTENCE_RE = re.compile(r"[^。！？；]+[。！？；][”’」』）)]*")
_MARKDOWN_START = re.compile(r"^(?:[#<>|*\-+!?:\[`]|\d+[.、)]|\s)")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、])\s*")
CN = "一二三四五六七八九十"
GENRES = (
    ("讲话", 50),
    ("主持词", 20),
    ("工作报告", 10),
    ("工作汇报", 8),
    ("表态发言", 5),
    ("经验交流", 5),
    ("致辞", 2),
)
LEVELS = ("省", "市", "县", "区", "乡镇", "部门")
PLACES = ("全县", "全市", "全区", "全镇", "全省", "全系统")


@dataclass
class Material:
    sentences: list[str]
    headings: list[str]


def read_material(docs: Path) -> Material:
    """Sentences and section headings of the real exemplars, in a stable order."""
    sentences: list[str] = []
    headings: list[str] = []
    for path in sorted(docs.glob("*/exemplars/*.md")):
        _, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
        for line in body.splitlines():
            line = line.strip()
            if line.startswith("## "):
                heading = _NUMBERING.sub("", line[3:]).strip()
                if heading and len(heading) <= 30:
                    headings.append(heading)
                continue
            if not line or _MARKDOWN_START.match(line) or "<" in line:
                continue
            sentences += [
                s
                for s in _SENTENCE_RE.findall(line)
                if len(han_only(s)) >= 4 and not _MARKDOWN_START.match(s)
            ]
    return Material(sentences, headings or ["统一思想，提高认识", "突出重点，狠抓落实", "加强领导，强化保障"])


def speech(i: int, rng: random.Random, material: Material, meeting_type: str, genre: str) -> tuple[str, int]:
    """One generated page (front matter and body) and its count of Han characters."""
    year = rng.randint(2003, 2024)
    date = "不详" if rng.random() < 0.1 else f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    level = rng.choice(LEVELS)
    title = f"在{rng.choice(PLACES)}{meeting_type}上的{genre}（第{i + 1}号）"
    target = min(15000, max(1200, int(rng.lognormvariate(math.log(4600), 0.45))))
    lines = [
        "---",
        f"title: {title}",
        "kind: exemplar",
        f"meeting_type: {meeting_type}",
        f"genre: {genre}",
        f"level: {level}",
        f"date: {date}",
        "source: 基准测试生成",
        "topics: [人口和计划生育]",
        "---",
        "",
        "同志们：",
        "",
    ]
    size = 0
    sections = rng.choice((3, 4))
    per_section = target // sections
    for s in range(sections):
        lines += [f"## {CN[s]}、{rng.choice(material.headings)}", ""]
        written = 0
        while written < per_section:
            paragraph = "".join(rng.choice(material.sentences) for _ in range(rng.randint(1, 5)))
            n = len(han_only(paragraph))
            lines += [paragraph, ""]
            written += n
        size += written
    return "\n".join(lines), size


def make_library(dest: Path, root: Path, count: int, seed: int = 20261130) -> dict[str, int]:
    """Copy the project at ``root`` to ``dest`` and add ``count`` generated exemplars; return figures."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(root, dest, ignore=_ignore(root))
    docs = dest / "docs"
    material = read_material(docs)
    model = load_model(datafiles.path(root, "model"))
    meeting_types = model.vocab("meeting_type")
    genres = [g for g, w in GENRES for _ in range(w)]
    known = {g.label for g in model.vocab("genre")}
    genres = [g for g in genres if g in known]
    rng = random.Random(seed)
    han = 0
    for i in range(count):
        mt = meeting_types[i % len(meeting_types)]
        text, n = speech(i, rng, material, mt.label, rng.choice(genres))
        han += n
        path = docs / mt.slug / "exemplars" / f"bench-{i + 1:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return {"speeches": count, "han_chars": han, "sentences": len(material.sentences)}
