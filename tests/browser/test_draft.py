"""组稿 in Chromium (docs/assets/js/draft.js, agenda.js): a 主持词 from an agenda, a draft assembled
from pieces of four kinds of places, slots per draft, export and import.

What the A4 preview shows (its lines, joined per block), what the clipboard holds (both flavours)
and what the Word file holds (word/document.xml) are read back independently and compared. The
expected host script is computed here, in Python, from data/agenda.yml."""

from __future__ import annotations

import html
import io
import json
import re
import zipfile

import pytest
from test_copy import READ_CLIPBOARD

from conftest import ROOT, screenshot
from speechlib.text import load_yaml

AGENDA = load_yaml((ROOT / "data" / "agenda.yml").read_text(encoding="utf-8"), "data/agenda.yml")[1]
TEMPLATE = "tuijinhui/templates/zhuchici"
EXEMPLAR = "tuijinhui/exemplars/xian-tuijinhui-jianghua"

# The preview's text: its lines, joined per block (data-b), in order; the blank line under the title
# (data-b -1) left out.
PREVIEW_TEXT = """() => {
  const out = [];
  let last = null;
  document.querySelectorAll('.dpv-line').forEach(line => {
    const b = line.getAttribute('data-b');
    if (b === '-1') return;
    if (b !== last) { out.push(''); last = b; }
    out[out.length - 1] += line.textContent;
  });
  return out;
}"""


