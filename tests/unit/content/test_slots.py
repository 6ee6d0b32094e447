"""Template slots (［名称］): the catalogue file, the source checker, the renderer and the hook."""

from __future__ import annotations

import textwrap
from functools import partial

import pytest

from conftest import ROOT
from speechlib.content.slots import (
    Catalog,
    Problem,
    Slot,
    SlotRef,
    catalog_table,
    check_line,
    check_source,
    parse_catalog,
    slot_pieces,
    slot_span,
    suggest,
)
from speechlib.page import html as page_html
from speechlib.text import SourceError

CATALOG = Catalog(
    tuple(
        Slot(name, "说明", "示例", i)
        for i, name in enumerate(
            ["会议名称", "主办单位", "工作领域", "领导职务", "分管领导职务", "主持人职务", "发言单位"], 1
        )
    )
)

# ---- the checker, one bad input per case, with its exact message ----------------------------

HINT = "请改用 data/slots.yml 中的名称，或在该文件中添加一条（名称、说明、示例）"

BAD_LINES = [
    (
        "unclosed",
        "请［主持人职务主持会议。",
        "填空项“［主持人职务主持会议。”没有收尾：请在同一行补上“］”，如 ［工作领域］（全角方括号）",
    ),
    (
        "unclosed-long-fragment-is-cut",
        "［工作领域工作推进会议暨现场观摩会",
        "填空项“［工作领域工作推进会议暨…”没有收尾：请在同一行补上“］”，如 ［工作领域］（全角方括号）",
    ),
    (
        "unclosed-before-next-slot",
        "［会议名称在［主办单位］召开",
        "填空项“［会议名称在”没有收尾：请在同一行补上“］”，如 ［工作领域］（全角方括号）",
    ),
    (
        "half-width-closing-bracket",
        "召开［工作领域]推进会",
        "填空项“［工作领域]推进会”没有收尾：请在同一行补上“］”，如 ［工作领域］（全角方括号）",
    ),
    (
        "empty",
        "经［］研究决定",
        "填空项 ［］ 是空的：请在方括号之间写上 data/slots.yml 中的名称，或删去这对方括号",
    ),
    (
        "blank-only",
        "经［　］研究决定",
        "填空项 ［　］ 是空的：请在方括号之间写上 data/slots.yml 中的名称，或删去这对方括号",
    ),
    (
        "blanks-inside",
        "召开［ 工作领域 ］推进会",
        "填空项 ［ 工作领域 ］ 的方括号内有空格；请写作 ［工作领域］",
    ),
    (
        "unknown-with-suggestions",
        "请［领导的职务］讲话",
        f"没有名为 ［领导的职务］ 的填空项（最接近的名称：［领导职务］、［分管领导职务］、［主持人职务］）；{HINT}",
    ),
    (
        "unknown-substring-suggestion",
        "请［职务］讲话",
        f"没有名为 ［职务］ 的填空项（最接近的名称：［领导职务］、［主持人职务］、［分管领导职务］）；{HINT}",
    ),
    ("unknown-no-suggestion", "请［县长］讲话", f"没有名为 ［县长］ 的填空项；{HINT}"),
    (
        "stray-close",
        "会议到此结束］",
        "多出一个“］”，前面没有对应的“［”；删去它，或补上“［”写成完整的填空项，如 ［工作领域］",
    ),
    # Numbered instances: one ASCII digit 1–9 after a catalogued name, nothing else.
    ("numbered-unknown-base", "请［未知名1］发言", f"没有名为 ［未知名1］ 的填空项；{HINT}"),
    (
        "numbered-unknown-base-suggests-same-number",
        "请［领导的职务2］讲话",
        f"没有名为 ［领导的职务2］ 的填空项（最接近的名称：［领导职务2］、［分管领导职务2］、［主持人职务2］）；{HINT}",
    ),
    (
        "number-zero",
        "请［发言单位0］发言",
        "填空项 ［发言单位0］ 的编号“0”不可用：同名的填空项用一位数字 1 至 9 编号，"
        "如 ［发言单位1］、［发言单位2］……",
    ),
    (
        "number-two-digits",
        "请［发言单位12］发言",
        "填空项 ［发言单位12］ 的编号“12”不可用：同名的填空项用一位数字 1 至 9 编号，"
        "如 ［发言单位1］、［发言单位2］……",
    ),
    (
        "number-leading-zero",
        "请［发言单位01］发言",
        "填空项 ［发言单位01］ 的编号“01”不可用：同名的填空项用一位数字 1 至 9 编号，"
        "如 ［发言单位1］、［发言单位2］……",
    ),
    (
        "number-full-width",
        "请［发言单位１］发言",
        "填空项 ［发言单位１］ 的编号是全角数字；请改为半角：［发言单位1］",
    ),
    (
        "number-full-width-zero",
        "请［发言单位０］发言",
        "填空项 ［发言单位０］ 的编号“０”不可用：同名的填空项用一位数字 1 至 9 编号，"
        "如 ［发言单位1］、［发言单位2］……",
    ),
    (
        "number-with-blanks",
        "请［发言单位 1］发言",
        "填空项 ［发言单位 1］ 的方括号内有空格；请写作 ［发言单位1］",
    ),
    (
        "number-before-name",
        "请［1发言单位］发言",
        f"没有名为 ［1发言单位］ 的填空项（最接近的名称：［发言单位］、［主办单位］）；{HINT}",
    ),
]


