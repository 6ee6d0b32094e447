"""Front matter the importer infers: title, speaker, date, genre, meeting type, level, slug."""

from __future__ import annotations

import pytest
import yaml

from importer_support import MODEL, import_text, page
from speechlib.importer import inference as inf
from speechlib.importer.slugs import base_slug, unique


def front_matter(page_text: str) -> dict:
    return yaml.safe_load(page_text.split("---\n")[1])


def test_header_lines_go_to_the_front_matter():
    # seed 000 lines 1-5
    text = ("第一篇：全县人口和计划生育工作培训会主持词\n全县人口和计划生育工作专题讲座主持词\n"
            "县委副书记、县长姜仕坤\n（2024年5月11日）\n同志们：\n为适应当前人口和计划生育工作需要，"
            "县委、县政府决定举办这次培训班。\n")
    result = import_text(text, name="seeds/000.txt")
    meta = result.pages[0].meta
    assert meta == {
        "title": "全县人口和计划生育工作专题讲座主持词", "kind": "exemplar", "speaker": "县委副书记、县长",
        "date": "2024-05-11", "source": "导入自 000.txt 第一篇", "genre": "主持词",
        "meeting_type": "培训会", "level": "县",
    }
    assert "姜仕坤" not in result.pages[0].text
    headers = [(c.line, c.text) for c in result.report.changes if c.kind == "header"]
    assert headers == [(2, "全县人口和计划生育工作专题讲座主持词"), (3, "县委副书记、县长姜仕坤"),
                       (4, "（2024年5月11日）")]


def test_front_matter_follows_the_content_model_order_and_labels():
    text = page("在全县安全生产工作推进会上的讲话\n（2024年3月27日）\n同志们：\n今天开会。\n")
    keys = [line.split(":")[0] for line in text.split("---\n")[1].splitlines()]
    assert keys == [k for k in MODEL.fields if k in keys]
    assert front_matter(text)["meeting_type"] == "推进会"


def test_a_bare_genre_title_gives_way_to_the_collection_title():
    # seed 000 lines 65-68
    text = ("第四篇：计划生育科技工作培训会主持词\n主持词\n（2024年9月2日）\n同志们：\n"
            "为进一步提高全县计划生育技术服务人员的整体素质，举办这次培训班。\n")
    assert import_text(text).pages[0].meta["title"] == "计划生育科技工作培训会主持词"


def test_a_date_line_with_a_remark_keeps_the_remark_in_source():
    # seed 001 lines 68-70
    text = ("在全市人口和计划生育工作会议上的讲话\n（二〇一二年一月三十一日 根据录音整理）\n同志们：\n"
            "新春伊始，我们第一个召开全市人口和计划生育工作会议。\n")
    meta = import_text(text, name="001.txt").pages[0].meta
    assert (meta["date"], meta["source"]) == ("2012-01-31", "导入自 001.txt（根据录音整理）")


@pytest.mark.parametrize("title, expected", [
    ("市长在全市人口和计划生育工作会议上的讲话", ("市长在全市人口和计划生育工作会议上的讲话", "市长")),
    ("XX市委常委、XX县区委书记孙正东在全市人口和计划生育工作会议上的讲话",
     ("在全市人口和计划生育工作会议上的讲话", "XX市委常委、XX县区委书记")),
    ("5.11在全市人口和计划生育工作会议上的讲话", ("在全市人口和计划生育工作会议上的讲话", None)),
    ("计生工作会议上的领导讲话稿", ("计生工作会议上的领导讲话稿", None)),
])
def test_title_loses_date_labels_and_personal_names(title, expected):
    assert inf.split_title(title) == expected


@pytest.mark.parametrize("line, role", [
    ("县委副书记、县长姜仕坤", "县委副书记、县长"),
    ("区委书记李俊", "区委书记"),
    ("市人口计生委党组书记、主任", "市人口计生委党组书记、主任"),
    ("副县长", "副县长"),
])
def test_speaker_role_has_no_personal_name(line, role):
    assert inf.speaker_role(line) == role


@pytest.mark.parametrize("text, iso", [
    ("（2024年5月11日）", "2024-05-11"),
    ("(2011年5月11日)", "2011-05-11"),
    ("二〇一二年一月三十一日", "2012-01-31"),
    ("2024年5月", "2024-05"),
    ("二〇〇九年十二月", "2009-12"),
    ("20xx年5月11日", "不详"),
    ("**年", "不详"),
    ("××年3月", "不详"),
])
def test_dates_become_iso_or_unknown(text, iso):
    assert inf.parse_date(text) == iso


