"""The importer's cleaning rules, each on text taken from the seed files (seed and line noted)."""

from __future__ import annotations

import pytest

from importer_support import body, import_text, page, paragraphs

ADDRESS = "同志们：\n"


def changes(text: str, kind: str) -> list[tuple[int, str, str]]:
    return [(c.line, c.text, c.replacement) for c in import_text(text).report.changes
            if c.kind == kind]


# --- hard line breaks and paragraphs ------------------------------------------------------------


def test_line_broken_inside_a_sentence_is_joined():
    # seed 000 lines 42-44
    text = ADDRESS + ("刚才，我们到池河镇及其明星、力建村参观了人口计生基层\n"
                      "基础创建工作开展情况。会上，池河镇作了经验介绍，通报了**年计生目标责任\n"
                      "制考核情况。下面，我讲几点意见：\n")
    assert paragraphs(page(text))[1] == (
        "刚才，我们到池河镇及其明星、力建村参观了人口计生基层基础创建工作开展情况。会上，池河镇"
        "作了经验介绍，通报了××年计生目标责任制考核情况。下面，我讲几点意见：")
    assert [line for line, _, _ in changes(text, "join")] == [3, 4]


def test_page_break_across_a_blank_line_is_joined():
    # seed 002 lines 55-57: the PDF page break left a blank line inside the word 计生育
    text = ADDRESS + ("\n召开这次会议的目的是认真总结今年以来的工作，通报当前的计划生\n\n"
                      "育工作情况，分析面临的形势。\n")
    assert paragraphs(page(text))[1] == (
        "召开这次会议的目的是认真总结今年以来的工作，通报当前的计划生育工作情况，分析面临的形势。")


def test_line_ending_with_a_comma_is_joined():
    # seed 002 lines 113-115
    text = ADDRESS + "今年，是实施全面两孩政策的第一年，\n\n各级各部门要充分了解计划生育工作的新内涵。\n"
    assert paragraphs(page(text))[1] == (
        "今年，是实施全面两孩政策的第一年，各级各部门要充分了解计划生育工作的新内涵。")


def test_real_paragraph_breaks_are_kept():
    # seed 000 lines 6-9: each line ends a sentence
    text = ADDRESS + ("在此，让我们以热烈的掌声向贺主任表示诚挚的欢迎和衷心的感谢！\n"
                      "参加今天培训的有：县四大家主要负责人。\n"
                      "为保证培训效果，我强调两点纪律：\n")
    assert paragraphs(page(text))[1:] == [
        "在此，让我们以热烈的掌声向贺主任表示诚挚的欢迎和衷心的感谢！",
        "参加今天培训的有：县四大家主要负责人。",
        "为保证培训效果，我强调两点纪律：",
    ]


def test_a_new_request_after_a_list_without_full_stop_starts_a_paragraph():
    # seed 000 lines 91-92
    text = ADDRESS + "分别是：西水界乡、区委办、区信用联社\n请以上单位领导上台领奖。\n"
    assert paragraphs(page(text))[1:] == ["分别是：西水界乡、区委办、区信用联社",
                                          "请以上单位领导上台领奖。"]


def test_sentence_end_followed_by_a_space_is_a_paragraph_break():
    # seed 000 line 74
    text = ADDRESS + "下面，我们请市计生委胡爱武主任讲话，大家欢迎…… 下面，我们请黄萍所长为我们授课。\n"
    assert paragraphs(page(text))[1:] == ["下面，我们请市计生委胡爱武主任讲话，大家欢迎……",
                                          "下面，我们请黄萍所长为我们授课。"]


