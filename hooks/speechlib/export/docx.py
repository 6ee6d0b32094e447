"""Word files of speech pages, laid out by GB/T 9704-2012 (党政机关公文格式), built with python-docx.

What goes in
    The page's title and its :class:`ExportBlock` list, made by :func:`export_blocks` from the
    paragraph model (``speechlib.page.paragraphs.PageText.blocks()``):

    - headings of level 2 and deeper; in a template only headings that carry official numbering
      (一、（一）1.（1）): unnumbered template headings (开场, 议程衔接 …) are the editor's section
      labels, not words of the speech;
    - paragraphs of role ``body`` with their ``copy_text`` (no stage directions, editor's notes,
      annotations). Alternatives (备选表述) stay on the page: each replaces a body paragraph the
      writer chooses, so laying them all out in a row would not be a speech.

    The same rule decides what "copy this section" and "copy the whole text" put on the clipboard
    (``docs/assets/js/copy.js``), so the page, the clipboard and the file agree.

Layout (GB/T 9704-2012, as a speech is printed)
    - A4; margins top 37 mm, left 28 mm; type area 156 × 225 mm (so right 26 mm, bottom 35 mm);
    - title 方正小标宋简体 22 pt (二号) centred, then one blank line;
    - body 仿宋_GB2312 16 pt (三号), first-line indent of two characters, 22 lines of 28 characters:
      exact line spacing 225 mm / 22 ≈ 28.95 pt on a line grid, and characters condensed by
      0.25 pt so that exactly 28 fit into 156 mm (see ``_layout_section`` for why not a character
      grid);
    - headings by their numbering: 一、 黑体, （一） 楷体_GB2312, 1. 仿宋 bold, （1） 仿宋 — as lines of
      their own, or run in at the head of a paragraph ("一、坚持高位推动，压实工作责任。我们……":
      the run-in heading up to its first 。 takes the heading font);
    - page numbers 宋体 14 pt (四号) "— 1 —" 7 mm below the type area, odd pages right and even
      pages left, one character in from the edge of the type area (different odd/even footers);
    - fonts that a machine may lack name a fallback in the font table (``w:altName``), which Word
      and WPS use for substitution: 方正小标宋简体 → 华文中宋, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体;
    - slots (［会议名称］) highlighted yellow in a template's file, so the blanks stand out.

The output is deterministic (fixed zip timestamps and document dates), so two builds of the same
page give the same bytes and a content hash identifies the file.

Input:  ``build_docx("推进会主持词", [ExportBlock("p", "同志们：")], slots={"会议名称"})``
Output: the bytes of a .docx with a centred title and one body paragraph.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from speechlib.text import SLOT_RE, numbering, split_slots

if TYPE_CHECKING:
    from speechlib.page.paragraphs import Heading, PageText

# --- the standard's numbers ------------------------------------------------------------------------

PAGE_W, PAGE_H = 210, 297  # mm, A4
MARGIN_TOP, MARGIN_LEFT = 37, 28  # mm
TYPE_W, TYPE_H = 156, 225  # mm, the type area (版心)
LINES, CHARS = 22, 28  # per page, per line
BODY_PT, TITLE_PT, FOLIO_PT = 16, 22, 14  # 三号, 二号, 四号
MM_PT = 72 / 25.4
LINE_PT = round(TYPE_H * MM_PT / LINES, 2)  # 28.99 pt; rounded down below so 22 lines always fit
LINE_PT = min(LINE_PT, 28.95)
CHAR_SPACING_TWIPS = -5  # -0.25 pt: see _defaults
TITLE_LINE_PT = 36  # a two-line title needs more than the body's 28.95 pt between its lines
FOLIO_GAP = 7  # mm between the type area and the page number line

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEI_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
FOLIO_FONT = "宋体"
LATIN_FONT = "Times New Roman"  # digits and Latin letters, as official templates set them

# name -> (fallback Word/WPS substitutes, charset, family, pitch). charset 86 = GB2312.
FONT_TABLE = {
    TITLE_FONT: ("华文中宋", "roman"),
    BODY_FONT: ("仿宋", "modern"),
    KAI_FONT: ("楷体", "modern"),
    HEI_FONT: ("SimHei", "modern"),
    FOLIO_FONT: ("SimSun", "auto"),
}

# Heading level (by its numbering marker) -> (East Asian font, bold).
HEADING_FONTS = {2: (HEI_FONT, False), 3: (KAI_FONT, False), 4: (BODY_FONT, True), 5: (BODY_FONT, False)}

# A run-in heading: the numbering marker and the words up to the first 。 (at most 40 characters).
_RUN_IN_RE = re.compile(r"^([^。！？]{2,40}?[。！？])(?=.)")

_FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class ExportBlock:
    """One line of the file: ``kind`` "h" (heading) or "p" (paragraph), and its text."""

    kind: str
    text: str


# --- what goes in -----------------------------------------------------------------------------------

def include_heading(heading: Heading, kind: str) -> bool:
    """Is this heading words of the speech (copied and exported) or an editor's section label?"""
    if heading.level < 2:
        return False  # the page title, laid out from the front matter
    return kind != "template" or numbering(heading.text.strip()) is not None


