"""The phrase and terms indexes across ``mkdocs serve`` rebuilds: only what an edit touched is redone.

A rebuild after editing one page used to aggregate every phrase over every page again and hash
every phrase's lines to find its cached page. Here each index keeps, from the build before, each
page's record and the phrases on it, and each phrase's stats:

- a page's record is the same object while the page is (:attr:`speechlib.site.state.Build.index_records`
  and :func:`speechlib.phrases.terms.term_records` reuse it), so a changed page is one whose record
  is not the one of the last build (or that is new, or gone);
- the phrases *touched* are those on a changed page, before or after the edit; every other phrase
  keeps its stats object (its lines, neighbours and dating come only from pages that did not change),
  and its page and data file (:func:`phrase_page`), while they are made for the same stats object;
- the touched phrases are aggregated again (:func:`speechlib.phrases.index.aggregate` with
  ``only``) over the pages that use any of them.

Anything else that changes the stats (the glossary, the dated-marker table, the list of phrases)
changes the ``signature`` and the index is aggregated from nothing, as in a first build.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from speechlib.phrases import index as pi


def _keys(record: pi.PageRecord) -> frozenset[str]:
    return frozenset(o.key for p in record.paragraphs for o in p.occurrences)


class Aggregator:
    """:func:`speechlib.phrases.index.aggregate` of one index (phrases or terms), kept across builds."""

    def __init__(self) -> None:
        self._signature: Hashable = None
        self._records: dict[str, pi.PageRecord] = {}  # src_uri -> the page's record in the last build
        self._keys_of: dict[str, frozenset[str]] = {}  # src_uri -> the phrases on the page
        self._stats: dict[str, pi.PhraseStats] = {}  # phrase key -> its stats
        self.touched: set[str] | None = None  # the phrases aggregated again (None: all of them)

    def __call__(
        self, entries, keys: Sequence[str], records: Sequence[pi.PageRecord], markers, signature: Hashable
    ) -> list[pi.PhraseStats]:
        new = {r.info.src_uri: r for r in records}
        if signature != self._signature or len(new) != len(records):
            stats = pi.aggregate(entries, keys, records, markers)
            self._signature, self._records = signature, new
            self._keys_of = {uri: _keys(r) for uri, r in new.items()}
            self._stats = {s.key: s for s in stats}
            self.touched = None
            return stats
        touched: set[str] = set()
        keys_of: dict[str, frozenset[str]] = {}
        for uri, record in new.items():
            old = self._records.get(uri)
            if old is record:
                keys_of[uri] = self._keys_of[uri]
                continue
            keys_of[uri] = _keys(record)
            touched |= keys_of[uri]
            if old is not None:
                touched |= self._keys_of[uri]
        for uri in self._records.keys() - new.keys():
            touched |= self._keys_of[uri]
        if touched:
            using = [new[uri] for uri, on_page in keys_of.items() if on_page & touched]
            for st in pi.aggregate(entries, keys, using, markers, only=touched):
                self._stats[st.key] = st
        self._records, self._keys_of, self.touched = new, keys_of, touched
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


_records = ByStats()


def phrases_data(stats: Sequence[pi.PhraseStats]) -> tuple[list[dict], str]:
    """``phrases.json``'s records and its text (the same as ``json.dumps`` of the list with
    ``separators=(",", ":")``), each phrase's record and JSON made once per stats object."""
    made = [
        _records.get(
            f"{st.section}/{st.key}",
            st,
            None,
            lambda st=st: (r := pi.phrases_records([st])[0], json.dumps(r, ensure_ascii=False, separators=(",", ":"))),
        )
        for st in stats
    ]
    return [r for r, _ in made], "[" + ",".join(j for _, j in made) + "]"


phrases = Aggregator()  # the phrase index (data/phrases.yml)
terms = Aggregator()  # the terms index (data/terms.yml)
phrase_pages = ByStats()  # "<section>/<slug>" -> (page HTML, lines data files)
