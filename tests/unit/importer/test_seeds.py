"""The importer on the five seed files: speeches found, no artefact left, no word lost.

The seeds (../shared/seeds) are the damaged sources the library started from. For each file the
importer must find its speeches (5, 5, 5, 1, 1), remove every artefact the seeds are known to carry,
keep every Han character outside what it reports as removed, and write pages that the site's
content model accepts once the fields it could not infer are filled in.
"""

from __future__ import annotations

import re

import pytest

import speechlib.importer as si
from importer_support import MODEL, ROOT, SEEDS_DIR, import_text, surviving_han
from speechlib.content.model import ContentError, load_model, parse_page

SITE_MODEL = load_model(ROOT / "data" / "content_model.yml")
SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
EXPECTED_SPEECHES = {"000": 5, "001": 5, "002": 5, "003": 1, "004": 1}

ARTEFACTS = [
    ("watermark", re.compile(r"莲山|5\s?y\s?kj", re.I)),
    ("link list", re.compile(r"看过")),
    ("collection title", re.compile(r"汇总\s*5\s*篇")),
    ("intro", re.compile(r"光阴的迅速")),
    ("OCR slip", re.compile(r"位臵|问侯|超势|按步就班")),
    ("page marker", re.compile(r"-\d+-|(?<![\d.])-\d(?!\d)|第\d+页")),
    ("chunk number", re.compile(r"^\d、", re.M)),
    ("page number glued to a word", re.compile(r"PIS人\s*1员|^1员", re.M)),
    ("half-width punctuation next to Chinese",
     re.compile(r"[\u4e00-\u9fff][,:;!?]|[,:;!?][\u4e00-\u9fff]")),
]


@pytest.fixture(scope="module", params=SEEDS, ids=lambda p: p.name[:3])
def seed(request):
    source = si.read_source(str(request.param))
    return request.param, source.text, import_text(source.text, name=str(request.param))


def test_the_seed_files_are_there():
    assert [p.name[:3] for p in SEEDS] == sorted(EXPECTED_SPEECHES)


def test_speeches_are_found(seed):
    path, _, result = seed
    assert len(result.pages) == EXPECTED_SPEECHES[path.name[:3]]


def test_no_artefact_survives(seed):
    _, _, result = seed
    for page in result.pages:
        body = page.text.split("\n---\n", 1)[1]
        for name, pattern in ARTEFACTS:
            assert not pattern.search(body), (name, pattern.search(body).group(0))


def test_every_han_character_outside_reported_removals_survives(seed):
    _, text, result = seed
    expected, kept = surviving_han(text, result)
    assert kept == expected


def test_importing_a_page_again_changes_nothing(seed):
    _, _, result = seed
    for page in result.pages:
        again = import_text(page.text, name="page.md")
        assert again.pages[0].text == page.text
        assert again.report.changes == []


def test_pages_pass_the_site_content_model_once_completed(seed):
    """What the importer could infer is valid; what it could not, the build rejects."""
    path, _, result = seed
    for number, page in enumerate(result.pages, 1):
        meta = page.meta
        folder = MODEL.slug("meeting_type", meta["meeting_type"])
        uri = f"{folder}/exemplars/seed-{path.name[:3]}-{number}.md"
        if "date" in meta:
            assert parse_page(page.text, uri, SITE_MODEL) is not None
        else:
            with pytest.raises(ContentError, match="missing field 'date'"):
                parse_page(page.text, uri, SITE_MODEL)
            completed = si.import_text(page.text, "page.md", MODEL, si.Options(date="不详")).pages[0]
            assert parse_page(completed.text, uri, SITE_MODEL) is not None
