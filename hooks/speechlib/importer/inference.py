"""Front matter from the source: the header lines of a speech and what its title tells.

**Header.** The lines before the form of address (同志们：) that are a title, a speaker line or a
date line leave the body for the front matter (reported as ``header``):

    全县人口和计划生育工作专题讲座主持词        title: ends in 讲话, 主持词, 报告, 汇报, 发言, 致辞 …
    县委副书记、县长姜仕坤                      speaker: roles, then a personal name (dropped)
    （2024年5月11日）                           date, possibly with a remark (根据录音整理)

A date line that closes the speech is taken the same way.

**Title.** A main title over a ``——`` subtitle is one title (``凝心聚力　真抓实干——在全县经济
工作会议上的讲话``). The first header title that is more than a bare genre word (主持词), else the
title of the collection marker (第四篇：计划生育科技工作培训会主持词). A leading date label (``5.11在…``) and
a leading speaker with a personal name (``XX市委常委、XX县区委书记孙正东在…``) are cut off: the
title is ``在全市人口和计划生育工作会议上的讲话`` and the role goes to ``speaker``. A leading
speaker that is only a role stays in the title (``市长在全市人口和计划生育工作会议上的讲话``).

**Inference** from the title texts (header titles and marker), in this order of evidence:

* ``genre``: 主持词/主持稿 → 主持词; 表态发言 → 表态发言; 经验交流/交流发言/经验介绍 → 经验交流;
  致辞/致词 → 致辞; 工作报告/报告 → 工作报告; 汇报 → 工作汇报; 讲话/讲稿/发言 → 讲话;
* ``meeting_type``: 培训/讲座/开班 → 培训会; 调度 → 调度会; 推进 → 推进会; 动员 → 动员会;
  表彰 → 表彰会; 交流/观摩/现场会 → 经验交流会; 专题会议, or one task named in the title
  (专项, 整治, 攻坚, 清理整顿, 常务会议) → 专题工作会议; 工作会议/会议 → 年度工作会议. When the title
  holds words of two types (…工作会议暨表彰大会, 2024年全县专项整治工作会议), the first in this
  order decides and a warning names the deciding words and the other candidates;
* ``level``: 全省/全市/全县/全区/全镇… in the titles, else the speaker's role (县长 → 县), else the
  most frequent of 全县/我县/县委… in the first paragraphs (reported, since it is a guess);
* ``speaker``: the roles of the speaker line or of the title's speaker, without the personal name
  after them (县委副书记、县长姜仕坤 → 县委副书记、县长; 区委书记李俊 → 区委书记);
* ``date``: （2024年5月11日）, (2011年5月11日), 二〇一二年一月三十一日 → ISO (2012-01-31);
  2024年5月 → 2024-05; a placeholder year (20xx年, **年, ××年) → 不详.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..text import numeral_value
from .report import Report
from .textutil import ADDRESS_RE, GENRE_WORDS, TITLE_RE, Line, ends_sentence

_BARE_GENRE_RE = re.compile(rf"^{GENRE_WORDS}$")

ROLE_RE = re.compile(r"""(?x)
      常务副(?:省|市|县|区|州)长
    | (?:省|市|县|区|州|镇|乡)委(?:副)?书记
    | (?:镇|乡|街道)?党(?:工)?委(?:副)?书记 | 党组(?:副)?书记
    | (?:省|市|县|区|州)委常委
    | 副?(?:省|市|县|区|州|镇|乡)长
    | 副?(?:局|处|科|厅|部|院|所|站)长 | 秘书长
    | 副?主任 | 副?主席 | 书记 | 主持人
