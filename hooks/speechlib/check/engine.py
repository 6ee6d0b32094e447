"""The Python check engine: a draft's text and the compiled rule set → findings.

``docs/assets/js/check.js`` is the same algorithm in JavaScript; ``tests/unit/check/test_check_parity.py``
runs both over the corpus and requires identical findings, so change the two together.

A finding is a dict::

    {"cls": "dated", "rule": "卫生计生委", "start": 12, "end": 17, "line": 2, "col": 5,
     "text": "卫生计生委", "message": "较早提法：机构“卫生计生委”通行于2013—2018年，现已撤并",
     "suggest": ["卫生健康委"], "evidence": {...}}

``start``/``end`` index the text after line ends are made ``\\n`` (the browser's text box does the
same), in characters; ``line``/``col`` count from 1. Findings are sorted by position, then by class
in the order of ``rules["classes"]``.

How each class matches:

- **dated**, **restricted**, **phrase** match on the *folded* text: full-width ASCII → ASCII, the
  ideographic space → space, A–Z → a–z, white space dropped (as :func:`speechlib.text.normalize`),
  then mapped back to the draft. Literal forms are folded the same way. Candidates of one class
  that overlap keep the leftmost, then the longest, then the first in data order.
  Dated and restricted wording is not a fault in a sentence about the past (a history cue in the
  sentence, 原 right before it, or a year in the sentence no later than the marker's last year, or
  for restricted wording before this year); restricted wording is not a fault when a negation cue
  precedes it in its clause (防止层层加码).
- **slot**: the placeholder regexes on the raw text, overlaps resolved as above.
- **numbering**: heading numbers at the start of a line (GB/T 9704 levels 2–5): a number that
  skips (一、二、四、) or goes back, a level that skips its parent level (一、 then 1.), level-4
  numbers written both 1. and 1、.
- **punct**: a half-width mark next to a Han character, two clashing marks in a row, quotes and
  brackets that do not pair within a line.
- **frame**: a number frame (三个方面) whose first member (一是, 一、, （一）, 第一，…) starts within
  the window after it, and whose run of members (up to a stop heading) counts differently.
"""

from __future__ import annotations

import re
from typing import Any

Finding = dict[str, Any]

_WS = frozenset(" \t\n\r\f\v\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff" + "".join(
    chr(c) for c in range(0x2000, 0x200B)))
_SENTENCE_END = "。！？；\n"
_CLAUSE_END = "，。；：！？\n"
_YEAR_RE = re.compile("((?:19|20)[0-9]{2})年")
_CN = "一二三四五六七八九"
_LEAD = " \t　#"
_MEMBER_STRIP = "，。；：！？、 \t\n　“”"


def fold(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, its index in ``text``."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            ch = chr(code - 0xFEE0)
        elif code == 0x3000:
            ch = " "
        if ch in _WS:
            continue
        if "A" <= ch <= "Z":
            ch = ch.lower()
        out.append(ch)
        index.append(i)
    return "".join(out), index


def numeral(text: str) -> int | None:
    """ASCII digits, or a Chinese numeral 一 … 九十九 (两 = 2); else None."""
    if text.isascii() and text.isdigit():
        return int(text)
    if text == "两":
        return 2
    if len(text) == 1 and text in _CN:
        return _CN.index(text) + 1
    m = re.fullmatch(f"([{_CN}]?)十([{_CN}]?)", text)
    if m:
        tens = _CN.index(m[1]) + 1 if m[1] else 1
        return tens * 10 + (_CN.index(m[2]) + 1 if m[2] else 0)
    return None


def cn_numeral(n: int, count: bool = False) -> str:
    """一 … 九十九; 两 for 2 when ``count`` (a count before a measure word)."""
    if count and n == 2:
        return "两"
    if n < 10:
        return _CN[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens - 1]) + "十" + (_CN[ones - 1] if ones else "")


def fmt(template: str, **values: Any) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m[1]]), template)


def resolve(cands: list[tuple[int, int, int, Any]]) -> list[tuple[int, int, int, Any]]:
    """Non-overlapping candidates (start, end, order, payload): leftmost, then longest, then order."""
    kept = []
    reach = -1
    for cand in sorted(cands, key=lambda c: (c[0], c[0] - c[1], c[2])):
        if cand[0] >= reach:
            kept.append(cand)
            reach = cand[1]
    return kept


