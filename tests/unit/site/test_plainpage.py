"""Plain prose rendered without Python-Markdown: the same HTML, TOC and anchors as ``Page.render``."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import meta

from speechlib.page import plainmd
from speechlib.site.plainpage import PlainPage, adopt

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def config():
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return load_config(str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def dialect(config):
    found = plainmd.dialect_for(config["markdown_extensions"], config["mdx_configs"])
    assert found is not None, "the site's own Markdown settings must allow the plain dialect"
    return found


def _toc(items):
    return [(i.title, i.id, i.level, _toc(i.children)) for i in items]


def _both(config, dialect, markdown: str, uri: str = "nianduhuiyi/exemplars/x.md"):
    """(PlainPage's result or None, Page.render's result): content, TOC, anchors, self-links, title."""
    results = []
    for cls in (PlainPage, Page):
        file = File(uri, config["docs_dir"], config["site_dir"], True)
        page = PlainPage(file, config, dialect) if cls is PlainPage else Page(None, file, config)
        page.markdown = markdown
        page.render(config, Files([file]))
        if cls is PlainPage and not page.plain:
            results.append(None)
            continue
        links = {f.src_uri: v for f, v in (page.links_to_anchors or {}).items()}
        results.append(
            (page.content, _toc(page.toc.items), page.present_anchor_ids, links, page._title_from_render)
        )
    return results


def test_a_speech_of_paragraphs_and_headings(config, dialect):
    text = "同志们：\n\n## 一、统一思想\n\n今年的工作，\n要抓好落实。\n\n### （一）抓重点\n\n## 一、统一思想\n\n谢谢大家！"
    done = plainmd.render(text, dialect)
    assert done is not None
    assert done.content.split("\n")[:2] == [
        "<p>同志们：</p>",
        '<h2 id="一统一思想">一、统一思想<a class="headerlink" href="#一统一思想" title="Permanent link">&para;</a></h2>',
    ]
    assert '<h2 id="一统一思想_1">' in done.content  # the second one, as Python-Markdown numbers it
    fast, slow = _both(config, dialect, text)
    assert fast == slow


@pytest.mark.parametrize(
    "text",
    [
        "# 标题\n\n正文。",  # a level-1 heading (MkDocs takes the title from it)
        "## 一、标题 ##\n\n正文。",  # closing hashes
        "##一、标题\n\n正文。",  # no space after the hashes
        "## 一、标题\n正文紧接标题。",  # a heading and a paragraph in one block
        "正文。\n## 一、标题",  # a heading that ends a paragraph block
        "- 一项\n- 二项",
        "1. 第一\n2. 第二",
        "> 引文",
        "正文 *强调* 正文。",
        "正文__加粗__。",
        "见[链接](a.md)。",
        "产生1+1>2的效应。",
        "A&B 两项。",
        "<span>原文</span>",
        "正文。  \n下一行。",  # a hard line break
        "    缩进的代码",
        "正文\t制表符。",
        "```\n代码\n```",
        "!!! note\n    提示",
        "| 表 | 格 |\n| - | - |",
        "术语\n:   释义",
        "标题\n===",
        "正文。{: .cls }",
        "H~2~O 与 x^2^ 与 ==标记==",
        "正文\\。",
        "　　首行缩进的全角空格。",
        "正文。\r\n下一行。",
    ],
)
def test_anything_else_is_left_to_python_markdown(text, dialect):
    assert plainmd.render(text, dialect) is None


@pytest.mark.parametrize(
    ("extensions", "configs"),
    [
        (["toc", "smarty"], {}),  # smarty turns quotes and dashes in plain text into entities
        (["toc", "nl2br"], {}),
        (["tables"], {}),  # no toc: headings would have no ids
        (["toc"], {"toc": {"permalink": False}}),
        (["toc"], {"toc": {"permalink_leading": True, "permalink": True}}),
        (["toc", "abbr"], {"toc": {"permalink": True}, "abbr": {"glossary": {"HTML": "x"}}}),
    ],
)
def test_other_markdown_settings_turn_it_off(extensions, configs):
    assert plainmd.dialect_for(extensions, configs) is None


def test_every_page_of_the_library_that_it_accepts_renders_as_python_markdown_renders_it(config, dialect):
    docs = Path(config["docs_dir"])
    accepted = 0
    for path in sorted(docs.rglob("*.md")):
        markdown = meta.get_data(path.read_text(encoding="utf-8"))[0]
        fast, slow = _both(config, dialect, markdown, path.relative_to(docs).as_posix())
        if fast is not None:
            accepted += 1
            assert fast == slow, path
    assert accepted >= 5  # the plain exemplars among the real ones


_PROSE = st.text(
    alphabet=st.sampled_from(
        list("同志们：要抓好落实，高度重视。一二（）、abc 12.#-*_>&<[]!:=~^{}|\\\t\u3000\n")
    ),
    max_size=80,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_PROSE)
@example(text="## 二、\n\n## 二、\n\n## 二、_1\n\n正文")
@example(text="## 。。\n\n正文\n\n## ！！")
@example(text="\n\n  \n正文。\n \n\n## 一、标题\n\n\n")
def test_whatever_it_accepts_equals_python_markdown(config, dialect, text):
    fast, slow = _both(config, dialect, text)
    assert fast is None or fast == slow


_WORDS = st.text(
    alphabet=st.sampled_from(list("同志们要抓好落实高度重视一二、，。（）：ab 1.“”")), min_size=1, max_size=12
)
_BLOCK = st.one_of(
    st.builds(lambda n, w: "#" * n + " " + w, st.integers(1, 7), _WORDS),
    st.lists(_WORDS, min_size=1, max_size=3).map("\n".join),
)
_SPEECH = st.builds(
    lambda blocks, gaps: "".join(b + g for b, g in zip(blocks, gaps, strict=False)),
    st.lists(_BLOCK, min_size=1, max_size=8),
    st.lists(st.sampled_from(["\n\n", "\n \n", "\n\n\n", "\n"]), min_size=8, max_size=8),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_SPEECH)
def test_speech_shaped_text_renders_as_python_markdown_renders_it(config, dialect, text):
    fast, slow = _both(config, dialect, text)
    assert fast is None or fast == slow


def test_speech_shaped_text_is_mostly_accepted_and_renders_the_same(config, dialect):
    """The properties above are not vacuous: most speech-shaped texts take the fast path."""
    rnd = random.Random(20261205)
    words = "同志们要抓好落实高度重视一二、，。（）：“”"

    def line() -> str:
        return "".join(rnd.choice(words) for _ in range(rnd.randint(1, 12)))

    accepted = 0
    for _ in range(200):
        blocks = [
            "#" * rnd.randint(2, 4) + " " + line()
            if rnd.random() < 0.3
            else "\n".join(line() for _ in range(rnd.randint(1, 3)))
            for _ in range(rnd.randint(1, 8))
        ]
        text = "".join(b + rnd.choice(["\n\n", "\n \n", "\n\n\n"]) for b in blocks)
        fast, slow = _both(config, dialect, text)
        if fast is not None:
            accepted += 1
            assert fast == slow, text
    assert accepted == 200


def test_only_exemplars_are_adopted_and_the_navigation_keeps_its_titles(config):
    uris = ["nianduhuiyi/exemplars/a.md", "nianduhuiyi/templates/zhuchici.md"]
    files = Files([File(u, config["docs_dir"], config["site_dir"], True) for u in uris])
    assert adopt(files, config, [uris[0]]) == 1
    assert isinstance(files.get_file_from_path(uris[0]).page, PlainPage)
    assert files.get_file_from_path(uris[1]).page is None
