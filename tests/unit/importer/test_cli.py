"""The importer's command line: inputs, outputs, the report, and one-line errors for bad input."""

from __future__ import annotations

import json

import pytest

from importer_support import FIXTURES, run_cli

SPEECH = ("在全县安全生产工作推进会上的讲话\n（2024年3月27日）\n同志们：\n今天召开全县安全生产工作推进会，"
          "部署下一阶段任\n务。\n")
COLLECTION = ("第一篇：全县安全生产工作推进会讲话\n同志们：\n今天召开推进会。\n"
              "第二篇：全县安全生产工作调度会主持词\n同志们：\n现在开会。\n")


def stderr_of(result) -> str:
    return result.stderr.decode("utf-8")


def stdout_of(result) -> str:
    return result.stdout.decode("utf-8")


# --- inputs -------------------------------------------------------------------------------------


def test_one_speech_goes_to_standard_output_and_changes_to_standard_error():
    result = run_cli(str(FIXTURES / "gbk.txt"))
    assert result.returncode == 0, stderr_of(result)
    out, err = stdout_of(result), stderr_of(result)
    assert out.startswith("---\ntitle: 在全县安全生产工作推进会上的讲话\n")
    assert "要把安全生产摆在重要位置，时刻绷紧安全这根弦。" in out
    assert "要层层压实责任，确保各项措施落到实处。<span class=\"stage\">（掌声）</span>\n" in out
    assert f"{FIXTURES / 'gbk.txt'}:8: 改正错字（slip）：'臵' -> '置'" in err
    assert f"{FIXTURES / 'gbk.txt'}:6: 接行（join）：" in err
    assert "，编码 gb18030" in err


def test_utf8_with_bom_is_read_without_the_bom():
    result = run_cli(str(FIXTURES / "bom.txt"))
    assert result.returncode == 0, stderr_of(result)
    assert stdout_of(result).startswith("---\ntitle: 在全县安全生产工作推进会上的讲话\n")
    assert "\ufeff" not in stdout_of(result)
    # The same speech in GBK and in UTF-8 with BOM gives the same page but for the file name.
    gbk = stdout_of(run_cli(str(FIXTURES / "gbk.txt")))
    assert stdout_of(result).replace("bom.txt", "gbk.txt") == gbk


def test_gb18030_beyond_gbk_is_read(tmp_path):
    source = tmp_path / "gb18030.txt"
    source.write_bytes((SPEECH.replace("推进会，", "推进会（𠀀村），")).encode("gb18030"))
    result = run_cli(str(source))
    assert result.returncode == 0, stderr_of(result)
    assert "（𠀀村）" in stdout_of(result)


def test_standard_input():
    result = run_cli("-", stdin=SPEECH.encode("utf-8"))
    assert result.returncode == 0, stderr_of(result)
    assert "今天召开全县安全生产工作推进会，部署下一阶段任务。" in stdout_of(result)
    assert "<stdin>:5: 接行（join）：" in stderr_of(result)
    assert "警告：未能推断来源，页首没有 source: 字段" in stderr_of(result)


def test_docx_is_read_paragraph_by_paragraph(tmp_path):
    import docx
    document = docx.Document()
    for text in ["在全县安全生产工作推进会上的讲话", "（2024年3月27日）", "同志们:",
                 "今天召开全县安全生产工作推进会，部署下一阶段任", "务。(掌声)", "一、统一思想，提高认识",
                 "安全生产是民生大事。"]:
        document.add_paragraph(text)
    path = tmp_path / "speech.docx"
    document.save(str(path))
    result = run_cli(str(path))
    assert result.returncode == 0, stderr_of(result)
    body = stdout_of(result).split("\n---\n", 1)[1]
    assert body.strip().split("\n\n") == [
        "同志们：", "今天召开全县安全生产工作推进会，部署下一阶段任务。<span class=\"stage\">（掌声）</span>",
        "## 一、统一思想，提高认识", "安全生产是民生大事。"]
    assert "，编码 docx" in stderr_of(result)


# --- outputs ------------------------------------------------------------------------------------


