"""Real builds: a bad page stops the build with its path:line message and writes nothing."""

from __future__ import annotations

import pytest

from sitebuild import build, exemplar, make_project

GOOD = exemplar()
CASES = {
    "missing-field": (
        {"nianduhuiyi/exemplars/a.md": GOOD.replace("genre: 讲话\n", "")},
        "docs/nianduhuiyi/exemplars/a.md:2:",
        "缺少字段 genre（文种）",
    ),
    "not-utf8": (
        {"nianduhuiyi/exemplars/a.md": GOOD.replace("现在开会。", "现在开会。\n第二行\n").encode("gbk")},
        "docs/nianduhuiyi/exemplars/a.md:2:",
        "文件不是 UTF-8 编码",
    ),
}


# Two real builds prove the message reaches the user, stops the build and writes nothing.
@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_front_matter_fails_the_build_with_path_and_line(tmp_path, case):
    pages, prefix, text = CASES[case]
    result = build(make_project(tmp_path, pages))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    line = next((ln for ln in result.stderr.splitlines() if prefix in ln), None)
    assert line is not None, result.stderr
    message = line[line.index(prefix) :]
    assert message.startswith(prefix) and text in message, message
    assert not (tmp_path / "site" / "index.html").exists(), "nothing is written when the content is wrong"


def test_a_good_page_builds_and_is_listed_on_its_meeting_type_page(tmp_path):
    result = build(make_project(tmp_path, {"nianduhuiyi/exemplars/a.md": GOOD}))
    assert result.returncode == 0, result.stderr
    listing = (tmp_path / "site" / "nianduhuiyi" / "index.html").read_text(encoding="utf-8")
    assert "在全县工作会议上的讲话" in listing and 'href="exemplars/a/"' in listing
    assert "2024-05-11" in listing
    page = (tmp_path / "site" / "nianduhuiyi" / "exemplars" / "a" / "index.html").read_text(encoding="utf-8")
    assert 'class="speech-meta' in page and "县长" in page
