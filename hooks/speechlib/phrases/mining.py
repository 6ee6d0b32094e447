"""Mining candidate set phrases: maximal repeated strings shared by several speeches.

Input: ``docs`` maps a speech id to its paragraph texts. Each paragraph is normalized
(:func:`speechlib.page.paragraphs.normalize`) and cut into segments at hard boundaries, the sentence
ends 。！？；, the ellipsis …, template slots ［…］ and line breaks: a set phrase never spans two
sentences, while a comma or an enumeration comma inside one (亲自抓、负总责; 下面，我讲三点意见) is
kept. Candidates are reported with Chinese punctuation (:func:`display_form`); comparisons with
the exclusions and the glossary are on normalized text.

A string of ``min_len`` to ``max_len`` characters is *frequent* when it occurs in at least
``min_docs`` documents. Frequent strings are counted level by level (a string can only be frequent
if both its one-character-shorter prefix and suffix are), so the miner is linear in the corpus for
each length. Of the frequent strings, a :class:`Candidate` is returned when it is

- *useful*: it does not start or end with punctuation or a function character (的 了 和 与 及 在 是
  …, see ``BAD_START``/``BAD_END``; 要 and 好 also at the start, where they are the tail of 需要,
  做好, 抓好 …; so 在肯定成绩的同时 surfaces as 肯定成绩的同时); its quotes and brackets are
  balanced; each piece between commas or colons is at least two characters long and passes the
  same start and end test; it holds no Arabic digit, Latin letter, percent sign or placeholder (×,
  XX, **: figures, dates and link targets change from page to page); and at least two of its
  characters are not function characters or numerals;
- *maximal*: no longer useful frequent string contains it and occurs in exactly the same documents
  the same number of times (so 低生育水平 is dropped in favour of 稳定低生育水平 when the two always
  occur together, and kept when it also occurs on its own). Strings one character longer than
  ``max_len`` take part in this test without being reported, so a whole sentence that two pages
  share (a template quoting its exemplar) does not come out as a pile of ``max_len`` windows;
- *not dominated*: no longer useful frequent string containing it accounts for at least
  ``dominance`` (default 0.8) of its occurrences. This drops most strings cut in the middle of a
  word, such as 人口和计 (nine times in ten followed by 划生育); ``dominance=1.0`` leaves plain
  maximality;
- not excluded: its normalized text is not in ``exclude`` (data/phrase_exclusions.yml, the strings
  a reviewer has rejected).

Example: three speeches that each say 请大家认真贯彻落实。 give the candidate 请大家认真贯彻落实 (and
not 大家认真贯彻落实 or 认真贯彻落实, which never occur without 请大家 in front).

Exclusions file format (data/phrase_exclusions.yml), a list of strings or of {text, reason}::

    - 人口和计划生育工作                       # a plain string
    - {text: 各级各部门要, reason: 句子片段}
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pydantic

from speechlib.content import datafiles
from speechlib.text import display_path, normalize

# Characters after which (or before which) a string is a fragment of a longer phrase.
BAD_START = frozenset("的了着过和与及或是对把被等也而并但且就都又之其所吗呢吧啊么在要好")
BAD_END = frozenset("的了和与及或是对把被等也而并但且就都又之其所在向从将让使给要得地为不")
FUNCTION_CHARS = BAD_START | BAD_END | frozenset("这那此各该我你他们个")
NUMERALS = frozenset("〇零一二两三四五六七八九十百千万亿几")
_HARD_BOUNDARY = re.compile(r"[。！？；!?;…\[\]［］\n\x00]+")
_SLOT = re.compile(r"\[[^\[\]\n]{1,20}\]")
_FULL_WIDTH = str.maketrans(",:;!?()", "，：；！？（）")
_SOFT_BOUNDARY = re.compile(r"[,、:，：]")
_PLACEHOLDER = re.compile(r"[0-9A-Za-z%‰×＊*]")
_PAIRS = (("“", "”"), ("‘", "’"), ("（", "）"), ("(", ")"), ("《", "》"), ("【", "】"), ("〔", "〕"))


@dataclass(frozen=True)
class Candidate:
    text: str
    n_docs: int
    n_occurrences: int
    docs: tuple[str, ...] = ()  # ids of the documents it occurs in, sorted


def segments(paragraph: str) -> list[str]:
    """The normalized pieces of a paragraph a phrase may lie in (split at sentence ends etc.).

    Template slots (［领导姓名］) are dropped with their names: a slot is not speech text.
    """
    text = _SLOT.sub("\n", normalize(paragraph))
    return [piece for piece in _HARD_BOUNDARY.split(text) if piece]


def display_form(text: str) -> str:
    """A normalized string with Chinese punctuation restored (normalize folds ，：；！？（） to ASCII)."""
    return text.translate(_FULL_WIDTH)


def _is_punctuation(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PSZ"


def is_useful(text: str) -> bool:
    """True when ``text`` looks like a whole phrase rather than a fragment or a figure."""
    if not text:
        return False
    first, last = text[0], text[-1]
    if _is_punctuation(first) or _is_punctuation(last):
        return False
    if first in BAD_START or last in BAD_END:
        return False
    if _PLACEHOLDER.search(text):
        return False
    for opening, closing in _PAIRS:
        if text.count(opening) != text.count(closing):
            return False
    # Inside a phrase, every piece between commas must stand on its own (亲自抓、负总责 does;
    # 会议,主 is the end of one clause and the first character of the next).
    pieces = _SOFT_BOUNDARY.split(text)
    if len(pieces) > 1 and any(
        len(piece) < 2 or piece[0] in BAD_START or piece[-1] in BAD_END for piece in pieces
    ):
        return False
    content = [
        ch for ch in text if not _is_punctuation(ch) and ch not in FUNCTION_CHARS and ch not in NUMERALS
    ]
    return len(content) >= 2


def _frequent(
    docs: Mapping[str, Sequence[str]], min_docs: int, min_len: int, max_len: int
) -> dict[str, tuple[frozenset[str], int]]:
    pieces = {doc_id: [s for p in paragraphs for s in segments(p)] for doc_id, paragraphs in docs.items()}
    found: dict[str, tuple[frozenset[str], int]] = {}
    previous: set[str] | None = None  # frequent strings one character shorter
    for length in range(min_len, max_len + 1):
        doc_sets: dict[str, set[str]] = {}
        counts: dict[str, int] = {}
        for doc_id, segs in pieces.items():
            for seg in segs:
                for i in range(len(seg) - length + 1):
                    gram = seg[i : i + length]
                    if previous is not None and (gram[:-1] not in previous or gram[1:] not in previous):
                        continue
                    doc_sets.setdefault(gram, set()).add(doc_id)
                    counts[gram] = counts.get(gram, 0) + 1
        current = {gram for gram, ids in doc_sets.items() if len(ids) >= min_docs}
        if not current:
            break
        for gram in current:
            found[gram] = (frozenset(doc_sets[gram]), counts[gram])
        previous = current
    return found


def mine(
    docs: Mapping[str, Sequence[str]],
    min_docs: int = 3,
    min_len: int = 4,
    max_len: int = 16,
    exclude: Collection[str] = (),
    dominance: float = 0.8,
) -> list[Candidate]:
    """Maximal useful strings occurring in at least ``min_docs`` documents, most widespread first.

    Order: by number of documents, then occurrences, then length (longer first), then text.
    """
    if min_len < 1 or max_len < min_len or min_docs < 1:
        raise ValueError("need 1 <= min_len <= max_len and min_docs >= 1")
    frequent = _frequent(docs, min_docs, min_len, max_len + 1)
    useful = {text: stats for text, stats in frequent.items() if is_useful(text)}

    # Maximality: compare only strings with identical statistics, longest first.
    groups: dict[tuple[frozenset[str], int], list[str]] = {}
    for text, stats in useful.items():
        groups.setdefault(stats, []).append(text)
    maximal: list[Candidate] = []
    for (doc_ids, count), texts in groups.items():
        texts.sort(key=len, reverse=True)
        for i, text in enumerate(texts):
            if len(text) > max_len or any(len(longer) > len(text) and text in longer for longer in texts[:i]):
                continue
            maximal.append(Candidate(display_form(text), len(doc_ids), count, tuple(sorted(doc_ids))))

    if dominance < 1.0:
        maximal = [c for c in maximal if not _dominated(c, useful, dominance)]
    excluded = {normalize(text) for text in exclude}
    result = [c for c in maximal if normalize(c.text) not in excluded]
    result.sort(key=lambda c: (-c.n_docs, -c.n_occurrences, -len(c.text), c.text))
    return result


def _dominated(
    candidate: Candidate, useful: Mapping[str, tuple[frozenset[str], int]], dominance: float
) -> bool:
    text, count = normalize(candidate.text), candidate.n_occurrences
    return any(
        len(longer) > len(text) and longer_count >= dominance * count and text in longer
        for longer, (_docs, longer_count) in useful.items()
    )


def new_candidates(candidates: Iterable[Candidate], known: Iterable[str]) -> list[Candidate]:
    """The candidates whose text is none of the ``known`` strings (compared normalized)."""
    known_set = {normalize(text) for text in known}
    return [c for c in candidates if normalize(c.text) not in known_set]


class Exclusion(datafiles.Record):
    text: str = pydantic.Field(min_length=1)
    reason: str = ""


class ExclusionsFile(pydantic.RootModel[list[str | Exclusion]]):
    """``data/phrase_exclusions.yml``: a list of strings or of ``{text, reason}``."""


def load_exclusions(path: Path | str, root: Path | str | None = None) -> dict[str, str]:
    """Read the exclusions file: normalized text -> reason ('' when none is given).

    A missing file means no exclusions. Faults raise :class:`SourceError` naming the file and line
    (:mod:`speechlib.content.datafiles`).
    """
    path = Path(path)
    rel = display_path(path, root)
    if not path.exists():
        return {}
    data, node = datafiles.parse(path.read_text(encoding="utf-8") or "[]", rel, ExclusionsFile)
    result: dict[str, str] = {}
    for index, item in enumerate(data.root):
        text, reason = (item, "") if isinstance(item, str) else (item.text, item.reason)
        line = datafiles.line_of(node, (index,))
        key = normalize(text)
        if not key:
            raise datafiles.fail(rel, line, "排除项是空的；请删去这一行")
        if key in result:
            raise datafiles.fail(rel, line, f"「{text}」重复列出；请删去其中一行")
        result[key] = reason
    return result