@pytest.mark.parametrize(("line", "message"), [case[1:] for case in BAD_LINES], ids=[c[0] for c in BAD_LINES])
def test_bad_slot_gives_exact_message(line, message):
    assert check_line(line, CATALOG) == [message]


@pytest.mark.parametrize(
    "line",
    [
        "同志们：",
        "经［主办单位］研究决定，召开［会议名称］。",
        "［工作领域］［工作领域］",
        "语法是 `［名称］`，空槽位写作 `［］`。",  # inline code shows the syntax itself
        "全角圆括号（一）和六角括号〔2018〕不是槽位。",
        "请［发言单位1］发言，［发言单位2］作准备。",
        "［发言单位9］［发言单位］［会议名称1］",  # numbered and un-numbered forms may sit side by side
    ],
)
def test_good_lines_pass(line):
    assert check_line(line, CATALOG) == []


@pytest.mark.parametrize(
    ("name", "base", "instance"),
    [
        ("发言单位", "发言单位", None),
        ("发言单位1", "发言单位", 1),
        ("发言单位9", "发言单位", 9),
        ("分管领导职务2", "分管领导职务", 2),
    ],
)
def test_lookup_splits_a_numbered_name(name, base, instance):
    assert CATALOG.lookup(name) == SlotRef(name, base, instance)


@pytest.mark.parametrize(
    "name", ["未知名1", "发言单位0", "发言单位12", "发言单位１", "1发言单位", "发言单位 1", ""]
)
def test_lookup_rejects_what_the_checker_rejects(name):
    assert CATALOG.lookup(name) is None
    assert check_line(f"［{name}］", CATALOG) != []


def test_every_problem_on_a_line_is_reported():
    assert check_line("［］和［县长］和］", CATALOG) == [
        "填空项 ［］ 是空的：请在方括号之间写上 data/slots.yml 中的名称，或删去这对方括号",
        f"没有名为 ［县长］ 的填空项；{HINT}",
        "多出一个“］”，前面没有对应的“［”；删去它，或补上“［”写成完整的填空项，如 ［工作领域］",
    ]


def test_line_numbers_count_front_matter_and_code_fences_are_skipped():
    source = textwrap.dedent(
        """\
        ---
        title: 推进会主持词
        kind: template
        summary: 摘要里的［不查］
        ---

        同志们：

        ```text
        代码块里的［］不查
        ```

        !!! annotation "写法说明"
            ~~~~
            缩进的代码块里的［县长］也不查
            ~~~~
            说明文字里的［县长］要查。

        经［］研究决定。
        """
    )
    assert check_source(source, CATALOG) == [
        Problem(17, f"没有名为 ［县长］ 的填空项；{HINT}"),
        Problem(
            19, "填空项 ［］ 是空的：请在方括号之间写上 data/slots.yml 中的名称，或删去这对方括号"
        ),
    ]


