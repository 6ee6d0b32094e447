"""Web-page furniture and title lines: what a copied web page puts around a speech.

Line rules, run after the watermark and link-list rules of :mod:`.cleaning` (so that the kinds
they report stay theirs), on the lines of the whole file:

1. ``furniture`` — the page's own text, never the author's:

   * a breadcrumb: three or more segments joined by ``>`` ``»`` ``›`` ``→`` or ``|`` (two when
     the first is 首页), each short and without punctuation (``首页 > 范文 > 讲话稿``; not
     ``1+1>2``), or a line opening with a position label
     (``当前位置：首页 > …``, ``您的位置：…``);
   * a metadata line: ``key：value`` pairs without sentence punctuation, one of whose keys is a
     word that only pages use (发布时间, 来源, 作者, 编辑, 浏览次数, 点击数, 字号 …):
     ``发布时间：2024-03-18  来源：县政府办公室  浏览次数：1024``. A meeting's own
     ``时间：…  地点：…`` is the author's and stays;
   * a button line: nothing but bracketed labels (``【打印本页】【关闭窗口】``), or a short line that
     starts with a page action (``点击复制全文``, ``上一篇：…``, ``分享到：``); a bracketed label with a
     page action inside a text line goes on its own;
   * in the run of lines that opens the file, before a title, form of address, speech marker or
     any line of text, a short line without sentence punctuation (a site name, a channel name):
     what stands above a title is the page's,
     but for a date or speaker line and a main title above its subtitle (``——在…上的讲话``);
   * a button label glued to the title after it (``点击复制全文县长在…上的讲话``) goes alone.

2. ``decoration`` — symbols around a line (``★县长在…上的讲话★``, ``◆◆◆``), and lines made only
   of symbols or rules (``━━━━``, ``===``). ○ is kept: it stands for 〇 in years (二○一二年).

3. ``title-suffix`` — what a site appends to a title: ``…的讲话稿范文`` → ``…的讲话``,
   ``…主持词（精选）``, ``…讲话_某某范文网``, ``…讲话 - 公文站``. Only after a genre word (讲话, 主持词 …),
   so a sentence is never cut.

4. ``paragraph-split`` — a title on the same line as the form of address
   (``县长在全县经济工作会议上的讲话 同志们：``) is split before the address, so that the title
   is found as a title.

5. ``paragraph-split`` — a line of fields separated by runs of spaces (``时间：5月15日晚  地点：
   县文化艺术中心``, what stays after the site's metadata line is gone) gives one line per field,
   which the space rule would otherwise close up.

``collection-title`` in :mod:`.cleaning` also takes a collection heading with a count and no
brackets (``会议主持词两篇``).
"""

from __future__ import annotations

import re
import unicodedata

from ..text import HAN, SENTENCE_END
from . import inference as inf
from .headings import numbering
from .report import Report
from .sitewords import is_category_line, is_mark, is_site_words_line, title_in_site_line
from .splitting import parse_marker
from .textutil import ADDRESS_RE, GENRE_WORDS, TITLE_RE, Line, ends_sentence

# --- 1. furniture -------------------------------------------------------------------------------

_SENTENCE_MARKS = SENTENCE_END + "，,"  # not ：, which a key: value line holds
# A breadcrumb's separator; not between digits (1+1>2).
BREADCRUMB_SEP_RE = re.compile(r"(?<!\d)\s*(?:>|＞|»|›|→|\||｜)\s*(?!\d)")
HOME_RE = re.compile(r"^(?:网站)?(?:首页|主页)$")
POSITION_RE = re.compile(r"^(?:当前位置|您的位置|你的位置|您现在的位置|现在的位置|所在位置)\s*[：:]")
# Words that only a web page uses as a label: the keys of its metadata line.
SITE_KEYS = (r"(?:发布时间|发布日期|发表时间|更新时间|信息来源|文章来源|来源|作者|编辑|责任编辑"
             r"|浏览次数|浏览量|浏览|点击数|点击次数|点击量|阅读次数|阅读量|阅读|访问量|字号|字体)")
KEY_VALUE_RE = re.compile(rf"(?P<key>[{HAN}]{{2,6}})\s*[：:]")
_SITE_KEY_RE = re.compile(rf"^{SITE_KEYS}$")
# Page actions: what a button or a link label says.
PAGE_ACTION = r"(?:点击|点此|打印|关闭|收藏|分享|复制|下载|返回|扫一扫|加入收藏|推荐给|上一篇|下一篇|字号)"
BUTTONS_RE = re.compile(r"^(?:\s*[【\[［]\s*[^【】\[\]［］，。！？；]{1,10}?\s*[】\]］]\s*)+$")
ACTION_LINE_RE = re.compile(rf"^{PAGE_ACTION}")
INLINE_BUTTON_RE = re.compile(rf"[【\[［]\s*{PAGE_ACTION}[^【】\[\]［］，。！？；]{{0,8}}[】\]］]")
SHORT = 30  # the longest line taken as furniture by its position alone