def test_out_writes_the_page_to_a_file(tmp_path):
    out = tmp_path / "page.md"
    result = run_cli(str(FIXTURES / "bom.txt"), "--out", str(out))
    assert result.returncode == 0, stderr_of(result)
    assert result.stdout == b""
    assert out.read_text(encoding="utf-8").startswith("---\ntitle: 在全县安全生产工作推进会上的讲话\n")
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]  # no temporary file left


def test_a_collection_needs_out_dir(tmp_path):
    source = tmp_path / "two.txt"
    source.write_text(COLLECTION, encoding="utf-8")
    report = tmp_path / "report.json"
    result = run_cli(str(source), "--report", str(report))
    assert result.returncode == 2
    assert stderr_of(result) == f"错误：{source}: 文件中有 2 篇讲话；请加 --out-dir 目录，每篇写成一页\n"
    assert result.stdout == b"" and not report.exists()


def test_out_dir_writes_one_page_per_speech_with_unique_slugs(tmp_path):
    source = tmp_path / "two.txt"
    source.write_text(COLLECTION, encoding="utf-8")
    out_dir = tmp_path / "exemplars"
    out_dir.mkdir()
    (out_dir / "xian-tuijinhui-jianghua.md").write_text("taken", encoding="utf-8")
    result = run_cli(str(source), "--out-dir", str(out_dir))
    assert result.returncode == 0, stderr_of(result)
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "xian-diaoduhui-zhuchici.md", "xian-tuijinhui-jianghua-2.md", "xian-tuijinhui-jianghua.md"]
    assert (out_dir / "xian-tuijinhui-jianghua.md").read_text(encoding="utf-8") == "taken"
    second = (out_dir / "xian-diaoduhui-zhuchici.md").read_text(encoding="utf-8")
    assert "source: 导入自 two.txt 第二篇\n" in second and "现在开会。" in second


def test_report_file_lists_every_change_as_json(tmp_path):
    report = tmp_path / "report.json"
    result = run_cli(str(FIXTURES / "gbk.txt"), "--report", str(report))
    assert result.returncode == 0, stderr_of(result)
    changes = json.loads(report.read_text(encoding="utf-8"))
    assert {"kind": "slip", "line": 8, "text": "臵", "replacement": "置"} in changes
    assert all(set(c) == {"kind", "line", "text", "replacement"} for c in changes)
    assert {c["kind"] for c in changes} == {
        "header", "punctuation", "join", "heading", "slip", "stage"}


# --- bad input: one line naming the file, exit status 2, nothing written -------------------------


