"""The search index builder (speechlib.search.index) and answering queries from its files."""

from __future__ import annotations

import base64
import json
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechlib.content import periods
from speechlib.page.record import PageInfo
from speechlib.search import index as si
from speechlib.search.query import Reader, matches, parse


def doc(kind="exemplar", mt="推进会", genre="讲话", year=2012, n=0):
    date = str(year) if year else "不详"
    return PageInfo(
        f"x/{n}.md", f"x/{n}/", f"标题{n}", kind, mt, genre, date, year, periods.period_label(year), date
    )


def read_part(text: str):
    assert text.startswith('__speechData("') and text.endswith(");\n")
    return json.loads(text[text.index(",") + 1 : text.rindex(")")])


@pytest.mark.parametrize(
    "pids, universe",
    [
        ([], 10),
        ([0], 1),
        ([0, 1, 2, 200, 100000], 100001),
        (list(range(0, 1000, 2)), 1000),
        (list(range(64)), 64),
    ],
)
def test_presence_round_trip(pids, universe):
    assert si.decode_presence(si.encode_ids(pids, universe)) == pids


def test_dense_lists_become_bitmaps():
    data = si.encode_ids(list(range(1000)), 1000)
    assert data[0] == 1 and len(data) == 1 + 125


@pytest.mark.parametrize("key, value", [("", 0x811C9DC5), ("a", 0xE40C292C), ("工作", si.fnv1a("工作"))])
def test_fnv1a(key, value):
    assert si.fnv1a(key) == value


def test_the_period_facet_is_the_pages_period():
    docs = [doc(year=2012, n=0), doc(year=None, n=1), doc(year=2026, n=2)]
    paras = [si.Para(i, f"p-{i}", "", "甲。") for i in range(3)]
    meta = read_part(si.build(docs, paras).files["meta"])
    labels = meta["facets"]["period"]
    assert labels == list(periods.LABELS)
    assert sorted(labels[t[3]] for t in meta["tuples"]) == sorted(
        ["十二五（2011—2015年）", "年代不详", "十五五（2026年起）"]
    )


@pytest.mark.parametrize(
    "text, contained",
    [
        ("各级要高度重视人口工作。", True),
        ("同志们：", False),  # an address, not a sentence
        ("这是我们必须解决的问题。", False),  # points back
        ("同时，要加强督查。", False),
        ("要加强督查，", False),
    ],
)
def test_self_contained(text, contained):
    assert si.self_contained(text) is contained


def test_result_order_templates_first_then_short_self_contained():
    docs = [doc("exemplar", n=0), doc("template", year=None, n=1)]
    paras = [
        si.Para(0, "p-1", "", "这一段很长，" * 30 + "。"),  # exemplar, points back
        si.Para(0, "p-2", "", "要高度重视。"),  # exemplar, short (under 8 characters: a fragment)
        si.Para(0, "p-3", "", "各级各部门要高度重视这项工作。"),  # exemplar, short and whole
        si.Para(1, "p-4", "", "［会议名称］现在开始，请大家高度重视。"),  # template
    ]
    index = si.build(docs, paras)
    assert [paras[i].anchor for i in index.order] == ["p-4", "p-3", "p-2", "p-1"]
    meta = read_part(index.files["meta"])
    runs = si.read_varints(base64.b64decode(meta["runs"]))
    assert meta["n"] == 4 and sum(runs[0::2]) == 4
    assert meta["facets"]["kind"] == ["模板", "范文"]


def test_every_paragraph_stored_once_in_result_order():
    docs = [doc(n=i) for i in range(3)]
    paras = [si.Para(i % 3, f"p-{i}", "一、标题", f"第{i}段文字内容。") for i in range(30)]
    index = si.build(docs, paras)
    chunks = sorted((k for k in index.files if k.startswith("t/")), key=lambda k: int(k[2:]))
    texts = [p[3] for k in chunks for p in read_part(index.files[k])["p"]]
    assert texts == [paras[i].text for i in index.order]
    first = read_part(index.files[chunks[0]])
    assert first["p"][0][2] == "一、标题"
    assert all(str(p[0]) in first["d"] for p in first["p"])


def test_filters_follow_vocabulary_order():
    docs = [doc(mt="调度会", n=0), doc(mt="推进会", n=1)]
    paras = [si.Para(0, "p-1", "", "甲。"), si.Para(1, "p-2", "", "乙。")]
    meta = read_part(si.build(docs, paras, meeting_types=["推进会", "调度会"]).files["meta"])
    assert meta["facets"]["mt"] == ["推进会", "调度会"]


