"""Front-matter validation: every way a page can be wrong gives its path:line message."""

from __future__ import annotations

import pytest

from conftest import ROOT
from sitebuild import exemplar
from speechlib.content.dating import load_markers
from speechlib.content.model import ContentError, check_pages, load_model, normalize_date, parse_page

GOOD = exemplar()


def replace(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


# (case id, files to write, expected message prefix, expected text in the message)
BAD_INPUTS = [
    (
        "missing-field",
        {"nianduhuiyi/exemplars/a.md": replace("genre: 讲话\n", "")},
        "docs/nianduhuiyi/exemplars/a.md:2:",
        "缺少字段 genre（文种）",
    ),
    (
        "unknown-meeting-type",
        {"nianduhuiyi/exemplars/a.md": replace("meeting_type: 年度工作会议", "meeting_type: 年终会")},
        "docs/nianduhuiyi/exemplars/a.md:4:",
        "meeting_type 的值「年终会」不在词表中",
    ),
    (
        "unknown-genre",
        {"nianduhuiyi/exemplars/a.md": replace("genre: 讲话", "genre: 发言稿")},
        "docs/nianduhuiyi/exemplars/a.md:5:",
        "genre 的值「发言稿」不在词表中",
    ),
    (
        "unknown-level",
        {"nianduhuiyi/exemplars/a.md": replace("level: 县", "level: 村")},
        "docs/nianduhuiyi/exemplars/a.md:6:",
        "level 的值「村」不在词表中",
    ),
    (
        "impossible-date",
        {"nianduhuiyi/exemplars/a.md": replace("date: 2024-05-11", "date: 2024-13-01")},
        "docs/nianduhuiyi/exemplars/a.md:8:",
        "日期「2024-13-01」写法不对",
    ),
    (
        "chinese-date",
        {"nianduhuiyi/exemplars/a.md": replace("date: 2024-05-11", "date: 2024年5月")},
        "docs/nianduhuiyi/exemplars/a.md:8:",
        "日期「2024年5月」写法不对",
    ),
    (
        "placeholder-year",
        {"nianduhuiyi/exemplars/a.md": replace("date: 2024-05-11", "date: 20xx")},
        "docs/nianduhuiyi/exemplars/a.md:8:",
        "日期「20xx」写法不对",
    ),
    (
        "unknown-field",
        {"nianduhuiyi/exemplars/a.md": replace("genre: 讲话", "genre: 讲话\ngenr: 讲话")},
        "docs/nianduhuiyi/exemplars/a.md:6:",
        "未知字段 genr；是不是 genre？",
    ),
    (
        "empty-title",
        {"nianduhuiyi/exemplars/a.md": replace("title: 在全县工作会议上的讲话", "title: ''")},
        "docs/nianduhuiyi/exemplars/a.md:2:",
        "缺少字段 title",
    ),
    (
        "topics-not-list",
        {"nianduhuiyi/exemplars/a.md": replace("source: 测试", "source: 测试\ntopics: {a: 1}")},
        "docs/nianduhuiyi/exemplars/a.md:10:",
        "topics 应写成文字列表",
    ),
    (
        "kind-folder-mismatch",
        {"nianduhuiyi/exemplars/a.md": replace("kind: exemplar", "kind: template")},
        "docs/nianduhuiyi/exemplars/a.md:3:",
        "kind: template 与所在文件夹不符",
    ),
    (
        "meeting-type-folder-mismatch",
        {"tuijinhui/exemplars/a.md": GOOD},
        "docs/tuijinhui/exemplars/a.md:4:",
        "与所在文件夹 docs/tuijinhui/（推进会）不符",
    ),
    (
        "duplicate-slug",
        {"nianduhuiyi/exemplars/a.md": GOOD, "tuijinhui/exemplars/a.md": exemplar(mt="推进会")},
        "docs/tuijinhui/exemplars/a.md:1:",
        "文件名 a 已被 docs/nianduhuiyi/exemplars/a.md 使用",
    ),
    (
        "bad-file-name",
        {"nianduhuiyi/exemplars/讲话A.md": GOOD},
        "docs/nianduhuiyi/exemplars/讲话A.md:1:",
        "只能由小写英文字母、数字和连字符组成",
    ),
    (
        "broken-yaml",
        {"nianduhuiyi/exemplars/a.md": replace("speaker: 县长", 'speaker: "县长')},
        "docs/nianduhuiyi/exemplars/a.md:",
        "前言格式有误",
    ),
    (
        "yaml-list-in-mapping",
        {"nianduhuiyi/exemplars/a.md": replace("source: 测试", "source: 测试\n- 人口")},
        "docs/nianduhuiyi/exemplars/a.md:10:",
        "前言格式有误",
    ),
    (
        "no-front-matter",
        {"nianduhuiyi/exemplars/a.md": "同志们：\n\n现在开会。\n"},
        "docs/nianduhuiyi/exemplars/a.md:1:",
        "讲话页开头须有前言",
    ),
    (
        "not-utf8",
        {"nianduhuiyi/exemplars/a.md": GOOD.replace("现在开会。", "现在开会。\n第二行\n").encode("gbk")},
        "docs/nianduhuiyi/exemplars/a.md:2:",
        "文件不是 UTF-8 编码",
    ),
    (
        "kind-outside-speech-folder",
        {"guide/a.md": GOOD},
        "docs/guide/a.md:3:",
        "的页面应放在 docs/<会议类型>/exemplars/ 下",
    ),
    (
        "hand-written-meeting-type-page",
        {"nianduhuiyi/index.md": "# 年度工作会议\n"},
        "docs/nianduhuiyi/index.md:1:",
        "会议类型页由 data/content_model.yml 生成",
    ),
]


MODEL = load_model(ROOT / "data" / "content_model.yml")
SECTIONS = {"guide", "browse", "phrases", "assets"}


def check(pages: dict[str, str | bytes]):
    """The build's page check (hooks/content.py calls the same function) on these sources."""
    files = [(uri, text if isinstance(text, bytes) else text.encode("utf-8")) for uri, text in pages.items()]
    return check_pages(files, MODEL, SECTIONS)


@pytest.mark.parametrize("case,pages,prefix,text", BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_front_matter_is_reported_with_path_and_line(case, pages, prefix, text):
    with pytest.raises(ContentError) as err:
        check(pages)
    message = str(err.value)
    assert message.startswith(prefix), message
    assert text in message, message


def test_yaml_error_points_at_the_broken_line():
    model = load_model(ROOT / "data" / "content_model.yml")
    source = replace("speaker: 县长", "speaker: [县长")
    with pytest.raises(ContentError) as err:
        parse_page(source, "nianduhuiyi/exemplars/a.md", model)
    line = source.splitlines().index("speaker: [县长") + 1  # the line at fault, not the one after it
    assert str(err.value) == f"docs/nianduhuiyi/exemplars/a.md:{line}: 前言格式有误：方括号没有闭合（列表写成 [甲, 乙]）"


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2024-05-11", "2024-05-11"),
        ("2024-05", "2024-05"),
        (2011, "2011"),
        ("不详", "不详"),
    ],
)
def test_dates_full_partial_or_unknown(value, expected):
    assert normalize_date(value, "x") == expected


