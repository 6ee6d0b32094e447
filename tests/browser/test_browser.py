"""What a user sees in Chromium: home, meeting-type pages, speech pages, anchors; no outside request."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from conftest import screenshot
from speechlib.text import normalize


def only_local(requests: list[str]) -> list[str]:
    return [
        u
        for u in requests
        if urlparse(u).hostname not in ("127.0.0.1",) and not u.startswith(("data:", "blob:"))
    ]


def first_exemplar(built_site):
    pages = sorted(built_site.glob("*/exemplars/*/index.html"))
    assert pages, "the site has no exemplar pages"
    return pages[0].parent.relative_to(built_site).as_posix()


def test_home_lists_every_meeting_type_and_loads_nothing_from_outside(page, site_url):
    page.goto(site_url + "/", wait_until="networkidle")
    cards = page.locator(".grid.cards > ul > li")
    assert cards.count() == 8
    assert "推进会" in cards.nth(1).inner_text()
    screenshot(page, "home")
    assert only_local(page.requests_seen) == []


def test_meeting_type_page_lists_templates_then_exemplars(page, site_url):
    page.goto(site_url + "/", wait_until="networkidle")
    page.locator(".grid.cards a", has_text="年度工作会议").first.click()
    page.wait_for_url(re.compile(r"/nianduhuiyi/$"))
    headings = page.locator("article h2").all_inner_texts()
    assert headings[0].startswith("模板") and headings[1].startswith("范文"), headings
    rows = page.locator("article table").nth(1).locator("tbody tr")
    assert rows.count() >= 1
    screenshot(page, "meeting-type")
    assert only_local(page.requests_seen) == []


def test_exemplar_shows_metadata_and_paragraph_anchor_scrolls_and_highlights(page, site_url, built_site):
    path = first_exemplar(built_site)
    page.goto(f"{site_url}/{path}/", wait_until="networkidle")
    meta = page.locator(".speech-meta")
    assert "会议类型" in meta.inner_text() and "日期" in meta.inner_text()
    paras = page.locator("article p.para")
    last = paras.nth(paras.count() - 1)
    anchor = last.get_attribute("id")
    assert anchor and anchor.startswith("p-")
    page.goto("about:blank")
    page.goto(f"{site_url}/{path}/#{anchor}", wait_until="networkidle")
    target = page.locator(f"#{anchor}")
    assert target.evaluate("el => el.matches(':target') || el.classList.contains('para--target')")
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, box
    screenshot(page, "exemplar-anchor")
    assert only_local(page.requests_seen) == []


def busiest_phrase(built_site) -> dict:
    import json

    data = json.loads((built_site / "phrases.json").read_text(encoding="utf-8"))
    from speechlib.phrases.index import KWIC_LIMIT

    # The busiest phrase whose lines all fit on its page (more are loaded on demand, tested elsewhere).
    fits = [d for d in data if d["counts"]["occurrences"] <= KWIC_LIMIT]
    return max(fits, key=lambda d: (d["counts"]["meeting_types"], d["counts"]["occurrences"]))


def test_phrase_page_sorts_filters_and_leads_to_the_paragraph(page, site_url, built_site):
    phrase = busiest_phrase(built_site)
    page.goto(f"{site_url}/{phrase['url']}", wait_until="networkidle")
    rows = page.locator("table.kwic tbody tr")
    assert rows.count() == phrase["counts"]["occurrences"]
    keys = rows.locator(".kwic-key").all_inner_texts()
    assert all(k.replace(" ", "") for k in keys)

    page.select_option("[data-kwic-sort]", "right")
    rights = [r for r in rows.evaluate_all("rs => rs.map(r => r.dataset.right)")]
    collated = page.evaluate("xs => xs.slice().sort(new Intl.Collator('zh-Hans-CN').compare)", rights)
    assert rights == collated

    options = page.locator("[data-kwic-filter=mt] option").all_inner_texts()[1:]
    assert len(options) == phrase["counts"]["meeting_types"] >= 2
    page.select_option("[data-kwic-filter=mt]", options[0])
    visible = page.locator("table.kwic tbody tr:not([hidden])")
    assert 0 < visible.count() < rows.count()
    assert all(m.startswith(options[0]) for m in visible.locator(".kwic-meta").all_inner_texts())
    assert f"共 {visible.count()} 条" in page.locator("[data-kwic-count]").inner_text()
    screenshot(page, "phrase-page")

    link = visible.first.locator(".kwic-key a")
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_function(
        "id => { const el = document.getElementById(id); return el && el.classList.contains('para--target'); }",
        arg=anchor,
    )
    target = page.locator(f"#{anchor}")
    text = normalize(target.inner_text())
    assert any(normalize(form) in text for form in [phrase["text"], *phrase["variants"]])
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    screenshot(page, "phrase-target")
    assert only_local(page.requests_seen) == []


def test_phrase_marks_do_not_change_copied_text(page, site_url, built_site):
    path = first_exemplar(built_site)
    page.goto(f"{site_url}/{path}/", wait_until="networkidle")
    para = page.locator("article p.para:has(a.phrase)").first
    selected = para.evaluate(
        "el => { const r = document.createRange(); r.selectNodeContents(el); const s = getSelection();"
        " s.removeAllRanges(); s.addRange(r); return s.toString(); }"
    )
    assert selected == para.evaluate("el => el.textContent")
    assert "固定表述" not in selected


def test_index_page_lists_categories_with_counts(page, site_url):
    page.goto(site_url + "/phrases/", wait_until="networkidle")
    assert page.locator("article h2").count() >= 5
    first_row = page.locator("table.phrase-table tbody tr").first
    cells = first_row.locator("td").all_inner_texts()
    assert cells[1].isdigit() and int(cells[1]) >= 1
    screenshot(page, "phrase-index")


def test_link_to_a_paragraph_in_a_hidden_alternative_opens_it(page, site_url):
    page.goto(site_url + "/tuijinhui/templates/zhuchici/", wait_until="networkidle")
    hidden = page.locator("details.alternatives .tabbed-block:nth-child(2) p.para").first
    assert not hidden.is_visible()
    anchor = hidden.get_attribute("id")
    page.goto("about:blank")
    page.goto(f"{site_url}/tuijinhui/templates/zhuchici/#{anchor}", wait_until="networkidle")
    target = page.locator(f"#{anchor}")
    page.wait_for_function("id => document.getElementById(id).classList.contains('para--target')", arg=anchor)
    assert target.is_visible()
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
