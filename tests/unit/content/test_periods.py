"""One period per speech: the listing's 年代 filter and the search's 时期 facet read the same definition
(speechlib.content.periods), through the page projection (speechlib.page.record.PageInfo)."""

from __future__ import annotations

import pytest

from speechlib.content import periods
from speechlib.content.model import SpeechPage, VocabEntry
from speechlib.page.record import page_info
from speechlib.site.listing import period_bucket


@pytest.mark.parametrize(
    "date, estimate, label",
    [
        ("2005-12-31", None, "十五及以前（2005年前）"),
        ("2006", None, "十一五（2006—2010年）"),
        ("2015-03", None, "十二五（2011—2015年）"),
        ("2020-12-01", None, "十三五（2016—2020年）"),
        ("2025-01-01", None, "十四五（2021—2025年）"),
        ("2026-03-01", None, "十五五（2026年起）"),
        ("不详", "2011–2013", "十二五（2011—2015年）"),
        ("不详", "2013年以前", "十二五（2011—2015年）"),
        ("不详", "2008–2016", "十二五（2011—2015年）"),  # the middle of the estimate: 2012
        ("不详", None, "年代不详"),
        ("不详", "不详", "年代不详"),
    ],
)
def test_period_by_date_else_by_the_middle_of_the_estimate(date, estimate, label):
    assert periods.period_label(periods.period_year(date, estimate)) == label


def test_labels_are_in_time_order_with_the_unknown_last():
    assert periods.in_order(["年代不详", "十三五（2016—2020年）", "十一五（2006—2010年）"]) == [
        "十一五（2006—2010年）",
        "十三五（2016—2020年）",
        "年代不详",
    ]


@pytest.mark.parametrize("date, estimate", [("2012-05-01", None), ("不详", "2013–2014"), ("不详", None)])
def test_the_listing_and_the_search_file_a_speech_under_the_same_period(date, estimate):
    speech = SpeechPage(
        src_uri="tuijinhui/exemplars/a.md",
        slug="a",
        kind="exemplar",
        meeting_type=VocabEntry("tuijinhui", "推进会", "推进会", ""),
        genre=VocabEntry("jianghua", "讲话", "讲话", ""),
        title="在推进会上的讲话",
        date=date,
        period=estimate,
    )
    info = page_info(speech, "tuijinhui/exemplars/a/")
    assert info.period == period_bucket(speech) == periods.period_of(speech)
    assert info.title == speech.title and info.meeting_type == "推进会" and info.genre == "讲话"