def test_flattened_text_is_split_into_its_paragraphs():
    # seed 004: the whole speech on a few numbered lines, paragraphs separated by spaces
    first = ("1、5.11在全市人口和计划生育工作会议上的讲话 XX市委常委、XX县区委书记孙正东在全市人口和计划"
             "生育工作会议上的讲话 (2011年5月11日) 同志们: 市委、市政府历来高度重视人口计生工作,会前,"
             "市委常委会议进行了专题研究。 “十一五”时期是我市经济社会发展最快的五年。全市各级各部门紧紧围")
    second = ("2、绕统筹解决人口问题这一大政方针,真抓实干。在此,我代表市委、市政府,向全市人口计生工作者"
              "致以亲切问侯。 下面,就新时期人口计生工作,我先讲三点意见。 一、思想上要高度重视 "
              "人口计生工作涉及千家万户,计生服务水平如何,奖补政策执行情况,关系广大市民的家庭幸福,涉及千家"
              "万户的切身利益,是新时期群众工作的重要方面。")
    result = import_text(first + "\n" + second + "\n")
    text = result.pages[0].text
    assert paragraphs(text) == [
        "同志们：",
        "市委、市政府历来高度重视人口计生工作，会前，市委常委会议进行了专题研究。",
        "“十一五”时期是我市经济社会发展最快的五年。全市各级各部门紧紧围绕统筹解决人口问题这一"
        "大政方针，真抓实干。在此，我代表市委、市政府，向全市人口计生工作者致以亲切问候。",
        "下面，就新时期人口计生工作，我先讲三点意见。",
        "## 一、思想上要高度重视",
        "人口计生工作涉及千家万户，计生服务水平如何，奖补政策执行情况，关系广大市民的家庭幸福，涉及千家"
        "万户的切身利益，是新时期群众工作的重要方面。",
        '<span class="editor-note">编者注：讲话开头称讲三点意见，原文只存一点，以下内容缺失。</span>',
    ]
    assert [c.text for c in result.report.changes if c.kind == "chunk-number"] == ["1、", "2、"]
    assert "title: 在全市人口和计划生育工作会议上的讲话" in text
    assert "speaker: ×××市委常委、×××县区委书记" in text  # placeholders in the convention
    assert "孙正东" not in text


# --- page numbers and markers -------------------------------------------------------------------


def test_dashed_page_marker_at_the_end_of_a_line_is_removed_and_the_sentence_joined():
    # seed 000 lines 90-91
    text = ADDRESS + "首先颁发2024人口计生工作先进单位奖，共11个，-1-\n分别是：西水界乡、下面高乡。\n"
    assert paragraphs(page(text))[1] == (
        "首先颁发2024人口计生工作先进单位奖，共11个，分别是：西水界乡、下面高乡。")
    assert changes(text, "page-marker") == [(2, "-1-", "")]


def test_page_number_glued_into_a_word_is_removed():
    # seed 000 lines 7-8: 负责人、PIS人 / 1员，村（社区）支书
    text = ADDRESS + "参加今天培训的有：计生办和计生站负责人、PIS人\n1员，村（社区）支书或主任。\n"
    assert paragraphs(page(text))[1] == (
        "参加今天培训的有：计生办和计生站负责人、PIS人员，村（社区）支书或主任。")
    assert changes(text, "page-number") == [(3, "1", "")]


@pytest.mark.parametrize("before, after", [
    ("各镇要抓好农村计生家庭创业示范户", "10户以上。"),   # a number before a measure word stays
    ("到", "5月底，各县区指标有明显好转。"),
])
def test_a_number_that_belongs_to_the_text_is_kept(before, after):
    text = ADDRESS + before + "\n" + after + "\n"
    assert changes(text, "page-number") == []
    assert paragraphs(page(text))[1] == before + after


def test_missing_pages_leave_an_editor_note_where_the_text_is_cut():
    # seed 004: the footers -1, -3 show that page 2 is missing; the text resumes mid-word
    text = ADDRESS + ("下面，我讲三点意见。\n一、思想上要高度重视 -1 观方面来讲，人口计生工作涉及千家万户。\n"
                      "总之，要抓紧抓好。 -3 基础教育中的学前教育。\n")
    assert paragraphs(page(text))[1:] == [
        "下面，我讲三点意见。",
        "## 一、思想上要高度重视",
        '<span class="editor-note">编者注：原文此处缺页，下文接续处不明。</span>',
        "观方面来讲，人口计生工作涉及千家万户。",
        "总之，要抓紧抓好。",
        "基础教育中的学前教育。",
        '<span class="editor-note">编者注：讲话开头称讲三点意见，原文只存一点，以下内容缺失。</span>',
    ]
    assert [t for _, t, _ in changes(text, "page-marker")] == ["-1", "-3"]


