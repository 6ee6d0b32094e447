"""A 县级市 speech is filed as 县级市 and found under 县 and under 市 (data/content_model.yml counts_as)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
from speechlib.content.model import ContentError, SpeechPage, load_model, parse_page
from speechlib.site.listing import browse_page, listing_data, meeting_type_page

MODEL = load_model(ROOT / "data" / "content_model.yml")
NIANDU = MODEL.by_slug("meeting_type", "nianduhuiyi")


def speech(name: str, level: str) -> SpeechPage:
    return SpeechPage(
        src_uri=f"nianduhuiyi/exemplars/{name}.md", slug=name, kind="exemplar", meeting_type=NIANDU,
        genre=MODEL.by_label("genre", "讲话"), title=f"在{level}会议上的讲话（{name}）", level=level,
        date="2012-03-01",
    )


PAGES = [speech("a", "县"), speech("b", "县级市"), speech("c", "市"), speech("d", "县级市"), speech("e", "乡镇")]


def test_the_model_files_a_county_level_city_under_county_and_city():
    assert MODEL.counted_as("level", "县级市") == ("县级市", "县", "市")
    assert MODEL.counted_as("level", "县") == ("县",)
    assert MODEL.counted_as("level", None) == ()
    levels = [e.label for e in MODEL.vocab("level")]
    assert levels.index("市") < levels.index("县级市") < levels.index("县")


def test_front_matter_accepts_the_value():
    source = (
        "---\ntitle: 讲话\nkind: exemplar\nmeeting_type: 年度工作会议\ngenre: 讲话\nlevel: 县级市\n"
        "date: 2011-05-11\nsource: 测试\n---\n\n正文。\n"
    )
    assert parse_page(source, "nianduhuiyi/exemplars/x.md", MODEL).level == "县级市"


def test_listing_offers_county_and_city_and_each_finds_the_county_level_cities():
    data_js = listing_data(NIANDU, PAGES, MODEL, lambda uri: uri)
    data = json.loads(data_js[data_js.index(",") + 1 : data_js.rindex(")")])
    assert data["facets"]["level"] == ["市", "县级市", "县", "乡镇"]
    filed = {row[0][-2]: row[8] for row in data["rows"]}
    assert filed == {"a": ["县"], "b": ["县级市", "县", "市"], "c": ["市"], "d": ["县级市", "县", "市"], "e": ["乡镇"]}
    # What listing.js does with ?level=…: a row matches when the level is among the row's levels.
    under = {lv: sorted(r[0][-2] for r in data["rows"] if lv in r[8]) for lv in ("县", "市", "县级市")}
    assert under == {"县": ["a", "b", "d"], "市": ["b", "c", "d"], "县级市": ["b", "d"]}
    # The table cell shows the speech's own level.
    assert [row[4] for row in data["rows"] if row[0][-2] == "b"] == ["县级市"]
    form = meeting_type_page(NIANDU, PAGES, MODEL)
    assert '<option value="县级市">' in form and '<option value="县">' in form


def test_browse_by_level_counts_county_level_cities_under_county_and_city():
    text = browse_page("按层级浏览", "", "level", lambda p: p.level, PAGES, MODEL, "browse/levels.md")
    sections = {part.split("\n", 1)[0]: part for part in text.split("## ")[1:]}
    assert "范文 3 篇（含县级市 2 篇）：[年度工作会议 3 篇](../nianduhuiyi/index.md?level=%E5%8E%BF#fanwen)" in sections["县"]
    assert "范文 3 篇（含县级市 2 篇）：" in sections["市"]
    assert "范文 2 篇：[年度工作会议 2 篇]" in sections["县级市"]
    assert list(sections) == ["市", "县级市", "县", "乡镇"]


def test_the_real_county_level_city_exemplars():
    levels = {}
    for path in sorted((ROOT / "docs").glob("*/exemplars/*.md")):
        front = path.read_text(encoding="utf-8").split("---", 2)[1]
        levels[path.stem] = next(line[7:] for line in front.splitlines() if line.startswith("level: "))
    assert sorted(k for k, v in levels.items() if v == "县级市") == [
        "2011-shi-nianduhuiyi-jianghua", "hubei-shi-nianduhuiyi-jianghua", "shi-jisheng-gongzuo-huiyi-jianghua",
        "xiantao-nianduhuiyi-jianghua", "yuanjiang-nianduhuiyi-jianghua",
    ]


@pytest.mark.parametrize(
    "entry, message",
    [
        ("{slug: x, label: 县级市, counts_as: [州]}", "「县级市」的 counts_as 中「州」不是词表 level 中的另一个取值"),
        ("{slug: x, label: 县级市, counts_as: [县级市]}", "「县级市」的 counts_as 中「县级市」不是词表 level 中的另一个取值"),
        ("{slug: x, label: 县级市, counts_as: 县}", "的「counts_as」应为列表"),
    ],
)
def test_a_bad_counts_as_names_the_line(tmp_path: Path, entry, message):
    text = (ROOT / "data" / "content_model.yml").read_text(encoding="utf-8")
    old = "- {slug: xianjishi, label: 县级市, counts_as: [县, 市]}"
    line = text[: text.index(old)].count("\n") + 1
    bad = tmp_path / "content_model.yml"
    bad.write_text(text.replace(old, "- " + entry), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_model(bad)
    assert str(err.value).startswith(f"data/content_model.yml:{line}: ") and message in str(err.value)
