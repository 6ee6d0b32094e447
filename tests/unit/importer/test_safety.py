"""The importer's title carries no markup; its pages get the mode of any new file."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT
from speechlib.importer.safety import file_mode, plain_title


@pytest.mark.parametrize(
    "raw, plain",
    [
        ("<b>在全县推进会上的讲话</b><script>alert(1)</script>", "在全县推进会上的讲话"),
        ("在全县<img src=x onerror=alert(1)>推进会上的讲话", "在全县推进会上的讲话"),
        ("党委&amp;政府联席会议讲话", "党委&政府联席会议讲话"),
        ("在全县推进会上的讲话", "在全县推进会上的讲话"),
    ],
)
def test_plain_title(raw, plain):
    assert plain_title(raw) == plain


def test_an_imported_page_is_written_with_the_umask_mode(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("在全县人口和计划生育工作推进会上的讲话\n\n同志们：\n\n现在开会。\n", encoding="utf-8")
    old = os.umask(0o022)
    try:
        assert file_mode() == 0o644
        result = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "import_speech.py"), str(source), "--date", "2012-05-11",
             "--out-dir", str(tmp_path / "out")],
            capture_output=True, text=True,
        )
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    (page,) = (tmp_path / "out").glob("*.md")
    assert page.stat().st_mode & 0o777 == 0o644


def test_a_vertical_tab_is_removed_and_named_and_a_long_paragraph_flagged(tmp_path):
    source = tmp_path / "in.txt"
    unit = "现在开会。今天召开全县工作推进会，研究部署下一阶段工作。"
    source.write_text(
        f"在全县人口和计划生育工作推进会上的讲话\n\n同志们：\n\n现在\v开会。\n\n{unit * 120}\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "import_speech.py"), str(source), "--date", "2012-05-11"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "\v" not in result.stdout and "现在开会。" in result.stdout
    assert "in.txt:5: 警告：已删去 1 行中的控制字符 U+000B（第 5 行）" in result.stderr
    assert f"in.txt:7: 警告：这一段有 {len(unit) * 120} 字" in result.stderr