def test_page_count_footer_is_removed_and_the_open_end_noted():
    # seed 004, last line
    text = ADDRESS + "确保奖励优惠政策、免费计生技术服务项目以及基层工作 -7第5页 共5页\n"
    assert paragraphs(page(text))[1:] == [
        "确保奖励优惠政策、免费计生技术服务项目以及基层工作",
        '<span class="editor-note">编者注：原文至此中断，以下内容缺失。</span>',
    ]
    assert sorted(t for _, t, _ in changes(text, "page-marker")) == ["-7", "第5页 共5页"]


def test_a_line_holding_only_a_page_number_is_removed():
    text = ADDRESS + "要认真学习和传达这次会议\n12\n精神。\n"
    assert paragraphs(page(text))[1] == "要认真学习和传达这次会议精神。"


# --- web boilerplate ------------------------------------------------------------------------------


def test_site_watermark_lines_are_removed():
    # seed 001 lines 1-5
    text = ("第一篇：市长在全市人口和计划生育工作会议上的讲话\n文 章\n来源莲山\n课件 w ww.5 y kj.Co m来源\n"
            "同志们：\n市委、市政府召开这次全市人口和计划生育工作会议。\n")
    result = import_text(text)
    assert paragraphs(result.pages[0].text) == [
        "同志们：", "市委、市政府召开这次全市人口和计划生育工作会议。"]
    assert [c.text for c in result.report.changes if c.kind == "watermark"] == [
        "文 章", "来源莲山", "课件 w ww.5 y kj.Co m来源"]


def test_watermark_inside_a_paragraph_is_removed():
    text = ADDRESS + "要加大宣传力度文 章来源莲山 课件 w ww.5 y kj.Co m，营造良好氛围。\n"
    assert paragraphs(page(text))[1] == "要加大宣传力度，营造良好氛围。"


def test_an_ordinary_word_like_the_watermark_is_kept():
    text = ADDRESS + "文章要写得短些。莲山镇的经验值得学习。\n"
    assert paragraphs(page(text))[1] == "文章要写得短些。莲山镇的经验值得学习。"


def test_related_links_are_removed_up_to_the_next_speech():
    # seed 002 lines 151-157, with two links as such pages carry them
    text = ("领导在计划生育工作会议上的讲话篇一\n同志们：\n统筹解决人口问题的局面初步形成。\n"
            "看过计划生育服务站领导讲话提纲的人还看了:\n计划生育工作会议讲话稿范文\n2.乡镇计生工作总结\n"
            "领导在计划生育工作会议上的讲话篇二\n同志们:\n市委、市政府历来高度重视人口和计划生育工作。\n")
    result = import_text(text)
    assert [paragraphs(p.text) for p in result.pages] == [
        ["同志们：", "统筹解决人口问题的局面初步形成。"],
        ["同志们：", "市委、市政府历来高度重视人口和计划生育工作。"],
    ]
    assert [c.line for c in result.report.changes if c.kind == "link-list"] == [4, 5, 6]


def test_collection_title_and_unrelated_intro_are_removed():
    # seed 002 lines 1-11
    text = ("\n\n最新领导在计划生育工作会议上的讲话(汇总5篇)\n\n"
            "光阴的迅速，一眨眼就过去了，很快就要开展新的工作了，来为今后的学习制定一份计划。以下我给大家"
            "整理了一些优质的计划书范文，希望对大家能够有所帮助。\n\n"
            "领导在计划生育工作会议上的讲话篇一\n\n同志们：\n\n根据工作实际，我委决定召开今天这次会议。\n\n"
            "领导在计划生育工作会议上的讲话篇二\n\n同志们：\n\n县委决定，今天召开全县秋季计划生育工作会议。\n")
    result = import_text(text)
    kinds = [(c.kind, c.line) for c in result.report.changes
             if c.kind in ("collection-title", "intro", "split")]
    assert kinds == [("collection-title", 3), ("intro", 5), ("split", 7), ("split", 13)]
    assert "光阴" not in result.pages[0].text and "汇总" not in result.pages[0].text


