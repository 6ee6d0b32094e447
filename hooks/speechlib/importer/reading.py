"""Reading the input: a file path or ``-`` (standard input), as text lines.

Accepted input:

* ``.txt`` (or any name) in UTF-8, UTF-8 with BOM, UTF-16 with BOM, or GB18030 (which includes
  GBK and GB2312). The encoding is detected: BOM first, then strict UTF-8, then strict GB18030.
* ``.docx`` (or any data starting with the zip signature): the text of the body paragraphs and
  table cells, in document order, one line each, read with python-docx. Word's automatic
  numbering is not part of the text; paragraphs that use it are reported as warnings.

Rejected with :class:`~speechlib.importer.errors.InputError` (exit status 2), naming the file and,
where it applies, the line: a missing or unreadable file, a directory, an empty file or one with
no text, an old Word ``.doc`` (OLE signature ``D0 CF 11 E0``), a PDF or RTF file, other binary
data (NUL or control bytes), bytes that are neither UTF-8 nor GB18030, a damaged ``.docx``.

Line ends are normalised to ``\\n``; ideographic and no-break spaces and tabs become spaces;
zero-width characters (with a warning naming their lines: sites put them in against copying) and
form feeds are dropped.
"""

from __future__ import annotations

import codecs
import io
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, os_reason

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF"
RTF_MAGIC = b"{\\rtf"

_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES_RE = re.compile("[\u3000\u00a0\t\u2002\u2003\u2009]")


@dataclass
class Source:
    """Decoded input: its display name, its text and how it was read."""

    name: str
    text: str
    encoding: str
    warnings: list[tuple[int | None, str]] = field(default_factory=list)


def read_source(path: str, stdin: io.BufferedIOBase | None = None) -> Source:
    """Read ``path`` (or standard input for ``-``) and decode it; raise InputError if unusable."""
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return decode("<stdin>", stream.read(), suffix="")
    p = Path(path)
    if p.is_dir():
        raise InputError(path, "这是一个文件夹，不是 .txt 或 .docx 文件；导入整个文件夹请加 --out-dir 目录")
    try:
        data = p.read_bytes()
    except OSError as error:
        raise InputError(path, f"无法读取文件：{os_reason(error)}；请检查路径和读取权限") from None
    return decode(path, data, suffix=p.suffix.lower())


def decode(name: str, data: bytes, suffix: str = "") -> Source:
    """Turn the bytes of an input into text, or raise InputError saying why not."""
    if not data.strip():
        raise InputError(name, "文件是空的，没有可导入的文字")
    if data.startswith(OLE_MAGIC):
        raise InputError(name, "不支持旧版 Word .doc 文件；请在 Word 或 WPS 中打开，"
                               "另存为 .docx（或 UTF-8 编码的 .txt）后再导入")
    if data.startswith(ZIP_MAGIC):
        return _read_docx(name, data)
    if suffix == ".docx":
        raise InputError(name, "不是有效的 .docx 文件（缺少 zip 文件头）；"
                               "请在 Word 或 WPS 中重新保存为 .docx")
    if data.startswith(PDF_MAGIC):
        raise InputError(name, "不支持 PDF；请把其中的文字复制到 UTF-8 编码的 .txt 文件后再导入")
    if data.lstrip().startswith(RTF_MAGIC):
        raise InputError(name, "不支持 RTF；请在 Word 或 WPS 中打开并另存为 .docx")
    text, encoding = _decode_text(name, data)
    return Source(name, _tidy(name, text), encoding, _zero_width_warnings(text))


def _decode_text(name: str, data: bytes) -> tuple[str, str]:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as error:
                raise InputError(name, f"文件以 {codec} 字节顺序标记开头，但内容不是有效的 "
                                       f"{codec}；请重新保存为 UTF-8", _line_of(data, error.start)) from None
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(name, "含二进制数据（NUL 字节），不是文本文件；"
                               "请另存为 UTF-8 编码的 .txt", _line_of(data, nul))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise InputError(name, "无法识别文字编码：既不是 UTF-8，也不是 GB18030/GBK；"
                               "请另存为 UTF-8", _line_of(data, utf8_error.start)) from None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _zero_width_warnings(text: str) -> list[tuple[int | None, str]]:
    """A warning for the zero-width characters dropped (sites insert them against copying)."""
    lines = [n for n, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1)
             if _ZERO_WIDTH_RE.search(line.lstrip("\ufeff") if n == 1 else line)]
    if not lines:
        return []
    shown = "、".join(map(str, lines[:10])) + (" …" if len(lines) > 10 else "")
    return [(lines[0], f"已删去 {len(lines)} 行中的零宽字符（第 {shown} 行），"
                       "这是网站为防复制插入的")]


def _tidy(name: str, text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), 1):
        for ch in line:
            if unicodedata.category(ch) == "Cc" and ch not in "\t\f\v":
                raise InputError(name, f"含二进制数据（控制字符 U+{ord(ch):04X}），"
                                       "不是文本文件；请另存为 UTF-8 编码的 .txt", number)
    text = _ZERO_WIDTH_RE.sub("", text)
    # pdftotext starts each page with a form feed; dropping it keeps the line numbers.
    text = _SPACES_RE.sub(" ", text).replace("\f", "").replace("\v", "")
    if not text.strip():
        raise InputError(name, "文件中没有文字")
    return text


def _read_docx(name: str, data: bytes) -> Source:
    import docx  # python-docx, in requirements.txt; loaded only for .docx input
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # zipfile, lxml and python-docx each raise their own types
        raise InputError(name, f"不是有效的 .docx 文件（{type(error).__name__}: {error}）；"
                               "请在 Word 或 WPS 中重新保存") from None
    lines: list[str] = []
    warnings: list[tuple[int | None, str]] = []

    def add_paragraph(paragraph: Paragraph) -> None:
        ppr = paragraph._p.pPr
        for piece in paragraph.text.split("\n"):
            lines.append(piece)
        if ppr is not None and ppr.numPr is not None:
            warnings.append((len(lines), "此段用了 Word 自动编号，编号不在文字中；"
                                         "请核对并补上序号（一、 1. …）"))

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            add_paragraph(Paragraph(child, document))
        elif tag == "tbl":
            table = Table(child, document)
            warnings.append((len(lines) + 1, "此处是表格：各单元格按段落导入，请核对"))
            for row in table.rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        add_paragraph(paragraph)
    text = "\n".join(lines)
    source = Source(name, _tidy(name, text), "docx", _zero_width_warnings(text))
    source.warnings.extend(warnings)
    return source
