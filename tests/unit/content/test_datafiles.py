"""The one reader of data/ files: typed records, every fault at once, each at the line to mend."""

from __future__ import annotations

import pydantic
import pytest

from speechlib.content import datafiles
from speechlib.text import SourceError


class Item(datafiles.Record):
    name: str = pydantic.Field(min_length=1)
    year: int | None = None


class File(datafiles.Record):
    items: list[Item] = pydantic.Field(min_length=1)


def faults(text: str) -> list[str]:
    with pytest.raises(SourceError) as exc:
        datafiles.parse(text, "data/x.yml", File)
    return str(exc.value).splitlines()


def test_good_file_gives_typed_records_and_lines():
    data, root = datafiles.parse("# c\nitems:\n  - {name: 甲}\n  - name: 乙\n    year: 2016\n", "data/x.yml", File)
    assert [(i.name, i.year) for i in data.items] == [("甲", None), ("乙", 2016)]
    assert [datafiles.line_of(root, ("items", n)) for n in range(2)] == [3, 4]


def test_every_fault_is_reported_at_its_own_line():
    text = "items:\n  - {name: 甲, yaer: 2016}\n  - name: ''\n  - {name: 丙, year: 二〇一六}\n"
    assert faults(text) == [
        "data/x.yml:2: 未知的键「yaer」：请检查拼写，或删去该键",
        "data/x.yml:3: 「items」第 2 项的「name」应为非空的文字",
        "data/x.yml:4: 「items」第 3 项的「year」应为整数（如 2016）",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ["data/x.yml:1: 缺少键「items」，请补上"]),
        ("items: []\n", ["data/x.yml:1: 「items」不能为空，至少要有 1 项"]),
        ("items:\n  name: 甲\n", ["data/x.yml:2: 「items」应为列表（每项一行，以“- ”开头）"]),
        ("items:\n  - 甲\n", ["data/x.yml:2: 「items」第 1 项应为键值对（如 name: …）"]),
        ("items:\n  - {year: 2016}\n", ["data/x.yml:2: 「items」第 1 项缺少键「name」，请补上"]),
    ],
)
def test_shape_faults(text, expected):
    assert faults(text) == expected


def test_yaml_syntax_error_points_at_the_line_at_fault():
    (message,) = faults('items:\n  - {name: "甲}\n')  # the quote opened on line 2 is never closed
    assert message == "data/x.yml:2: YAML 格式有误：引号或括号没有成对"


def test_missing_file_names_it(tmp_path):
    with pytest.raises(SourceError, match=r"^data/slots\.yml:1: 找不到该文件"):
        datafiles.read(tmp_path, "slots", File)


def test_every_data_file_is_named_once_and_exists():
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    missing = [name for name in datafiles.FILES if not datafiles.path(root, name).exists()]
    assert missing == []