def export_blocks(text: PageText, kind: str) -> list[ExportBlock]:
    """Headings and body paragraphs of a page, as exported and as "copy the whole text" copies them."""
    from speechlib.page.paragraphs import Heading, copy_text_of

    out: list[ExportBlock] = []
    for block in text.blocks():
        if isinstance(block, Heading):
            if include_heading(block, kind):
                out.append(ExportBlock("h", copy_text_of(block.text)))
        elif block.role == "body" and block.copy_text:
            out.append(ExportBlock("p", block.copy_text))
    return out


def heading_level(text: str) -> int:
    """Formatting level of a heading by its numbering marker; unnumbered headings format as 一、."""
    found = numbering(text)
    return found.level if found else 2


def run_in_heading(text: str) -> tuple[int, str, str] | None:
    """A paragraph that opens with a numbered heading sentence: (level, heading, rest)."""
    found = numbering(text)
    if found is None or found.level not in HEADING_FONTS:
        return None
    match = _RUN_IN_RE.match(text)
    if not match:
        return None
    return found.level, match.group(1), text[match.end():]


# --- the document ----------------------------------------------------------------------------------

def _set_fonts(rpr_owner, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set the East Asian and Latin fonts of a run or style (python-docx sets Latin only)."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _body_format(fmt, indent: bool = True) -> None:
    """Exact line spacing on the grid, no space between paragraphs, first-line indent of two characters."""
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.widow_control = False  # official documents fill every line of the type area
    fmt.first_line_indent = Pt(2 * BODY_PT) if indent else Pt(0)
    if indent:
        # Word and WPS measure the indent in characters when told so; it then follows the grid.
        fmt._element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "200")


def _add_runs(paragraph, text: str, font: str | None, bold: bool, size: int, slots: bool) -> None:
    """Add ``text`` as runs; with ``slots`` each ［名称］ is a run of its own, highlighted.

    ``font`` None: the Normal style's font and size (body text), so body runs carry no direct
    formatting and a writer restyles the whole text by changing one style.
    """
    parts = split_slots(text) if slots else [(text, False)]
    for part, is_slot in parts:
        run = paragraph.add_run(part)
        if font is not None:
            _set_fonts(run._r, font)
            run.font.size = Pt(size)
        if bold:
            run.bold = True
        if is_slot:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _page_number(footer, align: WD_ALIGN_PARAGRAPH) -> None:
    """"— N —" in 宋体 14 pt, one character in from the edge of the type area."""
    paragraph = footer.paragraphs[0]
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = Pt(FOLIO_PT)
    else:
        fmt.left_indent = Pt(FOLIO_PT)

    def run(text: str | None = None):
        r = paragraph.add_run(text)
        _set_fonts(r._r, FOLIO_FONT, FOLIO_FONT)
        r.font.size = Pt(FOLIO_PT)
        return r

    run("— ")
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = run()
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif instr.strip() == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
        else:
            el = OxmlElement("w:t")
            el.text = instr
        r._r.append(el)
    run(" —")


def _layout_section(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.left_margin = Mm(MARGIN_TOP), Mm(MARGIN_LEFT)
    section.right_margin = Mm(PAGE_W - MARGIN_LEFT - TYPE_W)
    section.bottom_margin = Mm(PAGE_H - MARGIN_TOP - TYPE_H)
    section.header_distance = Mm(15)
    # The footer's bottom edge: the number line starts FOLIO_GAP below the type area.
    section.footer_distance = Mm(PAGE_H - MARGIN_TOP - TYPE_H - FOLIO_GAP) - Pt(FOLIO_PT * 1.3)
    # A line grid of 22 lines. The 28 characters come from the Normal style's condensed spacing
    # (_defaults), not from a character grid (w:type="linesAndChars"): Word and WPS lay that out
    # as meant, but LibreOffice widens both lines and characters (16 characters by 17 lines on A4).
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PT * 20)))
    grid.attrib.pop(qn("w:charSpace"), None)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)


