"""The search index: exact substring search over every speech paragraph, fetched in small parts.

What is searched
    The paragraphs of the paragraph model whose role is in ``TEXT_ROLES`` (body text and 备选表述) of
    every exemplar and template, and their section headings (h2–h6, anchor = the heading's id),
    matched on ``match_text`` (:func:`speechlib.text.normalize` of the
    copy text). The browser applies the same normalization to the query (``search.js``), so a term
    matches a paragraph exactly when it is a substring of its normalized text.

Design, and why
    A query needs three things: the exact set of matching paragraphs (for ``共 N 段`` and the facet
    counts), their order, and the text of the twenty shown. Each comes from a different kind of part,
    so a query fetches only what it uses:

    ``meta.js`` (once per visit)
        paragraph count, block and chunk sizes, shard counts, the facet labels, and the facet runs.
        Paragraph numbers are assigned in *result order* (templates first, then self-contained
        paragraphs by length bucket, then by meeting type, genre, period, speech and position), so a
        result list is an ascending list of numbers, needs no sorting and is stable between runs,
        and the facets of any paragraph follow from a short run-length table (a few hundred runs,
        not one entry per paragraph). Each page's paragraphs in one rank bucket are a group, and the
        site build leaves one unused number after every group (:func:`numbering`, ``slack``): an
        edit that adds a paragraph takes it, no other number moves, and the index is updated in
        place (:mod:`speechlib.search.update`).
    ``g/<shard>.js`` presence postings
        for every character and every character bigram of the normalized text, the ascending list of
        paragraphs containing it, as delta varints or as a bitmap (whichever is smaller), base64.
        A one- or two-character term is answered exactly by one list; the count needs no text.
    ``p/<shard>.js`` positional postings
        for each paragraph of a presence list, where the gram occurs. A longer term ``ABCDE`` is the
        bigrams ``AB`` at 0, ``CD`` at 2 and ``DE`` at 3 (a cover of every character); a paragraph
        matches when the three occur at those offsets from one start, which is exact; gap patterns
        chain the parts' starts the same way. A gram's positions sit in its shard; when larger than
        ``BIG``, in a file of its own (``"=name"``); when larger than ``SPLIT``, in one file per
        block of paragraphs (``"@name"``, at most ``MAX_BLOCKS`` blocks), and only the blocks
        holding candidates (the intersection of the presence lists) are read.
    ``n/<shard>.js`` exact lists
        the exact presence list of every glossary spelling of three characters or more (one
        Aho-Corasick pass at build time) and of every string of 3 to 8 characters found in at least
        1 in 100 paragraphs (:func:`frequent_lists`): the phrases writers look up most, and the
        frequent phrases made of frequent bigrams (人口和计划生育), need no positions.
    ``t/<chunk>.js`` text chunks of ``CHUNK`` paragraphs in result order
        copy text, anchor, section heading and the speech record (title, URL, meeting type, genre,
        kind, date). Only the chunks of the shown results are fetched; highlighting is done in the
        browser on the same normalization.
    ``gl/<shard>.js`` glossary entries keyed by every normalized spelling (text and variants), for the
        card shown when the query is a glossary phrase.

    Small lists are packed into hashed shards (FNV-1a of the key, the same function in Python and JS) of
    about ``TARGET`` bytes; a list larger than ``BIG`` bytes gets a file of its own, named in its shard
    (``"@<family>/b/<hash of the key>"``, the same name whatever else the index holds). Every part is a
    data file ``__speechData("name", {...})`` (:mod:`speechlib.page.datafile`), loaded by
    ``SpeechSite.loadData`` over HTTP and from ``file://`` alike.

    Measured on the 2,000-speech benchmark library (``make bench``; in BENCHMARKS.md), 77,953 paragraphs
    (90,193 numbers with the unused ones), 10.5 M normalized characters: 105 MB on disk in 19,357 files
    (23,529 with shards of 4 KB, 41,558 with chunks of 4 and every big positional list in blocks), the
    parts made in about 6 s of CPU from nothing (25 s before the frequent strings were counted by
    sorting), updated in place after a one-paragraph edit in about 0.3 s. Shards of 8 KB cost each query
    a little (the 35 benchmark queries read by :mod:`speechlib.search.query`, with the text chunks of
    their first 20 results: a median of 64 KB against 55 KB, the worst 212 KB against 187 KB) and save
    the build writing, linking and deleting 4,000 files; text chunks of 12 paragraphs would save 4,000
    more but cost every query its results' text again (a median of 76 KB, the worst 225 KB, and 273 KB
    in Chromium). Pagefind 1.5.2 on the same pages: a median of 505 KB and 454 ms per query, counts by
    page and inexact.

    The alternatives considered: one whole index (Material's lunr: 72 MB for the same pages,
    downloaded whole); bigram presence without positions (not exact for terms of
    three or more characters, and gap patterns cannot be checked); verifying candidates against their
    text (about 100 times the bytes of their positions); a trigram index (exact only up to three
    characters); positions in fixed blocks packed like the other lists (each block a shard read: a
    common phrase read 16 shards of other grams' data; 146 KB median).

    Memory: the postings are made :data:`BATCH` paragraphs at a time (:class:`Postings`), so the
    numpy work's peak follows the batch, and the parts go to a ``sink`` (files) as each family is
    packed; what the build holds is the encoded lists. ``speechlib.site.build`` keeps the built index
    in ``.cache/search/<hash of the inputs>/`` and links it into the site: a rebuild that changed no
    searchable text, page record or glossary card builds nothing.

    Known cost: a term longer than 8 characters, or a rare one, made of very common bigrams still reads
    those bigrams' positions in every block that holds a candidate.

Format of the lists (``decode_*`` in this module and in search.js read them)
    presence: first byte 0 → delta varints (first value absolute); first byte 1 → bitmap of
    ``ceil(n / 8)`` bytes, bit ``i % 8`` of byte ``i // 8``.
    positions: for each paragraph of the presence list (or of its part inside a block), in order, one
    varint per occurrence: ``delta * 2 + more``, where ``delta`` is the position (first occurrence) or
    the distance from the previous one, and ``more`` is 1 when another occurrence in the same
    paragraph follows.
    meta ``runs``: base64 varints, pairs (number of consecutive paragraphs, facet tuple).
"""

from __future__ import annotations

import base64
import ctypes
import ctypes.util
import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from speechlib.content import periods as periods_
from speechlib.page import datafile
from speechlib.page.record import PageInfo
from speechlib.text import normalize

VERSION = 1
BLOCK = 2048  # paragraphs per positional block, at least
MAX_BLOCKS = 8  # at most: a common phrase reads its grams' positions in this many parts
CHUNK = 8  # paragraphs per text chunk
TARGET = 8192  # bytes of a packed shard, about
BIG = 6144  # a list larger than this gets a file of its own
SPLIT = 16384  # a positional list larger than this gets one file per block
GLOSSARY_TARGET = 4096