def _span(m: re.Match) -> tuple[int, int]:
    return (m.start(1), m.end(1)) if m.re.groups and m.start(1) >= 0 else (m.start(), m.end())


class _Draft:
    def __init__(self, text: str, rules: dict[str, Any]) -> None:
        self.text = text
        self.rules = rules
        self.folded, self.index = fold(text)
        self.han = rules["han"]
        self.ctx = rules["context"]

    # positions in the folded text → the draft
    def literal(self, needle: str) -> list[tuple[int, int]]:
        folded = fold(needle)[0]
        out = []
        if not folded:
            return out
        at = self.folded.find(folded)
        while at >= 0:
            out.append((self.index[at], self.index[at + len(folded) - 1] + 1))
            at = self.folded.find(folded, at + 1)
        return out

    def regex_folded(self, body: str) -> list[tuple[int, int]]:
        """The whole matches of ``body`` in the folded text (restricted patterns group freely)."""
        out = []
        for m in re.finditer(body, self.folded):
            s, e = m.span()
            if e > s:
                out.append((self.index[s], self.index[e - 1] + 1))
        return out

    def is_han(self, ch: str) -> bool:
        if not ch:
            return False
        code = ord(ch)
        return any(lo <= code <= hi for lo, hi in self.han)

    # context
    def sentence(self, start: int, end: int) -> str:
        """The rest of the sentence around ``start:end`` (the match itself left out, joined by a line
        break so that nothing spans it)."""
        s = max(self.text.rfind(c, 0, start) for c in _SENTENCE_END) + 1
        ends = [i for i in (self.text.find(c, end) for c in _SENTENCE_END) if i >= 0]
        return self.text[s:start] + "\n" + self.text[end : min(ends) if ends else len(self.text)]

    def history(self, start: int, end: int, last_year: int) -> bool:
        if any(self.text[max(0, start - len(c)) : start] == c for c in self.ctx["history_before"]):
            return True
        sentence = self.sentence(start, end)
        if any(c in sentence for c in self.ctx["history_sentence"]):
            return True
        return any(int(y) <= last_year for y in _YEAR_RE.findall(sentence))

    def negated(self, start: int) -> bool:
        c = max(self.text.rfind(ch, 0, start) for ch in _CLAUSE_END) + 1
        clause = self.text[c:start]
        return any(cue in clause for cue in self.ctx["negation"])

    def finding(self, cls: str, rule: str, start: int, end: int, message: str,
                suggest: list[str] | None = None, evidence: dict | None = None) -> Finding:
        line_start = self.text.rfind("\n", 0, start) + 1
        return {
            "cls": cls, "rule": rule, "start": start, "end": end,
            "line": self.text.count("\n", 0, start) + 1, "col": start - line_start + 1,
            "text": self.text[start:end], "message": message,
            "suggest": list(suggest or []), "evidence": evidence or {},
        }


def _dated(d: _Draft) -> list[Finding]:
    cands = []
    for i, m in enumerate(d.rules["dated"]):
        for form in m["forms"]:
            cands += [(s, e, i, (True, m)) for s, e in d.literal(form)]
        for form in m["exempt"]:
            cands += [(s, e, i, (False, m)) for s, e in d.literal(form)]
    out = []
    msg = d.rules["messages"]["dated"]
    for s, e, _, (flag, m) in resolve(cands):
        if not flag or d.history(s, e, m["until"]):
            continue
        evidence = {k: m[k] for k in ("kind", "from", "until", "years", "reason")}
        message = fmt(msg, kind=m["kind"], form=d.text[s:e], years=m["years"], ended=m["ended"])
        out.append(d.finding("dated", m["id"], s, e, message, m["suggest"], evidence))
    return out


