"""The words a 范文 site puts around a speech's title, and the title lines they damage.

**Site words** are the page's own names: a home link (首页, 网站首页), a site name
(第一公文网, 文秘资料站, 范文先生网, ``www.xxx.com``), a column name (领导讲话, 讲话稿频道,
主持词大全, 公文写作), and the segments of the file's own breadcrumb line
(``首页 > 讲话稿频道 > 领导讲话``): the furniture rules' lists, not one site's name.

Three line rules use them (all in :mod:`.webpage`, reported as ``furniture`` or ``decoration``):

1. ``title_in_site_line`` — a title set between decorative marks and glued to site words:

       ◎县长在全县森林防灭火工作会议上的讲话◎第一公文网     →  县长在…的讲话
       ○○在全镇防汛备汛工作部署会上的讲话领导讲话栏目○○   →  在…的讲话
       【全区城市更新工作动员大会主持词】主持词           →  全区…主持词

   The line is cut only when everything outside the title is marks or site words, and the title
   ends where a genre word ends (讲话, 主持词 …): a sentence is never cut.

2. ``is_site_words_line`` — a line of nothing but site words, with a home link or a site name
   among them or at least two of them (``网站首页　领导讲话``): the page's navigation.

3. ``is_category_line`` — a site's category heading just above the real title: a short
   genre-and-topic line (``安全生产讲话稿精选``, ``教育工作讲话``, ``养老服务工作汇报``) that the
   next line outranks as a speech title (``title_score``: 在…上的讲话 shape, a level or place
   such as 全县/市委, a year or session, a named meeting). A real title that ends with a stray
   full stop counts as a title.
"""

from __future__ import annotations

import re
import unicodedata

from ..text import HAN
from .textutil import GENRE_WORDS, TITLE_RE

HOME = r"(?:网站首页|返回首页|回到首页|首页|主页)"
# A site name: a few characters and 网/网站/文库 (第一公文网, 范文先生网), 站 after a writing word
# (文秘资料站, 公文站: not 服务站), or a domain.
_DOMAIN = r"(?:www\.)?[A-Za-z0-9-]+\.(?:com|cn|net|org)(?:\.cn)?"
SITE_NAME = (rf"(?:[{HAN}A-Za-z0-9]{{2,10}}?(?:网站|网|文库|资料库)"
             rf"|[{HAN}]{{0,6}}?(?:资料|范文|公文|文秘|写作|文档|秘书)站|{_DOMAIN})")
_GENRE_STEM = r"(?:讲话|致辞|发言|主持词|主持稿|演讲|报告|总结|心得体会|范文|公文|写作|材料)"
# A column name: 领导讲话, 讲话稿频道, 主持词大全, 公文写作, 精选范文 …
COLUMN = rf"""(?:
    (?:领导|会议|党政|党建|公文|文秘|机关|经典|优秀|精选|热门|最新)*
    {_GENRE_STEM}
    (?:稿|致辞|演讲|写作|范文|大全|精选|资料|材料)*
    (?:频道|栏目|专栏|专题|中心|大全|精选|范文)?
  | 频道|栏目|专栏|大全|精选|范文|推荐|原创
)"""
_TOKEN = rf"(?:{HOME}|{SITE_NAME}|{COLUMN})"
SITE_WORDS_RE = re.compile(rf"(?x)(?:{_TOKEN})+")
_ANCHOR_RE = re.compile(rf"(?x){HOME}|{_DOMAIN}")

# Marks that set a title apart on a web page: symbols (★◆◎●), brackets, separators, spaces.
_BRACKETS = "【】〖〗［］[]『』「」《》"
_SEPARATORS = "_|｜·•/\\"
_NUMERAL_NEIGHBOURS = "〇零一二三四五六七八九十0123456789"


def is_mark(text: str, index: int) -> bool:
    """Whether ``text[index]`` is a decorative mark (○ only away from numerals: 二○一二年)."""
    ch = text[index]
    if ch == "○":
        near = text[index - 1:index] + text[index + 1:index + 2]
        return not any(c in _NUMERAL_NEIGHBOURS for c in near)
    return (ch.isspace() or ch in _BRACKETS or ch in _SEPARATORS or ch == "※"
            or unicodedata.category(ch) == "So")


