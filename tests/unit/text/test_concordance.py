"""The multi-pattern matcher and KWIC lines of the text core."""

from speechlib.text.concordance import Matcher, kwic


def test_matcher_finds_every_form_on_the_text_as_displayed():
    matcher = Matcher({"zhongshi": ("高度重视",), "zeren": ("亲自抓、负总责", "亲自抓，负总责")})
    text = "各级要高度 重视，一把手亲自抓，负总责。"
    found = matcher.find(text)
    assert sorted((o.key, text[o.start : o.end]) for o in found) == [
        ("zeren", "亲自抓，负总责"),
        ("zhongshi", "高度 重视"),
    ]


def test_kwic_cuts_a_window_around_the_match():
    text = "一" * 40 + "高度重视" + "二" * 40
    left, key, right = kwic(text, 40, 44, 10)
    assert (left, key, right) == ("一" * 10, "高度重视", "二" * 10)