def test_vocabulary_duplicate_slug_is_reported_with_its_line(tmp_path):
    text = (ROOT / "data" / "content_model.yml").read_text(encoding="utf-8")
    bad = text.replace("- slug: tuijinhui", "- slug: diaoduhui", 1)
    path = tmp_path / "content_model.yml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_model(path)
    line = next(i for i, ln in enumerate(bad.splitlines(), 1) if "label: 调度会" in ln) - 1
    assert str(err.value).startswith(f"data/content_model.yml:{line}: 词表 meeting_type 中 slug「diaoduhui」重复")


def test_a_page_outside_the_known_folders_is_a_warning():
    _, warnings = check({"misc/note.md": "# 随记\n"})
    assert warnings == [
        "docs/misc/note.md:1: 文件夹 misc/ 既不是会议类型也不是已知栏目，这一页不会出现在导航中；请移到相应的会议类型文件夹"
    ]


def test_a_date_the_text_contradicts_is_a_warning_at_the_date_line():
    markers = load_markers(ROOT / "data" / "dated_markers.yml", ROOT)
    page = exemplar(body="同志们：\n\n省计生委对我县工作给予了大力支持。\n")
    _, warnings = check_pages([("nianduhuiyi/exemplars/a.md", page.encode("utf-8"))], MODEL, SECTIONS, markers=markers)
    assert len(warnings) == 1
    assert warnings[0].startswith("docs/nianduhuiyi/exemplars/a.md:8: date 2024-05-11 contradicts the text"), warnings
    assert "「省计生委」" in warnings[0]
    undated = page.replace("date: 2024-05-11", "date: 不详\nperiod: 2008–2012")
    _, warnings = check_pages([("nianduhuiyi/exemplars/a.md", undated.encode("utf-8"))], MODEL, SECTIONS, markers=markers)
    assert warnings == []
