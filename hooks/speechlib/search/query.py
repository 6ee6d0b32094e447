"""Query syntax and semantics of the search, and a reader that answers queries from the index files.

``search.js`` implements the same rules in the browser; the unit tests check this module against a
plain substring scan, and the browser tests check the page against it.

Syntax (all matching on :func:`speechlib.text.normalize`, applied to query and text alike)
    ``高度重视``            paragraphs containing the term as a substring (one character works too);
    ``统筹 协调``           both terms, anywhere in the paragraph (spaces, also 全角空格, separate terms);
    ``统筹 -协调``          the first term and not the second;
    ``以…抓落实``           the parts in this order with at most ``GAP`` characters between them;
                           ``*``, ``...`` and ``……`` work as ``…``;
    ``"稳定 低生育"``       a quoted group is one term (its spaces are dropped like all white space).
    Full-width and half-width forms are the same (，and , ；and ;), Latin letters ignore case.

Input:  ``以*抓落实 -责任状``
Output: ``Query(include=(("以", "抓落实"),), exclude=(("责任状",),))``
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from speechlib.search import t2s
from speechlib.search.index import decode_positions, decode_presence, fnv1a
from speechlib.text import fold_char, normalize

GAP = 12
# White space exactly as str.isspace() (search.js spells out the same class).
_WS = "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_TOKEN_RE = re.compile(f'-?"[^"]*"?|[^{_WS}]+')
_GAP_RE = re.compile(r"…+|\*+|\.{3,}")

Term = tuple[str, ...]  # one part, or the parts of a gap pattern


@dataclass(frozen=True)
class Query:
    include: tuple[Term, ...] = ()
    exclude: tuple[Term, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.include


def parse(query: str) -> Query:
    folded = "".join(fold_char(ch, fold_case=False) for ch in t2s.fold(query))  # 計劃 → 计划
    include: list[Term] = []
    exclude: list[Term] = []
    for token in _TOKEN_RE.findall(folded):
        negative = token.startswith("-") and len(token) > 1
        if negative:
            token = token[1:]
        if token.startswith('"'):
            token = token[1:-1] if token.endswith('"') and len(token) > 1 else token[1:]
        parts = tuple(p for p in (normalize(x) for x in _GAP_RE.split(token)) if p)
        if not parts:
            continue
        target = exclude if negative else include
        if parts not in target:
            target.append(parts)
    return Query(tuple(include), tuple(exclude))


# --- the reference: a plain scan of normalized text --------------------------------------------------


def occurrences(text: str, needle: str) -> list[int]:
    """Start of every occurrence of ``needle`` in ``text``, overlapping ones included."""
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def gap_spans(starts: Sequence[Sequence[int]], parts: Term) -> list[tuple[int, int]]:
    """Spans (start, end) of the first part of each chain of parts in order, ≤ GAP characters apart.

    ``starts[k]`` are the occurrences of ``parts[k]``. Returns the matched spans of every part that
    belongs to at least one complete chain (for highlighting); empty when there is none.
    """
    reach = [set(starts[0])]
    for k in range(1, len(parts)):
        ends = sorted(s + len(parts[k - 1]) for s in reach[-1])
        ok = {s for s in starts[k] if any(e <= s <= e + GAP for e in ends)}
        reach.append(ok)
    if not reach[-1]:
        return []
    # Walk back: keep only occurrences that lead to a complete chain.
    keep = [set() for _ in parts]
    keep[-1] = reach[-1]
    for k in range(len(parts) - 1, 0, -1):
        size = len(parts[k - 1])
        keep[k - 1] = {s for s in reach[k - 1] if any(s + size <= t <= s + size + GAP for t in keep[k])}
    return sorted((s, s + len(parts[k])) for k in range(len(parts)) for s in keep[k])


def term_spans(text: str, term: Term) -> list[tuple[int, int]]:
    if len(term) == 1:
        return [(s, s + len(term[0])) for s in occurrences(text, term[0])]
    return gap_spans([occurrences(text, p) for p in term], term)


def matches(text: str, query: Query) -> bool:
    """Whether a paragraph's normalized text matches the query (the reference semantics)."""
    if query.empty:
        return False
    included = all(term_spans(text, t) for t in query.include)
    return included and not any(term_spans(text, t) for t in query.exclude)


# --- answering from the index files ----------------------------------------------------------------


def cover(s: str) -> list[tuple[str, int]]:
    """The grams whose positions decide where ``s`` occurs: itself if short, else bigrams covering it."""
    if len(s) <= 2:
        return [(s, 0)]
    offsets = list(range(0, len(s) - 1, 2))
    if offsets[-1] != len(s) - 2:
        offsets.append(len(s) - 2)
    return [(s[o : o + 2], o) for o in offsets]