@pytest.fixture()
def dpage(browser, site_url):
    """A page that may use the clipboard and download files; errors in page scripts fail the test."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: d.accept())
    yield pg
    assert pg.errors == []
    context.close()


def pieces(pg) -> list[str]:
    return [t.strip() for t in pg.locator("li.dp .dp__text").all_text_contents()]


def counter(pg) -> int:
    return int(pg.locator("[data-draft-count]").text_content())


def docx_paragraphs(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    body = xml.split("<w:body>", 1)[1]
    out = []
    for p in re.findall(r"<w:p[ >].*?</w:p>|<w:p/>", body, re.S):
        out.append(html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))))
    return [t for t in out if t]


def take_away(pg) -> tuple[list[str], dict, list[str]]:
    """(preview blocks, clipboard flavours, Word file paragraphs) of the current draft."""
    preview = pg.evaluate(PREVIEW_TEXT)
    pg.locator(".draft-out__copy").click()
    pg.wait_for_function("document.querySelector('.draft-out__copy').hasAttribute('data-done')")
    clip = pg.evaluate(READ_CLIPBOARD)
    with pg.expect_download() as download:
        pg.locator(".draft-out__word").click()
    path = download.value.path()
    return preview, clip, docx_paragraphs(open(path, "rb").read())


def fill(text: str, values: dict[str, str]) -> str:
    return re.sub(r"［([^［］\s]{1,20})］", lambda m: values.get(m.group(1), m.group(0)), text)


# --- a 主持词 from a six-item agenda, both principal leaders speaking --------------------------------

MEETING = {"会议名称": "全县安全生产工作推进会", "主办单位": "县委、县政府", "工作领域": "安全生产",
           "参会人员": "各乡镇党委书记、乡镇长，县直有关部门主要负责同志"}
# As typed, out of order on purpose: the secretary's main speech and the county head's speech are
# not last; the form puts the county head right before the secretary, who speaks last.
ITEMS = [
    ("通报", "县应急管理局", "", False),
    ("主要领导讲话", "王××", "县委书记", False),
    ("交流发言", "城关镇、河口镇、县住房城乡建设局", "", False),
    ("讲话", "李××", "县委副书记、县长", True),
    ("宣读文件", "赵××", "副县长", False),
    ("表态发言", "各乡镇", "", False),
]
ORDER = [0, 2, 4, 5, 3, 1]  # the order the host script must follow
CN = "一二三四五六"


def expected_script() -> list[str]:
    """The host script data/agenda.yml gives for ITEMS, first alternatives, values filled."""
    values = dict(MEETING, 主要领导职务="县委书记", 主要领导姓名="王××",
                  政府主要领导职务="县委副书记、县长", 政府主要领导姓名="李××")
    units = ["城关镇", "河口镇", "县住房城乡建设局"]
    item_values = {
        0: {"通报单位": "县应急管理局"},
        2: {"发言单位": "、".join(units), **{f"发言单位{i + 1}": u for i, u in enumerate(units)}},
        4: {"分管领导职务": "副县长", "分管领导姓名": "赵××"},
        5: {"发言单位": "各乡镇", "发言单位1": "各乡镇"},
        3: {}, 1: {},
    }
    items, two = AGENDA["items"], AGENDA["two_leaders"]
    out = list(AGENDA["address"]) + [AGENDA["opening"][0]]
    out.append(next(a for a in AGENDA["attendees"] if "［政府主要领导职务］" in a))
    labels = []
    for n, i in enumerate(ORDER):
        kind = ITEMS[i][0]
        label = items[kind]["label"]
        if i == 3:
            label = label.replace("［分管领导职务］［分管领导姓名］", "［政府主要领导职务］［政府主要领导姓名］")
        labels.append(CN[n] + "是" + fill(label, item_values[i]))
    announce = AGENDA["agenda"][0].replace("［议程数］", "六")
    head, tail = announce.split("项议程", 1)
    out.append(head + "项议程：" + "；".join(labels) + "。" + tail.lstrip("。，："))
    for n, i in enumerate(ORDER):
        kind = ITEMS[i][0]
        v = dict(item_values[i], 议程序号=CN[n])
        if i == 1:
            out.append(fill(two["handover_party"][0], v))
        elif i == 3:
            out += [fill(two["handover_government"][0], v), fill(two["summary_government"][0], v)]
        else:
            out += [fill(items[kind]["handover"][0], v), fill(items[kind]["summary"][0], v)]
    out += [two["closing_summary"][0], AGENDA["closing"]["requirements"][0], AGENDA["closing"]["end"][0]]
    return [fill(t, values) for t in out]


def generate(pg, meeting: dict[str, str], items) -> None:
    pg.locator("details.draft-agenda > summary").click()
    form = pg.locator("form.draft-agenda__form")
    for name, value in meeting.items():
        form.locator(f'input[name="{name}"]').fill(value)
    for i, (kind, speaker, rank, government) in enumerate(items):
        if i:
            form.locator(".draft-agenda__add").click()
        row = form.locator(".draft-agenda__item").nth(i)
        row.locator("select").select_option(kind)
        row.locator('input[name="speaker"]').fill(speaker)
        if rank:
            row.locator('input[name="rank"]').fill(rank)
        if government:
            row.locator('input[name="government"]').check()
    form.locator(".draft-agenda__go").click()


def test_agenda_with_both_principal_leaders_makes_the_whole_host_script(dpage, site_url):
    dpage.goto(f"{site_url}/draft/", wait_until="networkidle")
    generate(dpage, MEETING, ITEMS)
    dpage.wait_for_function("document.querySelectorAll('li.dp').length > 10")
    expected = expected_script()
    got = pieces(dpage)
    assert got == expected
    # The count, the order, every hand-over: read off the list the writer sees.
    assert "共有六项议程：一是县应急管理局通报" in got[4]
    assert got[4].index("五是县委副书记、县长李××同志讲话") < got[4].index("六是县委书记王××同志作重要讲话")
    handovers = [t for t in got if t.startswith("下面进行会议第")]
    assert [t[7] for t in handovers] == list(CN)
    speakers = ["县应急管理局", "城关镇、河口镇、县住房城乡建设局", "副县长赵××", "各乡镇", "县长李××", "县委书记王××"]
    assert all(s in h for s, h in zip(speakers, handovers, strict=True))
    # The host sums up the county head's speech right after it, never the secretary's before the
    # close; the close sums up the main speech first.
    gov = got.index(handovers[4])
    assert got[gov + 1].startswith("刚才，县委副书记、县长李××同志")
    assert got[gov + 2] == handovers[5] and got[gov + 3].startswith("刚才，县委书记王××同志作了重要讲话")
    assert got[gov + 3].index("县委书记") < got[gov + 3].index("县长李××")
    assert "讲得很好" not in "".join(got)
    assert got[-1] == AGENDA["closing"]["end"][0]
    assert "排到最后" in dpage.locator(".draft-message").text_content()
    # The title and the values are the draft's: filled once, shown in the slot list.
    assert dpage.locator("#draft-title").input_value() == AGENDA["title"]
    assert dpage.locator('.draft-slots input[data-slot-input="会议名称"]').input_value() == "全县安全生产工作推进会"
    preview = dpage.evaluate(PREVIEW_TEXT)
    assert preview == ["全县安全生产工作推进会主持词"] + expected
    assert counter(dpage) == len(expected)
    # Alternatives where the file offers them: switch the main speech's hand-over to 最后，请…
    main = dpage.locator("li.dp").nth(got.index(handovers[5]))
    main.locator("select.dp__alt").select_option(label="表述二")
    assert pieces(dpage)[got.index(handovers[5])] == "最后，请县委书记王××同志作重要讲话，大家欢迎。"
    screenshot(dpage, "draft-agenda")


# --- a draft from four kinds of places -------------------------------------------------------------

def click_add(pg, button) -> None:
    button.scroll_into_view_if_needed()
    button.click()
    pg.wait_for_function("b => b.hasAttribute('data-added')", arg=button.element_handle())


def test_a_row_of_the_header_search_goes_into_the_draft_whole(dpage, site_url):
    dpage.goto(f"{site_url}/{EXEMPLAR}/", wait_until="networkidle")
    dpage.locator(".ss-box__input").focus()
    dpage.keyboard.insert_text("抓好贯彻落实")  # as a paste gives it: an input event, no keys
    dpage.wait_for_function("() => document.querySelector('[data-ss-box]').dataset.done === '抓好贯彻落实'")
    row = dpage.locator(".ss-drop__item").first
    add = row.locator("[data-draft-add]")
    assert add.text_content() == "＋组稿"
    assert add.get_attribute("aria-label").startswith("把这一段加入组稿：")
    whole = row.get_attribute("data-copy")
    href = row.locator(".ss-drop__link").evaluate("a => a.href")
    shown = row.locator(".ss-drop__text").text_content()
    add.click()
    dpage.wait_for_function("b => b.getAttribute('data-added') === 'ok'", arg=add.element_handle())
    screenshot(dpage, "draft-from-search-dropdown")
    assert counter(dpage) == 1
    assert dpage.locator(".ss-drop").is_visible()  # the dropdown stays open for the next row
    dpage.set_viewport_size({"width": 390, "height": 844})
    dpage.wait_for_timeout(300)  # the box's width transition
    screenshot(dpage, "draft-from-search-dropdown-390")
    box = row.bounding_box()
    assert add.bounding_box()["x"] + add.bounding_box()["width"] <= box["x"] + box["width"]  # not cut off
    # The piece is the whole paragraph, not the snippet the dropdown shows, with its source.
    dpage.locator("[data-draft-counter]").click()
    dpage.wait_for_selector("li.dp")
    piece = dpage.locator("li.dp").first
    assert piece.locator(".dp__text").text_content() == whole
    assert "抓好贯彻落实" in whole and shown.strip("…") in whole
    assert piece.locator(".dp__role").text_content() == "检索结果"
    assert piece.locator("a.dp__source").get_attribute("href") == href


def test_assemble_reorder_heading_slots_and_take_away(dpage, site_url):
    # 1. A template paragraph.
    dpage.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    para = dpage.locator('article p.para[data-role="body"]', has_text="以来").first
    template_text = dpage.evaluate("p => SpeechCopy.textOf(p)", para.element_handle())
    para_id = para.get_attribute("id")
    click_add(dpage, para.locator("[data-draft-add]"))
    # 2. An alternative (备选表述) of the same template: open the box, pick 表述二.
    box = dpage.locator("details.alternatives").first
    box.locator("summary").click()
    box.locator("label", has_text="表述二").click()
    alt = box.locator(".tabbed-block").nth(2).locator('p[data-role="alternative"]').first
    click_add(dpage, alt.locator("[data-draft-add]"))
    assert counter(dpage) == 2
    # 3. An exemplar's section (a numbered heading and its paragraphs).
    dpage.goto(f"{site_url}/{EXEMPLAR}/", wait_until="networkidle")
    heading = dpage.locator("article h2[id]", has_text="一、").first
    section_blocks = dpage.evaluate("h => SpeechCopy.blocks(h)", heading.element_handle())
    click_add(dpage, heading.locator("[data-draft-add]"))
    assert counter(dpage) == 2 + len(section_blocks)
    # 4. A search result.
    dpage.goto(f"{site_url}/search/?q=抓好贯彻落实", wait_until="networkidle")
    result = dpage.locator(".ss-result").first
    result.wait_for()
    result_text = result.locator(".ss-result__text").text_content()
    click_add(dpage, result.locator("[data-draft-add]"))
    total = 3 + len(section_blocks)
    assert counter(dpage) == total

    dpage.locator("[data-draft-counter]").click()
    dpage.wait_for_selector("li.dp")
    items = dpage.locator("li.dp")
    assert items.count() == total
    # Each piece keeps its source and role.
    first = items.nth(0)
    assert first.locator(".dp__role").text_content() == "正文段落"
    assert first.locator("a.dp__source").text_content() == "推进会主持词"
    assert first.locator("a.dp__source").get_attribute("href") == f"{site_url}/{TEMPLATE}/#{para_id}"
    assert first.locator(".dp__text").text_content() == template_text  # its slots as ［名称］
    assert items.nth(1).locator(".dp__role").text_content() == "备选表述：表述二"
    assert items.nth(2).locator(".dp__role").text_content().startswith("小节：一、")
    assert items.nth(total - 1).locator(".dp__role").text_content() == "检索结果"

    # Reorder by keyboard: the search result up to second place; focus stays on it.
    last = items.nth(total - 1)
    last_id = last.get_attribute("data-piece")
    last.locator(".dp__handle").focus()
    for _ in range(total - 2):
        dpage.keyboard.press("ArrowUp")
    assert dpage.locator("li.dp").nth(1).get_attribute("data-piece") == last_id
    assert dpage.evaluate("document.activeElement.closest('li.dp').getAttribute('data-piece')") == last_id
    # …and by drag: the alternative (now third) above everything.
    alt_id = items.nth(2).get_attribute("data-piece")
    dpage.set_viewport_size({"width": 1280, "height": 1800})  # both pieces on screen while dragging
    dpage.evaluate("window.scrollTo(0, 0)")  # not under the sticky header
    items.nth(2).locator(".dp__handle").drag_to(items.nth(0), target_position={"x": 10, "y": 3})
    assert dpage.locator("li.dp").nth(0).get_attribute("data-piece") == alt_id

    # Insert a heading after the first piece: numbered 一、, the exemplar's own 一、 becomes 二、.
    dpage.locator("li.dp").nth(0).locator(".dp__handle").focus()
    dpage.locator("#draft-level").select_option("2")
    dpage.locator("#draft-heading").fill("提高政治站位")
    dpage.locator(".draft-tools__insert").click()
    got = pieces(dpage)
    assert got[1] == "一、提高政治站位"
    section_heading = next(t for t in got if t.startswith("二、"))
    assert section_heading[2:] == section_blocks[0]["text"][2:]
    # Undo takes the heading out again; do it again to keep it.
    dpage.locator(".draft-tools__undo").click()
    assert "一、提高政治站位" not in pieces(dpage)
    dpage.locator("li.dp").nth(0).locator(".dp__handle").focus()
    dpage.locator("#draft-heading").fill("提高政治站位")
    dpage.locator("#draft-heading").press("Enter")

    # Edit a piece in place: marked as changed.
    piece = dpage.locator("li.dp").nth(2)
    piece.locator(".dp__editbtn").click()
    area = piece.locator("textarea")
    area.fill(area.input_value() + "务求实效。")
    area.press("Control+Enter")
    assert dpage.locator("li.dp").nth(2).locator(".dp__changed").count() == 1

    # Slots once: every slot of the draft listed once, with help and example; fill each with it.
    inputs = dpage.locator(".draft-slots input[data-slot-input]")
    names = [i.get_attribute("data-slot-input") for i in inputs.all()]
    assert len(names) == len(set(names)) and "起始时间" in names
    values = {}
    for name in names:
        field = dpage.locator(f'.draft-slots input[data-slot-input="{name}"]')
        values[name] = field.get_attribute("placeholder").removeprefix("例：")
        field.fill(values[name])
    dpage.locator("#draft-title").fill("全县安全生产工作推进会主持词")
    dpage.locator("#draft-title").press("Tab")

    preview, clip, word = take_away(dpage)
    assert "［" not in "".join(preview)
    assert preview[0] == "全县安全生产工作推进会主持词"
    assert preview[1:] == [t for t in pieces(dpage) if t]  # the list shows the values too
    assert clip["text/plain"].split("\n") == [preview[0], ""] + preview[1:]
    clip_html = [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<p\b.*?</p>", clip["text/html"], re.S)]
    assert [t for t in clip_html if t.strip("\xa0 ")] == preview
    assert word == preview
    assert fill(result_text, values) in preview
    screenshot(dpage, "draft-assembled")


def test_slot_values_belong_to_their_draft(dpage, site_url):
    dpage.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    click_add(dpage, dpage.locator("article p.para[data-role=body] > [data-draft-add]").nth(2))
    dpage.goto(f"{site_url}/draft/", wait_until="networkidle")
    first = dpage.locator("#draft-pick").input_value()
    dpage.locator('.draft-slots input[data-slot-input="地区"]').fill("全县")
    dpage.locator(".draft-bar__new").click()
    assert counter(dpage) == 0
    # The template's slot panel shows the new draft's values: none.
    dpage.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    assert dpage.locator('span.slot[data-slot="地区"]').first.text_content() == "［地区］"
    dpage.goto(f"{site_url}/draft/", wait_until="networkidle")
    dpage.locator("#draft-pick").select_option(first)
    assert counter(dpage) == 1
    dpage.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    assert dpage.locator('span.slot[data-slot="地区"]').first.text_content() == "全县"


def test_export_and_import_a_draft(dpage, site_url, tmp_path):
    dpage.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    click_add(dpage, dpage.locator("article p.para[data-role=body] > [data-draft-add]").nth(2))
    click_add(dpage, dpage.locator("article p.para[data-role=body] > [data-draft-add]").nth(3))
    dpage.goto(f"{site_url}/draft/", wait_until="networkidle")
    dpage.locator('.draft-slots input[data-slot-input="地区"]').fill("全县")
    before = pieces(dpage)
    with dpage.expect_download() as download:
        dpage.locator(".draft-bar__export").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["format"] == "speechlib-draft" and data["slots"] == {"地区": "全县"}
    # Another computer: a browser with nothing stored.
    dpage.evaluate("localStorage.clear()")
    dpage.reload(wait_until="networkidle")
    assert counter(dpage) == 0
    dpage.locator("#draft-import").set_input_files(download.value.path())
    dpage.wait_for_function("document.querySelectorAll('li.dp').length === 2")
    assert pieces(dpage) == before
    bad = tmp_path / "bad.json"
    bad.write_text('{"pieces": 1}', encoding="utf-8")
    dpage.locator("#draft-import").set_input_files(str(bad))
    dpage.wait_for_function("document.querySelector('.draft-message').textContent.includes('不是组稿导出的文件')")


def test_phone_shows_the_list_first_and_the_preview_behind_a_tab(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
    pg = context.new_page()
    pg.goto(f"{site_url}/draft/", wait_until="networkidle")
    assert pg.locator(".draft-list").is_visible() or pg.locator(".draft-empty").is_visible()
    assert not pg.locator(".draft-preview").is_visible()
    pg.locator(".draft-tab", has_text="A4 预览").click()
    assert pg.locator(".draft-preview").is_visible()
    context.close()


def test_bench_script_runs_on_the_built_site(built_site):
    """scripts/bench_draft.py measures and prints; its figures are not asserted."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_draft.py"), "--site", str(built_site), "--pieces", "20",
         "--repeat", "1"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "稿件 20 段" in result.stdout and "重排" in result.stdout


