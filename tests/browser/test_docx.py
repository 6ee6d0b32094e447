"""Word files made in the browser (docs/assets/js/docx.js over the build's shell .docx), measured.

For two templates and two exemplars the file the page's own writer makes is opened in python-docx
and converted by LibreOffice (``soffice --headless --convert-to pdf``); the PDF is read with
poppler's ``pdftotext -bbox-layout`` and rendered with ``pdftoppm``. What is checked is what a reader
of the printed speech sees: 22 lines on a full page, 28 characters on a full line, the title centred,
the page numbers "— n —" 7 mm below the type area, odd pages right and even pages left, no link and
no colour but the yellow of an unfilled slot. Then the Word button itself, with slot values (markup,
300 characters, a control character) and with a broken stored value."""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from speechlib.export import docx as dx
from speechlib.page.blocks import document_title

PAGES = [
    "tuijinhui/templates/jianghua",  # 一、 headings written as bold paragraphs
    "tuijinhui/templates/zhuchici",
    "nianduhuiyi/exemplars/shiyiwu-shi-nianduhuiyi-jianghua",  # the longest; title with a suffix
    "tuijinhui/exemplars/xian-tuijinhui-jianghua",
]
MM = 72 / 25.4
TYPE_LEFT, TYPE_RIGHT = dx.MARGIN_LEFT * MM, (dx.MARGIN_LEFT + dx.TYPE_W) * MM
TYPE_TOP, TYPE_BOTTOM = dx.MARGIN_TOP * MM, (dx.MARGIN_TOP + dx.TYPE_H) * MM
FULL_WIDTH_RE = re.compile("[\u3000-\u9fff\uff00-\uffef“”‘’]+")
HANGING = "，。、；：！？”’）》］"
FOLIO_RE = re.compile(r"^—\s*(\d+)\s*—$")

MAKE = """async ([values]) => {
  const bar = document.querySelector('.speech-tools');
  const blocks = SpeechDocx.blocksFromPage();
  const blob = await SpeechDocx.build(blocks, {title: bar.dataset.docTitle, slotValues: values,
                                              markSlots: bar.dataset.kind === 'template'});
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return {docx: btoa(s), blocks, type: blob.type};
}"""


@pytest.fixture(scope="module")
def made(browser, site_url, tmp_path_factory):
    """Each page's .docx as its page makes it, and the PDF LibreOffice makes of it."""
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.fail("LibreOffice and poppler-utils are missing: run 'make test' (it installs them)")
    out = tmp_path_factory.mktemp("docx")
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    files = {}
    for i, path in enumerate(PAGES):
        pg.goto(f"{site_url}/{path}/", wait_until="networkidle")
        result = pg.evaluate(MAKE, [None])
        target = out / f"{i}.docx"
        target.write_bytes(base64.b64decode(result["docx"]))
        files[path] = {"docx": target, "blocks": result["blocks"], "type": result["type"]}
    context.close()
    assert errors == []
    profile = out / "lo-profile"
    env = dict(os.environ, HOME=str(out))
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), *[str(f["docx"]) for f in files.values()]],
        check=True, capture_output=True, timeout=180, env=env,
    )
    for info in files.values():
        info["pdf"] = info["docx"].with_suffix(".pdf")
        assert info["pdf"].is_file(), f"LibreOffice could not open {info['docx']}"
    return files


