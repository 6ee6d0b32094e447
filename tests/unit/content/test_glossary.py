"""The phrase glossary: loading, validation errors with file:line, unused entries, and the real data."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import ROOT
from speechlib.content.glossary import Entry, GlossaryError, load_glossary, unused_entries
from speechlib.page.paragraphs import MarkdownReader
from speechlib.text import normalize

SEEDS = ROOT.parent / "shared" / "seeds"
GLOSSARY = ROOT / "data" / "phrases.yml"

HEADER = """\
categories:
  - {name: 组织保障, description: 领导责任。}
  - {name: 结束语, description: 会议收尾。}
phrases:
"""


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "data" / "phrases.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + textwrap.dedent(body), encoding="utf-8")
    return path


def load(tmp_path: Path, body: str):
    return load_glossary(write(tmp_path, body), tmp_path)


# --- loading -------------------------------------------------------------------------------------


def test_entries_keep_order_fields_and_lines(tmp_path):
    glossary = load(
        tmp_path,
        """\
          - text: 亲自抓、负总责
            variants: [亲自抓，负总责]
            category: 组织保障
            note: 用于强调党政主要领导的第一责任。
          - {text: 散会, category: 结束语, note: 最后一句。}
        """,
    )
    assert [c.name for c in glossary.categories] == ["组织保障", "结束语"]
    assert glossary.entries == [
        Entry("亲自抓、负总责", ("亲自抓，负总责",), "组织保障", "用于强调党政主要领导的第一责任。", 5),
        Entry("散会", (), "结束语", "最后一句。", 9),
    ]
    assert glossary.entries[0].forms == ("亲自抓、负总责", "亲自抓，负总责")
    assert [e.text for e in glossary.in_category("结束语")] == ["散会"]
    assert glossary.form_index()[normalize("亲自抓，负总责")].text == "亲自抓、负总责"


def test_markup_characters_are_plain_text(tmp_path):
    glossary = load(
        tmp_path,
        """\
          - {text: "<b>&amp; *重点* _x_ [1] `y`", category: 结束语, note: 只是文字。}
        """,
    )
    assert glossary.entries[0].text == "<b>&amp; *重点* _x_ [1] `y`"


# --- errors --------------------------------------------------------------------------------------

ERRORS = [
    pytest.param(
        """\
          - {text: 散会, category: 结束语, note: 一。}
          - {text: 散会, category: 结束语, note: 二。}
        """,
        'data/phrases.yml:6: 「散会」与第 5 行的条目重复；保留一条',
        id="duplicate",
    ),
    pytest.param(
        """\
          - {text: 亲自抓，负总责, category: 组织保障, note: 一。}
          - {text: "亲自抓, 负总责", category: 组织保障, note: 二。}
        """,
        'data/phrases.yml:6: 「亲自抓, 负总责」与第 5 行的条目重复；保留一条',
        id="duplicate-after-normalizing",
    ),
    pytest.param(
        """\
          - {text: 亲自抓、负总责, variants: [亲自抓负总责], category: 组织保障, note: 一。}
          - {text: 亲自抓负总责, category: 组织保障, note: 二。}
        """,
        'data/phrases.yml:6: 「亲自抓负总责」已是「亲自抓、负总责」（第 5 行）的变体；保留一条',
        id="text-is-earlier-variant",
    ),
    pytest.param(
        """\
          - {text: 一把手, category: 组织保障, note: 一。}
          - {text: 党政一把手, variants: [一把手], category: 组织保障, note: 二。}
        """,
        'data/phrases.yml:6: 变体「一把手」是第 5 行条目的正文；变体不能是另一条目的正文',
        id="variant-is-other-text",
    ),
    pytest.param(
        """\
          - {text: 散会, variants: [散会], category: 结束语, note: 一。}
        """,
        'data/phrases.yml:5: 变体「散会」与本条的「散会」重复；删去其一',
        id="variant-repeats-text",
    ),
    pytest.param(
        """\
          - {text: 散会, category: 开场, note: 一。}
        """,
        'data/phrases.yml:5: 未知的类别“开场”；请用 组织保障、结束语 之一，或在 categories 下添加',
        id="unknown-category",
    ),
    pytest.param(
        """\
          - {text: "  ", category: 结束语, note: 一。}
        """,
        'data/phrases.yml:5: 「phrases」第 1 项的「text」应为非空的文字',
        id="empty-text",
    ),
    pytest.param(
        """\
          - text: 散会
            category: 结束语
        """,
        'data/phrases.yml:5: 「phrases」第 1 项缺少键「note」，请补上',
        id="missing-note",
    ),
    pytest.param(
        """\
          - {text: 散会, category: 结束语, note: ""}
        """,
        'data/phrases.yml:5: 「phrases」第 1 项的「note」应为非空的文字',
        id="empty-note",
    ),
    pytest.param(
        """\
          - {text: 以…为抓手, category: 组织保障, note: 一。}
        """,
        'data/phrases.yml:5: 「phrases」第 1 项的「text」：「以…为抓手」含省略号；固定表述只能是字面字符串，请只写固定的部分（例如写“为抓手”，不写“以…为抓手”）',
        id="slot-pattern",
    ),
    pytest.param(
        """\
          - {text: 散会, category: 结束语, notes: 一。}
        """,
        'data/phrases.yml:5: 「phrases」第 1 项缺少键「note」，请补上\ndata/phrases.yml:5: 未知的键「notes」：请检查拼写，或删去该键',
        id="unknown-key",
    ),
    pytest.param(
        """\
          - {text: 散会, category: 结束语, note: 一。
          - {text: 现在开会, category: 结束语, note: 二。}
        """,
        'data/phrases.yml:5: YAML 格式有误：花括号没有闭合',
        id="malformed",
    ),
]


@pytest.mark.parametrize("body, message", ERRORS)
def test_errors_name_file_and_line(tmp_path, body, message):
    with pytest.raises(GlossaryError) as info:
        load(tmp_path, body)
    assert str(info.value).startswith(message)


def test_error_is_a_value_error(tmp_path):
    assert issubclass(GlossaryError, ValueError)
    with pytest.raises(ValueError):
        load_glossary(tmp_path / "missing.yml", tmp_path)


def test_duplicate_category_and_missing_section(tmp_path):
    path = tmp_path / "phrases.yml"
    path.write_text(
        "categories:\n  - {name: 甲, description: 一。}\n  - {name: 甲, description: 二。}\nphrases: []\n"
    )
    with pytest.raises(GlossaryError, match=r"^phrases.yml:3: 名称“甲”已在第 2 行定义；删去或改名其中一个$"):
        load_glossary(path, tmp_path)
    path.write_text("categories:\n  - {name: 甲, description: 一。}\n")
    with pytest.raises(GlossaryError, match=r"^phrases.yml:1: 缺少键「phrases」，请补上$"):
        load_glossary(path, tmp_path)


# --- unused entries ------------------------------------------------------------------------------


def test_unused_entries(tmp_path):
    glossary = load(
        tmp_path,
        """\
          - {text: 亲自抓、负总责, variants: [亲自抓负总责], category: 组织保障, note: 一。}
          - {text: 散会, category: 结束语, note: 二。}
          - {text: 今天的会议到此结束, category: 结束语, note: 三。}
        """,
    )
    paragraphs = [
        "坚持一把手亲自抓负总责。",  # found through its variant
        "今天的会议",  # a phrase split over two paragraphs does not count
        "到此结束。",
    ]
    assert [e.text for e in unused_entries(glossary, paragraphs)] == ["散会", "今天的会议到此结束"]
    assert unused_entries(glossary, ["散　会。今天的会议到此结束。亲自抓、负总责"]) == []


# --- the real glossary ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(GLOSSARY, ROOT)


def test_real_glossary_size_and_categories(glossary):
    assert len(glossary.entries) >= 150
    names = [c.name for c in glossary.categories]
    assert names[:3] == ["开场与称谓", "欢迎与致谢", "承启过渡"]
    assert names[-2:] == ["结束语", "数字概括"]
    for name in names:
        assert glossary.in_category(name), f"category {name} has no entries"
    for entry in glossary.entries:
        assert len(entry.note) >= 8, f"data/phrases.yml:{entry.line}: note too short"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts not available")
def test_every_form_occurs_in_the_seed_texts(glossary):
    seeds = "\x00".join(normalize(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt")))
    missing = [
        f"data/phrases.yml:{entry.line}: 「{form}」"
        for entry in glossary.entries
        for form in entry.forms
        if normalize(form) not in seeds
    ]
    # Issue 11: the glossary also admits current wording attested in the exemplars or templates, and
    # normative spellings of seed forms (作报告, 振动, 失之于宽, 硬账硬结, 为民务实清廉).
    assert [m.split(" ", 1)[1] for m in missing] == [
        "「将手机关闭或调为振动」", "「作了一个很好的报告」",
        "「失之于软、失之于宽」", "「失之于宽、失之于软」",
        "「硬账硬结」", "「为民务实清廉」", "「挂图作战」", "「倒排工期」",
        "「对账销号」", "「以会议落实会议」", "「以文件落实文件」", "「高质量发展」",
        "「政治站位」", "「比学赶超」", "「争先进位」", "「举一反三」",
        "「以点带面」", "「靠前指挥」", "「具体抓、抓具体」", "「任务清单」",
        "「责任清单」", "「说到做到」", "「再接再厉」", "「戒骄戒躁」",
    ]


def _page_paragraphs() -> list[str]:
    pages = sorted(ROOT.glob("docs/*/exemplars/*.md")) + sorted(ROOT.glob("docs/*/templates/*.md"))
    # Headings are not <p> elements: the phrase index does not count them.
    reader = MarkdownReader(ROOT / "mkdocs.yml")
    return [p for page in pages for p in reader.texts(page.read_text(encoding="utf-8"), headings=False)]


def test_every_entry_occurs_in_the_pages(glossary):
    unused = unused_entries(glossary, _page_paragraphs())
    assert [f"data/phrases.yml:{e.line}: 「{e.text}」" for e in unused] == []


def test_a_term_without_its_definition_names_the_file_and_line(tmp_path):
    path = tmp_path / "terms.yml"
    path.write_text(
        "topics:\n  - {name: 人口, description: 说明。}\ncategories:\n  - {name: 政策, description: 说明。}\n"
        "terms:\n  - text: 社会抚养费\n    topic: 人口\n    category: 政策\n    period: 2002–2021\n    note: 说明。\n",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError) as err:
        load_glossary(path, tmp_path, kind="terms")
    assert str(err.value) == "terms.yml:6: 「terms」第 1 项缺少键「definition」，请补上"
