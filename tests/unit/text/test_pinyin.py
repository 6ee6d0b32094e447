"""Pinyin slugs: the URLs of phrase pages and the file names of imported speeches."""

import pytest

from speechlib.text.pinyin import pinyin_slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("高度重视", "gao-du-zhong-shi"),
        ("A<B&C 2011年", "a-b-c-2011-nian"),
        ("亲自抓、负总责", "qin-zi-zhua-fu-zong-ze"),
        ("——", ""),
    ],
)
def test_slug(text, slug):
    assert pinyin_slug(text) == slug