def _no_sentence(text: str) -> bool:
    return not any(c in _SENTENCE_MARKS for c in text)


def is_breadcrumb(text: str) -> bool:
    if POSITION_RE.match(text):
        return True
    parts = BREADCRUMB_SEP_RE.split(text.strip())
    # Three steps or more, or two that start at the home page: 首页 > 讲话稿.
    return ((len(parts) >= 3 or (len(parts) == 2 and bool(HOME_RE.match(parts[0]))))
            and all(0 < len(p) <= 12 and _no_sentence(p) for p in parts) and len(text) <= 80)


def is_metadata(text: str) -> bool:
    keys = KEY_VALUE_RE.findall(text)
    return (bool(keys) and len(text) <= 120 and _no_sentence(text)
            and any(_SITE_KEY_RE.match(k) for k in keys) and KEY_VALUE_RE.match(text.strip()) is not None)


def is_button_line(text: str) -> bool:
    if parse_marker(text):  # 【范文三】… opens a speech
        return False
    return bool(BUTTONS_RE.match(text)) or (  # 点击复制全文, 上一篇：…, 分享到：
        len(text) <= SHORT and bool(ACTION_LINE_RE.match(text))
        and (not ends_sentence(text) or text[-1] in "：:"))


def _is_header_start(text: str) -> bool:
    """A line that opens the speech: a title, a form of address or a speech marker."""
    return bool(parse_marker(text) or ADDRESS_RE.match(text)
                or (len(text) <= 70 and TITLE_RE.search(text.rstrip(".。．")))
                or ADDRESS_AFTER_TITLE_RE.match(text))


# A button label glued to the title that follows it: 点击复制全文县长在…上的讲话
LABEL_PREFIX_RE = re.compile(r"^(?:点击|点此)?(?:复制|打印|收藏|下载|分享)(?:全文|本文|本页|此文|文章)\s*")


def _keeps_header(lines: list[Line], index: int) -> bool:
    """A short line before the title that is the author's: a date or speaker line, or the main
    title above a subtitle (``凝心聚力　真抓实干`` / ``——在全县…上的讲话``)."""
    text = lines[index].text
    following = lines[index + 1].text if index + 1 < len(lines) else ""
    return bool(inf.match_date_line(text) or inf.is_speaker_line(text) or numbering(text)
                or re.match(r"^[—－-]{1,2}", following))


def remove_furniture(lines: list[Line], report: Report,
                     learned: frozenset[str] = frozenset()) -> list[Line]:
    out: list[Line] = []
    started = False
    in_header = True  # before the form of address or the first sentence: title, date, speaker
    for index, line in enumerate(lines):
        text = line.text
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        in_header = in_header and not (ADDRESS_RE.match(text) or ends_sentence(text))
        prefix = LABEL_PREFIX_RE.match(text)
        if prefix and prefix.end() < len(text) and inf.is_title(text[prefix.end():]):
            report.add("furniture", line.no, prefix.group(0).strip())
            text = text[prefix.end():]
        elif (is_breadcrumb(text) or is_metadata(text) or is_button_line(text)
              or is_site_words_line(text, learned, in_header) or is_category_line(text, following)):
            report.add("furniture", line.no, text)
            continue
        for match in INLINE_BUTTON_RE.finditer(text):
            report.add("furniture", line.no, match.group(0))
        text = INLINE_BUTTON_RE.sub("", text).strip()
        if not text:
            continue
        started = started or _is_header_start(text)
        if (not started and len(text) <= SHORT and _no_sentence(text) and not ends_sentence(text)
                and not _keeps_header(lines, index)):
            report.add("furniture", line.no, text)
            continue
        started = True  # the text has begun, with or without a title: no more furniture by place
        out.append(Line(line.no, text))
    return out


# --- 2. decoration ------------------------------------------------------------------------------

_KEEP = "○"  # 二○一二年


def _is_symbol(ch: str) -> bool:
    return ch not in _KEEP and (unicodedata.category(ch) == "So" or ch in "※")


_RULE_RE = re.compile(r"^[=＝\-－_~～*＊#·•.]{3,}$")


def remove_decoration(lines: list[Line], report: Report) -> list[Line]:
    out: list[Line] = []
    for line in lines:
        text = line.text
        if all(_is_symbol(c) or c.isspace() for c in text) or _RULE_RE.match(text.replace(" ", "")):
            report.add("decoration", line.no, text)
            continue
        start = 0
        while start < len(text) and (_is_symbol(text[start]) or text[start].isspace()):
            start += 1
        end = len(text)
        while end > start and (_is_symbol(text[end - 1]) or text[end - 1].isspace()):
            end -= 1
        if text[:start].strip():
            report.add("decoration", line.no, text[:start].strip())
        if text[end:].strip():
            report.add("decoration", line.no, text[end:].strip())
        out.append(Line(line.no, text[start:end]))
    return out