def _bad(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("name, data, line, message", [
    ("empty.txt", b"", None, "文件是空的"),
    ("blank.txt", b"  \n\n \r\n", None, "文件是空的"),
    ("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00", 1, "含二进制数据（NUL 字节）"),
    ("control.txt", "同志们：\n今天\x07开会。\n".encode(), 2, "含二进制数据（控制字符 U+0007）"),
    ("latin.txt", "同志们：\n今天开会。\n".encode() + b"caf\xe9 \xff\xfe\n", 3,
     "既不是 UTF-8，也不是 GB18030/GBK"),
    ("fake.docx", "同志们：".encode(), None, "不是有效的 .docx 文件"),
    ("broken.docx", b"PK\x03\x04 not really a zip", None, "不是有效的 .docx 文件"),
    ("scan.pdf", b"%PDF-1.4 ...", None, "不支持 PDF"),
])
def test_unusable_files_are_rejected_with_one_line(tmp_path, name, data, line, message):
    path = _bad(tmp_path, name, data)
    out = tmp_path / "out.md"
    result = run_cli(path, "--out", str(out))
    err = stderr_of(result)
    assert result.returncode == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    where = f"{path}:{line}: " if line else f"{path}: "
    assert err.startswith("错误：" + where), err
    assert message in err
    assert not out.exists()


def test_old_word_doc_is_rejected():
    result = run_cli(str(FIXTURES / "old.doc"))
    assert result.returncode == 2
    assert stderr_of(result) == (
        f"错误：{FIXTURES / 'old.doc'}: 不支持旧版 Word .doc 文件；请在 Word 或 WPS 中打开，"
        "另存为 .docx（或 UTF-8 编码的 .txt）后再导入\n")


def test_missing_file():
    result = run_cli("no/such/file.txt")
    assert result.returncode == 2
    assert stderr_of(result) == ("错误：no/such/file.txt: 无法读取文件：文件或目录不存在；"
                                 "请检查路径和读取权限\n")


@pytest.mark.parametrize("args, message", [
    ((), "请用 --out-dir 目录 指定页面写到哪里（或加 --dry-run 只看结果）"),
    (("--dry-run",), "此文件夹中没有 .txt 或 .docx 文件"),
    (("--out", "x.md"), "导入文件夹时每篇写成一页：请用 --out-dir 目录，不能用 --out"),
])
def test_a_folder_without_inputs_or_an_out_dir_is_rejected(tmp_path, args, message):
    (tmp_path / "notes.md").write_text("not an input", encoding="utf-8")
    result = run_cli(str(tmp_path), *args)
    assert result.returncode == 2
    assert stderr_of(result) == f"错误：{tmp_path}: {message}\n"


@pytest.mark.parametrize("option, value, message", [
    ("--meeting-type", "kaihui",
     "--meeting-type: 取值“kaihui”不在词表中；可选：nianduhuiyi"),
    ("--genre", "演讲", "--genre: 取值“演讲”不在词表中；可选：zhuchici（主持词）"),
    ("--level", "村", "--level: 取值“村”不在词表中；可选：sheng（省）"),
    ("--date", "2024-13-01", "--date: 日期“2024-13-01”格式有误；请写作 YYYY-MM-DD"),
    ("--date", "2024/05/11", "--date: 日期“2024/05/11”格式有误"),
    ("--date", "去年", "--date: 日期“去年”格式有误"),
])
def test_unknown_option_values_are_rejected(tmp_path, option, value, message):
    out = tmp_path / "out.md"
    result = run_cli(str(FIXTURES / "bom.txt"), option, value, "--out", str(out))
    err = stderr_of(result)
    assert result.returncode == 2
    assert err.startswith(f"错误：{FIXTURES / 'bom.txt'}: {message}"), err
    assert err.count("\n") == 1 and not out.exists()


@pytest.mark.parametrize("option, value, label", [
    ("--meeting-type", "tuijinhui", "meeting_type: 推进会"),
    ("--meeting-type", "调度会", "meeting_type: 调度会"),
    ("--genre", "zhici", "genre: 致辞"),
    ("--level", "xiangzhen", "level: 乡镇"),
    ("--date", "不详", "date: 不详"),
])
def test_option_values_may_be_slugs_or_labels(option, value, label):
    result = run_cli(str(FIXTURES / "bom.txt"), option, value)
    assert result.returncode == 0, stderr_of(result)
    assert f"\n{label}\n" in stdout_of(result)


def test_nothing_is_written_when_one_speech_of_a_collection_fails(tmp_path):
    source = tmp_path / "broken.txt"
    source.write_text(COLLECTION + "第三篇：全县安全生产工作会议讲话\n在全县安全生产工作会议上的讲话\n",
                      encoding="utf-8")
    out_dir = tmp_path / "out"
    result = run_cli(str(source), "--out-dir", str(out_dir), "--report", str(tmp_path / "r.json"))
    assert result.returncode == 2
    assert stderr_of(result) == (f"错误：{source}:7: 第3篇（共3篇）标题之后没有正文；"
                                 "请检查该篇是否残缺、分篇标记是否有误\n")
    assert not out_dir.exists() and not (tmp_path / "r.json").exists()


def test_an_existing_output_is_untouched_when_the_import_fails(tmp_path):
    out = tmp_path / "page.md"
    out.write_text("earlier page", encoding="utf-8")
    result = run_cli(str(FIXTURES / "old.doc"), "--out", str(out))
    assert result.returncode == 2
    assert out.read_text(encoding="utf-8") == "earlier page"
