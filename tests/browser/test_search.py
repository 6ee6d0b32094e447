"""The paragraph search in Chromium: the header box (typing, pasting, IME composition), the results page,
counts against an independent substring scan of the built pages, safety, and the file:// build."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

import pytest
from test_copy import click_copy

from conftest import ROOT, screenshot
from speechbench.search import built_paragraphs
from speechlib.search.query import matches, parse
from speechlib.text import normalize

SPEECH_PAGE = "tuijinhui/templates/zhuchici/"
XSS = "<img src=x onerror=alert(1)>"


# --- the independent count: the built pages' paragraphs read with lxml (speechbench.search) ------


@pytest.fixture(scope="module")
def corpus(built_site) -> list[str]:
    paras = [p.text for p in built_paragraphs(built_site)]  # read back from the HTML with lxml
    assert len(paras) > 300
    return paras


def count(corpus: list[str], query: str) -> int:
    q = parse(query)
    return sum(matches(t, q) for t in corpus)


def sampled_queries(corpus: list[str], n: int = 36) -> list[str]:
    """Substrings of the built paragraphs (1 to 8 characters), AND, NOT and gap queries; fixed seed."""
    rng = random.Random(9)
    out = [
        "工作",
        "攻坚冲刺",
        "高度重视",
        "一票否决",
        "票否",
        "负总责",
        "同志们：",
        "以…抓落实",
        "以*抓落实",
        "，…确保",  # a one-character part reads its positions: "，" and "。" have files of their own
        "。…要",
        "统筹 协调",
        "工作 -会议",
        "人口和计划生育",
        "，",
        "的",
        "Ｘ",
    ]
    while len(out) < n:
        text = rng.choice(corpus)
        size = rng.choice([1, 2, 2, 3, 4, 4, 5, 6, 8])
        if len(text) <= size:
            continue
        start = rng.randrange(len(text) - size)
        term = text[start : start + size]
        if '"' in term or "…" in term or "*" in term or term.startswith("-"):
            continue
        kind = len(out) % 4
        if kind == 1:
            other = rng.choice(corpus)
            k = rng.randrange(max(1, len(other) - 2))
            term += " " + other[k : k + 2]
        elif kind == 2 and len(term) >= 4:
            term = term[:2] + "…" + term[-2:]
        elif kind == 3:
            term += " -" + rng.choice("的了是在和")
        out.append(term)
    return out


# --- helpers ------------------------------------------------------------------------------------------


def only_local(requests: list[str]) -> list[str]:
    return [
        u
        for u in requests
        if urlparse(u).scheme not in ("file", "data", "blob") and urlparse(u).hostname != "127.0.0.1"
    ]


def wait_box(page, query: str) -> None:
    page.wait_for_function("q => document.querySelector('[data-ss-box]').dataset.done === q", arg=query)


def wait_results(page, query: str) -> None:
    page.wait_for_function("q => document.querySelector('[data-ss-page]').dataset.done === q", arg=query)


def shown_count(text: str) -> int:
    match = re.search(r"共 (\d+) 段", text)
    assert match, text
    return int(match.group(1))


def results_page(page, site_url: str, query: str) -> None:
    page.goto(f"{site_url}/search/?q={quote(query)}")
    wait_results(page, query)


# --- the header box ---------------------------------------------------------------------------------


def test_typing_in_the_header_box_shows_matching_paragraphs(page, site_url, corpus):
    page.goto(site_url + "/" + SPEECH_PAGE)
    box = page.locator(".ss-box__input")
    box.click()
    box.press_sequentially("攻坚冲刺")
    wait_box(page, "攻坚冲刺")
    drop = page.locator(".ss-drop")
    assert drop.is_visible()
    assert shown_count(drop.inner_text()) == count(corpus, "攻坚冲刺") >= 1
    assert set(drop.locator("mark").all_inner_texts()) == {"攻坚冲刺"}
    link = drop.locator(".ss-drop__link").first.get_attribute("href")
    assert re.search(r"/tuijinhui/templates/zhuchici/#p-[0-9a-f]{8}", link), link
    screenshot(page, "search-dropdown-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(300)  # the box's width transition
    screenshot(page, "search-dropdown-390")
    assert only_local(page.requests_seen) == []


def test_pasting_runs_the_search_without_a_key_press(page, site_url, corpus):
    page.goto(site_url + "/")
    page.locator(".ss-box__input").focus()
    page.keyboard.insert_text("一票否决")  # an input event and no key events, as a paste gives
    wait_box(page, "一票否决")
    assert shown_count(page.locator(".ss-drop").inner_text()) == count(corpus, "一票否决")


def test_ime_composition_searches_only_when_the_word_is_finished(page, site_url, corpus):
    page.goto(site_url + "/")
    page.wait_for_function("() => window.SpeechSearch")
    box = page.locator(".ss-box__input")
    box.focus()
    box.dispatch_event("compositionstart", {"data": ""})
    page.keyboard.insert_text("gaodu")  # pinyin in the input while the IME composes
    box.dispatch_event("input", {"data": "gaodu", "isComposing": True, "inputType": "insertCompositionText"})
    page.wait_for_timeout(400)
    assert page.locator(".ss-drop").is_hidden()
    assert page.evaluate("document.querySelector('[data-ss-box]').dataset.done") is None
    page.evaluate("() => { const i = document.querySelector('.ss-box__input'); i.value = '高度重视'; }")
    box.dispatch_event("compositionend", {"data": "高度重视"})
    wait_box(page, "高度重视")
    assert shown_count(page.locator(".ss-drop").inner_text()) == count(corpus, "高度重视")


def test_enter_opens_the_results_page_with_a_bookmarkable_url(page, site_url, corpus):
    page.goto(site_url + "/" + SPEECH_PAGE)
    box = page.locator(".ss-box__input")
    box.fill("以…抓落实")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    wait_results(page, "以…抓落实")
    assert "q=" + quote("以…抓落实") in page.url
    assert page.locator(".ss-page__input").input_value() == "以…抓落实"
    assert shown_count(page.locator(".ss-total").inner_text()) == count(corpus, "以…抓落实")


# --- the results page -------------------------------------------------------------------------------


def test_counts_equal_an_independent_substring_scan(page, site_url, corpus):
    queries = sampled_queries(corpus)
    assert len(queries) >= 30
    results_page(page, site_url, queries[0])
    wrong = []
    for q in queries:
        page.locator(".ss-page__input").fill(q)
        page.locator(".ss-page__input").press("Enter")
        wait_results(page, q)
        got = shown_count(page.locator(".ss-total").inner_text())
        if got != count(corpus, q):
            wrong.append((q, got, count(corpus, q)))
    assert wrong == []


def test_results_page_shows_card_filters_marks_and_loads_more(page, site_url, corpus):
    results_page(page, site_url, "高度重视")
    total = count(corpus, "高度重视")
    assert shown_count(page.locator(".ss-total").inner_text()) == total > 20
    card = page.locator(".ss-card")
    assert "高度重视" in card.inner_text()
    assert card.locator("a").first.get_attribute("href").endswith("/phrases/gao-du-zhong-shi/")
    items = page.locator(".ss-result")
    assert items.count() == 20
    assert all("高度重视" in m for m in page.locator(".ss-result mark").all_inner_texts())
    # Templates come first.
    metas = page.locator(".ss-result__meta").all_inner_texts()
    kinds = [m.split(" · ")[0] for m in metas]
    assert kinds == sorted(kinds, key=lambda k: k != "模板")
    screenshot(page, "search-results-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(300)  # the box's width transition
    screenshot(page, "search-results-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator(".ss-more").click()
    page.wait_for_function(f"() => document.querySelectorAll('.ss-result').length === {min(40, total)}")
    # A filter: its count is the number of results it leaves.
    chip = page.locator(".ss-facet[aria-label='类别'] .ss-chip", has_text="范文")
    expected = int(chip.locator(".ss-chip__count").inner_text())
    chip.click()
    assert chip.get_attribute("aria-pressed") == "true"
    page.wait_for_function("() => document.querySelector('[data-ss-page]').dataset.done")
    assert f"筛选出 {expected} 段" in page.locator(".ss-total").inner_text()
    assert set(m.split(" · ")[0] for m in page.locator(".ss-result__meta").all_inner_texts()) == {"范文"}


def test_glossary_card_for_a_variant(page, site_url, built_site):
    phrases = json.loads((built_site / "phrases.json").read_text(encoding="utf-8"))
    entry = next(e for e in phrases if e["variants"] and e["counts"]["paragraphs"])
    results_page(page, site_url, entry["variants"][0])
    assert entry["text"] in page.locator(".ss-card").inner_text()


def test_the_xss_query_shows_as_typed_and_finds_nothing(page, site_url):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(site_url + "/")
    box = page.locator(".ss-box__input")
    box.focus()
    page.keyboard.insert_text(XSS)
    wait_box(page, XSS)
    assert box.input_value() == XSS
    assert shown_count(page.locator(".ss-drop").inner_text()) == 0
    assert page.locator(".ss-drop img").count() == 0
    box.press("Enter")
    wait_results(page, XSS)
    assert page.locator(".ss-page__input").input_value() == XSS
    assert shown_count(page.locator(".ss-total").inner_text()) == 0
    assert page.locator("article img").count() == 0
    assert dialogs == []


def test_copy_button_copies_the_paragraph(browser, site_url, corpus):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="zh-CN",
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    try:
        results_page(page, site_url, "攻坚冲刺")
        text = page.locator(".ss-result__text").first.inner_text()
        # An earlier test may have left a paragraph with the same words on the clipboard: empty it,
        # then wait for the button to confirm this copy (the write is asynchronous).
        page.evaluate("() => navigator.clipboard.writeText('')")
        click_copy(page.locator(".ss-result .ss-copy").first)
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert normalize(copied) == normalize(text) and "攻坚冲刺" in copied
    finally:
        context.close()


def test_javascript_normalization_and_syntax_equal_python(page, site_url):
    samples = [
        "ＰＩＳ人员 ，",
        "A\u3000b\tc\u00a0d\u2028e\x1cf\x85g\ufeffh",
        "（一）　高度重视！",
        "ｘ＊ｙ…ｚ",
        "𠀀𪚥字",
        '  -统筹  "稳定 低生育"  以*抓落实 以……抓 ',
        "ÀÉ Σ",
        XSS,
    ]
    page.goto(site_url + "/")
    page.wait_for_function("() => window.SpeechSearch")
    for s in samples:
        assert page.evaluate("s => SpeechSearch.normalize(s)", s) == normalize(s), s
        js = page.evaluate("s => SpeechSearch.parse(s)", s)
        q = parse(s)
        assert [tuple(t) for t in js["include"]] == list(q.include), s
        assert [tuple(t) for t in js["exclude"]] == list(q.exclude), s


# --- offline: the file:// build ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    """The build `make offline` makes. Not --strict: without folder URLs the Word export warns that
    two exemplars' .docx names clash (the export hook's to fix, not the search's)."""
    site = tmp_path_factory.mktemp("offline")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--no-directory-urls",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return site


