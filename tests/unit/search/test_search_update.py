"""Updating the search index after an edit (speechlib.search.update): the updated parts answer every
query as an index built from nothing does, and an edit rewrites only the parts it touches."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechlib.content import periods
from speechlib.page.record import PageInfo
from speechlib.search import index as si
from speechlib.search import update as su
from speechlib.search.query import Reader, matches, parse

ALPHABET = "人口计划生育工作重视抓落实，。的"
QUERIES = ["人口", "计划生育", "工作", "抓落实", "的", "，", "人口 -工作", "计…育", "重视抓", "口计划生育工"]


def doc(n, kind="exemplar"):
    return PageInfo(f"x/{n}.md", f"x/{n}/", f"标题{n}", kind, "推进会", "讲话", "2012", 2012, periods.period_label(2012), "2012")


class DictStore:
    def __init__(self, files):
        self.files = dict(files)
        self.writes: list[str] = []

    def read(self, name):
        return self.files.get(name)

    def write(self, name, content):
        self.files[name] = content
        self.writes.append(name)

    def remove(self, name):
        del self.files[name]
        self.writes.append(name)


def answers(files, paras, docs):
    """Each query's results as (page, anchor) pairs in result order, read from the parts."""
    reader = Reader(files.get)
    out = {}
    for q in QUERIES:
        ids = reader.search(parse(q))
        chunk = reader.meta["chunk"]
        rows = []
        for pid in ids:
            p = reader.part(f"t/{pid // chunk}")["p"][pid % chunk]
            rows.append((p[0], p[1], p[3]))
        out[q] = rows
    return out


def truth(paras):
    return {q: sorted((p.doc, p.anchor) for p in paras if matches(p.norm, parse(q))) for q in QUERIES}


@pytest.fixture(autouse=True)
def small_parts(monkeypatch):
    """Small blocks, chunks and shards, so that a few dozen paragraphs span several of each."""
    monkeypatch.setattr(si, "BLOCK", 8)
    monkeypatch.setattr(si, "BATCH", 5)
    monkeypatch.setattr(si, "CHUNK", 3)
    monkeypatch.setattr(si, "FREQUENT_MIN", 3)
    monkeypatch.setattr(si, "FREQUENT_SHARE", 10**9)
    monkeypatch.setattr(si, "TARGET", 64)
    monkeypatch.setattr(si, "BIG", 40)
    monkeypatch.setattr(si, "SPLIT", 120)  # some positional lists in one file, some in blocks


GLOSSARY = [{"text": "抓落实", "variants": ["工作重视"]}]


def edit(paras, rnd, docs):
    """One editor's change to one page: a paragraph rewritten, added, deleted or re-anchored."""
    d = rnd.randrange(len(docs))
    mine = [i for i, p in enumerate(paras) if p.doc == d]
    out = list(paras)
    kind = rnd.choice(["rewrite", "add", "delete", "anchor"])
    text = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(1, 30)))
    if kind == "add" or not mine:
        out.insert((mine[-1] + 1) if mine else len(out), si.Para(d, f"p-new{rnd.random()}", "", text))
    elif kind == "rewrite":
        i = rnd.choice(mine)
        out[i] = si.Para(d, out[i].anchor, out[i].heading, text)
    elif kind == "delete":
        del out[rnd.choice(mine)]
    else:
        i = rnd.choice(mine)
        out[i] = si.Para(d, out[i].anchor + "x", "新的小标题", out[i].text)
    return out


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=40), min_size=1, max_size=40),
    seed=st.integers(0, 10**6),
)
def test_an_updated_index_answers_as_a_new_one(texts, seed):
    rnd = random.Random(seed)
    docs = [doc(0), doc(1), doc(2, "template")]
    paras = [si.Para(i % 3, f"p-{i}", "", t) for i, t in enumerate(texts)]
    built = si.build(docs, paras, GLOSSARY, slack=1)
    store = DictStore(built.files)
    plan = built.plan
    for _ in range(3):
        paras = edit(paras, rnd, docs)
        result = su.update(plan, store, docs, paras, GLOSSARY, slack=1)
        if result is None:  # did not fit: the caller builds again from nothing
            built = si.build(docs, paras, GLOSSARY, slack=1)
            store, plan = DictStore(built.files), built.plan
            continue
        fresh = si.build(docs, paras, GLOSSARY, slack=1)
        got, want = answers(store.files, paras, docs), answers(fresh.files, paras, docs)
        assert got == want
        assert {q: sorted((d, a) for d, a, _ in rows) for q, rows in got.items()} == truth(paras)
        meta = store.files["meta"]
        assert f'"id":"{si.build_id(plan.digests)}"' in meta


