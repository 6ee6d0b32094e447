"""The importer on copies from public 范文 sites (issue 24): four classes of damage, five fixtures each.

``tests/fixtures/importer/web/`` 13–32, written for these tests (none copied from a site; varied
sites, topics and meeting types):

    13–17 a title set among decorative marks, glued to the site's name or column
    18–22 a site's category line just above the real title (which may end with a stray 。)
    23–27 names blanked out with runs of spaces beside the punctuation of a sentence
    28–32 one PDF paragraph pasted into a text without one wrap width, split at a line's 。

Their exact pages and change lists are golden files, checked with the others (and the property
that no Han character is lost unreported and a second import changes nothing) in test_web.py.
Here: that each repair is made and named in the change list, and what must stay untouched.
"""

from __future__ import annotations

import pytest

import speechlib.importer as si
from importer_support import WEB, import_text, page, paragraphs
from speechlib.importer.sitewords import is_category_line, is_site_words_line, title_in_site_line

ADDRESS = "同志们：\n"


def imported(stem: str) -> si.Result:
    path = next(WEB.glob(f"{stem}-*.txt"))
    return import_text(si.read_source(str(path)).text, name=path.name)


def removed(result: si.Result, *kinds: str) -> list[tuple[int, str, str]]:
    """The changes of these kinds by source line (in the order the rules made them on a line)."""
    return [(c.line, c.kind, c.text) for c in result.report.sorted_changes() if c.kind in kinds]


# --- 1. a title among marks and site words -------------------------------------------------------


@pytest.mark.parametrize("stem, title, pieces", [
    ("13", "县长在全县森林防灭火工作会议上的讲话",
     [(1, "furniture", "第一公文网"), (2, "decoration", "◎"), (2, "furniture", "◎第一公文网"),
      (3, "furniture", "网站首页 领导讲话")]),
    ("14", "在全市优化营商环境工作推进会上的讲话",
     [(1, "furniture", "首页 » 讲话稿频道 » 领导讲话"), (2, "decoration", "★"),
      (2, "furniture", "★讲话稿频道")]),
    ("15", "全区城市更新工作动员大会主持词",
     [(1, "decoration", "【"), (1, "furniture", "】主持词")]),
    ("16", "在全县农村人居环境整治现场推进会上的讲话",
     [(1, "decoration", "◆"), (1, "decoration", "◆"), (1, "furniture", "◆◆公文写作网首页")]),
    ("17", "在全镇防汛备汛工作部署会上的讲话",
     [(1, "decoration", "○○"), (1, "furniture", "领导讲话栏目○○")]),
])
def test_the_title_is_found_and_the_site_words_around_it_are_reported(stem, title, pieces):
    result = imported(stem)
    text = result.pages[0].text
    assert text.startswith(f"---\ntitle: {title}\n")
    assert removed(result, "furniture", "decoration") == pieces
    assert paragraphs(text)[0] == "同志们："  # no navigation word left in the speech
    for word in ("首页", "频道", "栏目", "公文网", "领导讲话", "资料站"):
        assert word not in text.split("\n---\n", 1)[1]


@pytest.mark.parametrize("line, title", [
    ("◎县长在全县森林防灭火工作会议上的讲话◎第一公文网", "县长在全县森林防灭火工作会议上的讲话"),
    ("○○在全镇防汛备汛工作部署会上的讲话领导讲话栏目○○", "在全镇防汛备汛工作部署会上的讲话"),
    ("〖全市教育系统表彰大会主持词〗www.gwy-fanwen.com", "全市教育系统表彰大会主持词"),
    ("★在全区人口高质量发展工作会议上的讲话★精选范文｜党政公文站", "在全区人口高质量发展工作会议上的讲话"),
])
def test_title_in_site_line_cuts_marks_and_site_words(line, title):
    start, end = title_in_site_line(line)
    assert line[start:end] == title


def test_a_site_word_the_file_s_breadcrumb_names_is_learned():
    line = "◆在全县春季植树造林工作会议上的讲话◆绿化动态"  # 绿化动态: no generic site word
    assert title_in_site_line(line) is None
    assert title_in_site_line(line, frozenset({"绿化动态"})) is not None
    text = f"首页 > 绿化动态\n{line}\n{ADDRESS}今天召开会议。\n"
    assert page(text).startswith("---\ntitle: 在全县春季植树造林工作会议上的讲话\n")


