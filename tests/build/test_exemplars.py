"""The exemplar library as built: every seed speech is there, clean of the seeds' damage."""

from __future__ import annotations

import re

from lxml import html as lhtml

# Damage found in the seed files (../shared/seeds), none of which may reach a built page.
ARTEFACTS = {
    "site watermark": re.compile(r"莲山|课件\s*w|5\s*y\s*k\s*j|\.Co\s*m", re.I),
    "related-articles line": re.compile(r"看过.{0,30}的人还看了"),
    "unrelated intro": re.compile(r"光阴的迅速"),
    "collection title": re.compile(r"汇总5篇|第[一二三四五]篇：|讲话篇[一二三四五]"),
    "page marker": re.compile(
        r"(?<![\d.])-\s?\d{1,2}\s?-(?!\d)|第\s?\d+\s?页\s?共\s?\d+\s?页|(?<![\d\w])-\d{1,2}(?=[\u4e00-\u9fff])"
    ),
    "OCR slip": re.compile(r"位臵|问侯"),
    "half-width punctuation next to Han": re.compile(r"[\u4e00-\u9fff][,;:?!]|[,;:?!][\u4e00-\u9fff]"),
}


def article_text(path) -> str:
    tree = lhtml.fromstring(path.read_text(encoding="utf-8"))
    article = tree.xpath("//article")[0]
    return article.text_content()


def test_every_seed_speech_is_an_exemplar(built_site):
    pages = sorted(built_site.glob("*/exemplars/*/index.html"))
    assert len(pages) == 17
    for path in pages:
        text = article_text(path)
        assert "人口和计划生育" in text.split("主题", 1)[1][:40], path


def speech_text(path) -> str:
    """The speech itself: without the header (its 来源 names the collection), notes and 校勘记."""
    tree = lhtml.fromstring(path.read_text(encoding="utf-8"))
    article = tree.xpath("//article")[0]
    for node in article.xpath(
        './/dl[contains(@class, "speech-meta")] | .//section[@class="collation"]'
        ' | .//div[contains(@class, "speech-background")]'
    ):
        node.drop_tree()
    return article.text_content()


def test_no_seed_artefact_survives_in_the_built_site(built_site):
    found = []
    for path in built_site.glob("*/exemplars/*/index.html"):
        text = speech_text(path)
        for name, pattern in ARTEFACTS.items():
            for m in pattern.finditer(text):
                found.append(
                    f"{path.relative_to(built_site)}: {name}: {text[max(0, m.start() - 10) : m.end() + 10]!r}"
                )
    assert found == []


def test_stage_directions_and_editor_notes_are_marked(built_site):
    raw = "".join(p.read_text(encoding="utf-8") for p in built_site.glob("*/exemplars/*/index.html"))
    # The seeds hold one stage direction (seed 000, （掌声）) and many cut-off passages.
    assert raw.count('class="stage"') >= 1 and raw.count('class="editor-note"') >= 10
    assert not re.search(r"(?<!>)（(?:掌声|鼓掌)）", raw), "a stage direction is not marked"
