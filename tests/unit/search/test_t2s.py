"""Traditional-script queries fold to simplified, character by character (OpenCC t2s)."""

from speechlib.search import t2s


def test_fold_maps_traditional_to_simplified_and_leaves_the_rest():
    assert t2s.fold("計劃生育工作會議 2024") == "计划生育工作会议 2024"
    assert t2s.fold("计划生育") == "计划生育"


def test_part_is_one_to_one_and_only_lists_changed_characters():
    data = t2s.part()
    assert len(data["from"]) == len(data["to"]) > 2000
    assert all(a != b for a, b in zip(data["from"], data["to"], strict=True))
    assert dict(zip(data["from"], data["to"], strict=True))["劃"] == "划"