BATCH = 4096  # paragraphs normalized and indexed at once: the build's memory follows this, not the library

# A string of 3 to FREQUENT_LONGEST characters in at least max(FREQUENT_MIN, n / FREQUENT_SHARE) of
# the n paragraphs gets its own exact list (frequent_lists).
FREQUENT_MIN = 64
FREQUENT_SHARE = 100
FREQUENT_LONGEST = 8

KINDS = ("template", "exemplar")
KIND_LABELS = {"template": "模板", "exemplar": "范文"}

# A paragraph that opens by pointing back (这、此、同时……) or does not end a sentence needs its
# neighbours to be understood; it goes after the self-contained ones.
_DEPENDENT_START = re.compile(
    r"^(?:这|此|其|上述|以上|同时|另外|此外|因此|所以|但是|但|而且|并且|对此|为此|他们|它们)"
)
_SENTENCE_END = re.compile(r"[。！？!?；;…][”’」』）)]*$")
LENGTH_BUCKETS = (60, 200)  # Han-text length limits of the rank buckets


@dataclass(frozen=True)
class Para:
    doc: int  # index into the pages list (speechlib.page.record.PageInfo)
    anchor: str
    heading: str  # innermost section heading, "" when none
    text: str  # the copy text: shown, highlighted and copied

    @property
    def norm(self) -> str:
        return normalize(self.text)


@dataclass
class Index:
    """The built index: file name (under search/) → content, and figures for the log and the bench."""

    files: dict[str, str] = field(default_factory=dict)
    order: list[int] = field(default_factory=list)  # number → index into the input list (-1: unused)
    stats: dict[str, int] = field(default_factory=dict)
    plan: Plan | None = None  # what an update needs (speechlib.search.update)


@dataclass
class Plan:
    """How a built index is laid out, kept so that an edit can rewrite only the parts it touches
    (:func:`speechlib.search.update.update`). Made by :func:`build`; changed in place by an update."""

    settings: str  # settings_digest(): an update needs the same pages, labels and glossary spellings
    n: int  # paragraph numbers, unused ones included
    block: int
    shards: dict[str, int]
    slots: dict[tuple[int, int], tuple[int, int]]  # (page, rank bucket) → (first number, size)
    numbered: list[Para | None]  # the paragraph of each number
    exact: set[str]  # the keys of the "n" family: frequent strings and glossary spellings
    big: dict[str, dict[str, str]]  # family → key → file of a list too big for its shard
    digests: dict[str, bytes]  # part name → sha1 of its file: the build id is their hash
    meta: dict  # meta.js without its id
    pages: list[tuple[Para, ...]] = field(default_factory=list)  # each page's paragraphs, in input order
    automaton: Any = field(default=None, repr=False, compare=False)  # of ``exact``, made by an update


def self_contained(text: str) -> bool:
    return bool(_SENTENCE_END.search(text)) and not _DEPENDENT_START.match(text) and len(text) >= 8


def quality(text: str) -> int:
    """Rank bucket within a kind: self-contained paragraphs first, then the others; shorter first in each."""
    n = len(text)
    by_length = next((i for i, limit in enumerate(LENGTH_BUCKETS) if n <= limit), len(LENGTH_BUCKETS))
    return by_length if self_contained(text) else len(LENGTH_BUCKETS) + 1 + by_length


# --- encoding --------------------------------------------------------------------------------------


def fnv1a(key: str) -> int:
    """32-bit FNV-1a over the code points of ``key`` (search.js has the same function)."""
    h = 0x811C9DC5
    for ch in key:
        h ^= ord(ch)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def read_varints(data: bytes, start: int = 0) -> list[int]:
    values, n, shift = [], 0, 0
    for b in data[start:]:
        n |= (b & 0x7F) << shift
        if b & 0x80:
            shift += 7
        else:
            values.append(n)
            n, shift = 0, 0
    return values


def decode_presence(data: bytes) -> list[int]:
    if not data:
        return []
    if data[0] == 1:
        return [i * 8 + b for i, byte in enumerate(data[1:]) for b in range(8) if byte >> b & 1]
    out, pid = [], 0
    for i, d in enumerate(read_varints(data, 1)):
        pid = d if i == 0 else pid + d
        out.append(pid)
    return out


def decode_ids(data: bytes) -> np.ndarray:
    """A presence list (:func:`encode_ids`) as an array: :func:`decode_presence`, vectorized."""
    if not data:
        return np.zeros(0, dtype=np.int64)
    if data[0] == 1:
        bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8, offset=1), bitorder="little")
        return np.flatnonzero(bits).astype(np.int64)
    return np.cumsum(_read_varints_np(data[1:]))


def decode_positions(data: bytes, pids: Sequence[int]) -> dict[int, list[int]]:
    """Positions of each paragraph in ``pids`` (the part of the presence list that ``data`` covers)."""
    values = read_varints(data)
    out: dict[int, list[int]] = {}
    i = 0
    for pid in pids:
        pos: list[int] = []
        while True:
            v = values[i]
            i += 1
            pos.append((v >> 1) + (pos[-1] if pos else 0))
            if not v & 1:
                break
        out[pid] = pos
    return out


def encode_ids(ids: Sequence[int], n: int) -> bytes:
    """A presence list (ascending paragraph numbers) as delta varints or a bitmap, whichever is smaller."""
    arr = np.asarray(ids, dtype=np.int64)
    deltas = arr.copy()
    deltas[1:] -= arr[:-1]
    data = varints(deltas)[0].tobytes()
    universe_bytes = (n + 7) // 8
    if len(data) <= universe_bytes:
        return b"\x00" + data
    return bitmap(arr, n)


