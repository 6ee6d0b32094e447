"""The real site: builds under --strict, makes no outside request, and page size stays flat."""

from __future__ import annotations

import re
from pathlib import Path

from sitebuild import build, exemplar, make_project

# Anything that makes a browser fetch: tag attributes, CSS url()/@import. Plain <a href> links are
# navigation, not requests, and are allowed to point anywhere.
FETCHING_HTML = re.compile(
    r"""<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?\b(?:src|href|data|srcset)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)""",
    re.I,
)
CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])((?:https?:)?//[^"')\s]+)""", re.I)


def outside_references(site: Path) -> list[str]:
    found = []
    for path in site.rglob("*"):
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(site)}: {m}" for m in FETCHING_HTML.findall(text)]
            found += [f"{path.relative_to(site)}: {m}" for m in CSS_URL.findall(text)]
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(site)}: {m}" for m in CSS_URL.findall(text)]
    return found


def test_real_site_builds_strict_with_every_meeting_type_page(built_site):
    for slug in (
        "nianduhuiyi",
        "tuijinhui",
        "diaoduhui",
        "peixunhui",
        "zhuantihuiyi",
        "dongyuanhui",
        "biaozhanghui",
        "jiaoliuhui",
    ):
        page = (built_site / slug / "index.html").read_text(encoding="utf-8")
        assert "## 模板" not in page and "<h2" in page, slug
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert home.count('class="grid cards"') == 1


def test_built_site_fetches_nothing_from_another_host(built_site):
    assert outside_references(built_site) == []
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_the_outside_reference_check_catches_a_cdn_script(tmp_path):
    (tmp_path / "index.html").write_text(
        '<script src="https://cdn.example.org/x.js"></script>', encoding="utf-8"
    )
    (tmp_path / "a.css").write_text("@font-face{src:url(//fonts.example.org/f.woff)}", encoding="utf-8")
    assert len(outside_references(tmp_path)) == 2


def _page_size_with(tmp_path: Path, n: int) -> int:
    pages = {
        f"nianduhuiyi/exemplars/s{i}.md": exemplar(title=f"在全县工作会议上的讲话之{i}") for i in range(n)
    }
    pages["tuijinhui/exemplars/other.md"] = exemplar(title="在推进会上的讲话", mt="推进会")
    result = build(make_project(tmp_path, pages))
    assert result.returncode == 0, result.stderr
    return len((tmp_path / "site" / "tuijinhui" / "exemplars" / "other" / "index.html").read_bytes())


def test_page_size_does_not_grow_with_speeches_in_other_sections(tmp_path):
    small = _page_size_with(tmp_path / "a", 3)
    large = _page_size_with(tmp_path / "b", 60)
    # 57 more speeches elsewhere would add ~57 nav entries (~15 kB) without pruning.
    assert large - small < 200, (small, large)
