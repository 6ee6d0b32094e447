"""Pages that stay small, in Chromium: the paged and filtered meeting-type listing, the phrase index
filter, and a concordance page that loads its further lines on demand (also from file://).

A throw-away site of 120 short exemplars of one meeting type, each using 高度重视, so the listing has
three pages and the concordance more lines than a page shows.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from sitebuild import make_project, real_assets
from speechlib.phrases.index import KWIC_LIMIT
from speechlib.site.listing import PER_PAGE

N = 120
GENRES = ("讲话", "讲话", "主持词", "致辞")
LEVELS = ("县", "市", "乡镇")
GLOSSARY = """categories:
  - {name: 思想认识, description: 统一思想的说法。}
  - {name: 结束语, description: 收尾的说法。}
phrases:
  - text: 高度重视
    category: 思想认识
    note: 表明态度。
  - text: 散会
    category: 结束语
    note: 会议结束。
"""


def speech(i: int) -> str:
    date = "不详" if i % 10 == 9 else f"{2003 + i % 20}-05-{1 + i % 28:02d}"
    return (
        f"---\ntitle: 在全县推进会上的讲话（第{i + 1}号）\nkind: exemplar\nmeeting_type: 推进会\n"
        f"genre: {GENRES[i % 4]}\nlevel: {LEVELS[i % 3]}\nspeaker: 县长\ndate: {date}\nsource: 测试\n---\n\n"
        f"同志们：\n\n各级要高度重视第{i + 1}项工作，确保落实。\n\n散会。\n"
    )


def project(tmp: Path, directory_urls: bool = True) -> Path:
    pages = {f"tuijinhui/exemplars/s{i:03d}.md": speech(i) for i in range(N)}
    config = make_project(tmp, pages, data={"phrases.yml": GLOSSARY})
    shutil.copytree(ROOT / "docs" / "assets", tmp / "docs" / "assets")
    extra = real_assets()
    if not directory_urls:
        extra += "use_directory_urls: false\n"
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return config


def build(config: Path) -> Path:
    site = config.parent / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def scale_site(tmp_path_factory) -> Path:
    return build(project(tmp_path_factory.mktemp("scale")))


@pytest.fixture(scope="module")
def scale_url(scale_site):
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(scale_site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture()
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    pg.requests_seen = []
    pg.on("request", lambda r: pg.requests_seen.append(r.url))
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, errors


def counted(tab, text: str) -> None:
    """Wait until the listing's count reads ``text`` (the element may not be there yet: instant navigation)."""
    tab.wait_for_function(
        "t => { const el = document.querySelector('[data-listing-count]'); return !!el && el.textContent.startsWith(t); }",
        arg=text,
    )


def rows(tab):
    return tab.locator(".listing table tbody tr")


def test_listing_pages_its_exemplars_and_filters_them_from_the_data_file(tab, scale_url, scale_site):
    assert (scale_site / "tuijinhui" / "list" / "3" / "index.html").exists()
    tab.goto(f"{scale_url}/tuijinhui/")
    assert rows(tab).count() == PER_PAGE
    assert (
        tab.locator(".listing-pager a", has_text="下一页")
        .get_attribute("href")
        .endswith("/tuijinhui/list/2/")
    )
    assert not any(u.endswith("listing.js") and "/tuijinhui/" in u for u in tab.requests_seen)
    tab.locator("[data-listing-q]").fill("第7号")
    counted(tab, "共 1 篇")
    assert rows(tab).count() == 1 and "第7号" in rows(tab).first.inner_text()
    assert "q=%E7%AC%AC7%E5%8F%B7" in tab.url
    assert rows(tab).first.locator("a").get_attribute("href") == "exemplars/s006/"  # as the static rows
    # a facet with more hits than a page: the filtered result is paged in the browser
    tab.locator("[data-listing-q]").fill("")
    tab.select_option("[data-listing-facet=genre]", "讲话")
    counted(tab, f"共 {N // 2} 篇")
    assert rows(tab).count() == PER_PAGE
    assert set(rows(tab).locator("td:nth-child(2)").all_inner_texts()) == {"讲话"}
    assert tab.locator(".listing-pager--filtered").is_visible()
    tab.locator(".listing-pager--filtered button", has_text="下一页").click()
    assert rows(tab).count() == N // 2 - PER_PAGE
    assert not tab.locator("p.listing-pager").is_visible()
    # text is inserted as text
    tab.locator("[data-listing-q]").fill("<img src=x onerror=alert(1)>")
    counted(tab, "共 0 篇")
    assert rows(tab).count() == 0
    assert all(u.startswith(scale_url) for u in tab.requests_seen)


def test_browse_link_opens_the_listing_filtered(tab, scale_url):
    tab.goto(f"{scale_url}/browse/levels/")
    tab.locator("a", has_text="推进会 40 篇").first.click()
    counted(tab, "共 40 篇")
    assert tab.locator("[data-listing-facet=level]").input_value() in LEVELS
    assert rows(tab).count() == 40