def test_example_draft_fills_the_template_and_the_preview_from_the_examples(dpage, site_url):
    dpage.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    body = dpage.locator('article p[data-role="body"]', has_text="以来").first
    assert "［地区］" in body.text_content()
    dpage.locator(".draft-example input").check()
    assert "［" not in body.text_content() and "全县" in body.text_content()
    dpage.locator(".draft-example input").uncheck()
    assert "［地区］" in body.text_content()
    click_add(dpage, body.locator("[data-draft-add]"))
    dpage.goto(f"{site_url}/draft/", wait_until="networkidle")
    dpage.wait_for_selector(".draft-slots input[placeholder^='例：']")
    assert "［地区］" in "".join(dpage.evaluate(PREVIEW_TEXT))
    dpage.locator(".draft-preview__head .draft-example input").check()
    text = "".join(dpage.evaluate(PREVIEW_TEXT))
    assert "［" not in text and "全县" in text


def test_insertion_point_places_pieces_added_elsewhere(dpage, site_url):
    dpage.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    buttons = dpage.locator("article p.para[data-role=body] > [data-draft-add]")
    for i in (2, 3, 4):
        click_add(dpage, buttons.nth(i))
    dpage.goto(f"{site_url}/draft/", wait_until="networkidle")
    first_two = pieces(dpage)[:2]
    dpage.locator("li.dp").nth(0).locator(".dp__at").click()
    assert dpage.locator("li.dp").nth(0).locator(".dp__at").get_attribute("aria-pressed") == "true"
    dpage.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    added = dpage.evaluate("p => SpeechCopy.textOf(p)", buttons.nth(6).locator("xpath=..").element_handle())
    click_add(dpage, buttons.nth(6))
    click_add(dpage, buttons.nth(7))
    dpage.goto(f"{site_url}/draft/", wait_until="networkidle")
    got = pieces(dpage)
    assert got[0] == first_two[0] and got[1] == added and got[3] == first_two[1]
    # The point moved past what was added: the last added piece holds it now.
    assert dpage.locator("li.dp").nth(2).locator(".dp__at").get_attribute("aria-pressed") == "true"


