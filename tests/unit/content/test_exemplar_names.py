"""Personal names in exemplars: officials by office, other people as ×××, logged in each 校勘记.

The rule (README, “范文中的人名”): an official is named by office and the name is written ×××
(副区长×××同志, ×××主任); anyone else (experts, people being commended, staff) is ×××; leaders of
the Party and state keep their names as the source prints them (胡锦涛总书记). Every exemplar's 校勘记
has one entry that starts with RULE and says what was done, never repeating a name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
EXEMPLARS = sorted((ROOT / "docs").glob("*/exemplars/*.md"))
RULE = "人名按本库体例处理（官员称职务，姓名作“×××”；其他个人姓名作“×××”；党和国家领导人照录）："

# The names replaced when the rule was applied (full names, and the surname or given-name forms the
# sources used: 杨主任, 德林市长). None may come back, in the text or in the notes.
REPLACED = [
    "张秀珍", "刘向东", "杨增武", "王茂设", "杨主任", "李和有", "杜耀", "解志远", "苏富梅", "王泽民", "王平",
    "李国清", "曹玉英", "程平", "王建明", "赵彪", "陈桂芳", "许立勋", "白超", "王永", "胡爱武", "爱武主任",
    "黄萍", "黄所长", "张迅", "张教授", "贺宏琼", "贺主任", "周强", "德林市长", "曙霞", "志强市长", "洪斌",
    "冠军书记", "中得主任", "吴县长",
]
# A surname, one or two more characters, a title: how a source names a person (张秀珍同志, 杨主任).
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤解"
NAME_RE = re.compile(
    f"[{SURNAMES}][\u4e00-\u9fff]{{0,2}}(?:常务副|副)?(?:书记|主任|局长|县长|市长|区长|部长|所长|教授|主席|站长|台长|同志|总理)"
)
# Leaders of the Party and state, kept as printed; and words the pattern takes for names.
ALLOWED = {"胡锦涛总书记", "温家宝总理"}
NOT_NAMES = {"其余获奖同志"}


def _parts(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


@pytest.mark.parametrize("path", EXEMPLARS, ids=lambda p: p.stem)
def test_no_replaced_name_is_left(path):
    text = path.read_text(encoding="utf-8")
    assert [n for n in REPLACED if n in text] == []


@pytest.mark.parametrize("path", EXEMPLARS, ids=lambda p: p.stem)
def test_the_names_rule_is_logged_once_in_the_collation(path):
    front, _ = _parts(path)
    entries = [c for c in front.get("collation", []) if c.startswith("人名按本库体例处理")]
    assert len(entries) == 1 and entries[0].startswith(RULE) and entries[0].endswith("。")
    assert len(entries[0]) > len(RULE) + 5


@pytest.mark.parametrize("path", EXEMPLARS, ids=lambda p: p.stem)
def test_no_name_pattern_outside_the_placeholder(path):
    _, body = _parts(path)
    found = {m.group(0) for m in NAME_RE.finditer(body)}
    suspicious = sorted(f for f in found if f not in ALLOWED and not any(f in w or w in f for w in NOT_NAMES))
    assert suspicious == []


def test_the_pattern_finds_the_names_the_rule_replaced():
    for sample in ("请副区长张秀珍同志作工作报告", "省计生委杨主任来调研", "张迅教授为我们授课", "刚才，吴县长作了重要讲话"):
        assert NAME_RE.search(sample), sample
    assert not NAME_RE.search("请副区长×××同志作工作报告")