def test_big_lists_get_their_own_file(monkeypatch):
    monkeypatch.setattr(si, "BIG", 2048)  # the presence bitmap of 工 (5 KB) is big
    docs = [doc()]
    paras = [si.Para(0, f"p-{i}", "", f"工作{i}。") for i in range(40000)]
    index = si.build(docs, paras)
    assert any(k.startswith("g/b/") for k in index.files)
    reader = Reader(lambda name: index.files.get(name))
    assert len(reader.search(parse("工作"))) == 40000
    assert len(reader.search(parse("作1"))) == sum("作1" in p.text for p in paras)


def test_glossary_card_under_every_spelling():
    gl = [
        {
            "text": "一票否决",
            "variants": ["一票否决制"],
            "note": "慎用。",
            "url": "phrases/yi-piao-fou-jue/",
            "counts": {"paragraphs": 3},
        }
    ]
    index = si.build([doc()], [si.Para(0, "p-1", "", "实行一票否决。")], gl)
    reader = Reader(lambda name: index.files.get(name))
    shards = reader.meta["shards"]["gl"]
    for spelling in ("一票否决", "一票否决制"):
        card = reader.part(f"gl/{si.fnv1a(spelling) % shards}")[spelling]
        assert card["note"] == "慎用。" and card["url"] == "phrases/yi-piao-fou-jue/"


def test_a_glossary_phrase_is_answered_by_its_own_list():
    gl = [{"text": "高度重视", "variants": ["高度关注"], "note": "", "url": "phrases/x/", "counts": {}}]
    paras = [
        si.Para(0, f"p-{i}", "", t)
        for i, t in enumerate(["要高度重视。", "高度地重视。", "高度关注此事。", "重视。"])
    ]
    index = si.build([doc()], paras, gl)
    reader = Reader(lambda name: index.files.get(name))
    assert len(reader.search(parse("高度重视"))) == 1
    assert len(reader.search(parse("高度关注 -此事"))) == 0
    assert not any(n.startswith("p/") for n in reader.fetched)
    assert len(reader.search(parse("度重视"))) == 1  # not a spelling: bigrams and positions
    assert any(n.startswith("p/") for n in reader.fetched)


def random_library(seed: int, speeches: int, count: int, length: int, alphabet: str):
    """``speeches`` pages and ``count`` paragraphs of ``length`` random characters of ``alphabet``."""
    rng = random.Random(seed)
    docs = [doc(n=i) for i in range(speeches)]
    paras = [
        si.Para(rng.randrange(speeches), f"p-{i}", "", "".join(rng.choice(alphabet) for _ in range(length)) + "。")
        for i in range(count)
    ]
    return docs, paras


def test_a_query_reads_only_what_it_needs():
    docs, paras = random_library(7, 20, 3000, 60, "以抓落实工作高度重视一票否决人口计划生育的了是在")
    index = si.build(docs, paras)
    reader = Reader(lambda name: index.files.get(name))
    reader.search(parse("工作"))
    assert not any(n.startswith(("p/", "t/")) for n in reader.fetched)  # a bigram: presence only


