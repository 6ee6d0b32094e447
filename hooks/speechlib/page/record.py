"""One speech page as every index sees it: :class:`PageInfo`, made once per page from its front matter
(:class:`speechlib.content.model.SpeechPage`) and its URL, and shared by reference.

The phrase and terms indexes (a concordance line's source), the search index (a result's speech
record and its facets) and the copy and Word blocks all read the page's title, kind, labels, date and
period from here, so that the three cannot disagree (a speech filed under one period in the listing
and another in the search) and a page is not copied three times per build.
"""

from __future__ import annotations

from dataclasses import dataclass

from speechlib.content import periods


@dataclass(frozen=True, slots=True)
class PageInfo:
    src_uri: str  # docs-relative, e.g. "tuijinhui/exemplars/x.md"
    url: str  # site-relative, e.g. "tuijinhui/exemplars/x/"
    title: str
    kind: str  # exemplar | template
    meeting_type: str  # label, e.g. 推进会
    genre: str  # label, e.g. 讲话
    date: str  # YYYY-MM-DD, YYYY-MM, YYYY or 不详
    year: int | None  # the date's year only (an estimate is not a date)
    period: str  # speechlib.content.periods label: by date, else by the estimated period
    when: str | None  # the estimated period or the date, for dating phrases (content.dating)


def page_info(speech, url: str) -> PageInfo:
    """The projection of a :class:`speechlib.content.model.SpeechPage` published at ``url``."""
    return PageInfo(
        src_uri=speech.src_uri,
        url=url,
        title=speech.title,
        kind=speech.kind,
        meeting_type=speech.meeting_type.label,
        genre=speech.genre.label,
        date=speech.date,
        year=speech.year,
        period=periods.period_of(speech),
        when=speech.period or speech.date,
    )
