"""Updating a built search index after an edit: only the parts the edit touches are written again.

Why: the index of a 2,000-speech library takes about ten seconds to build from nothing, and a
``mkdocs serve`` rebuild after a one-word correction should not. The builder
(:func:`speechlib.search.index.build`) leaves room for this: paragraph numbers are grouped by page and
rank bucket with ``slack`` unused numbers after each group, the big lists' file names depend on their
key only, and the build id is a hash of the parts' hashes. So an edit that keeps every page record the
same and fits each changed page's paragraphs into its groups moves no other paragraph's number, and:

- the presence and positional lists of every character and bigram of an old or new paragraph text are
  decoded, the changed numbers taken out and the new ones put in, and written again (a positional list
  in blocks rewrites only the blocks that hold a changed number);
- the exact lists (``n``) of the frequent strings and glossary spellings found in those texts likewise;
  a string that becomes frequent through the edit gets no list until the next full build, which is
  still exact (its query reads positions);
- the text chunks holding a changed number, the glossary cards (their counts follow the text) and
  ``meta.js`` (its build id) are written again.

Anything else (a page added, removed or retitled, a changed glossary spelling, more new paragraphs in
a group than it has room for) returns None: the caller builds the index from nothing.

The parts live in a :class:`Store` (``read``/``write``/``remove`` by part name); the build keeps them in
``.cache/search/`` (:func:`speechlib.site.build.write_search_index`).
"""

from __future__ import annotations

import base64
import hashlib
import os
import pickle
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from speechlib.page import datafile
from speechlib.page.record import PageInfo
from speechlib.search import index as si
from speechlib.search.index import (
    Para,
    Plan,
    _read_varints_np,
    b64,
    build_id,
    chunk_part,
    decode_ids,
    encode_ids,
    facet_labels,
    fnv1a,
    free_name,
    glossary_parts,
    part,
    quality,
    settings_digest,
    varints,
)
from speechlib.text import normalize


class Store(Protocol):
    def read(self, name: str) -> str | None: ...

    def write(self, name: str, content: str) -> None: ...

    def remove(self, name: str) -> None: ...


def encode_positions(pos: Sequence[int]) -> list[int]:
    """One paragraph's positions as the values of the positional stream (before varint bytes)."""
    out, prev = [], 0
    for k, p in enumerate(pos):
        out.append((p - prev) * 2 + (1 if k + 1 < len(pos) else 0))
        prev = p
    return out


def grams_of(norm: str) -> dict[str, list[int]]:
    """Every character and bigram of a normalized text with its positions (what the index lists)."""
    out: dict[str, list[int]] = defaultdict(list)
    for i, ch in enumerate(norm):
        out[ch].append(i)
    for i in range(len(norm) - 1):
        out[norm[i : i + 2]].append(i)
    return out


class _Parts:
    """The parts read and written during one update: shards parsed once, written once at the end."""

    def __init__(self, store: Store, plan: Plan) -> None:
        self.store = store
        self.plan = plan
        self.shards: dict[str, dict] = {}
        self.dirty: set[str] = set()
        self.written = 0

    def shard_name(self, family: str, key: str) -> str:
        return f"{family}/{fnv1a(key) % self.plan.shards[family]}"

    def shard(self, family: str, key: str) -> dict:
        name = self.shard_name(family, key)
        if name not in self.shards:
            raw = self.store.read(name)
            self.shards[name] = datafile.read(raw)[1] if raw else {}
        return self.shards[name]

    def get(self, family: str, key: str) -> str | None:
        return self.shard(family, key).get(key)

    def set(self, family: str, key: str, value: str | None) -> None:
        shard = self.shard(family, key)
        if shard.get(key) == value:
            return
        if value is None:
            del shard[key]
        else:
            shard[key] = value
        self.dirty.add(self.shard_name(family, key))

    def read_data(self, name: str) -> bytes:
        raw = self.store.read(name)
        return base64.b64decode(datafile.read(raw)[1]) if raw else b""

    def write(self, name: str, data) -> None:
        content = part(name, data)
        digest = hashlib.sha1(content.encode()).digest()
        if self.plan.digests.get(name) == digest:
            return
        self.store.write(name, content)
        self.plan.digests[name] = digest
        self.written += 1

    def remove(self, name: str) -> None:
        if self.plan.digests.pop(name, None) is not None:
            self.store.remove(name)
            self.written += 1

    def big_name(self, family: str, key: str) -> str:
        """A file name for a list that has grown too big for its shard (as ``big_names`` would give)."""
        names = self.plan.big[family]
        if key not in names:
            names[key] = free_name(family, key, set(names.values()))
        return names[key]

    def flush(self) -> None:
        for name in sorted(self.dirty):
            if self.shards[name]:
                self.write(name, self.shards[name])
            else:
                self.remove(name)