def _restricted(d: _Draft) -> list[Finding]:
    cands = []
    order = 0
    for r in d.rules["restricted"]:
        for kind, value in r["patterns"]:
            spans = d.literal(value) if kind == "l" else d.regex_folded(value)
            cands += [(s, e, order, r) for s, e in spans]
            order += 1
    out = []
    msg = d.rules["messages"]["restricted"]
    for s, e, _, r in resolve(cands):
        if d.negated(s) or (r["history_ok"] and d.history(s, e, d.rules["year"] - 1)):
            continue
        evidence = {"kind": r["kind"], "reason": r["reason"], "rule": r["rule"]}
        message = fmt(msg, kind=r["kind"], form=d.text[s:e], reason=r["reason"])
        out.append(d.finding("restricted", r["id"], s, e, message, r["suggest"], evidence))
    return out


def _slots(d: _Draft) -> list[Finding]:
    cands = []
    for i, p in enumerate(d.rules["placeholders"]):
        for m in re.finditer(p["regex"], d.text):
            s, e = _span(m)
            if e > s:
                cands.append((s, e, i, p))
    msg = d.rules["messages"]["slot"]
    return [
        d.finding("slot", p["id"], s, e, fmt(msg, reason=p["reason"], form=d.text[s:e]))
        for s, e, _, p in resolve(cands)
    ]


_EXAMPLE = {2: "一、", 3: "（一）", 4: "1.", 5: "（1）"}


def _renumber(marker: str, value: int, level: int) -> str:
    digits = re.search("[0-9]+|[一二三四五六七八九十]+", marker)
    new = str(value) if level in (4, 5) else cn_numeral(value)
    return marker[: digits.start()] + new + marker[digits.end():]


def _numbering(d: _Draft) -> list[Finding]:
    msgs = d.rules["messages"]
    levels = [(lv, re.compile(f"^(?:{body})")) for lv, body in d.rules["numbering"]["levels"]]
    last: dict[int, int | None] = {lv: None for lv, _ in levels}
    marker_of: dict[int, str] = {}
    form4: str | None = None
    out = []
    pos = 0
    for line in d.text.split("\n"):
        indent = len(line) - len(line.lstrip(_LEAD))
        body = line[indent:]
        for level, regex in levels:
            m = regex.match(body)
            if not m:
                continue
            marker = m[0]
            value = numeral(re.sub("[^0-9一二三四五六七八九十]", "", marker))
            if value is None:
                break
            s = pos + indent
            e = s + len(marker)
            if level > 2 and last[level] is None and last[level - 1] is None:
                parents = [k for k in range(2, level - 1) if last[k] is not None]
                if parents:
                    message = fmt(msgs["jump"], parent=marker_of[parents[-1]], form=marker,
                                  missing=_EXAMPLE[level - 1])
                    out.append(d.finding("numbering", "jump", s, e, message))
            expected = (last[level] or 0) + 1
            if value > expected:
                want = _renumber(marker, expected, level)
                out.append(d.finding("numbering", "gap", s, e,
                                     fmt(msgs["gap"], expected=want, form=marker), [want]))
            elif value < expected:
                out.append(d.finding("numbering", "repeat", s, e,
                                     fmt(msgs["repeat"], previous=marker_of[level], form=marker)))
            if level == 4:
                sep = "." if marker[-1] in ".．" else "、"
                if form4 is None:
                    form4 = marker
                elif sep != ("." if form4[-1] in ".．" else "、"):
                    message = fmt(msgs["mixed"], first=form4, form=marker)
                    out.append(d.finding("numbering", "mixed", s, e, message, [marker[:-1] + form4[-1]]))
            last[level] = value
            marker_of[level] = marker
            for k in last:
                if k > level:
                    last[k] = None
            break
        pos += len(line) + 1
    return out