def test_a_page_without_front_matter_counts_from_line_one():
    assert check_source("同志们：\n\n［］\n", CATALOG) == [
        Problem(
            3, "填空项 ［］ 是空的：请在方括号之间写上 data/slots.yml 中的名称，或删去这对方括号"
        )
    ]


def test_an_unclosed_fence_hides_the_rest_only_until_it_closes():
    source = "````\n［］\n```\n［］\n````\n［］\n"  # a shorter fence does not close a longer one
    assert [p.line for p in check_source(source, CATALOG)] == [6]


def test_suggestions_are_best_first():
    assert suggest("分管领导的职务", CATALOG.names) == ["分管领导职务", "领导职务"]
    assert suggest("完全无关", CATALOG.names) == []


# ---- the catalogue file -------------------------------------------------------------------------

GOOD_FILE = """\
# comment
slots:
  - {name: 会议名称, help: 会议的完整名称, example: 全县安全生产工作推进会}
  - name: 人数
    help: 人数
    example: 120
"""

BAD_FILES = [
    (
        "yaml-syntax",
        GOOD_FILE + '  - {name: 地点, help: 会场, example: "县委\n',
        "data/slots.yml:7: YAML 格式有误：引号或括号没有成对",
    ),
    (
        "no-slots-key",
        "slot:\n  - {name: a, help: b, example: c}\n",
        'data/slots.yml:1: 未知的键「slot」：请检查拼写，或删去该键\ndata/slots.yml:1: 缺少键「slots」，请补上',
    ),
    (
        "empty-file",
        "",
        'data/slots.yml:1: 缺少键「slots」，请补上',
    ),
    (
        "slots-not-list",
        "slots:\n  name: a\n",
        'data/slots.yml:2: 「slots」应为列表（每项一行，以“- ”开头）',
    ),
    (
        "entry-not-mapping",
        GOOD_FILE + "  - 地点\n",
        'data/slots.yml:7: 「slots」第 3 项应为键值对（如 name: …）',
    ),
    (
        "missing-example",
        GOOD_FILE + "  - {name: 地点, help: 会场}\n",
        'data/slots.yml:7: 「slots」第 3 项缺少键「example」，请补上',
    ),
    (
        "unknown-key",
        GOOD_FILE + "  - {name: 地点, help: 会场, exmaple: 县委大会议室}\n",
        'data/slots.yml:7: 「slots」第 3 项缺少键「example」，请补上\ndata/slots.yml:7: 未知的键「exmaple」：请检查拼写，或删去该键',
    ),
    (
        "empty-help",
        GOOD_FILE + "  - name: 地点\n    help: ''\n    example: 县委大会议室\n",
        'data/slots.yml:8: 「slots」第 3 项的「help」应为非空的文字',
    ),
    (
        "name-with-brackets",
        GOOD_FILE + "  - {name: ［地点］, help: 会场, example: 县委大会议室}\n",
        'data/slots.yml:7: 「slots」第 3 项的「name」：槽位名称「［地点］」含空白或方括号；只写方括号之间的文字，例如 工作领域',
    ),
    (
        "duplicate",
        GOOD_FILE + "  - {name: 会议名称, help: 又一个, example: x}\n",
        'data/slots.yml:7: 槽位名称「会议名称」重复（第一次在第 3 行）；删去或改名其中一个',
    ),
    (
        "name-ends-in-digit",
        GOOD_FILE + "  - {name: 地点2, help: 第二会场, example: 县政府小会议室}\n",
        'data/slots.yml:7: 「slots」第 3 项的「name」：槽位名称「地点2」以数字结尾，会被当作编号（［发言单位1］）；请改名，例如用汉字数字',
    ),
    (
        "empty-list",
        "slots: []\n",
        'data/slots.yml:1: 「slots」不能为空，至少要有 1 项',
    ),
]


@pytest.mark.parametrize(("text", "message"), [c[1:] for c in BAD_FILES], ids=[c[0] for c in BAD_FILES])
def test_malformed_catalogue_names_the_line(text, message):
    with pytest.raises(SourceError) as exc:
        parse_catalog(text)
    assert str(exc.value) == message