# --- slips, punctuation, spaces -------------------------------------------------------------------


@pytest.mark.parametrize("wrong, right", [
    ("将人口计生工作放在与经济工作同等重要的位臵", "将人口计生工作放在与经济工作同等重要的位置"),  # 004
    ("向全市人口计生工作者致以亲切问侯", "向全市人口计生工作者致以亲切问候"),                    # 004
    ("这种现象正在呈加剧的超势", "这种现象正在呈加剧的趋势"),                                # 002
    ("平时工作随随便便、按步就班", "平时工作随随便便、按部就班"),                            # 002
    ("如果这种现象任期漫延", "如果这种现象任其蔓延"),                                        # 002
    ("卫生计生工作的思路 and 重点已经明确", "卫生计生工作的思路和重点已经明确"),              # 002
    ("吊销职业医师资格", "吊销执业医师资格"),                                                # 003
    ("决不能含含糊糊、是是而非", "决不能含含糊糊、似是而非"),                                # 000
    ("已经到了九七年中斯的水平", "已经到了九七年中期的水平"),                                # 002
    ("要开展b超孕检", "要开展B超孕检"),                                                      # 001
])
def test_reviewed_slips_are_corrected(wrong, right):
    text = ADDRESS + wrong + "。\n"
    assert paragraphs(page(text))[1] == right + "。"
    assert changes(text, "slip")


@pytest.mark.parametrize("source, expected", [
    ("同志们:", "同志们："),                                                   # 002/004
    ("人口自然增长率稳定在4.5‰左右, 分别比全国平均水平低2.5个千分点。",       # 001 line 8
     "人口自然增长率稳定在4.5‰左右，分别比全国平均水平低2.5个千分点。"),
    ("我市出生人口性别比仍然在100:125左右。", "我市出生人口性别比仍然在100:125左右。"),  # 002
    ("现了由管理型向服务型转变;三是育龄群众维权意识增强,实行计划生育的自觉性提高!",
     "现了由管理型向服务型转变；三是育龄群众维权意识增强，实行计划生育的自觉性提高！"),
    ("各乡镇(场、区)和县直机关单位(2011年5月11日)。", "各乡镇（场、区）和县直机关单位（2011年5月11日）。"),
    ('要把"大人口"理念和"一票否决"落到实处。', "要把“大人口”理念和“一票否决”落到实处。"),
    ("推动ＡＢ发展新跨越，符合率为98％。", "推动AB发展新跨越，符合率为98%。"),  # 001 / 000 (not ＸＸ)
    ("产生1+1>2的效应，推行Windows XP, Office 2010等软件。",
     "产生1+1>2的效应，推行Windows XP, Office 2010等软件。"),
])
def test_punctuation_is_made_full_width_in_chinese_text(source, expected):
    assert paragraphs(page(ADDRESS + source + "\n"))[1] == expected


@pytest.mark.parametrize("source, expected", [
    ("同志们，刚才 胡爱武主任、黄萍所长作了讲座。", "同志们，刚才胡爱武主任、黄萍所长作了讲座。"),  # 000
    ("部署“十一五” 期间人口计生工作任务。", "部署“十一五”期间人口计生工作任务。"),          # 001
    ("第二年还没有改变落后面貌的要给予 “一票否决”。", "第二年还没有改变落后面貌的要给予“一票否决”。"),
    ("全县共出生 1450 人，人口出生率为 8.4‰。", "全县共出生1450人，人口出生率为8.4‰。"),
    ("推广 PIS 系统。", "推广 PIS 系统。"),                                                # ASCII word
])
def test_spaces_inside_chinese_text_are_removed(source, expected):
    assert paragraphs(page(ADDRESS + source + "\n"))[1] == expected


def test_placeholders_follow_the_convention_and_markdown_marks_are_escaped():
    text = ADDRESS + "部署**年工作任务，××同志、20xx年的目标，按1~2个标准。\n"
    assert paragraphs(page(text))[1] == "部署××年工作任务，×××同志、××年的目标，按1\\~2个标准。"
    assert changes(text, "placeholder") == [(2, "**", "××"), (2, "××", "×××"), (2, "20xx", "××")]


