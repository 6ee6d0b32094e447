"""The text core: every rule about Chinese text that more than one part of the project needs.

The hooks (phrase index, search index, copy text, Word export), the importer, the miner and the
slot checker import these definitions; none of them keeps a copy of its own.

Characters
    ``HAN`` is the body of a regex character class for Han characters: zhon's ``hanzi.characters``
    less 〇 (U+3007), which reads as a numeral (二〇一二年), not as a word character; ``is_han``,
    ``han_only``. ``is_cjk`` adds the punctuation of Chinese text (zhon's ``hanzi.punctuation``) and
    the private-use characters the importer uses as placeholders.

Punctuation sets (strings, usable in ``[...]`` classes after ``re.escape``)
    ``FULL_STOPS`` 。！？!?, ``SENTENCE_END`` adds ；;, ``LINE_FINAL`` adds …：: (a line that ends
    with one of them may end a paragraph), ``CLAUSE_END`` adds ，,：: (a clause ends),
    ``CLOSERS`` the closing quotes and brackets that may follow any of them. zhon's ``stops`` is not
    used: it holds the half-width ｡ and ．, which are OCR noise here, and lacks ；.

Normalization for matching (``normalize``, ``normalize_with_map``)
    Full-width ASCII forms (U+FF01–FF5E) fold to ASCII, the ideographic space to a space, Latin
    letters to lower case, and white space is dropped: ``ＰＩＳ人员 ，`` and ``pis人员,`` are equal.
    、。“”《》 have no half-width form and stay. Search, phrase matching and copy checks use it on
    both sides. Paragraph anchors use ``anchor_key``, the same folding without the case step, so
    anchors published before case folding existed do not move.

Numerals and numbering
    ``numeral_value`` reads 一 … 九十九 (两 and 双 are 2) and ASCII digits with
    ``cn2an``; ``chinese_numeral`` writes them (``count_numeral``: 两 before a
    measure word). ``numbering`` reads the official heading numbers (GB/T 9704):
    ``一、`` level 2, ``（一）`` level 3, ``1.``/``1、`` level 4, ``（1）`` level 5;
    ``marker_pattern`` is the regex for one level's marker, from the same table.

Sources
    ``split_front_matter`` finds the YAML block at the top of a page; ``load_yaml`` parses YAML
    with dates kept as text and returns the node tree for line numbers; every error about a file is
    a :class:`SourceError`, whose message starts with ``path:line:``, the path as the author knows it
    (``display_path``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cn2an
import yaml
from zhon import hanzi

# --- characters ------------------------------------------------------------------------------------

HAN = hanzi.characters.replace("\u3007", "")
HAN_RE = re.compile(f"[{HAN}]")
# Private-use characters: the importer's stand-ins for markup inside paragraph text.
PRIVATE_USE = (0xE000, 0xF8FF)
_CJK_PUNCTUATION = frozenset(hanzi.punctuation) | frozenset("‰‱")


def is_han(ch: str) -> bool:
    return bool(HAN_RE.match(ch))


def is_cjk(ch: str) -> bool:
    """A Han character, punctuation of Chinese text, or one of the importer's placeholders."""
    code = ord(ch)
    return (
        is_han(ch)
        or ch in _CJK_PUNCTUATION
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or PRIVATE_USE[0] <= code <= PRIVATE_USE[1]
    )


def han_only(text: str) -> str:
    """The Han characters of ``text`` in order."""
    return "".join(HAN_RE.findall(text))


# A run of white space next to a Han character or full-width punctuation: Chinese text takes none
# there (YAML folds long values with spaces, editors wrap lines).
CJK_SPACE_RE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u9fff\uff00-\uffef])")

# --- punctuation -----------------------------------------------------------------------------------

FULL_STOPS = "。！？!?"
SENTENCE_END = FULL_STOPS + "；;"
LINE_FINAL = SENTENCE_END + "…：:"
CLAUSE_END = SENTENCE_END + "，,：:"
CLOSERS = "”’」』》〉）)]】\"'"
ELLIPSIS = "…"


# --- normalization for matching --------------------------------------------------------------------