@pytest.mark.parametrize("title, genre", [
    ("全市人口和计划生育工作调度会主持词", "主持词"),
    ("在全县人口和计划生育工作推进会上的讲话", "讲话"),
    ("计生工作会议上的领导讲话稿", "讲话"),
    ("关于一季度重点工作进展情况的汇报", "工作汇报"),
    ("在全县经济工作会议上的工作报告", "工作报告"),
    ("在全县安全生产工作会议上的表态发言", "表态发言"),
    ("在培训班开班式上的致辞", "致辞"),
])
def test_genre_from_the_title(title, genre):
    assert inf.infer_genre([title]) == genre


@pytest.mark.parametrize("title, slug", [
    ("全县人口和计划生育工作专题讲座主持词", "peixunhui"),
    ("计划生育科技工作培训会主持词", "peixunhui"),
    ("全市人口和计划生育工作调度会主持词", "diaoduhui"),
    ("在全县人口和计划生育工作推进会上的讲话", "tuijinhui"),
    ("在全市人口和计划生育工作会议上的讲话", "nianduhuiyi"),
    ("在集中服务活动动员大会上的讲话", "dongyuanhui"),
    ("在全县计划生育表彰大会上的讲话", "biaozhanghui"),
    ("在全市计生工作经验交流会上的主持词", "jiaoliuhui"),
    ("在机构改革专题会议上的讲话", "zhuantihuiyi"),
])
def test_meeting_type_from_the_title(title, slug):
    assert inf.infer_meeting_type([title]) == slug


@pytest.mark.parametrize("title, speaker, text, level", [
    ("在全县人口和计划生育工作推进会上的讲话", None, "", "县"),
    ("全区人口和计划生育工作会议主持词", None, "", "区"),
    ("在计划生育工作会议上的讲话", "市长", "", "市"),
    ("在计划生育工作会议上的讲话", None, "我镇把宣传教育作为首要任务。全镇上下形成了良好氛围。", "乡镇"),
    ("在计划生育工作会议上的讲话", None, "", None),
])
def test_level_from_title_speaker_or_text(title, speaker, text, level):
    assert inf.infer_level([title], speaker, text)[0] == level


def test_what_cannot_be_inferred_is_left_out_and_reported():
    result = import_text("同志们：\n今天开会。\n")
    meta = result.pages[0].meta
    assert set(meta) == {"kind", "source"}
    missing = sorted(m.split("，")[0] for _, m in result.report.warnings)
    assert missing == sorted(f"未能推断{f}" for f in ("日期", "文种", "层级", "会议类型", "标题"))


def test_options_override_inference():
    text = page("在全县人口和计划生育工作推进会上的讲话\n同志们：\n今天开会。\n",
                meeting_type="动员会", genre="致辞", level="乡镇", date="2020", source="某县档案")
    meta = front_matter(text)
    assert (meta["meeting_type"], meta["genre"], meta["level"], meta["date"], meta["source"]) == (
        "动员会", "致辞", "乡镇", 2020, "某县档案")


@pytest.mark.parametrize("meta, slug", [
    ({"date": "2024-05-11", "level": "县", "meeting_type": "培训会", "genre": "主持词"},
     "2024-xian-peixunhui-zhuchici"),
    ({"date": "2011-05-11", "level": "市", "genre": "讲话"}, "2011-shi-jianghua"),
    ({"level": "乡镇", "meeting_type": "年度工作会议", "genre": "讲话"},
     "xiangzhen-nianduhuiyi-jianghua"),
    ({"date": "不详", "title": "在计划生育工作会议上的讲话"},
     "zai-ji-hua-sheng-yu-gong-zuo-hui-yi-shang-de-jiang"),
])
def test_slug_is_readable_ascii(meta, slug):
    assert base_slug(meta, MODEL) == slug


def test_slug_is_unique():
    taken = {"shi-jianghua"}
    assert [unique("shi-jianghua", taken) for _ in range(2)] == ["shi-jianghua-2", "shi-jianghua-3"]


def test_a_date_the_text_contradicts_becomes_unknown_with_a_proposed_period():
    text = (
        "全县计划生育工作会议主持词\n2024年5月11日\n同志们：\n"
        "现在开会。省计生委对我县工作给予了大力支持，我们要巩固“国优”成果。\n散会。\n"
    )
    result = import_text(text)
    meta = result.pages[0].meta
    assert meta["date"] == "不详" and meta["period"] == "2014年以前"
    assert "省计生委" in meta["period_basis"]
    warnings = [message for _, message in result.report.warnings]
    assert any(w.startswith("原文日期 2024-05-11 与正文不符（文中提到“省计生委”") for w in warnings), warnings
    again = import_text(result.pages[0].text)  # importing the page again keeps the proposal
    assert again.pages[0].meta["period"] == "2014年以前"
