"""The phrase and terms indexes across ``mkdocs serve`` rebuilds: only what an edit touched is redone.

A rebuild after editing one page used to aggregate every phrase over every page again and hash
every phrase's lines to find its cached page. Here each index keeps, from the build before, each
page's record and each phrase's stats:

- a page's record is the same object while the page is (:attr:`speechlib.site.state.Build.index_records`
  and :func:`speechlib.phrases.terms.term_records` reuse it), so a changed page is one whose record
  is not the one of the last build (or that is new, or gone);
- the phrases *touched* are those whose paragraphs on a changed page differ before and after the
  edit (all of the page's phrases when its title, date or kind changed); every other phrase keeps
  its stats object (its lines, neighbours and dating are what they were: a line of an unchanged
  paragraph may point to its equal record of the last build) and its page and data file
  (:data:`phrase_pages`), while they are made for the same stats object;
- the touched phrases are aggregated again (:func:`speechlib.phrases.index.aggregate` with
  ``only``) over the pages that use any of them (the changed pages, and the pages of their lines).

Anything else that changes the stats (the glossary, the dated-marker table, the list of phrases)
changes the ``signature`` and the index is aggregated from nothing, as in a first build.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any

from speechlib.phrases import index as pi


def _uses(record: pi.PageRecord) -> dict[str, tuple[pi.ParagraphRecord, ...]]:
    """Each phrase on the page, with the paragraphs it is found in (what the page gives its stats)."""
    uses: dict[str, list[pi.ParagraphRecord]] = {}
    for para in record.paragraphs:
        for key in dict.fromkeys(o.key for o in para.occurrences):
            uses.setdefault(key, []).append(para)
    return {key: tuple(paras) for key, paras in uses.items()}


def _changed(old: pi.PageRecord, old_uses: dict, new: pi.PageRecord, new_uses: dict) -> set[str]:
    """The phrases whose lines, neighbours or dating the page's new record changes: all of both
    versions' phrases when the page itself changed (title, date …), else those whose paragraphs did."""
    if old.info != new.info:
        return set(old_uses) | set(new_uses)
    return {k for k in old_uses.keys() | new_uses.keys() if old_uses.get(k) != new_uses.get(k)}


class Aggregator:
    """:func:`speechlib.phrases.index.aggregate` of one index (phrases or terms), kept across builds.

    It keeps each page's record and each phrase's stats of the last build, nothing per page besides:
    the phrases on a changed page are read from its records (old and new), and the pages that use a
    phrase from the phrase's lines."""

    def __init__(self) -> None:
        self._signature: Hashable = None
        self._records: dict[str, pi.PageRecord] = {}  # src_uri -> the page's record in the last build
        self._stats: dict[str, pi.PhraseStats] = {}  # phrase key -> its stats
        self.touched: set[str] | None = None  # the phrases aggregated again (None: all of them)

    def __call__(
        self, entries, keys: Sequence[str], records: Sequence[pi.PageRecord], markers, signature: Hashable
    ) -> list[pi.PhraseStats]:
        new = {r.info.src_uri: r for r in records}
        if signature != self._signature or len(new) != len(records):
            stats = pi.aggregate(entries, keys, records, markers)
            self._signature, self._records = signature, new
            self._stats = {s.key: s for s in stats}
            self.touched = None
            return stats
        touched: set[str] = set()
        changed: list[pi.PageRecord] = []  # the records of the pages that are new or changed
        for uri, record in new.items():
            old = self._records.get(uri)
            if old is record:
                continue
            changed.append(record)
            uses = _uses(record)
            touched |= set(uses) if old is None else _changed(old, _uses(old), record, uses)
        for uri in self._records.keys() - new.keys():
            touched |= set(_uses(self._records[uri]))
        if touched:
            # The pages that use a touched phrase: the unchanged ones among its lines, and the changed ones.
            before = {ln.page.src_uri for key in touched for ln in self._stats[key].lines}
            using = [new[uri] for uri in before if uri in new and new[uri] is self._records.get(uri)]
            for st in pi.aggregate(entries, keys, using + changed, markers, only=touched):
                self._stats[st.key] = st
        self._records, self.touched = new, touched
        return [self._stats[k] for k in keys]


class ByStats:
    """One value per phrase, made from its stats object and kept while that object is the same
    (with ``extra``, e.g. the page URL, equal too)."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[pi.PhraseStats, Any, Any]] = {}

    def get(self, name: str, st: pi.PhraseStats, extra: Any, compute: Callable[[], Any]) -> Any:
        entry = self._entries.get(name)
        if entry is not None and entry[0] is st and entry[1] == extra:
            return entry[2]
        value = compute()
        self._entries[name] = (st, extra, value)
        return value

    def forget(self, name: str) -> None:
        self._entries.pop(name, None)


class PhrasesFile:
    """``phrases.json`` written into a file (``.cache/phrases.json``; MkDocs copies it into the site),
    and the search's glossary cards: each phrase's record is made once per stats object. The build
    keeps each phrase's card (its record without the occurrences, which the search never reads) and
    the place of its record in the file, not the record's text: the record of a phrase an edit did not
    touch is copied from the file of the build before."""

    def __init__(self) -> None:
        self._file: tuple[Path, tuple | None] | None = None  # the file written last and its stat signature
        self._entries: dict[str, tuple[pi.PhraseStats, dict, int, int]] = {}  # name -> stats, card, offset, length

    def write(self, path: Path, stats: Sequence[pi.PhraseStats]) -> list[dict]:
        """Write ``path`` (the same text as ``json.dumps`` of :func:`speechlib.phrases.index.phrases_records`
        with ``separators=(",", ":")``); the cards, in the order of ``stats``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(path.name + ".tmp")
        cards: list[dict] = []
        entries: dict[str, tuple[pi.PhraseStats, dict, int, int]] = {}
        with contextlib.ExitStack() as stack:
            old = None
            if self._file is not None and self._file[0] == path and _signature(path) == self._file[1]:
                with open(path, "rb") as f:
                    old = stack.enter_context(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))
            out = stack.enter_context(open(temp, "wb"))
            out.write(b"[")
            offset = 1
            for n, st in enumerate(stats):
                name = f"{st.section}/{st.key}"
                kept = self._entries.get(name)
                if old is not None and kept is not None and kept[0] is st:
                    card, data = kept[1], old[kept[2] : kept[2] + kept[3]]
                else:
                    card, data = _record(st)
                if n:
                    out.write(b",")
                    offset += 1
                out.write(data)
                entries[name] = (st, card, offset, len(data))
                cards.append(card)
                offset += len(data)
            out.write(b"]")
        os.replace(temp, path)
        self._file, self._entries = (path, _signature(path)), entries
        return cards


def _signature(path: Path) -> tuple | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _record(st: pi.PhraseStats) -> tuple[dict, bytes]:
    """A phrase's card and its phrases.json record as UTF-8 JSON."""
    record = pi.phrases_records([st])[0]
    data = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    del record["occurrences"]
    return record, data


phrases = Aggregator()  # the phrase index (data/phrases.yml)
terms = Aggregator()  # the terms index (data/terms.yml)
phrase_pages = ByStats()  # "<section>/<slug>" -> (spill handle of the page HTML, its toc, lines file names)
phrases_file = PhrasesFile()  # phrases.json
