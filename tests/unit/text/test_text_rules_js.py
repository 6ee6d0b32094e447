"""The browser's copies of the text core's rules (``SpeechSite.text`` in core.js) equal Python's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speechlib import text

CORE_JS = (Path(__file__).resolve().parents[3] / "docs" / "assets" / "js" / "core.js").read_text(encoding="utf-8")


def js_regex(name: str) -> str:
    match = re.search(rf"^\s*{name}: /(.+)/g?,?$", CORE_JS, re.M)
    assert match, f"core.js defines no {name}"
    return match.group(1)


@pytest.mark.parametrize(("name", "python"), [("SLOT_RE", text.SLOT_RE), ("PLACEHOLDER_RE", text.PLACEHOLDER_RE)])
def test_regex_equals_python(name, python):
    assert js_regex(name) == python.pattern


def test_digits_equal_python():
    assert re.search(r'CN_DIGITS: "([^"]+)"', CORE_JS).group(1) == text.CN_DIGITS


def test_no_other_script_writes_the_slot_syntax_again():
    folder = Path(__file__).resolve().parents[3] / "docs" / "assets" / "js"
    again = [p.name for p in folder.glob("*.js") if p.name != "core.js" and "［([^［］" in p.read_text(encoding="utf-8")]
    assert again == []
