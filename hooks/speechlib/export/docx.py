"""The one Word layout of the site (GB/T 9704-2012, 党政机关公文格式), as a shell .docx and as the
clipboard's styles. Every size, font and margin of a downloaded or pasted speech is set here.

What is made (once per build, by :func:`browser_data`, written by ``speechlib.site.build``)
    - the **shell**: a .docx built with python-docx that holds the page setup, the styles, the
      footers with page numbers and the font table, and an empty body. The browser
      (``docs/assets/js/docx.js``, ``window.SpeechDocx``) writes the body against the shell's style
      ids (:data:`STYLE_IDS`) and zips it: one writer for the Word button of every page and for the
      draft basket. There is no per-page .docx;
    - the **clipboard styles** (:func:`clipboard_css`): the same layout as inline CSS for the HTML a
      copy button puts on the clipboard (``docs/assets/js/copy.js``), so a paste and a download look
      the same;
    - the **rules** the browser needs to lay out a block: the run-in heading pattern and the slot mark.
      Which block is a heading, a run-in heading, a salutation or body text is decided at build time
      (:mod:`speechlib.page.blocks`) and written on the page.

Layout (GB/T 9704-2012, as a speech is printed)
    - A4; margins top 37 mm, left 28 mm; type area 156 × 225 mm (so right 26 mm, bottom 35 mm);
    - title 方正小标宋简体 22 pt (二号) centred; under it the speaker and the date in 楷体_GB2312 16 pt,
      centred; then one blank line;
    - body 仿宋_GB2312 16 pt (三号), justified, first-line indent of two characters, 22 lines of 28
      characters: exact line spacing 225 mm / 22 ≈ 28.95 pt on a line grid, and characters condensed
      by 0.25 pt so that exactly 28 fit into 156 mm (see ``_layout_section`` for why not a character
      grid); a salutation (同志们：) flush left;
    - headings by their numbering: 一、 黑体, （一） 楷体_GB2312, 1. and （1） 仿宋_GB2312 (plain) — as
      lines of their own, or run in at the head of a paragraph ("一、坚持高位推动，压实工作责任。我们……":
      the run-in heading up to its first 。 takes the heading font);
    - page numbers 宋体 14 pt (四号) "— 1 —" 7 mm below the type area, odd pages right and even
      pages left, one character in from the edge of the type area (different odd/even footers);
    - fonts that a machine may lack name a fallback in the font table (``w:altName``), which Word
      and WPS use for substitution: 方正小标宋简体 → 华文中宋, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体;
    - unfilled slots (［会议名称］) marked with a yellow background (the one colour in the file).

The shell is deterministic (fixed zip timestamps and document dates).
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import zipfile

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from speechlib.page.blocks import RUN_IN_RE

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
SLOT_FILL = "FFFF00"  # the background of an unfilled slot

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEI_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
FOLIO_FONT = "宋体"
LATIN_FONT = "Times New Roman"  # digits and Latin letters, as official templates set them

# name -> (fallback Word/WPS substitutes, family). charset 86 = GB2312.
FONT_TABLE = {
    TITLE_FONT: ("华文中宋", "roman"),
    BODY_FONT: ("仿宋", "modern"),
    KAI_FONT: ("楷体", "modern"),
    HEI_FONT: ("SimHei", "modern"),
    FOLIO_FONT: ("SimSun", "auto"),
}
# The fonts a browser or a word processor tries, in order, after the official one (clipboard CSS).
CSS_FALLBACKS = {
    TITLE_FONT: ["华文中宋", "STZhongsong", "宋体", "SimSun", "Songti SC", "Noto Serif CJK SC", "serif"],
    BODY_FONT: ["仿宋", "FangSong", "STFangsong", "Fangsong SC", "Noto Serif CJK SC", "serif"],
    KAI_FONT: ["楷体", "KaiTi", "STKaiti", "Kaiti SC", "AR PL UKai CN", "serif"],
    HEI_FONT: ["SimHei", "Heiti SC", "STHeiti", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "sans-serif"],
}

# Heading level (by its numbering marker) -> (East Asian font, bold). GB/T 9704 7.3.3: 黑体, 楷体,
# then 仿宋 for the third and fourth levels.
HEADING_FONTS = {2: (HEI_FONT, False), 3: (KAI_FONT, False), 4: (BODY_FONT, False), 5: (BODY_FONT, False)}

# The shell's style ids, which the browser writes against. Body text is the Normal style.
STYLE_IDS = {
    "title": "SpeechTitle",
    "meta": "SpeechMeta",
    "salutation": "SpeechSalutation",
    "heading": {level: f"SpeechHeading{level}" for level in HEADING_FONTS},
    "runin": {level: f"SpeechRunIn{level}" for level in HEADING_FONTS},
    "runinSlot": {level: f"SpeechRunInSlot{level}" for level in HEADING_FONTS},
    "slot": "SpeechSlot",
}
TITLE_PLACEHOLDER = "SPEECH-DOCUMENT-TITLE"  # docProps/core.xml's title, replaced by the browser

_FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


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


def _indent_chars(fmt, chars: int) -> None:
    """First-line indent of ``chars`` characters (Word and WPS follow w:firstLineChars)."""
    fmt.first_line_indent = Pt(chars * BODY_PT)
    fmt._element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), str(chars * 100))


def _body_format(fmt) -> None:
    """Exact line spacing on the grid, no space between paragraphs, justified, indent of two characters."""
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.widow_control = False  # official documents fill every line of the type area
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _indent_chars(fmt, 2)


def _paragraph_style(doc, style_id: str, name: str):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), style_id)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    return style


def _styles(doc) -> None:
    """The shell's own styles, named by :data:`STYLE_IDS`."""
    title = _paragraph_style(doc, STYLE_IDS["title"], "讲话标题")
    _set_fonts(title.element, TITLE_FONT)
    title.font.size = Pt(TITLE_PT)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(TITLE_LINE_PT)
    _indent_chars(title.paragraph_format, 0)
    title.paragraph_format.keep_with_next = True

    meta = _paragraph_style(doc, STYLE_IDS["meta"], "讲话人和日期")
    _set_fonts(meta.element, KAI_FONT)
    meta.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _indent_chars(meta.paragraph_format, 0)
    meta.paragraph_format.keep_with_next = True

    salutation = _paragraph_style(doc, STYLE_IDS["salutation"], "称呼")
    _indent_chars(salutation.paragraph_format, 0)

    for level, (font, bold) in HEADING_FONTS.items():
        heading = _paragraph_style(doc, STYLE_IDS["heading"][level], f"讲话标题{level - 1}级")
        _set_fonts(heading.element, font)
        heading.font.bold = bold
        heading.paragraph_format.keep_with_next = True
        outline = OxmlElement("w:outlineLvl")  # Word's navigation pane lists the headings
        outline.set(qn("w:val"), str(level - 2))
        heading.element.get_or_add_pPr().append(outline)

        runin = doc.styles.add_style(f"段首标题{level - 1}级", WD_STYLE_TYPE.CHARACTER)
        runin.element.set(qn("w:styleId"), STYLE_IDS["runin"][level])
        _set_fonts(runin.element, font)
        runin.font.bold = bold
        # A slot inside a run-in heading: the heading's font and the slot mark.
        _slot_mark(doc, STYLE_IDS["runinSlot"][level], f"段首标题{level - 1}级填空项", runin)

    _slot_mark(doc, STYLE_IDS["slot"], "填空项")


