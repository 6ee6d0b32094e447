"""Every query the README or the search page shows as an example finds paragraphs in the real
site; a traditional-script query finds what its simplified form finds."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from speechlib.search.page import SYNTAX
from speechlib.search.query import Reader, parse


def readme_examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("| 输入 | 查找什么 |", 1)[1].split("\n\n", 1)[0]
    return [q for row in table.splitlines()[2:] for q in re.findall(r"`([^`]+)`", row.split("|")[1])]


EXAMPLES = sorted(set(readme_examples()) | {q for q, _ in SYNTAX})


@pytest.fixture(scope="module")
def reader(built_site):
    parts = built_site / "search" / "parts"

    def load(name: str):
        path = parts / f"{name}.js"
        return path.read_text(encoding="utf-8") if path.exists() else None

    return lambda: Reader(load)


def test_the_examples_are_the_ones_shown():
    assert "以…为抓手" in EXAMPLES and "以*为抓手" in EXAMPLES and "計劃生育" in EXAMPLES
    assert len(readme_examples()) >= 6


@pytest.mark.parametrize("query", EXAMPLES)
def test_every_example_query_finds_paragraphs(reader, query):
    assert reader().search(parse(query)), f"the example query {query!r} finds nothing"


def test_traditional_script_finds_what_simplified_finds(reader, built_site):
    simplified = reader().search(parse("计划生育"))
    assert len(simplified) > 50
    assert reader().search(parse("計劃生育")) == simplified
    assert (built_site / "search" / "parts" / "t2s.js").exists()
