"""Copy buttons and slot filling in Chromium (docs/assets/js/copy.js, slots.js).

The clipboard is read back with navigator.clipboard.read(), both flavours. What the page copies is
compared with the paragraph model that Python computes from the same built page
(speechlib.page.paragraphs, as tests/build/test_export.py reads it)."""

from __future__ import annotations

import re

import pytest

from conftest import screenshot
from sitebuild import model_of  # the model of a built page, read as the pipeline reads it
from speechlib.page.blocks import export_blocks
from speechlib.page.paragraphs import TEXT_ROLES

TEMPLATE = "tuijinhui/templates/zhuchici"
PAGES = [TEMPLATE, "tuijinhui/exemplars/xian-tuijinhui-jianghua",
         "peixunhui/exemplars/qinglong-peixunhui-zhuchici",
         "biaozhanghui/templates/zhuchici"]

READ_CLIPBOARD = """async () => {
  const items = await navigator.clipboard.read();
  const out = {};
  for (const type of items[0].types) out[type] = await (await items[0].getType(type)).text();
  return out;
}"""


@pytest.fixture()
def cpage(browser, site_url):
    """A page whose context may read and write the clipboard; errors in page scripts fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    assert pg.errors == []
    context.close()


def clipboard(pg) -> dict:
    return pg.evaluate(READ_CLIPBOARD)


def click_copy(button) -> None:
    """Click a copy button and wait until it confirms (the clipboard write is asynchronous)."""
    button.evaluate("el => el.removeAttribute('data-copied')")
    button.click()
    button.page.wait_for_function("el => el.hasAttribute('data-copied')", arg=button.element_handle())


def html_text(fragment: str) -> list[str]:
    """The text of each <p> of a clipboard HTML fragment."""
    import html

    return [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<p\b.*?</p>", fragment, re.S)]


def assert_official(fragment: str) -> None:
    assert "href" not in fragment and "<a" not in fragment
    assert "'仿宋_GB2312','仿宋'" in fragment and "16pt" in fragment  # font names quoted
    assert "line-height:28.95pt" in fragment
    assert "color" not in fragment and "background" not in fragment
    assert "（掌声）" not in fragment


@pytest.mark.parametrize("path", PAGES)
def test_js_copy_text_equals_the_paragraph_model(cpage, site_url, built_site, path):
    model = model_of(built_site / path / "index.html")
    expected = {p.id: (p.role, p.copy_text) for p in model.paragraphs if p.role in TEXT_ROLES}
    cpage.goto(f"{site_url}/{path}/", wait_until="networkidle")
    got = {x["id"]: (x["role"], x["text"]) for x in cpage.evaluate("SpeechCopy.textParagraphs()")}
    assert got == expected
    # Every speech paragraph has its button; the whole text copies as the Word file lays it out.
    assert cpage.locator("article p.para > .copy-btn").count() == len(expected)
    kind = "template" if "/templates/" in path else "exemplar"
    assert cpage.evaluate("SpeechCopy.blocks()") == export_blocks(model, kind)


def test_paragraph_copy_writes_both_flavours_without_links_or_stage_directions(cpage, site_url, built_site):
    path = "peixunhui/exemplars/qinglong-peixunhui-zhuchici"
    cpage.goto(f"{site_url}/{path}/", wait_until="networkidle")
    para = cpage.locator("article p.para", has=cpage.locator("span.stage")).filter(has_text="讲课").first
    model = model_of(built_site / path / "index.html")
    expected = next(p.copy_text for p in model.paragraphs if p.id == para.get_attribute("id"))
    assert "（掌声）" in para.inner_text() and "（掌声）" not in expected
    para.hover()
    button = para.locator(".copy-btn")
    assert button.is_visible() and "复制" in button.get_attribute("aria-label")
    click_copy(button)
    assert button.get_attribute("aria-label") == "已复制"
    clip = clipboard(cpage)
    assert clip["text/plain"] == expected
    assert html_text(clip["text/html"]) == [expected]
    assert_official(clip["text/html"])
    screenshot(cpage, "copy-paragraph-done")


def test_section_and_whole_text_copy_keep_heading_numbering_and_fonts(cpage, site_url, built_site):
    path = "tuijinhui/exemplars/xian-tuijinhui-jianghua"
    model = model_of(built_site / path / "index.html")
    blocks = export_blocks(model, "exemplar")
    cpage.goto(f"{site_url}/{path}/", wait_until="networkidle")

    heading = cpage.locator("article h3").first  # （一）…: its section runs to the next h2 or h3
    heading.hover()
    click_copy(heading.locator(".copy-btn"))
    clip = clipboard(cpage)
    lines = clip["text/plain"].split("\n")
    start = next(i for i, b in enumerate(blocks) if b["text"] == lines[0])
    assert lines[0].startswith("（一）")
    end = next((i for i in range(start + 1, len(blocks)) if blocks[i]["kind"] == "heading"), len(blocks))
    assert lines == [b["text"] for b in blocks[start:end]]
    assert "楷体" in clip["text/html"].split("</p>")[0]
    assert_official(clip["text/html"])

    whole = cpage.locator(".speech-tools .copy-btn--page")
    click_copy(whole)
    assert whole.inner_text() == "已复制"
    clip = clipboard(cpage)
    title = cpage.locator(".speech-tools").get_attribute("data-doc-title")
    assert clip["text/plain"].split("\n") == [title, ""] + [b["text"] for b in blocks]
    fragment = clip["text/html"]
    first_h2 = next(b["text"] for b in blocks if b["kind"] == "heading")
    assert re.search(r'<p style="[^"]*黑体[^"]*">' + re.escape(first_h2), fragment)
    assert "方正小标宋简体" in fragment.split("</p>")[0]
    # The blank line under the title, as in the file; the salutation flush left, body justified.
    paragraphs = re.findall(r'<p style="([^"]*)">(.*?)</p>', fragment)
    assert paragraphs[1][1] == "&nbsp;"
    assert paragraphs[2][1] == "同志们：" and "text-indent" not in paragraphs[2][0]
    assert "text-align:justify" in paragraphs[3][0] and "text-indent:32pt" in paragraphs[3][0]
    assert_official(fragment)


def test_template_section_copy_leaves_out_the_label_notes_and_alternatives(cpage, site_url, built_site):
    cpage.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    h2 = cpage.locator("article h2", has_text="开场")
    h2.hover()
    click_copy(h2.locator(".copy-btn"))
    lines = clipboard(cpage)["text/plain"].split("\n")
    assert lines[0] == "同志们：" and "开场" not in lines
    assert not any("范文出处" in line or "作用" in line for line in lines)
    alternative = cpage.locator("details.alternatives p.para").first.evaluate("el => SpeechCopy.textOf(el)")
    assert alternative and alternative not in lines


def test_alternative_copies_without_its_source_link(cpage, site_url):
    cpage.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    cpage.locator("details.alternatives > summary").first.click()
    # 表述二 of the opening: an alternative with a source link (the tabs before it have none).
    cpage.locator("details.alternatives .tabbed-labels label", has_text="表述二").first.click()
    para = cpage.locator("details.alternatives .tabbed-block").nth(2).locator("p.para").first
    para.hover()
    click_copy(para.locator(".copy-btn"))
    clip = clipboard(cpage)
    assert "范文出处" not in clip["text/plain"] and clip["text/plain"].startswith("现在开会。")
    assert_official(clip["text/html"])
    # The alternative is set at body size, not the admonition's 12.8 px.
    size = "el => getComputedStyle(el).fontSize"
    assert para.evaluate(size) == cpage.locator("article > p.para").first.evaluate(size)


def test_keyboard_reaches_and_uses_a_copy_button(cpage, site_url):
    cpage.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    button = cpage.locator("article > p.para > .copy-btn").first
    assert button.evaluate("el => getComputedStyle(el).opacity") == "0"  # quiet until hover or focus
    button.focus()
    cpage.keyboard.press("Shift+Tab")
    cpage.keyboard.press("Tab")
    assert button.evaluate("el => el === document.activeElement")
    cpage.wait_for_function("el => getComputedStyle(el).opacity === '1'", arg=button.element_handle())
    cpage.keyboard.press("Enter")
    cpage.wait_for_function("el => el.getAttribute('data-copied') === 'ok'", arg=button.element_handle())
    assert clipboard(cpage)["text/plain"] == "同志们："


def test_concordance_line_copies_the_whole_paragraph(cpage, site_url, built_site):
    import json

    data = json.loads((built_site / "phrases.json").read_text(encoding="utf-8"))
    phrase = max(data, key=lambda d: d["counts"]["occurrences"])
    cpage.goto(f"{site_url}/{phrase['url']}", wait_until="networkidle")
    row = cpage.locator("table.kwic tr[data-copy]").first
    row.hover()
    click_copy(row.locator(".copy-btn"))
    clip = clipboard(cpage)
    assert clip["text/plain"] == row.get_attribute("data-copy")
    assert_official(clip["text/html"])


def test_copy_blocks_api_for_search_results(cpage, site_url):
    """The search results call SpeechCopy.copyBlocks(blocks, button) with the paragraph text."""
    cpage.goto(f"{site_url}/", wait_until="networkidle")
    ok = cpage.evaluate("""() => {
      const b = document.createElement('button'); b.textContent = '复制'; b.id = 'probe';
      document.body.appendChild(b);
      const blocks = [{kind: 'heading', level: 2, text: '一、认清形势'}, {kind: 'body', text: '现在开会。'}];
      return SpeechCopy.copyBlocks(blocks, b)
        .then(ok => [ok, b.textContent]);
    }""")
    assert ok == [True, "已复制"]
    clip = clipboard(cpage)
    assert clip["text/plain"] == "一、认清形势\n现在开会。"
    assert "黑体" in clip["text/html"] and "仿宋" in clip["text/html"]


def test_markup_in_text_copies_as_plain_text(cpage, site_url):
    cpage.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    text = '请看<script>alert("x")</script><img src=x onerror=alert(1)>这段。'
    cpage.evaluate("""t => {
      const p = document.querySelector('article > p.para');
      p.textContent = t;
      return SpeechCopy.copyBlocks([{type: 'p', text: SpeechCopy.textOf(p)}], null);
    }""", text)
    clip = clipboard(cpage)
    assert clip["text/plain"] == text
    assert "<script" not in clip["text/html"] and "<img" not in clip["text/html"]
    assert "&lt;script&gt;" in clip["text/html"]
    assert html_text(clip["text/html"]) == [text]
    assert cpage.dialogs == []


def test_slot_values_fill_the_page_and_copies_and_survive_a_reload(cpage, site_url, built_site):
    model = model_of(built_site / TEMPLATE / "index.html")
    cpage.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    panel = cpage.locator("details.slot-panel")
    assert panel.is_visible()
    panel.locator("summary").click()
    # Numbered instances sit under their base name.
    assert cpage.locator("fieldset.slot-panel__group legend", has_text="发言单位").count() == 1
    cpage.fill("input[data-slot-input='地区']", "全县")
    slot = cpage.locator("article p.para span.slot[data-slot='地区']").first
    assert slot.inner_text() == "全县"
    unfilled = cpage.locator("article p.para span.slot[data-slot='主办单位']").first
    assert unfilled.inner_text() == "［主办单位］"
    background = "el => getComputedStyle(el).backgroundColor"
    assert unfilled.evaluate(background) != slot.evaluate(background)
    para = cpage.locator("article > p.para", has=cpage.locator("span.slot[data-slot='地区']")).first
    source = next(p.copy_text for p in model.paragraphs if p.id == para.get_attribute("id"))
    expected = source.replace("［地区］", "全县")
    assert expected != source and "［" in expected  # filled and unfilled slots in one paragraph
    para.hover()
    click_copy(para.locator(".copy-btn"))
    assert clipboard(cpage)["text/plain"] == expected
    assert cpage.locator(".speech-tools__note").is_visible()
    screenshot(cpage, "slots-filled-1280")

    cpage.reload(wait_until="networkidle")
    assert cpage.locator("article p.para span.slot[data-slot='地区']").first.inner_text() == "全县"
    assert cpage.locator("input[data-slot-input='地区']").input_value() == "全县"
    # Shared by all templates: another template shows the value too.
    cpage.goto(f"{site_url}/tuijinhui/templates/jianghua/", wait_until="networkidle")
    assert cpage.locator("span.slot[data-slot='地区']").first.text_content() == "全县"
    cpage.locator("details.slot-panel summary").click()
    cpage.locator(".slot-panel__clear").click()
    assert cpage.locator("span.slot[data-slot='地区']").first.text_content() == "［地区］"
    assert cpage.evaluate("localStorage.length") == 0


def test_instant_navigation_adds_buttons_to_the_new_page(cpage, site_url):
    cpage.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    cpage.locator(".md-nav a", has_text="讲话模板").first.click()
    cpage.wait_for_url(re.compile(r"/tuijinhui/templates/jianghua/$"))
    cpage.wait_for_selector("article p.para > .copy-btn")
    assert cpage.locator(".speech-tools .copy-btn--page").count() == 1
    assert cpage.locator("details.slot-panel").is_visible()


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_buttons_and_slot_panel(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN",
                                  has_touch=width < 600, is_mobile=width < 600)
    pg = context.new_page()
    pg.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    pg.locator("details.slot-panel summary").click()
    pg.fill("input[data-slot-input='地区']", "全县")
    screenshot(pg, f"copy-template-{width}")
    pg.locator("article h2").first.scroll_into_view_if_needed()
    screenshot(pg, f"copy-template-body-{width}")
    if width < 600:
        # Touch screens: the buttons show without hover.
        button = pg.locator("article p.para > .copy-btn").first
        assert button.evaluate("el => getComputedStyle(el).opacity") != "0"
    context.close()


def test_the_page_paste_and_the_file_agree(cpage, site_url):
    """The whole-text copy and the Word file hold the same blocks: one paragraph model, one layout."""
    cpage.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    click_copy(cpage.locator(".speech-tools .copy-btn--page"))
    plain = clipboard(cpage)["text/plain"].split("\n")
    blocks = cpage.evaluate("SpeechDocx.blocksFromPage()")
    assert plain == [blocks[0]["text"], ""] + [b["text"] for b in blocks[1:]]


def test_search_result_copies_both_flavours(cpage, site_url):
    from urllib.parse import quote

    query = "攻坚冲刺"
    cpage.goto(f"{site_url}/search/?q={quote(query)}")
    cpage.wait_for_function("q => document.querySelector('[data-ss-page]').dataset.done === q", arg=query)
    button = cpage.locator(".ss-result .ss-copy").first
    click_copy(button)
    assert button.inner_text() == "已复制"
    clip = clipboard(cpage)
    assert query in clip["text/plain"] and "\n" not in clip["text/plain"]
    assert html_text(clip["text/html"]) == [clip["text/plain"]]
    assert_official(clip["text/html"])


def test_write_and_html_are_the_one_clipboard_path(cpage, site_url):
    """SpeechCopy.write(plain, html) and SpeechCopy.html(blocks), as the draft page calls them."""
    cpage.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    fragment = cpage.evaluate("""async () => {
      await SpeechCopy.loadLayout();
      const html = SpeechCopy.html([{kind: 'title', text: '标题<b>'}, {kind: 'meta', text: '县长'},
        {kind: 'runin', level: 2, text: '一、抓落实。要<i>快</i>。'}, {kind: 'heading', level: 4, text: '1. 小标题'}]);
      await SpeechCopy.write('纯文字', html);
      return html;
    }""")
    clip = clipboard(cpage)
    assert clip["text/plain"] == "纯文字"
    assert html_text(clip["text/html"]) == ["标题<b>", "县长", "\xa0", "一、抓落实。要<i>快</i>。", "1. 小标题"]
    assert "<b>" not in fragment and "<i>" not in fragment
    assert re.search(r"<span style=\"[^\"]*'黑体'[^\"]*\">一、抓落实。</span>", fragment)
    heading4 = re.findall(r'<p style="([^"]*)">1\. 小标题', fragment)[0]
    assert "bold" not in heading4 and "'仿宋_GB2312'" in heading4
    assert "text-align:center" in re.findall(r'<p style="([^"]*)">县长', fragment)[0]
