"""The phrase index's pages stay small: concordance pages show the first lines and put the rest in a
data file; the index page has a filter box and a table of contents."""

from __future__ import annotations

import json

import pytest

from speechlib.page.record import PageInfo
from speechlib.phrases.index import (
    KWIC_LIMIT,
    Line,
    ParagraphRecord,
    PhraseStats,
    filter_keys,
    index_html,
    lines_files,
    phrase_html,
    toc_tokens,
)


def stats(n: int, text: str = "高度重视") -> PhraseStats:
    """A phrase with ``n`` lines over ``n // 3 + 1`` pages, three lines a paragraph."""
    s = PhraseStats("gao-du-zhong-shi", text, ("十分重视",), "思想认识", "说明")
    for i in range(n):
        page = PageInfo(
            f"tuijinhui/exemplars/s{i // 3}.md",
            f"tuijinhui/exemplars/s{i // 3}/",
            f"讲话<{i // 3}>",
            "exemplar",
            "推进会",
            "讲话",
            "2010",
            2010,
            "十一五（2006—2010年）",
            "2010",
        )
        para = ParagraphRecord(f"p-{i // 3:08x}", f"各级要{text}这项工作", [], copy_text=f"整段“{i // 3}”")
        s.lines.append(Line(page, para, 3, 3 + len(text)))
    return s


def data_of(text: str) -> dict:
    return json.loads(text[text.index(",") + 1 : text.rindex(")")])


@pytest.mark.parametrize("n", [1, KWIC_LIMIT, KWIC_LIMIT + 1, 10 * KWIC_LIMIT])
def test_concordance_page_shows_at_most_the_limit_and_the_data_file_has_the_rest(n):
    s = stats(n)
    page = phrase_html(s, {s.key: s}, "phrases/gao-du-zhong-shi/", rest_href="../lines/gao-du-zhong-shi.js")
    assert page.count("<tr data-order=") == min(n, KWIC_LIMIT)
    assert page.count("data-copy=") == min(n, KWIC_LIMIT)
    assert f"共 {n} 条" in page
    files = lines_files(s, "phrases/gao-du-zhong-shi/")
    if n <= KWIC_LIMIT:
        assert files == [] and "data-kwic-rest" not in page and "data-kwic-more" not in page
        return
    [(name, data)] = files
    assert name == "gao-du-zhong-shi.js"
    assert f'data-kwic-total="{n}" data-kwic-rest="../lines/gao-du-zhong-shi.js"' in page
    assert "data-kwic-more" in page
    assert data.startswith('__speechData("gao-du-zhong-shi",')
    d = data_of(data)
    assert d["total"] == n and d["start"] == KWIC_LIMIT and len(d["rows"]) == n - KWIC_LIMIT and d["next"] is None
    # pages and paragraphs are stored once, however many lines they have
    assert len(d["pages"]) == len({r[0] for r in d["rows"]}) and len(d["copies"]) == len(d["pages"])
    row = d["rows"][0]
    title, href, mt, genre = d["pages"][row[0]]
    assert href == f"../../tuijinhui/exemplars/s{KWIC_LIMIT // 3}/" and (mt, genre) == ("推进会", "讲话")
    assert row[1:5] == [f"p-{KWIC_LIMIT // 3:08x}", "各级要", "高度重视", "这项工作"]
    assert d["copies"][row[5]] == f"整段“{KWIC_LIMIT // 3}”" and title == f"讲话<{KWIC_LIMIT // 3}>"


def test_lines_files_are_bounded_and_chained_and_hold_every_line_once():
    n = 40 * KWIC_LIMIT
    s = stats(n)
    files = lines_files(s, "phrases/gao-du-zhong-shi/", chunk_bytes=20_000)
    assert len(files) > 3
    datas = [data_of(content) for _, content in files]
    assert [name for name, _ in files][:3] == ["gao-du-zhong-shi.js", "gao-du-zhong-shi-2.js", "gao-du-zhong-shi-3.js"]
    assert [d["next"] for d in datas] == [name for name, _ in files[1:]] + [None]
    assert all(len(content.encode("utf-8")) < 20_000 + 2_000 for _, content in files)  # one row past the budget at most
    starts = [d["start"] for d in datas]
    assert starts[0] == KWIC_LIMIT and sum(len(d["rows"]) for d in datas) == n - KWIC_LIMIT
    assert all(starts[i + 1] == starts[i] + len(datas[i]["rows"]) for i in range(len(datas) - 1))
    for d in datas:  # each file is read on its own: its rows index its own pages and copies
        assert max(r[0] for r in d["rows"]) < len(d["pages"]) and max(r[5] for r in d["rows"]) < len(d["copies"])


def test_concordance_page_size_does_not_grow_with_its_lines():
    small = phrase_html(stats(KWIC_LIMIT), {}, "phrases/x/", rest_href="r.js")
    large = phrase_html(stats(100 * KWIC_LIMIT), {}, "phrases/x/", rest_href="r.js")
    assert len(large) - len(small) < 400


@pytest.mark.parametrize(
    "text, variants, expected",
    [
        ("高度重视", (), "高度重视 gaoduzhongshi gdzs"),
        ("一票否决", ("一票否决制",), "一票否决 yipiaofoujue ypfj 一票否决制 yipiaofoujuezhi ypfjz"),
        ("“三查”", (), "“三查” sancha sc"),
    ],
)
def test_filter_keys_are_the_forms_their_pinyin_and_initials(text, variants, expected):
    assert filter_keys(PhraseStats("k", text, variants, "c", "")) == expected


def test_index_has_a_filter_box_rows_with_keys_and_a_table_of_contents():
    class Cat:
        def __init__(self, name):
            self.name, self.description = name, ""

    a, b = stats(2), stats(1, "同志们")
    b.key, b.category = "tong-zhi-men", "开场与称谓"
    empty = PhraseStats("kong", "空", (), "空类", "")
    page = index_html([Cat("开场与称谓"), Cat("思想认识"), Cat("空类")], [a, b, empty], "", "phrases/", {})
    assert page.index('<form class="phrase-filter" hidden') < page.index("<h2")
    assert '<option value="开场与称谓">' in page and '<option value="空类">' not in page
    assert '<tr data-filter="高度重视 gaoduzhongshi gdzs 十分重视 shifenzhongshi sfzs" data-category="思想认识">' in page
    assert '<section class="phrase-cat" data-category="思想认识">' in page
    assert [(t["id"], t["name"], t["level"]) for t in toc_tokens(page)] == [
        ("kai-chang-yu-cheng-wei", "开场与称谓", 2),
        ("si-xiang-ren-shi", "思想认识", 2),
    ]


@pytest.mark.parametrize(
    "row",
    [
        [3, "p-0f7dbc70", "左边“引号”\\和\"", "高度重视", "右\t边\n", 0],
        ["标题“一”", "../../x/", "年度工作会议", "讲话"],
        ["\U0001f600表情", "a\\b", "\u2028", ""],
        [3, "p-1", "左", "中", "右", None],  # no copy: the encoder's own path
    ],
)
def test_a_lines_row_or_page_entry_is_sized_as_json_writes_it(row):
    from speechlib.phrases.index import _row_json

    assert _row_json(row) == json.dumps(row, ensure_ascii=False)
