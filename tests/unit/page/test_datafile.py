"""The one format of the browser's data files: ``__speechData("key",{…});``."""

import pytest

from speechlib.page import datafile


def test_script_round_trips_and_keeps_chinese_and_markup_as_data():
    data = {"rows": [["计划生育", "<script>alert(1)</script>", "a\u2028b"]], "n": 2}
    text = datafile.script("gao-du-zhong-shi", data)
    assert text.startswith('__speechData("gao-du-zhong-shi",{') and text.endswith(");\n")
    assert "计划生育" in text  # not escaped to \\u: the files stay small and readable
    assert datafile.read(text) == ("gao-du-zhong-shi", data)


def test_read_refuses_other_scripts():
    with pytest.raises(ValueError):
        datafile.read('__kwicData("x",{});\n')
