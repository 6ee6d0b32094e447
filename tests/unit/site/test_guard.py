"""The serve guard: a failed rebuild is shown on every served page instead of hanging the server."""

from __future__ import annotations

from speechlib.site import guard


class FakeServer:
    """The two attributes of MkDocs 1.6's LiveReloadServer that the guard wraps."""

    def __init__(self, builder):
        self.builder = builder

    def _inject_js_into_html(self, content: bytes, epoch) -> bytes:
        return content.replace(b"</body>", b"<script>livereload</script></body>")


def test_a_failed_rebuild_returns_and_every_page_shows_the_error_until_a_good_build():
    outcome = {"fail": True}

    def builder(config=None):
        if outcome["fail"]:
            raise SystemExit("Aborted with a BuildError!")

    run = guard.Run()
    server = guard.serve_errors(FakeServer(builder), run)
    run.standing = ["docs/a.md:3: 缺少字段 genre <script>"]
    server.builder()  # returns: the live-reload loop goes on and reloads the browsers
    page = server._inject_js_into_html(b"<html><body class=x><p>ok</p></body></html>", 1)
    assert b'<body class=x><div id="speechlib-build-error" role="alert"' in page
    assert "docs/a.md:3: 缺少字段 genre &lt;script&gt;".encode() in page
    assert b"<script>livereload</script>" in page

    outcome["fail"] = False
    server.builder()
    assert b"speechlib-build-error" not in server._inject_js_into_html(b"<body><p>ok</p></body>", 2)


def test_an_error_before_any_message_is_shown_as_it_was_raised():
    def builder(config=None):
        raise RuntimeError("mkdocs.yml 无法读取")

    run = guard.Run()
    server = guard.serve_errors(FakeServer(builder), run)
    server.builder()
    assert "mkdocs.yml 无法读取".encode() in server._inject_js_into_html(b"<body></body>", 1)


def test_serve_swaps_the_new_site_in_and_removes_the_last_one_in_the_background(tmp_path):
    import threading
    from types import SimpleNamespace

    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    (site / "old" / "index.html").write_text("old", encoding="utf-8")
    (site / ".git").mkdir()  # hidden entries of the last site are kept, as MkDocs keeps them
    config = SimpleNamespace(site_dir=str(site), strict=False)
    run = guard.Run(command="serve")
    run.begin(config)
    (tmp_path / config.site_dir / "index.html").write_text("new", encoding="utf-8")
    run.install(config)
    for thread in threading.enumerate():
        if thread.name == guard.REMOVER:
            thread.join(timeout=10)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert (site / ".git").is_dir() and not (site / "old").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # the last site is gone
