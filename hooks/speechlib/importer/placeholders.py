"""Placeholders, hidden names and anti-copy characters: line rules on the text of a speech.

The library writes one placeholder convention (see DOMAIN.md): ``××`` for a number or a year
and ``×××`` for a name or a place. Sources spell them a dozen ways, or leave a gap.

1. ``anti-copy`` — a mark a site inserts between two Han characters to spoil copying
   (``认真的.贯彻落实``, ``会议的`精神``): a half-width ``. ` ' ~ ^ |`` or ``｀`` with a Han
   character on each side goes. Digits (``5.11``), Latin words and a heading number
   (``一.加强领导``) keep theirs.
2. ``hidden-name`` — a gap where a name was taken out: two or more spaces (half or full width) or
   underscores between Han characters (``下面请      同志讲话``), or spaces beside the punctuation
   of a sentence where a name stands in a list or clause (``刚才，      同志代表…``,
   ``出席的有：      、      同志``, ``县委副书记      ，``), would otherwise be closed up into
   another sentence (刚才，同志代表…: a person lost). The gap becomes a placeholder.
   Spaces before a field label (``时间：5月15日晚  地点：…``), after a field label's colon
   (``主持人：  县委副书记``), after a full stop (a paragraph break), after a heading number's
   short text (``一、加强领导  各级…``) and between the parallel phrases of a title
   (``凝心聚力  真抓实干``: Han phrases of one length, nothing else on the line) are layout,
   they hide nothing; underscores always stand for a blank.
3. ``placeholder`` — every other spelling of a placeholder: ``**镇``, ``##月``, ``xx局长``,
   ``X书记``, ``…同志``, ``20××年``, ``***的大事``, ``XX市``.

Number or name is read from the neighbours (rules 2 and 3): a placeholder before a unit
(年 月 日 个 人 户 万 元 % …, see ``NUMBER_AFTER``), after 第 or 20, or in 党的××大, is a
number, ``××``; any other is a name or a place, ``×××``. A single letter counts only before a
place or office (``X书记``, ``X县``): ``X光`` and ``B超`` are words.
"""

from __future__ import annotations

import re

from ..text import HAN, PLACEHOLDER_NAME, PLACEHOLDER_NUMBER, is_han
from .headings import HEADING_MAX, numbering
from .report import Report
from .textutil import Line

NAME = PLACEHOLDER_NAME  # the library's convention, from the text core
NUMBER = PLACEHOLDER_NUMBER

# --- 1. anti-copy --------------------------------------------------------------------------------

ANTI_COPY_RE = re.compile(rf"""(?x)
    (?<=[{HAN}]) [.`'~^|｀] (?=[{HAN}])
""")
# 一.加强领导: the mark after a heading number at the start of a line is the number's.
_NUMBER_START_RE = re.compile(r"^[一二三四五六七八九十]{1,3}$")


def strip_anti_copy(text: str, line: int, report: Report) -> str:
    """``text`` without anti-copy marks. The paragraph rules run it again on joined paragraphs,
    for a mark that stood at a line break (``认真的.`` / ``贯彻落实``)."""

    def replace(match: re.Match[str]) -> str:
        if _NUMBER_START_RE.match(text[:match.start()]):
            return match.group(0)
        report.add("anti-copy", line, match.group(0))
        return ""

    return ANTI_COPY_RE.sub(replace, text)


def remove_anti_copy(lines: list[Line], report: Report) -> list[Line]:
    return [Line(line.no, strip_anti_copy(line.text, line.no, report)) for line in lines]


# --- number or name --------------------------------------------------------------------------

# What follows a number in running text: time units, measure words, multipliers and %.
NUMBER_AFTER = set("年月日号时分秒点个人户元角万亿千百次名项条家所件份篇批期届位岁周天倍%％余多"
                   "起例座辆吨亩米张套栋")
# A place or an office after a single placeholder letter: X县, X书记, X同志.
_NAME_AFTER = r"(?:[省市县区镇乡村局委办厅处科部]|书记|同志|主任|县长|市长|镇长|乡长|区长|局长|部长)"


# Words that start with a unit character but name something: ××人民政府, ××日报, ××所长.
_NAME_WORD_RE = re.compile(r"^(?:人民|人大|日报|所长|座谈|家庭|时代|期刊|月刊|点评|起草)")


def _kind(text: str, start: int, end: int) -> str:
    """×× or ××× for a placeholder at text[start:end], from its neighbours."""
    before, after = text[:start], text[end:]
    if _NAME_WORD_RE.match(after):
        return NAME
    if after[:1] in NUMBER_AFTER or before.endswith(("第", "20", "19")):
        return NUMBER
    if re.search(r"党的$", before) and after[:1] in "大届":  # 党的××大: the congress's number
        return NUMBER
    return NAME


# --- 2. hidden names ----------------------------------------------------------------------------

