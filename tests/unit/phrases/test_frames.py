"""Number frames and their members, on real sentences from the seed speeches."""

from __future__ import annotations

import pytest

from speechlib.phrases.frames import Frame, find_frames, frame_members, frames_with_members
from speechlib.text import numeral_value


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # seed 000, third speech
            "各级政府也多次强调坚持计生基本国策、坚持党政一把手负总责、坚持一票否决制度“三不变”，"
            "稳定低生育水平仍是人口计生工作的首要任务。",
            [("三不变", 3)],
        ),
        (  # seed 001, first speech: unquoted frames that run up to punctuation
            "着力强化四个意识、推进四个转变、实施五大工程、开展四项改革，逐步完善城乡计划生育管理体制",
            [("四个意识", 4), ("四个转变", 4), ("五大工程", 5), ("四项改革", 4)],
        ),
        (  # seed 002, fifth speech: one quotation, two frames
            "近年来，人口计生工作面临着政策变化和机构改革的重大变化，但“三个不变、四个到位”的总体要求始终不变。",
            [("三个不变", 3), ("四个到位", 4)],
        ),
        (
            "今天会议有三项议程：一是请市人口计生委主要负责同志通报分析全市人口和计划生育工作情况；",
            [("三项议程", 3)],
        ),
        ("最后，关于人口计生工作，我讲三句话：", [("三句话", 3)]),
        (
            "逐步完善城乡管理，严格执行“七不准”、“十禁止”规定，逐步规范计生队伍执法行为。",
            [("七不准", 7), ("十禁止", 10)],
        ),
        ("人口和计划生育工作必须坚持“四个不动摇”，即坚持计划生育基本国策", [("四个不动摇", 4)]),
        ("2025年，全市人口和计生工作要围绕“一个目标”，即巩固xx市先进县市的地位；", [("一个目标", 1)]),
        ("实现人口计生工作思路和方法的“两个转变”。", [("两个转变", 2)]),
        ("坚持“双突出”。", [("双突出", 2)]),
        ("二个三，就是要突出三项重点", [("三项重点", 3)]),  # 二个三 is a member label, not a frame
        # frames whose members are in their own name: no single count
        (
            "按照“四优一满意”（环境优美、管理优秀、技术优良、服务优质、群众满意）的要求",
            [("四优一满意", None)],
        ),
        ("和“一证二合同三承诺”的流动人口服务管理体系建设", [("一证二合同三承诺", None)]),
        ("以正在开展的“两学一做”学习教育为契机", [("两学一做", None)]),
    ],
)
def test_find_frames(text, expected):
    frames = find_frames(text)
    assert [(f.text, f.count) for f in frames] == expected
    for frame in frames:
        assert text[frame.start : frame.end] == frame.text


@pytest.mark.parametrize(
    "text",
    [
        "主要目的是总结“十五”期间人口计生工作经验，部署“十一五” 期间人口计生工作任务",  # plan periods
        "坚持“一票否决”制度，建立健全了目标明确、责任落实的责任追究机制",
        "流动人口服务管理“一盘棋”示范县、诚信计生示范县创建获得命名",
        "在促进优生优育、宣传教育和今年省市提出的“三晋康家”工程等方面想更多的办法",  # a place name
        "在考核前的最后三个月里，一举改变落后的局面。",  # a duration
        "十八大指出：坚持计划生育的基本国策不动摇",  # a party congress
        "现在进行会议第三项议程，请市委常委、市委书记作重要讲话。",  # an ordinal
        "比如，县四大家主要负责人，分管计生工作的负责人",  # 四大家主要负责人 is too long to be a frame noun
        "受“双独”家庭进入婚育高峰期的影响",
    ],
)
def test_not_frames(text):
    assert find_frames(text) == []


def test_numeral_values():
    assert [numeral_value(n) for n in ["一", "两", "双", "九", "十", "十一", "二十", "三十五", "百"]] == [
        1,
        2,
        2,
        9,
        10,
        11,
        20,
        35,
        None,
    ]


def members(paragraphs, frame_text):
    (frame,) = [f for f in find_frames(paragraphs[0]) if f.text == frame_text]
    return frame_members(paragraphs, frame)


