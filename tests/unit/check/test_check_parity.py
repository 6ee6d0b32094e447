"""The browser engine (docs/assets/js/check.js, in headless Chromium) and the Python engine give the
same findings, field for field, on the corpus and on every exemplar and template of the library."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_support import CASES, RULES

from speechbench.check import JsEngine, long_draft
from speechlib.check.engine import check
from speechlib.text import split_front_matter

ROOT = Path(__file__).resolve().parents[3]
EXTRA = [
    "",
    "县卫生计生委\r\n要签订责任书。\r一、甲\r\n三、丙",
    "ＡＢＣ　卫生　计生委，ＸＸ镇，（一）甲（二）乙",
    '他说"好",就这样.。。、、“《》”）',
    "我讲三点意见：\n一、甲\n二、乙\n\n（一）子\n1.丑\n2、寅\n四、丁",
]


@pytest.fixture(scope="module")
def js(browser):  # tests/conftest.py's Chromium: one Playwright per test process
    with JsEngine(browser) as engine:
        yield engine


def library_texts() -> list[str]:
    return [split_front_matter(p.read_text(encoding="utf-8"))[1] for p in sorted(ROOT.glob("docs/*/*/*.md"))]


def test_same_findings_on_the_corpus(js):
    texts = [c.text for c in CASES]
    got = js.findings(texts, RULES)
    for case, findings in zip(CASES, got, strict=True):
        assert findings == check(case.text, RULES), case.id


def test_same_findings_on_the_library_and_edge_cases(js):
    texts = [*library_texts(), long_draft(), *EXTRA]
    got = js.findings(texts, RULES)
    assert sum(map(len, got)) > 1000
    for text, findings in zip(texts, got, strict=True):
        assert findings == check(text, RULES), text[:40]
