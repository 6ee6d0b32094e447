"""Pages outside the navigation share its rendering (speechlib.site.fragments): the same HTML."""

from __future__ import annotations

import logging

from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT
from speechlib.site import fragments, state


def _pages(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def test_the_shared_navigation_is_the_one_each_page_would_render(tmp_path, monkeypatch):
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    shared, alone = tmp_path / "shared", tmp_path / "alone"
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(shared), strict=True))
    reused = state.last.fragments.reused
    monkeypatch.setattr(fragments.Fragments, "key", lambda self, name, page, nav: None)
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(alone), strict=True))

    # Every exemplar and phrase page but the first of its folder took the sidebar and the tabs from the cache.
    exemplars = [u for u in state.last.speeches if "/exemplars/" in u]
    assert reused > len(exemplars)
    a, b = _pages(shared), _pages(alone)
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    page = a["nianduhuiyi/exemplars/pinglu-nianduhuiyi-zhuchici/index.html"].decode("utf-8")
    assert 'class="md-nav md-nav--primary md-nav--lifted"' in page and 'class="md-tabs"' in page


def test_a_page_in_the_navigation_renders_it_itself():
    class File:
        def __init__(self, uri):
            self.src_uri = uri

    class Page:
        def __init__(self, uri, url):
            self.file, self.url = File(uri), url

    class Nav:
        pages = [Page("nianduhuiyi/index.md", "nianduhuiyi/")]

    f = fragments.Fragments()
    assert f.key("nav", Nav.pages[0], Nav) is None
    one = f.key("nav", Page("nianduhuiyi/exemplars/a.md", "nianduhuiyi/exemplars/a/"), Nav)
    two = f.key("nav", Page("nianduhuiyi/exemplars/b.md", "nianduhuiyi/exemplars/b/"), Nav)
    other = f.key("nav", Page("tuijinhui/exemplars/a.md", "tuijinhui/exemplars/a/"), Nav)
    assert one == two != other
    assert f.key("nav", None, Nav) is None
