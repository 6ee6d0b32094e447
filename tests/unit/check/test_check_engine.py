"""The Python engine (speechlib.check.engine) on single drafts: what a writer is told, where, and
what one click would put in its place."""

from __future__ import annotations

import pytest
from check_support import RULES

from speechlib.check.engine import _Draft, check, fold


def faults(text):
    return [f for f in check(text, RULES) if f["cls"] != "phrase"]


def test_dated_body_with_years_reason_and_current_form():
    [f] = faults("同志们：\n县卫生计生委要牵头抓总。")
    assert (f["cls"], f["text"], f["line"], f["col"]) == ("dated", "卫生计生委", 2, 2)
    assert f["message"] == "较早提法：机构“卫生计生委”通行于2013—2018年，现已撤并"
    assert f["evidence"]["until"] == 2018 and "2018年机构改革" in f["evidence"]["reason"]
    assert f["suggest"] == ["卫生健康委"]


def test_positions_refer_to_the_draft_as_typed():
    text = "ＡＢ　县卫生 计生委\r\n要签订责任书。"
    found = faults(text)
    normalized = text.replace("\r\n", "\n")
    assert [(f["text"], normalized[f["start"]:f["end"]]) for f in found] == [
        ("卫生 计生委", "卫生 计生委"), ("责任书", "责任书")]
    assert found[1]["line"] == 2


def test_fold_keeps_a_map_to_the_draft():
    folded, index = fold("Ａ 一，Ｂ")
    assert folded == "a一,b"
    assert index == [0, 2, 3, 4]


def test_restricted_names_its_rule_and_offers_current_forms():
    [f] = faults("对工作不力的乡镇实行一票否决。")
    assert f["cls"] == "restricted" and f["rule"] == "yipiao-foujue"
    assert f["evidence"]["rule"].startswith("《整治形式主义为基层减负若干规定》（2024年")
    assert f["suggest"][:2] == ["纳入年度考核", "约谈督办"]


@pytest.mark.parametrize("text", [
    "坚决防止层层加码。", "不搞“一票否决”。", "过去每年都签订责任书。", "2012年签订了目标责任书。",
])
def test_restricted_wording_rejected_or_in_the_past_is_no_fault(text):
    assert faults(text) == []


def test_a_cue_inside_the_match_does_not_excuse_it():
    # The history cue 当年 inside the matched words is not the sentence telling the past.
    draft = _Draft("要当年见效。", RULES)
    assert not draft.history(1, 5, 2025)
    assert draft.history(1, 3, 2025) is False and _Draft("当年要见效。", RULES).history(2, 5, 2025)


def test_numbering_gap_suggests_the_expected_number():
    found = faults("一、甲\n二、乙\n四、丁\n")
    assert [(f["rule"], f["text"], f["suggest"]) for f in found] == [("gap", "四、", ["三、"])]
    assert found[0]["message"] == "序号不连续：此处应为“三、”，写作“四、”"


def test_numbering_level_jump_is_reported_once():
    found = faults("一、甲\n1. 子\n2. 丑\n二、乙\n")
    assert [(f["rule"], f["line"]) for f in found] == [("jump", 2)]
    assert "少了“（一）”一级" in found[0]["message"]


def test_numbering_mixed_forms_suggest_the_first():
    [f] = faults("（一）甲\n1. 子\n2、丑\n")
    assert (f["rule"], f["suggest"]) == ("mixed", ["2."])


def test_halfwidth_marks_get_their_fullwidth_form():
    found = faults('他说"好",就这样.')
    assert [(f["text"], f["suggest"]) for f in found] == [
        ('"', ["“"]), ('"', ["”"]), (",", ["，"]), (".", ["。"])]


def test_clashing_and_unpaired_marks():
    found = faults("甲、、乙，。丙“丁\n戊）")
    assert [(f["rule"], f["text"]) for f in found] == [
        ("clash", "、、"), ("clash", "，。"), ("unclosed", "“"), ("stray", "）")]


def test_frame_count_message():
    [f] = faults("我讲三点意见：一是统一思想；二是突出重点；三是强化落实；四是严明纪律。")
    assert f["message"] == "“三点意见”之后列了四项（一是……四是），与所说的三项不符"


def test_slots_every_occurrence_is_a_finding():
    found = faults("［地区］要发展，［地区］要稳定，请×××讲话。")
    assert [f["text"] for f in found] == ["［地区］", "［地区］", "×××"]


def test_set_phrases_are_information_with_their_note():
    [f] = check("各级要高度重视。", RULES)
    assert f["cls"] == "phrase" and f["evidence"]["text"] == "高度重视"
    assert f["message"].startswith("固定表述（思想认识）：")


def test_findings_are_sorted_by_place_then_class():
    found = check("一票否决,卫生计生委", RULES)
    assert [(f["start"], f["cls"]) for f in found] == [(0, "restricted"), (0, "phrase"), (4, "punct"), (5, "dated")]


def test_an_empty_draft_has_no_findings():
    assert check("", RULES) == [] and check("\n\n", RULES) == []