def test_search_works_from_disk(page, offline_site, corpus):
    results = (offline_site / "search" / "index.html").as_uri()
    page.goto(results + "?q=" + quote("高度重视"))
    wait_results(page, "高度重视")
    assert shown_count(page.locator(".ss-total").inner_text()) == count(corpus, "高度重视")
    href = page.locator(".ss-result__title").first.get_attribute("href")
    assert href.startswith("file://") and ".html#p-" in href
    page.goto((offline_site / "index.html").as_uri())
    page.locator(".ss-box__input").focus()
    page.keyboard.insert_text("攻坚冲刺")
    wait_box(page, "攻坚冲刺")
    assert shown_count(page.locator(".ss-drop").inner_text()) == count(corpus, "攻坚冲刺")
    page.locator(".ss-box__input").press("Enter")
    page.wait_for_url(re.compile(r"search/index\.html\?q="))
    wait_results(page, "攻坚冲刺")
    assert only_local(page.requests_seen) == []


def test_copy_buttons_work_from_disk(page, site_url, offline_site):
    # Material's document$ does not emit from file://: the page scripts must still start there.
    buttons = "article button[aria-label*='复制']"
    page.goto(f"{site_url}/tuijinhui/templates/zhuchici/")
    page.wait_for_selector(buttons, state="attached")
    online = page.locator(buttons).count()
    page.goto((offline_site / "tuijinhui" / "templates" / "zhuchici.html").as_uri())
    page.wait_for_selector(buttons, state="attached")
    assert page.locator(buttons).count() == online > 20


