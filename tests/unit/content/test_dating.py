"""Dating by markers: the table (loading, errors with path:line), markers in a text, the period
estimate, the date check, phrase dating, and the real table and exemplars."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from speechlib.content.dating import (
    DatingError,
    contradiction,
    date_phrase,
    format_span,
    load_markers,
    markers_in,
    parse_markers,
    parse_span,
    period_from_text,
)
from speechlib.text import split_front_matter

TABLE = """\
older_before: {year: 2016, reason: 全面两孩以后不再这样说}
markers:
  - text: 国家人口计生委
    kind: 机构
    from: 2003
    until: 2013
    ended: 撤并
    reason: 2013年撤并
  - text: 计生委
    variants: [人口计生委]
    kind: 机构
    until: 2015
    ended: 撤并
    reason: 地方计生委2015年前撤并
  - text: 卫生计生委
    kind: 机构
    from: 2013
    until: 2018
    reason: 2013—2018年
  - text: 十二五
    kind: 规划
    from: 2010
    until: 2016
    reason: 2011—2015年规划
  - text: 社会抚养费
    kind: 政策
    from: 2002
    until: 2021
    ended: 废止
    reason: 2021年取消
  - text: 一票否决
    kind: 做法
    ended: 受限
    reason: 基层减负规定严格限制
