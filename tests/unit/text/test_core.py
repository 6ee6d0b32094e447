"""The fast normalization (str.translate) equals the character-by-character definition."""

from __future__ import annotations

import random

import pytest

from speechlib.text import anchor_key, fold_char, normalize, normalize_with_map


def reference(text: str, fold_case: bool = True) -> tuple[str, list[int]]:
    """The definition: fold each character, drop those that are white space after folding."""
    chars, index = [], []
    for i, ch in enumerate(text):
        folded = fold_char(ch, fold_case)
        if not folded.isspace():
            chars.append(folded)
            index.append(i)
    return "".join(chars), index


@pytest.mark.parametrize("fold_case", [True, False])
def test_every_bmp_character_folds_as_fold_char(fold_case):
    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    assert normalize_with_map(every, fold_case) == reference(every, fold_case)
    assert (normalize if fold_case else anchor_key)(every) == reference(every, fold_case)[0]


@pytest.mark.parametrize("seed", range(20))
def test_random_mixed_text(seed):
    rng = random.Random(seed)
    alphabet = "高度重视，。 \u3000\t\n\u00a0\u2028ＡＢｃ１２AZaz!！\uff5e\uff5f𠀀\u200b\ufeff"
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
    for fold_case in (True, False):
        assert normalize_with_map(text, fold_case) == reference(text, fold_case)
        assert (normalize if fold_case else anchor_key)(text) == reference(text, fold_case)[0]


@pytest.mark.parametrize("text", ["", " ", "\u3000\u3000", "abc", "Ａ Ｂ"])
def test_edges(text):
    assert normalize_with_map(text) == reference(text)


@pytest.mark.parametrize("seed", range(5))
def test_a_long_text_folds_as_a_short_one(seed):
    # A whole page (over 2,048 characters) is folded by a numpy gather instead of str.translate.
    rng = random.Random(seed)
    alphabet = "高度重视，。 \u3000\t\n\u00a0\u2028ＡＢｃ１２AZaz!！\uff5e\uff5f𠀀\u200b\ufeff"
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(2048, 6000)))
    assert normalize(text) == reference(text)[0]
    assert anchor_key(text) == reference(text, False)[0]