def test_slash_focuses_the_header_box(page, site_url):
    page.goto(site_url + "/" + SPEECH_PAGE)
    page.wait_for_function("() => window.SpeechSearch")
    page.locator("article h1").click()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('ss-box__input')")
    assert page.locator(".ss-box__input").input_value() == ""


def test_no_load_more_button_when_every_result_is_shown(page, site_url, corpus):
    results_page(page, site_url, "攻坚冲刺")
    assert shown_count(page.locator(".ss-total").inner_text()) == count(corpus, "攻坚冲刺") == 1
    assert page.locator(".ss-result").count() == 1
    assert not page.locator(".ss-more").is_visible()


def test_every_link_of_the_offline_build_leads_to_a_file(offline_site):
    # Phrase marks, concordance lines and index links were written for folder URLs; from disk a
    # link must name the file itself (a/b.html).
    broken = []
    for page in sorted(offline_site.rglob("*.html")):
        if page.name == "404.html":  # the theme's, with site-absolute links
            continue
        for href in re.findall(r'href="([^"#?:]+)[^"]*"', page.read_text(encoding="utf-8")):
            target = (page.parent / unquote(href)).resolve()
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{page.relative_to(offline_site)}: {href}")
    assert broken == []


def test_a_traditional_script_query_finds_what_the_simplified_one_finds(page, site_url):
    results_page(page, site_url, "计划生育")
    simplified = shown_count(page.locator(".ss-total").inner_text())
    results_page(page, site_url, "計劃生育")
    assert shown_count(page.locator(".ss-total").inner_text()) == simplified > 50
    assert page.locator(".ss-page__output mark").first.inner_text() == "计划生育"


def test_a_section_heading_is_found_and_marked_as_one(page, site_url, built_site):
    from lxml import html as lxml_html

    template = sorted(built_site.glob("*/templates/*/index.html"))[0]
    tree = lxml_html.fromstring(template.read_text(encoding="utf-8"))
    h2 = tree.xpath("//article//h2[@id and not(ancestor::section)]")[0]
    for a in h2.xpath('.//a[contains(@class, "headerlink")]'):
        a.drop_tree()
    text, anchor = h2.text_content().strip(), h2.get("id")
    results_page(page, site_url, text)
    marked = page.locator(".ss-result--heading", has=page.locator(f'a[href$="#{anchor}"]'))
    assert marked.count() >= 1, (text, anchor)
    assert marked.first.locator(".ss-result__badge").inner_text() == "小标题"