MEMBER_CASES = [
    pytest.param(
        [
            "各级政府也多次强调坚持计生基本国策、坚持党政一把手负总责、坚持一票否决制度“三不变”，"
            "稳定低生育水平仍是人口计生工作的首要任务。"
        ],
        "三不变",
        ["坚持计生基本国策", "坚持党政一把手负总责", "坚持一票否决制度"],
        id="preceding-list-shared-prefix",
    ),
    pytest.param(
        [
            "虽然国家计生委与卫生部合并，但计生基本国策、党政一把手负总责、一票否决制度的“三不变”的政策和机制必须继续坚持。"
        ],
        "三不变",
        ["计生基本国策", "党政一把手负总责", "一票否决制度"],
        id="preceding-list-after-conjunction",
    ),
    pytest.param(
        [
            "以稳定低生育水平、提高人口素质为核心，以创建市级基层基础示范县为载体，以两稳定（即稳定国策，稳定队伍）、"
            "两突出（即突出基层基础工作，突出流动人口管理）、两提升（即提升计生服务水平，提升依法行政水平）、"
            "两到位（即资源统筹到位，利益导向到位）、两从严（从严考核，从严纪律）这“五个二”的工作举措为抓手，"
            "全面完成人口计生控制指标及重点工作任务。"
        ],
        "五个二",
        [
            "两稳定（即稳定国策，稳定队伍）",
            "两突出（即突出基层基础工作，突出流动人口管理）",
            "两提升（即提升计生服务水平，提升依法行政水平）",
            "两到位（即资源统筹到位，利益导向到位）",
            "两从严（从严考核，从严纪律）",
        ],
        id="five-twos",
    ),
    pytest.param(
        ["严格按照程序、标准、票据、结案、管理“五统一”的要求，严守工作纪律，依法依规征收社会抚养费。"],
        "五统一",
        ["程序", "标准", "票据", "结案", "管理"],
        id="preceding-list-equal-length",
    ),
    pytest.param(
        ["不断完善“三线三管”责任机制和一访、二送、三跟踪、四建档、五反馈“五步”工作服务模式。"],
        "五步",
        ["一访", "二送", "三跟踪", "四建档", "五反馈"],
        id="preceding-list-numbered",
    ),
    pytest.param(
        [
            "今天会议有三项议程：一是请市人口计生委主要负责同志通报分析全市人口和计划生育工作情况；"
            "二是请——个乡镇的主要负责同志发言；三是请市委书记作重要讲话。",
            "下面进行会议第一项议程，请市人口计生委党组书记、主任同志通报分析今年全市人口和计划生育工作情况。",
        ],
        "三项议程",
        [
            "请市人口计生委主要负责同志通报分析全市人口和计划生育工作情况",
            "请——个乡镇的主要负责同志发言",
            "请市委书记作重要讲话",
        ],
        id="yi-shi-er-shi",
    ),
    pytest.param(
        [
            "刚才，副区长张秀珍同志做了一个很好的报告，我完全同意。最后，关于人口计生工作，我讲三句话：",
            "第一句话，计生工作时刻不能放松。最近几年，我区的人口计生工作搞得不错，不但摘掉了落后帽子。",
            "我们必须时刻绷紧弦、握紧拳，不自满、不懈怠。",
            "第二句话，要转变人口计生工作观念。过去，人们常说，计划生育是天下第一难事。",
            "第三句话，要加强计生队伍建设。这几年，在计生队伍建设上，我们想了不少办法。",
        ],
        "三句话",
        ["计生工作时刻不能放松", "要转变人口计生工作观念", "要加强计生队伍建设"],
        id="di-yi-ju-hua-across-paragraphs",
    ),
    pytest.param(
        [
            "当前，我们面临的严峻形势主要来自三个方面。",
            "一是违法生育大幅反弹的严峻形势。近几年来，由于大气候的影响，政策外生育出生大幅反弹。",
            "二是出生人口性别比居高不下的严峻形势。出生人口性别比居高不下是另一个突出问题。",
            "三是对计划生育工作认识滑坡的严峻形势。面对复杂严峻的形势，一部分地方的认识出现了滑坡。",
        ],
        "三个方面",
        [
            "违法生育大幅反弹的严峻形势",
            "出生人口性别比居高不下的严峻形势",
            "对计划生育工作认识滑坡的严峻形势",
        ],
        id="frame-ends-paragraph",
    ),
    pytest.param(
        [
            "下面，我就如何贯彻落实好本次会议精神，再简要强调“四个三”的想法，供同志们参考：",
            "一个三，就是要深化三点认识",
            "一是要认识到人口计生工作责任重大，只能加强、不能削弱。",
            "二个三，就是要突出三项重点",
            "一是要抓包保，强监管。",
            "三个三，就是要夯实三大基础",
            "一是要加强数据平台建设。",
            "四个三，就是要落实三个责任",
            "一是要落实好党政领导责任。",
        ],
        "四个三",
        ["就是要深化三点认识", "就是要突出三项重点", "就是要夯实三大基础", "就是要落实三个责任"],
        id="four-threes",
    ),
    pytest.param(
        [
            "人口和计划生育工作必须坚持“四个不动摇”，即坚持计划生育基本国策和稳定现行生育政策不动摇，"
            "坚持党政一把手亲自抓、负总责不动摇，坚持稳定人口和计划生育机构、队伍不动摇，"
            "坚持创新人口和计划生育工作体制、机制、手段和方法不动摇。全市上下要认真贯彻中央和省委《决定》精神。"
        ],
        "四个不动摇",
        [
            "坚持计划生育基本国策和稳定现行生育政策不动摇",
            "坚持党政一把手亲自抓、负总责不动摇",
            "坚持稳定人口和计划生育机构、队伍不动摇",
            "坚持创新人口和计划生育工作体制、机制、手段和方法不动摇",
        ],
        id="ji-comma-list",
    ),
    pytest.param(
        [
            "特别是在本次计划生育集中服务活动中要做到“四个必须”，必须高度重视，轻视不得；必须明确重点，马虎不得；"
            "必须实事求是，作假不得；必须确保完成，拖欠不得。同时，要认真落实目标管理责任制。"
        ],
        "四个必须",
        [
            "必须高度重视，轻视不得",
            "必须明确重点，马虎不得",
            "必须实事求是，作假不得",
            "必须确保完成，拖欠不得",
        ],
        id="semicolon-list",
    ),
    pytest.param(
        [
            "要把“求真务实”贯穿于人口计生工作的全过程，着力做到“五个体现”：即体现在平时工作的一点一滴上；"
            "体现在兑现奖惩“一票否决”的动真碰硬上；体现在各类数字报准报实上；体现在执行政策的公平公正上；"
            "体现在目标责任的全面落实上。"
        ],
        "五个体现",
        [
            "体现在平时工作的一点一滴上",
            "体现在兑现奖惩“一票否决”的动真碰硬上",
            "体现在各类数字报准报实上",
            "体现在执行政策的公平公正上",
            "体现在目标责任的全面落实上",
        ],
        id="colon-list",
    ),
    pytest.param(
        [
            "在具备条件的地方，按照“五个一”（一个药具包、一张检查床、一套宣传资料、一套桌椅、一套水杯水瓶）的要求，"
            "建立和完善村级服务室。"
        ],
        "五个一",
        ["一个药具包", "一张检查床", "一套宣传资料", "一套桌椅", "一套水杯水瓶"],
        id="parenthesis",
    ),
]