def sentences(seed, pages, per_page):
    """``per_page`` random self-contained paragraphs on each of ``pages`` pages."""
    rnd = random.Random(seed)
    return [
        si.Para(d, f"p-{k}", "", "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(8, 30))) + "。")
        for d in range(pages)
        for k in range(per_page)
    ]


def test_an_edit_rewrites_only_the_parts_it_touches():
    docs = [doc(n) for n in range(12)]
    paras = sentences(7, 12, 6)
    built = si.build(docs, paras, GLOSSARY, slack=1)
    store = DictStore(built.files)
    paras = [*paras, si.Para(5, "p-added", "", "编者补记一段。")]
    result = su.update(built.plan, store, docs, paras, GLOSSARY, slack=1)
    assert result is not None
    touched = set(store.writes)
    assert "meta" in touched
    assert len(touched) < len(built.files) / 4, sorted(touched)
    assert answers(store.files, paras, docs)["人口"] == answers(si.build(docs, paras, GLOSSARY, slack=1).files, paras, docs)["人口"]
    # The new paragraph is found, with its own text.
    reader = Reader(store.files.get)
    ids = reader.search(parse("编者补记"))
    assert len(ids) == 1
    assert reader.part(f"t/{ids[0] // 3}")["p"][ids[0] % 3][1] == "p-added"


def test_an_edit_that_does_not_fit_asks_for_a_full_build():
    docs = [doc(0), doc(1)]
    paras = [si.Para(0, "p-1", "", "人口计划生育。"), si.Para(1, "p-2", "", "工作。")]
    built = si.build(docs, paras, slack=1)
    store = DictStore(built.files)
    grown = [*paras, si.Para(0, "p-3", "", "人口。"), si.Para(0, "p-4", "", "计划。")]  # two in one group
    assert su.update(built.plan, store, docs, grown, slack=1) is None
    assert store.writes == []
    retitled = [doc(0), PageInfo("x/1.md", "x/1/", "新标题", "exemplar", "推进会", "讲话", "2012", 2012, periods.period_label(2012), "2012")]
    assert su.update(built.plan, store, retitled, paras, slack=1) is None


def test_unused_numbers_are_never_results():
    docs = [doc(0), doc(1)]
    paras = [si.Para(0, "p-1", "", "人口。"), si.Para(1, "p-2", "", "人口工作。")]
    built = si.build(docs, paras, slack=1)
    assert built.order.count(-1) == len(docs) * si.QUALITIES  # one free number per page and bucket
    reader = Reader(built.files.get)
    assert len(reader.search(parse("人口"))) == 2


def test_a_plan_saved_to_disk_updates_an_index_in_a_new_process(tmp_path):
    docs = [doc(n) for n in range(10)]
    paras = sentences(11, 10, 8)
    built = si.build(docs, paras, GLOSSARY, slack=1)
    store = DictStore(built.files)
    first = tmp_path / "first.plan"
    su.save_plan(built.plan, first)
    plan = su.load_plan(first)
    # The same paragraphs as new objects, as a new process's build makes them, and one added.
    paras = [*(si.Para(p.doc, p.anchor, p.heading, p.text) for p in paras), si.Para(3, "p-added", "", "编者补记一段。")]
    assert su.update(plan, store, docs, paras, GLOSSARY, slack=1) is not None
    fresh = si.build(docs, paras, GLOSSARY, slack=1)
    assert answers(store.files, paras, docs) == answers(fresh.files, paras, docs)
    # Saved again, the plan holds each unchanged paragraph once, not once more for the new build.
    second = tmp_path / "second.plan"
    su.save_plan(plan, second)
    assert second.stat().st_size < first.stat().st_size * 1.2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.plan", "second.plan"]  # no temp file left


def test_a_plan_from_other_code_or_cut_short_is_not_used(tmp_path, monkeypatch):
    built = si.build([doc(0)], [si.Para(0, "p-1", "", "人口计划生育。")], slack=1)
    path = tmp_path / "x.plan"
    su.save_plan(built.plan, path)
    assert su.load_plan(path) == built.plan
    path.write_bytes(path.read_bytes()[:100])
    assert su.load_plan(path) is None
    su.save_plan(built.plan, path)
    monkeypatch.setattr(su, "plan_format", lambda: "another version of the code")
    assert su.load_plan(path) is None
    assert su.load_plan(tmp_path / "missing.plan") is None
