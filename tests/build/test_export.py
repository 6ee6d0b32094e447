"""The Word layout in the built site: one shell .docx and the clipboard layout as data files, no .docx
per page, a Word button on every speech page, and each block's role, export and layout written on
the page exactly as the Python paragraph model decides them (speechlib.page.blocks)."""

from __future__ import annotations

import base64
import html
import io
import json
import re
from pathlib import Path

import docx
import pytest
from lxml import html as lxml_html

from sitebuild import build, exemplar, make_project, model_of
from speechlib.export import docx as dx
from speechlib.page import datafile
from speechlib.page.blocks import attributes, document_title
from speechlib.page.paragraphs import Heading
from speechlib.page.tools import word_file_name

TOOLS_RE = re.compile(r'<div class="speech-tools" data-kind="(\w+)" data-title="([^"]*)" data-doc-title="([^"]*)"'
                      r' data-doc-meta="([^"]*)" data-doc-file="([^"]*)"')


def speech_pages(site: Path) -> list[Path]:
    return sorted(site.glob("*/exemplars/*/index.html")) + sorted(site.glob("*/templates/*/index.html"))


def test_every_speech_page_has_the_word_button_and_no_file_is_built_per_page(built_site):
    pages = speech_pages(built_site)
    assert len(pages) >= 30
    for page in pages:
        text = page.read_text(encoding="utf-8")
        match = TOOLS_RE.search(text)
        assert match, f"{page}: no tools bar"
        _, title, doc_title, meta, file_name = (html.unescape(g) for g in match.groups())
        assert doc_title == document_title(title) and file_name == word_file_name(doc_title)
        assert isinstance(json.loads(meta), list)
        assert 'class="md-button speech-tools__docx" hidden' in text
        assert ".docx\" download" not in text
    assert list(built_site.rglob("*.docx")) == []
    suffixed = built_site / "nianduhuiyi/exemplars/shiyiwu-shi-nianduhuiyi-jianghua/index.html"
    match = TOOLS_RE.search(suffixed.read_text(encoding="utf-8"))
    assert html.unescape(match.group(3)) == "市长在全市人口和计划生育工作会议上的讲话"
    assert json.loads(html.unescape(match.group(4))) == ["市长"]


def test_the_shell_and_the_layout_are_data_files(built_site):
    key, shell = datafile.read((built_site / "assets/docx/shell.js").read_text(encoding="utf-8"))
    assert key == "docx-shell"
    raw = base64.b64decode(shell["docx"])
    assert raw == dx.build_shell()
    assert docx.Document(io.BytesIO(raw)).paragraphs == []
    key, layout = datafile.read((built_site / "assets/docx/layout.js").read_text(encoding="utf-8"))
    assert key == "docx-layout" and layout == json.loads(json.dumps(dx.layout_data()))


PICK = [
    "tuijinhui/templates/zhuchici",
    "tuijinhui/templates/jianghua",
    "tuijinhui/exemplars/xian-tuijinhui-jianghua",
    "peixunhui/exemplars/qinglong-peixunhui-zhuchici",
    "nianduhuiyi/exemplars/shiyiwu-shi-nianduhuiyi-jianghua",
]


@pytest.mark.parametrize("path", PICK)
def test_page_attributes_equal_the_paragraph_model(built_site, path):
    page = built_site / path / "index.html"
    kind = "template" if "/templates/" in path else "exemplar"
    model = model_of(page)
    article = lxml_html.fromstring(page.read_text(encoding="utf-8")).xpath("//article")[0]
    for tail in article.xpath(".//section"):  # the 校勘记 and the phrases used: not the speech
        tail.drop_tree()
    names = ("data-role", "data-export", "data-layout", "data-level")

    def marks(el) -> dict[str, str]:
        return {n: el.get(n) for n in names if el.get(n) is not None}

    # The 背景说明 above the text is made by the build after the model: it is not the speech's.
    background = [p.text_content() for p in article.xpath(".//div[contains(@class, 'speech-background')]/p[not(@class)]")]
    paragraphs = [p for p in model.paragraphs if not (p.role == "annotation" and p.text in background)]
    on_page = [marks(p) for p in article.xpath(".//p[@data-role]")]
    assert on_page == [attributes(p, kind) for p in paragraphs]
    headings = article.xpath(".//h1 | .//h2 | .//h3 | .//h4 | .//h5 | .//h6")
    assert [marks(h) for h in headings] == [attributes(h, kind) for h in model.headings]
    exported = [b for b in model.blocks() if (attributes(b, kind).get("data-export") == "1")]
    assert len(article.xpath(".//*[@data-export='1']")) == len(exported) > 10
    if kind == "template":
        assert not any(isinstance(b, Heading) and b.text in ("开场", "议程衔接") for b in exported)


def test_markup_in_a_speech_stays_text_and_nothing_is_cached(tmp_path):
    body = "同志们：\n\n讲一讲 &lt;script&gt;alert(1)&lt;/script&gt; 这段。\n\n## 一、认清形势\n\n正文。\n"
    config = make_project(tmp_path, {"nianduhuiyi/exemplars/x.md": exemplar(body=body)})
    result = build(config)
    assert result.returncode == 0, result.stderr
    site = config.parent / "site"
    page = (site / "nianduhuiyi/exemplars/x/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert 'data-layout="heading" data-level="2">一、认清形势' in page
    assert list(site.rglob("*.docx")) == []
    assert not (config.parent / ".cache" / "docx").exists()
    assert (site / "assets/docx/shell.js").is_file()
