"""Bounded by design: one page that is a single 2 MB paragraph does not blow up the other pages."""

from __future__ import annotations

from sitebuild import build, exemplar, make_project
from speechlib.phrases.index import COPY_LIMIT

UNIT = "现在开会。今天召开全县工作推进会，研究部署下一阶段工作。"
HUGE = UNIT * (2_000_000 // len(UNIT.encode("utf-8")))  # one paragraph of 2 MB
GLOSSARY = (
    "categories:\n  - {name: 开场与称谓, description: 开场。}\n"
    "phrases:\n  - text: 现在开会\n    category: 开场与称谓\n    note: 宣布开会。\n"
)
LIMIT = 200_000  # bytes: the largest page of the real site is under half of it


def test_one_2mb_paragraph_makes_no_page_but_its_own_large(tmp_path):
    pages = {
        "tuijinhui/exemplars/huge.md": exemplar(mt="推进会", body=f"同志们：\n\n{HUGE}\n\n散会。\n"),
        "tuijinhui/exemplars/a-small.md": exemplar(mt="推进会", body="同志们：\n\n现在开会。\n"),
    }
    result = build(make_project(tmp_path, pages, data={"phrases.yml": GLOSSARY}))
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    own = site / "tuijinhui" / "exemplars" / "huge"
    big = {
        p.relative_to(site).as_posix(): p.stat().st_size
        for p in site.rglob("*.html")
        if p.stat().st_size > LIMIT and own not in p.parents
    }
    assert big == {}, f"pages grown by one paragraph: {big}"
    phrase_page = next((site / "phrases").glob("*/index.html")).read_text(encoding="utf-8")
    assert phrase_page.count("<tr ") == 50  # the concordance lists its first 50 lines …
    assert 'data-copy="现在开会。"' in phrase_page  # … the small page's line carries its paragraph,
    assert f'data-copy="{HUGE[:COPY_LIMIT]}' not in phrase_page  # the huge one's links to it instead
    lines = next((site / "phrases" / "lines").glob("*.js")).read_text(encoding="utf-8")
    assert HUGE[: COPY_LIMIT + 1] not in lines
