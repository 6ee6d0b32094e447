r"""Number frames (数字概括): “三个不变”, “四个不动摇”, “五个二”, 三项议程, 三句话 and their members.

A *frame* names a group by its size; speeches use it to announce a list (我讲三句话), to brand a
slogan (“四个不动摇”) or to sum up one (坚持…、坚持…、坚持…“三不变”). :func:`find_frames` finds
two kinds:

1. **Quoted frames** — the text between “ and ” (up to 14 characters; a list such as
   “三个不变、四个到位” is split at 、 and each part checked on its own) that is exactly one of::

       (?x)
         (?:十[一-九]?|[二-九]十[一-九]?|[一二两三四五六七八九])   # numeral, 一 to 九十九
         [个项大种点句条] [\u4e00-\u9fff]{1,6}                    # 四个不动摇, 三大工程, 四个三
       | (?!一)(?:numeral) (?![个项大种点句条]|numeral)
         [\u4e00-\u9fff]{1,2}                                     # 三不变, 五统一, 六到位, 两非
       | 双 [\u4e00-\u9fff]{2}                                     # 双突出 (not 双降, 双独)
       | (?:(?:numeral|双) [\u4e00-\u9fff]{1,3}?){2,}              # 一证二合同三承诺, 四优一满意, 两学一做

   where, outside the first form (which allows “四个三”), the characters after a numeral never
   start with another numeral. So “一票否决”, “一把手”, “一盘棋”, “双降”, “三晋康家” and the plan
   periods “十五”, “十一五” are not frames. Nor are the abbreviations in ``NOT_FRAMES`` (两非,
   三查, 三个代表 …), which name one thing rather than announce a list.

2. **Unquoted frames** — a numeral of two or more (not 一: a group of one is no frame), a
   classifier and a short noun that runs up to punctuation or the end of the text, not preceded
   by 第 or another numeral character (``_UNQUOTED`` below)::

       我讲三句话： → 三句话      今天会议有三项议程： → 三项议程      实施五大工程、 → 五大工程

   The noun must not start with a time or measure word (三个月里, 两个百分点), contain 的/是/和…,
   or be a bare numeral (二个三); 大 takes a single-digit numeral only (so not 十八大).

:func:`frame_members` finds the members of a frame where the speech spells them out (best effort;
it returns members only when it finds exactly as many as the frame's number, else ``[]``):

- a 、-list right before a quoted frame: 坚持计生基本国策、坚持党政一把手负总责、坚持一票否决制度
  “三不变” → [坚持计生基本国策, 坚持党政一把手负总责, 坚持一票否决制度];
- numbered members after the frame, in the same paragraph or the following ones: 一是…二是…,
  一要…二要…, 第一…第二… (第一句话，…), （一）…（二）…, 一、…二、…, 1、…2、…, or 一个三，…二个三，…
  for “四个三”; each member is the text after the marker up to the end of its sentence;
- a list right after the frame: “三为主”方针，即宣传教育为主，避孕节育为主，经常性工作为主 →
  split at ；, else ，, else 、 (whichever gives the right number), or a parenthesis: “五个一”
  （一个药具包、一张检查床、…）.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from speechlib.text import (
    CLAUSE_END,
    ELLIPSIS,
    FULL_STOPS,
    HAN,
    NUMERAL,
    SENTENCE_END,
    chinese_numeral,
    marker_pattern,
    numeral_value,
)

_NUM_CHARS = "一二两三四五六七八九十"
_CLS = "个项大种点句条"
_NUM = NUMERAL
_HAN = f"[{HAN}]"
_BOUNDARY = r"[，。、；：！？,.;:!?（）()“”\"'《》\s]"

_QUOTED = re.compile(r"“(?P<body>[^“”\n]{1,14})”")
_QUOTED_PART = re.compile(
    rf"""(?x)
    (?P<classified> {_NUM} [{_CLS}] {_HAN}{{1,6}} )
  | (?P<bare> (?!一){_NUM} (?![{_CLS}{_NUM_CHARS}]) {_HAN}{{1,2}} )
  | (?P<double> 双 (?![{_NUM_CHARS}]) {_HAN}{{2}} )
  | (?P<multi> (?: (?:{_NUM}|双) (?![{_NUM_CHARS}]) {_HAN}{{1,3}}? ){{2,}} )
    """
)
_UNQUOTED = re.compile(
    rf"""(?x)
    (?<![第几0-9〇零百千万{_NUM_CHARS}])       # not an ordinal, not inside a larger number
    (?P<num> (?!一){_NUM} )                       # two or more: a group of one is no frame
    (?P<cls> [{_CLS}] )
    (?P<noun>
        (?!月|年|日|天|周|次|小时|百分|千分|多|余|左右)   # 三个月里, 两个百分点: counts, not frames
        {_HAN}{{1,4}}
    )
    (?= {_BOUNDARY} | $ )                          # the noun runs up to punctuation
    """
)
_NOUN_STOP = set("的了是在和与及要就都把被对")

# Numbered abbreviations that name one thing (a practice, a check, a theory, a policy) rather than
# announce a list of points: they look like frames but are terms (data/terms.yml) or proper names.
NOT_FRAMES = frozenset(
    {
        "两非",  # 非医学需要的胎儿性别鉴定和选择性别的人工终止妊娠: one practice
        "三查",  # a routine health check (查环、查孕、查病): a term of the field
        "三个代表",  # the name of a theory: “三个代表”重要思想
        "两孩",  # 全面两孩: a policy, not a list
        "三孩",
    }
)


@dataclass(frozen=True)
class Frame:
    text: str  # the frame as written, without quotes: 四个不动摇
    start: int  # offsets of ``text`` in the searched string
    end: int
    count: int | None = None  # the number it announces (None for 一证二合同三承诺-like frames)


def _leading_count(text: str) -> int | None:
    match = re.match(_NUM + "|双", text)
    return numeral_value(match.group(0)) if match else None


def find_frames(text: str) -> list[Frame]:
    """Every number frame in ``text``, in order of position."""
    frames: list[Frame] = []
    taken: list[tuple[int, int]] = []
    for quote in _QUOTED.finditer(text):
        body_start = quote.start("body")
        offset = 0
        for part in quote.group("body").split("、"):
            match = _QUOTED_PART.fullmatch(part)
            if match and part not in NOT_FRAMES:
                start = body_start + offset
                count = None if match.group("multi") else _leading_count(part)
                frames.append(Frame(part, start, start + len(part), count))
            offset += len(part) + 1
        taken.append((quote.start(), quote.end()))
    for match in _UNQUOTED.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in taken):
            continue
        noun, cls, num = match.group("noun"), match.group("cls"), match.group("num")
        if _NOUN_STOP & set(noun) or all(ch in _NUM_CHARS for ch in noun):
            continue
        if cls == "大" and len(num) > 1:  # 十八大, 二十大: party congresses, not frames
            continue
        if match.group(0) in NOT_FRAMES:
            continue
        frames.append(Frame(match.group(0), start, end, numeral_value(num)))
    frames.sort(key=lambda f: f.start)
    return frames


# --- members -------------------------------------------------------------------------------------

_OPEN, _CLOSE = "（(“《", "）)”》"
_CLAUSE_END = CLAUSE_END + "\n"
_SENTENCE_END = SENTENCE_END + ELLIPSIS + "\n"
# A frame announces the following paragraphs only when little follows it in its own paragraph.
_ANNOUNCING_TAIL = 16
# In a later paragraph, a member marker must open it (up to a few characters such as 会议).
_MARKER_LEAD = 4
_LEADING_CONJUNCTIONS = "但而并又也即如和及与"


def _split_top(text: str, separators: str) -> list[str]:
    """Split at separators outside brackets and quotes."""
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts]


def _opens_quote(text: str, frame: Frame) -> bool:
    return frame.start > 0 and text[frame.start - 1] == "“"


def _after(text: str, frame: Frame) -> int:
    """Where the text after the frame starts (past its closing quote, if any)."""
    return frame.end + 1 if text[frame.end : frame.end + 1] == "”" else frame.end


def _preceding_members(text: str, frame: Frame) -> list[str]:
    before = text[: frame.start - 1]
    stripped = True
    while stripped:
        stripped = False
        for tail in ("这些", "这", "的", "等"):
            if before.endswith(tail):
                before, stripped = before[: -len(tail)], True
    if not before or before[-1] in _CLAUSE_END or before[-1] in "、":
        return []
    depth, cut = 0, 0
    for i in range(len(before) - 1, -1, -1):
        ch = before[i]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            depth -= 1
            if depth < 0:  # an unclosed bracket or quote opens the clause
                cut = i + 1
                break
        elif depth == 0 and ch in _CLAUSE_END:
            cut = i + 1
            break
    items = _split_top(before[cut:], "、")
    if len(items) < 2 or not all(items):
        return []
    return [_trim_first(items[0], items[1:]), *items[1:]]


def _trim_first(first: str, others: list[str]) -> str:
    """Cut the clause's lead-in off the first item of a list (…强调坚持A、坚持B → 坚持A)."""
    prefix = others[0]
    for item in others[1:]:
        while not item.startswith(prefix):
            prefix = prefix[:-1]
    if len(others) >= 2 and prefix and prefix in first:
        return first[first.rfind(prefix) :]
    # Numbered items (一访、二送、三跟踪): start the first at the numeral before the second's.
    second = _leading_count(others[0])
    if second and second > 1:
        numeral = chinese_numeral(second - 1)
        if numeral in first:
            return first[first.rfind(numeral) :]
    lengths = {len(item) for item in others}
    if len(lengths) == 1 and len(others) >= 2 and len(first) > next(iter(lengths)):
        return first[-next(iter(lengths)) :]
    if len(first) > 1 and first[0] in _LEADING_CONJUNCTIONS:
        return first[1:]
    return first


