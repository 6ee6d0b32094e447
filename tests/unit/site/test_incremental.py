"""The phrase index across serve rebuilds: after an edit it equals an index made from nothing, and only
the phrases of the edited page are aggregated again."""

from __future__ import annotations

from types import SimpleNamespace

from speechlib.content import periods
from speechlib.page.record import PageInfo
from speechlib.phrases import index as pi
from speechlib.site.incremental import Aggregator, PhrasesFile
from speechlib.text.concordance import Matcher

ENTRIES = [SimpleNamespace(text=t, variants=(), category="c", note="") for t in ("高度重视", "狠抓落实", "真抓实干")]
KEYS = ["gao", "hen", "zhen"]
MATCHER = Matcher({k: [e.text] for k, e in zip(KEYS, ENTRIES, strict=True)})


def record(n: int, *texts: str) -> pi.PageRecord:
    info = PageInfo(f"x/{n}.md", f"x/{n}/", f"标题{n}", "exemplar", "推进会", "讲话", "2012", 2012,
                    periods.period_label(2012), "2012")
    paragraphs = [pi.ParagraphRecord(f"p-{n}-{i}", t, MATCHER.find(t), t) for i, t in enumerate(texts)]
    return pi.PageRecord(info, paragraphs)


def view(stats):
    return [(s.key, [(ln.page.url, ln.paragraph.anchor, ln.start) for ln in s.lines], s.neighbours) for s in stats]


def test_an_edit_gives_the_index_made_from_nothing_and_keeps_the_phrases_it_did_not_touch():
    pages = [record(1, "市委高度重视，狠抓落实。"), record(2, "真抓实干。"), record(3, "高度重视。")]
    aggregate = Aggregator()
    before = aggregate(ENTRIES, KEYS, pages, None, "v1")
    assert view(before) == view(pi.aggregate(ENTRIES, KEYS, pages, None))

    edited = [pages[0], record(2, "真抓实干，狠抓落实。"), pages[2]]  # page 2 now also uses 狠抓落实
    after = aggregate(ENTRIES, KEYS, edited, None, "v1")
    assert view(after) == view(pi.aggregate(ENTRIES, KEYS, edited, None))
    assert aggregate.touched == {"hen", "zhen"}
    assert after[0] is before[0]  # 高度重视: not on the edited page, its stats are the same object
    assert [ln.page.url for ln in after[1].lines] == ["x/1/", "x/2/"]

    # A paragraph without phrases added to page 1: no phrase's lines change, none is made again.
    appended = [record(1, "市委高度重视，狠抓落实。", "编者补记一段。"), edited[1], pages[2]]
    again = aggregate(ENTRIES, KEYS, appended, None, "v1")
    assert aggregate.touched == set() and all(a is b for a, b in zip(again, after, strict=True))
    assert view(again) == view(pi.aggregate(ENTRIES, KEYS, appended, None))

    removed = [pages[0], pages[2]]
    assert view(aggregate(ENTRIES, KEYS, removed, None, "v1")) == view(pi.aggregate(ENTRIES, KEYS, removed, None))
    assert aggregate.touched == {"hen", "zhen"}
    # Another glossary: everything from nothing.
    aggregate(ENTRIES, KEYS, removed, None, "v2")
    assert aggregate.touched is None


def test_phrases_json_is_the_json_of_its_records_and_the_search_gets_their_cards(tmp_path):
    import json

    def expected(pages):
        stats = pi.aggregate(ENTRIES, KEYS, pages, None)
        return json.dumps(pi.phrases_records(stats), ensure_ascii=False, separators=(",", ":"))

    out = tmp_path / "phrases.json"
    pages = [record(1, "高度重视，高度重视。"), record(2, "狠抓落实。")]
    aggregate, written = Aggregator(), PhrasesFile()
    cards = written.write(out, aggregate(ENTRIES, KEYS, pages, None, "v1"))
    assert out.read_text(encoding="utf-8") == expected(pages)
    records = json.loads(out.read_text(encoding="utf-8"))
    assert records[0]["occurrences"] == [{"url": "x/1/", "anchor": "p-1-0", "count": 2}]
    # The search's cards: the records without their occurrences.
    assert cards == [{k: v for k, v in r.items() if k != "occurrences"} for r in records]
    assert cards[0]["counts"] == {"occurrences": 2, "paragraphs": 1, "speeches": 1, "meeting_types": 1}

    # An edit that touches 狠抓落实 and 真抓实干: the record of 高度重视 is copied from the file before.
    edited = [pages[0], record(2, "真抓实干，狠抓落实。")]
    written.write(out, aggregate(ENTRIES, KEYS, edited, None, "v1"))
    assert aggregate.touched == {"hen", "zhen"}
    assert out.read_text(encoding="utf-8") == expected(edited)
    # A file changed behind the build's back is not copied from: every record is made again.
    out.write_text("[]", encoding="utf-8")
    written.write(out, aggregate(ENTRIES, KEYS, edited, None, "v1"))
    assert out.read_text(encoding="utf-8") == expected(edited)
