"""Nothing injected: markup in every front-matter field and in an imported title reaches each kind
of generated page only as text. Chromium listens for dialogs and for the payload's elements."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading

import pytest
import yaml

from conftest import ROOT
from sitebuild import build, make_project

# Each payload calls alert (a dialog) or sets a flag when run, or leaves an element if parsed as HTML.
PAYLOAD = (
    '<img src=x class=injected onerror="alert(1)">"\'<script>window.__injected=1;alert(2)</script>'
    "</title></textarea><svg class=injected onload=alert(3)>&lt;b&gt;"
)
TEXT_FIELDS = ("title", "speaker", "source", "summary", "period_basis", "background", "description")


def _page(kind: str, genre: str, **extra) -> str:
    meta = {"title": f"讲话{PAYLOAD}", "kind": kind, "meeting_type": "推进会", "genre": genre, **extra}
    if kind == "exemplar":
        meta.update(level="县", date="不详", period="2012", source=f"来源{PAYLOAD}")
        meta.update({f: f"{f}{PAYLOAD}" for f in TEXT_FIELDS if f not in meta})
        meta.update(collation=[f"改动{PAYLOAD}"], topics=[f"主题{PAYLOAD}"])
    else:
        meta.update(summary=f"简介{PAYLOAD}", topics=[f"主题{PAYLOAD}"], description=f"描述{PAYLOAD}")
    body = "同志们：\n\n现在开会。今天召开全县工作推进会。\n\n## 一、提高认识\n\n高度重视这项工作。\n"
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n" + body


GLOSSARY = (
    "categories:\n  - {name: 开场与称谓, description: 开场。}\n"
    "phrases:\n  - text: 现在开会\n    category: 开场与称谓\n    note: 宣布开会。\n"
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("payloads")
    pages = {
        "tuijinhui/exemplars/payload.md": _page("exemplar", "讲话"),
        "tuijinhui/templates/jianghua.md": _page("template", "讲话"),
    }
    config = make_project(tmp, pages, data={"phrases.yml": GLOSSARY})
    # The importer: a web copy whose first line carries markup inside the title.
    source = tmp / "web.txt"
    source.write_text(
        "在全县<img src=x onerror=alert(4)>人口和计划生育工作推进会上的讲话\n\n"
        "同志们：\n\n现在开会。<script>alert(5)</script>今天的会议很重要。\n",
        encoding="utf-8",
    )
    imported = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "import_speech.py"), str(source), "--out-dir",
         str(tmp / "docs" / "tuijinhui" / "exemplars"), "--meeting-type", "tuijinhui", "--genre", "讲话",
         "--level", "县", "--date", "2012-05-11", "--source", f"网页{PAYLOAD}"],
        capture_output=True, text=True,
    )
    assert imported.returncode == 0, imported.stderr
    result = build(config)
    assert result.returncode == 0, result.stderr
    site = tmp / "site"
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


PAGE_KINDS = [
    "",  # home
    "tuijinhui/",  # meeting-type listing (rows drawn by listing.js)
    "tuijinhui/exemplars/payload/",
    "tuijinhui/templates/jianghua/",
    "browse/genres/",
    "browse/levels/",
    "phrases/",
    "phrases/xian-zai-kai-hui/",
    "terms/",
    "search/?q=现在开会",
    "search/?q=高度重视",
]


def test_no_page_holds_the_payload_as_markup(payload_site):
    site, _ = payload_site
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for raw in ("<script>window.__injected", "onerror=alert", "<svg class=injected", "onerror=\"alert"):
            assert raw not in text, f"{page.relative_to(site)} holds {raw!r} as markup"


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_each_page_kind_shows_the_payload_as_text_and_runs_nothing(browser, payload_site, path):
    site, url = payload_site
    if path.startswith("phrases/xian"):
        found = sorted(p.parent.name for p in (site / "phrases").glob("*/index.html"))
        path = f"phrases/{found[0]}/"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{url}/{path}", wait_until="networkidle")
    page.wait_for_timeout(300)  # listing and search rows are drawn after their data loads
    injected = page.evaluate(
        "() => [window.__injected || 0, document.querySelectorAll('.injected, img[src=\"x\"], svg.injected').length]"
    )
    title = page.locator("article h1").first.inner_text() if path.endswith("payload/") else None
    context.close()
    assert dialogs == [], f"/{path}: a dialog opened: {dialogs}"
    assert injected == [0, 0], f"/{path}: the payload ran or became elements"
    if title is not None:  # the characters of the payload are shown, as the author typed them
        assert title == f"讲话{PAYLOAD}", title


def test_the_imported_title_has_no_markup(payload_site):
    site, _ = payload_site
    pages = [p for p in (site / "tuijinhui" / "exemplars").glob("*/index.html") if p.parent.name != "payload"]
    assert len(pages) == 1
    head = pages[0].read_text(encoding="utf-8").split("</title>", 1)[0]
    assert "在全县人口和计划生育工作推进会上的讲话" in head and "img" not in head