def _marker_patterns(k: int, frame: Frame, suffix: str | None = None) -> dict[str, str]:
    """Regexes for the k-th member marker of each numbering family.

    ``suffix`` pins the 第 family to the word the first marker used (第一项 → 第二项, not 第二句话).
    The result is shared between calls (memoized): read it, do not change it.
    """
    return _patterns_for(k, frame.text, suffix)


# Every paragraph after a frame asks for the same few patterns: building them was two thirds of the
# phrase index's time on a 2,000-speech library.
@functools.lru_cache(maxsize=8192)
def _patterns_for(k: int, frame_text: str, suffix: str | None) -> dict[str, str]:
    ck = chinese_numeral(k)
    lead = rf"(?:^|(?<=[{re.escape(_CLAUSE_END)}“\s]))"
    suffixes = "句话|点|条|项|个方面|方面" if suffix is None else re.escape(suffix)
    patterns = {
        "是": rf"{lead}{ck}是",
        "要": rf"{lead}{ck}要",
        "第": rf"第{ck}(?P<suffix>(?:{suffixes})?)[，,、：:]",
        "括号": marker_pattern(3, k),
        "顿号": lead + marker_pattern(2, k),
        "数字": lead + marker_pattern(4, k),
    }
    noun = re.sub(rf"^{_NUM}[{_CLS}]", "", frame_text)
    classifier = frame_text[len(frame_text) - len(noun) - 1] if noun != frame_text else ""
    if classifier:
        patterns["序号"] = rf"^{ck}{re.escape(classifier + noun)}[，,：:]"
    return patterns