"""


@pytest.fixture
def table():
    return parse_markers(TABLE, "data/dated_markers.yml")


def table_error(body: str) -> str:
    with pytest.raises(DatingError) as exc:
        parse_markers(textwrap.dedent(body), "data/dated_markers.yml")
    return str(exc.value)


# --- the table -----------------------------------------------------------------------------------

def test_table_loads(table):
    assert [m.text for m in table.markers][:3] == ["国家人口计生委", "计生委", "卫生计生委"]
    assert table.markers[1].forms == ("计生委", "人口计生委")
    assert (table.older_before, table.markers[0].line) == (2016, 3)


def test_load_from_file_names_path_relative_to_root(tmp_path):
    path = tmp_path / "data" / "dated_markers.yml"
    path.parent.mkdir()
    path.write_text("markers:\n  - {text: 十二五, kind: 规划, from: 2016, until: 2010, reason: x}\n")
    with pytest.raises(DatingError, match=r"^data/dated_markers\.yml:2: 「markers」第 1 项：「十二五」的 from（2016）晚于 until（2010）"):
        load_markers(path, tmp_path)
    with pytest.raises(DatingError, match=r"^data/none\.yml:1: .*does not exist"):
        load_markers(tmp_path / "data" / "none.yml", tmp_path)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("markers: [\n", r"^data/dated_markers\.yml:2: YAML 格式有误：缺少值，或括号没有闭合"),
        ("- a\n", r":1: 文件应为键值对"),
        ("marker: []\n", r":1: 未知的键「marker」"),
        ("markers:\n  - text: 十二五\n    kind: 规划\n    reason: x\n", r":2: 「markers」第 1 项：「十二五」既没有 from/until，也没有 ended"),
        ("markers:\n  - text: 十二五\n    kind: 计划\n    from: 2010\n    reason: x\n",
         r":3: 「markers」第 1 项的「kind」的值不在可选范围内：应为 机构、规划、会议、政策、做法、提法 之一"),
        ("markers:\n  - text: 十二五\n    kind: 规划\n    from: '2010'\n    reason: x\n",
         r":4: 「markers」第 1 项的「from」应为整数"),
        ("markers:\n  - text: 十二五\n    kind: 规划\n    from: 2010\n", r":2: 「markers」第 1 项缺少键「reason」"),
        ("markers:\n  - text: 十二五\n    kind: 规划\n    from: 2010\n    reason: x\n    year: 1\n",
         r":6: 未知的键「year」"),
        ("markers:\n  - {text: 卫计委, kind: 机构, from: 2013, reason: x}\n"
         "  - {text: 卫生计生委, variants: [卫计委], kind: 机构, from: 2013, reason: x}\n",
         r":3: 「卫计委」已是第 2 行标记的写法"),
        ("markers:\n  - {text: 一票否决, kind: 做法, ended: 取消, reason: x}\n",
         r":2: 「markers」第 1 项的「ended」的值不在可选范围内：应为 废止、撤并、受限、更替 之一"),
        ("older_before: 2016\nmarkers:\n  - {text: 十二五, kind: 规划, from: 2010, reason: x}\n",
         r":1: 「older_before」应为键值对"),
    ],
)
def test_bad_table_fails_with_path_and_line(body, expected):
    assert re.search(expected, table_error(body))


# --- markers and periods -------------------------------------------------------------------------

def test_longest_form_wins_and_counts(table):
    found = markers_in("县卫生计生委、县卫生计生委和原县人口计生委", table)
    assert [(f.marker.text, f.form, f.count) for f in found] == [
        ("卫生计生委", "卫生计生委", 2),
        ("计生委", "人口计生委", 1),
    ]


def test_matching_ignores_white_space(table):
    assert [f.form for f in markers_in("国家人口\n计生委", table)] == ["国家人口计生委"]


def test_period_from_text(table):
    estimate = period_from_text("贯彻“十二五”规划，省人口计生委要求……", table)
    assert (estimate.start, estimate.end, estimate.period()) == (2010, 2015, "2010–2015")
    assert estimate.basis() == "文中提到“十二五”、“人口计生委”：2011—2015年规划；地方计生委2015年前撤并。"
    assert period_from_text("实行“一票否决”", table) is None  # a restricted practice dates nothing
    assert period_from_text("没有标记的文字", table) is None
    assert period_from_text("国家人口计生委和县卫生计生委……省卫健委", table).period() == "2013"


def test_markers_that_disagree_give_no_period(table):
    table2 = parse_markers(TABLE + "  - {text: 三孩生育政策, kind: 政策, from: 2021, reason: x}\n")
    assert period_from_text("人口计生委贯彻三孩生育政策", table2) is None


@pytest.mark.parametrize(
    ("value", "span"),
    [("2012", (2012, 2012)), ("2011–2013", (2011, 2013)), ("2011-2013", (2011, 2013)),
     ("2011至2013", (2011, 2013)), ("2013年以前", (None, 2013)), ("2016年以后", (2016, None)),
     ("2012-01-31", (2012, 2012)), ("2012-01", (2012, 2012)), ("不详", None), (None, None),
     (2012, (2012, 2012))],
)
def test_parse_span(value, span):
    assert parse_span(value) == span


def test_parse_span_rejects_nonsense():
    with pytest.raises(DatingError, match="runs backwards"):
        parse_span("2013–2011")
    with pytest.raises(DatingError, match="cannot read"):
        parse_span("二〇一二年")


def test_format_span_round_trips():
    for text in ("2012", "2011–2013", "2013年以前", "2016年以后"):
        assert format_span(*parse_span(text)) == text


# --- the date check ------------------------------------------------------------------------------

def test_contradicted_date_is_reported(table):
    message = contradiction("2024-05-11", None, "省人口计生委领导来我县讲课", table)
    assert message.startswith("date 2024-05-11 contradicts the text: it mentions 「人口计生委」")
    assert "until 2015" in message and "地方计生委2015年前撤并" in message


def test_date_before_a_marker_is_reported(table):
    message = contradiction("2010", None, "县卫生计生委", table)
    assert "「卫生计生委」, which dates a text 2013–2018" in message


def test_consistent_date_and_unknown_date_pass(table):
    assert contradiction("2012-01-31", None, "省人口计生委、“十二五”", table) is None
    assert contradiction("不详", "2011–2013", "省人口计生委、“十二五”", table) is None
    assert contradiction(None, None, "省人口计生委", table) is None
    assert contradiction("2024", None, "实行“一票否决”", table) is None  # not a dating marker


def test_period_must_sit_inside_the_window(table):
    assert "period 2011–2024" in contradiction("不详", "2011–2024", "省人口计生委", table)
    assert "period 2016年以后" in contradiction("不详", "2016年以后", "省人口计生委", table)
    assert contradiction("不详", "2013年以前", "省人口计生委", table) is None


def test_unreadable_period_raises(table):
    with pytest.raises(DatingError):
        contradiction("不详", "2011年前后", "省人口计生委", table)


# --- phrases -------------------------------------------------------------------------------------

def test_phrase_first_and_last_period(table):
    uses = ["2011–2013", "2006", "不详", "2016–2018"]
    dating = date_phrase("统筹解决人口问题", uses, table, in_templates=True)
    assert (dating.first, dating.last, dating.older) == ((2006, 2006), (2016, 2018), False)


def test_phrase_tied_to_abolished_policy_is_older(table):
    dating = date_phrase(["依法征收社会抚养费"], ["2006"], table, in_templates=False)
    assert dating.older and dating.reason.startswith("与“社会抚养费”相关，已废止（2021年）")
    restricted = date_phrase("坚持“一票否决”", ["2011", "2016–2018"], table, in_templates=True)
    assert restricted.older and "现行规定严格限制" in restricted.reason


def test_phrase_with_all_uses_before_the_year_is_older(table):
    dating = date_phrase("三为主", ["2006", "2011–2013", "2007–2012"], table)
    assert dating.older and dating.reason.startswith("所见用例均早于2016年")


def test_current_phrase_is_not_older(table):
    assert not date_phrase("牢固树立", ["2006", "2011"], table, in_templates=True).older  # templates use it
    assert not date_phrase("责任追究", ["2006"], table).older  # one dated use is no trend
    assert not date_phrase("挂图作战", ["2011", "2016–2018"], table).older  # a use after the year
    assert not date_phrase("三为主", ["2006", "2013年以前", "不详"], table).older  # two dated uses only
    assert date_phrase("三为主", ["2006", "2013年以前"], table, min_dated=2).older


def test_current_political_formulation_is_never_older_by_age():
    # 科学发展观 is in force (a 提法 marker with no `until`): old exemplars do not make it 较早用语.
    table = real_table()
    uses = ["2006", "2011–2013", "2007–2012", "2010"]
    assert not date_phrase("科学发展观", uses, table).older
    assert not date_phrase("深入贯彻落实科学发展观", uses, table).older
    # The field's own wording of the same years still is.
    assert date_phrase("三为主", uses, table).older


# --- the real table and pages --------------------------------------------------------------------

def real_table():
    return load_markers(ROOT / "data" / "dated_markers.yml", ROOT)


def exemplars() -> list[tuple[Path, dict, str]]:
    pages = []
    for path in sorted((ROOT / "docs").glob("*/exemplars/*.md")):
        source = path.read_text(encoding="utf-8")
        yaml_text, body, _ = split_front_matter(source)
        meta = yaml.load(yaml_text, Loader=yaml.BaseLoader)  # dates stay text
        pages.append((path, meta, body))
    return pages


def test_real_table_loads():
    table = real_table()
    assert len(table.markers) > 20 and table.older_before
    assert {"国家人口计生委", "卫生计生委", "卫生健康委", "十一五", "十二五", "全面两孩", "社会抚养费"} <= {
        m.text for m in table.markers
    }


def test_no_exemplar_date_or_period_contradicts_its_text():
    table = real_table()
    problems = []
    for path, meta, body in exemplars():
        message = contradiction(meta.get("date"), meta.get("period"), body, table)
        if message:
            problems.append(f"{path.relative_to(ROOT)}: {message}")
    assert problems == []


def test_every_period_has_its_basis():
    for path, meta, _ in exemplars():
        if meta.get("period"):
            assert parse_span(meta["period"]) is not None, path
            assert meta.get("period_basis"), f"{path.name}: a period needs its period_basis"
