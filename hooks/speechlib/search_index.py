"""The search index: exact substring search over every speech paragraph, fetched in small parts.

What is searched
    The paragraphs of the paragraph model whose role is in ``TEXT_ROLES`` (body text and 备选表述) of
    every exemplar and template, matched on ``match_text`` (:func:`speechlib.text.normalize` of the
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
        not one entry per paragraph).
    ``g/<shard>.js`` presence postings
        for every character and every character bigram of the normalized text, the ascending list of
        paragraphs containing it, as delta varints or as a bitmap (whichever is smaller), base64.
        A one- or two-character term is answered exactly by one list; the count needs no text.
    ``p/<shard>.js`` positional postings, per block of ``BLOCK`` paragraphs
        for each paragraph of a presence list, where the gram occurs. A longer term ``ABCDE`` is the
        bigrams ``AB`` at 0, ``CD`` at 2 and ``DE`` at 3 (a cover of every character); a paragraph
        matches when the three occur at those offsets from one start, which is exact. Positions are
        fetched only for the blocks that hold candidates (the intersection of the presence lists), so
        a rare phrase such as ``以…抓落实`` reads the positions of 以 in a few blocks, not all of them.
    ``t/<chunk>.js`` text chunks of ``CHUNK`` paragraphs in result order
        copy text, anchor, section heading and the speech record (title, URL, meeting type, genre,
        kind, date). Only the chunks of the shown results are fetched; highlighting is done in the
        browser on the same normalization.
    ``gl/<shard>.js`` glossary entries keyed by every normalized spelling (text and variants), for the
        card shown when the query is a glossary phrase.

    Small lists are packed into hashed shards (FNV-1a of the key, the same function in Python and
    JS) of about ``TARGET`` bytes; a list larger than ``BIG`` bytes gets a file of its own, named in
    its shard (``"@b/…"``). Every part is a script ``__searchPart("name", {...})``: over HTTP the
    browser fetches it and reads the JSON inside, from ``file://`` it loads it with a ``<script>``
    element, so one build serves both.

    Measured on the 2,000-speech benchmark library (``make bench``, figures in BENCHMARKS.md): see
    the search table there. The alternatives considered: one whole index (Material's lunr: tens of
    MB, downloaded whole); bigram presence without positions (not exact for terms of three or more
    characters, and gap patterns cannot be checked); verifying candidates against their text (about
    100 times the bytes of their positions); a trigram index (exact only up to three characters).

Format of the lists (``decode_*`` in this module and in search.js read them)
    presence: first byte 0 → delta varints (first value absolute); first byte 1 → bitmap of
    ``ceil(n / 8)`` bytes, bit ``i % 8`` of byte ``i // 8``.
    positions for (gram, block): for each paragraph of the presence list inside the block, in order:
    varint count, then the positions as delta varints (first absolute).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .text import normalize

VERSION = 1
BLOCK = 2048  # paragraphs per positional block, at least
MAX_BLOCKS = 8  # at most: a common phrase reads its grams' positions in this many parts
CHUNK = 4  # paragraphs per text chunk
TARGET = 4096  # bytes of a packed shard, about
BIG = 3072  # a list larger than this gets a file of its own
GLOSSARY_TARGET = 4096

KINDS = ("template", "exemplar")
KIND_LABELS = {"template": "模板", "exemplar": "范文"}
# Periods by the five-year plans, which date the texts better than the year printed in them.
PERIODS = (
    ("十五及以前（2005年前）", None, 2005),
    ("十一五（2006—2010年）", 2006, 2010),
    ("十二五（2011—2015年）", 2011, 2015),
    ("十三五（2016—2020年）", 2016, 2020),
    ("十四五以来（2021年后）", 2021, None),
)
NO_PERIOD = "未注明年份"

# A paragraph that opens by pointing back (这、此、同时……) or does not end a sentence needs its
# neighbours to be understood; it goes after the self-contained ones.
_DEPENDENT_START = re.compile(
    r"^(?:这|此|其|上述|以上|同时|另外|此外|因此|所以|但是|但|而且|并且|对此|为此|他们|它们)")
_SENTENCE_END = re.compile(r"[。！？!?；;…][”’」』）)]*$")
LENGTH_BUCKETS = (40, 100, 200)  # Han-text length limits of the rank buckets


@dataclass(frozen=True)
class Doc:
    """One speech page as the results show it."""

    url: str  # site-relative
    title: str
    kind: str  # exemplar | template
    meeting_type: str  # label
    genre: str  # label
    date: str  # YYYY-MM-DD, YYYY-MM, YYYY or 不详
    year: int | None = None


@dataclass(frozen=True)
class Para:
    doc: int  # index into the docs list
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
    order: list[int] = field(default_factory=list)  # paragraph number → index into the input list
    stats: dict[str, int] = field(default_factory=dict)


def period_of(year: int | None) -> str:
    if year is None:
        return NO_PERIOD
    for label, start, end in PERIODS:
        if (start is None or year >= start) and (end is None or year <= end):
            return label
    return NO_PERIOD


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


def put_varint(out: bytearray, n: int) -> None:
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


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


def encode_presence(deltas: bytes, count: int, universe: int) -> bytes:
    """Delta varints (already built) or a bitmap, whichever is smaller."""
    bitmap_size = (universe + 7) // 8
    if len(deltas) + 1 <= bitmap_size + 1:
        return b"\x00" + deltas
    bits = bytearray(bitmap_size)
    pid = 0
    for d in read_varints(deltas):
        pid += d
        bits[pid >> 3] |= 1 << (pid & 7)
    return b"\x01" + bytes(bits)


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


def decode_positions(data: bytes, pids: Sequence[int]) -> dict[int, list[int]]:
    """Positions of each paragraph in ``pids`` (the presence list restricted to the block)."""
    values = read_varints(data)
    out: dict[int, list[int]] = {}
    i = 0
    for pid in pids:
        count = values[i]
        i += 1
        pos, acc = [], 0
        for k in range(count):
            acc = values[i + k] if k == 0 else acc + values[i + k]
            pos.append(acc)
        i += count
        out[pid] = pos
    return out


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def part(name: str, data) -> str:
    """One index part as a script; search.js reads the JSON between the first ``,`` and the last ``)``."""
    return f'__searchPart("{name}",{json.dumps(data, ensure_ascii=False, separators=(",", ":"))});\n'


def pack(family: str, entries: dict[str, bytes], target: int | None = None,
         big: int | None = None) -> tuple[dict[str, str], int]:
    """Files of one family: hashed shards of small lists, own files for big ones; and the shard count."""
    target = target or TARGET
    big = big or BIG
    small = sum(len(k.encode()) + 6 + math.ceil(len(v) * 4 / 3) for k, v in entries.items() if len(v) <= big)
    shards = max(1, math.ceil(small / target))
    grouped: dict[int, dict[str, str]] = defaultdict(dict)
    files: dict[str, str] = {}
    for key in sorted(entries):
        value = entries[key]
        h = fnv1a(key)
        if len(value) > big:
            name = f"{family}/b/{h:08x}-{len(files)}"
            files[name] = part(name, b64(value))
            grouped[h % shards][key] = "@" + name
        else:
            grouped[h % shards][key] = b64(value)
    for shard, data in grouped.items():
        name = f"{family}/{shard}"
        files[name] = part(name, data)
    return files, shards


# --- postings, vectorized ----------------------------------------------------------------------------

_FOLD = {c: chr(c - 0xFEE0).lower() for c in range(0xFF01, 0xFF5F)}
_FOLD.update({c: chr(c).lower() for c in range(ord("A"), ord("Z") + 1)})


def fast_normalize(text: str) -> str:
    """:func:`speechlib.text.normalize` with C-speed string methods (``str.split()`` drops exactly
    the characters for which ``str.isspace()`` holds, as normalize does); a unit test holds them equal."""
    return "".join(text.translate(_FOLD).split())


def block_size(n: int) -> int:
    """Paragraphs per positional block: at most ``MAX_BLOCKS`` blocks, at least ``BLOCK`` paragraphs each."""
    return max(BLOCK, -(-n // MAX_BLOCKS))


def varints(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """LEB128 bytes of all ``values`` (int64 ≥ 0) and the byte offset where each value starts."""
    values = values.astype(np.int64)
    nbytes = np.ones(len(values), dtype=np.int64)
    for k in range(1, 5):
        nbytes += values >= (1 << (7 * k))
    offsets = np.cumsum(nbytes) - nbytes
    out = np.zeros(int(nbytes.sum()), dtype=np.uint8)
    for k in range(5):
        mask = nbytes > k
        if not mask.any():
            break
        byte = (values[mask] >> (7 * k)) & 0x7F
        byte |= np.where(nbytes[mask] > k + 1, 0x80, 0)
        out[offsets[mask] + k] = byte
    return out, offsets


def _gram(key: int) -> str:
    return chr(key) if key < _BIGRAM else chr((key >> 21) - 1) + chr(key & 0x1FFFFF)


_BIGRAM = 1 << 21


def postings(norms: Sequence[str], block: int) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Presence lists by gram and positional lists by ``gram#block`` for paragraphs ``norms`` (in result
    order), encoded as described in the module docstring. Every character and character bigram is a gram.

    Vectorized with numpy: one array of all occurrences (gram key, paragraph, position), stably sorted
    by key, so each gram's occurrences stay in paragraph and position order; the varint streams are
    built in one pass and cut into per-gram slices. Pure-Python loops over every character took about
    ten seconds per million characters; this takes well under one.
    """
    n = len(norms)
    lengths = np.fromiter((len(t) for t in norms), dtype=np.int64, count=n)
    total = int(lengths.sum())
    if total == 0:
        return {}, {}
    cps = np.frombuffer("".join(norms).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    pid = np.repeat(np.arange(n, dtype=np.int64), lengths)
    starts = np.cumsum(lengths) - lengths
    pos = np.arange(total, dtype=np.int64) - np.repeat(starts, lengths)
    pair = np.flatnonzero(pid[:-1] == pid[1:])  # bigram starts: next character in the same paragraph
    key = np.concatenate([cps, ((cps[pair] + 1) << 21) + cps[pair + 1]])
    pid = np.concatenate([pid, pid[pair]])
    pos = np.concatenate([pos, pos[pair]])
    order = np.argsort(key, kind="stable")
    key, pid, pos = key[order], pid[order], pos[order]
    m = len(key)

    new_gram = np.ones(m, dtype=bool)
    new_gram[1:] = key[1:] != key[:-1]
    new_pair = new_gram.copy()
    new_pair[1:] |= pid[1:] != pid[:-1]
    gram_start = np.flatnonzero(new_gram)
    pair_start = np.flatnonzero(new_pair)
    pair_pid = pid[pair_start]
    pair_gram = np.cumsum(new_gram)[pair_start] - 1
    pair_first = new_gram[pair_start]  # the first paragraph of its gram
    pair_end = np.append(pair_start[1:], m)
    pair_count = pair_end - pair_start

    # Presence: delta of paragraph numbers, absolute at each gram's first paragraph.
    deltas = pair_pid.copy()
    deltas[1:] -= pair_pid[:-1]
    deltas[pair_first] = pair_pid[pair_first]
    pbytes, poffsets = varints(deltas)
    gram_first_pair = np.flatnonzero(pair_first)
    gram_bounds = np.append(poffsets[gram_first_pair], len(pbytes))
    gram_pairs = np.append(gram_first_pair, len(pair_start))

    # Positions: for each (gram, paragraph) its count, then the positions as deltas.
    pos_delta = pos.copy()
    pos_delta[1:] -= pos[:-1]
    pos_delta[new_pair] = pos[new_pair]
    pair_of_occ = np.cumsum(new_pair) - 1
    stream = np.empty(m + len(pair_start), dtype=np.int64)
    stream[np.arange(m) + pair_of_occ + 1] = pos_delta
    count_slot = pair_start + np.arange(len(pair_start))
    stream[count_slot] = pair_count
    sbytes, soffsets = varints(stream)
    pair_block = pair_pid // block
    new_segment = pair_first.copy()
    new_segment[1:] |= pair_block[1:] != pair_block[:-1]
    seg_first = np.flatnonzero(new_segment)
    seg_bounds = np.append(soffsets[count_slot[seg_first]], len(sbytes))

    raw_p = pbytes.tobytes()
    raw_s = sbytes.tobytes()
    keys = key[gram_start].tolist()
    presence: dict[str, bytes] = {}
    universe_bytes = (n + 7) // 8
    for g, k in enumerate(keys):
        data = raw_p[gram_bounds[g]:gram_bounds[g + 1]]
        if len(data) > universe_bytes:  # dense: a bitmap is smaller
            ids = pair_pid[gram_pairs[g]:gram_pairs[g + 1]]
            bits = np.zeros(universe_bytes * 8, dtype=bool)
            bits[ids] = True
            presence[_gram(k)] = b"\x01" + np.packbits(bits, bitorder="little").tobytes()
        else:
            presence[_gram(k)] = b"\x00" + data
    positions: dict[str, bytes] = {}
    seg_gram = pair_gram[seg_first].tolist()
    seg_block = pair_block[seg_first].tolist()
    bounds = seg_bounds.tolist()
    for j, (g, b) in enumerate(zip(seg_gram, seg_block, strict=True)):
        positions[f"{_gram(keys[g])}#{b}"] = raw_s[bounds[j]:bounds[j + 1]]
    return presence, positions


# --- the builder -----------------------------------------------------------------------------------

def rank(paras: Sequence[Para], docs: Sequence[Doc], facet_of: list[int]) -> list[int]:
    """Input indexes in result order (see the module docstring)."""
    def key(i: int):
        p = paras[i]
        d = docs[p.doc]
        return (KINDS.index(d.kind), quality(p.text), facet_of[p.doc], p.doc, i)
    return sorted(range(len(paras)), key=key)


def _ordered(values: set[str], order: Sequence[str]) -> list[str]:
    """``values`` in the vocabulary's order (the site's navigation order), unknown ones last."""
    rank = {v: i for i, v in enumerate(order)}
    return sorted(values, key=lambda v: (rank.get(v, len(rank)), v))


def build(docs: Sequence[Doc], paras: Sequence[Para], glossary: Iterable[dict] = (),
          results_url: str = "search/", meeting_types: Sequence[str] = (),
          genres: Sequence[str] = ()) -> Index:
    """Every file of the index.

    ``glossary`` holds phrases.json objects (text, variants, note, url, counts); ``meeting_types`` and
    ``genres`` are the vocabularies' labels in their order, for the order of the filters.
    """
    mts = _ordered({d.meeting_type for d in docs}, meeting_types)
    genres = _ordered({d.genre for d in docs}, genres)
    periods = [label for label, *_ in PERIODS] + [NO_PERIOD]
    tuples: list[tuple[int, int, int, int]] = []
    tuple_index: dict[tuple[int, int, int, int], int] = {}
    facet_of: list[int] = []
    for d in docs:
        t = (mts.index(d.meeting_type), genres.index(d.genre), KINDS.index(d.kind),
             periods.index(period_of(d.year)))
        if t not in tuple_index:
            tuple_index[t] = len(tuples)
            tuples.append(t)
        facet_of.append(tuple_index[t])
    # Meeting type, then genre, ... inside a rank bucket: order the tuples by their fields.
    sorted_tuples = sorted(range(len(tuples)), key=lambda i: tuples[i])
    rank_of_tuple = {t: r for r, t in enumerate(sorted_tuples)}
    facet_rank = [rank_of_tuple[f] for f in facet_of]

    order = rank(paras, docs, facet_rank)
    n = len(order)

    runs: list[int] = []
    for i in order:
        f = facet_of[paras[i].doc]
        if runs and runs[-1] == f:
            runs[-2] += 1
        else:
            runs += [1, f]

    norms = [fast_normalize(paras[i].text) for i in order]
    chars = sum(map(len, norms))
    block = block_size(n)
    presence, positions = postings(norms, block)

    files: dict[str, str] = {}
    g_files, g_shards = pack("g", presence)
    p_files, p_shards = pack("p", positions)
    files.update(g_files)
    files.update(p_files)

    # Text chunks, each with the records of the speeches its paragraphs come from.
    for c in range(0, n, CHUNK):
        ds: dict[str, list] = {}
        ps = []
        for i in order[c:c + CHUNK]:
            p = paras[i]
            d = docs[p.doc]
            ds[str(p.doc)] = [d.title, d.url, mts.index(d.meeting_type), genres.index(d.genre),
                              KINDS.index(d.kind), d.date]
            ps.append([p.doc, p.anchor, p.heading, p.text])
        name = f"t/{c // CHUNK}"
        files[name] = part(name, {"d": ds, "p": ps})

    gl_entries: list[tuple[str, dict]] = []
    for entry in glossary:
        card = {"text": entry["text"], "note": entry.get("note", ""), "url": entry.get("url", ""),
                "variants": list(entry.get("variants", [])), "counts": entry.get("counts", {})}
        for spelling in dict.fromkeys([entry["text"], *entry.get("variants", [])]):
            gl_entries.append((normalize(spelling), card))
    gl_size = sum(len(json.dumps(c, ensure_ascii=False).encode()) for _, c in gl_entries)
    gl_shards = max(1, math.ceil(gl_size / GLOSSARY_TARGET))
    gl_grouped: dict[int, dict[str, dict]] = defaultdict(dict)
    for key, card in gl_entries:
        gl_grouped[fnv1a(key) % gl_shards][key] = card
    for shard, data in gl_grouped.items():
        files[f"gl/{shard}"] = part(f"gl/{shard}", data)

    meta = {
        "v": VERSION, "n": n, "block": block, "chunk": CHUNK,
        "shards": {"g": g_shards, "p": p_shards, "gl": gl_shards},
        "facets": {"mt": mts, "genre": genres, "kind": [KIND_LABELS[k] for k in KINDS], "period": periods},
        "tuples": [list(t) for t in tuples], "runs": runs, "results": results_url,
    }
    # A build id (hash of all parts) lets the browser cache parts and still see a rebuilt index.
    digest = hashlib.sha1()
    for k in sorted(files):
        digest.update(files[k].encode())
    build_id = digest.hexdigest()[:10]
    meta["id"] = build_id
    files["meta"] = part("meta", meta)
    stats = {"paragraphs": n, "chars": chars, "grams": len(presence), "files": len(files),
             "bytes": sum(len(v.encode()) for v in files.values()), "meta_bytes": len(files["meta"].encode())}
    return Index(files, order, stats)


def from_records(records: Iterable) -> tuple[list[Doc], list[Para]]:
    """Docs and paragraphs from ``speechlib.state`` page records (the paragraph model's body text)."""
    docs: list[Doc] = []
    paras: list[Para] = []
    for record in records:
        s = record.speech
        d = len(docs)
        docs.append(Doc(record.url, s.title, s.kind, s.meeting_type.label, s.genre.label, s.date, s.year))
        for p in record.text.body():
            if not p.copy_text:
                continue
            # The innermost section heading (h1 is the page title, shown anyway).
            heading = next((h.text for h in reversed(p.headings) if h.level >= 2), "")
            paras.append(Para(d, p.id, heading, p.copy_text))
    return docs, paras