def test_catalogue_keeps_order_and_turns_numbers_into_text():
    catalog = parse_catalog(GOOD_FILE)
    assert catalog.names == ("会议名称", "人数")
    assert catalog.slots[1] == Slot("人数", "人数", "120", 4)


def test_the_project_catalogue_is_valid():
    catalog = parse_catalog((ROOT / "data" / "slots.yml").read_text(encoding="utf-8"))
    assert "工作领域" in catalog and "会议名称" in catalog


def test_catalogue_table_lists_every_slot_and_escapes_pipes():
    catalog = Catalog((Slot("会议名称", "完整名称", "A|B", 1), Slot("地点", "会场", "县委大会议室", 2)))
    assert catalog_table(catalog) == (
        "| 槽位 | 填写内容 | 示例 |\n"
        "| --- | --- | --- |\n"
        "| ［会议名称］ | 完整名称 | A&#124;B |\n"
        "| ［地点］ | 会场 | 县委大会议室 |\n"
    )


# ---- rendering ----------------------------------------------------------------------------------


def render_slots(html: str, catalog: Catalog) -> str:
    """The page pipeline with only its slot step, as on a page that is not a speech."""
    steps = page_html.Steps(slot_pieces=partial(slot_pieces, catalog=catalog), anchors=False)
    return page_html.render(html, "", steps).html


def test_slots_in_text_become_spans_and_keep_their_brackets():
    html = (
        "<p>经<strong>［主办单位］</strong>研究决定，召开［会议名称］。</p>\n"
        '<h2 id="［工作领域］">关于［工作领域］</h2>\n'
        '<p><a href="x.md" title="［会议名称］">［会议名称］</a></p>\n'
        "<pre><code>［会议名称］</code></pre>\n"
        "<p><code>［会议名称］</code>［县长］</p>\n"
        "<!-- ［会议名称］ -->"
    )
    span = '<span class="slot" data-slot="{0}">［{0}］</span>'.format
    assert render_slots(html, CATALOG) == (
        f"<p>经<strong>{span('主办单位')}</strong>研究决定，召开{span('会议名称')}。</p>\n"
        f'<h2 id="［工作领域］">关于{span("工作领域")}</h2>\n'
        f'<p><a href="x.md" title="［会议名称］">{span("会议名称")}</a></p>\n'
        "<pre><code>［会议名称］</code></pre>\n"
        "<p><code>［会议名称］</code>［县长］</p>\n"
        "<!-- ［会议名称］ -->"
    )


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        (
            "［发言单位1］",
            '<span class="slot" data-slot="发言单位1" data-slot-base="发言单位">［发言单位1］</span>',
        ),
        (
            "［分管领导职务2］",
            '<span class="slot" data-slot="分管领导职务2" data-slot-base="分管领导职务">［分管领导职务2］</span>',
        ),
        ("［发言单位］", '<span class="slot" data-slot="发言单位">［发言单位］</span>'),
        # Not valid, so left as text (the checker reports them on template pages).
        ("［发言单位0］", "［发言单位0］"),
        ("［发言单位12］", "［发言单位12］"),
        ("［未知名1］", "［未知名1］"),
    ],
)
def test_numbered_slots_render_with_their_base_name(text, rendered):
    assert render_slots(f"<p>请{text}发言。</p>", CATALOG) == f"<p>请{rendered}发言。</p>"


def test_an_attribute_holding_a_greater_than_sign_is_not_text():
    html = '<p><span data-x="a>［会议名称］">b</span></p>'
    assert render_slots(html, CATALOG) == html


def test_slot_names_are_escaped():
    catalog = Catalog((Slot('A&B"<', "h", "e", 1),))
    assert (
        slot_span('A&B"<') == '<span class="slot" data-slot="A&amp;B&quot;&lt;">［A&amp;B&quot;&lt;］</span>'
    )
    # In HTML the name arrives escaped; it is decoded, looked up, and escaped once (not twice).
    assert render_slots("<p>［A&amp;B&quot;&lt;］</p>", catalog) == "<p>" + slot_span('A&B"<') + "</p>"


# ---- a real build -------------------------------------------------------------------------------

