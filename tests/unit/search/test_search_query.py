"""Query syntax and exact semantics of the paragraph search (speechlib.search.query)."""

from __future__ import annotations

import pytest

from speechlib.search.query import GAP, Query, matches, parse, term_spans
from speechlib.text import normalize


@pytest.mark.parametrize(
    "raw, include, exclude",
    [
        ("高度重视", [("高度重视",)], []),
        ("  统筹   协调 ", [("统筹",), ("协调",)], []),
        ("统筹\u3000协调", [("统筹",), ("协调",)], []),  # ideographic space separates terms
        ("统筹 -协调", [("统筹",)], [("协调",)]),
        ("统筹 －协调", [("统筹",)], [("协调",)]),  # full-width minus
        ("-协调", [], [("协调",)]),
        ("以…抓落实", [("以", "抓落实")], []),
        ("以……抓落实", [("以", "抓落实")], []),
        ("以*抓落实", [("以", "抓落实")], []),
        ("以＊抓落实", [("以", "抓落实")], []),
        ("以...抓落实", [("以", "抓落实")], []),
        ("以…", [("以",)], []),
        ('"稳定 低生育"', [("稳定低生育",)], []),
        ('-"稳定 低生育" 人口', [("人口",)], [("稳定低生育",)]),
        ("ＰＩＳ人员", [("pis人员",)], []),
        ("负总责，", [("负总责,",)], []),
        ("工作 工作", [("工作",)], []),
        ("-", [("-",)], []),
        ("*", [], []),
        ("", [], []),
        ("<img src=x onerror=alert(1)>", [("<img",), ("src=x",), ("onerror=alert(1)>",)], []),
    ],
)
def test_parse(raw, include, exclude):
    assert parse(raw) == Query(tuple(include), tuple(exclude))


TEXT = normalize(
    "经县委、县政府研究决定，今天召开全县人口和计划生育工作推进会。"
    "以抓好基层基础为重点，狠抓落实，以问题为导向抓落实。ＰＩＳ系统"
)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("推进会", True),
        ("推", True),  # one character
        ("进会。以", True),  # across punctuation
        ("研究决定,今天", True),  # half-width comma matches the full-width one
        ("研究 决定", True),  # AND, anywhere
        ("研究决定 -推进会", False),
        ("研究决定 -调度会", True),
        ("决定研究", False),  # order inside a term matters
        ("pis", True),  # case folded
        ("PIS系统", True),
        ("以…抓落实", True),
        ("以*为重点", True),
        ("为导向…经县委", False),  # parts in order
        ("经县委…推进会", False),  # more than GAP characters between
        ("县委…研究决定", True),
        ("-推进会", False),  # nothing to include
        ("", False),
        ("人口和计划生育工作推进", True),
        ("人口和计划生育工作推迟", False),
    ],
)
def test_matches(raw, expected):
    assert matches(TEXT, parse(raw)) is expected


def test_gap_limit_is_inclusive():
    assert matches("甲" + "乙" * GAP + "丙", parse("甲…丙"))
    assert not matches("甲" + "乙" * (GAP + 1) + "丙", parse("甲…丙"))
    assert matches("甲丙", parse("甲…丙"))  # nothing between is allowed


def test_gap_spans_only_complete_chains():
    text = "以" + "甲" * 13 + "以乙乙乙抓落实"
    # The second 以 (at 14) reaches 抓落实 (at 18); the first is 17 characters away.
    assert term_spans(text, ("以", "抓落实")) == [(14, 15), (18, 21)]


def test_overlapping_occurrences_are_found():
    assert term_spans("哈哈哈", ("哈哈",)) == [(0, 2), (1, 3)]