CORPUS_ALPHABET = "以抓落实工作重视，。,：ＡaB 的"
QUERY = st.lists(
    st.text(alphabet=CORPUS_ALPHABET + '-*…"', min_size=1, max_size=6), min_size=1, max_size=3
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(
    texts=st.lists(st.text(alphabet=CORPUS_ALPHABET, min_size=1, max_size=40), min_size=1, max_size=60),
    query=QUERY,
)
def test_index_answers_equal_a_substring_scan(monkeypatch_module, texts, query):
    docs = [doc(n=0), doc("template", year=None, n=1)]
    paras = [si.Para(i % 2, f"p-{i}", "", t) for i, t in enumerate(texts)]
    gl = [{"text": "抓落实", "variants": ["工作重视", "，。"]}]
    index = si.build(docs, paras, gl)
    reader = Reader(lambda name: index.files.get(name))
    q = parse(query)
    expected = [pid for pid, i in enumerate(index.order) if matches(paras[i].norm, q)]
    assert reader.search(q) == expected


@pytest.fixture(scope="module")
def monkeypatch_module():
    """Small blocks and chunks so that a few dozen paragraphs span several of each."""
    mp = pytest.MonkeyPatch()
    mp.setattr(si, "BLOCK", 8)
    mp.setattr(si, "BATCH", 3)  # batches inside blocks: lists continue across them
    mp.setattr(si, "CHUNK", 3)
    mp.setattr(si, "FREQUENT_MIN", 3)  # strings in 3 paragraphs or more get exact lists
    mp.setattr(si, "FREQUENT_SHARE", 10**9)
    mp.setattr(si, "TARGET", 64)
    mp.setattr(si, "BIG", 40)
    mp.setattr(si, "SPLIT", 120)  # some positional lists in one file, some in blocks
    yield
    mp.undo()


@given(st.lists(st.integers(min_value=0, max_value=2**34), max_size=50))
def test_varints_round_trip(values):
    import numpy as np

    data, offsets = si.varints(np.array(values, dtype=np.int64))
    assert si.read_varints(bytes(data)) == values
    assert si._read_varints_np(bytes(data)).tolist() == values  # the vectorized reader too
    assert len(offsets) == len(values)


def test_spaces_are_exactly_what_isspace_drops():
    assert {c for c in range(0x110000) if chr(c).isspace()} == set(si.SPACES)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(), max_size=5))
def test_normalize_all_equals_the_text_core(texts):
    from speechlib.text import normalize

    cps, lengths = si.normalize_all(texts)
    flat = cps.astype("uint32").tobytes().decode("utf-32-le")
    out, at = [], 0
    for n in lengths.tolist():
        out.append(flat[at : at + n])
        at += n
    assert out == [normalize(t) for t in texts]


def test_batches_and_a_sink_give_the_same_files_as_one_pass(monkeypatch):
    docs, paras = random_library(3, 5, 500, 30, "以抓落实工作高度重视的了是在，。")
    gl = [{"text": "抓落实", "variants": ["高度重视"]}]
    whole = si.build(docs, paras, gl)
    monkeypatch.setattr(si, "BLOCK", 64)
    monkeypatch.setattr(si, "BATCH", 7)
    written: dict[str, str] = {}
    batched = si.build(docs, paras, gl, sink=written.__setitem__)
    monkeypatch.setattr(si, "BATCH", 10_000)
    one_block_batch = si.build(docs, paras, gl)
    assert batched.files == {} and written == one_block_batch.files
    assert batched.stats == one_block_batch.stats
    assert Reader(written.get).search(parse("高度重视")) == Reader(whole.files.get).search(parse("高度重视"))


@settings(max_examples=100, deadline=None)
@given(
    texts=st.lists(st.text(alphabet="人口和计划生育工作，", min_size=0, max_size=30), min_size=1, max_size=40),
    threshold=st.integers(min_value=1, max_value=6),
    batch=st.integers(min_value=1, max_value=9),
)
def test_frequent_lists_are_exactly_the_frequent_strings(texts, threshold, batch):
    batches = [si.normalize_all(texts[i : i + batch]) for i in range(0, len(texts), batch)]
    found = si.frequent_lists(list(batches), len(texts), threshold, longest=5)
    norms = [si.normalize(t) for t in texts]
    expected = {}
    for length in range(3, 6):
        for s in {t[i : i + length] for t in norms for i in range(len(t) - length + 1)}:
            ids = [pid for pid, t in enumerate(norms) if s in t]
            if len(ids) >= threshold:
                expected[s] = ids
    assert {k: si.decode_presence(v) for k, v in found.items()} == expected
    # The build takes the frequent characters and bigrams from the postings' paragraph counts
    # instead of counting them again: the lists must be the same.
    lists = si.Postings(si.BLOCK, np.unique(np.concatenate([cps for cps, _ in batches])))
    for cps, lengths in batches:
        lists.add(cps, lengths)
    seeds = lists.frequent_grams(threshold)
    assert si.frequent_lists(list(batches), len(texts), threshold, longest=5, grams=seeds) == found


def test_a_frequent_string_is_answered_by_its_own_list():
    paras = [si.Para(0, f"p-{i}", "", f"做好人口和计划生育工作第{i}项。") for i in range(300)]
    index = si.build([doc()], paras)
    reader = Reader(lambda name: index.files.get(name))
    assert len(reader.search(parse("人口和计划生育"))) == 300
    assert not any(n.startswith("p/") for n in reader.fetched)