def _defaults(doc) -> None:
    """Normal style and document defaults: 仿宋_GB2312 16 pt, Chinese language, no theme fonts."""
    normal = doc.styles["Normal"]
    _set_fonts(normal.element, BODY_FONT)
    normal.font.size = Pt(BODY_PT)
    _body_format(normal.paragraph_format)
    # 28 characters of 16 pt need 448 pt, the type area is 442.2 pt wide: condense each character
    # by 0.25 pt (in twentieths of a point), so that 28 fit (441 pt) and 29 do not.
    rpr = normal.element.get_or_add_rPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CHAR_SPACING_TWIPS))
    rpr.find(qn("w:sz")).addprevious(spacing)  # the schema's order: spacing before sz
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr")) if defaults is not None else None
    if rpr is not None:
        for tag in ("w:rFonts", "w:sz", "w:szCs", "w:lang"):
            old = rpr.find(qn(tag))
            if old is not None:
                rpr.remove(old)
        fonts = OxmlElement("w:rFonts")
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), LATIN_FONT)
        fonts.set(qn("w:eastAsia"), BODY_FONT)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), str(BODY_PT * 2))
        rpr.insert(0, fonts)
        rpr.append(size)
        rpr.append(lang)


def _font_table(doc) -> None:
    """Declare the Chinese fonts with their fallbacks (``w:altName``) in word/fontTable.xml."""
    part = doc.part.part_related_by("http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable")
    root = etree.fromstring(part.blob)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for name, (alt, family) in FONT_TABLE.items():
        font = etree.SubElement(root, w + "font", {w + "name": name})
        etree.SubElement(font, w + "altName", {w + "val": alt})
        etree.SubElement(font, w + "charset", {w + "val": "86"})
        etree.SubElement(font, w + "family", {w + "val": family})
        etree.SubElement(font, w + "pitch", {w + "val": "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_unused_parts(doc) -> None:
    """python-docx's default document carries a thumbnail of another text (a wrong preview in file
    managers) and a 430 kB stylesWithEffects part no one needs: leave them out."""
    for rels, reltype in ((doc.part.package.rels, "thumbnail"), (doc.part.rels, "stylesWithEffects")):
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith("/" + reltype):
                rels.pop(rid)


_SKELETON: list = []  # the one prepared document, reused (see _blank)


def _blank():
    """An empty document with the styles, fonts and page layout, its body cleared of the last page.

    Preparing a document (opening python-docx's template, styles, font table, section) took two
    thirds of the time of each file; every file shares that part, so it is done once per process
    and the body is emptied for the next file. The output is byte-for-byte what a fresh document
    gives (``tests/unit/test_docx_export.py`` builds the same page both ways).
    """
    if not _SKELETON:
        doc = Document()
        _drop_unused_parts(doc)
        _defaults(doc)
        _font_table(doc)
        _layout_section(doc)
        _SKELETON.append(doc)
    doc = _SKELETON[0]
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def build_docx(title: str, blocks: Sequence[ExportBlock], *, slots: bool = False) -> bytes:
    """The .docx of a page: ``title`` and ``blocks`` laid out by GB/T 9704; ``slots`` highlights ［名称］."""
    doc = _blank()
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "", ""
    props.created = props.modified = _FIXED_TIME
    props.revision = 1
    props.language = "zh-CN"

    heading = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.first_line_indent = Pt(0)
    heading.paragraph_format.line_spacing = Pt(TITLE_LINE_PT)
    _add_runs(heading, title, TITLE_FONT, False, TITLE_PT, slots)
    doc.add_paragraph().paragraph_format.first_line_indent = Pt(0)  # one blank line under the title

    for block in blocks:
        paragraph = doc.add_paragraph()
        if block.kind == "h":
            font, bold = HEADING_FONTS[heading_level(block.text)]
            _add_runs(paragraph, block.text, font, bold, BODY_PT, slots)
            paragraph.paragraph_format.keep_with_next = True
            continue
        run_in = run_in_heading(block.text)
        if run_in:
            level, head, rest = run_in
            font, bold = HEADING_FONTS[level]
            _add_runs(paragraph, head, font, bold, BODY_PT, slots)
            _add_runs(paragraph, rest, None, False, BODY_PT, slots)
        else:
            _add_runs(paragraph, block.text, None, False, BODY_PT, slots)

    raw = io.BytesIO()
    doc.save(raw)
    return _normalize_zip(raw.getvalue())


def _normalize_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps and a fixed member order: same input, same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        # [Content_Types].xml first, as Office writes it; the rest in a stable order.
        for name in sorted(names, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(name))
    return out.getvalue()


def slot_names(blocks: Iterable[ExportBlock]) -> list[str]:
    """The slot names (without brackets) in ``blocks``, in order of first appearance."""
    seen: dict[str, None] = {}
    for block in blocks:
        for match in SLOT_RE.finditer(block.text):
            seen.setdefault(match.group(0)[1:-1], None)
    return list(seen)
