"""The page pipeline: its steps run in a fixed order on one token list and add no text."""

from __future__ import annotations

from collections import Counter
from functools import partial

from speechlib.content.slots import Catalog, Slot, slot_pieces
from speechlib.page import html as page_html
from speechlib.page.paragraphs import plain_text
from speechlib.text.concordance import Matcher

CATALOG = Catalog((Slot("工作领域", "h", "e", 1), Slot("主办单位", "h", "e", 2)))


def steps(**extra) -> page_html.Steps:
    return page_html.Steps(
        matcher=Matcher({"zhong-shi": ["高度重视"], "luo-shi": ["抓好［工作领域］落实"]}),
        phrase_href=lambda k: f"../{k}/",
        phrase_title=lambda k: f"固定表述：{k}",
        slot_pieces=partial(slot_pieces, catalog=CATALOG),
        used_section=lambda counts: f"<section>{sorted(counts.items())}</section>",
        **extra,
    )


def test_all_steps_in_order_and_the_text_is_unchanged():
    html = '<p>［主办单位］高度重视，要抓好［工作领域］落实。<span class="stage">（掌声）</span></p>'
    out = page_html.render(html, '<dl class="speech-meta"></dl>', steps(tail="<section>校勘记</section>"))
    assert out.html.startswith('<dl class="speech-meta"></dl><p id="p-')
    # The phrase link wraps the text; the slot inside it is still marked (step 4 sees step 3's pieces).
    assert '<a class="phrase" href="../luo-shi/" title="固定表述：luo-shi">抓好<span class="slot"' in out.html
    assert '<span class="slot" data-slot="主办单位">［主办单位］</span><a class="phrase" href="../zhong-shi/"' in out.html
    assert out.html.endswith("<section>校勘记</section><section>[('luo-shi', 1), ('zhong-shi', 1)]</section>")
    assert plain_text(out.html.split("</dl>", 1)[1].split("<section>")[0]) == plain_text(html)
    assert out.used() == Counter({"zhong-shi": 1, "luo-shi": 1})


def test_phrases_in_stage_directions_and_notes_are_not_speech():
    html = '<p>会议开始。<span class="editor-note">编者注：领导高度重视。</span></p><p>我们高度重视。</p>'
    out = page_html.render(html, "", steps())
    assert out.html.count('class="phrase"') == 1
    [(anchor, occurrences)] = out.occurrences.items()
    paragraph = next(p for p in out.text.paragraphs if p.id == anchor)
    assert paragraph.text[occurrences[0].start : occurrences[0].end] == "高度重视"


def test_placeholders_are_marked_only_where_asked():
    html = "<p>××年，×××同志讲话。</p>"
    assert "placeholder" not in page_html.render(html, "", steps()).html
    marked = page_html.render(html, "", steps(placeholders=True)).html
    assert '<span class="placeholder" title="原文隐去">××</span>年，' in marked
    assert '<span class="placeholder" title="原文隐去">×××</span>同志' in marked


def test_text_outside_raw_elements_only_and_entities_kept():
    html = "<p>A &amp; B ［工作领域］</p><pre><code>［工作领域］</code></pre>"
    out = page_html.render(html, "", page_html.Steps(slot_pieces=partial(slot_pieces, catalog=CATALOG), anchors=False))
    assert out.html == (
        '<p>A &amp; B <span class="slot" data-slot="工作领域">［工作领域］</span></p><pre><code>［工作领域］</code></pre>'
    )