SLOGAN_LINE = (
    "2025年，全市人口和计生工作要围绕“一个目标”，即巩固xx市先进县市的地位；突出“两个重点”，"
    "即稳定低生育水平和降低出生人口性别比；坚持“三为主”方针，即宣传教育为主，避孕节育为主，经常性工作为主；"
    "加大“四项工作”力度，即流动人口管理、综合治理性别比、社区网络建设、技术服务。"
)
MEMBER_CASES += [
    pytest.param(
        [
            "会议共三项议程，下面进行第一项，请区政府副区长张秀珍同志做工作报告。",
            "会议第二项，请区委副书记刘向东同志宣读区政府《关于表彰2024全区人口和计划生育工作先进单位和个人的决定》",
            "会议第三项，组织颁奖，分两组进行。",
        ],
        "三项议程",
        [
            "请区政府副区长张秀珍同志做工作报告",
            "请区委副书记刘向东同志宣读区政府《关于表彰2024全区人口和计划生育工作先进单位和个人的决定》",
            "组织颁奖，分两组进行",
        ],
        id="di-yi-xiang-opening-paragraphs",
    ),
    pytest.param([SLOGAN_LINE], "一个目标", ["巩固xx市先进县市的地位"], id="one-goal"),
    pytest.param([SLOGAN_LINE], "两个重点", ["稳定低生育水平", "降低出生人口性别比"], id="he-pair"),
    pytest.param(
        [SLOGAN_LINE], "三为主", ["宣传教育为主", "避孕节育为主", "经常性工作为主"], id="comma-list"
    ),
    pytest.param(
        [SLOGAN_LINE],
        "四项工作",
        ["流动人口管理", "综合治理性别比", "社区网络建设", "技术服务"],
        id="enumeration-list",
    ),
]