def test_exemplars_are_not_in_the_navigation(tab, scale_url, scale_site):
    page = (scale_site / "tuijinhui" / "exemplars" / "s000" / "index.html").read_text(encoding="utf-8")
    assert page.count("exemplars/s0") < 5  # its own URL (canonical, copy tools), never a nav list


def test_phrase_index_filters_by_pinyin_initials_and_category_and_has_a_toc(tab, scale_url):
    tab.goto(f"{scale_url}/phrases/")
    toc = tab.locator("nav.md-nav--secondary a.md-nav__link").all_inner_texts()
    assert [t.strip() for t in toc][:2] == ["思想认识", "结束语"]
    tab.locator("[data-phrase-q]").fill("gdzs")
    visible = tab.locator("section.phrase-cat tr[data-filter]:visible")
    assert visible.all_inner_texts()[0].startswith("高度重视") and visible.count() == 1
    assert not tab.locator("section.phrase-cat[data-category=结束语]").is_visible()
    tab.locator("[data-phrase-q]").fill("")
    tab.select_option("[data-phrase-category]", "结束语")
    assert tab.locator("section.phrase-cat tr[data-filter]:visible").all_inner_texts()[0].startswith("散会")


def test_concordance_shows_the_first_lines_and_loads_the_rest_with_copy_data(tab, scale_url, scale_site):
    html = (scale_site / "phrases" / "gao-du-zhong-shi" / "index.html").read_text(encoding="utf-8")
    assert html.count("<tr data-order=") == KWIC_LIMIT
    tab.goto(f"{scale_url}/phrases/gao-du-zhong-shi/")
    lines = tab.locator("table.kwic tbody tr")
    assert lines.count() == KWIC_LIMIT
    tab.evaluate(
        "window.added = 0; document.querySelector('table.kwic')"
        ".addEventListener('kwic:rows-added', e => { window.added += e.detail.rows.length; })"
    )
    tab.locator("[data-kwic-more]").click()
    tab.wait_for_function(f"document.querySelectorAll('table.kwic tbody tr').length === {N}")
    assert tab.evaluate("window.added") == N - KWIC_LIMIT
    assert tab.locator("table.kwic tbody tr[data-copy]").count() == N
    # Rows loaded on demand get their copy buttons too (copy.js listens for kwic:rows-added).
    tab.wait_for_function(f"document.querySelectorAll('table.kwic tbody tr .copy-btn').length === {N}")
    last = lines.nth(N - 1)
    assert last.get_attribute("data-copy").startswith("各级要高度重视")
    href = last.locator(".kwic-key a").get_attribute("href")
    assert "tuijinhui/exemplars/s" in href and "#p-" in href
    assert tab.locator("[data-kwic-count]").inner_text() == f"共 {N} 条"
    tab.select_option("[data-kwic-filter=genre]", "致辞")
    assert tab.locator("table.kwic tbody tr:not([hidden])").count() == N // 4
    assert f"共 {N // 4} 条（全部 {N} 条）" in tab.locator("[data-kwic-count]").inner_text()


def test_sorting_a_concordance_loads_every_line_first(tab, scale_url):
    tab.goto(f"{scale_url}/phrases/gao-du-zhong-shi/")
    tab.select_option("[data-kwic-sort]", "right")
    tab.wait_for_function(f"document.querySelectorAll('table.kwic tbody tr').length === {N}")
    rights = tab.locator("table.kwic tbody tr").evaluate_all("rs => rs.map(r => r.dataset.right)")
    assert len(rights) == N and rights == sorted(rights)  # digits, then Han: the collator agrees here


def test_listing_and_concordance_work_from_disk(tab, tmp_path):
    site = build(project(tmp_path, directory_urls=False))
    tab.goto((site / "tuijinhui" / "index.html").as_uri())
    tab.locator("[data-listing-q]").fill("第7号")
    counted(tab, "共 1 篇")
    assert rows(tab).first.locator("a").get_attribute("href") == "exemplars/s006.html"
    tab.goto((site / "phrases" / "gao-du-zhong-shi.html").as_uri())
    tab.locator("[data-kwic-more]").click()
    tab.wait_for_function(f"document.querySelectorAll('table.kwic tbody tr').length === {N}")


def test_terms_index_filters_by_pinyin_initials_and_category(page, site_url):
    page.goto(f"{site_url}/terms/")
    rows = page.locator("section.phrase-cat tr[data-filter]")
    total = rows.count()
    assert total > 5
    page.locator("[data-phrase-q]").fill("shfyf")  # 社会抚养费
    visible = page.locator("section.phrase-cat tr[data-filter]:visible")
    assert visible.count() >= 1 and all(t.startswith("社会抚养费") for t in visible.all_inner_texts())
    assert f"（全部 {total} 条）" in page.locator("[data-phrase-count]").inner_text()
    assert page.locator("section.phrase-cat h3:visible").count() == 1
    page.locator("[data-phrase-q]").fill("")
    category = page.locator("[data-phrase-category] option").nth(1).inner_text()
    page.select_option("[data-phrase-category]", category)
    cats = page.locator("section.phrase-cat tr[data-filter]:visible").evaluate_all(
        "rs => rs.map(r => r.dataset.category)"
    )
    assert cats and set(cats) == {category}
