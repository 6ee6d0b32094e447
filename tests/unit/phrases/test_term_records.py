"""The terms index's view of the pages: terms matched in each paragraph's copy text, cached per page."""

from speechlib.page.record import PageInfo
from speechlib.phrases.index import PageRecord, ParagraphRecord
from speechlib.phrases.terms import term_records
from speechlib.text.concordance import Matcher


class Cache:
    """The interface of speechlib.site.state.PageCache, counting computations."""

    def __init__(self):
        self.entries, self.misses = {}, 0

    def get(self, page, key, compute):
        if self.entries.get(page, (None,))[0] != key:
            self.misses += 1
            self.entries[page] = (key, compute())
        return self.entries[page][1]


INFO = PageInfo("a.md", "a/", "讲话", "exemplar", "推进会", "讲话", "2012", 2012, "十二五（2011—2015年）", "2012")


def test_terms_replace_phrase_matches_and_are_matched_once_per_page():
    page = PageRecord(INFO, [
        ParagraphRecord("p-1", "落实奖励扶助制度（掌声）", [], "落实奖励扶助制度"),
        ParagraphRecord("p-2", "同志们：", [], "同志们："),
    ])
    matcher = Matcher({"jiangli": ("奖励扶助",)})
    cache = Cache()
    out = term_records([page], matcher, cache, "digest-1")
    assert out[0].info is INFO
    assert [(p.anchor, [o.key for o in p.occurrences]) for p in out[0].paragraphs] == [("p-1", ["jiangli"])]
    term_records([page], matcher, cache, "digest-1")
    assert cache.misses == 1  # the same paragraphs and terms file: not matched again
    term_records([page], matcher, cache, "digest-2")
    assert cache.misses == 2
