"""The rule set compiler (speechlib.check.rules): the real data compiles, and each kind of fault in a
data file is reported as data/<file>:<line>: with a Chinese message."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from speechlib.check.rules import CLASSES, RulesError, compile_rules

ROOT = Path(__file__).resolve().parents[3]


def test_the_real_data_compiles_to_json():
    rules = compile_rules(ROOT, 2026)
    assert json.loads(json.dumps(rules, ensure_ascii=False)) == rules
    assert [c["id"] for c in rules["classes"]] == [c for c, _, _ in CLASSES]
    dated = {m["id"]: m for m in rules["dated"]}
    assert dated["卫生计生委"]["years"] == "2013—2018年"
    assert dated["卫生计生委"]["suggest"] == ["卫生健康委"]
    assert "卫生健康委" not in dated  # current body: no `until`
    assert "一票否决" not in dated  # restricted practice: data/restricted.yml
    assert {r["id"] for r in rules["restricted"]} >= {"yipiao-foujue", "zerenshu", "pinci-meiri"}
    assert len(rules["phrases"]) > 100 and all(p["url"] is None for p in rules["phrases"])


def test_the_year_decides_what_is_dated():
    in_2017 = {m["id"] for m in compile_rules(ROOT, 2017)["dated"]}
    in_2026 = {m["id"] for m in compile_rules(ROOT, 2026)["dated"]}
    assert "十三五" not in in_2017 and "十三五" in in_2026
    assert "十一五" in in_2017


def test_phrase_urls_come_from_the_build():
    rules = compile_rules(ROOT, 2026, phrase_urls={"高度重视": "phrases/gao-du-zhong-shi/"})
    by_text = {p["text"]: p for p in rules["phrases"]}
    assert by_text["高度重视"]["url"] == "phrases/gao-du-zhong-shi/"


def project(tmp_path: Path, name: str, text: str) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "data" / name).write_text(text, encoding="utf-8")
    return tmp_path


RULE = """rules:
  - id: yipiao-foujue
    kind: 受限
    patterns: [一票否决]
    reason: 理由
    rule: 规定
"""

BAD = [
    ("restricted.yml", RULE.replace("kind: 受限", "kind: 禁止"), 3, "kind “禁止”不在"),
    ("restricted.yml", RULE.replace("    rule: 规定\n", "    rule: 规定\n    colour: red\n"), 7, "未知的键“colour”"),
    ("restricted.yml", RULE + RULE.replace("rules:\n", ""), 7, "与第 2 行的规则重复"),
    ("restricted.yml", RULE.replace("id: yipiao-foujue", "id: 一票否决"), 2, "小写字母"),
    ("restricted.yml", RULE.replace("[一票否决]", "[/(?<!不)一票否决/]"), 4, "后行断言"),
    ("restricted.yml", RULE.replace("[一票否决]", "[/\\d+票否决/]"), 4, "[0-9]"),
    ("restricted.yml", RULE.replace("[一票否决]", "[/一票(否决/]"), 4, "不是有效的正则表达式"),
    ("restricted.yml", RULE.replace("[一票否决]", "[/(一票)?/]"), 4, "能匹配空字符串"),
    ("restricted.yml", RULE.replace("    rule: 规定\n", ""), 2, "规则缺少“rule”"),
    ("restricted.yml", RULE.replace("reason: 理由", "reason: [理由]"), 5, "reason应是非空的文字"),
    ("restricted.yml", RULE.replace("    patterns: [一票否决]", "    patterns: [一票否决"), 4, "YAML 格式有误"),
    ("check_dated.yml", "markers:\n  - marker: 卫生计生委\n  - marker: 卫计委\n", 3, "不是 data/dated_markers.yml 中任何一条"),
    ("check_dated.yml", "markers:\n  - marker: 卫生健康委\n", 2, "没有 until 年份"),
    ("check_dated.yml", "markers:\n  - marker: 脱贫攻坚\n    not_in: [乡村振兴]\n", 3, "不含“脱贫攻坚”的任何写法"),
    ("check_context.yml", "history:\n  before: [原]\nnegation: [防止]\n", 2, "history 缺少“sentence”"),
]


@pytest.mark.parametrize(("name", "text", "line", "words"), BAD, ids=[f"{b[0]}-{b[3]}" for b in BAD])
def test_a_fault_in_the_data_names_file_and_line(tmp_path, name, text, line, words):
    root = project(tmp_path, name, text)
    with pytest.raises(RulesError) as info:
        compile_rules(root, 2026)
    message = str(info.value)
    assert message.startswith(f"data/{name}:{line}: "), message
    assert words in message


def test_a_missing_file_is_named(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "data" / "restricted.yml").unlink()
    with pytest.raises(RulesError, match=r"^data/restricted.yml:1: 文件不存在"):
        compile_rules(tmp_path, 2026)


def test_a_fault_in_the_marker_table_keeps_its_own_line(tmp_path):
    source = (ROOT / "data" / "dated_markers.yml").read_text(encoding="utf-8")
    root = project(tmp_path, "dated_markers.yml", source.replace("    kind: 机构\n", "    kind: 部门\n", 1))
    with pytest.raises(RulesError, match=r"^data/dated_markers.yml:\d+: .*「kind」的值不在可选范围内"):
        compile_rules(root, 2026)