HIDDEN_RE = re.compile(rf"""(?x)
    (?<=[{HAN}])
    (?: [ \u3000]{{2,}} | [_＿]{{2,}} )     # the gap: spaces or a line to write on
    (?=[{HAN}])
    (?![{HAN}]{{2,6}}[：:])           # 时间：…  地点：… — spaces between fields of a line
""")
# A gap of spaces next to the punctuation of a sentence, where a name stood in a list or a clause:
# 刚才，      同志代表…  有：      、      同志  副书记      ，  由“      ”志愿服务队…
# Only where a name would stand: before a word that follows a name (同志, 局长, 代表, 镇, 作 …)
# or a list mark, inside quotes, or after a role or a word that introduces one (副书记, 请, 有).
# Not after a field label's colon before text (主持人：  县委副书记, layout), nor after 。！？ (a
# paragraph break written as spaces, the split rule's), nor a stray double space after a comma
# before ordinary text (同志们，  今年以来…).
_AFTER_NAME = (r"(?:同志|书记|主任|副|常务|[县市区镇乡局处科部院厅所社站]长|主席|委员|代表"
               r"|同学|老师|先生|女士"
               r"|等|和|及|与|街道|社区|单位|公司|家庭|作|宣读|介绍|通报|讲话|发言"
               r"|主持|致辞|汇报|[、，。；）”’》])")
_BEFORE_NAME = (r"(?:书记|主任|[县市区镇乡局处科部院厅所社站]长|主席|委员|同志|代表|秘书长|常委|主持人"
                r"|请|由|有|是|和|与|及|向|对)")
PUNCT_GAP_RE = re.compile(rf"""(?x)
    (?: (?<=[，“‘（《]) [ \u3000]{{2,}} (?={_AFTER_NAME})
      | (?<=、) [ \u3000]{{2,}} (?=[{HAN}、，。])      # an item of a list: 超市、      农贸市场
      | (?<=[：:]) [ \u3000]{{2,}} (?=、)
      | (?<=[{HAN}]) [ \u3000]{{2,}} (?=[，、。；）”’》])
    )
    (?![{HAN}]{{2,6}}[：:])
""")
_BEFORE_NAME_RE = re.compile(f"{_BEFORE_NAME}$")


def punctuation_gaps(text: str) -> list[re.Match[str]]:
    """The gaps of ``PUNCT_GAP_RE`` where a name would stand (see above)."""
    return [m for m in PUNCT_GAP_RE.finditer(text)
            if not is_han(text[m.start() - 1]) or _BEFORE_NAME_RE.search(text[:m.start()])]


def _is_slogan(text: str) -> bool:
    """A title made of parallel phrases set apart by spaces: 凝心聚力  真抓实干  奋勇争先."""
    parts = text.split()
    return (len(parts) >= 2 and len({len(p) for p in parts}) == 1 and len(parts[0]) <= 8
            and all(re.fullmatch(f"[{HAN}]+", p) for p in parts))


def mark_hidden_names(lines: list[Line], report: Report) -> list[Line]:
    out = []
    for line in lines:
        text = line.text
        pieces, last = [], 0
        heading = numbering(text)
        if _is_slogan(text):
            out.append(line)  # 凝心聚力  真抓实干: a title's phrases, not a sentence with a gap
            continue
        gaps = sorted([*HIDDEN_RE.finditer(text), *punctuation_gaps(text)],
                      key=lambda m: m.start())
        for match in gaps:
            if heading and match.start() <= HEADING_MAX + len(heading[2]):
                continue  # 一、加强组织领导  各级…: the gap ends a heading (the split rule's)
            mark = _kind(text, match.start(), match.end())
            report.add("hidden-name", line.no, match.group(0), mark)
            pieces += [text[last:match.start()], mark]
            last = match.end()
        out.append(Line(line.no, "".join(pieces) + text[last:]))
    return out


# --- 3. placeholder spellings ------------------------------------------------------------------

PLACEHOLDER_RE = re.compile(rf"""(?x)
    (?<![A-Za-z0-9.])
    (?: (?:19|20)[xX×*＊#＃Ｘｘ]{{2}}(?=年)               # 20xx年 20××年
      | [xX×*＊#＃Ｘｘ]{{2,4}}                           # **镇 ##月 xx局长 ×××
      | [xXＸ×](?={_NAME_AFTER}|[个项条年月日])            # X书记 X县 X个
      | (?<=[{HAN}])(?:…{{1,2}}|\\.{{3,6}})(?=同志|书记|主任|县长|市长|局长)  # 请……同志讲话
    )
    (?![A-Za-z0-9])
""")


def normalize_placeholders(lines: list[Line], report: Report) -> list[Line]:
    out = []
    for line in lines:
        text = line.text
        pieces, last = [], 0
        for match in PLACEHOLDER_RE.finditer(text):
            before = text[max(0, match.start() - 1):match.start()]
            after = text[match.end():match.end() + 1]
            # Only next to Chinese text (or a line edge): 2×3, XXL and x-axis are not placeholders.
            if not (re.match(f"[{HAN}（“《、，：]", before or "，")
                    or re.match(f"[{HAN}）”》、，。：；]", after or "。")):
                continue
            mark = _kind(text, match.start(), match.end())
            if match.group(0) != mark:
                report.add("placeholder", line.no, match.group(0), mark)
            pieces += [text[last:match.start()], mark]
            last = match.end()
        out.append(Line(line.no, "".join(pieces) + text[last:]))
    return out


def mark_placeholders(lines: list[Line], report: Report, gaps: bool = True) -> list[Line]:
    """The three rules, in order: a gap is a placeholder before the spellings are unified.

    ``gaps`` is False for a flattened file, where every run of spaces is a paragraph break.
    """
    lines = remove_anti_copy(lines, report)
    if gaps:
        lines = mark_hidden_names(lines, report)
    return normalize_placeholders(lines, report)