def bitmap(ids: np.ndarray, n: int) -> bytes:
    """A presence list as a bitmap over ``n`` paragraphs (the format's second form)."""
    bits = np.zeros((n + 7) // 8 * 8, dtype=bool)
    bits[ids] = True
    return b"\x01" + np.packbits(bits, bitorder="little").tobytes()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def part(name: str, data) -> str:
    """One index part as a data file (:mod:`speechlib.page.datafile`), keyed by its name."""
    return datafile.script(name, data)


Value = bytes | bytearray | list[tuple[int, bytes | bytearray]]  # one list, or a positional list in blocks


def big_names(family: str, keys: Iterable[str]) -> dict[str, str]:
    """File names of the big lists of a family: the key's hash, with a number after it only where two
    big keys share a hash. Adding a gram moves no other name, so an update can keep them."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for key in sorted(keys):
        names[key] = free_name(family, key, taken)
        taken.add(names[key])
    return names


def free_name(family: str, key: str, taken: set[str]) -> str:
    """The file name of a big list: ``<family>/b/<hash of the key>``, then ``-1``, ``-2`` … past the
    names ``taken``."""
    base = name = f"{family}/b/{fnv1a(key):08x}"
    k = 0
    while name in taken:
        k += 1
        name = f"{base}-{k}"
    return name


def pack(
    family: str,
    entries: dict[str, Value],
    target: int | None = None,
    big: int | None = None,
    emit: Callable[[str, str], None] | None = None,
    names: dict[str, str] | None = None,
) -> tuple[dict[str, str], int]:
    """Files of one family: hashed shards of small lists, own files for big ones; and the shard count.

    A big list gets ``"@name"`` in its shard and the file ``name``; a big positional list gets one
    file per block, ``name.<block>``, so a query reads only the blocks that hold its candidates,
    unless it is at most ``SPLIT`` bytes: then it gets ``"=name"`` and one file ``name`` (reading a few
    kilobytes more costs less than the files: every file is written, linked and deleted at each build).
    With ``emit``, each file is handed to it as soon as it is made (and none is returned): the big
    files do not wait in memory for the shards.
    """
    target = target or TARGET
    big = big or BIG
    files: dict[str, str] = {}
    out = emit or files.__setitem__

    def whole(value: Value) -> bytes:
        return value if isinstance(value, (bytes, bytearray)) else b"".join(v for _, v in value)

    sizes = {k: sum(len(v) for _, v in e) if isinstance(e, list) else len(e) for k, e in entries.items()}
    small = sum(len(k.encode()) + 6 + math.ceil(sizes[k] * 4 / 3) for k in entries if sizes[k] <= big)
    shards = max(1, math.ceil(small / target))
    grouped: dict[int, dict[str, str]] = defaultdict(dict)
    named = big_names(family, (k for k in entries if sizes[k] > big))
    if names is not None:
        names.update(named)
    for key in sorted(entries):
        value = entries[key]
        h = fnv1a(key)
        if sizes[key] > big:
            name = named[key]
            if isinstance(value, list) and sizes[key] <= SPLIT:
                out(name, part(name, b64(whole(value))))
                grouped[h % shards][key] = "=" + name
                continue
            if isinstance(value, list):
                for block, data in value:
                    out(f"{name}.{block}", part(f"{name}.{block}", b64(data)))
            else:
                out(name, part(name, b64(value)))
            grouped[h % shards][key] = "@" + name
        else:
            grouped[h % shards][key] = b64(whole(value))
    for shard in sorted(grouped):
        name = f"{family}/{shard}"
        out(name, part(name, grouped.pop(shard)))
    return files, shards


# --- postings, vectorized ----------------------------------------------------------------------------

def block_size(n: int) -> int:
    """Paragraphs per positional block: at most ``MAX_BLOCKS`` blocks, at least ``BLOCK`` paragraphs each."""
    return max(BLOCK, -(-n // MAX_BLOCKS))


def varints(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """LEB128 bytes of all ``values`` (int64 ≥ 0) and the byte offset where each value starts."""
    values = values.astype(np.int64, copy=False)
    nbytes = np.ones(len(values), dtype=np.int8)
    for k in range(1, 5):
        nbytes += values >= (1 << (7 * k))
    offsets = np.cumsum(nbytes, dtype=np.int64) - nbytes
    out = np.empty(int(offsets[-1] + nbytes[-1]) if len(values) else 0, dtype=np.uint8)
    more = nbytes > 1
    out[offsets] = (values & 0x7F).astype(np.uint8) | (more.astype(np.uint8) << 7)
    # Most values take one byte: the later bytes are written for the few longer ones only.
    at = np.flatnonzero(more)
    rest, left, where = values[at] >> 7, nbytes[at] - 1, offsets[at] + 1
    while len(at):
        more = left > 1
        out[where] = (rest & 0x7F).astype(np.uint8) | (more.astype(np.uint8) << 7)
        at = np.flatnonzero(more)
        rest, left, where = rest[at] >> 7, left[at] - 1, where[at] + 1
    return out, offsets


# Code points for which str.isspace() holds: normalize drops them (a unit test checks the list).
SPACES = (
    *range(0x09, 0x0E),
    *range(0x1C, 0x21),
    0x85,
    0xA0,
    0x1680,
    *range(0x2000, 0x200B),
    0x2028,
    0x2029,
    0x202F,
    0x205F,
    0x3000,
)


def normalize_all(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`speechlib.text.normalize` of every text at once: the code points of all normalized texts,
    concatenated, and each text's normalized length."""
    raw = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.int32)
    owner = np.repeat(np.arange(len(texts), dtype=np.int32), [len(t) for t in texts])
    full = (raw >= 0xFF01) & (raw <= 0xFF5E)
    raw = np.where(full, raw - 0xFEE0, raw)
    raw = np.where((raw >= 0x41) & (raw <= 0x5A), raw + 0x20, raw)
    keep = ~np.isin(raw, SPACES)
    cps = raw[keep]
    return cps, np.bincount(owner[keep], minlength=len(texts)).astype(np.int64)


def _stable_order(key: np.ndarray) -> np.ndarray:
    """Stable argsort of non-negative keys below 2**32, as two 16-bit radix passes (numpy sorts 16-bit
    keys by radix, in linear time; a general stable argsort took twice as long)."""
    first = np.argsort((key & 0xFFFF).astype(np.uint16), kind="stable")
    second = np.argsort((key[first] >> 16).astype(np.uint16), kind="stable")
    return first[second]