def _changed_numbers(
    plan: Plan, docs: Sequence[PageInfo], new_by_doc: dict[int, list[Para]]
) -> tuple[dict[int, Para | None], dict[int, Para]] | None:
    """The new paragraph (or None) of every number whose text changed, and the new paragraph of every
    number whose anchor or heading alone changed; None when the edit does not fit the plan's groups.
    ``new_by_doc``: each page's new paragraphs, in input order."""
    old_by_doc: dict[int, dict[int, Para]] = defaultdict(dict)
    changed_docs = {d for d in range(len(docs)) if tuple(new_by_doc.get(d, ())) != plan.pages[d]}
    if not changed_docs:
        return {}, {}
    for (d, _), (start, size) in plan.slots.items():
        if d in changed_docs:
            for number in range(start, start + size):
                if plan.numbered[number] is not None:
                    old_by_doc[d][number] = plan.numbered[number]
    text_changed: dict[int, Para | None] = {}
    other: dict[int, Para] = {}
    for d in changed_docs:
        groups: dict[int, list[Para]] = defaultdict(list)
        for p in new_by_doc.get(d, ()):
            groups[quality(p.text)].append(p)
        new: dict[int, Para] = {}
        for bucket, members in groups.items():
            start, size = plan.slots.get((d, bucket), (0, 0))
            if len(members) > size:
                return None
            new.update(zip(range(start, start + len(members)), members, strict=True))
        old = old_by_doc[d]
        for number in old.keys() | new.keys():
            before, after = old.get(number), new.get(number)
            if before is None or after is None or before.text != after.text:
                text_changed[number] = after
            elif before != after:
                other[number] = after
    return text_changed, other


def _merge_positions(
    streams: list[tuple[np.ndarray, bytes]], drop: np.ndarray, add: dict[int, list[int]]
) -> bytes:
    """One positional stream: the segments of ``streams`` (paragraph numbers, their stream) whose
    paragraph is not in ``drop``, and the new paragraphs ``add`` (number → positions), in number order."""
    owners, values = [], []
    for present, data in streams:
        if not len(present):
            continue
        v = _read_varints_np(data)
        ends = np.flatnonzero((v & 1) == 0)
        lengths = np.diff(np.r_[-1, ends])
        owner = np.repeat(present, lengths)
        keep = ~np.isin(owner, drop)
        owners.append(owner[keep])
        values.append(v[keep])
    for number in sorted(add):
        vals = encode_positions(add[number])
        owners.append(np.full(len(vals), number, dtype=np.int64))
        values.append(np.asarray(vals, dtype=np.int64))
    if not owners:
        return b""
    owner = np.concatenate(owners)
    value = np.concatenate(values)
    order = np.argsort(owner, kind="stable")
    return varints(value[order])[0].tobytes()