def _punct(d: _Draft) -> list[Finding]:
    p = d.rules["punct"]
    msgs = d.rules["messages"]
    text = d.text
    out = []
    quotes = 0
    for i, ch in enumerate(text):
        if ch == "\n":
            quotes = 0
            continue
        full = p["halfwidth"].get(ch)
        if full is None:
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch == '"':
            full = full[0] if quotes % 2 == 0 else full[-1]
            quotes += 1
        if ch == ".":
            hit = d.is_han(prev) and nxt != "."
        else:
            hit = d.is_han(prev) or d.is_han(nxt)
        if hit:
            message = fmt(msgs["halfwidth"], form=ch, full=full)
            out.append(d.finding("punct", "halfwidth", i, i + 1, message, [full]))
    stops, allowed = p["stops"], p["allowed"]
    i = 0
    while i + 1 < len(text):
        pair = text[i : i + 2]
        if pair[0] in stops and pair[1] in stops and pair not in allowed:
            suggest = [pair[1]] if pair[0] == pair[1] else [pair[1], pair[0]]
            out.append(d.finding("punct", "clash", i, i + 2, fmt(msgs["clash"], form=pair), suggest))
            i += 2
        else:
            i += 1
    openers = {pr[0]: pr[1] for pr in p["pairs"]}
    closers = {pr[1]: pr[0] for pr in p["pairs"]}
    stack: list[tuple[str, int]] = []

    def unclosed(ch: str, at: int) -> None:
        message = fmt(msgs["unclosed"], form=ch, other=openers[ch])
        out.append(d.finding("punct", "unclosed", at, at + 1, message))

    for i, ch in enumerate(text + "\n"):
        if ch == "\n":
            for c, at in stack:
                unclosed(c, at)
            stack = []
        elif ch in openers:
            stack.append((ch, i))
        elif ch in closers:
            opener = closers[ch]
            if any(c == opener for c, _ in stack):
                while stack[-1][0] != opener:
                    unclosed(*stack.pop())
                stack.pop()
            else:
                out.append(d.finding("punct", "stray", i, i + 1, fmt(msgs["stray"], form=ch, other=opener)))
    return out


def _frames(d: _Draft) -> list[Finding]:
    fr = d.rules["frames"]
    text = d.text
    members = [(mt, list(re.finditer(mt["regex"], text))) for mt in fr["members"]]
    by_id = dict((mt["id"], found) for mt, found in members)
    out = []
    for m in re.finditer(fr["regex"], text):
        s, e = m.start(1), m.end()
        n = numeral(m[1])
        if n is None or n < 2:
            continue
        first = None
        for order, (mt, found) in enumerate(members):
            for x in found:
                if x.start(1) < e:
                    continue
                if x.start(1) >= e + fr["window"]:
                    break
                if numeral(x[1]) == 1:
                    if first is None or (x.start(1), order) < (first[1].start(1), first[0]):
                        first = (order, x, mt)
                    break
        if first is None:
            continue
        _, x, mt = first
        stops = [y.start(1) for sid in mt["stop"] for y in by_id[sid] if y.start(1) > x.start(1)]
        boundary = min(stops) if stops else len(text) + 1
        run = [x]
        for y in by_id[mt["id"]]:
            if y.start(1) <= x.start(1) or y.start(1) >= boundary:
                continue
            v = numeral(y[1])
            if v == len(run) + 1:
                run.append(y)
            elif v == 1:
                break
        if len(run) >= 2 and len(run) != n:
            message = fmt(d.rules["messages"]["frame"], form=text[s:e], n=m[1],
                          count=cn_numeral(len(run), count=True),
                          first=run[0][0].lstrip(_MEMBER_STRIP), last=run[-1][0].lstrip(_MEMBER_STRIP))
            out.append(d.finding("frame", "count", s, e, message, [], {"members": len(run), "said": n}))
    return out


def _phrases(d: _Draft) -> list[Finding]:
    cands = []
    for i, p in enumerate(d.rules["phrases"]):
        for form in p["forms"]:
            cands += [(s, e, i, p) for s, e in d.literal(form)]
    msg = d.rules["messages"]["phrase"]
    return [
        d.finding("phrase", p["id"], s, e, fmt(msg, category=p["category"], note=p["note"]), [],
                  {"text": p["text"], "category": p["category"], "note": p["note"], "url": p["url"]})
        for s, e, _, p in resolve(cands)
    ]


CHECKS = {"dated": _dated, "restricted": _restricted, "slot": _slots, "numbering": _numbering,
          "punct": _punct, "frame": _frames, "phrase": _phrases}


def check(text: str, rules: dict[str, Any]) -> list[Finding]:
    """Every finding in ``text``, sorted by position and class."""
    text = re.sub("\r\n?", "\n", text)
    draft = _Draft(text, rules)
    order = {c["id"]: i for i, c in enumerate(rules["classes"])}
    findings = [f for c in rules["classes"] for f in CHECKS[c["id"]](draft)]
    findings.sort(key=lambda f: (f["start"], f["end"], order[f["cls"]], f["rule"]))
    return findings