# --- stage directions and headings ----------------------------------------------------------------


@pytest.mark.parametrize("source, expected", [
    ("让我们以热烈的掌声感谢贺主任的精彩讲课！（掌声）",                       # seed 000 line 11
     '让我们以热烈的掌声感谢贺主任的精彩讲课！<span class="stage">（掌声）</span>'),
    ("谢谢大家！(热烈鼓掌)", '谢谢大家！<span class="stage">（热烈鼓掌）</span>'),
    ("大家都笑了（笑声），这是实话。", '大家都笑了<span class="stage">（笑声）</span>，这是实话。'),
])
def test_stage_directions_are_marked(source, expected):
    assert paragraphs(page(ADDRESS + source + "\n"))[1] == expected


def test_numbered_headings_become_markdown_headings():
    # seed 000 lines 45-52 and 71-73
    text = ADDRESS + ("一、总结成绩，认清形势，坚定工作信心\n**年，全县人口计生工作保障更加有力。\n"
                      "（一）坚持稳中求进，切实稳定低生育水平。虽然国家计生委与卫生部合并，但计生基本国策不变。\n"
                      "1、要认真学习。认真听讲，仔细记笔记，虚心学知识，为\n今后工作打下良好基础。\n"
                      "2、要遵守纪律。\n")
    assert paragraphs(page(text))[1:] == [
        "## 一、总结成绩，认清形势，坚定工作信心",
        "××年，全县人口计生工作保障更加有力。",
        "### （一）坚持稳中求进，切实稳定低生育水平",
        "虽然国家计生委与卫生部合并，但计生基本国策不变。",
        "#### 1、要认真学习",
        "认真听讲，仔细记笔记，虚心学知识，为今后工作打下良好基础。",
        "#### 2、要遵守纪律",
    ]


def test_heading_run_into_its_text_is_split():
    # seed 000 line 34 (sentence) and seed 001 line 42 (space)
    text = ADDRESS + ("一、关注过程，狠抓落实。领导重视不能讲在嘴上，要做到心中有目标。\n"
                      "二、强化措施，确保人口和计划生育工作目标任务圆满完成 "
                      "当前，我市人口和计划生育工作已经进入统筹解决人口问题的新阶段，各地务必进一步加强领导。\n")
    assert paragraphs(page(text))[1:] == [
        "## 一、关注过程，狠抓落实",
        "领导重视不能讲在嘴上，要做到心中有目标。",
        "## 二、强化措施，确保人口和计划生育工作目标任务圆满完成",
        "当前，我市人口和计划生育工作已经进入统筹解决人口问题的新阶段，各地务必进一步加强领导。",
    ]


def test_run_in_forms_stay_in_their_paragraphs():
    # seed 000 lines 14 and 97
    text = ADDRESS + ("一是提高认识，传达和部署要到位。首先，会后要及时传达。\n"
                      "第一句话，计生工作时刻不能放松。最近几年，我区的人口计生工作搞得不错。\n")
    assert paragraphs(page(text))[1:] == ["一是提高认识，传达和部署要到位。首先，会后要及时传达。",
                                          "第一句话，计生工作时刻不能放松。最近几年，我区的人口计生工作搞得不错。"]


def test_a_number_frame_line_before_run_in_items_is_a_heading():
    # seed 003 lines 6-7
    text = ADDRESS + "一个三，就是要深化三点认识\n一是要认识到人口计生工作责任重大，只能加强、不能削弱。\n"
    assert paragraphs(page(text))[1:] == ["## 一个三，就是要深化三点认识",
                                          "一是要认识到人口计生工作责任重大，只能加强、不能削弱。"]


def test_a_numbered_paragraph_too_long_for_a_heading_stays_a_paragraph_with_a_warning():
    # seed 002 line 29: the heading runs into the text without a mark between them
    line = ("一、明确任务，切实履行计生技术服务机构四项基本职能根据市上有关文件规定，新时期乡镇街道"
            "计生技术服务站基本职能有4项计24个子项：")
    result = import_text(ADDRESS + line + "\n")
    assert paragraphs(result.pages[0].text)[1] == line
    assert any("带序号的段落太长，不作标题" in message for _, message in result.report.warnings)