def _update_list(
    parts: _Parts, family: str, key: str, drop: np.ndarray, add: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """A presence list (``g``) or exact list (``n``) after the edit: the numbers in ``drop`` taken out,
    those in ``add`` put in, written to its shard or to its own file. Returns the list before and after."""
    value = parts.get(family, key)
    own = value is not None and value.startswith("@")
    if value is None:
        old_ids = np.zeros(0, dtype=np.int64)
    elif own:
        old_ids = decode_ids(parts.read_data(value[1:]))
    else:
        old_ids = decode_ids(base64.b64decode(value))
    ids = np.union1d(old_ids[~np.isin(old_ids, drop)], add)
    if not len(ids):
        if own:
            parts.remove(value[1:])
        parts.set(family, key, None)
        return old_ids, ids
    data = encode_ids(ids, parts.plan.n)
    if len(data) > si.BIG or own:  # a list that had its own file keeps it
        name = parts.big_name(family, key)
        parts.write(name, b64(data))
        parts.set(family, key, "@" + name)
    else:
        parts.set(family, key, b64(data))
    return old_ids, ids


def _update_gram(parts: _Parts, gram: str, drop: np.ndarray, add: dict[int, list[int]]) -> None:
    """The presence and positional lists of one gram after the edit."""
    plan = parts.plan
    old_ids, ids = _update_list(parts, "g", gram, drop, np.asarray(sorted(add), dtype=np.int64))

    # Positions: the blocks that hold a changed number, or the whole list when it sits in its shard or
    # in a file of its own.
    pvalue = parts.get("p", gram)
    touched = sorted({int(x) // plan.block for x in drop} | {x // plan.block for x in add})
    if pvalue is not None and pvalue.startswith("@"):
        name = pvalue[1:]
        for block in touched:
            lo, hi = block * plan.block, (block + 1) * plan.block
            here = old_ids[(old_ids >= lo) & (old_ids < hi)]
            stream = _merge_positions(
                [(here, parts.read_data(f"{name}.{block}"))],
                drop,
                {k: v for k, v in add.items() if lo <= k < hi},
            )
            if stream:
                parts.write(f"{name}.{block}", b64(stream))
            else:
                parts.remove(f"{name}.{block}")
        if not len(ids):
            parts.set("p", gram, None)
        return
    if pvalue is not None and pvalue.startswith("="):
        old = parts.read_data(pvalue[1:])
    else:
        old = base64.b64decode(pvalue) if pvalue is not None else b""
    stream = _merge_positions([(old_ids, old)], drop, add)
    own = pvalue[1:] if pvalue is not None and pvalue.startswith("=") else None
    if not stream or len(stream) <= si.BIG:
        if own is not None:
            parts.remove(own)
        parts.set("p", gram, b64(stream) if stream else None)
    elif len(stream) <= si.SPLIT:  # a file of its own
        name = parts.big_name("p", gram)
        parts.write(name, b64(stream))
        parts.set("p", gram, "=" + name)
    else:  # grown past SPLIT: one file per block, as the builder writes it
        if own is not None:
            parts.remove(own)
        name = parts.big_name("p", gram)
        # Cut the whole stream at paragraph ends: segment k belongs to ids[k].
        v = _read_varints_np(stream)
        ends = np.flatnonzero((v & 1) == 0)
        for block in sorted({int(x) // plan.block for x in ids}):
            lo, hi = block * plan.block, (block + 1) * plan.block
            here = ids[(ids >= lo) & (ids < hi)]
            first = int(np.searchsorted(ids, lo))
            start = 0 if first == 0 else int(ends[first - 1]) + 1
            stop = int(ends[first + len(here) - 1]) + 1
            parts.write(f"{name}.{block}", b64(varints(v[start:stop])[0].tobytes()))
        parts.set("p", gram, "@" + name)


# --- the plan across processes ---------------------------------------------------------------------


def plan_format() -> str:
    """A stamp of the code that reads and writes a plan: a saved plan is used only by the same code."""
    code = Path(si.__file__).read_bytes() + Path(__file__).read_bytes()
    return hashlib.sha1(code).hexdigest()


def save_plan(plan: Plan, path: Path) -> None:
    """Write ``plan`` to ``path`` (beside a temporary name first: a reader never sees half a file)."""
    temp = path.with_name(path.name + ".tmp")
    with open(temp, "wb") as out:
        pickle.dump((plan_format(), plan), out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temp, path)


def load_plan(path: Path) -> Plan | None:
    """The plan saved at ``path`` by :func:`save_plan`; None if there is none, or it was written by
    other code, or it cannot be read (the caller then builds the index from nothing)."""
    try:
        with open(path, "rb") as source:
            stamp, plan = pickle.load(source)
    except Exception:  # missing, truncated, or from classes that have changed: not a plan to use
        return None
    if stamp != plan_format() or not isinstance(plan, Plan):
        return None
    return plan


def update(
    plan: Plan,
    store: Store,
    docs: Sequence[PageInfo],
    paras: Sequence[Para],
    glossary: Iterable[dict] = (),
    results_url: str = "search/",
    meeting_types: Sequence[str] = (),
    genres: Sequence[str] = (),
    slack: int = 0,
) -> dict[str, int] | None:
    """Bring the index in ``store`` (laid out as ``plan`` says) to ``paras``, rewriting only what changed;
    ``plan`` is updated to match. Returns figures for the log, or None when only a full build will do
    (the store is then untouched)."""
    glossary = list(glossary)
    settings = settings_digest(docs, glossary, results_url, list(meeting_types), list(genres), slack)
    if settings != plan.settings:
        return None
    new_by_doc: dict[int, list[Para]] = defaultdict(list)
    for p in paras:
        new_by_doc[p.doc].append(p)
    found = _changed_numbers(plan, docs, new_by_doc)
    if found is None:
        return None
    text_changed, other = found
    parts = _Parts(store, plan)
    mts, genre_labels = facet_labels(docs, meeting_types, genres)

    # Every gram of an old or new text of a changed number, and where it is in the new texts.
    drop = np.asarray(sorted(text_changed), dtype=np.int64)
    old_norms = {k: normalize(plan.numbered[k].text) for k in text_changed if plan.numbered[k] is not None}
    new_norms = {k: normalize(p.text) for k, p in text_changed.items() if p is not None}
    affected: dict[str, dict[int, list[int]]] = defaultdict(dict)
    for norm in old_norms.values():
        for gram in grams_of(norm):
            affected.setdefault(gram, {})
    for number, norm in new_norms.items():
        for gram, pos in grams_of(norm).items():
            affected[gram][number] = pos
    for gram in sorted(affected):
        _update_gram(parts, gram, drop, affected[gram])

    # The exact lists of the frequent strings and glossary spellings in those texts.
    exact: dict[str, set[int]] = {}
    if plan.exact and (old_norms or new_norms):
        automaton = _automaton(plan)
        for norm in old_norms.values():
            for _, key in automaton.iter(norm):
                exact.setdefault(key, set())
        for number, norm in new_norms.items():
            for _, key in automaton.iter(norm):
                exact.setdefault(key, set()).add(number)
    for key in sorted(exact):
        _update_list(parts, "n", key, drop, np.asarray(sorted(exact[key]), dtype=np.int64))
    parts.flush()

    # Text chunks, glossary cards, meta.
    for number, p in (*text_changed.items(), *other.items()):
        plan.numbered[number] = p
    for chunk in sorted({k // si.CHUNK for k in (*text_changed, *other)}):
        data = chunk_part(chunk, plan.numbered, docs, mts, genre_labels)
        if data is None:
            parts.remove(f"t/{chunk}")
        else:
            parts.write(f"t/{chunk}", data)
    gl, gl_shards = glossary_parts(glossary)
    for name in [n for n in plan.digests if n.startswith("gl/") and n not in gl]:
        parts.remove(name)
    for name, data in gl.items():
        parts.write(name, data)
    plan.shards["gl"] = plan.meta["shards"]["gl"] = gl_shards
    meta = dict(plan.meta, id=build_id(plan.digests))
    parts.write("meta", meta)
    # A page whose paragraphs did not change keeps its old tuple: after a plan read from disk, the
    # new build's equal paragraphs would otherwise be held (and saved) beside the plan's own.
    new_pages = (tuple(new_by_doc.get(d, ())) for d in range(len(docs)))
    plan.pages = [old if old == new else new for old, new in zip(plan.pages, new_pages, strict=True)]
    return {"numbers": len(text_changed) + len(other), "grams": len(affected), "files": parts.written}


def _automaton(plan: Plan):
    """One Aho-Corasick automaton of the exact lists' keys, made at the first update and kept."""
    if plan.automaton is None:
        import ahocorasick

        plan.automaton = ahocorasick.Automaton()
        for key in plan.exact:
            plan.automaton.add_word(key, key)
        plan.automaton.make_automaton()
    return plan.automaton
