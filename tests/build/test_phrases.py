"""The phrase index in real builds: generated pages, phrases.json, marks in speeches and bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html as lhtml

from sitebuild import build, exemplar, make_project
from speechlib.page.paragraphs import paragraph_id

# --- a real build --------------------------------------------------------------------------------

GLOSSARY = """categories:
  - {name: 思想认识, description: 统一思想的说法。}
  - {name: 结束语, description: 收尾的说法。}
phrases:
  - text: 高度重视
    category: 思想认识
    note: 表明态度。
  - text: 亲自抓、负总责
    variants: [亲自抓，负总责]
    category: 思想认识
    note: 压实第一责任。
  - text: A<B&C*D*
    category: 结束语
    note: 含特殊字符的表述，必须按原样显示。
"""

PAGES = {
    "nianduhuiyi/exemplars/a.md": exemplar(
        body="同志们：\n\n市委高度重视，书记亲自抓，负总责。\n\n各级要高度重视。\n\n结尾A<B&C\\*D\\*。\n"
    ),
    "tuijinhui/exemplars/b.md": exemplar(
        title="推进会讲话", mt="推进会", body="县委县政府高度重视，亲自抓、负总责。\n"
    ),
}


def independent_counts(
    site: Path, forms_by_text: dict[str, list[str]]
) -> dict[str, dict[tuple[str, str], int]]:
    """Count every phrase in the built pages' paragraphs with lxml and str.find, not the hook's code."""
    fold = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
    counts: dict[str, dict[tuple[str, str], int]] = {t: {} for t in forms_by_text}
    for path in site.glob("*/*/*/index.html"):
        url = path.parent.relative_to(site).as_posix() + "/"
        tree = lhtml.fromstring(path.read_text(encoding="utf-8"))
        for p in tree.xpath('//article//p[contains(concat(" ", @class, " "), " para ")]'):
            # Speech text only: stage directions, editor's notes and source links are not counted.
            if p.xpath('.//a[contains(@class, "source-link")]'):
                continue
            for span in p.xpath('.//span[contains(@class, "stage") or contains(@class, "editor-note")]'):
                span.drop_tree()
            text = re.sub(r"\s+", "", p.text_content().translate(fold))
            for canon, forms in forms_by_text.items():
                spans = set()
                for form in forms:
                    f = re.sub(r"\s+", "", form.translate(fold))
                    i = text.find(f)
                    while i >= 0:
                        spans.add((i, i + len(f)))
                        i = text.find(f, i + 1)
                kept = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
                if kept:
                    counts[canon][(url, p.get("id"))] = len(kept)
    return counts


def check_json_against_pages(site: Path) -> list[dict]:
    data = json.loads((site / "phrases.json").read_text(encoding="utf-8"))
    expected = independent_counts(site, {d["text"]: [d["text"], *d["variants"]] for d in data})
    for d in data:
        got = {(o["url"], o["anchor"]): o["count"] for o in d["occurrences"]}
        assert got == expected[d["text"]], d["text"]
        assert d["counts"]["occurrences"] == sum(got.values())
    return data


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("phr")
    result = build(
        make_project(tmp, PAGES, data={"phrases.yml": GLOSSARY})
    )
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def test_phrases_json_agrees_with_an_independent_count(small_site):
    data = check_json_against_pages(small_site)
    by_text = {d["text"]: d for d in data}
    assert by_text["高度重视"]["counts"] == {
        "occurrences": 3,
        "paragraphs": 3,
        "speeches": 2,
        "meeting_types": 2,
    }
    assert by_text["亲自抓、负总责"]["counts"]["occurrences"] == 2
    assert by_text["高度重视"]["first_year"] == 2024


def test_phrase_page_lists_every_use_with_a_link_to_its_paragraph(small_site):
    page = lhtml.fromstring(
        (small_site / "phrases" / "gao-du-zhong-shi" / "index.html").read_text(encoding="utf-8")
    )
    rows = page.xpath('//table[@class="kwic"]//tr')
    assert len(rows) == 3
    for row in rows:
        href = row.xpath('.//td[@class="kwic-key"]/a/@href')[0]
        target, anchor = href.split("#")
        dest = (small_site / "phrases" / "gao-du-zhong-shi" / target / "index.html").resolve()
        assert lhtml.fromstring(dest.read_text(encoding="utf-8")).xpath(f'//p[@id="{anchor}"]')
        assert row.xpath('string(.//td[@class="kwic-key"])') == "高度重视"


def test_special_characters_in_a_phrase_render_as_text(small_site):
    slug = json.loads((small_site / "phrases.json").read_text(encoding="utf-8"))[2]["slug"]
    raw = (small_site / "phrases" / slug / "index.html").read_text(encoding="utf-8")
    assert "A&lt;B&amp;C*D*" in raw and "<B&" not in raw
    title = lhtml.fromstring(raw).xpath("string(//h1)")
    assert title == "A<B&C*D*"


def test_speech_marks_phrases_and_lists_them_at_the_end(small_site):
    tree = lhtml.fromstring(
        (small_site / "nianduhuiyi" / "exemplars" / "a" / "index.html").read_text(encoding="utf-8")
    )
    marks = tree.xpath('//a[@class="phrase"]')
    assert {m.text_content() for m in marks} == {"高度重视", "亲自抓，负总责", "A<B&C*D*"}
    paragraph = tree.xpath('//p[@class="para"]')[1]
    assert paragraph.text_content() == "市委高度重视，书记亲自抓，负总责。"
    used = tree.xpath('//section[@class="phrases-used"]//a/text()')
    assert used[0] == "高度重视"


def test_word_list_has_one_phrase_per_line(small_site):
    assert (small_site / "phrases" / "wordlist.txt").read_text(
        encoding="utf-8"
    ) == "高度重视\n亲自抓负总责\nABCD\n"


def test_glossary_entry_that_never_occurs_fails_strict_build_with_its_line(tmp_path):
    glossary = GLOSSARY + "  - text: 从未出现的说法\n    category: 结束语\n    note: 测试。\n"
    result = build(
        make_project(tmp_path, PAGES, data={"phrases.yml": glossary})
    )
    assert result.returncode != 0
    line = glossary.splitlines().index("  - text: 从未出现的说法") + 1
    assert (
        f"data/phrases.yml:{line}: 「从未出现的说法」在所有范文和模板中都没有出现"
        in result.stderr
    )


def test_glossary_unknown_category_fails_the_build_with_its_line(tmp_path):
    glossary = GLOSSARY.replace("category: 结束语", "category: 不存在的类别")
    result = build(
        make_project(tmp_path, PAGES, data={"phrases.yml": glossary})
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr
    line = glossary.splitlines().index("    category: 不存在的类别") + 1
    assert re.search(rf"data/phrases.yml:{line - 1}|data/phrases.yml:{line}", result.stderr), result.stderr


def test_real_site_phrases_json_agrees_with_an_independent_count(built_site):
    data = check_json_against_pages(built_site)
    assert len(data) >= 150
    # Every entry occurs, except the current terms (data/terms.yml `current: true`), indexed before any
    # exemplar uses them.
    from conftest import ROOT
    from speechlib.content.glossary import load_glossary

    current = {e.text for e in load_glossary(ROOT / "data" / "terms.yml", ROOT, kind="terms").entries if e.current}
    assert len(current) == 8
    assert {d["text"] for d in data if d["counts"]["occurrences"] == 0} <= current


def test_every_phrase_mark_in_the_real_site_leads_to_its_page(built_site):
    for path in built_site.glob("*/*/*/index.html"):
        tree = lhtml.fromstring(path.read_text(encoding="utf-8"))
        for href in set(tree.xpath('//a[@class="phrase"]/@href')):
            assert (path.parent / href / "index.html").resolve().exists(), (path, href)


def test_a_link_to_a_missing_paragraph_anchor_fails_the_build(tmp_path):
    pages = dict(PAGES)
    pages["nianduhuiyi/exemplars/c.md"] = exemplar(
        title="引用",
        body="见[原文](a.md#p-00000000)，高度重视。\n\n另见[原文](a.md#"
        + paragraph_id("各级要高度重视。")
        + ")。\n",
    )
    config = make_project(tmp_path, pages, data={"phrases.yml": GLOSSARY})
    config.write_text(config.read_text(encoding="utf-8") + "validation:\n  anchors: warn\n", encoding="utf-8")
    result = build(config)
    assert result.returncode != 0
    assert "docs/nianduhuiyi/exemplars/c.md:12: 链接 nianduhuiyi/exemplars/a.md#p-00000000 指向的段落已不在该页" in result.stderr
    assert paragraph_id("各级要高度重视。") not in result.stderr
