"""The terms index is complete for the field: mined domain terms, current terms, reasoned exclusions."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechlib.content import datafiles
from speechlib.content.glossary import GlossaryError, load_glossary, unused_entries
from speechlib.phrases.mine_cli import page_docs
from speechlib.phrases.mining import load_exclusions
from speechlib.phrases.term_coverage import core, term_candidates, uncovered

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def terms():
    return load_glossary(datafiles.path(ROOT, "terms"), ROOT, kind="terms")


@pytest.fixture(scope="module")
def exemplar_candidates():
    docs = {k: v for k, v in page_docs(ROOT / "docs").items() if "/exemplars/" in k}
    assert len(docs) >= 17
    return term_candidates(docs)


def _forms(glossary) -> list[str]:
    return [form for entry in glossary.entries for form in entry.forms]


# --- the rule on small inputs ------------------------------------------------------------------------


def test_place_and_verb_words_are_cut_off_before_the_term():
    assert core("全市人口计生工作") == "人口计生工作"
    assert core("做好人口计生工作") == "人口计生工作"
    assert core("市计生委") == "计生委"
    assert core("计生委") == "计生委"  # at least two characters stay


def test_a_domain_name_in_three_exemplars_is_proposed_until_indexed_or_excluded():
    docs = {
        "a": ["全市要建好乡镇计生服务站。"],
        "b": ["我县的计生服务站已经建成。"],
        "c": ["各乡镇计生服务站要配齐人员。"],
        "d": ["只有这一篇提到奖励扶助制度。"],
    }
    candidates = term_candidates(docs)
    assert [c.text for c in candidates] == ["计生服务站"]
    assert candidates[0].docs == ("a", "b", "c")
    assert [c.text for c in uncovered(candidates, [], [])] == ["计生服务站"]
    assert uncovered(candidates, ["计划生育服务站", "计生服务站"], []) == []  # a variant of a term
    assert uncovered(candidates, ["服务站"], []) == []  # contains a term: a use of that term
    assert uncovered(candidates, [], ["计生服务站"]) == []  # excluded


def test_ordinary_repeated_words_are_not_proposed():
    docs = {k: ["同志们，要高度重视，狠抓落实，确保完成任务。"] for k in "abc"}
    assert term_candidates(docs) == []


# --- the library ------------------------------------------------------------------------------------


def test_every_domain_term_in_three_exemplars_is_indexed_or_excluded_with_a_reason(terms, exemplar_candidates):
    excluded = load_exclusions(datafiles.path(ROOT, "term_exclusions"), ROOT)
    missing = uncovered(exemplar_candidates, _forms(terms), excluded)
    assert [f"{c.text}（{len(c.docs)} 篇：{'、'.join(c.docs[:3])}）" for c in missing] == [], (
        "这些领域用语在三篇以上范文中出现，既不是 data/terms.yml 的术语，也不在 data/term_exclusions.yml："
        "是政策、机构、做法或项目的名称就收为术语（释义、年代、说明），否则写入排除表并说明理由"
    )


def test_every_exclusion_has_a_reason_and_is_still_proposed(terms, exemplar_candidates):
    excluded = load_exclusions(datafiles.path(ROOT, "term_exclusions"), ROOT)
    assert len(excluded) >= 20
    assert [t for t, reason in excluded.items() if len(reason) < 8] == []
    proposed = {c.text for c in uncovered(exemplar_candidates, _forms(terms), [])}
    assert sorted(set(excluded) - proposed) == [], "排除表中这些条目已不再被提出（或已收为术语），请删去"


def test_indexed_terms_that_the_rule_finds(terms, exemplar_candidates):
    """The rule sees the field's names: terms added for it are among its candidates."""
    found = {c.text for c in exemplar_candidates}
    assert {"计生局", "计生办", "计划生育技术服务", "计划生育优质服务", "避孕节育措施", "人口计生工作领导小组"} <= found


# --- current terms ----------------------------------------------------------------------------------

CURRENT = ["三孩生育政策", "人口高质量发展", "计划生育特殊家庭", "普惠托育", "育儿补贴", "生育支持政策体系",
           "积极应对人口老龄化", "生育友好型社会"]


def test_todays_population_policy_terms_are_current_with_year_and_source(terms):
    by_text = {e.text: e for e in terms.entries}
    for text in CURRENT:
        entry = by_text[text]
        assert entry.current and not entry.needs_use, text
        assert entry.period[:4].isdigit() and int(entry.period[:4]) >= 2013, text
        assert ("《" in entry.source or "会" in entry.source or "报告" in entry.source) and "（20" in entry.source
    assert by_text["育儿补贴"].source.endswith("（2025年）")
    assert "二十届中央财经委员会第一次会议" in by_text["人口高质量发展"].source
    assert [e.text for e in terms.entries if e.current] == [t for t in by_text if t in CURRENT]
    assert not by_text["社会抚养费"].current and by_text["社会抚养费"].needs_use


def _terms_file(tmp_path, extra: str) -> Path:
    path = tmp_path / "terms.yml"
    path.write_text(
        "topics:\n  - {name: 人口, description: 说明。}\ncategories:\n  - {name: 政策, description: 说明。}\n"
        "terms:\n  - text: 育儿补贴\n    topic: 人口\n    category: 政策\n    definition: 释义。\n"
        "    period: 2025年以后\n    note: 说明。\n" + extra,
        encoding="utf-8",
    )
    return path


def test_a_current_term_needs_its_source(tmp_path):
    with pytest.raises(GlossaryError) as err:
        load_glossary(_terms_file(tmp_path, "    current: true\n"), tmp_path, kind="terms")
    assert str(err.value).startswith("terms.yml:12: 现行术语「育儿补贴」须有 source")


def test_current_must_be_true_or_false(tmp_path):
    with pytest.raises(GlossaryError) as err:
        load_glossary(_terms_file(tmp_path, "    current: 是\n    source: 某文件（2025年）\n"), tmp_path, kind="terms")
    assert str(err.value) == "terms.yml:12: 「terms」第 1 项的「current」应为 true 或 false"


def test_an_unused_current_term_is_not_reported_as_unused(tmp_path):
    current = load_glossary(
        _terms_file(tmp_path, "    current: true\n    source: 某文件（2025年）\n"), tmp_path, kind="terms"
    )
    assert current.entries[0].source == "某文件（2025年）"
    assert unused_entries(current, ["今天开会。"]) == []
    old = load_glossary(_terms_file(tmp_path, ""), tmp_path, kind="terms")
    assert [e.text for e in unused_entries(old, ["今天开会。"])] == ["育儿补贴"]
