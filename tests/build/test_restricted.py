"""Templates teach no routine burdens: the wording listed in data/restricted.yml (一票否决, 责任书/责任状,
fixed weekly or fortnightly 调度/通报/报告, blanket hard-line sanctions) appears on a built template page
only inside a 慎用 alternative, i.e. a tab of a 备选表述 block that holds a ``!!! caution "慎用"`` note
naming the rule it conflicts with. The same file feeds the draft checker (提法核对)."""

from __future__ import annotations

import re

import pytest
import yaml
from test_templates import TEMPLATES, _article, _has_class

from conftest import ROOT

RESTRICTED = ROOT / "data" / "restricted.yml"
KINDS = {"受限", "频次", "硬性"}


def _rules() -> list[dict]:
    return yaml.safe_load(RESTRICTED.read_text(encoding="utf-8"))["rules"]


def _compile(pattern: str) -> re.Pattern:
    if len(pattern) > 2 and pattern.startswith("/") and pattern.endswith("/"):
        return re.compile(pattern[1:-1])
    return re.compile(re.escape(pattern))


def _patterns() -> list[tuple[str, re.Pattern]]:
    return [(rule["id"], _compile(p)) for rule in _rules() for p in rule["patterns"]]


def test_restricted_file_follows_the_shared_schema():
    ids = set()
    for rule in _rules():
        assert set(rule) <= {"id", "kind", "patterns", "reason", "rule", "suggest", "history_ok"}, rule
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule["id"]), rule["id"]
        assert rule["id"] not in ids, f"duplicate id {rule['id']}"
        ids.add(rule["id"])
        assert rule["kind"] in KINDS, rule
        assert rule["patterns"] and rule["reason"] and rule["rule"], rule
        for p in rule["patterns"]:
            if p.startswith("/"):
                assert "(?<" not in p and "(?P" not in p, f"{rule['id']}: {p} is not JavaScript-compatible"
            _compile(p)


@pytest.mark.parametrize(
    "text, rule_id",
    [
        ("实行一周一调度、半月一通报", "pinci-meizhou"),
        ("整改情况每半月向县督查室报告一次", "pinci-banyue"),
        ("硬账硬结，决不手软，更不说情", "yingzhang-yingjie"),
        ("签订目标管理责任书", "zerenshu"),
        ("实行一票否决", "yipiao-foujue"),
        ("一律就地免职", "yilv-chuli"),
    ],
)
def test_patterns_catch_the_wording_of_issue_22(text, rule_id):
    assert rule_id in {rid for rid, p in _patterns() if p.search(text)}


@pytest.mark.parametrize("text", ["实行月调度、季通报、年考核", "定期调度、跟踪督办", "依规依纪依法严肃问责"])
def test_patterns_leave_ordinary_practice_alone(text):
    assert not [rid for rid, p in _patterns() if p.search(text)]


def _negated(text: str, start: int) -> bool:
    """The wording rejects the practice (防止层层加码, 不搞一票否决): a negation cue of
    data/check_context.yml stands before it in its own clause, as 提法核对 reads it."""
    cues = yaml.safe_load((ROOT / "data" / "check_context.yml").read_text(encoding="utf-8"))["negation"]
    clause = re.split("[，。；：！？]", text[:start])[-1]
    return any(cue in clause for cue in cues)


def _in_caution_tab(element) -> bool:
    for tab in element.xpath(f"ancestor::div[{_has_class('tabbed-block')}]"):
        for note in tab.xpath(f".//div[{_has_class('caution')}]"):
            title = note.xpath(f"./p[{_has_class('admonition-title')}]")
            if title and title[0].text_content().strip() == "慎用":
                return True
    return False


@pytest.mark.parametrize("src", TEMPLATES)
def test_no_restricted_wording_outside_a_caution_alternative(built_site, src):
    article = _article(built_site, src)
    found = []
    for el in article.xpath(".//p | .//li | .//h2 | .//h3 | .//h4 | .//td"):
        if el.xpath("ancestor::p | ancestor::li | ancestor::section[@class='phrases-used']") or _in_caution_tab(el):
            continue
        text = el.text_content()
        for rule_id, pattern in _patterns():
            for match in pattern.finditer(text):
                if not _negated(text, match.start()):
                    found.append(f"{rule_id}: {match.group(0)} in {text[:60]}")
    assert not found, f"{src}: restricted wording outside a 慎用 alternative:\n" + "\n".join(found)


def test_every_caution_names_a_rule(built_site):
    for src in TEMPLATES:
        for note in _article(built_site, src).xpath(f".//div[{_has_class('caution')}]"):
            assert re.search(r"《[^》]+》", note.text_content()), f"{src}: a 慎用 note names no rule"