""")

# Dates: ASCII digits, Chinese numerals, or placeholder years.
_CN_DIGIT = "〇零○O一二三四五六七八九"
_DATE = rf"""
    (?P<year>\d{{4}}|[{_CN_DIGIT}]{{4}}|20[xX×＊*]{{2}}|\*{{2,4}}|[×Xx＊]{{2,4}})\s?年
    (?:\s?(?P<month>\d{{1,2}}|[一二三四五六七八九十]{{1,2}}|[×Xx＊*#]{{1,2}})\s?月
       (?:\s?(?P<day>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}|[×Xx＊*#]{{1,2}})\s?日)?)?
"""
DATE_RE = re.compile(_DATE, re.X)
DATE_LINE_RE = re.compile(rf"""
    ^[（(]?\s*
    (?P<date>{_DATE})
    \s*(?P<remark>[^（）()]{{0,20}}?)\s*    # 根据录音整理
    [）)]?$
""", re.X)
_DATE_PREFIX_RE = re.compile(r"^\d{1,2}[.．]\d{1,2}(?=[^\d])")

GENRES = (  # (pattern, label), first match wins
    (r"主持词|主持稿", "主持词"),
    (r"表态发言", "表态发言"),
    (r"经验交流|交流发言|经验介绍|典型发言", "经验交流"),
    (r"致辞|致词", "致辞"),
    (r"工作报告|报告", "工作报告"),
    (r"汇报", "工作汇报"),
    (r"讲话|讲稿|发言", "讲话"),
)
MEETING_TYPES = (  # (pattern, slug), first match wins
    (r"培训|讲座|开班", "peixunhui"),
    (r"调度", "diaoduhui"),
    (r"推进", "tuijinhui"),
    (r"动员", "dongyuanhui"),
    (r"表彰", "biaozhanghui"),
    (r"交流会|观摩|现场会", "jiaoliuhui"),
    (r"专题(?:工作)?会议|专题会|专项|整治|攻坚|清理整顿|常务会议?", "zhuantihuiyi"),
    (r"工作会议|工作会|会议", "nianduhuiyi"),
)
LEVELS = (("省", "省"), ("市", "市"), ("县", "县"), ("区", "区"), ("镇", "乡镇"), ("乡", "乡镇"))
_LEVEL_INTITLE_RE = re.compile(r"全(省|市|县|区|镇|乡)")
_LEVEL_IN_TEXT_RE = re.compile(r"(?:全|我|本)(省|市|县|区|镇|乡)|(省|市|县|区)(?:委|政府)")


@dataclass
class Header:
    """What the header lines of one speech say."""

    titles: list[str] = field(default_factory=list)
    speaker_lines: list[str] = field(default_factory=list)
    date_text: str | None = None
    date_remark: str = ""
    line_of: dict[str, int] = field(default_factory=dict)  # source line of each header text


def match_date_line(text: str) -> re.Match[str] | None:
    """A line that is only a date, or a date and a short remark inside brackets."""
    match = DATE_LINE_RE.match(text)
    if match and match["remark"] and not (text[0] in "（(" and text[-1] in "）)"):
        return None
    return match


def is_title(text: str) -> bool:
    return len(text) <= 70 and not ends_sentence(text) and bool(TITLE_RE.search(text))


def is_speaker_line(text: str) -> bool:
    return (len(text) <= 40 and not ends_sentence(text) and bool(ROLE_RE.search(text))
            and not TITLE_RE.search(text) and "在" not in text)


# A full stop after a title is the source's slip, not a sentence: the title leaves it behind.
_STRAY_STOPS = ".。．"


_SUBTITLE_RE = re.compile(r"^[—－-]{1,2}\s*")


def _subtitle(text: str, following: str) -> str | None:
    """The subtitle if ``text`` is a main title and ``following`` its ——subtitle, else None."""
    dash = _SUBTITLE_RE.match(following)
    if not dash or len(text) > 40 or ends_sentence(text) or ADDRESS_RE.match(text):
        return None
    subtitle = following[dash.end():]
    return subtitle if is_title(subtitle) else None


def take_header(lines: list[Line], report: Report) -> tuple[Header, list[Line]]:
    """Move the leading title, speaker and date lines (and a closing date line) to a Header."""
    header = Header()
    body = list(lines)
    while body and len(header.titles) + len(header.speaker_lines) < 5:
        text = body[0].text
        date = match_date_line(text)
        if date and header.date_text is None:
            header.date_text, header.date_remark = date["date"], date["remark"].strip()
        elif is_title(text) and not ADDRESS_RE.match(text):
            header.titles.append(text)
        elif is_title(text.rstrip(_STRAY_STOPS)) and not ADDRESS_RE.match(text):
            header.titles.append(text.rstrip(_STRAY_STOPS))  # 县政府第二次常务会议主持词.
        elif is_speaker_line(text):
            header.speaker_lines.append(text)
        elif (subtitle := _subtitle(text, body[1].text if len(body) > 1 else "")) is not None:
            # 凝心聚力　真抓实干 / ——在全县经济工作会议上的讲话: one title of two lines.
            title = text + "——" + subtitle
            header.titles.append(title)
            header.line_of.setdefault(title, body[0].no)
            report.add("header", body[0].no, text)
            body.pop(0)
            text = body[0].text
        else:
            break
        header.line_of.setdefault(text, body[0].no)
        header.line_of.setdefault(text.rstrip(_STRAY_STOPS), body[0].no)
        report.add("header", body[0].no, text)
        body.pop(0)
    if body and header.date_text is None:
        date = match_date_line(body[-1].text)
        if date:
            header.date_text, header.date_remark = date["date"], date["remark"].strip()
            report.add("header", body[-1].no, body[-1].text)
            body.pop()
    return header, body


# --- title and speaker ----------------------------------------------------------------------

_SPEAKER_CLAUSE_RE = re.compile(r"^(?P<who>[^在，。]{1,40}?)(?P<rest>在.{2,60}?上的.+)$")


def speaker_role(text: str) -> str | None:
    """The roles of a speaker line without the personal name after them.

    ``县委副书记、县长姜仕坤`` → ``县委副书记、县长``; ``区委书记李俊`` → ``区委书记``.
    """
    roles = list(ROLE_RE.finditer(text))
    if not roles:
        return None
    return text[:roles[-1].end()].strip(" ：:，,")


def split_title(text: str) -> tuple[str, str | None]:
    """(title, the speaker's role if the title names one).

    A leading date label goes (``5.11在…``). A leading speaker stays when it is a role only
    (``市长在全市…上的讲话``) and goes when it carries a personal name
    (``XX市委常委、XX县区委书记孙正东在…`` → ``在…``).
    """
    text = _DATE_PREFIX_RE.sub("", text).strip()
    match = _SPEAKER_CLAUSE_RE.match(text)
    if not match:
        return text, None
    role = speaker_role(match["who"])
    if role and role != match["who"]:
        return match["rest"], role
    return text, role


def choose_title(header: Header, marker_title: str | None) -> tuple[str | None, str | None, str]:
    """(page title, the speaker role found in a title, the source text the title comes from)."""
    candidates = [t for t in header.titles if not _BARE_GENRE_RE.match(t)]
    if marker_title:
        candidates.append(marker_title)
    candidates += [t for t in header.titles if _BARE_GENRE_RE.match(t)]
    role = None
    for candidate in [*header.titles, marker_title or ""]:
        role = role or split_title(candidate)[1]
    if not candidates:
        return None, role, ""
    return split_title(candidates[0])[0], role, candidates[0]


# --- vocabulary inference ----------------------------------------------------------------------


# Words that date a meeting to the work year: evidence for 年度工作会议 over 专题工作会议.
_ANNUAL_RE = re.compile(r"年度|全年|年初|年终|岁末|(?:\d{4}|××|[〇零○一二三四五六七八九]{4})年")


def _candidates(texts: list[str], table: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """(value, the words that give it) for every entry of ``table`` the titles match, in order.

    A match inside an earlier entry's words (发言 inside 表态发言) is the same evidence, not a
    second candidate.
    """
    found: list[tuple[str, str]] = []
    taken: list[tuple[int, int, int]] = []  # (text index, start, end) of earlier entries' words
    for pattern, value in table:
        matches = [(i, m) for i, text in enumerate(texts) for m in re.finditer(pattern, text)]
        new = [m for i, m in matches
               if not any(i == j and s <= m.start() and m.end() <= e for j, s, e in taken)]
        taken += [(i, m.start(), m.end()) for i, m in matches]
        if new and value not in (v for v, _ in found):
            found.append((value, new[0].group(0)))
    return found


def genre_evidence(texts: list[str]) -> tuple[str | None, str]:
    """(genre, a warning naming the deciding words when another genre was possible, else "")."""
    found = _candidates(texts, GENRES)
    if not found:
        return None, ""
    return found[0][0], _why("文种", found, found[0][0])


def meeting_type_evidence(texts: list[str], label=lambda slug: slug) -> tuple[str | None, str]:
    """(meeting-type slug, a warning naming the deciding words if the title allowed two, else "").

    ``label`` turns a slug into the label the warning shows.
    """
    found = _candidates(texts, MEETING_TYPES)
    if not found:
        return None, ""
    slug = found[0][0]
    annual = next((m.group(0) for t in texts if (m := _ANNUAL_RE.search(t))), None)
    if annual:  # a year in the title speaks for 年度工作会议 (named only if there is a rival)
        found = [(v, f"{w}”、“{annual}" if v == "nianduhuiyi" else w) for v, w in found]
    return slug, _why("会议类型", [(label(v), w) for v, w in found], label(slug))


_OPTION = {"文种": "--genre", "会议类型": "--meeting-type"}


def _why(field_name: str, found: list[tuple[str, str]], chosen: str) -> str:
    if len(found) < 2:
        return ""
    others = "；".join(f"{v}（“{w}”）" for v, w in found[1:])
    return (f"{field_name}定为“{chosen}”，依据标题中的“{found[0][1]}”（按导入程序的判定顺序在先）；"
            f"也可能是：{others}。如不对，请用 {_OPTION[field_name]} 指定")


def infer_genre(texts: list[str]) -> str | None:
    return genre_evidence(texts)[0]


def infer_meeting_type(texts: list[str]) -> str | None:
    return meeting_type_evidence(texts)[0]


def _level_of(unit: str) -> str:
    return dict(LEVELS)[unit]


def infer_level(texts: list[str], speaker: str | None, body: str) -> tuple[str | None, str]:
    """(level, where it came from) — from the titles, the speaker's role or the text."""
    for text in texts:
        match = _LEVEL_INTITLE_RE.search(text)
        if match:
            return _level_of(match[1]), f"标题中的“{match.group(0)}”"
    if speaker:
        match = re.search(r"(省|市|县|区|镇|乡)(?:委|长)", speaker)
        if match:
            return _level_of(match[1]), f"讲话人职务“{speaker}”"
    counts = Counter(_level_of(m[1] or m[2]) for m in _LEVEL_IN_TEXT_RE.finditer(body[:3000]))
    if counts:
        (level, n), *rest = counts.most_common()
        if not rest or n > rest[0][1]:
            return level, f"正文（出现最多的是“{level}”，{n} 次）"
    return None, ""


def parse_date(text: str) -> str | None:
    """ISO date (or 不详 for a placeholder year) of a date such as 二〇一二年一月三十一日."""
    match = DATE_RE.search(text)
    if not match:
        return None
    year = match["year"]
    if not (year.isdigit() or all(c in _CN_DIGIT for c in year)):
        return "不详"
    if not year.isdigit():
        year = "".join(str(_CN_DIGIT.index(c) - 3) if _CN_DIGIT.index(c) > 3 else "0"
                       for c in year)
    parts = [year]
    for name in ("month", "day"):
        value = match[name]
        if not value:
            break
        number = int(value) if value.isdigit() else _cn_small(value)
        if not number:  # 2024年××月: the year is known, the month is not
            break
        parts.append(f"{number:02d}")
    return "-".join(parts)


def _cn_small(text: str) -> int:
    return numeral_value(text) or 0