def _member_text(unit: str, start: int, stop: int) -> str:
    piece = unit[start:stop]
    for i, ch in enumerate(piece):
        if ch in _SENTENCE_END:
            piece = piece[:i]
            break
    return piece.strip().lstrip("，,：:").strip().rstrip("，,、：:。；;").strip()


def _marked_members(paragraphs: Sequence[str], frame: Frame) -> list[str]:
    count = frame.count or 0
    units = [paragraphs[0][_after(paragraphs[0], frame) :], *paragraphs[1:]]
    # Where each family's first marker is. It must follow the frame closely: within a few
    # characters in the same paragraph, or opening one of the next two paragraphs when the frame
    # ends its paragraph (……主要来自三个方面。 / 我讲三句话：).
    starts = []
    for family, pattern in _marker_patterns(1, frame).items():
        for u, unit in enumerate(units[:3]):
            if u > 0 and len(units[0].strip()) > _ANNOUNCING_TAIL:
                break
            match = re.compile(pattern).search(unit)
            if match and ((u == 0 and match.start() <= 12) or (u > 0 and match.start() == 0)):
                starts.append((u, match.start(), family, match))
                break
    for u, _pos, family, match in sorted(starts, key=lambda s: (s[0], s[1])):
        suffix = match.group("suffix") if family == "第" else None
        members: list[str] = []
        for k in range(2, count + 2):
            nxt = None
            if k <= count:
                pattern = re.compile(_marker_patterns(k, frame, suffix)[family])
                # Look further on in this paragraph, then at the head of the next few (headings
                # may be a whole section apart; 会议第二项 may open its paragraph).
                window = 6 if family in ("是", "要") else 40
                for v in range(u, min(u + window, len(units))):
                    m = pattern.search(units[v], match.end() if v == u else 0)
                    if m and (v == u or m.start() <= _MARKER_LEAD):
                        nxt = (v, m)
                        break
            stop = nxt[1].start() if nxt and nxt[0] == u else len(units[u])
            members.append(_member_text(units[u], match.end(), stop))
            if not nxt:
                break
            u, match = nxt
        if len(members) == count and all(members):
            return members
    return []


