"""Template pages as a reader sees them: checked in the built site (the session's `built_site`).

Every page whose front matter says `kind: template` must, for each of its parts (h2 sections),
show a 写法说明 annotation, the template text itself and a 备选表述 block with at least one
alternative; its slots must render as span.slot; its links to exemplar paragraphs must land on an
element with that id.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from lxml import html as lxml_html

from conftest import ROOT

DOCS = ROOT / "docs"


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    return yaml.safe_load(match.group(1)) if match else {}


TEMPLATES = sorted(
    p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if _front_matter(p).get("kind") == "template"
)


def _built(site: Path, src: str) -> Path:
    return site / src[: -len(".md")] / "index.html"


def _has_class(cls: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')"


def _article(site: Path, src: str):
    tree = lxml_html.parse(str(_built(site, src)))
    (article,) = tree.xpath(f"//article[{_has_class('md-content__inner')}]")
    return article


def _parts(article) -> list[tuple[str, list]]:
    """(h2 text, the elements up to the next h2) for each part of the page, in order."""
    parts: list[tuple[str, list]] = []
    for child in article:
        if child.tag == "h2":
            parts.append((child.text_content().replace("¶", "").strip(), []))
        elif parts:
            parts[-1][1].append(child)
    return parts


def test_template_pages_exist():
    # The four meeting types of this issue each have their templates (the list is not exhaustive).
    for src in [
        "nianduhuiyi/templates/zhuchici.md",
        "nianduhuiyi/templates/jianghua.md",
        "nianduhuiyi/templates/gongzuobaogao.md",
        "nianduhuiyi/templates/biaotaifayan.md",
        "tuijinhui/templates/zhuchici.md",
        "tuijinhui/templates/jianghua.md",
        "tuijinhui/templates/biaotaifayan.md",
        "diaoduhui/templates/zhuchici.md",
        "diaoduhui/templates/jianghua.md",
        "diaoduhui/templates/huibao.md",
        "peixunhui/templates/zhuchici.md",
        "peixunhui/templates/jianghua.md",
    ]:
        assert src in TEMPLATES


@pytest.mark.parametrize("src", TEMPLATES)
def test_every_part_has_annotation_text_and_alternatives(built_site, src):
    parts = _parts(_article(built_site, src))
    assert len(parts) >= 3, f"{src}: a template has at least three parts (h2), found {len(parts)}"
    for title, elements in parts:
        where = f"{src} § {title}"
        annotations = [e for e in elements if e.tag == "div" and "annotation" in e.classes]
        assert annotations, f"{where}: no 写法说明 (!!! annotation) admonition"
        for note in annotations:
            assert (
                note.xpath(f"./p[{_has_class('admonition-title')}]")[0].text_content().strip() == "写法说明"
            )
            assert len(note.text_content()) > 20, f"{where}: the annotation is empty"

        text = [e for e in elements if e.tag == "p" and e.text_content().strip()]
        assert text, f"{where}: no template text outside the admonitions"

        blocks = [e for e in elements if e.tag == "details" and "alternatives" in e.classes]
        assert blocks, f"{where}: no 备选表述 (??? alternatives) block"
        for block in blocks:
            assert block.xpath("./summary")[0].text_content().strip() == "备选表述"
            tabs = block.xpath(f".//div[{_has_class('tabbed-block')}]")
            filled = [t for t in tabs if t.xpath("./p") and t.text_content().strip()]
            assert filled, f"{where}: the 备选表述 block holds no alternative"
            labels = [
                label.text_content().strip() for label in block.xpath(".//div[@class='tabbed-labels']/label")
            ]
            assert len(labels) == len(tabs), f"{where}: tab labels and tab contents do not match"


@pytest.mark.parametrize("src", TEMPLATES)
def test_slots_render_as_fields(built_site, src):
    article = _article(built_site, src)
    slots = article.xpath(f".//span[{_has_class('slot')}]")
    assert slots, f"{src}: no span.slot on the page"
    for span in slots:
        name = span.get("data-slot")
        assert name and span.text_content() == f"［{name}］"
    # No bracket is left as plain text: every ［…］ outside code is a rendered slot.
    for node in article.xpath(".//text()[not(ancestor::code) and not(ancestor::span[@data-slot])]"):
        assert "［" not in node and "］" not in node, f"{src}: unrendered slot text {str(node)!r}"


def _resolve(page_src: str, href: str, site: Path) -> tuple[Path, str]:
    """The built file and fragment a relative href from the page of page_src points to."""
    parts = urlsplit(href)
    page_dir = "/" + page_src[: -len(".md")] + "/"
    target = posixpath.normpath(posixpath.join(page_dir, unquote(parts.path)))
    path = site / target.lstrip("/")
    if path.is_dir() or unquote(parts.path).endswith("/"):
        path = path / "index.html"
    return path, unquote(parts.fragment)


def _paragraph_links(article) -> list:
    return [a for a in article.xpath(".//a[@href]") if re.search(r"#p-[0-9a-f]{8}(-\d+)?$", a.get("href"))]


@pytest.mark.parametrize("src", TEMPLATES)
def test_links_to_exemplar_paragraphs_resolve(built_site, src):
    article = _article(built_site, src)
    for a in _paragraph_links(article):
        path, fragment = _resolve(src, a.get("href"), built_site)
        assert path.is_file(), f"{src}: {a.get('href')} points to a missing page"
        target = lxml_html.parse(str(path))
        hits = target.xpath(f"//*[@id='{fragment}']")
        assert hits, (
            f"{src}: {a.get('href')}: no element with id {fragment} on {path.relative_to(built_site)}"
        )
        assert hits[0].tag == "p", f"{src}: {a.get('href')} lands on a <{hits[0].tag}>, not a paragraph"
    # Source links are the paragraph links of the alternatives, and lead to exemplars.
    for a in article.xpath(f".//a[{_has_class('source-link')}]"):
        assert a in _paragraph_links(article), f"{src}: source link {a.get('href')} names no paragraph"
        assert "/exemplars/" in a.get("href"), f"{src}: source link {a.get('href')} is not an exemplar"
        assert a.text_content().startswith("范文出处："), f"{src}: source link text {a.text_content()!r}"
        assert a.xpath(f"ancestor::details[{_has_class('alternatives')}]"), (
            f"{src}: source link outside 备选表述"
        )


@pytest.mark.parametrize("src", TEMPLATES)
def test_every_template_cites_an_exemplar(built_site, src):
    links = _article(built_site, src).xpath(f".//a[{_has_class('source-link')}]")
    assert links, f"{src}: no alternative links to its exemplar paragraph (范文出处)"


# The 政治站位 of a 2025–2026 text: guided by the Thought, carrying out the 20th Congress and the plenums of
# the 20th Central Committee, then the superior body's specific instruction (a slot the writer fills).
FRAMING = ("习近平新时代中国特色社会主义思想", "党的二十大", "二十届历次全会")


def _alternative_texts(elements) -> list[str]:
    texts = []
    for block in [e for e in elements if e.tag == "details" and "alternatives" in e.classes]:
        for tab in block.xpath(f".//div[{_has_class('tabbed-block')}]"):
            texts.append(" ".join(p.text_content() for p in tab.xpath("./p")))
    return texts


@pytest.mark.parametrize("src", TEMPLATES)
def test_opening_offers_the_current_political_framing(built_site, src):
    title, elements = _parts(_article(built_site, src))[0]
    framed = [t for t in _alternative_texts(elements) if all(f in t for f in FRAMING)]
    assert framed, f"{src} § {title}: no alternative with the current 政治站位 ({'、'.join(FRAMING)})"
    assert any("［上级部署］" in t for t in framed), f"{src} § {title}: no ［上级部署］ slot in the framing"


@pytest.mark.parametrize("src", TEMPLATES)
def test_closing_offers_the_current_wording(built_site, src):
    title, elements = _parts(_article(built_site, src))[-1]
    assert any("“十五五”" in t for t in _alternative_texts(elements)), (
        f"{src} § {title}: no closing alternative for the first year of the 十五五 plan"
    )