def pdf_lines(pdf: Path) -> list[list[dict]]:
    """Per page, its lines: text and box in points (pdftotext -bbox-layout)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True))
    pages = []
    for page in root.iter("{*}page"):
        lines = []
        for line in page.iter("{*}line"):
            words = [w.text or "" for w in line.iter("{*}word")]
            box = {k: float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")}
            lines.append({"text": "".join(words), **box})
        pages.append(lines)
    return pages


def body_lines(lines: list[dict]) -> list[dict]:
    return [ln for ln in lines if ln["yMin"] < TYPE_BOTTOM]


def folio(lines: list[dict]) -> dict:
    below = [ln for ln in lines if ln["yMin"] >= TYPE_BOTTOM]
    assert len(below) == 1, f"one page-number line below the type area, got {below}"
    return below[0]


def ppm_colours(pdf: Path, first: int, last: int) -> list[tuple[int, int, int]]:
    """The distinct colours of pages first..last rendered at 40 dpi (binary PPM, read by hand)."""
    out = subprocess.run(["pdftoppm", "-r", "40", "-f", str(first), "-l", str(last), str(pdf)],
                         capture_output=True, check=True).stdout
    colours: set[tuple[int, int, int]] = set()
    pos = 0
    while pos < len(out):
        header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", out[pos:])
        width, height = int(header.group(1)), int(header.group(2))
        start = pos + header.end()
        data = out[start:start + width * height * 3]
        colours |= {tuple(data[i:i + 3]) for i in range(0, len(data), 3)}
        pos = start + width * height * 3
    return sorted(colours)


@pytest.mark.parametrize("path", PAGES)
def test_browser_made_file_opens_and_holds_the_pages_blocks(made, path):
    info = made[path]
    assert info["type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    doc = docx.Document(str(info["docx"]))
    blocks = info["blocks"]
    title = blocks[0]["text"]
    assert blocks[0]["kind"] == "title" and title == doc.core_properties.title
    assert "（" not in title or "年）" not in title  # the site's place-and-year suffix is not in a document
    head = [b for b in blocks if b["kind"] in ("title", "meta")]
    paras = doc.paragraphs
    # Title and meta lines, one blank line, then one paragraph per block, in order, with its style.
    assert [p.text for p in paras[: len(head)]] == [b["text"] for b in head]
    assert paras[len(head)].text == "" and paras[len(head)].style.style_id == "Normal"
    rest = paras[len(head) + 1:]
    body = blocks[len(head):]
    assert len(rest) == len(body)
    expected_style = {"heading": lambda b: dx.STYLE_IDS["heading"][b["level"]], "salutation": lambda b: "SpeechSalutation",
                      "body": lambda b: "Normal", "runin": lambda b: "Normal"}
    for block, para in zip(body, rest, strict=True):
        assert para.text == block["text"]
        assert para.style.style_id == expected_style[block["kind"]](block)
        if block["kind"] == "runin":
            assert para.runs[0]._r.find(qn("w:rPr") + "/" + qn("w:rStyle")).get(qn("w:val")) == \
                dx.STYLE_IDS["runin"][block["level"]]
    xml = info["docx"].read_bytes()
    assert b"hyperlink" not in xml
    if "/templates/" in path:
        assert any(r.style.style_id == "SpeechSlot" for p in paras for r in p.runs), "unfilled slots are marked"
    if "jianghua" in path and "/templates/" in path:
        # 一、 headings written as bold paragraphs are first-level headings.
        assert any(b["kind"] == "heading" and b["level"] == 2 for b in body)
    if path.startswith("nianduhuiyi"):
        assert [b["text"] for b in head][1:] == ["市长"]  # the speaker under the title


@pytest.mark.parametrize("path", PAGES)
def test_printed_pages_keep_the_standard(made, path):
    pages = pdf_lines(made[path]["pdf"])
    assert len(pages) >= 2
    # The title: the first line, centred on the type area.
    first = body_lines(pages[0])
    title = document_title(made[path]["blocks"][0]["text"])
    assert title.startswith(first[0]["text"])
    centre = (first[0]["xMin"] + first[0]["xMax"]) / 2
    assert abs(centre - (TYPE_LEFT + TYPE_RIGHT) / 2) < 3, "the title is centred"
    full_lines = []
    for number, lines in enumerate(pages, start=1):
        body = body_lines(lines)
        if 1 < number < len(pages):
            assert len(body) == dx.LINES, f"page {number}: {len(body)} lines"
        # Full lines (from edge to edge) of body text in full-width characters only.
        full_lines += [
            ln["text"] for ln in body
            if ln["xMax"] > TYPE_RIGHT - 4 and ln["xMin"] < TYPE_LEFT + 4 and ln["yMax"] - ln["yMin"] < 24
            and FULL_WIDTH_RE.fullmatch(ln["text"])
        ]
        # The page number: "— n —", odd pages right, even pages left, 7 mm below the type area.
        number_line = folio(lines)
        found = FOLIO_RE.match(number_line["text"])
        assert found and int(found.group(1)) == number
        if number % 2:
            assert abs(number_line["xMax"] - (TYPE_RIGHT - dx.FOLIO_PT)) < 3
        else:
            assert abs(number_line["xMin"] - (TYPE_LEFT + dx.FOLIO_PT)) < 3
        gap_mm = (number_line["yMin"] - TYPE_BOTTOM) / MM
        assert 5.5 < gap_mm < 8.5, f"page {number}: the page number is {gap_mm:.1f} mm below the type area"
    # 28 characters on a full line. Chinese line breaking moves a character now and then: a comma or
    # stop that may not start a line hangs in the margin (not counted); a line is one or two short
    # (and justified) where it may not end with an opening bracket or the next word is a number.
    lengths = [len(t) - (t[-1] in HANGING and len(t) > dx.CHARS) for t in full_lines]
    assert len(lengths) >= 10 and max(lengths) == dx.CHARS, full_lines
    assert lengths.count(dx.CHARS) >= 0.9 * len(lengths), full_lines
    pdf = made[path]["pdf"].read_bytes()
    assert b"/URI" not in pdf and b"/Link" not in pdf


@pytest.mark.parametrize("path", [PAGES[0], PAGES[2]])
def test_no_colour_but_the_slot_mark(made, path):
    colours = ppm_colours(made[path]["pdf"], 1, 2)
    coloured = [c for c in colours if max(c) - min(c) > 24]
    # Anything not grey is the slot mark's yellow or black text antialiased on it (red = green > blue).
    assert all(abs(r - g) <= 24 and b < min(r, g) for r, g, b in coloured), coloured[:5]
    if "/templates/" in path:
        assert any(r > 230 and g > 230 and b < 60 for r, g, b in colours), "the unfilled slots are yellow"
    else:
        assert coloured == []


TEMPLATE = "tuijinhui/templates/zhuchici"


@pytest.fixture()
def dpage(browser, site_url):
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    assert pg.errors == []
    context.close()


def test_word_button_writes_filled_values_as_text_and_marks_unfilled_slots(dpage, site_url, tmp_path):
    dpage.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    button = dpage.locator(".speech-tools__docx")
    assert button.is_visible() and button.inner_text() == "下载 Word 文件"
    long_value = "县" * 300
    markup = "全县<b>&\"'</b>\u000b"
    dpage.evaluate("""([a, b]) => localStorage.setItem(SpeechSlots.key,
      JSON.stringify({"地区": a, "会议名称": b}))""", [markup, long_value])
    with dpage.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "推进会主持词.docx"
    target = tmp_path / "filled.docx"
    download.save_as(target)
    doc = docx.Document(str(target))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "全县<b>&\"'</b>上下认真贯彻［主办单位］" in text  # the control character is gone
    assert f"今天召开{long_value}" in text
    assert "［地区］" not in text and "［会议名称］" not in text
    marked = [r.text for p in doc.paragraphs for r in p.runs if r.style.style_id == "SpeechSlot"]
    assert "［主办单位］" in marked and not any("全县" in m for m in marked)
    assert "请在浏览器的下载列表中查看" in dpage.locator(".speech-tools__status").inner_text()
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(target)],
                   check=True, capture_output=True, timeout=120, env=dict(os.environ, HOME=str(tmp_path)))
    pdf_text = subprocess.run(["pdftotext", str(tmp_path / "filled.pdf"), "-"], capture_output=True,
                              check=True, text=True).stdout
    assert "全县<b>&\"'</b>" in pdf_text


def test_a_broken_stored_value_gives_a_message_and_the_download_still_works(dpage, site_url, tmp_path):
    dpage.goto(f"{site_url}/{TEMPLATE}/", wait_until="networkidle")
    dpage.evaluate("localStorage.setItem(SpeechSlots.key, '{\"地区\": \"全县\"')")  # cut short
    with dpage.expect_download() as info:
        dpage.locator(".speech-tools__docx").click()
    target = tmp_path / "broken.docx"
    info.value.save_as(target)
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "［地区］" in text
    status = dpage.locator(".speech-tools__status").inner_text()
    assert "已损坏" in status and "清空全部填写内容" in status


def test_the_api_escapes_and_cleans_every_text(dpage, site_url, tmp_path):
    """SpeechDocx.build for texts that exist only in the browser (the draft basket)."""
    dpage.goto(f"{site_url}/", wait_until="networkidle")
    result = dpage.evaluate("""async () => {
      const blob = await SpeechDocx.build([
        {kind: 'title', text: '关于<x>&的讲话'}, {kind: 'meta', text: '县长'},
        {kind: 'salutation', text: '同志们：'},
        {kind: 'heading', level: 2, text: '一、认清\\u000b形势'},
        {kind: 'runin', level: 3, text: '（一）要抓［工作领域］。再说"别的"\\'话\\'。'},
        {kind: 'body', text: '正文］]]>&amp;<w:p/>'}], {title: '关于<x>&的讲话', slotValues: {'工作领域': 'A&B'}});
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = ''; for (const b of bytes) s += String.fromCharCode(b);
      return btoa(s);
    }""")
    target = tmp_path / "api.docx"
    target.write_bytes(base64.b64decode(result))
    doc = docx.Document(str(target))
    assert [p.text for p in doc.paragraphs] == [
        "关于<x>&的讲话", "县长", "", "同志们：", "一、认清形势", "（一）要抓A&B。再说\"别的\"'话'。",
        "正文］]]>&amp;<w:p/>",
    ]
    assert doc.core_properties.title == "关于<x>&的讲话"
    runin = doc.paragraphs[5].runs
    assert runin[0].text == "（一）要抓A&B。" and runin[0].style.style_id == dx.STYLE_IDS["runin"][3]


def test_the_word_button_works_from_disk(dpage, built_site, tmp_path):
    """Opened from file:// (make offline) the shell comes as a script, as every data file does."""
    dpage.goto((built_site / "nianduhuiyi/exemplars/shiyiwu-shi-nianduhuiyi-jianghua/index.html").as_uri())
    button = dpage.locator(".speech-tools__docx")
    button.wait_for(state="visible")
    with dpage.expect_download() as info:
        button.click()
    assert info.value.suggested_filename == "市长在全市人口和计划生育工作会议上的讲话.docx"
    target = tmp_path / "disk.docx"
    info.value.save_as(target)
    paras = docx.Document(str(target)).paragraphs
    assert [p.text for p in paras[:4]] == ["市长在全市人口和计划生育工作会议上的讲话", "市长", "", "同志们："]