@pytest.mark.parametrize("paragraphs, frame_text, expected", MEMBER_CASES)
def test_frame_members(paragraphs, frame_text, expected):
    assert members(paragraphs, frame_text) == expected


@pytest.mark.parametrize(
    "paragraphs, frame_text",
    [
        pytest.param(
            [
                "强化失独家庭的保障力度，进一步深化“三留守”关爱工作，提高计生家庭生产生活水平。",
                "（一）加强组织领导。进一步完善“三个一”的领导机制。",
                "（二）营造宣传氛围。以宣传贯彻为重点。",
                "（三）严格目标管理。精心组织开展专项督查。",
            ],
            "三留守",
            id="frame-mid-paragraph-does-not-announce-next-paragraphs",
        ),
        pytest.param(
            ["紧紧围绕孕育与保健两大核心任务，依托信息化平台和新型技术手段，以咨询指导为抓手。"],
            "两大核心任务",
            id="bare-comma-is-no-list",
        ),
        pytest.param(
            ["坚持做到免费技术服务、政策宣传、婚检孕检、健康查体、优惠政策落实及便民服务“六到位”。"],
            "六到位",
            id="five-items-for-six",
        ),
        pytest.param(["我县今年要争创“三不变”。"], "三不变", id="nothing-spelled-out"),
        pytest.param(
            ["全年工作要围绕“一个目标”，突出“两个重点”，坚持“三为主”方针，加大“四项工作”力度。"],
            "一个目标",
            id="bare-comma-is-not-a-one-item-list",
        ),
        pytest.param(
            [
                "会议共三项议程，下面进行第一项，请［分管领导职务］同志作工作报告。",
                "会议第二项，请［领导职务］同志宣读［文件名称］。",
                "下面进行会议第三项议程，签订目标管理责任书。",
                "最后，我讲三句话：第一句话，思想上时刻不能放松；第二句话，工作上要转变观念；第三句话，队伍上要加强建设。",
            ],
            "三项议程",
            id="ordinal-word-must-match",
        ),
        pytest.param(
            [
                "今天会议有三项议程：一是请县计生局通报情况；二是请乡镇发言。",
                "刚才，各乡镇作了发言。",
                "我再强调几点：一是要提高认识，三是要狠抓落实。",
            ],
            "三项议程",
            id="later-marker-must-open-its-paragraph",
        ),
    ],
)
def test_no_members(paragraphs, frame_text):
    assert members(paragraphs, frame_text) == []


def test_frame_members_needs_a_count():
    assert frame_members(["“四优一满意”"], Frame("四优一满意", 1, 6, None)) == []
    assert frame_members([], Frame("三不变", 0, 3, 3)) == []


def test_frames_with_members_over_a_page():
    paragraphs = [
        "为保证培训效果，我强调两点纪律：一是与会人员要将手机关闭或调为震动；二是要认真做好记录，认真领会精神。",
        "下面，让我们以热烈的掌声欢迎贺主任为我们讲课！",
    ]
    found = frames_with_members(paragraphs)
    assert [(i, f.text, m) for i, f, m in found] == [
        (0, "两点纪律", ["与会人员要将手机关闭或调为震动", "要认真做好记录，认真领会精神"]),
    ]


@pytest.mark.parametrize("text", ["严厉打击“两非”行为", "定期开展“三查”服务", "“三个代表”重要思想", "实施全面两孩政策"])
def test_abbreviations_are_not_frames(text):
    # Numbered abbreviations that name one thing are terms or names, not 数字概括 (issue 22).
    assert [f.text for f in find_frames(text)] == []


def test_phrase_glossary_files_no_abbreviation_as_a_number_frame():
    import yaml

    from speechlib.phrases.frames import NOT_FRAMES

    root = __import__("pathlib").Path(__file__).resolve().parents[3]
    glossary = yaml.safe_load((root / "data" / "phrases.yml").read_text("utf-8"))
    framed = {p["text"] for p in glossary["phrases"] if p["category"] == "数字概括"}
    assert not framed & NOT_FRAMES
