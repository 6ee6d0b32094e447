"""The 提法核对 rule set: every data file it reads, validated, compiled into one JSON-able dict.

Sources (all under ``data/``; each file's own header documents its format):

- ``dated_markers.yml`` (:mod:`speechlib.content.dating`) — a marker whose ``until`` year is before the
  rule set's year and whose ``ended`` is not 受限 is *dated wording*; ``check_dated.yml`` adds the
  current forms to offer (``suggest``) and longer current wording that contains a form (``not_in``);
- ``restricted.yml`` — *restricted wording* (受限 | 频次 | 硬性), literal or ``/regex/`` patterns;
- ``check_context.yml`` — the cue words that make dated or restricted wording history or negated;
- ``check_text.yml`` — placeholders, punctuation sets, number frames and their member markers;
- ``phrases.yml`` (:mod:`speechlib.content.glossary`) — set phrases; the build passes the URL of each
  one's concordance page (``phrases/<slug>/``, the slugs it made), the command line has none;
- the heading numbers of GB/T 9704 come from :func:`speechlib.text.marker_pattern`.

The compiled rule set (``compile_rules``) is what both engines read: the Python one
(:mod:`speechlib.check.engine`) and the browser's (``docs/assets/js/check.js``, from the site's
``check/rules.js``). It holds every user-visible message template too, so the two engines say the
same thing in the same words. Regexes in it use the syntax both languages read alike: no
lookbehind, no named groups, no ``\\d \\s \\w \\b``; a group, where there is one, is the finding.

Errors are :class:`RulesError` (a :class:`speechlib.text.SourceError`) whose message starts with
``data/<file>:<line>:`` and says in Chinese what to change.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import yaml

from ..content import datafiles
from ..content.dating import DatingError, load_markers
from ..content.glossary import GlossaryError, load_glossary
from ..text import HAN, SourceError, display_path, load_yaml, marker_pattern, node_line

VERSION = 1

# (id, label, fault): the order findings are listed in at one place; `fault` classes make the
# command line exit 1, the others are information.
CLASSES = (
    ("dated", "较早提法", True),
    ("restricted", "受限用语", True),
    ("slot", "未填空项", True),
    ("numbering", "序号", True),
    ("punct", "标点", True),
    ("frame", "数字概括", True),
    ("phrase", "固定表述", False),
)

RESTRICTED_KINDS = ("受限", "频次", "硬性")
RESTRICTED_KEYS = ("id", "kind", "patterns", "reason", "rule", "suggest", "history_ok")
ENDED_LABEL = {"废止": "，现已废止", "撤并": "，现已撤并", "更替": "，现已由新提法取代"}

MESSAGES = {
    "dated": "较早提法：{kind}“{form}”通行于{years}{ended}",
    "restricted": "{kind}用语“{form}”：{reason}",
    "slot": "{reason}：{form}",
    "gap": "序号不连续：此处应为“{expected}”，写作“{form}”",
    "repeat": "序号重复或倒退：前面已到“{previous}”，此处又是“{form}”",
    "jump": "层级跳跃：“{parent}”之下直接用“{form}”，少了“{missing}”一级",
    "mixed": "序号格式不一：前面用“{first}”的写法，此处写作“{form}”",
    "halfwidth": "半角标点“{form}”用在中文里，应为全角“{full}”",
    "clash": "标点连用：“{form}”",
    "unclosed": "引号或括号不成对：此处的 {form} 缺少配对的 {other}",
    "stray": "引号或括号不成对：此处的 {form} 前面没有配对的 {other}",
    "frame": "“{form}”之后列了{count}项（{first}……{last}），与所说的{n}项不符",
    "phrase": "固定表述（{category}）：{note}",
}

_FORBIDDEN_RE = re.compile(r"\(\?<|\(\?P|\\[dswbDSWB]")


class RulesError(SourceError):
    """A fault in a data file of the rule set; the message starts with ``path:line:``."""


# --- small YAML helpers (line numbers kept) --------------------------------------------------------


class _File:
    def __init__(self, root: Path, name: str) -> None:
        self.path = datafiles.path(root, name)
        self.display = display_path(self.path, root)
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise RulesError(self.display, 1, "文件不存在；请恢复这个数据文件") from None
        try:
            self.root, _ = load_yaml(text, self.display)
        except SourceError as exc:
            raise RulesError(exc.path, exc.line, exc.message) from None

    def fail(self, node: yaml.Node | None, message: str) -> RulesError:
        return RulesError(self.display, node_line(node) if node is not None else 1, message)

    def mapping(self, node: yaml.Node | None, keys: tuple[str, ...], what: str) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what}应是“键: 值”的映射")
        items = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name not in keys:
                raise self.fail(key, f"{what}中有未知的键“{name}”；可用的键：{'、'.join(keys)}")
            items[name] = value
        return items

    def seq(self, node: yaml.Node, what: str, allow_empty: bool = False) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode) or (not node.value and not allow_empty):
            raise self.fail(node, f"{what}应是非空的列表，如 [甲, 乙]")
        return node.value

    def text(self, node: yaml.Node, what: str) -> str:
        is_text = isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str"
        if not (is_text and node.value.strip()):
            raise self.fail(node, f"{what}应是非空的文字")
        return node.value.strip()

    def texts(self, node: yaml.Node, what: str) -> list[str]:
        return [self.text(n, what) for n in self.seq(node, what)]

    def regex(self, node: yaml.Node, what: str, grouped: bool = True) -> str:
        """The body of a ``/…/`` pattern, checked to work the same in Python and JavaScript;
        ``grouped``: a group, if any, is the finding, so there may be one at most."""
        value = self.text(node, what)
        if not (len(value) > 2 and value.startswith("/") and value.endswith("/")):
            raise self.fail(node, f"{what}应写成 /正则表达式/")
        return self.check_regex(node, value[1:-1], what, grouped)

    def check_regex(self, node: yaml.Node, body: str, what: str, grouped: bool) -> str:
        if _FORBIDDEN_RE.search(body):
            raise self.fail(
                node,
                f"{what} {body} 用了 JavaScript 与 Python 解释不同的写法"
                "（后行断言、命名分组或 \\d \\s \\w \\b）；请改用 [0-9]、[ \\t　] 这样的明确字符类",
            )
        try:
            compiled = re.compile(body)
        except re.error as exc:
            raise self.fail(node, f"{what} {body} 不是有效的正则表达式：{exc}") from None
        if grouped and compiled.groups > 1:
            raise self.fail(node, f"{what} {body} 至多只能有一个分组（分组即所报的文字）；其余请写成 (?:…)")
        if compiled.fullmatch(""):
            raise self.fail(node, f"{what} {body} 能匹配空字符串，请改写")
        return body


# --- the sources ---------------------------------------------------------------------------------


def _context(root: Path) -> dict[str, list[str]]:
    f = _File(root, "check_context")
    top = f.mapping(f.root, ("history", "negation"), "check_context.yml")
    for key in ("history", "negation"):
        if key not in top:
            raise f.fail(f.root, f"缺少“{key}”")
    history = f.mapping(top["history"], ("before", "sentence"), "history")
    for key in ("before", "sentence"):
        if key not in history:
            raise f.fail(top["history"], f"history 缺少“{key}”")
    return {
        "history_before": f.texts(history["before"], "history.before"),
        "history_sentence": f.texts(history["sentence"], "history.sentence"),
        "negation": f.texts(top["negation"], "negation"),
    }


def _years(start: int | None, end: int | None) -> str:
    if start is not None and end is not None:
        return f"{start}—{end}年"
    return f"{end}年以前" if end is not None else f"{start}年以后"


def _dated(root: Path, year: int) -> list[dict[str, Any]]:
    try:
        table = load_markers(datafiles.path(root, "markers"), root)
    except DatingError as exc:
        raise RulesError(exc.path, exc.line, exc.message) from None
    f = _File(root, "check_dated")
    top = f.mapping(f.root, ("markers",), "check_dated.yml")
    if "markers" not in top:
        raise f.fail(f.root, "缺少“markers”")
    by_text = {m.text: m for m in table.markers}
    extra: dict[str, dict[str, list[str]]] = {}
    for item in f.seq(top["markers"], "markers"):
        fields = f.mapping(item, ("marker", "suggest", "not_in"), "一条")
        if "marker" not in fields:
            raise f.fail(item, "缺少“marker”（data/dated_markers.yml 中某条的 text）")
        name = f.text(fields["marker"], "marker")
        marker = by_text.get(name)
        if marker is None:
            raise f.fail(
                fields["marker"], f"“{name}”不是 data/dated_markers.yml 中任何一条的 text；请照抄那里的写法"
            )
        if marker.end is None or marker.ended == "受限":
            raise f.fail(
                fields["marker"],
                f"“{name}”在 data/dated_markers.yml 中没有 until 年份或属受限做法，不按较早提法核对；"
                "受限做法请写入 data/restricted.yml",
            )
        if name in extra:
            raise f.fail(fields["marker"], f"“{name}”重复出现")
        not_in = f.texts(fields["not_in"], "not_in") if "not_in" in fields else []
        for form, node in zip(not_in, fields.get("not_in", yaml.SequenceNode("", [])).value, strict=False):
            if not any(m in form for m in marker.forms):
                raise f.fail(node, f"not_in 的“{form}”不含“{name}”的任何写法，起不到排除作用")
        extra[name] = {"suggest": f.texts(fields["suggest"], "suggest") if "suggest" in fields else [],
                       "not_in": not_in}
    out = []
    for m in table.markers:
        if m.end is None or m.end >= year or m.ended == "受限":
            continue
        out.append({
            "id": m.text,
            "forms": list(m.forms),
            "exempt": extra.get(m.text, {}).get("not_in", []),
            "kind": m.kind,
            "from": m.start,
            "until": m.end,
            "years": _years(m.start, m.end),
            "ended": ENDED_LABEL.get(m.ended or "", ""),
            "reason": m.reason,
            "suggest": extra.get(m.text, {}).get("suggest", []),
        })
    return out


def _patterns(f: _File, node: yaml.Node) -> list[list[str]]:
    out = []
    for item in f.seq(node, "patterns"):
        value = f.text(item, "pattern")
        if value.startswith("/") and value.endswith("/") and len(value) > 2:
            out.append(["r", f.regex(item, "pattern", grouped=False)])  # the whole match counts
        else:
            out.append(["l", value])
    return out


def _restricted(root: Path) -> list[dict[str, Any]]:
    f = _File(root, "restricted")
    top = f.mapping(f.root, ("rules",), "restricted.yml")
    if "rules" not in top:
        raise f.fail(f.root, "缺少“rules”")
    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for item in f.seq(top["rules"], "rules"):
        fields = f.mapping(item, RESTRICTED_KEYS, "一条规则")
        for key in ("id", "kind", "patterns", "reason", "rule"):
            if key not in fields:
                raise f.fail(item, f"规则缺少“{key}”")
        rid = f.text(fields["id"], "id")
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rid):
            raise f.fail(fields["id"], f"id “{rid}”应是小写字母、数字和连字符，如 yipiao-foujue")
        if rid in seen:
            raise f.fail(fields["id"], f"id “{rid}”与第 {seen[rid]} 行的规则重复")
        seen[rid] = node_line(item)
        kind = f.text(fields["kind"], "kind")
        if kind not in RESTRICTED_KINDS:
            raise f.fail(fields["kind"], f"kind “{kind}”不在 {'、'.join(RESTRICTED_KINDS)} 之中")
        history_ok = False
        if "history_ok" in fields:
            node = fields["history_ok"]
            if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
                raise f.fail(node, "history_ok 应是 true 或 false")
            history_ok = node.value.lower() in ("true", "yes", "on")
        out.append({
            "id": rid,
            "kind": kind,
            "patterns": _patterns(f, fields["patterns"]),
            "reason": f.text(fields["reason"], "reason"),
            "rule": f.text(fields["rule"], "rule"),
            "suggest": f.texts(fields["suggest"], "suggest") if "suggest" in fields else [],
            "history_ok": history_ok,
        })
    return out


def _text_rules(root: Path) -> dict[str, Any]:
    f = _File(root, "check_text")
    top = f.mapping(f.root, ("placeholders", "punctuation", "frames"), "check_text.yml")
    for key in ("placeholders", "punctuation", "frames"):
        if key not in top:
            raise f.fail(f.root, f"缺少“{key}”")
    placeholders = []
    for item in f.seq(top["placeholders"], "placeholders"):
        fields = f.mapping(item, ("id", "pattern", "reason"), "一条占位规则")
        for key in ("id", "pattern", "reason"):
            if key not in fields:
                raise f.fail(item, f"占位规则缺少“{key}”")
        placeholders.append({"id": f.text(fields["id"], "id"), "regex": f.regex(fields["pattern"], "pattern"),
                             "reason": f.text(fields["reason"], "reason")})

    p = f.mapping(top["punctuation"], ("halfwidth", "stops", "allowed", "pairs"), "punctuation")
    half = p.get("halfwidth")
    if not isinstance(half, yaml.MappingNode):
        raise f.fail(top["punctuation"], "punctuation.halfwidth 应是 {半角: 全角} 的映射")
    halfwidth = {}
    for key, value in half.value:
        mark, full = f.text(key, "半角标点"), f.text(value, "全角标点")
        if len(mark) != 1 or not mark.isascii():
            raise f.fail(key, f"“{mark}”应是一个半角标点")
        if len(full) not in (1, 2) or (len(full) == 2 and mark != '"'):
            raise f.fail(value, f"“{full}”应是一个全角标点（双引号写成一对“”）")
        halfwidth[mark] = full
    for key in ("stops", "pairs"):
        if key not in p:
            raise f.fail(top["punctuation"], f"punctuation 缺少“{key}”")
    stops = f.text(p["stops"], "stops")
    allowed = f.texts(p["allowed"], "allowed") if "allowed" in p else []
    pairs = f.texts(p["pairs"], "pairs")
    for node, pair in zip(p["pairs"].value, pairs, strict=True):
        if len(pair) != 2 or pair[0] == pair[1]:
            raise f.fail(node, f"“{pair}”应是两个不同的字符：开，合")

    fr = f.mapping(top["frames"], ("numerals", "classifiers", "nouns", "window", "members"), "frames")
    for key in ("numerals", "classifiers", "nouns", "window", "members"):
        if key not in fr:
            raise f.fail(top["frames"], f"frames 缺少“{key}”")
    numerals = f.text(fr["numerals"], "numerals")
    classifiers = f.text(fr["classifiers"], "classifiers")
    nouns = f.texts(fr["nouns"], "nouns")
    window = fr["window"]
    if not (isinstance(window, yaml.ScalarNode) and window.tag == "tag:yaml.org,2002:int"):
        raise f.fail(window, "window 应是整数（字数）")
    members = []
    ids = set()
    for item in f.seq(fr["members"], "members"):
        fields = f.mapping(item, ("id", "pattern", "stop"), "一种序号")
        mid = f.text(fields["id"], "id")
        body = f.regex(fields["pattern"], "pattern")
        if re.compile(body).groups != 1:
            raise f.fail(fields["pattern"], f"pattern {body} 须有一个分组，括住序号")
        stop_nodes = f.seq(fields["stop"], "stop", allow_empty=True) if "stop" in fields else []
        stop = [f.text(n, "stop") for n in stop_nodes]
        members.append({"id": mid, "regex": body, "stop": stop})
        ids.add(mid)
    for item, member in zip(fr["members"].value, members, strict=True):
        for s in member["stop"]:
            if s not in ids:
                raise f.fail(item, f"stop 中的“{s}”不是 members 中任何一种的 id")
    esc = "".join(re.escape(c) for c in numerals)
    frame_re = (
        f"(?:^|[^第0-9０-９〇零百千万几{esc}一])([{esc}]{{1,2}})([{re.escape(classifiers)}])"
        f"({'|'.join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))})"
    )
    return {
        "placeholders": placeholders,
        "punct": {"halfwidth": halfwidth, "stops": stops, "allowed": allowed, "pairs": pairs},
        "frames": {"regex": frame_re, "members": members, "window": int(window.value)},
    }


def _phrases(root: Path, urls: dict[str, str]) -> list[dict[str, Any]]:
    try:
        glossary = load_glossary(datafiles.path(root, "phrases"), root)
    except GlossaryError as exc:
        raise RulesError(exc.path, exc.line, exc.message) from None
    return [
        {"id": e.text, "text": e.text, "forms": [e.text, *e.variants], "category": e.category, "note": e.note,
         "url": urls.get(e.text)}
        for e in glossary.entries
    ]


def _han_ranges() -> list[list[int]]:
    """text.HAN (zhon's Han characters less 〇) as [first, last] code points."""
    out, i = [], 0
    while i < len(HAN):
        if i + 2 < len(HAN) and HAN[i + 1] == "-":
            out.append([ord(HAN[i]), ord(HAN[i + 2])])
            i += 3
        else:
            out.append([ord(HAN[i]), ord(HAN[i])])
            i += 1
    return out


def compile_rules(
    root: Path | str, year: int | None = None, phrase_urls: dict[str, str] | None = None
) -> dict[str, Any]:
    """The whole rule set from the project folder ``root``; ``year`` defaults to this year (wording
    whose ``until`` is before it is dated); ``phrase_urls`` maps a phrase's text to its concordance
    page, relative to the site root (the build knows them; None elsewhere).
    Raises :class:`RulesError` on any fault in the data."""
    root = Path(root)
    year = year or datetime.date.today().year
    text_rules = _text_rules(root)
    return {
        "version": VERSION,
        "year": year,
        "classes": [{"id": c, "label": label, "fault": fault} for c, label, fault in CLASSES],
        "messages": MESSAGES,
        "han": _han_ranges(),
        "context": _context(root),
        "dated": _dated(root, year),
        "restricted": _restricted(root),
        "placeholders": text_rules["placeholders"],
        # \d is ASCII in JavaScript and any decimal digit in Python: spell it out.
        "numbering": {"levels": [[lv, marker_pattern(lv).replace(r"\d", "[0-9]")] for lv in (2, 3, 4, 5)]},
        "punct": text_rules["punct"],
        "frames": text_rules["frames"],
        "phrases": _phrases(root, phrase_urls or {}),
    }
