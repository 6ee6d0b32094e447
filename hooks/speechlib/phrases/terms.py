"""The terms index's view of the pages: each speech paragraph's copy text and the terms found in it.

Terms (``data/terms.yml``) are matched in the copy text of the paragraph model, so never in stage
directions or notes; they are not linked in the speech text (a speech page links the set phrases a
writer reuses), and their concordance pages are built like the phrase index's
(:mod:`speechlib.phrases.index`).
"""

from __future__ import annotations

from dataclasses import replace

from speechlib.phrases.index import PageRecord, ParagraphRecord
from speechlib.text.concordance import Matcher


def term_records(
    records: list[PageRecord], matcher: Matcher, cache=None, digest: str = ""
) -> list[PageRecord]:
    """The pages with their paragraphs' term matches in place of the phrase matches.

    With ``cache`` (a :class:`speechlib.site.state.PageCache`), a page's term record is kept while its
    record and the terms file (``digest``) are the same, so a ``mkdocs serve`` rebuild matches the
    edited page only.
    """
    out = []
    for record in records:

        def match(record: PageRecord = record) -> list[ParagraphRecord]:
            return [
                ParagraphRecord(p.anchor, p.copy_text, found, p.copy_text)
                for p in record.paragraphs
                if (found := matcher.find(p.copy_text))
            ]

        if cache is None:
            out.append(replace(record, paragraphs=match()))
        else:
            # The record itself is the key: the same object while its page is (equal ones compare
            # by content), so a page's term record is the same object from build to build too.
            compute = lambda m=match, r=record: replace(r, paragraphs=m())  # noqa: E731
            out.append(cache.get(record.info.src_uri, (digest, record), compute))
    return out