def postings(
    cps: np.ndarray,
    lengths: np.ndarray,
    base: int,
    table: np.ndarray,
    size: int,
    previous: Callable[[np.ndarray], np.ndarray] | None = None,
) -> tuple[np.ndarray, bytes, list[int], np.ndarray, bytes, list[int], np.ndarray] | None:
    """Presence and positional lists of every gram of the normalized paragraphs given as their code
    points ``cps`` and ``lengths`` (in result order, numbered from ``base``), as the module docstring
    encodes them. Every character and character bigram is a gram, keyed by the character's number in
    ``table`` (the whole index's alphabet of ``size`` characters) or ``size + first * size + second``.

    Returns the grams' keys (ascending), the presence bytes and each gram's bounds in them, each gram's
    last paragraph, the position bytes and each gram's bounds in them, and the number of paragraphs
    each gram is in (None for no text). A gram's
    first presence value is absolute, or, with ``previous`` (keys → the paragraph each gram was last
    listed in before this batch, -1 for none), the delta from that paragraph: a list simply continues
    across batches.

    Vectorized with numpy: one stable radix sort by key keeps each gram's occurrences in paragraph and
    position order; the varint streams are built in one pass and cut into per-gram slices. Pure-Python
    loops over every character took about ten seconds per million characters.
    """
    n = len(lengths)
    total = int(lengths.sum())
    if total == 0:
        return None
    dense = table[cps]
    pid = np.repeat(np.arange(base, base + n, dtype=np.int32), lengths)
    starts = np.cumsum(lengths) - lengths
    pos = (np.arange(total, dtype=np.int64) - np.repeat(starts, lengths)).astype(np.int32)
    pair = np.flatnonzero(pid[:-1] == pid[1:])  # bigram starts: next character in the same paragraph
    key = np.concatenate([dense, size + dense[pair] * size + dense[pair + 1]])
    del dense
    pid = np.concatenate([pid, pid[pair]])
    pos = np.concatenate([pos, pos[pair]])
    del pair
    order = _stable_order(key)
    key, pid, pos = key[order], pid[order], pos[order]
    del order
    m = len(key)

    new_gram = np.ones(m, dtype=bool)
    new_gram[1:] = key[1:] != key[:-1]
    new_pair = new_gram.copy()
    new_pair[1:] |= pid[1:] != pid[:-1]
    gram_start = np.flatnonzero(new_gram)
    pair_start = np.flatnonzero(new_pair)
    pair_pid = pid[pair_start]
    pair_first = new_gram[pair_start]  # the first paragraph of its gram
    keys = key[gram_start]
    del key

    # Presence: delta of paragraph numbers; at each gram's first paragraph, from the previous batch's.
    deltas = pair_pid.astype(np.int64)
    deltas[1:] -= pair_pid[:-1]
    gram_first_pair = np.flatnonzero(pair_first)
    first = pair_pid[gram_first_pair].astype(np.int64)
    before = previous(keys) if previous is not None else np.full(len(keys), -1, dtype=np.int64)
    deltas[gram_first_pair] = np.where(before >= 0, first - before, first)
    pbytes, poffsets = varints(deltas)
    gram_bounds = np.append(poffsets[gram_first_pair], len(pbytes))
    gram_pairs = np.append(gram_first_pair, len(pair_start))
    lasts = pair_pid[gram_pairs[1:] - 1].astype(np.int64)

    # Positions: one varint per occurrence, (delta from the previous one in the paragraph, or the
    # position itself) * 2 + 1 when another occurrence in the same paragraph follows.
    pos_delta = pos.astype(np.int64)
    pos_delta[1:] -= pos[:-1]
    pos_delta[new_pair] = pos[new_pair]
    more = np.zeros(m, dtype=np.int64)
    more[:-1] = ~new_pair[1:]
    sbytes, soffsets = varints(pos_delta * 2 + more)
    del pos, pos_delta, more
    seg_bounds = np.append(soffsets[gram_start], len(sbytes))
    counts = np.diff(gram_pairs)
    return keys, pbytes.tobytes(), gram_bounds.tolist(), lasts, sbytes.tobytes(), seg_bounds.tolist(), counts


