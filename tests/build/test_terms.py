"""The terms index in the real site: pages, counts against an independent scan, phrases.json kinds."""

from __future__ import annotations

import json
import re

from lxml import html as lhtml

from speechbench.search import built_paragraphs
from speechlib.text import normalize


def test_terms_are_in_phrases_json_with_counts_an_independent_scan_agrees_with(built_site):
    data = json.loads((built_site / "phrases.json").read_text(encoding="utf-8"))
    terms = [d for d in data if d["kind"] == "term"]
    assert len(terms) == 59 and {d["kind"] for d in data} == {"phrase", "term"}
    paragraphs = [p.text for p in built_paragraphs(built_site, headings=False)]  # body paragraphs, from the HTML
    for d in terms:
        forms = [normalize(f) for f in (d["text"], *d["variants"])]
        expected = 0
        for text in paragraphs:
            spans = {(m.start(), m.start() + len(f)) for f in forms for m in re.finditer(re.escape(f), text)}
            expected += len(
                [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
            )
        assert d["counts"]["occurrences"] == expected, d["text"]
        assert d["url"].startswith("terms/") and (built_site / d["url"] / "index.html").exists()


def test_terms_index_gives_definition_period_and_years(built_site):
    page = lhtml.fromstring((built_site / "terms" / "index.html").read_text(encoding="utf-8"))
    rows = {
        r.xpath("td[1]")[0].text_content(): [td.text_content() for td in r.xpath("td")]
        for r in page.xpath('//table[contains(@class, "terms-table")]//tbody/tr')
    }
    assert rows["社会抚养费"][1].startswith("对不符合法律法规规定生育子女的公民征收的费用")
    assert rows["社会抚养费"][2] == "2002–2021"
    assert re.fullmatch(r"\d{4}(–\d{4})?", rows["社会抚养费"][5])
    nav = [a.text_content().strip() for a in page.xpath('//nav[contains(@class, "md-tabs")]//a')]
    assert "术语索引" in nav


def test_current_terms_are_listed_as_current_with_their_source_before_any_exemplar_uses_them(built_site):
    page = lhtml.fromstring((built_site / "terms" / "index.html").read_text(encoding="utf-8"))
    rows = {
        r.xpath("td[1]/a")[0].text_content(): r
        for r in page.xpath('//table[contains(@class, "terms-table")]//tbody/tr')
    }
    row = rows["育儿补贴"]
    cells = [td.text_content() for td in row.xpath("td")]
    assert row.xpath('td[1]/span[@class="term-current"]')[0].text_content() == "现行"
    assert "出处：中共中央办公厅、国务院办公厅《育儿补贴制度实施方案》（2025年）" in cells[1]
    assert cells[2] == "2025年以后" and cells[3:] == ["0", "0", "本库范文暂未出现"]
    assert not rows["社会抚养费"].xpath('.//span[@class="term-current"]')
    assert "另收现行术语 8 条" in page.text_content()
    term = lhtml.fromstring((built_site / "terms" / row.xpath("td[1]/a/@href")[0].split("/")[-2] / "index.html")
                            .read_text(encoding="utf-8"))
    facts = {d.xpath("dt")[0].text_content(): d.xpath("dd")[0].text_content()
             for d in term.xpath('//dl[@class="phrase-facts"]/div')}
    assert facts["状态"] == "现行；本库范文暂未出现"
    assert facts["出处"].startswith("中共中央办公厅、国务院办公厅《育儿补贴制度实施方案》")
