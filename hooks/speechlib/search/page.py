"""The generated results page ``search/index.md``: the container search.js fills, and the syntax help.

The page works without the index too: the form sends ``?q=`` to itself, and the help is plain text.
"""

from __future__ import annotations

from speechlib.search.query import GAP

RESULTS_PAGE = "search/index.md"

SYNTAX = [
    ("高度重视", "查找含有这几个字的段落，字字相连、顺序不变；只输一个字也可以查。"),
    ("统筹 协调", "用空格隔开几个词，查找同时含有这几个词的段落，词序不限。"),
    ("统筹 -协调", "词前加减号，排除含有这个词的段落。"),
    (
        "以…为抓手",
        f"用省略号或星号（以*为抓手）连接，查找前后两部分依次出现、中间相隔不超过{GAP}个字的段落，"
        "用来找同一句式的不同写法，如“以……活动为抓手”“以……为抓手”。",
    ),
    ('"稳定 低生育"', "用英文双引号括起的内容作为一个词查找。"),
    ("計劃生育", "繁体字按简体查找（与“计划生育”结果相同）。"),
]

NOTES = [
    "全角和半角标点、字母、数字视为相同（，与 , 相同），英文字母不分大小写，空格和换行不计。",
    "查找范围是全部范文和模板的正文段落，包括备选表述；写法说明、使用说明等编者文字不在其内。",
    "结果按模板在前、范文在后排列，同类中意思完整的短段在前。可按会议类型、文种、类别和时期筛选，"
    "每段可一键复制，点标题打开原文并定位到该段。",
]


def results_markdown() -> str:
    rows = "".join(f"<li><code>{q}</code> {text}</li>" for q, text in SYNTAX)
    notes = "".join(f"<li>{n}</li>" for n in NOTES)
    return f"""---
title: 查找原文段落
hide:
  - navigation
  - toc
---

# 查找原文段落

<div class="ss-page" id="ss-page" data-ss-page>
<form class="ss-page__form" role="search" action="." method="get">
<input class="ss-page__input" type="search" name="q" aria-label="查找原文段落"
 placeholder="输入要查找的表述，如：以…为抓手" autocomplete="off" spellcheck="false">
<button class="md-button md-button--primary" type="submit">查找</button>
</form>
<div class="ss-page__output" aria-live="polite"></div>
</div>

<details class="ss-help" markdown="0">
<summary>查找规则</summary>
<ul class="ss-help__syntax">{rows}</ul>
<ul class="ss-help__notes">{notes}</ul>
</details>
"""