def _inline_members(text: str, frame: Frame) -> list[str]:
    count = frame.count or 0
    tail = text[_after(text, frame) :]
    if tail.startswith(("（", "(")):
        region, strict = _split_top(tail[1:], "）)")[0], False
    else:
        # 即 or a colon announces a list; after a bare comma only a ；-separated list counts
        # (“四个必须”，必须高度重视，轻视不得；必须明确重点，马虎不得；…).
        connector = re.match(rf"{_HAN}{{0,4}}?(?:[，,：:]即?|即)[：:，,]?", tail)
        if not connector:
            return []
        strict = "即" not in connector.group(0) and not re.search("[：:]", connector.group(0))
        region = tail[connector.end() :]
        for i, ch in enumerate(region):
            if ch in FULL_STOPS or ch == "\n":
                region = region[:i]
                break
    region = region.strip()
    if not region:
        return []
    by_semicolon = [p for p in _split_top(region, "；;") if p]
    if strict:
        # After a bare comma only a real ；-list counts, never a single clause.
        return by_semicolon if count >= 2 and len(by_semicolon) == count else []
    if len(by_semicolon) == count:
        return by_semicolon
    by_comma = [p for p in _split_top(by_semicolon[0], "，,") if p]
    if len(by_comma) == count:
        return by_comma
    by_enum = [p for p in _split_top(by_comma[0], "、") if p]
    if len(by_enum) == count:
        return by_enum
    if count == 2:
        parts = re.split("[和与及]", by_enum[0])
        if len(parts) == 2 and all(parts):
            return parts
    return []


def frame_members(paragraphs: Sequence[str], frame: Frame) -> list[str]:
    """The members of ``frame`` as the speech spells them out, in order; ``[]`` when not found.

    ``paragraphs[0]`` is the paragraph the frame was found in (``frame.start``/``end`` index it);
    the paragraphs after it follow, since numbered members often open the next paragraphs.
    """
    if not paragraphs or not frame.count or frame.count < 1:
        return []
    text = paragraphs[0]
    if _opens_quote(text, frame):
        # A quoted slogan right after a 、-list sums that list up (坚持A、坚持B、坚持C“三不变”).
        members = _preceding_members(text, frame)
        if len(members) == frame.count:
            return members
    return _marked_members(paragraphs, frame) or _inline_members(text, frame)


def frames_with_members(paragraphs: Sequence[str]) -> list[tuple[int, Frame, list[str]]]:
    """Every frame of a page's paragraphs: (paragraph index, frame, its members or [])."""
    found = []
    for index, paragraph in enumerate(paragraphs):
        for frame in find_frames(paragraph):
            found.append((index, frame, frame_members(paragraphs[index:], frame)))
    return found
