"""One slot name, one role, across the whole site (data/slots.yml).

A family below is a set of names a writer could coin for one role; the catalogue may hold at most one
name of each family. Names retired because they meant two things (［单位］: the reporting unit and the
supervising unit on one page; ［领导职务］: the speaker and any attending leader) must not come back.
No two entries may share help text or example, which would say they are the same role.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from speechlib.content.slots import parse_catalog

CATALOG = parse_catalog((ROOT / "data" / "slots.yml").read_text(encoding="utf-8"))
NAMES = set(CATALOG.names)

SAME_ROLE = [
    {"发言单位", "被调度单位", "汇报单位", "表态单位", "交流单位"},
    {"通报单位", "汇报部门", "通报部门"},
    {"督查单位", "督查部门", "督办单位"},
    {"牵头单位", "承办单位", "牵头部门", "责任单位"},
    {"主要领导职务", "党委主要领导职务", "讲话领导职务", "书记职务"},
    {"政府主要领导职务", "县长职务", "政府领导职务"},
    {"主要领导姓名", "党委主要领导姓名", "讲话领导姓名", "领导姓名"},
    {"政府主要领导姓名", "县长姓名", "政府领导姓名"},
    {"出席领导", "出席领导职务", "出席领导姓名"},
    {"先进集体", "受表彰集体", "获奖单位"},
    {"先进个人", "受表彰个人", "获奖个人"},
    {"上级部署", "上级要求", "上级精神"},
]
RETIRED = {"单位", "领导职务", "领导姓名", "被调度单位"}


@pytest.mark.parametrize("family", SAME_ROLE, ids=lambda f: sorted(f)[0])
def test_at_most_one_name_per_role(family):
    assert len(family & NAMES) <= 1, f"data/slots.yml has two names for one role: {sorted(family & NAMES)}"


def test_retired_ambiguous_names_are_gone():
    assert not RETIRED & NAMES


@pytest.mark.parametrize("field", ["help", "example"])
def test_no_two_entries_describe_the_same_thing(field):
    seen: dict[str, str] = {}
    for slot in CATALOG.slots:
        value = getattr(slot, field)
        assert value not in seen, f"{slot.name} and {seen[value]} have the same {field}: {value}"
        seen[value] = slot.name


def test_templates_and_guide_use_no_retired_name():
    pages = list((ROOT / "docs").rglob("*.md"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for name in RETIRED:
            assert f"［{name}］" not in text, f"{page.relative_to(ROOT)}: retired slot ［{name}］"