def test_agenda_form_remembers_the_last_meeting(dpage, site_url):
    dpage.goto(f"{site_url}/draft/", wait_until="networkidle")
    generate(dpage, MEETING, ITEMS[:2])
    dpage.wait_for_selector("li.dp")
    dpage.reload(wait_until="networkidle")
    dpage.locator("details.draft-agenda > summary").click()
    form = dpage.locator("form.draft-agenda__form")
    assert form.locator('input[name="会议名称"]').input_value() == MEETING["会议名称"]
    assert form.locator(".draft-agenda__item").count() == 2
    assert form.locator(".draft-agenda__item").nth(1).locator("select").input_value() == "主要领导讲话"
    form.locator(".draft-agenda__clear").click()
    assert form.locator('input[name="会议名称"]').input_value() == ""
    assert form.locator(".draft-agenda__item").count() == 1


def test_concordance_line_joins_the_draft_with_its_source(dpage, site_url):
    dpage.goto(f"{site_url}/phrases/xian-qi-zheng-gai/", wait_until="networkidle")
    row = dpage.locator("tr[data-copy]").first
    text = row.get_attribute("data-copy")
    source = row.locator(".kwic-src a").text_content()
    row.hover()
    click_add(dpage, row.locator("[data-draft-add]"))
    assert counter(dpage) == 1
    dpage.goto(f"{site_url}/draft/", wait_until="networkidle")
    piece = dpage.locator("li.dp").first
    assert piece.locator(".dp__text").text_content() == text
    assert piece.locator(".dp__role").text_content() == "表述例句"
    assert piece.locator("a.dp__source").text_content() == source
