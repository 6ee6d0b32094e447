"""Filter boxes look like controls; on a 390 px phone the terms index and a meeting-type listing
show every column (screenshots in test-artifacts/)."""

from __future__ import annotations

from conftest import screenshot


def test_filter_boxes_have_a_border_and_room_for_their_placeholder(page, site_url):
    for path, form in (("/phrases/", ".phrase-filter"), ("/terms/", ".phrase-filter"), ("/nianduhuiyi/", ".listing-filter")):
        page.goto(site_url + path, wait_until="networkidle")
        box = page.locator(f"{form} input").first
        box.wait_for(state="visible")
        style = box.evaluate("e => { const s = getComputedStyle(e); return [s.borderTopStyle, s.borderTopWidth]; }")
        assert style[0] == "solid" and style[1] != "0px", (path, style)
        fits = box.evaluate("e => { const c = document.createElement('canvas').getContext('2d');"
                            " c.font = getComputedStyle(e).font; return c.measureText(e.placeholder).width < e.clientWidth; }")
        assert fits, f"{path}: the placeholder is cut off"
        selects = page.locator(f"{form} select")
        boxes = [selects.nth(i).bounding_box() for i in range(selects.count())]
        for a, b in zip(boxes, boxes[1:], strict=False):
            assert b["x"] >= a["x"] + a["width"] + 4 or b["y"] >= a["y"] + a["height"], f"{path}: drop-downs touch"
        screenshot(page, "filter" + path.replace("/", "-").rstrip("-"))


def test_on_a_phone_terms_keep_their_line_and_listings_show_every_column(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.goto(site_url + "/terms/", wait_until="networkidle")
    cell = page.locator("table.terms-table td:first-child a").first
    height, line = cell.evaluate("e => [e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).lineHeight)]")
    assert height <= 2.5 * line, "a term wraps to more than two lines"
    page.goto(site_url + "/nianduhuiyi/", wait_until="networkidle")
    row = page.locator(".listing tbody tr").first
    for i in range(row.locator("td").count()):
        box = row.locator("td").nth(i).bounding_box()
        if box and box["width"]:
            assert box["x"] + box["width"] <= 390 + 1, f"column {i + 1} runs off the screen"
    screenshot(page, "phone-listing")
    context.close()
