"""scripts/check_draft.py (speechlib.check.cli): Chinese output with file:line:col, exit 1 when a
fault is found, 2 when a file cannot be read; .txt in UTF-8 or GB18030 and .docx."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx

from speechlib.check.cli import main

ROOT = Path(__file__).resolve().parents[3]


def run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_findings_are_listed_with_place_and_exit_1(tmp_path, capsys):
    draft = tmp_path / "稿.txt"
    draft.write_text("同志们：\n县卫生计生委要签订责任书。\n", encoding="utf-8")
    code, out, err = run(capsys, draft)
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"{draft}:2:2: [较早提法] 较早提法：机构“卫生计生委”通行于2013—2018年，现已撤并（可改为：卫生健康委）"
    assert lines[1].startswith(f"{draft}:2:10: [受限用语] 受限用语“责任书”：")
    assert lines[-1] == f"{draft}: 共 2 处需要核对（较早提法 1，受限用语 1）"


def test_a_clean_draft_exits_0_and_phrases_only_with_all(tmp_path, capsys):
    draft = tmp_path / "a.txt"
    draft.write_text("各级各部门要高度重视。", encoding="utf-8")
    code, out, _ = run(capsys, draft)
    assert code == 0 and out == f"{draft}: 未发现需要核对的问题\n"
    code, out, _ = run(capsys, "--all", draft)
    assert code == 0 and "[固定表述] 固定表述（思想认识）" in out


def test_gb18030_text_and_docx_with_a_table(tmp_path, capsys):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("请［单位］发言。".encode("gb18030"))
    document = docx.Document()
    document.add_paragraph("一、提高认识")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).paragraphs[0].add_run("对乡镇实行一票否决")
    document.add_paragraph("三、狠抓落实")
    word = tmp_path / "稿.docx"
    document.save(word)
    code, out, _ = run(capsys, gbk, word)
    assert code == 1
    assert f"{gbk}:1:2: [未填空项] 填空项未填写：［单位］" in out
    assert f"{word}:2:6: [受限用语]" in out
    assert f"{word}:3:1: [序号] 序号不连续：此处应为“二、”，写作“三、”（可改为：二、）" in out


def test_unreadable_files_exit_2_in_chinese(tmp_path, capsys):
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0")
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    code, out, err = run(capsys, tmp_path / "none.txt", doc, bad)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"{tmp_path / 'none.txt'}: 文件不存在",
        f"{doc}: 老式 .doc 文件无法读取；请在 Word 或 WPS 中另存为 .docx 后再试",
        f"{bad}: 不是有效的 .docx 文件；请在 Word 或 WPS 中重新保存后再试",
    ]


def test_json_output(tmp_path, capsys):
    draft = tmp_path / "a.txt"
    draft.write_text("卫生计生委", encoding="utf-8")
    code, out, _ = run(capsys, "--json", draft)
    [report] = json.loads(out)
    assert code == 1 and report["findings"][0]["suggest"] == ["卫生健康委"]


def test_the_script_has_chinese_help():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_draft.py"), "--help"],
                            capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("用法：check_draft.py")
    assert "退出状态：0 没有需要核对的问题；1 有需要核对的问题" in result.stdout
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_draft.py")], capture_output=True, text=True)
    assert result.returncode == 2 and "错误：请给出要核对的 .txt 或 .docx 文件" in result.stderr


def test_bench_script_prints_precision_and_recall():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_check.py"), "--no-browser", "--runs", "2"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "准确率（precision）" in result.stdout and "召回率（recall）" in result.stdout
    assert "一万字文稿" in result.stdout
