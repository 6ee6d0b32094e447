"""Scoring Zensical's search results (speechbench.search): which results are speech pages, and the page
recall and precision computed from them. Pure logic; Zensical itself runs only in make bench-peers."""

from __future__ import annotations

from speechbench.search import Paragraph, recall_precision, result_pages, truth_pages

LOCATIONS = [
    "",  # the home page
    "tuijinhui/exemplars/a/",
    "tuijinhui/exemplars/a/#一是",
    "nianduhuiyi/templates/zhuchici/#会议议程",
    "guide/howto/",
    "tuijinhui/",
]


def test_result_sections_fold_into_speech_pages_and_others_are_counted():
    pages, other = result_pages(LOCATIONS, [1, 2, 3, 4, 0, 5])
    assert pages == {"tuijinhui/exemplars/a/", "nianduhuiyi/templates/zhuchici/"}
    assert other == 3


def test_truth_pages_are_the_pages_with_a_matching_paragraph():
    paragraphs = [
        Paragraph("x/exemplars/a/", "实行一票否决制度"),
        Paragraph("x/exemplars/b/", "计划生育工作"),
        Paragraph("x/exemplars/b/", "一票否决"),
        Paragraph("x/exemplars/c/", "否决一票"),
    ]
    assert truth_pages(paragraphs, "票否") == {"x/exemplars/a/", "x/exemplars/b/"}
    assert truth_pages(paragraphs, "划生") == {"x/exemplars/b/"}


def test_recall_counts_truth_pages_found_and_precision_pages_whose_text_holds_the_query():
    texts = {"a/": "落实一票否决", "b/": "一票通过，否决", "c/": "一票否决"}
    found = {"a/", "b/"}
    recall, precision = recall_precision(found, {"a/", "c/"}, texts, "一票否决")
    assert recall == 0.5
    assert precision == 0.5  # b/ holds 一票 and 否决 apart, not the phrase


def test_a_page_with_a_matching_paragraph_is_right_though_its_whole_text_is_not():
    # Every page says 会议 somewhere: "工作 -会议" holds in a paragraph, never in a whole page.
    texts = {"a/": "工作要抓。召开会议", "b/": "会议"}
    assert recall_precision({"a/", "b/"}, {"a/"}, texts, "工作 -会议") == (1.0, 0.5)


def test_nothing_found_where_something_should_be_is_zero_recall():
    assert recall_precision(set(), {"a/"}, {"a/": "票否"}, "票否") == (0.0, 1.0)
    assert recall_precision(set(), set(), {}, "票否") == (1.0, 1.0)
