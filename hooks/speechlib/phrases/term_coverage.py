"""Coverage of the terms index: the domain terms of the exemplars that it does not hold yet.

Rule: every domain term — the name of a policy, body, practice, mechanism or programme of the field —
used in at least three exemplars is an entry of ``data/terms.yml`` or is listed, with a reason, in
``data/term_exclusions.yml``. The test ``tests/unit/test_term_coverage.py`` and
``scripts/mine_phrases.py --terms`` apply it.

How the candidates are found (a mechanical approximation of "a domain term", kept deliberately
simple so that an editor can predict it):

1. the phrase miner (:func:`speechlib.phrases.mining.mine`) lists the maximal strings of two to
   :data:`MAX_LEN` characters shared by at least ``min_docs`` exemplars (paragraph model, so no notes
   or stage directions);
2. leading words that only place or govern the term are cut off (全市, 我县, 各级, 加强, 做好,
   and single characters such as 市 县 村 级 left over from a cut: :data:`LEADS`), so 全市人口计生工作
   and 做好人口计生工作 both become 人口计生工作;
3. what is left is a candidate when it is at least three characters long, holds a word of the field
   (:data:`DOMAIN_RE`: 计生, 人口, 生育, 节育 …) and ends in a head noun that names a policy, body,
   practice, programme or indicator (:data:`HEADS`: 政策, 制度, 委, 局, 站, 措施, 服务, 工程, 率 …);
4. a candidate is covered when it contains a form (text or variant) of a term — 流动人口管理 is a
   use of 流动人口 — or when it is listed in the exclusions.

Terms of two characters (两非, 三查) and terms whose head is not in :data:`HEADS` are not proposed;
they are added by hand, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from speechlib.phrases.mining import mine
from speechlib.text import normalize

MAX_LEN = 12
# Words of the field: a candidate holds at least one of them.
DOMAIN_RE = re.compile(
    "计生|计划生育|人口|生育|节育|育龄|孕|妊娠|避孕|优生|生殖|出生|抚养费|独生|性别|卫生|医疗|妇幼|婚育|托育|育儿|"
    "老龄|扶助|服务站|结扎|女孩"
)
# Head nouns of the names of policies, bodies, practices, programmes and indicators.
HEADS = tuple(
    "政策 国策 制度 费 委 局 办 站 所 协会 中心 小组 部门 系统 措施 机制 管理 服务 "
    "干预 检查 手术 咨询 关怀 扶助 奖励 自治 工程 行动 活动 项目 率 比 水平 "
    "专干 干部 家庭 妇女 群众 网络 队伍 工作".split()
)
# Leading words that place, count or govern a term; cut off, longest first, as often as they occur.
LEADS = tuple(
    sorted(
        (
            "全市 全县 全区 全省 我市 我县 我区 各级 各地 广大 基层 当前 这次 新时期 年度 今年 "
            "同志们， 高度重视 认识到 做好 抓好 加强 推进 坚持 开展 实行 实现 健全 参与 促进 提高 "
            "控制 重视 落实 创新 关于 为了 全面完成 依法 征收 综合治理 "
            "以 为 于 对 抓 强 市 县 省 区 乡 镇 村 年 级 次 大 到 化 求 成 进 动 视 行"
        ).split(),
        key=len,
        reverse=True,
    )
)


@dataclass(frozen=True)
class TermCandidate:
    text: str  # the candidate after the leading words are cut off
    docs: tuple[str, ...]  # the exemplars it occurs in, sorted
    found_as: tuple[str, ...]  # the mined strings it was cut from


def core(text: str) -> str:
    """``text`` without its leading place and verb words (:data:`LEADS`); at least two characters stay."""
    changed = True
    while changed:
        changed = False
        for lead in LEADS:
            if text.startswith(lead) and len(text) > len(lead) + 1:
                text, changed = text[len(lead) :], True
                break
    return text


def is_term_like(text: str) -> bool:
    """A candidate: three characters or more, a word of the field, a head noun at the end."""
    return len(text) >= 3 and bool(DOMAIN_RE.search(text)) and text.endswith(HEADS)


def term_candidates(docs: Mapping[str, Sequence[str]], min_docs: int = 3) -> list[TermCandidate]:
    """The domain-term candidates of ``docs`` (exemplar id -> paragraph texts), by text."""
    grouped: dict[str, tuple[set[str], list[str]]] = {}
    for cand in mine(docs, min_docs=min_docs, min_len=2, max_len=MAX_LEN):
        text = core(cand.text)
        if is_term_like(text):
            ids, found = grouped.setdefault(text, (set(), []))
            ids.update(cand.docs)
            found.append(cand.text)
    return [TermCandidate(t, tuple(sorted(ids)), tuple(found)) for t, (ids, found) in sorted(grouped.items())]


def uncovered(
    candidates: Iterable[TermCandidate], term_forms: Iterable[str], excluded: Iterable[str]
) -> list[TermCandidate]:
    """The candidates that contain no term form and are not excluded (all compared normalized)."""
    forms = [normalize(f) for f in term_forms]
    skip = {normalize(t) for t in excluded}
    return [
        c
        for c in candidates
        if normalize(c.text) not in skip and not any(f and f in normalize(c.text) for f in forms)
    ]
