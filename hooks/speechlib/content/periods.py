"""The period of a speech: one definition for every filter that offers one (the listing's 年代 facet
and the search's 时期 facet).

Periods follow the five-year plans, which date a speech better than a decade (a plan's name, targets
and bodies are in the text: 十一五 2006–2010, 十二五 2011–2015 …; see DOMAIN.md). A speech's year is
its date's year or, when the date is unknown, the middle of its estimated period (``2011–2013`` →
2012, ``2013年以前`` → 2013); a speech with neither is :data:`NO_PERIOD`.

>>> period_label(2012)
'十二五（2011—2015年）'
>>> period_label(None)
'年代不详'
"""

from __future__ import annotations

import re

# (label, first year, last year); None: open. In time order, which is the order the filters show.
PERIODS = (
    ("十五及以前（2005年前）", None, 2005),
    ("十一五（2006—2010年）", 2006, 2010),
    ("十二五（2011—2015年）", 2011, 2015),
    ("十三五（2016—2020年）", 2016, 2020),
    ("十四五（2021—2025年）", 2021, 2025),
    ("十五五（2026年起）", 2026, None),
)
NO_PERIOD = "年代不详"
LABELS = tuple(label for label, *_ in PERIODS) + (NO_PERIOD,)

_YEAR = re.compile(r"(?:19|20)\d\d")


def period_year(date: str, period: str | None = None) -> int | None:
    """The year a speech is filed under: its date's year, else the middle of its estimated period."""
    if date[:4].isdigit():
        return int(date[:4])
    years = [int(y) for y in _YEAR.findall(period or "")]
    return (min(years) + max(years)) // 2 if years else None


def period_label(year: int | None) -> str:
    """The period (five-year plan) of a year; :data:`NO_PERIOD` for no year."""
    if year is None:
        return NO_PERIOD
    for label, first, last in PERIODS:
        if (first is None or year >= first) and (last is None or year <= last):
            return label
    return NO_PERIOD


def period_of(page) -> str:
    """The period of a :class:`speechlib.content.model.SpeechPage` (by date, else estimated period)."""
    return period_label(period_year(page.date, page.period))


def in_order(labels) -> list[str]:
    """Period labels in time order, 年代不详 last."""
    return sorted(set(labels), key=LABELS.index)