@pytest.mark.parametrize("line", [
    "在全县工作会议上的讲话要点摘编",            # what follows the genre word is no site word
    "二○二四年全县经济工作会议上的讲话",          # ○ between numerals is a zero
    "凝心聚力　真抓实干——在全县经济工作会议上的讲话",  # a main title and its subtitle
    "刚才，县长在全县会议上的讲话★很好",          # a sentence is never cut
    "在全县经济工作会议上的讲话",                  # nothing to cut
])
def test_lines_that_are_not_a_title_among_site_words_are_left(line):
    assert title_in_site_line(line) is None


@pytest.mark.parametrize("line, nav, in_header", [
    ("网站首页　领导讲话", True, True), ("讲话稿频道 主持词大全", True, True),
    ("www.fanwen-wang.com", True, True),
    ("公文范文网", True, False), ("织密安全网", False, False),  # a site name: only among header lines
    ("建好服务站", False, False),
    ("讲话稿", False, False), ("主持词", False, False), ("领导讲话", False, False),  # may be titles
    ("加强组织领导", False, False),
])
def test_a_navigation_line_is_site_words_with_a_home_link_or_two_of_them(line, nav, in_header):
    assert is_site_words_line(line, header=True) is nav
    assert is_site_words_line(line) is (nav and in_header)


# --- 2. a category line above the real title ---------------------------------------------------


@pytest.mark.parametrize("stem, category, title", [
    ("18", "安全生产讲话", "在全县安全生产和消防工作会议上的讲话"),
    ("19", "乡村振兴主持词", "全县乡村振兴战略实绩考核工作动员会主持词"),
    ("20", "教育工作讲话", "县委书记在全县教育大会上的讲话"),
    ("21", "党建工作会议讲话", "在全市机关党建工作推进会上的讲话"),
    ("22", "养老服务工作汇报", "关于全县养老服务体系建设情况的汇报"),
])
def test_the_speech_title_wins_over_the_category_line_above_it(stem, category, title):
    result = imported(stem)
    assert result.pages[0].text.startswith(f"---\ntitle: {title}\n")
    assert (1 if stem != "20" else 2, "furniture", category) in removed(result, "furniture")
    header = [c.text for c in result.report.changes if c.kind == "header"]
    assert header[0].rstrip(".。") == title and category not in header


@pytest.mark.parametrize("above, below, category", [
    ("安全生产讲话稿精选", "在全县安全生产工作会议上的讲话。", True),
    ("教育工作讲话", "县委书记在全县教育大会上的讲话", True),
    # a speech's own title above another title-like line stays the title
    ("全县安全生产工作会议主持词", "在全县安全生产工作会议上的讲话", False),
    ("凝心聚力　真抓实干", "——在全县经济工作会议上的讲话", False),
    ("安全生产讲话", "（2024年5月11日）", False),  # no title below: a bare title stays one
])
def test_a_category_line_needs_a_stronger_speech_title_right_below(above, below, category):
    assert is_category_line(above, below) is category


def test_a_category_line_alone_is_still_the_title():
    text = "教育工作讲话\n" + ADDRESS + "今天召开会议。\n"
    assert page(text).startswith("---\ntitle: 教育工作讲话\n")


# --- 3. names blanked out with spaces --------------------------------------------------------------


@pytest.mark.parametrize("stem, lines, sentence", [
    ("23", [4, 4, 4, 7, 8, 8], "刚才，×××同志代表县委政法委通报了全县风险隐患排查情况"),
    ("24", [4, 4, 4], "刚才，×××同志宣读了表彰决定，受表彰的×××区退役军人服务中心、×××镇退役军人服务站"),
    ("25", [4, 4, 4, 10, 11, 11, 11], "出席今天大会的领导有县委副书记×××，县人大常委会副主任×××，县政协副主席×××。"),
    ("26", [3, 6, 6], "刚才，区商务局、区市场监管局分别通报了有关情况，×××同志就做好保供稳价工作"),
    ("27", [4, 4, 7, 7], "同志们，刚才，×××局长介绍了培训安排，×××副县长作了动员讲话"),
])
def test_each_blank_becomes_a_placeholder_named_in_the_change_list(stem, lines, sentence):
    result = imported(stem)
    blanks = [c for c in result.report.changes if c.kind == "hidden-name"]
    assert [c.line for c in blanks] == lines
    assert all(c.text.strip() == "" and len(c.text) >= 2 and c.replacement == "×××" for c in blanks)
    assert sentence in result.pages[0].text
    assert not [c for c in result.report.changes if c.kind == "space" and len(c.text) >= 2]