def _prune_styles(doc) -> None:
    """Keep only the defaults, the footer's style and the shell's own: a writer's style list shows
    the styles of a speech, and nothing from python-docx's template (its table styles bring colours)."""
    keep = {"Footer", "FooterChar"}
    for value in STYLE_IDS.values():
        keep |= set(value.values()) if isinstance(value, dict) else {value}
    root = doc.styles.element
    for el in root.findall(qn("w:style")):
        if el.get(qn("w:default")) != "1" and el.get(qn("w:styleId")) not in keep:
            root.remove(el)


def _slot_mark(doc, style_id: str, name: str, base=None) -> None:
    """A character style that marks an unfilled slot with a yellow background."""
    slot = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    slot.element.set(qn("w:styleId"), style_id)
    if base is not None:
        slot.base_style = base
    shading = OxmlElement("w:shd")
    for attr, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", SLOT_FILL)):
        shading.set(qn(attr), value)
    slot.element.get_or_add_rPr().append(shading)


def _page_number(footer, align: WD_ALIGN_PARAGRAPH) -> None:
    """"— N —" in 宋体 14 pt, one character in from the edge of the type area."""
    paragraph = footer.paragraphs[0]
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    _indent_chars(fmt, 0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(FOLIO_PT)
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
    # The footer's bottom edge: its one line (exactly FOLIO_PT high) starts FOLIO_GAP below the
    # type area.
    section.footer_distance = Mm(PAGE_H - MARGIN_TOP - TYPE_H - FOLIO_GAP) - Pt(FOLIO_PT)
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


def build_shell() -> bytes:
    """The shell .docx: page setup, styles, footers and font table around an empty body."""
    doc = Document()
    _drop_unused_parts(doc)
    _defaults(doc)
    _styles(doc)
    _prune_styles(doc)
    _font_table(doc)
    _layout_section(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = TITLE_PLACEHOLDER, "", ""
    props.created = props.modified = _FIXED_TIME
    props.revision = 1
    props.comments = ""
    props.language = "zh-CN"
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


# --- the clipboard ---------------------------------------------------------------------------------

def _css_fonts(name: str) -> str:
    generic = {"serif", "sans-serif"}
    return ",".join(f if f in generic else f"'{f}'" for f in [name, *CSS_FALLBACKS[name]])


def _pt(value: float) -> str:
    return f"{value:g}pt"


def clipboard_css() -> dict[str, str]:
    """Inline CSS of each kind of block in the HTML a copy puts on the clipboard: the shell's
    layout in the terms of Word's and LibreOffice's HTML import (font names quoted)."""
    base = (
        f"margin:0;font-size:{_pt(BODY_PT)};line-height:{_pt(LINE_PT)};mso-line-height-rule:exactly;"
        f"letter-spacing:{_pt(CHAR_SPACING_TWIPS / 20)};font-weight:normal;font-style:normal;"
    )
    indent = f"text-indent:{_pt(2 * BODY_PT)};mso-char-indent-count:2;"
    body = f"font-family:{_css_fonts(BODY_FONT)};"
    out = {
        "title": (
            f"margin:0;text-align:center;font-size:{_pt(TITLE_PT)};line-height:{_pt(TITLE_LINE_PT)};"
            f"mso-line-height-rule:exactly;font-weight:normal;font-family:{_css_fonts(TITLE_FONT)};"
        ),
        "meta": base + f"text-align:center;font-family:{_css_fonts(KAI_FONT)};",
        "blank": base + body,
        "body": base + "text-align:justify;" + indent + body,
        "salutation": base + "text-align:justify;" + body,
    }
    for level, (font, bold) in HEADING_FONTS.items():
        run = f"font-family:{_css_fonts(font)};" + ("font-weight:bold;" if bold else "")
        out[f"heading{level}"] = base + "text-align:justify;" + indent + run
        out[f"runin{level}"] = run
    return out


# --- what the browser loads ------------------------------------------------------------------------

def layout_data() -> dict:
    """The layout the browser needs for every copy and download: style ids, clipboard CSS, rules."""
    styles = {
        key: ({str(n): s for n, s in value.items()} if isinstance(value, dict) else value)
        for key, value in STYLE_IDS.items()
    }
    return {
        "styles": styles,
        "css": clipboard_css(),
        "runIn": RUN_IN_RE.pattern,
        "titlePlaceholder": TITLE_PLACEHOLDER,
    }


def shell_data() -> dict:
    """The shell .docx for the browser, base64-encoded (a data file works from file:// too)."""
    return {"docx": base64.b64encode(build_shell()).decode("ascii")}