def fold_char(ch: str, fold_case: bool = True) -> str:
    """One character as matching sees it: full-width ASCII → ASCII, ideographic space → space."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        ch = chr(code - 0xFEE0)
    elif ch == "\u3000":
        return " "
    return ch.lower() if fold_case and "A" <= ch <= "Z" else ch


# fold_char as str.translate tables (one character to one, so positions stay): the per-character
# Python loop took a fifth of a 2,000-speech build (anchors, phrase matching and the date check
# all normalize every paragraph).
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: " "}


def _table(mapping: dict[int, int | str]) -> list[int]:
    """A str.translate table as a list indexed by code point (identity but for ``mapping``): a
    dict table raises and clears a KeyError in C for every character it leaves alone, which made
    folding a Chinese paragraph twice as slow. Characters past the list's end (above U+FF5E, which
    none of the tables changes) raise IndexError, which str.translate reads as "unchanged"."""
    table = list(range(max(mapping) + 1))
    for code, to in mapping.items():
        table[code] = ord(to) if isinstance(to, str) else to
    return table


_FOLD_KEEP_CASE = _table(_WIDTH)
_FOLD_CASE = _table(
    {code: ord(chr(to).lower()) if isinstance(to, int) else to for code, to in _WIDTH.items()}
    | {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}
)
# str.isspace() and the re module's \s are the same Unicode property (Py_UNICODE_ISSPACE).
_NON_SPACE_RUN = re.compile(r"\S+")


def normalize_with_map(text: str, fold_case: bool = True) -> tuple[str, list[int]]:
    """Normalized text and, for each of its characters, its index in ``text``.

    The same as folding each character with :func:`fold_char` and dropping those that are then
    white space (``tests/unit/test_text_normalize.py`` holds the two equal on every BMP character).
    """
    folded = text.translate(_FOLD_CASE if fold_case else _FOLD_KEEP_CASE)
    runs = _NON_SPACE_RUN.findall(folded)
    if len(runs) == 1 and len(runs[0]) == len(folded):
        return folded, list(range(len(folded)))
    index: list[int] = []
    for match in _NON_SPACE_RUN.finditer(folded):
        index.extend(range(match.start(), match.end()))
    return "".join(runs), index


_SPACE_RUN = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Text for matching: widths folded, Latin letters in lower case, white space dropped."""
    return _SPACE_RUN.sub("", _fold(text, _FOLD_CASE))  # normalize_with_map(text)[0], without the map


def anchor_key(text: str) -> str:
    """Text for paragraph anchors: as :func:`normalize`, but case kept (anchors must not move)."""
    return _SPACE_RUN.sub("", _fold(text, _FOLD_KEEP_CASE))


_LONG = 2048  # characters: a text this long (a whole page) is folded by one numpy gather
_GATHER: dict[int, object] = {}  # id of a fold table -> the table as a numpy array


def _fold(text: str, table: list[int]) -> str:
    """``text.translate(table)``; a long text through numpy, twice as fast on a page of Chinese
    (str.translate makes an int object per character it looks up)."""
    if len(text) < _LONG:
        return text.translate(table)
    import numpy as np

    gather = _GATHER.get(id(table))
    if gather is None:
        gather = _GATHER[id(table)] = np.asarray(table, dtype=np.uint32)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    folded = np.where(codes < len(gather), gather[np.minimum(codes, len(gather) - 1)], codes)
    return folded.astype(np.uint32).tobytes().decode("utf-32-le")


# --- numerals and numbering ------------------------------------------------------------------------

CN_DIGITS = "一二三四五六七八九十"
# A Chinese numeral from 一 to 九十九 (两 for 2), as a regex.
NUMERAL = r"(?:十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?|[一二两三四五六七八九])"


def numeral_value(text: str) -> int | None:
    """The value of ASCII digits or of a Chinese numeral from 一 to 九十九 (两, 双 = 2); else None."""
    if text.isdigit():
        return int(text)
    if text == "双":
        return 2
    # Only what NUMERAL spells: cn2an reads a run of digits as a number (一二 → 12) and raises
    # KeyError, not ValueError, on forms such as 十十一.
    if not re.fullmatch(NUMERAL, text):
        return None
    try:
        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError):
        return None
    return int(value) if 0 < value < 100 else None


def chinese_numeral(n: int) -> str:
    """一 … 九十九 as written in running text (第三篇, 第十二项)."""
    return cn2an.an2cn(n)