@pytest.mark.parametrize("source, expected", [
    ("刚才，      同志代表县政府通报了情况。", "刚才，×××同志代表县政府通报了情况。"),
    ("出席会议的有：      、      同志。", "出席会议的有：×××、×××同志。"),
    ("请县委副书记　　　　，县人大常委会副主任　　　　就座。", "请县委副书记×××，县人大常委会副主任×××就座。"),
    ("由“      ”志愿服务队作交流发言。", "由“×××”志愿服务队作交流发言。"),
])
def test_gaps_beside_punctuation_are_blanks(source, expected):
    assert paragraphs(page(ADDRESS + source + "\n"))[1] == expected


@pytest.mark.parametrize("source, expected", [
    ("主持人：  县委副书记", "主持人：县委副书记"),                       # a field's layout
    ("时间：5月15日晚  地点：县文化艺术中心", "时间：5月15日晚"),          # fields on one line
    ("会议到此结束。  下面请大家有序退场。", "会议到此结束。"),           # a paragraph break
    ("一、加强市场监测预警  各街道、各部门要密切关注粮油、肉蛋、蔬菜等重要民生商品价格走势，发现异常波动及时报告。",
     "## 一、加强市场监测预警"),                                        # a heading's end
    ("全县共有120  个村完成改造。", "全县共有120个村完成改造。"),       # next to a digit
    ("今年以来，  县委、县政府高度重视。", "今年以来，县委、县政府高度重视。"),  # a stray double space
    ("会议结束后，  各乡镇要迅速传达。", "会议结束后，各乡镇要迅速传达。"),
])
def test_layout_spaces_hide_no_name(source, expected):
    text = ADDRESS + source + "\n"
    assert paragraphs(page(text))[1] == expected
    assert [c for c in import_text(text).report.changes if c.kind == "hidden-name"] == []


# --- 4. a PDF paragraph split at a line's 。 ---------------------------------------------------------


@pytest.mark.parametrize("stem, line, joined", [
    ("28", 16, "对下一步工作作出了部署。讲话站位高、思路清、措施实"),
    ("29", 5, "预计可新增就业岗位五千余个。在此，我代表市委、市政府"),
    ("30", 8, "实行党政同责、终身追责。对耕地保护目标任务完成不到位的地区"),
    ("31", 7, "部分村卫生室缺医少药。群众看病就医还不够方便"),
    ("32", 8, "居全市第二。固定资产投资增长9.1%"),
])
def test_a_wrapped_line_ending_in_a_full_stop_joins_the_next(stem, line, joined):
    result = imported(stem)
    wraps = [c for c in result.report.changes if c.kind == "wrap"]
    assert [c.line for c in wraps] == [line]
    assert joined in result.pages[0].text


def test_a_line_ending_in_a_full_stop_at_another_width_ends_its_paragraph():
    # The paragraph's other line is 27 wide; its last line, 17 wide, ends the paragraph.
    text = ADDRESS + (
        "我们也清醒地认识到，当前全区卫生健康工作还存在一些短板\n"
        "弱项。基层医疗机构服务能力仍然不强。\n"
        "群众看病就医还不够方便，优质医疗资源主要集中在城区，乡\n"
        "镇卫生院门诊量连续两年下降。\n")
    paras = paragraphs(page(text))
    assert paras[1].endswith("基层医疗机构服务能力仍然不强。")
    assert [c for c in import_text(text).report.changes if c.kind == "wrap"] == []


def test_one_line_of_the_measure_is_no_evidence():
    # Only one line stops inside a sentence at this width: no page measure, no wrap.
    text = ADDRESS + (
        "我们也清醒地认识到，当前全区卫生健康工作还存在一些短板\n"
        "弱项。基层医疗机构服务能力不强，部分村卫生室缺医少药。\n"
        "群众看病就医还不够方便。\n")
    assert [c for c in import_text(text).report.changes if c.kind == "wrap"] == []