# --- 3. title suffix ----------------------------------------------------------------------------

TITLE_SUFFIX_RE = re.compile(r"""(?x)
    (?: 稿(?=范文|精选|大全|模板)                       # 讲话稿范文: 稿 is the site's word too
      | (?:范文|精选|大全|模板|全文|通用版?|最新版?|完整版)
      | [（(](?:精选|推荐|最新|完整版|全文|范文|通用|\d+篇|[一二两三四五六七八九十]篇)[）)]
      | \s*[_|｜]\s*[^_|｜，。]{1,20}                   # …讲话_某某范文网  …讲话｜公文站
      | \s+[-–—]{1,2}\s*[^-–—，。]{1,20}                # …讲话 - 某某网
    )+$
""")
_GENRE_END_RE = re.compile(rf"{GENRE_WORDS}$")


def strip_title_suffix(lines: list[Line], report: Report) -> list[Line]:
    out = []
    for line in lines:
        text = line.text
        match = TITLE_SUFFIX_RE.search(text) if len(text) <= 90 and _no_sentence(text) else None
        if match and _GENRE_END_RE.search(text[:match.start()]) and match.start() >= 4:
            report.add("title-suffix", line.no, match.group(0).strip())
            text = text[:match.start()]
        out.append(Line(line.no, text))
    return out


# --- 4. a title on the line of the form of address ----------------------------------------------

ADDRESS_AFTER_TITLE_RE = re.compile(rf"""(?x)
    ^(?P<title>[^，。；！？]{{4,70}}{GENRE_WORDS}(?:[（(][^（）()]{{1,12}}[）)])?)
    (?P<gap>\s*)
    (?P<address>(?:尊敬的|各位|亲爱的)?[^，。；]{{0,24}}?
        (?:同志们|朋友们|代表们|同学们|老师们|来宾们|嘉宾)[：:，,].*)$
""")


def split_title_from_address(lines: list[Line], report: Report) -> list[Line]:
    out = []
    for line in lines:
        match = ADDRESS_AFTER_TITLE_RE.match(line.text)
        if match and TITLE_RE.search(match["title"]):
            report.add("paragraph-split", line.no, match["gap"], "\n")
            out += [Line(line.no, match["title"]), Line(line.no, match["address"])]
        else:
            out.append(line)
    return out


# --- 5. fields on one line --------------------------------------------------------------------

# 时间：5月15日晚  地点：县文化艺术中心 — a gap of spaces before the next "key：" of a fields line.
FIELD_GAP_RE = re.compile(rf"\s{{2,}}(?=[{HAN}]{{2,6}}[：:])")
_FIELD_START_RE = re.compile(rf"^[{HAN}]{{2,6}}[：:]")


def split_fields(lines: list[Line], report: Report) -> list[Line]:
    out = []
    for line in lines:
        if not _FIELD_START_RE.match(line.text) or not _no_sentence(line.text):
            out.append(line)
            continue
        for gap in FIELD_GAP_RE.finditer(line.text):
            report.add("paragraph-split", line.no, gap.group(0), "\n")
        out += [Line(line.no, part) for part in FIELD_GAP_RE.split(line.text)]
    return out


# --- 6. a title among marks and site words ------------------------------------------------------


def learned_site_words(lines: list[Line]) -> frozenset[str]:
    """The column names of the file's own breadcrumb lines (首页 > 讲话稿频道 > 领导讲话)."""
    words: set[str] = set()
    for line in lines:
        if is_breadcrumb(line.text):
            text = POSITION_RE.sub("", line.text)
            words.update(p for p in BREADCRUMB_SEP_RE.split(text.strip()) if len(p) >= 2)
    return frozenset(words)


def split_site_title(lines: list[Line], report: Report, learned: frozenset[str]) -> list[Line]:
    """A title set among decorative marks and site words keeps only the title (sitewords 1)."""
    out = []
    for line in lines:
        text = line.text
        plain = inf.is_title(text.rstrip(".。．")) and not any(
            is_mark(text, i) and not text[i].isspace() for i in range(len(text)))
        found = None if plain else title_in_site_line(text, learned)
        if found is None:
            out.append(line)
            continue
        start, end = found
        for piece in (text[:start], text[end:]):
            if piece.strip():  # one change per side, so that it names where it stood
                marks_only = all(is_mark(piece, i) for i in range(len(piece)))
                report.add("decoration" if marks_only else "furniture", line.no, piece.strip())
        out.append(Line(line.no, text[start:end]))
    return out


def clean_page(lines: list[Line], report: Report) -> list[Line]:
    """The rules of this module, in order."""
    learned = learned_site_words(lines)
    lines = remove_decoration(lines, report)
    lines = strip_title_suffix(lines, report)
    lines = split_site_title(lines, report, learned)
    lines = remove_furniture(lines, report, learned)
    lines = split_fields(lines, report)
    return split_title_from_address(lines, report)