def count_numeral(n: int) -> str:
    """A count as written before a measure word: 两点, 三点 (not 二点)."""
    return "两" if n == 2 else chinese_numeral(n)


def display_width(text: str) -> float:
    """Width in Chinese characters: a full-width character counts 1, an ASCII one ½ (a wrapped
    PDF line and the Word export's 28 characters a line use the same measure)."""
    return sum(0.5 if ch.isascii() else 1 for ch in text)


# Text the source hid, in the library's convention (DOMAIN.md): ×× for numbers and years, ××× for
# names and places. The importer writes them; the page pipeline marks them as hidden text.
PLACEHOLDER_NUMBER = "××"
PLACEHOLDER_NAME = "×××"
PLACEHOLDER_RE = re.compile("×{2,}")

# A fill-in slot of a template: ［名称］, full-width brackets around 1–20 characters without white space
# or another bracket. The one definition: slot checks, rendering, Word files and the browser
# (docs/assets/js/core.js, held equal by tests/unit/test_text_rules_js.py) use it.
SLOT_OPEN = "［"  # U+FF3B
SLOT_CLOSE = "］"  # U+FF3D
SLOT_RE = re.compile(f"{SLOT_OPEN}([^{SLOT_OPEN}{SLOT_CLOSE}\\s]{{1,20}}){SLOT_CLOSE}")


def split_slots(text: str) -> list[tuple[str, bool]]:
    """``text`` cut around its slots: (piece, is_slot) in order, empty pieces left out."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for match in SLOT_RE.finditer(text):
        if match.start() > pos:
            out.append((text[pos : match.start()], False))
        out.append((match.group(0), True))
        pos = match.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


@dataclass(frozen=True)
class Numbering:
    level: int  # 2 一、  3 （一）  4 1.  5 （1）
    number: int
    marker: str  # as written, e.g. "（三）"


# One regex per heading level (GB/T 9704): Chinese numerals for levels 2 and 3, digits for 4 and 5.
# ``{n}`` is replaced by one number's forms, or by any number of the level's kind.
_LEVEL_FORMS = {
    2: r"{n}、",
    3: r"[（(]{n}[）)]",
    4: r"{n}(?:、|[.．](?!\d))",  # 1、 1. — not 5.11, not 4.5
    5: r"[（(]{n}[）)]",
}
_ANY_NUMBER = {
    2: "[一二三四五六七八九十]{1,3}",
    3: "[一二三四五六七八九十]{1,3}",
    4: r"\d{1,2}",
    5: r"\d{1,2}",
}


def marker_pattern(level: int, number: int | None = None) -> str:
    """Regex for the numbering marker of ``level`` (2–5), of ``number`` or of any number."""
    if number is None:
        n = _ANY_NUMBER[level]
    else:
        n = re.escape(chinese_numeral(number) if level in (2, 3) else str(number))
    return _LEVEL_FORMS[level].format(n=f"(?:{n})")


NUMBERING_RE = re.compile(
    "^(?:"
    + "|".join(
        f"(?P<h{level}>{form.format(n='(?P<n' + str(level) + '>' + _ANY_NUMBER[level] + ')')})"
        for level, form in _LEVEL_FORMS.items()
    )
    + ")"
)


def numbering(text: str) -> Numbering | None:
    """The official heading number that ``text`` starts with: 一、 → level 2, number 1."""
    match = NUMBERING_RE.match(text)
    if not match:
        return None
    level = next(lv for lv in _LEVEL_FORMS if match[f"h{lv}"])
    number = numeral_value(match[f"n{level}"])
    return Numbering(level, number, match.group(0)) if number else None


# --- sources: errors, front matter, YAML -----------------------------------------------------------


class SourceError(ValueError):
    """A fault in a file an author edits; the message starts with ``path:line:``.

    Made as ``SourceError(path, line, message)`` (``line`` None when no line applies: the message
    then starts with ``path:``), or from a message already written as ``"path:line: message"``
    (``SourceError(text)``), whose parts are then read back from it.
    """

    _WHERE_RE = re.compile(r"^(?P<path>[^\n:]+):(?P<line>\d+): (?P<message>.*)$", re.S)

    def __init__(self, path: str, line: int | None = None, message: str | None = None) -> None:
        if message is None:
            match = self._WHERE_RE.match(path)
            text = path
            if match:
                path, line, message = match["path"], int(match["line"]), match["message"]
            else:
                path, line, message = "", None, text
        else:
            text = f"{path}:{line}: {message}" if line else f"{path}: {message}"
        super().__init__(text)
        self.path = path
        self.line = line
        self.message = message


def display_path(path: str | os.PathLike, root: str | os.PathLike | None = None) -> str:
    """A file's path as its author knows it: relative to the project folder ``root`` when inside it."""
    path = Path(path)
    if root is not None:
        try:
            return path.resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:  # outside the project folder
            pass
    return path.as_posix()


