"""Importer of speech texts into exemplar pages: the logic behind ``scripts/import_speech.py``.

Input: a damaged plain text (.txt in UTF-8, UTF-8 with BOM or GB18030/GBK; a .docx; standard
input) holding one speech or a collection of them, or an exemplar page the importer wrote.
Output: one Markdown page per speech in the exemplar page format (YAML front matter in the
content model of ``data/content_model.yml``, then the body), and a report of every piece of the
source that was removed, changed or added.

Modules, in the order the text passes through them:

* :mod:`.reading`     bytes → text (encoding detection, .docx, rejected inputs)
* :mod:`.cleaning`    line rules: chunk numbers, watermarks, link lists, page markers, glued
                      page numbers, paragraph breaks written as spaces; it calls, in turn:
* :mod:`.script`      pinyin glosses, traditional → simplified (OpenCC t2s)
* :mod:`.webpage`     site furniture, decorations, title suffixes, a title on the address line
* :mod:`.sitewords`   site names and columns: a title among them, navigation and category lines
* :mod:`.placeholders` anti-copy marks, hidden names, placeholder spellings (×× / ×××)
* :mod:`.splitting`   a collection → one chunk of lines per speech (by markers or titles)
* :mod:`.inference`   header lines → title, speaker, date; genre, meeting type, level
* :mod:`.headings`    which numbered lines are headings, and where a heading ends
* :mod:`.paragraphs`  lines → paragraphs and headings; PDF wraps, dialogue labels, agenda lists,
                      slips, punctuation, spaces, stage directions, editor's notes
* :mod:`.markdown`    page rendering and reading (front matter, escaping)
* :mod:`.slugs`       file names
* :mod:`.pipeline`    one import from text to pages
* :mod:`.report`      the change report; :mod:`.errors` the one error type
* :mod:`.model`       the site's content model (hooks/speechlib/model.py) with command-line
                      lookups; :mod:`.textutil` the placeholders and helpers the text
                      core (:mod:`speechlib.text`) does not hold

Every module is pure apart from :mod:`.reading` (reads the input), :mod:`.model` (reads the
content model), ``slugs.taken_names`` (lists the output folder) and :mod:`.script` (loads OpenCC's
profile, shipped in its wheel); the command line writes.
"""

from .errors import InputError
from .model import ContentModel, check_date, load
from .pipeline import Options, Page, Result, import_text, strip_markup
from .reading import Source, decode, read_source
from .report import Change, Report

__all__ = [
    "Change", "ContentModel", "InputError", "Options", "Page", "Report", "Result", "Source",
    "check_date", "decode", "import_text", "load", "read_source", "strip_markup",
]
