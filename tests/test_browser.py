"""What a user sees in Chromium: home, meeting-type pages, speech pages, anchors; no outside request."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from conftest import screenshot


def only_local(requests: list[str]) -> list[str]:
    return [u for u in requests if urlparse(u).hostname not in ("127.0.0.1",) and not u.startswith(("data:", "blob:"))]


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