_FENCE_RE = re.compile(r"---[ \t]*")
_CLOSING_FENCE_RE = re.compile(r"(?:---|\.\.\.)[ \t]*")


def split_front_matter(source: str) -> tuple[str | None, str, int]:
    """(YAML text or None, body, 1-based line of the body's first line).

    Front matter is a block that opens with ``---`` on the first line and closes with the next
    line that is ``---`` or ``...`` (trailing blanks allowed), as MkDocs reads it. A page without
    one, or with an unterminated one, has the whole text as body.
    """
    lines = source.split("\n")
    if not lines or not _FENCE_RE.fullmatch(lines[0].rstrip("\r")):
        return None, source, 1
    for i in range(1, len(lines)):
        if _CLOSING_FENCE_RE.fullmatch(lines[i].rstrip("\r")):
            return "\n".join(lines[1:i]) + ("\n" if i > 1 else ""), "\n".join(lines[i + 1 :]), i + 2
    return None, source, 1


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser where available
    """SafeLoader that keeps dates as text: a date is checked by the content model, never by YAML."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, path: str, first_line: int = 1) -> tuple[yaml.Node | None, Any]:
    """Parse one YAML document: (node tree for line numbers, data). Dates stay strings.

    ``first_line`` is the file line of the text's first line (2 for front matter). A syntax error
    raises :class:`SourceError` at the line YAML names.
    """
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        return root, (loader.construct_document(root) if root is not None else None)
    except yaml.YAMLError as exc:
        raise SourceError(path, first_line + yaml_error_line(exc), YAML_ERROR + yaml_problem(exc)) from exc
    finally:
        loader.dispose()


YAML_ERROR = "YAML 格式有误："
# What the YAML parser says, as an author can act on it.
_YAML_PROBLEMS = (
    ("could not find expected ':'", "这一行缺少冒号（字段名和值之间用英文冒号加一个空格，如 level: 县）"),
    ("expected ',' or ']'", "方括号没有闭合（列表写成 [甲, 乙]）"),
    ("expected ',' or '}'", "花括号没有闭合"),
    ("found unexpected end of stream", "引号或括号没有成对"),
    (
        "mapping values are not allowed here",
        "值里有“英文冒号加空格”；含冒号的值请整个用引号括起，或改用中文冒号",
    ),
    ("cannot start any token", "有不能出现在这里的字符（常见的是 Tab 缩进，请改用空格）"),
    ("did not find expected node content", "缺少值，或括号没有闭合"),
    ("found duplicate anchor", "锚点重复"),
)


def yaml_problem(exc: yaml.YAMLError) -> str:
    problem = str(getattr(exc, "problem", None) or exc)
    for english, chinese in _YAML_PROBLEMS:
        if english in problem:
            return chinese
    return f"{problem}；请检查这一行的冒号、引号和缩进"


_UNFINISHED = ("while scanning a simple key", "while scanning a quoted", "while parsing a flow")


def yaml_error_line(exc: yaml.YAMLError) -> int:
    """The 0-based line of the fault. The parser reports where it gave up, which for an unfinished
    construct (a key without its colon, an unclosed bracket or quote) is the line after the fault;
    the construct's own start (``context_mark``) is where the author must look."""
    mark = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    what = str(getattr(exc, "context", "") or "")
    if (
        mark is not None
        and context is not None
        and context.line < mark.line
        and what.startswith(_UNFINISHED)
    ):
        return context.line
    return mark.line if mark else 0


def node_line(node: yaml.Node, first_line: int = 1) -> int:
    """The file line a YAML node starts on."""
    return first_line + node.start_mark.line
