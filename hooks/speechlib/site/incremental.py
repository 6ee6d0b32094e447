"""The phrase and terms indexes across ``mkdocs serve`` rebuilds: only what an edit touched is redone.

A rebuild after editing one page used to aggregate every phrase over every page again and hash
every phrase's lines to find its cached page. Here each index keeps, from the build before, each
page's record and the phrases on it, and each phrase's stats:

- a page's record is the same object while the page is (:attr:`speechlib.site.state.Build.index_records`
  and :func:`speechlib.phrases.terms.term_records` reuse it), so a changed page is one whose record
  is not the one of the last build (or that is new, or gone);
- the phrases *touched* are those whose paragraphs on a changed page differ before and after the
  edit (all of the page's phrases when its title, date or kind changed); every other phrase keeps
  its stats object (its lines, neighbours and dating are what they were: a line of an unchanged
  paragraph may point to its equal record of the last build) and its page and data file
  (:data:`phrase_pages`), while they are made for the same stats object;
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
    """:func:`speechlib.phrases.index.aggregate` of one index (phrases or terms), kept across builds."""

    def __init__(self) -> None:
        self._signature: Hashable = None
        self._records: dict[str, pi.PageRecord] = {}  # src_uri -> the page's record in the last build
        self._uses: dict[str, dict] = {}  # src_uri -> the phrases on the page and their paragraphs
        self._stats: dict[str, pi.PhraseStats] = {}  # phrase key -> its stats
        self.touched: set[str] | None = None  # the phrases aggregated again (None: all of them)

    def __call__(
        self, entries, keys: Sequence[str], records: Sequence[pi.PageRecord], markers, signature: Hashable
    ) -> list[pi.PhraseStats]:
        new = {r.info.src_uri: r for r in records}
        if signature != self._signature or len(new) != len(records):
            stats = pi.aggregate(entries, keys, records, markers)
            self._signature, self._records = signature, new
            self._uses = {uri: _uses(r) for uri, r in new.items()}
            self._stats = {s.key: s for s in stats}
            self.touched = None
            return stats
        touched: set[str] = set()
        uses: dict[str, dict] = {}
        for uri, record in new.items():
            old = self._records.get(uri)
            if old is record:
                uses[uri] = self._uses[uri]
                continue
            uses[uri] = _uses(record)
            touched |= set(uses[uri]) if old is None else _changed(old, self._uses[uri], record, uses[uri])
        for uri in self._records.keys() - new.keys():
            touched |= set(self._uses[uri])
        if touched:
            using = [new[uri] for uri, on_page in uses.items() if not touched.isdisjoint(on_page)]
            for st in pi.aggregate(entries, keys, using, markers, only=touched):
                self._stats[st.key] = st
        self._records, self._uses, self.touched = new, uses, touched
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


_records = ByStats()


def phrases_data(stats: Sequence[pi.PhraseStats]) -> tuple[list[dict], list[bytes]]:
    """Each phrase's glossary card for the search (its ``phrases.json`` record without the
    occurrences, which the search never reads) and its record as UTF-8 JSON (``phrases.json`` is
    ``[`` + these joined by ``,`` + ``]``, the same as ``json.dumps`` of the list with
    ``separators=(",", ":")``), each made once per stats object."""
    made = [_records.get(f"{st.section}/{st.key}", st, None, lambda st=st: _record(st)) for st in stats]
    return [card for card, _ in made], [data for _, data in made]


def _record(st: pi.PhraseStats) -> tuple[dict, bytes]:
    record = pi.phrases_records([st])[0]
    data = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    del record["occurrences"]
    return record, data


phrases = Aggregator()  # the phrase index (data/phrases.yml)
terms = Aggregator()  # the terms index (data/terms.yml)
phrase_pages = ByStats()  # "<section>/<slug>" -> (page HTML, lines data files)
