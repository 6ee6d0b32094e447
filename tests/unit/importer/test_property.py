"""Property: whatever damage surrounds a speech, its words survive in order, and importing the
importer's own page again changes nothing.

Hypothesis writes random Chinese speeches (paragraphs of sentences, numbered headings, stage
directions) and damages them the way the seed files are damaged: hard line breaks inside
sentences, page markers and page numbers glued to words, site watermarks, a “看过…的人还看了”
link list, a collection title and an intro paragraph, half-width punctuation, straight quotes and
stray spaces. The Han characters of the speech itself must come out exactly, in order; the
damage must not.

The second property adds the damage of web, PDF and Word copies (issues 12 and 24): site
furniture before and after the speech (a title among marks and site words among it), pinyin
glosses, anti-copy marks, gaps where names were taken out (between characters or after a comma),
lines wrapped at a fixed width, and sometimes the whole page in traditional characters. No Han
character may be lost except by a reported removal; OpenCC's conversion is a reported change
(each ``traditional`` change is replayed on the source before comparing), not a loss.
"""

from __future__ import annotations

import functools
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import speechlib.importer as si
from importer_support import han_only, import_text, surviving_han

# Common characters, minus those that the rules treat specially (numerals and ordinals, speech
# markers, forms of address, stage directions, slips of the table, watermark and link words), so
# that the generated speech itself never looks like damage.
ALPHABET = "".join(sorted(set(
    "的了在有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
    "产种面而方后多定行学法所民得经三之进着等部度家电力里如水化高自理起小物现实加量都两体制机"
    "当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内"
    "数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并"
    "提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组"
    "见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研质济保持"
) - set("一二三四五六七八九十第个是篇看过莲章文讲话主持词同志们请面掌鼓笑声斯期臵侯超步漫职全县市"
       "区镇乡省年月日讲")))

han = st.text(alphabet=ALPHABET, min_size=2, max_size=14)


@st.composite
def sentence(draw) -> str:
    clauses = draw(st.lists(han, min_size=1, max_size=3))
    text = "，".join(clauses) + draw(st.sampled_from("。。。！？"))
    if draw(st.booleans()) and len(clauses[0]) >= 2:  # a quoted term
        term = clauses[0][:2]
        text = text.replace(term, "“" + term + "”", 1)
    if draw(st.integers(0, 9)) == 0:
        text += "（掌声）"
    return text


@st.composite
def speech(draw) -> list[tuple[str, str]]:
    """Blocks of a clean speech: ("para", text) or ("heading", text)."""
    blocks: list[tuple[str, str]] = []
    number = 0
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.integers(0, 3)) == 0:
            number += 1
            blocks.append(("heading", "一二三四五六七八九"[number - 1] + "、" + draw(han)))
        blocks.append(("para", "".join(draw(st.lists(sentence(), min_size=1, max_size=4)))))
        if number == 9:
            break
    return blocks


WATERMARKS = ["文 章", "来源莲山", "课件 w ww.5 y kj.Co m来源"]


@st.composite
def damaged(draw) -> tuple[str, str]:
    """(damaged source text, the speech's own text) for one random speech."""
    blocks = draw(speech())
    real = "同志们：" + "".join(text for _, text in blocks)
    lines = []
    if draw(st.booleans()):
        lines += ["领导讲话稿范文(汇总3篇)", "以下我给大家整理了一些优质的范文，希望对大家能够有所帮助。"]
    lines.append("同志们：")
    page = 0
    for kind, text in blocks:
        if kind == "heading":
            lines.append(text)
            continue
        text = _half_width(draw, text)
        if "\n" not in text and draw(st.integers(0, 5)) == 0:
            # A related-links list, then the next paragraph (links end a web page's text part).
            lines += ["看过领导讲话稿的人还看了:", "计划生育讲话稿", "1.工作会议主持词"]
        # Hard line breaks, some with a page marker, a page number or a watermark in them.
        cuts = sorted(draw(st.sets(st.integers(1, max(1, len(text) - 1)), max_size=3)))
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        out = pieces[0]
        for piece in pieces[1:]:
            artefact = draw(st.integers(0, 4))
            if artefact == 1:
                page += 1
                out += f"-{page}-"
            elif artefact == 2 and re.match(f"[{ALPHABET}]", piece):
                page += 1
                piece = f"{page}{piece}"
            elif artefact == 3:
                out += "\n" + draw(st.sampled_from(WATERMARKS))
            elif artefact == 4:
                page += 1
                out += f"\n第{page}页 共99页"
            out += "\n" + piece
        lines.append(out)
    return "\n".join(lines) + "\n", real


