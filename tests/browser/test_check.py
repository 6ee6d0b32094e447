"""提法核对 in Chromium, as a writer uses it: real paste from the site's own copy buttons, IME input,
a .docx or .txt opened from disk, one-click replace and ignore, the page API, and the file:// build.
Screenshots go to test-artifacts/ (check-*.png)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from test_copy import cpage as clipboard_page  # noqa: F401  (a fixture)

from conftest import ROOT, screenshot
from speechlib.check.engine import check
from speechlib.check.rules import compile_rules

EXEMPLAR = "nianduhuiyi/exemplars/pinglu-nianduhuiyi-zhuchici"  # 2011: 省计生委, 胡锦涛总书记
TEMPLATE = "tuijinhui/templates/zhuchici"
DRAFT = "同志们：\n县卫生计生委要牵头，各乡镇要签订责任书。\n"


@pytest.fixture()
def cpage(clipboard_page, site_url):  # noqa: F811  (the fixture imported above)
    """test_copy's page (clipboard allowed, script errors fail the test) that may ask for nothing
    outside the site."""
    clipboard_page.requests_seen = []
    clipboard_page.on("request", lambda r: clipboard_page.requests_seen.append(r.url))
    yield clipboard_page
    seen = clipboard_page.requests_seen
    assert all(u.startswith(site_url) or u.startswith("data:") for u in seen), seen


def copy_whole_page(pg, site_url, path) -> str:
    pg.goto(f"{site_url}/{path}/", wait_until="networkidle")
    button = pg.locator("button.copy-btn--page").first
    button.click()
    pg.wait_for_function("el => el.hasAttribute('data-copied')", arg=button.element_handle())
    return pg.evaluate("navigator.clipboard.readText()")


def open_check(pg, site_url):
    pg.goto(f"{site_url}/check/", wait_until="networkidle")
    pg.wait_for_selector("#sc-text")


def paste(pg) -> None:
    pg.click("#sc-text")
    pg.keyboard.press("Control+V")
    pg.wait_for_selector(".sc-item")


def items(pg, cls) -> list[str]:
    return pg.locator(f'.sc-group[data-cls="{cls}"] .sc-item').all_inner_texts()


def test_a_pasted_exemplar_from_2011_shows_its_dated_bodies_with_years(cpage, site_url):
    copied = copy_whole_page(cpage, site_url, EXEMPLAR)
    assert "省计生委" in copied
    open_check(cpage, site_url)
    paste(cpage)
    assert cpage.input_value("#sc-text") == copied
    dated = items(cpage, "dated")
    body = [t for t in dated if "省计生委" in t]
    assert body and "机构“省计生委”通行于2014年以前，现已撤并" in body[0]
    assert "改为“省卫生健康委”" in body[0]
    assert any("胡锦涛总书记" in t and "2002—2012年" in t for t in dated)
    assert any("一票否决" in t for t in items(cpage, "restricted"))
    marked = cpage.locator(".sc-marked mark.sc-mark--dated").all_inner_texts()
    assert "省计生委" in marked
    assert cpage.inner_text(".sc-summary").startswith("共 ")
    screenshot(cpage, "check-exemplar")


def test_a_pasted_template_lists_each_slot_once(cpage, site_url):
    copied = copy_whole_page(cpage, site_url, TEMPLATE)
    open_check(cpage, site_url)
    paste(cpage)
    slots = [f["text"] for f in check(copied, compile_rules(ROOT)) if f["cls"] == "slot"]
    assert len(slots) > len(set(slots))  # the template repeats some slots
    listed = cpage.locator('.sc-group[data-cls="slot"] .sc-item .sc-found').all_inner_texts()
    assert sorted(listed) == sorted(set(slots))
    repeated = max(set(slots), key=slots.count)
    item = cpage.locator('.sc-group[data-cls="slot"] .sc-item', has_text=repeated)
    assert f"共{slots.count(repeated)}处" in item.inner_text()
    assert cpage.locator(".sc-marked mark.sc-mark--slot").count() == len(slots)
    screenshot(cpage, "check-template")


def test_ime_input_is_checked_once_the_composition_ends(cpage, site_url):
    open_check(cpage, site_url)
    cdp = cpage.context.new_cdp_session(cpage)
    cpage.focus("#sc-text")
    cdp.send("Input.imeSetComposition", {"text": "卫生计生委", "selectionStart": 5, "selectionEnd": 5})
    cpage.wait_for_timeout(500)
    # Nothing is checked while the input method still composes (the text is in the box already).
    assert cpage.input_value("#sc-text") == "卫生计生委"
    assert cpage.get_attribute("#speech-check", "data-checked") is None
    cdp.send("Input.insertText", {"text": "县卫生计生委要签订责任书。"})
    cpage.wait_for_selector(".sc-item")
    assert cpage.input_value("#sc-text") == "县卫生计生委要签订责任书。"
    assert cpage.locator('.sc-group[data-cls="dated"] .sc-found').all_inner_texts() == ["卫生计生委"]


def test_one_click_replaces_and_one_click_ignores(cpage, site_url):
    open_check(cpage, site_url)
    cpage.fill("#sc-text", DRAFT)
    cpage.wait_for_selector(".sc-item")
    cpage.get_by_role("button", name="改为“卫生健康委”").click()
    cpage.wait_for_function("!document.querySelector('.sc-group[data-cls=\"dated\"]')")
    assert cpage.input_value("#sc-text") == DRAFT.replace("卫生计生委", "卫生健康委")
    restricted = cpage.locator('.sc-group[data-cls="restricted"] .sc-item')
    assert restricted.count() == 1
    restricted.get_by_role("button", name="忽略").click()
    assert cpage.locator('.sc-group[data-cls="restricted"]').count() == 0
    assert "未发现需要核对的问题" in cpage.inner_text(".sc-summary")
    cpage.get_by_role("button", name="恢复已忽略的 1 项").click()
    assert cpage.locator('.sc-group[data-cls="restricted"] .sc-item').count() == 1


def test_a_docx_and_a_gbk_text_file_are_read_in_the_browser(cpage, site_url, tmp_path):
    document = docx.Document()
    document.add_paragraph("一、提高认识")
    document.add_paragraph("对乡镇实行一票否决。")
    document.add_paragraph("三、请［单位］发言")
    word = tmp_path / "讲话稿.docx"
    document.save(word)
    open_check(cpage, site_url)
    cpage.set_input_files(".sc-file input", str(word))
    cpage.wait_for_selector(".sc-item")
    assert cpage.input_value("#sc-text") == "一、提高认识\n对乡镇实行一票否决。\n三、请［单位］发言"
    assert "已读入“讲话稿.docx”" in cpage.inner_text(".sc-status")
    assert any(u.endswith("/assets/vendor/fflate/fflate.min.js") for u in cpage.requests_seen)
    assert items(cpage, "numbering") and items(cpage, "slot") and items(cpage, "restricted")
    text = tmp_path / "gbk.txt"
    text.write_bytes("县卫生计生委牵头。".encode("gb18030"))
    cpage.set_input_files(".sc-file input", str(text))
    cpage.wait_for_function("document.querySelector('#sc-text').value === '县卫生计生委牵头。'")
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0")
    cpage.set_input_files(".sc-file input", str(doc))
    cpage.wait_for_function("document.querySelector('.sc-status').textContent.includes('另存为 .docx')")


def test_draft_text_is_never_markup(cpage, site_url):
    open_check(cpage, site_url)
    cpage.fill("#sc-text", '<img src=x onerror="window.hit=1">县卫生计生委<b>加粗</b>')
    cpage.wait_for_selector(".sc-item")
    assert cpage.locator(".sc-marked img, .sc-marked b, .sc-list img").count() == 0
    assert "<img src=x" in cpage.inner_text(".sc-marked")
    assert cpage.evaluate("window.hit") is None


def test_the_api_checks_and_opens(cpage, site_url):
    cpage.goto(f"{site_url}/", wait_until="networkidle")
    got = cpage.evaluate("t => SpeechCheck.check(t)", DRAFT)
    want = check(DRAFT, compile_rules(ROOT))
    assert [(f["cls"], f["start"], f["end"], f["message"]) for f in got] == [
        (f["cls"], f["start"], f["end"], f["message"]) for f in want]
    phrase_links = [f["evidence"]["url"] for f in got if f["cls"] == "phrase"]
    assert all(re.fullmatch(r"phrases/[a-z0-9-]+/", u) for u in phrase_links)
    cpage.evaluate("t => SpeechCheck.open(t)", DRAFT)
    cpage.wait_for_url(re.compile(r"/check/$"))
    cpage.wait_for_selector(".sc-item")
    assert cpage.input_value("#sc-text") == DRAFT


def test_phrase_links_lead_to_their_concordance_page(cpage, site_url, built_site):
    open_check(cpage, site_url)
    cpage.fill("#sc-text", "各级各部门要高度重视，认真抓好贯彻落实。")
    cpage.wait_for_selector('.sc-group[data-cls="phrase"]', state="attached")
    assert "未发现需要核对的问题；识别固定表述" in cpage.inner_text(".sc-summary")
    group = cpage.locator('.sc-group[data-cls="phrase"]')
    group.locator("summary").click()
    link = group.locator("a", has_text="高度重视").first
    href = link.get_attribute("href")
    assert href.startswith(site_url) and (built_site / href[len(site_url) + 1:] / "index.html").exists()
    link.click()
    cpage.wait_for_url(href)


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    """The build `make offline` makes (pages are x.html, opened from disk)."""
    site = tmp_path_factory.mktemp("offline-check")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--no-directory-urls", "-f", str(ROOT / "mkdocs.yml"),
         "-d", str(site)],
        capture_output=True, text=True, env=env, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return site


def test_it_works_from_disk(browser, offline_site):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    pg = context.new_page()
    errors, seen = [], []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("request", lambda r: seen.append(r.url))
    pg.goto((offline_site / "check.html").as_uri())
    pg.fill("#sc-text", "县卫生计生委要高度重视。")
    pg.wait_for_selector(".sc-item")
    assert items(pg, "dated")
    pg.locator('.sc-group[data-cls="phrase"] summary').click()
    href = pg.locator('.sc-group[data-cls="phrase"] a').first.get_attribute("href")
    assert href.startswith("file://") and href.endswith(".html") and Path(href[len("file://"):]).exists()
    screenshot(pg, "check-offline")
    assert errors == [] and all(u.startswith("file://") for u in seen), seen
    context.close()


def test_reached_through_instant_navigation(cpage, site_url):
    cpage.goto(f"{site_url}/", wait_until="networkidle")
    cpage.locator(".md-tabs__link", has_text="提法核对").click()
    cpage.wait_for_selector("#sc-text")
    cpage.fill("#sc-text", DRAFT)
    cpage.wait_for_selector(".sc-item")
    assert cpage.locator('.sc-group[data-cls="dated"] .sc-found').all_inner_texts() == ["卫生计生委"]