# --- editor's notes -------------------------------------------------------------------------------


def test_numbering_that_jumps_gets_a_note():
    # seed 001 lines 73-78: （三） comes first, then （二） twice
    text = ADDRESS + ("成绩来之不易。\n（三）持续夯实基础。计划生育工作过去被称作“天下第一难”。\n"
                      "（二）要贴近群众。计划生育服务的对象是群众。\n（三）要强化保障。一是强化组织保障。\n")
    note = '<span class="editor-note">编者注：原文此处序号不相衔接，其前或有缺漏。</span>'
    assert paragraphs(page(text))[1:] == [
        "成绩来之不易。", note, "### （三）持续夯实基础", "计划生育工作过去被称作“天下第一难”。",
        note, "### （二）要贴近群众", "计划生育服务的对象是群众。", "### （三）要强化保障",
        "一是强化组织保障。",
    ]


def test_omitted_agenda_items_and_empty_quotes_are_noted():
    # seed 000 lines 25-26, seed 002 line 107
    text = ADDRESS + ("下面进行会议第一项议程，请市人口计生委主任通报情况。\n………………\n"
                      "认真总结20xx年及“”以来卫生计生工作。\n")
    assert paragraphs(page(text))[1:] == [
        "下面进行会议第一项议程，请市人口计生委主任通报情况。",
        '<span class="editor-note">编者注：原文此处从略。</span>',
        '认真总结××年及“<span class="editor-note">编者注：原文引号内文字缺失</span>”以来卫生计生工作。',
    ]


def test_paragraph_cut_off_before_a_heading_is_noted():
    text = ADDRESS + "下面，我讲两点意见。\n一、统一思想\n要统一思想，提高\n二、狠抓落实\n要狠抓落实。\n"
    assert paragraphs(page(text))[3:5] == [
        "要统一思想，提高", '<span class="editor-note">编者注：原文此处残缺，下文接续处不明。</span>']


def test_announced_parts_that_are_missing_are_noted():
    # seed 001 speech 5: 我再讲三点意见 and the text stops after 二、
    text = ADDRESS + "下面，我再讲三点意见：\n一、提高认识\n要提高认识。\n二、狠抓落实\n要狠抓落实。\n"
    assert paragraphs(page(text))[-1] == (
        '<span class="editor-note">编者注：讲话开头称讲三点意见，原文只存两点，以下内容缺失。</span>')


def test_a_complete_speech_gets_no_note():
    text = ADDRESS + "下面，我讲两点意见。\n一、提高认识\n要提高认识。\n二、狠抓落实\n要狠抓落实。\n散会\n"
    assert "editor-note" not in body(page(text))


def test_stage_direction_on_a_line_of_its_own_joins_the_paragraph_before():
    text = ADDRESS + "让我们以热烈的掌声感谢贺主任的精彩讲课！\n（掌声）\n这次讲座到此结束，散会！\n"
    assert paragraphs(page(text))[1:] == [
        '让我们以热烈的掌声感谢贺主任的精彩讲课！<span class="stage">（掌声）</span>',
        "这次讲座到此结束，散会！"]
    # The report shows the text a reader sees, never the placeholders used inside the importer.
    assert changes(text, "join") == [
        (3, "声感谢贺主任的精彩讲课！\n（掌声）", "声感谢贺主任的精彩讲课！（掌声）")]


def test_a_page_with_a_level_one_heading_takes_it_as_its_title():
    text = "---\nkind: exemplar\n---\n\n# 在全县推进会上的讲话\n\n同志们：\n\n今天开会。\n"
    result = import_text(text, name="page.md")
    assert result.pages[0].meta["title"] == "在全县推进会上的讲话"
    assert paragraphs(result.pages[0].text) == ["同志们：", "今天开会。"]


def test_two_announced_parts_written_with_liang_are_counted():
    text = ADDRESS + "下面，我讲两点意见。\n一、提高认识\n要提高认识。\n"
    assert paragraphs(page(text))[-1] == (
        '<span class="editor-note">编者注：讲话开头称讲两点意见，原文只存一点，以下内容缺失。</span>')