def _half_width(draw, text: str) -> str:
    """Some marks half-width, quotes straight, and stray spaces between characters."""
    if draw(st.booleans()):
        text = text.replace("，", ",").replace("！", "!").replace("？", "?").replace("（", "(").replace(
            "）", ")")
    if draw(st.booleans()):
        text = text.replace("“", '"').replace("”", '"')
    positions = draw(st.sets(st.integers(1, max(1, len(text) - 1)), max_size=3))
    for position in sorted(positions, reverse=True):
        if re.match(f"[{ALPHABET}]{{2}}", text[position - 1:position + 1]):
            text = text[:position] + " " + text[position:]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_words_survive_damage_is_gone_and_import_is_idempotent(case):
    source, real = case
    result = import_text(source)
    assert len(result.pages) == 1
    page = result.pages[0].text
    assert han_only(si.strip_markup(page)) == han_only(real)
    for artefact in ("莲山", "5 y kj", "看过", "汇总", "整理了"):
        assert artefact not in page
    assert not re.search(r"-\d+-|第\d+页", page)
    again = import_text(page, name="page.md")
    assert again.pages[0].text == page
    assert [c for c in again.report.changes] == []


# --- web, PDF and Word copies -------------------------------------------------------------------

FURNITURE_BEFORE = ["公文范文网", "首页 > 范文大全 > 讲话稿", "点击复制全文",
                    "发布时间：2024-03-18 来源：本站整理 浏览次数：512",
                    "◆在全县安全生产工作会议上的讲话◆◆公文写作网首页", "网站首页　领导讲话"]
FURNITURE_AFTER = ["【打印本页】【关闭窗口】", "上一篇：全县工作会议主持词"]
GLOSSES = ["(huì)", "(yì)", "（xuǎn）"]
WRAP = 20


@st.composite
def web_damaged(draw) -> tuple[str, str, bool]:
    """(damaged source, the speech's own text, whether the source was made traditional)."""
    blocks = draw(speech())
    real = "同志们：" + "".join(text for _, text in blocks)
    lines = draw(st.lists(st.sampled_from(FURNITURE_BEFORE), max_size=3, unique=True))
    lines.append("同志们：")
    wrapped = draw(st.booleans())
    for kind, text in blocks:
        if kind == "heading":
            lines.append(text)
            continue
        text = _inside_damage(draw, text)
        if wrapped:  # a PDF copy: every line WRAP characters long but a paragraph's last
            lines += [text[i:i + WRAP] for i in range(0, len(text), WRAP)]
        else:
            lines.append(text)
    lines += draw(st.lists(st.sampled_from(FURNITURE_AFTER), max_size=2, unique=True))
    source = "\n".join(lines) + "\n"
    traditional = draw(st.integers(0, 3)) == 0
    if traditional:
        source = _s2t().convert(source)
    return source, real, traditional


@functools.cache
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def _inside_damage(draw, text: str) -> str:
    """Glosses, anti-copy marks and name gaps between two Han characters of a paragraph."""
    positions = draw(st.sets(st.integers(1, max(1, len(text) - 1)), max_size=4))
    for position in sorted(positions, reverse=True):
        if not re.match(f"[{ALPHABET}]{{2}}", text[position - 1:position + 1]):
            continue
        damage = draw(st.sampled_from([".", "`", "      ", "____", *GLOSSES]))
        text = text[:position] + damage + text[position:]
    if "，" in text and draw(st.booleans()):  # a name blanked out after a comma (issue 24)
        text = text.replace("，", "，      ", 1)
    return text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(web_damaged())
def test_web_copies_lose_no_word_unreported_and_import_is_idempotent(case):
    source, real, traditional = case
    result = import_text(source)
    assert len(result.pages) == 1
    page = result.pages[0].text
    expected, kept = surviving_han(source, result)
    assert kept == expected  # every change to a Han character is in the report
    if not traditional:
        assert han_only(si.strip_markup(page)) == han_only(real)
    for artefact in ("首页", "点击复制", "打印本页", "上一篇", "浏览次数", "(huì)", "xuǎn", "`", "____"):
        assert artefact not in page
    again = import_text(page, name="page.md")
    assert again.pages[0].text == page
    assert again.report.changes == []
