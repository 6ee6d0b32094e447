"""Mining repeated strings: frequency over documents, maximality, usefulness filters, page text."""

from __future__ import annotations

import pytest

from conftest import ROOT
from speechlib.phrases.mining import (
    Candidate,
    is_useful,
    load_exclusions,
    mine,
    new_candidates,
    segments,
)


def texts(candidates):
    return [c.text for c in candidates]


def test_maximal_string_only():
    docs = {
        "a": ["请大家认真贯彻落实。"],
        "b": ["会上，请大家认真贯彻落实。"],
        "c": ["请大家认真贯彻落实。会后要抓紧。"],
    }
    assert mine(docs, dominance=1.0) == [Candidate("请大家认真贯彻落实", 3, 3, ("a", "b", "c"))]


def test_shorter_string_kept_when_it_also_occurs_alone():
    docs = {
        "a": ["请大家认真贯彻落实。"],
        "b": ["请大家认真贯彻落实。"],
        "c": ["请大家认真贯彻落实。"],
        "d": ["各单位要认真贯彻落实。"],
    }
    assert texts(mine(docs)) == ["认真贯彻落实", "请大家认真贯彻落实"]
    assert mine(docs)[0] == Candidate("认真贯彻落实", 4, 4, ("a", "b", "c", "d"))


def test_min_docs_counts_documents_not_occurrences():
    docs = {
        "a": ["狠抓落实，狠抓落实，狠抓落实。"],
        "b": ["狠抓落实。"],
        "c": ["真抓实干。"],
    }
    assert mine(docs) == []
    assert mine(docs, min_docs=2) == [Candidate("狠抓落实", 2, 4, ("a", "b"))]


def test_length_bounds():
    docs = {k: ["散会。高度重视。"] for k in "abc"}
    assert texts(mine(docs)) == ["高度重视"]
    assert texts(mine(docs, min_len=2)) == ["高度重视", "散会"]
    assert "高度重视" not in texts(mine(docs, min_len=2, max_len=3))


def test_no_candidate_spans_two_sentences():
    docs = {k: ["一、关注过程，狠抓落实。领导重视不能讲在嘴上。"] for k in "abc"}
    found = texts(mine(docs))
    assert "关注过程，狠抓落实" in found  # the comma is kept inside a sentence
    assert all("。" not in t and "落实领导" not in t for t in found)


def test_function_character_boundaries_are_dropped():
    # Every doc has 的高度重视的 in a different context: only the bare phrase survives.
    docs = {"a": ["领导的高度重视的事。"], "b": ["上级的高度重视的人。"], "c": ["各方的高度重视的话。"]}
    assert texts(mine(docs)) == ["高度重视"]


def test_dominated_fragment_is_dropped():
    # 人口和计 is followed by 划 nine times in ten: a word cut in the middle.
    docs = {
        "a": ["人口和计划生育工作。"] * 3 + ["人口和计生。"],
        "b": ["人口和计划生育工作。"] * 3,
        "c": ["人口和计划生育工作。"] * 3,
    }
    assert texts(mine(docs)) == ["人口和计划生育工作"]
    assert texts(mine(docs, dominance=1.0)) == ["人口和计", "人口和计划生育工作"]


def test_exclusions_and_known_strings():
    docs = {k: ["请大家认真贯彻落实。", "散会了，散会。", "高度重视。"] for k in "abc"}
    assert texts(mine(docs)) == ["请大家认真贯彻落实", "高度重视"]
    assert texts(mine(docs, exclude=["请大家认真贯彻落实"])) == ["高度重视"]
    assert texts(new_candidates(mine(docs), ["高度　重视"])) == ["请大家认真贯彻落实"]


def test_order_is_by_documents_then_occurrences():
    docs = {
        "a": ["统一思想。狠抓落实。狠抓落实。真抓实干。"],
        "b": ["统一思想。狠抓落实。真抓实干。"],
        "c": ["统一思想。真抓实干。"],
        "d": ["统一思想。狠抓落实。"],
    }
    assert [(c.text, c.n_docs, c.n_occurrences) for c in mine(docs)] == [
        ("统一思想", 4, 4),
        ("狠抓落实", 3, 4),
        ("真抓实干", 3, 3),
    ]


@pytest.mark.parametrize(
    "text, useful",
    [
        ("高度重视", True),
        ("亲自抓、负总责", True),
        ("下面,我讲三点意见", True),
        ("的高度重视", False),  # starts with a function character
        ("高度重视的", False),  # ends with one
        ("在此基础", False),
        ("好人口计生", False),  # 好 is the tail of 做好
        ("会议,主", False),  # one character after the comma: the next clause's first word cut
        ("2025年工作", False),  # a figure
        ("×××同志讲话", False),  # a placeholder
        ("“三不变", False),  # unbalanced quote
        ("一二三四", False),  # only numerals
        ("我们这个", False),  # only function characters
        ("，狠抓落实", False),  # punctuation at the edge
    ],
)
def test_is_useful(text, useful):
    assert is_useful(text) is useful


def test_segments_normalize_and_split_at_sentence_ends_and_slots():
    assert segments("下面，我讲三点意见。一是［单位］要抓紧；二是…") == [
        "下面,我讲三点意见",
        "一是",
        "要抓紧",
        "二是",
    ]


def test_candidates_show_chinese_punctuation():
    docs = {k: ["下面，我讲三点意见：", "坚持（一把手）负总责。"] for k in "abc"}
    assert sorted(texts(mine(docs))) == sorted(["坚持（一把手）负总责", "下面，我讲三点意见"])


def test_bad_arguments():
    with pytest.raises(ValueError):
        mine({}, min_len=5, max_len=4)


def test_load_exclusions(tmp_path):
    path = tmp_path / "data" / "phrase_exclusions.yml"
    path.parent.mkdir()
    path.write_text("- 人口和计划生育工作\n- {text: 各级各部门要, reason: 句子片段}\n", encoding="utf-8")
    assert load_exclusions(path, tmp_path) == {"人口和计划生育工作": "", "各级各部门要": "句子片段"}
    path.write_text("- 工作会议\n- {text: 工作会议}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^data/phrase_exclusions.yml:2: 「工作会议」重复列出；请删去其中一行$"):
        load_exclusions(path, tmp_path)
    path.write_text("- {txt: 工作会议}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^data/phrase_exclusions.yml:1: "):
        load_exclusions(path, tmp_path)
    assert load_exclusions(tmp_path / "none.yml") == {}


def test_real_exclusions_do_not_contradict_the_glossary():
    from speechlib.content.glossary import load_glossary

    exclusions = load_exclusions(ROOT / "data" / "phrase_exclusions.yml", ROOT)
    assert exclusions, "data/phrase_exclusions.yml is empty"
    assert all(reason for reason in exclusions.values())
    forms = load_glossary(ROOT / "data" / "phrases.yml", ROOT).form_index()
    assert sorted(set(exclusions) & set(forms)) == []