def _runs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each run of non-mark characters."""
    runs, start = [], None
    for i in range(len(text) + 1):
        inside = i < len(text) and not is_mark(text, i)
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            runs.append((start, i))
            start = None
    return runs


# Nets that are no site: 织密安全网, 电网, 互联网 …
_NOT_SITE_RE = re.compile(r"(?:安全|防护|保障|服务|监测|互联|物联|关系|信息|天|法|电|管|路|渔)网")


def is_site_words(text: str, learned: frozenset[str] = frozenset()) -> bool:
    """Whether ``text`` is made only of site words (generic ones and those ``learned``)."""
    if not text or _NOT_SITE_RE.search(text):
        return False
    return (text in learned or SITE_WORDS_RE.fullmatch(text) is not None
            or _learned_split(text, learned))


def _learned_split(text: str, learned: frozenset[str]) -> bool:
    for word in learned:
        if text.startswith(word):
            rest = text[len(word):]
            if not rest or is_site_words(rest, learned):
                return True
    return False


_GENRE_END_RE = re.compile(rf"{GENRE_WORDS}(?:[（(][^（）()]{{1,12}}[）)])?")


def _title_in_run(run: str, learned: frozenset[str]) -> tuple[int, int] | None:
    """(start, end) of a title inside ``run`` when the rest of the run is site words, else None."""
    starts = [0] + [m.end() for m in re.finditer(rf"(?x){_TOKEN}", run) if m.start() == 0]
    for start in starts:
        if start and not is_site_words(run[:start], learned):
            continue
        for match in _GENRE_END_RE.finditer(run, start):
            end = match.end()
            title = run[start:end]
            if (len(title) >= 6 and TITLE_RE.search(title)
                    and (end == len(run) or is_site_words(run[end:], learned))):
                return start, end
    return None


def title_in_site_line(text: str, learned: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """(start, end) of the title in a title line set among marks and site words, else None.

    Every other run of the line must be site words, and something must be cut.
    """
    if len(text) > 100 or any(c in text for c in "，,；;！？"):
        return None
    found = None
    for start, end in _runs(text):
        if found is None:
            inner = _title_in_run(text[start:end], learned)
            if inner:
                found = (start + inner[0], start + inner[1])
                continue
        if not is_site_words(text[start:end], learned):
            return None
    if found is None or found == (0, len(text)):
        return None
    return found


def is_site_words_line(text: str, learned: frozenset[str] = frozenset(),
                       header: bool = False) -> bool:
    """A navigation line: site words only, with a home link, a domain or a column of the file's
    breadcrumb among them, or two of them (``网站首页　领导讲话``). A site name alone counts only
    among the header lines (``header``: before the form of address or the first sentence); in
    the text it may be a heading (织密安全网)."""
    runs = [text[s:e] for s, e in _runs(text)]
    if not runs or len(text) > 40 or not all(is_site_words(r, learned) for r in runs):
        return False
    return (len(runs) >= 2 or bool(_ANCHOR_RE.search(text)) or any(r in learned for r in runs)
            or (header and re.search(SITE_NAME, text) is not None))


# --- speech title or category line ------------------------------------------------------------

_STRAY = ".。．"
_PLACE_RE = re.compile(rf"全(?:国|省|市|县|区|镇|乡|州|盟|旗)|(?:省|市|县|区|州|镇|乡)(?:委|政府|人大|政协)"
                       rf"|[{HAN}]{{2,4}}(?:省|市|县|区|镇|乡)(?=[{HAN}])|[×X]{{2,3}}(?:省|市|县|区|镇|乡)")
_AT_MEETING_RE = re.compile(r"在.{2,60}?(?:上|中|时)的")
_WHEN_RE = re.compile(r"\d{4}年|[〇○零一二三四五六七八九]{4}年|第[一二三四五六七八九十\d]+(?:次|届)|关于")
_MEETING_RE = re.compile(r"(?:会议|大会|[^\s]会(?=上|主持|讲话|发言|致辞|$)|仪式|典礼|培训班|论坛|座谈)")
_SITE_SUFFIX_RE = re.compile(r"(?:稿|范文|精选|大全|汇总|模板)$")


def title_score(text: str) -> int:
    """How much ``text`` reads as a speech's own title rather than a site's category heading."""
    text = text.rstrip(_STRAY)
    score = 0
    if _AT_MEETING_RE.search(text):
        score += 3
    if _PLACE_RE.search(text):
        score += 2
    if _WHEN_RE.search(text):
        score += 1
    if _MEETING_RE.search(text):
        score += 1
    if len(text) >= 12:
        score += 1
    if _SITE_SUFFIX_RE.search(text):
        score -= 2
    return score


def _title_like(text: str) -> bool:
    text = text.rstrip(_STRAY)
    return len(text) <= 70 and bool(TITLE_RE.search(text) or TITLE_RE.search(
        _SITE_SUFFIX_RE.sub("", text)))


# A sentence or a collection's speech marker is no category: 请县长讲话, 第一篇：乡村振兴讲话.
_NOT_CATEGORY_RE = re.compile(
    r"^(?:请|下面|现在|由|第[一二三四五六七八九十\d]+篇|篇[一二三四五六七八九十])|[，,：:；]")


def is_category_line(text: str, following: str) -> bool:
    """A site's genre-and-topic heading (``安全生产讲话稿精选``) just above the real title."""
    if (len(text) > 16 or text[-1:] in _STRAY or _NOT_CATEGORY_RE.search(text)
            or not _title_like(text) or not _title_like(following)):
        return False
    mine, theirs = title_score(text), title_score(following)
    return mine <= 1 and theirs >= 3 and theirs >= mine + 2
