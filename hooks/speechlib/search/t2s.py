"""Traditional → simplified folding for search queries: the characters OpenCC's ``t2s`` changes.

A writer who pastes 計劃生育 finds the paragraphs with 计划生育. The importer converts traditional
text with OpenCC's ``t2s`` profile (:mod:`speechlib.importer.script`); the same profile, applied to
every CJK character one at a time, gives the table shipped to the browser as the index part
``search/parts/t2s.js`` (``__speechData("t2s", {"from": "計劃…", "to": "计划…"})``, the i-th character
of ``from`` folds to the i-th of ``to``; only the characters that differ, about 2,700). search.js
folds each query character through it before parsing. Character by character, not OpenCC's phrase
conversion: a query is matched character by character against simplified text, and the few
characters whose simplified form depends on the word (乾 → 干/乾) keep OpenCC's single-character
choice.
"""

from __future__ import annotations

from functools import cache

# CJK Unified Ideographs and Extension A, and the compatibility ideographs.
RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@cache
def table() -> dict[str, str]:
    """Each character that t2s changes, with its simplified form (one character to one)."""
    import opencc  # pinned in requirements.txt

    convert = opencc.OpenCC("t2s").convert
    out = {}
    for low, high in RANGES:
        chars = [chr(c) for c in range(low, high + 1)]
        converted = convert("\n".join(chars)).split("\n")
        if len(converted) != len(chars):  # a conversion that changed the line count: go one by one
            converted = [convert(c) for c in chars]
        for ch, simple in zip(chars, converted, strict=True):
            if simple != ch and len(simple) == 1:
                out[ch] = simple
    return out


def part() -> dict[str, str]:
    """The data of ``search/parts/t2s.js``."""
    folded = table()
    return {"from": "".join(folded), "to": "".join(folded.values())}


def fold(text: str) -> str:
    """``text`` with traditional characters folded to simplified (as search.js folds a query)."""
    folded = table()
    return "".join(folded.get(ch, ch) for ch in text)
