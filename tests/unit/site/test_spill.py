"""The spill file keeps page HTML out of memory: a text comes back as it was put, a replaced one is
gone, and rewriting the file to drop replaced texts keeps every current one."""

from __future__ import annotations

import pytest

from speechlib.site.spill import Spill


def test_a_text_comes_back_as_it_was_put_and_a_replaced_one_is_gone(tmp_path):
    spill = Spill()
    first = spill.put("page:a.md", "<p>同志们：</p>", tmp_path)
    other = spill.put("page:b.md", "<p>现在开会。</p>" * 3, tmp_path)
    assert spill.get(first) == "<p>同志们：</p>"
    assert spill.get(other) == "<p>现在开会。</p>" * 3
    again = spill.put("page:a.md", "<p>同志们，朋友们：</p>", tmp_path)
    assert spill.get(again) == "<p>同志们，朋友们：</p>"
    assert first not in spill and again in spill
    with pytest.raises(KeyError):
        spill.get(first)
    assert list(tmp_path.iterdir()) == []  # the file has no name: nothing is left behind


def test_rewriting_the_file_keeps_every_current_text(tmp_path):
    spill = Spill(slack=100)
    handles = {f"page:{n}.md": spill.put(f"page:{n}.md", f"第{n}篇" * 20, tmp_path) for n in range(5)}
    for round_ in range(10):  # page 0 edited again and again: its old texts are dropped from the file
        handles["page:0.md"] = spill.put("page:0.md", f"第0篇第{round_}稿" * 20, tmp_path)
    assert spill._end < 2 * sum(len(spill.get(h).encode()) for h in handles.values()) + 100
    assert spill.get(handles["page:0.md"]) == "第0篇第9稿" * 20
    for n in range(1, 5):
        assert spill.get(handles[f"page:{n}.md"]) == f"第{n}篇" * 20