class Reader:
    """Answers queries from index parts, as search.js does; ``load(name)`` returns a part's text."""

    def __init__(self, load: Callable[[str], str | None]) -> None:
        self._load = load
        self._parts: dict[str, object] = {}
        self.fetched: list[str] = []  # part names in the order they were read
        self.bytes = 0
        self.meta = self.part("meta")

    def part(self, name: str):
        if name not in self._parts:
            raw = self._load(name)
            self.fetched.append(name)
            self.bytes += len(raw.encode()) if raw else 0
            self._parts[name] = None if raw is None else json.loads(raw[raw.index(",") + 1 : raw.rindex(")")])
        return self._parts[name]

    def _list(self, family: str, key: str) -> bytes | None:
        shard = self.part(f"{family}/{fnv1a(key) % self.meta['shards'][family]}") or {}
        value = shard.get(key)
        if value is None:
            return None
        if value.startswith("@"):
            value = self.part(value[1:])
        return base64.b64decode(value)

    def presence(self, gram: str) -> list[int]:
        data = self._list("g", gram)
        return decode_presence(data) if data else []

    def _value(self, family: str, key: str) -> str | None:
        shard = self.part(f"{family}/{fnv1a(key) % self.meta['shards'][family]}") or {}
        return shard.get(key)

    def positions(self, gram: str, pids: Sequence[int]) -> dict[int, list[int]]:
        """Positions of ``gram`` in each of ``pids`` (which must contain it)."""
        wanted = set(pids)
        present = self.presence(gram)
        value = self._value("p", gram)
        if value is None:
            return {}
        found: dict[int, list[int]] = {}
        if value.startswith("="):  # a file of its own
            found = decode_positions(base64.b64decode(self.part(value[1:])), present)
        elif value.startswith("@"):  # in blocks: read those that hold a wanted paragraph
            size = self.meta["block"]
            for block in sorted({p // size for p in wanted}):
                data = base64.b64decode(self.part(f"{value[1:]}.{block}"))
                found |= decode_positions(data, [p for p in present if p // size == block])
        else:
            found = decode_positions(base64.b64decode(value), present)
        return {pid: pos for pid, pos in found.items() if pid in wanted}

    def phrase(self, s: str) -> list[int] | None:
        """The exact list of a glossary spelling or a frequent string, or None when ``s`` is neither."""
        if len(s) < 3 or "n" not in self.meta["shards"]:
            return None
        data = self._list("n", s)
        return decode_presence(data) if data else None

    def starts(self, s: str, pids: Sequence[int]) -> dict[int, list[int]]:
        """Where ``s`` starts in each of ``pids`` (paragraphs without it are left out)."""
        found: dict[int, set[int]] | None = None
        for gram, offset in cover(s):
            pos = self.positions(gram, pids if found is None else sorted(found))
            here = {pid: {p - offset for p in ps} for pid, ps in pos.items()}
            if found is None:
                found = here
            else:
                found = {pid: found[pid] & here[pid] for pid in found if found[pid] & here.get(pid, set())}
        return {pid: sorted(v) for pid, v in (found or {}).items()}

    def candidates(self, s: str) -> set[int]:
        grams = [g for g, _ in cover(s)] if len(s) > 2 else [s]
        out: set[int] | None = None
        for g in grams:
            ids = set(self.presence(g))
            out = ids if out is None else out & ids
        return out or set()

    def term(self, term: Term, within: set[int] | None = None) -> set[int]:
        if len(term) == 1:
            exact = self.phrase(term[0])
            if exact is not None:
                return set(exact) if within is None else within & set(exact)
        cands: set[int] | None = within
        for part in term:
            c = self.candidates(part)
            cands = c if cands is None else cands & c
        if not cands:
            return set()
        if len(term) == 1 and len(term[0]) <= 2:
            return cands
        ordered = sorted(cands)
        starts = [self.starts(p, ordered) for p in term]
        if len(term) == 1:
            return set(starts[0])
        return {
            pid
            for pid in ordered
            if all(pid in s for s in starts) and gap_spans([s[pid] for s in starts], term)
        }

    def search(self, query: Query) -> list[int]:
        if query.empty:
            return []
        result: set[int] | None = None
        for t in sorted(query.include, key=lambda t: -max(len(p) for p in t)):
            result = self.term(t, result)
            if not result:
                return []
        for t in query.exclude:
            result -= self.term(t, result)
        return sorted(result or ())