def test_a_paste_keeps_the_official_fonts_in_libreoffice(dpage, site_url, tmp_path):
    """The clipboard HTML, opened by LibreOffice's HTML import (what a paste does), keeps the font
    names whole (unquoted, 仿宋_GB2312 used to become "GB2312") and the heading fonts."""
    dpage.goto(f"{site_url}/{PAGES[0]}/", wait_until="networkidle")
    fragment = dpage.evaluate(
        "async () => { await SpeechCopy.loadLayout(); return SpeechCopy.html(SpeechDocx.blocksFromPage().slice(0, 12)); }"
    )
    source = tmp_path / "paste.html"
    source.write_text(f"<html><body>{fragment}</body></html>", encoding="utf-8")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
                    "--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML",
                    "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120, env=dict(os.environ, HOME=str(tmp_path)))
    pasted = docx.Document(str(tmp_path / "paste.docx"))
    first_fonts = []
    for para in pasted.paragraphs:
        for run in para.runs:
            fonts = run._r.find(qn("w:rPr") + "/" + qn("w:rFonts"))
            if fonts is not None and run.text.strip():
                first_fonts.append((run.text, fonts.get(qn("w:eastAsia")).split(";")[0]))
    by_text = dict(first_fonts)
    assert by_text["推进会讲话"] == "方正小标宋简体"
    assert by_text["同志们："] == "仿宋_GB2312"
    heading = next(t for t in by_text if t.startswith("一、"))
    assert by_text[heading] == "黑体"