def split_texts(cps: np.ndarray, lengths: np.ndarray) -> list[str]:
    """The texts of :func:`normalize_all`'s output."""
    bounds = np.concatenate([[0], np.cumsum(lengths)]).tolist()
    flat = cps.astype(np.uint32).tobytes().decode("utf-32-le")
    return [flat[bounds[i] : bounds[i + 1]] for i in range(len(lengths))]


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, ascending: ``np.unique`` by one sort. numpy 2.4's ``np.unique`` goes through a
    hash table that took 17 times as long on the ten million keys of the 2,000-speech index."""
    values = np.sort(values)
    keep = np.ones(len(values), dtype=bool)
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


TABLE_LIMIT = 1 << 24  # keys below this are numbered through a table (64 MB at most), not a search


def numberer(found: np.ndarray, limit: int) -> Callable[[np.ndarray], np.ndarray]:
    """:func:`_number` against ``found`` for keys below ``limit``: a lookup table when it is small enough
    (one gather instead of a binary search per key: a second of the 2,000-speech build)."""
    if limit > TABLE_LIMIT or not len(found):
        return lambda keys: _number(found, keys)
    # int16 numbers where they fit: the frequent strings' numbers are kept for every character.
    dtype = np.int16 if len(found) < 1 << 15 else np.int32
    table = np.full(limit + 1, -1, dtype=dtype)  # the last entry answers -1 for the key -1
    table[found] = np.arange(len(found), dtype=dtype)
    return lambda keys: table[keys]


def _number(found: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """The index of each key in the sorted ``found``, or -1 where it is not there."""
    if not len(found):
        return np.full(len(keys), -1, dtype=np.int32)
    at = np.searchsorted(found, keys)
    at[at >= len(found)] = 0
    return np.where((keys >= 0) & (found[at] == keys), at, -1).astype(np.int32)


def frequent_lists(
    batches: Sequence[tuple[np.ndarray, np.ndarray]],
    n: int,
    threshold: int,
    longest: int = FREQUENT_LONGEST,
    grams: tuple[np.ndarray, np.ndarray] | None = None,
) -> dict[str, bytes]:
    """Exact presence lists of every string of 3 to ``longest`` characters found in ``threshold``
    paragraphs or more, for the ``n`` paragraphs given in batches (code points and lengths, as
    :func:`normalize_all` returns them, in result order).

    Why: a frequent phrase made of frequent bigrams (人口和计划生育) is otherwise answered by reading
    those bigrams' positions in nearly every block (700 KB at 2,000 speeches); its own list is one
    bitmap of ``n / 8`` bytes at most. Found level by level (a string is frequent only if both its
    shorter parts are): each position holds the number of the frequent string of the level that
    starts there (or -1), and the next level's strings are the pairs of numbers at neighbouring
    positions, counted once per paragraph (one sort of ``key * n + paragraph`` per batch).

    ``grams``: the frequent characters and bigrams, when the caller has them
    (:meth:`Postings.frequent_grams`); the first two levels, the longest to count, are then not counted.
    Given a list, ``batches`` loses its code points once they are numbered (at 10,000 speeches they are
    100 MB, the largest thing the lists hold); the lengths stay.
    """
    if threshold <= 0 or n == 0 or not batches:
        return {}
    # Memory: one batch's keys at a time (they are made twice, once to count and once to number them);
    # what a level keeps is each position's number (int32) and, from level 3, the frequent pairs.
    bases = np.cumsum([0] + [len(lengths) for _, lengths in batches]).tolist()

    def pid_of(b: int) -> np.ndarray:
        return np.repeat(np.arange(bases[b], bases[b + 1], dtype=np.int64), batches[b][1])

    # Each batch's positions: all of them (None: ``ids[b]`` has one number per character), or, from
    # level 3 on, where ``ids[b]`` numbers a frequent string: (position, paragraph) of each, int32.
    # Few positions start a frequent string of 3 or more characters (a third at level 3, an eighth at
    # level 4 at 2,000 speeches), so the higher levels work on short arrays.
    kept: list[tuple[np.ndarray, np.ndarray] | None] = [None] * len(batches)

    def pair_keys(b: int, size: int) -> tuple[np.ndarray, np.ndarray]:
        """The key of the string made of the frequent strings at each position and the next (or -1),
        and each position's paragraph."""
        here = ids[b]
        if kept[b] is None:
            pid = pid_of(b)
            adjacent = pid[:-1] == pid[1:]
        else:
            pos, pid = kept[b]
            adjacent = (pos[1:] == pos[:-1] + 1) & (pid[1:] == pid[:-1])
        key = np.full(len(here), -1, dtype=np.int64)
        ok = (here[:-1] >= 0) & (here[1:] >= 0) & adjacent
        key[:-1][ok] = here[:-1][ok].astype(np.int64) * size + here[1:][ok]
        return key, pid

    def frequent(keys_of: Callable[[int], tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        """The keys found in ``threshold`` paragraphs or more (ascending). Nothing else is kept: the
        (key, paragraph) pairs of every candidate would hold about 8 bytes per character."""
        found, counts = [], []
        for b in range(len(batches)):
            key, pid = keys_of(b)
            valid = key >= 0
            pairs = distinct(key[valid] * n + pid[valid].astype(np.int64))
            del key, pid, valid
            k = pairs // n
            starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]]) if len(k) else np.zeros(0, np.int64)
            found.append(k[starts])
            counts.append(np.diff(np.r_[starts, len(k)]))
        every = np.concatenate(found)
        keys = distinct(every)
        df = np.bincount(np.searchsorted(keys, every), weights=np.concatenate(counts), minlength=len(keys))
        return keys[df >= threshold]

    # Level 1: the frequent characters.
    if grams is None:
        alphabet = frequent(lambda b: (batches[b][0].astype(np.int64), pid_of(b)))
    else:
        alphabet = grams[0]
    names: list[str] = [chr(c) for c in alphabet.tolist()]
    number = numberer(alphabet, 0x110000)
    ids = [number(cps.astype(np.int64)) for cps, _ in batches]
    if isinstance(batches, list):  # the code points are not read again: let the caller's list free them
        batches[:] = [(None, lengths) for _, lengths in batches]
    out: dict[str, bytes] = {}
    for level in range(2, longest + 1):
        size = len(names)
        if not size:
            break
        if level == 2 and grams is not None:
            first, second = (np.searchsorted(alphabet, grams[1][:, k]) for k in (0, 1))
            found = first * size + second
        else:
            found = frequent(lambda b, size=size: pair_keys(b, size))
        names = [names[k // size] + names[k % size][-1] for k in found.tolist()]
        number = numberer(found, size * size)
        # From level 3, each batch's paragraphs of each frequent string: the paragraphs (int32, by
        # string, then ascending) and each string's bounds in them.
        pids_of: list[tuple[np.ndarray, np.ndarray]] = []
        for b in range(len(batches)):
            key, pid = pair_keys(b, size)
            numbers = number(key)
            if level < 3:
                ids[b] = numbers
                continue
            valid = numbers >= 0
            pairs = distinct(numbers[valid].astype(np.int64) * n + pid[valid])
            del key, pid
            bounds = np.searchsorted(pairs // n, np.arange(len(found) + 1))
            pids_of.append(((pairs % n).astype(np.int32), bounds))
            del pairs
            if kept[b] is None:
                kept[b] = (np.flatnonzero(valid).astype(np.int32), pid_of(b)[valid].astype(np.int32))
            else:
                kept[b] = (kept[b][0][valid], kept[b][1][valid])
            ids[b] = numbers[valid]
        if level < 3 or not len(found):
            continue
        # Each frequent string's paragraphs: its part of every batch's, in paragraph order.
        cuts = [(pids, bounds.tolist()) for pids, bounds in pids_of]
        for i, name in enumerate(names):
            ids_i = np.concatenate([pids[c[i] : c[i + 1]] for pids, c in cuts])
            if len(ids_i):
                out[name] = encode_ids(ids_i, n)
    return out


def release_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc's ``malloc_trim``; nothing elsewhere).

    The postings are held in hundreds of thousands of small buffers; once they are written and freed,
    the heap keeps their pages (about 300 MB at 10,000 speeches), and numpy's large arrays, which are
    mapped apart from the heap, cannot reuse them: without this, frequent_lists' arrays came on top.
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _read_varints_np(data: bytes | bytearray) -> np.ndarray:
    """:func:`read_varints`, vectorized (for the long lists that become bitmaps)."""
    raw = np.frombuffer(bytes(data), dtype=np.uint8).astype(np.int64)
    if not len(raw):
        return np.zeros(0, dtype=np.int64)
    last = (raw & 0x80) == 0
    group = np.cumsum(np.r_[0, last[:-1]])
    start = np.flatnonzero(np.r_[True, last[:-1]])
    shift = np.arange(len(raw)) - start[group]
    # One sum per varint over its bytes (reduceat; np.add.at took ten times as long on big lists).
    return np.add.reduceat((raw & 0x7F) << (7 * shift), start)


class Postings:
    """Presence and positional lists of every gram, added one batch of paragraphs at a time.

    The numpy work of :func:`postings` takes memory in proportion to the characters it is given (about
    100 bytes each): given a batch of :data:`BATCH` paragraphs at a time, the build's peak follows the
    batch; what stays is the encoded lists, the size of the index itself. Grams are numbered over the
    whole index's ``alphabet``, so a gram's key is the same in every batch: its presence list simply
    continues (the batch's first value is already a delta from the gram's last paragraph) and its
    positions follow on (a batch never spans two blocks).
    """

    def __init__(self, block: int, alphabet: np.ndarray) -> None:
        self.block = block
        self.n = 0
        self.size = len(alphabet)
        if self.size * self.size + self.size >= 1 << 32:
            raise ValueError(f"{self.size} distinct characters: bigram keys do not fit in 32 bits")
        self.table = np.zeros(0x110000, dtype=np.int64)
        self.table[alphabet] = np.arange(self.size)
        self.chars = [chr(c) for c in alphabet.tolist()]
        self.seen = np.zeros(0, dtype=np.int64)  # keys listed so far, ascending
        self.seen_last = np.zeros(0, dtype=np.int64)  # and the last paragraph of each
        self.seen_df = np.zeros(0, dtype=np.int64)  # and the number of paragraphs it is in
        self.presence: dict[int, bytearray] = {}
        self.positions: dict[int, list[tuple[int, bytearray]]] = {}

    def gram(self, key: int) -> str:
        size, chars = self.size, self.chars
        return chars[key] if key < size else chars[(key - size) // size] + chars[(key - size) % size]

    def _previous(self, keys: np.ndarray) -> np.ndarray:
        if not len(self.seen):
            return np.full(len(keys), -1, dtype=np.int64)
        at = np.searchsorted(self.seen, keys)
        at[at >= len(self.seen)] = 0
        return np.where(self.seen[at] == keys, self.seen_last[at], -1)

    def add(self, cps: np.ndarray, lengths: np.ndarray) -> None:
        """Index the next paragraphs (in result order), given as :func:`normalize_all` returns them."""
        base = self.n
        self.n += len(lengths)
        found = postings(cps, lengths, base, self.table, self.size, self._previous)
        if found is None:
            return
        keys, raw_p, bounds_p, lasts, raw_s, bounds_s, counts = found
        block = base // self.block
        mp, ms = memoryview(raw_p), memoryview(raw_s)
        presence, positions = self.presence, self.positions
        for g, k in enumerate(keys.tolist()):
            have = presence.get(k)
            if have is None:
                presence[k] = bytearray(mp[bounds_p[g] : bounds_p[g + 1]])
                positions[k] = [(block, bytearray(ms[bounds_s[g] : bounds_s[g + 1]]))]
                continue
            have += mp[bounds_p[g] : bounds_p[g + 1]]
            parts = positions[k]
            if parts[-1][0] == block:
                parts[-1][1].extend(ms[bounds_s[g] : bounds_s[g + 1]])
            else:
                parts.append((block, bytearray(ms[bounds_s[g] : bounds_s[g + 1]])))
        # Each gram's last paragraph: this batch's where it has one (a stable sort keeps it last).
        every = np.concatenate([self.seen, keys])
        last = np.concatenate([self.seen_last, lasts])
        df = np.concatenate([self.seen_df, counts])
        order = np.argsort(every, kind="stable")
        every, last, df = every[order], last[order], df[order]
        keep = np.ones(len(every), dtype=bool)
        keep[:-1] = every[1:] != every[:-1]
        first = np.flatnonzero(np.r_[True, keep[:-1]])
        self.seen, self.seen_last, self.seen_df = every[keep], last[keep], np.add.reduceat(df, first)

    def frequent_grams(self, threshold: int) -> tuple[np.ndarray, np.ndarray]:
        """The characters (code points, ascending) and the bigrams (code point pairs, shape (k, 2), in
        key order) found in ``threshold`` paragraphs or more: :func:`frequent_lists`' first two levels,
        known here without counting again."""
        keys = self.seen[self.seen_df >= threshold]
        codes = np.asarray([ord(c) for c in self.chars], dtype=np.int64)
        single = keys[keys < self.size]
        pairs = keys[keys >= self.size] - self.size
        return codes[single], np.stack([codes[pairs // self.size], codes[pairs % self.size]], axis=1)

    def presence_lists(self) -> dict[str, bytes]:
        """Every presence list, encoded as the module docstring says (a bitmap where that is smaller)."""
        universe_bytes = (self.n + 7) // 8
        out: dict[str, bytes] = {}
        for key in list(self.presence):
            data = self.presence.pop(key)
            if len(data) > universe_bytes:  # dense: a bitmap is smaller
                out[self.gram(key)] = bitmap(np.cumsum(_read_varints_np(data)), self.n)
            else:
                out[self.gram(key)] = b"\x00" + bytes(data)
        return out

    def positional_lists(self) -> dict[str, list[tuple[int, bytearray]]]:
        """Every positional list by gram, in blocks (handed over: the postings keep none)."""
        out = {self.gram(k): v for k, v in self.positions.items()}
        self.positions = {}
        return out


def glossary_spellings(glossary: Iterable[dict]) -> list[str]:
    """Normalized spellings (text and variants) of the glossary's phrases of three characters or more."""
    found = {normalize(s) for e in glossary for s in (e["text"], *e.get("variants", []))}
    return sorted(k for k in found if len(k) >= 3)


class PhraseLists:
    """Exact presence lists of the glossary's spellings, found in one Aho-Corasick pass per batch.

    The phrases writers look up most are the glossary's; a query for one is answered by this one list,
    with no positions: 高度重视 in a 2,000-speech library reads about 10 KB instead of about 100 KB.
    """

    def __init__(self, spellings: Sequence[str]) -> None:
        self.automaton = None
        self.spellings = list(spellings)
        self.found: list[np.ndarray] = []  # per batch: the distinct (spelling, paragraph) pairs found
        self.n = 0
        if spellings:
            import ahocorasick

            self.automaton = ahocorasick.Automaton()
            for i, key in enumerate(self.spellings):
                self.automaton.add_word(key, i)
            self.automaton.make_automaton()

    def add(self, norms: Sequence[str]) -> None:
        """Scan the next paragraphs: one walk over their texts joined by a character no normalized text
        or spelling holds (a line break: normalization drops white space), so no match spans two."""
        if self.automaton is not None and norms:
            hits = list(self.automaton.iter("\n".join(norms)))
            if hits:
                ends, ids = np.array(hits, dtype=np.int64).T
                starts = np.cumsum([0] + [len(t) + 1 for t in norms[:-1]])
                pids = np.searchsorted(starts, ends, side="right") - 1 + self.n
                self.found.append(distinct(ids * (1 << 32) + pids))
        self.n += len(norms)

    def lists(self) -> dict[str, bytes]:
        if not self.found:
            return {}
        pairs = np.concatenate(self.found)  # ascending: each batch's, and the batches in paragraph order
        order = np.argsort(pairs >> 32, kind="stable")
        pairs = pairs[order]
        ids = pairs >> 32
        bounds = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1], True]).tolist()
        return {
            self.spellings[int(ids[a])]: encode_ids(pairs[a:b] & 0xFFFFFFFF, self.n)
            for a, b in zip(bounds[:-1], bounds[1:], strict=True)
        }


def phrase_lists(norms: Sequence[str], spellings: Sequence[str]) -> dict[str, bytes]:
    """:class:`PhraseLists` of ``norms`` in one go."""
    found = PhraseLists(spellings)
    found.add(norms)
    return found.lists()


# --- the builder -----------------------------------------------------------------------------------


QUALITIES = 2 * (len(LENGTH_BUCKETS) + 1)  # the values quality() takes


def numbering(
    paras: Sequence[Para], docs: Sequence[PageInfo], facet_rank: Sequence[int], slack: int = 0
) -> tuple[list[int], list[int], dict[tuple[int, int], tuple[int, int]]]:
    """Paragraph numbers in result order (see the module docstring), with room to grow.

    Paragraphs are grouped by page and rank bucket; the groups go in result order (kind, bucket,
    facets, page) and each group's paragraphs in page order. With ``slack``, every page has a group in
    every bucket, and each group is followed by ``slack`` unused numbers: an edit that adds a paragraph
    to a page takes one of them, and no other paragraph's number moves (:mod:`speechlib.search.update`).

    Returns the input index of each number (-1 for an unused one), the page of each number, and each
    group's first number and size by (page, bucket).
    """
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, p in enumerate(paras):
        groups[(p.doc, quality(p.text))].append(i)
    keys = set(groups)
    if slack:
        keys |= {(d, b) for d in range(len(docs)) for b in range(QUALITIES)}
    ordered = sorted(keys, key=lambda k: (KINDS.index(docs[k[0]].kind), k[1], facet_rank[k[0]], k[0]))
    by_number: list[int] = []
    doc_of: list[int] = []
    slots: dict[tuple[int, int], tuple[int, int]] = {}
    for d, b in ordered:
        members = groups.get((d, b), [])
        size = len(members) + slack
        slots[(d, b)] = (len(by_number), size)
        by_number += members
        by_number += [-1] * slack
        doc_of += [d] * size
    return by_number, doc_of, slots


def _ordered(values: set[str], order: Sequence[str]) -> list[str]:
    """``values`` in the vocabulary's order (the site's navigation order), unknown ones last."""
    rank = {v: i for i, v in enumerate(order)}
    return sorted(values, key=lambda v: (rank.get(v, len(rank)), v))


def inputs_digest(
    docs: Sequence[PageInfo],
    paras: Sequence[Para],
    glossary: Iterable[dict],
    *settings,
    pages: Sequence[bytes] | None = None,
) -> str:
    """A hash of everything :func:`build` reads, and of this module's code: equal hashes, equal index.
    ``pages``: each page's :func:`page_digest`, when the caller has them (else made from ``paras``)."""
    if pages is None:
        by_doc: list[list[Para]] = [[] for _ in docs]
        for p in paras:
            by_doc[p.doc].append(p)
        pages = [page_digest(ps) for ps in by_doc]
    h = hashlib.sha1(settings_digest(docs, glossary, *settings).encode())
    for digest in pages:
        h.update(digest)
    for e in glossary:  # the card fields only: occurrences follow from the paragraphs
        card = [e["text"], e.get("variants", []), e.get("note", ""), e.get("url", ""), e.get("counts", {})]
        h.update(json.dumps(card, ensure_ascii=False, sort_keys=True).encode())
    return h.hexdigest()[:16]


def page_digest(paras: Sequence[Para]) -> bytes:
    """A hash of one page's searchable paragraphs (their page number included)."""
    h = hashlib.sha1()
    for p in paras:
        h.update(f"{p.doc}\0{p.anchor}\0{p.heading}\0{p.text}\0".encode())
    return h.digest()


def settings_digest(docs: Sequence[PageInfo], glossary: Iterable[dict], *settings) -> str:
    """A hash of what an update cannot change: the code, the page records, the glossary's spellings and
    the settings (the results URL, the labels' order, the slack)."""
    h = hashlib.sha1(Path(__file__).read_bytes())
    h.update(f"{VERSION}|{BATCH}|{BLOCK}|{CHUNK}|{TARGET}|{BIG}|{SPLIT}|{FREQUENT_MIN}|{FREQUENT_SHARE}".encode())
    h.update(json.dumps(settings, ensure_ascii=False, sort_keys=True).encode())
    for d in docs:
        h.update(repr((d.url, d.title, d.kind, d.meeting_type, d.genre, d.date, d.period)).encode())
    h.update("\0".join(glossary_spellings(glossary)).encode())
    return h.hexdigest()


def build_id(digests: dict[str, bytes]) -> str:
    """The build id in meta.js: a hash of every other part, so the browser's cache sees a new index."""
    h = hashlib.sha1()
    for name in sorted(digests):
        if name != "meta":
            h.update(name.encode() + b"\0" + digests[name])
    return h.hexdigest()[:10]


class _Output:
    """Where the parts go: ``sink(name, content)`` as each is made (the build does not hold the whole
    index in memory), or, without a sink, a dict (tests). Keeps the figures and each part's hash."""

    def __init__(self, sink: Callable[[str, str], None] | None) -> None:
        self.sink = sink
        self.files: dict[str, str] = {}
        self.count = 0
        self.bytes = 0
        self.digests: dict[str, bytes] = {}

    def __call__(self, name: str, content: str) -> None:
        data = content.encode()
        self.count += 1
        self.bytes += len(data)
        self.digests[name] = hashlib.sha1(data).digest()
        if self.sink is None:
            self.files[name] = content
        else:
            self.sink(name, content)


def chunk_part(c: int, numbered: Sequence[Para | None], docs: Sequence[PageInfo], mts, genres) -> dict | None:
    """Text chunk ``c``: its paragraphs (None for an unused number) and the records of their speeches;
    None when every number in it is unused."""
    ds: dict[str, list] = {}
    ps: list = []
    for p in numbered[c * CHUNK : (c + 1) * CHUNK]:
        if p is None:
            ps.append(None)
            continue
        d = docs[p.doc]
        ds[str(p.doc)] = [
            d.title,
            d.url,
            mts.index(d.meeting_type),
            genres.index(d.genre),
            KINDS.index(d.kind),
            d.date,
        ]
        ps.append([p.doc, p.anchor, p.heading, p.text])
    return {"d": ds, "p": ps} if ds else None


def glossary_parts(glossary: Sequence[dict]) -> tuple[dict[str, dict[str, dict]], int]:
    """The ``gl`` family: glossary cards keyed by every normalized spelling, in hashed shards; and the
    shard count."""
    gl_entries: list[tuple[str, dict]] = []
    for entry in glossary:
        card = {
            "text": entry["text"],
            "note": entry.get("note", ""),
            "url": entry.get("url", ""),
            "variants": list(entry.get("variants", [])),
            "counts": entry.get("counts", {}),
        }
        for spelling in dict.fromkeys([entry["text"], *entry.get("variants", [])]):
            gl_entries.append((normalize(spelling), card))
    gl_size = sum(len(json.dumps(c, ensure_ascii=False).encode()) for _, c in gl_entries)
    gl_shards = max(1, math.ceil(gl_size / GLOSSARY_TARGET))
    gl_grouped: dict[int, dict[str, dict]] = defaultdict(dict)
    for key, card in gl_entries:
        gl_grouped[fnv1a(key) % gl_shards][key] = card
    return {f"gl/{shard}": data for shard, data in gl_grouped.items()}, gl_shards


def facet_labels(docs: Sequence[PageInfo], meeting_types: Sequence[str], genres: Sequence[str]):
    """The meeting types and genres present, in the vocabularies' order."""
    return _ordered({d.meeting_type for d in docs}, meeting_types), _ordered({d.genre for d in docs}, genres)


def build(
    docs: Sequence[PageInfo],
    paras: Sequence[Para],
    glossary: Iterable[dict] = (),
    results_url: str = "search/",
    meeting_types: Sequence[str] = (),
    genres: Sequence[str] = (),
    sink: Callable[[str, str], None] | None = None,
    slack: int = 0,
) -> Index:
    """Every file of the index, handed to ``sink`` one by one (or kept in :attr:`Index.files`).

    ``glossary`` holds phrases.json objects (text, variants, note, url, counts); ``meeting_types`` and
    ``genres`` are the vocabularies' labels in their order, for the order of the filters; ``slack``
    unused numbers after each page's rank group leave room for edits (:func:`numbering`).
    """
    glossary = list(glossary)
    settings = settings_digest(docs, glossary, results_url, list(meeting_types), list(genres), slack)
    mts, genres = facet_labels(docs, meeting_types, genres)
    periods = list(periods_.LABELS)
    tuples: list[tuple[int, int, int, int]] = []
    tuple_index: dict[tuple[int, int, int, int], int] = {}
    facet_of: list[int] = []
    for d in docs:
        t = (
            mts.index(d.meeting_type),
            genres.index(d.genre),
            KINDS.index(d.kind),
            periods.index(d.period),
        )
        if t not in tuple_index:
            tuple_index[t] = len(tuples)
            tuples.append(t)
        facet_of.append(tuple_index[t])
    # Meeting type, then genre, ... inside a rank bucket: order the tuples by their fields.
    sorted_tuples = sorted(range(len(tuples)), key=lambda i: tuples[i])
    rank_of_tuple = {t: r for r, t in enumerate(sorted_tuples)}
    facet_rank = [rank_of_tuple[f] for f in facet_of]

    order, doc_of, slots = numbering(paras, docs, facet_rank, slack)
    n = len(order)
    numbered = [paras[i] if i >= 0 else None for i in order]

    runs: list[int] = []
    for d in doc_of:
        f = facet_of[d]
        if runs and runs[-1] == f:
            runs[-2] += 1
        else:
            runs += [1, f]

    # Postings batch by batch (a batch never spans two positional blocks), then each family packed
    # and handed out before the next is made.
    block = block_size(n)
    spellings = glossary_spellings(glossary)
    found = PhraseLists(spellings)
    # The normalized text, compactly, batch by batch (a batch never spans two positional blocks): read
    # once for the alphabet, once for the postings and once for frequent_lists.
    kept: list[tuple[np.ndarray, np.ndarray]] = []
    present = np.zeros(0x110000, dtype=bool)
    chars = 0
    for start in range(0, n, block):
        stop = min(n, start + block)
        for low in range(start, stop, BATCH):
            texts = [p.text if p is not None else "" for p in numbered[low : min(stop, low + BATCH)]]
            cps, lengths = normalize_all(texts)
            found.add(split_texts(cps, lengths))
            present[cps] = True
            chars += len(cps)
            kept.append((cps.astype(np.uint16) if cps.max(initial=0) < 0x10000 else cps, lengths))
    lists = Postings(block, np.flatnonzero(present))
    del present
    for cps, lengths in kept:
        lists.add(cps, lengths)
    threshold = max(FREQUENT_MIN, n // FREQUENT_SHARE)
    seeds = lists.frequent_grams(threshold)
    files = _Output(sink)
    big: dict[str, dict[str, str]] = {"g": {}, "p": {}, "n": {}}
    presence = lists.presence_lists()
    grams = len(presence)
    _, g_shards = pack("g", presence, emit=files, names=big["g"])
    del presence
    _, p_shards = pack("p", lists.positional_lists(), emit=files, names=big["p"])
    del lists
    release_memory()  # the lists' small buffers, before the large arrays of frequent_lists
    # Exact lists: the glossary's spellings, and every frequent string (frequent_lists).
    exact = frequent_lists(kept, n, threshold, grams=seeds)
    del kept
    exact_keys = set(exact) | set(spellings)
    exact.update(found.lists())
    _, n_shards = pack("n", exact, emit=files, names=big["n"])
    del exact

    for c in range(0, -(-n // CHUNK)):
        data = chunk_part(c, numbered, docs, mts, genres)
        if data is not None:
            files(f"t/{c}", part(f"t/{c}", data))
    gl, gl_shards = glossary_parts(glossary)
    for name, data in gl.items():
        files(name, part(name, data))

    meta = {
        "v": VERSION,
        "n": n,
        "block": block,
        "chunk": CHUNK,
        "shards": {"g": g_shards, "p": p_shards, "n": n_shards, "gl": gl_shards},
        "facets": {"mt": mts, "genre": genres, "kind": [KIND_LABELS[k] for k in KINDS], "period": periods},
        "tuples": [list(t) for t in tuples],
        "runs": b64(varints(np.asarray(runs, dtype=np.int64))[0].tobytes()),
        "results": results_url,
    }
    pages: list[list[Para]] = [[] for _ in docs]
    for p in paras:
        pages[p.doc].append(p)
    plan = Plan(
        settings, n, block, dict(meta["shards"]), slots, numbered, exact_keys, big, files.digests, dict(meta),
        [tuple(ps) for ps in pages],
    )
    # A build id (hash of all parts) lets the browser cache parts and still see a rebuilt index.
    meta["id"] = build_id(files.digests)
    meta_part = part("meta", meta)
    files("meta", meta_part)
    stats = {
        "paragraphs": len(paras),
        "numbers": n,
        "chars": chars,
        "grams": grams,
        "files": files.count,
        "bytes": files.bytes,
        "meta_bytes": len(meta_part.encode()),
    }
    return Index(files.files, order, stats, plan)


def from_records(
    records: Iterable, cache: dict | None = None
) -> tuple[list[PageInfo], list[Para], list[bytes]]:
    """Pages and paragraphs from ``speechlib.site.state`` page records (the paragraph model's body text),
    and each page's :func:`page_digest`. With ``cache`` (src_uri → entry, kept by the caller across
    builds), a page whose paragraph model is the same object as last time keeps its paragraphs and
    digest: a ``mkdocs serve`` rebuild reads only the edited pages."""
    docs: list[PageInfo] = []
    paras: list[Para] = []
    digests: list[bytes] = []
    seen: set[str] = set()
    for record in records:
        d = len(docs)
        docs.append(record.info)
        entry = cache.get(record.info.src_uri) if cache is not None else None
        if entry is None or entry[0] is not record.text or entry[1] != d:
            mine = _page_paras(record, d)
            entry = (record.text, d, mine, page_digest(mine))
            if cache is not None:
                cache[record.info.src_uri] = entry
        seen.add(record.info.src_uri)
        paras += entry[2]
        digests.append(entry[3])
    if cache is not None:
        for key in cache.keys() - seen:
            del cache[key]
    return docs, paras, digests


def _page_paras(record, d: int) -> list[Para]:
    out: list[Para] = []
    for p in record.text.body():
        if not p.copy_text:
            continue
        # The innermost section heading (h1 is the page title, shown anyway).
        heading = next((h.text for h in reversed(p.headings) if h.level >= 2), "")
        out.append(Para(d, p.id, heading, p.copy_text))
    # Section headings are searched too; their anchor is the heading's id (not "p-…"), which is
    # how search.js tells a heading result from a paragraph and marks it as one.
    outer: list = []
    for h in record.text.headings:
        outer = [o for o in outer if o.level < h.level]
        if h.level >= 2 and h.id and h.text:
            parent = next((o.text for o in reversed(outer) if o.level >= 2), "")
            out.append(Para(d, h.id, parent, h.text))
        outer.append(h)
    return out
