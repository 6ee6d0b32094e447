"""The phrase index: per-page match records, aggregation, and the generated pages and files.

Inputs are plain data: the glossary entries (``speechlib.content.glossary``), each speech page's
:class:`PageRecord` (its anchored paragraphs and the matches in each, and the page's shared
:class:`speechlib.page.record.PageInfo`). Outputs:

- :func:`index_html`: the index page, by category, each phrase with its counts and first/last year,
  with a filter box (text, pinyin initials or full pinyin, category; ``site.js``) and, through
  :func:`toc_tokens`, a real table of contents (the content is made after MkDocs read the page);
- :func:`phrase_html`: one page per phrase: note, variants, counts, the first :data:`KWIC_LIMIT`
  keyword-in-context lines with data attributes for sorting (by left or right neighbour) and
  filtering (meeting type, genre), each line linking to its paragraph, and the phrases most often
  found in the same paragraphs. The page's HTML does not grow with the library: the other lines are
  in per-phrase data files of at most about :data:`CHUNK_BYTES` each (:func:`lines_files`,
  ``phrases/lines/<slug>.js``, ``<slug>-2.js`` …, each naming the next) that ``site.js`` loads when
  the reader asks for them, sorts or filters::

      __speechData("gao-du-zhong-shi", {"total": 812, "start": 50, "next": "gao-du-zhong-shi-2.js",
          "pages": [["标题", "../../tuijinhui/exemplars/x/", "推进会", "讲话"], …],
          "copies": ["整段文字", null, …],
          "rows": [[page, "p-1a2b3c4d", "左文", "高度重视", "右文", copy], …]})

  ``page`` and ``copy`` index ``pages`` and ``copies`` (a paragraph's text is stored once however
  many lines it has; ``null`` for a paragraph over ``COPY_LIMIT``: its line links to the
  paragraph instead of carrying it); the file is a script so that it loads from disk (``file://``) too;
- :func:`frames_html`: the number frames (“三个不变”) found in the speeches, with their members
  where the speech spells them out (the ``speechlib.phrases.frames`` patterns);
- :func:`phrases_json`: ``site/phrases.json``, a list with one object per phrase::

      {"text": "高度重视", "variants": [], "category": "思想认识", "note": "…", "slug": "gao-du-zhong-shi",
       "url": "phrases/gao-du-zhong-shi/", "counts": {"occurrences": 12, "paragraphs": 11,
       "speeches": 9, "meeting_types": 4}, "first_year": 2005, "last_year": 2024,
       "occurrences": [{"url": "tuijinhui/exemplars/x/", "anchor": "p-1a2b3c4d", "count": 1}, …]}

- :func:`wordlist`: one phrase per line (UTF-8), punctuation removed, for input-method dictionaries.

All text from content or data is escaped with ``html.escape`` before it enters HTML.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from speechlib.content.dating import PhraseDating, date_phrase
from speechlib.page import datafile
from speechlib.page.paragraphs import Paragraph
from speechlib.page.record import PageInfo
from speechlib.phrases.frames import find_frames, frame_members
from speechlib.text import han_only
from speechlib.text.concordance import Occurrence, kwic
from speechlib.text.pinyin import pinyin_slug

ESC = html.escape
KWIC_LIMIT = 50  # concordance lines in a phrase page's HTML; the rest load on demand
CHUNK_BYTES = 250_000  # a lines data file stops growing here: the rest go to the next file
# A concordance line carries its paragraph's text for the copy button only when the paragraph is of
# a sane length, and a page only up to a budget: no page or data file grows with the length of one
# paragraph (a 2 MB paragraph made a 100 MB page). A line without it links to the paragraph, which
# is copied there.
COPY_LIMIT = 1500  # characters; the library's longest paragraph has about 1,300
COPY_BUDGET = 40_000  # characters of paragraph text in one page's lines


def _copy_text(text: str, budget: list[int]) -> str | None:
    """``text`` if it fits the per-paragraph limit and what is left of ``budget`` (a one-item list)."""
    if len(text) > COPY_LIMIT or len(text) > budget[0]:
        return None
    budget[0] -= len(text)
    return text
_PUNCT = re.compile(r"[\s，。、；：？！“”‘’（）《》〈〉【】—…·,.;:?!'\"()<>\[\]{}&*_`~#|\\/-]+")


def slugify(text: str) -> str:
    """URL slug of a phrase page: its pinyin, at most 60 characters."""
    return pinyin_slug(text)[:60].strip("-") or "phrase"


def assign_slugs(texts: Sequence[str]) -> list[str]:
    """Slugs for texts in order; a repeated slug gets -2, -3 … (deterministic by order)."""
    seen: Counter[str] = Counter()
    out = []
    for text in texts:
        base = slugify(text)
        seen[base] += 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


@dataclass(slots=True)
class ParagraphRecord:
    anchor: str
    text: str  # as displayed; occurrence offsets refer to it
    occurrences: Sequence[Occurrence]
    copy_text: str = ""


@dataclass
class PageRecord:
    """A page's speech paragraphs with their matches; the page itself is its shared :class:`PageInfo`."""

    info: PageInfo
    paragraphs: list[ParagraphRecord] = field(default_factory=list)


@dataclass(slots=True)
class Line:
    page: PageInfo
    paragraph: ParagraphRecord
    start: int
    end: int


@dataclass
class PhraseStats:
    key: str
    text: str
    variants: tuple[str, ...]
    category: str
    note: str
    lines: list[Line] = field(default_factory=list)
    neighbours: list[tuple[str, int]] = field(default_factory=list)
    dating: PhraseDating | None = None  # periods and 较早用语 from the dated-marker table
    section: str = "phrases"  # the folder of its page: phrases/ (set phrases) or terms/ (domain terms)
    entry: object = None  # the glossary entry (terms: topic, definition, period)

    @property
    def paragraphs(self) -> list[tuple[PageInfo, ParagraphRecord, int]]:
        counts: dict[tuple[str, str], list] = {}
        for line in self.lines:
            slot = counts.setdefault((line.page.url, line.paragraph.anchor), [line.page, line.paragraph, 0])
            slot[2] += 1
        return [tuple(v) for v in counts.values()]

    @property
    def counts(self) -> dict[str, int]:
        # Read three times per phrase (its page, the index, phrases.json): counted once while the
        # lines are the same list of the same length (lines are only ever appended).
        made = self.__dict__.get("_counts")
        if made is None or made[0] is not self.lines or made[1] != len(self.lines):
            lines = self.lines
            counts = {
                "occurrences": len(lines),
                "paragraphs": len({(ln.page.url, ln.paragraph.anchor) for ln in lines}),
                "speeches": len({ln.page.url for ln in lines}),
                "meeting_types": len({ln.page.meeting_type for ln in lines}),
            }
            made = self.__dict__["_counts"] = (lines, len(lines), counts)
        return dict(made[2])

    @property
    def years(self) -> tuple[int | None, int | None]:
        """First and last year of use: by period where the dated-marker table gave one."""
        if self.dating is not None:
            first, last = self.dating.first, self.dating.last
            low = next((y for y in (first or (None, None)) if y is not None), None)
            high = next((y for y in reversed(last or (None, None)) if y is not None), None)
            return low, high
        years = [ln.page.year for ln in self.lines if ln.page.year]
        return (min(years), max(years)) if years else (None, None)


def page_record(
    info: PageInfo, paragraphs: Sequence[Paragraph], occurrences: Mapping[str, Sequence[Occurrence]]
) -> PageRecord:
    """A speech page as the index sees it: its speech paragraphs (with ids) and their matches.

    ``paragraphs`` are the page's paragraph model's speech paragraphs
    (:meth:`speechlib.page.paragraphs.PageText.body`).
    """
    record = PageRecord(info)
    for para in paragraphs:
        if para.id:
            # The page's own list of matches (never changed) or a shared empty tuple: no copy per paragraph.
            found = occurrences.get(para.id, ())
            record.paragraphs.append(ParagraphRecord(para.id, para.text, found, para.copy_text))
    return record


def aggregate(
    entries, keys: Sequence[str], records: Sequence[PageRecord], markers=None, only: set[str] | None = None
) -> list[PhraseStats]:
    """Collect every match of every phrase from the page records, in glossary order.

    With ``markers`` (``speechlib.content.dating.MarkerTable``) each phrase is dated by the periods of the
    exemplars that use it, and 较早用语 is decided by that evidence (``content.dating.date_phrase``).
    With ``only``, just those phrases (their stats need only the records that use them: a ``mkdocs
    serve`` rebuild aggregates the phrases of the edited pages, :mod:`speechlib.site.incremental`).
    """
    stats = {
        k: PhraseStats(k, e.text, tuple(e.variants), e.category, e.note)
        for k, e in zip(keys, entries, strict=True)
        if only is None or k in only
    }
    together: dict[str, Counter[str]] = {k: Counter() for k in stats}
    # Real speeches before templates, so the first lines of a phrase page show it in use.
    for record in sorted(records, key=lambda r: (r.info.kind != "exemplar", r.info.url)):
        for para in record.paragraphs:
            if not para.occurrences:
                continue
            for occ in para.occurrences:
                if occ.key in stats:
                    stats[occ.key].lines.append(Line(record.info, para, occ.start, occ.end))
            present = sorted({o.key for o in para.occurrences})
            if len(present) > 1:
                for k in present:
                    if k in together:
                        together[k].update(o for o in present if o != k)
    for k, s in stats.items():
        s.neighbours = sorted(together[k].items(), key=lambda kv: (-kv[1], kv[0]))[:8]
        if markers is not None:
            exemplars = {ln.page.url: ln.page.when for ln in s.lines if ln.page.kind == "exemplar"}
            in_templates = any(ln.page.kind == "template" for ln in s.lines)
            forms = (s.text, *s.variants)
            s.dating = date_phrase(forms, exemplars.values(), markers, in_templates=in_templates)
    return list(stats.values())


def generated_pages(
    section: str, title: str, keys: Sequence[str], entries, placeholder: str
) -> list[tuple[str, str]]:
    """(path, Markdown) of an index's pages: ``<section>/index.md`` and one page per entry, each holding
    only ``placeholder``, which the hook replaces with the page's HTML in ``on_env``."""

    def page(page_title: str) -> str:
        # The theme puts page titles into HTML unescaped (<title>, nav): escape once here.
        quoted = ESC(page_title).replace("\\", "\\\\").replace('"', '\\"')
        return f'---\ntitle: "{quoted}"\n---\n\n{placeholder}\n'

    return [(f"{section}/index.md", page(title))] + [
        (f"{section}/{key}.md", page(entry.text)) for key, entry in zip(keys, entries, strict=True)
    ]


def rel_url(from_url: str, to_url: str) -> str:
    """Relative link from a page's URL to a site path written directory-style (``phrases/x/``,
    ``a/b/#p-1``; '' is the root).

    With ``use_directory_urls: false`` (page URLs end in .html, as in ``make offline``) the target
    becomes its file: ``a/b/`` → ``a/b.html``, a top folder ``a/`` → ``a/index.html`` (every top
    folder of this site is a section index).
    """
    if from_url.endswith(".html"):
        path, hash_, fragment = to_url.partition("#")
        if not path or path.endswith("/"):
            path = path + "index.html" if path.count("/") <= 1 else path[:-1] + ".html"
        to_url = path + hash_ + fragment
        from_url = posixpath.dirname(from_url)
    return _up(from_url) + to_url


@functools.lru_cache(maxsize=4096)
def _up(from_url: str) -> str:
    """``../`` once per folder of ``from_url`` (a few hundred distinct pages link hundreds of thousands
    of lines)."""
    return "../" * len([p for p in from_url.split("/") if p])


def outdated_before(stats: Sequence[PhraseStats], span: int = 8) -> int | None:
    """Phrases last seen this many years before the newest speech are flagged as dated."""
    years = [y for s in stats for y in s.years if y]
    return max(years) - span if years else None


def is_dated(s: PhraseStats, cutoff: int | None) -> bool:
    """较早用语: by the dated-marker evidence where there is a table; else last seen before the
    cutoff, in at least two dated speeches (one speech is no trend)."""
    if s.dating is not None:
        return s.dating.older
    dated_speeches = {ln.page.url for ln in s.lines if ln.page.year}
    last = s.years[1]
    return cutoff is not None and last is not None and last <= cutoff and len(dated_speeches) >= 2


def status(s: PhraseStats, cutoff: int | None) -> tuple[str, str]:
    """The phrase's standing for a writer today, apart from the years it is seen in this library:
    慎用 (tied to a practice current rules restrict), 较早用语 (superseded or out of use) or 现行, with
    the reason. The years of the exemplars that use a phrase say how old those texts are, not
    whether the phrase is still in use."""
    if not is_dated(s, cutoff):
        return "现行", ""
    reason = s.dating.reason if s.dating is not None and s.dating.reason else f"最晚见于{s.years[1]}年"
    return ("慎用" if "现行规定严格限制" in reason else "较早用语"), reason


def filter_keys(s: PhraseStats) -> str:
    """What the index filter matches a phrase by: its forms, their pinyin and pinyin initials."""
    from pypinyin import Style, lazy_pinyin  # imported here: loading its dictionary takes a quarter second

    keys = []
    for form in (s.text, *s.variants):
        han = han_only(form)
        keys += [form, "".join(lazy_pinyin(han)), "".join(lazy_pinyin(han, style=Style.FIRST_LETTER))]
    return " ".join(dict.fromkeys(k.lower() for k in keys if k))


def filter_form(categories: Sequence[str], what: str, example: str) -> str:
    """The filter box of an index page (``site.js``: rows ``tr[data-filter]`` with ``data-category``,
    in ``section.phrase-cat`` blocks that hide when no row of theirs is left)."""
    options = "".join(f'<option value="{ESC(c)}">{ESC(c)}</option>' for c in dict.fromkeys(categories))
    return (
        '<form class="phrase-filter" hidden data-search-exclude>'
        f'<input type="search" data-phrase-q placeholder="输入{what}、拼音或拼音首字母（如 {example}）筛选" '
        f'aria-label="筛选{what}">'
        f'<select data-phrase-category aria-label="类别"><option value="">全部类别</option>{options}</select>'
        '<span class="phrase-filter__count" data-phrase-count aria-live="polite"></span></form>'
    )


_H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>')


def toc_tokens(content: str) -> list[dict]:
    """Table-of-contents entries (``mkdocs.structure.toc.get_toc`` tokens) for the ``<h2 id>`` of a
    page whose content is made after MkDocs read its Markdown (the generated phrase pages)."""
    return [
        {"level": 2, "id": html.unescape(i), "name": name, "children": []} for i, name in _H2.findall(content)
    ]


def index_html(
    categories, stats: Sequence[PhraseStats], frames_section: str, page_url: str, downloads: dict[str, str]
) -> str:
    cutoff = outdated_before(stats)
    total = sum(1 for s in stats if s.lines)
    out = [
        "<h1>固定表述索引</h1>",
        f'<p class="phrase-lead">本索引收录范文和模板中的固定表述 {total} 条，按用途分类。'
        "每条表述列出出现次数、出现的篇数和会议类型数，以及最早、最晚出现的年份；"
        "点击表述可查看它在各篇文稿中的全部用例（关键词居中对齐，可按左邻字、右邻字排序，可按会议类型和文种筛选），"
        "每条用例都可一键跳到原文段落。标有“较早用语”的表述与已废止或受限的政策做法相关，或所见用例均出自较早年代，理由见页末列表，使用前请斟酌。</p>",
        '<p class="phrase-downloads">下载：'
        + "　".join(f'<a href="{ESC(href)}" download>{ESC(label)}</a>' for label, href in downloads.items())
        + "</p>",
    ]
    by_cat: dict[str, list[PhraseStats]] = {}
    for s in stats:
        by_cat.setdefault(s.category, []).append(s)
    shown = [cat for cat in categories if any(s.lines for s in by_cat.get(cat.name, []))]
    out.append(filter_form([cat.name for cat in shown], "表述", "gdzs"))
    for cat in shown:
        items = [s for s in by_cat.get(cat.name, []) if s.lines]
        out.append(f'<section class="phrase-cat" data-category="{ESC(cat.name)}">')
        out.append(f'<h2 id="{ESC(slugify(cat.name))}">{ESC(cat.name)}</h2>')
        if cat.description:
            out.append(f'<p class="phrase-cat-note">{ESC(cat.description)}</p>')
        out.append(
            '<table class="phrase-table"><thead><tr><th>表述</th><th>次数</th><th>篇数</th>'
            "<th>会议类型</th><th>在本库范文中的年份</th><th>状态</th></tr></thead><tbody>"
        )
        for s in items:
            c = s.counts
            first, last = s.years
            years = "不详" if first is None else (f"{first}" if first == last else f"{first}–{last}")
            label, reason = status(s, cutoff)
            badge = ""
            if label != "现行":
                badge = f' <span class="phrase-dated" title="{ESC(reason)}">{label}</span>'
            href = ESC(rel_url(page_url, "phrases/" + s.key + "/"))
            out.append(
                f'<tr data-filter="{ESC(filter_keys(s))}" data-category="{ESC(cat.name)}">'
                f'<td><a href="{href}">{ESC(s.text)}</a>{badge}</td>'
                f'<td class="num">{c["occurrences"]}</td><td class="num">{c["speeches"]}</td><td '
                f'class="num">{c["meeting_types"]}</td><td>{years}</td>'
                f'<td title="{ESC(reason)}">{label}</td></tr>'
            )
        out.append("</tbody></table></section>")
    older = [s for s in stats if s.lines and is_dated(s, cutoff)]
    if older:
        out.append('<h2 id="jiao-zao-yong-yu">较早用语</h2>')
        out.append(
            '<p class="phrase-cat-note">以下表述与已废止、已撤并或现行规定严格限制的政策和做法相关，'
            "或所见用例均出自较早年代的文稿，起草现行文稿时请斟酌使用。</p>"
            '<ul class="phrase-older">'
        )
        for s in older:
            reason = s.dating.reason if s.dating is not None and s.dating.reason else ""
            href = ESC(rel_url(page_url, "phrases/" + s.key + "/"))
            out.append(f'<li><a href="{href}">{ESC(s.text)}</a>：{ESC(reason)}</li>')
        out.append("</ul>")
    out.append(frames_section)
    return "\n".join(out)


def _kwic_cells(line: Line, page_url: str, width: int) -> tuple[str, str, str, str]:
    """Left context, key, right context and the link to the paragraph of one concordance line."""
    left, key, right = kwic(line.paragraph.text, line.start, line.end, width)
    return left, key, right, rel_url(page_url, f"{line.page.url}#{line.paragraph.anchor}")


def phrase_html(
    s: PhraseStats,
    by_key: dict[str, PhraseStats],
    page_url: str,
    width: int = 24,
    limit: int = KWIC_LIMIT,
    rest_href: str = "",
) -> str:
    """A phrase's (or a term's) page with its first ``limit`` lines; ``rest_href`` is the data file
    of the others (:func:`lines_files`), relative to the page."""
    c = s.counts
    first, last = s.years
    term = s.entry if s.section == "terms" else None
    facts = [("释义", ESC(term.definition)), ("年代", ESC(term.period) + "年")] if term is not None else []
    if term is not None and term.current:
        facts += [("状态", "现行" + ("" if s.lines else "；本库范文暂未出现")), ("出处", ESC(term.source))]
    facts += [
        ("类别", ESC(s.category)),
        ("变体", "、".join(f"「{ESC(v)}」" for v in s.variants) or "无"),
        ("出现", f"{c['occurrences']} 次，{c['speeches']} 篇，{c['meeting_types']} 类会议"),
        (
            "在本库范文中的年份",
            "不详" if first is None else ESC(f"{first}–{last}" if first != last else str(first)),
        ),
    ]
    if s.section != "terms":
        label, reason = status(s, None)
        facts.append(("状态", ESC(label + (f"：{reason}" if reason else ""))))
    out = [
        f'<h1 class="phrase-title">{ESC(s.text)}</h1>',
        f'<p class="phrase-note">{ESC(s.note)}</p>',
        '<dl class="phrase-facts">'
        + "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in facts)
        + "</dl>",
    ]
    mts = sorted({ln.page.meeting_type for ln in s.lines})
    genres = sorted({ln.page.genre for ln in s.lines})

    def select(name: str, label: str, values: list[str]) -> str:
        opts = "".join(f'<option value="{ESC(v)}">{ESC(v)}</option>' for v in values)
        choices = f'<option value="">全部</option>{opts}'
        return f'<label>{label} <select data-kwic-filter="{name}">{choices}</select></label>'

    out.append('<h2 id="kwic">全部用例</h2>')
    out.append(
        '<div class="kwic-controls" hidden data-search-exclude>'
        '<label>排序 <select data-kwic-sort><option value="order">按出处</option>'
        '<option value="left">按左邻字</option><option value="right">按右邻字</option></select></label>'
        + select("mt", "会议类型", mts)
        + select("genre", "文种", genres)
        + f'<span class="kwic-count" data-kwic-count>共 {len(s.lines)} 条</span></div>'
    )
    # The lines repeat the speeches' own text: keep them out of the search index (data-search-exclude).
    rest = ""
    if len(s.lines) > limit:
        rest = (
            f' data-kwic-total="{len(s.lines)}" data-kwic-rest="{ESC(rest_href)}"'
            f' data-kwic-key="{ESC(s.key)}"'
        )
    out.append(f'<table class="kwic" data-search-exclude{rest}><tbody>')
    budget = [COPY_BUDGET]
    for i, line in enumerate(s.lines[:limit]):
        left, key, right, href = _kwic_cells(line, page_url, width)
        copy = _copy_text(line.paragraph.copy_text, budget)
        copy_attr = f' data-copy="{ESC(copy)}"' if copy is not None else ""
        out.append(
            f'<tr data-order="{i}" data-mt="{ESC(line.page.meeting_type)}" '
            f'data-genre="{ESC(line.page.genre)}" '
            f'data-left="{ESC(left[::-1])}" data-right="{ESC(right)}"{copy_attr}>'
            f'<td class="kwic-left"><span>{ESC(left)}</span></td>'
            f'<td class="kwic-key"><a href="{ESC(href)}">{ESC(key)}</a></td>'
            f'<td class="kwic-right"><span>{ESC(right)}</span></td>'
            f'<td class="kwic-src"><a href="{ESC(href)}">{ESC(line.page.title)}</a>'
            f'<span class="kwic-meta">{ESC(line.page.meeting_type)} · {ESC(line.page.genre)}</span></td></tr>'
        )
    out.append("</tbody></table>")
    if len(s.lines) > limit:
        out.append(
            f'<p class="kwic-more" data-search-exclude>本页列出前 {limit} 条用例，共 {len(s.lines)} 条。'
            '<button type="button" class="md-button" data-kwic-more hidden>'
            f"显示其余 {len(s.lines) - limit} 条</button>"
            "<noscript>其余用例需启用浏览器的脚本后查看。</noscript></p>"
        )
    if s.neighbours:
        out.append(
            '<h2 id="neighbours">常在同一段出现的表述</h2><ul class="phrase-neighbours" data-search-exclude>'
        )
        for key, n in s.neighbours:
            other = by_key[key]
            href = ESC(rel_url(page_url, f"{other.section}/{key}/"))
            out.append(f'<li><a href="{href}">{ESC(other.text)}</a>（{n}段）</li>')
        out.append("</ul>")
    back = "返回术语索引" if s.section == "terms" else "返回固定表述索引"
    out.append(f'<p class="phrase-back"><a href="{ESC(rel_url(page_url, s.section + "/"))}">{back}</a></p>')
    return "\n".join(out)


def lines_files(
    s: PhraseStats, page_url: str, width: int = 24, start: int = KWIC_LIMIT, chunk_bytes: int = CHUNK_BYTES
) -> list[tuple[str, str]]:
    """The data files of a phrase's lines after the first ``start`` (format: module docstring), as
    ``(file name, content)``: ``<slug>.js`` and, when that would pass ``chunk_bytes``, ``<slug>-2.js`` …,
    each naming the next in ``"next"`` and holding its own ``pages`` and ``copies``, so no file grows
    with the number of a phrase's lines. Empty when the page shows them all. Links are relative to the
    phrase page at ``page_url``."""
    if len(s.lines) <= start:
        return []
    budget = [len(s.lines) * COPY_LIMIT]  # loaded on demand: only the per-paragraph limit applies
    chunks: list[dict] = []
    size = chunk_bytes  # forces a first chunk

    for index, line in enumerate(s.lines[start:], start=start):
        if size >= chunk_bytes:
            chunk = {"total": len(s.lines), "start": index, "next": None}
            chunk.update(pages=[], copies=[], rows=[])
            chunks.append(chunk)
            pages: dict[str, int] = {}
            copies: dict[tuple[str, str], int] = {}
            size = 200
        left, key, right = kwic(line.paragraph.text, line.start, line.end, width)
        if line.page.url not in pages:
            pages[line.page.url] = len(chunk["pages"])
            page = line.page
            entry = [page.title, rel_url(page_url, page.url), page.meeting_type, page.genre]
            chunk["pages"].append(entry)
            size += len(_row_json(entry).encode("utf-8"))
        where = (line.page.url, line.paragraph.anchor)
        if where not in copies:
            copies[where] = len(chunk["copies"])
            text = _copy_text(line.paragraph.copy_text, budget)
            chunk["copies"].append(text)
            size += len((text or "").encode("utf-8")) + 8
        row = [pages[line.page.url], line.paragraph.anchor, left, key, right, copies[where]]
        chunk["rows"].append(row)
        size += len(_row_json(row).encode("utf-8")) + 1
    names = [f"{s.key}.js"] + [f"{s.key}-{n}.js" for n in range(2, len(chunks) + 1)]
    for chunk, following in zip(chunks, names[1:], strict=False):
        chunk["next"] = following
    return [(name, datafile.script(name[:-3], chunk)) for name, chunk in zip(names, chunks, strict=True)]


def _row_json(row: list) -> str:
    """``json.dumps(row, ensure_ascii=False)`` of a lines row (int, four strings, int) or a page entry
    (four strings), without the encoder's set-up per call (a phrase's rows are counted one by one to
    split its data files)."""
    quote = _quote
    if len(row) == 4 and all(type(v) is str for v in row):
        return f"[{quote(row[0])}, {quote(row[1])}, {quote(row[2])}, {quote(row[3])}]"
    page, anchor, left, key, right, copy = row
    if type(page) is not int or type(copy) is not int:
        return json.dumps(row, ensure_ascii=False)
    return f"[{page}, {quote(anchor)}, {quote(left)}, {quote(key)}, {quote(right)}, {copy}]"


_quote = json.encoder.encode_basestring  # what json.dumps quotes a str with when ensure_ascii=False


def page_frames(record: PageRecord) -> list[tuple[str, str, list[str]]]:
    """The number frames of one page: (frame, paragraph anchor, members spelled out after it)."""
    texts = [p.text for p in record.paragraphs]
    return [
        (frame.text, para.anchor, frame_members(texts[i : i + 6], frame))
        for i, para in enumerate(record.paragraphs)
        for frame in find_frames(para.text)
    ]


def frames_html(records: Sequence[PageRecord], cache=None) -> str:
    """The number frames (“三个不变”) found in the speeches, with members where spelled out.

    ``cache`` (a ``speechlib.site.state.PageCache``) keeps each page's frames while its paragraphs are the
    same (anchors are hashes of the text), so a ``mkdocs serve`` rebuild looks at the edited page only.
    """
    found: dict[str, list[tuple[PageInfo, str, list[str]]]] = {}
    for record in sorted(records, key=lambda r: r.info.url):
        if cache is None:
            frames = page_frames(record)
        else:
            key = tuple(p.anchor for p in record.paragraphs)
            frames = cache.get(record.info.src_uri, key, lambda record=record: page_frames(record))
        for text, anchor, members in frames:
            found.setdefault(text, []).append((record.info, anchor, members))
    if not found:
        return ""
    rows = []
    for text, uses in sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        # A real speech spelling the frame out beats a template's nearby list.
        members = next((m for r, _, m in uses if m and r.kind == "exemplar"), None)
        members = members or next((m for _, _, m in uses if m), [])
        links = "、".join(
            f'<a href="{ESC(rel_url("phrases/", r.url + "#" + a))}">{ESC(r.title)}</a>'
            for r, a, _ in uses[:5]
        )
        more = f"等{len(uses)}处" if len(uses) > 5 else ""
        member_html = "；".join(ESC(m) for m in members) or "—"
        rows.append(
            f"<tr><td>{ESC(text)}</td><td "
            f'class="num">{len(uses)}</td><td>{member_html}</td><td>{links}{more}</td></tr>'
        )
    return (
        '<h2 id="shuzi-gaikuo-kuangjia">数字概括框架</h2>'
        '<p class="phrase-cat-note">由程序按“数字＋个/项/大/句……＋短语”的格式从范文中识别，'
        "展开内容取自原文紧随其后的“一是……二是……”等列举。</p>"
        '<table class="phrase-table"><thead><tr><th>框架</th><th>次数</th><th>展开内容</th><th>出处</th>'
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def phrases_records(stats: Sequence[PhraseStats]) -> list[dict]:
    """The records of ``phrases.json`` (format in the README), read by the search index too."""
    data = []
    for s in stats:
        first, last = s.years
        data.append(
            {
                "text": s.text,
                "variants": list(s.variants),
                "category": s.category,
                "note": s.note,
                "slug": s.key,
                "kind": "term" if s.section == "terms" else "phrase",
                "url": f"{s.section}/{s.key}/",
                "counts": s.counts,
                "first_year": first,
                "last_year": last,
                "occurrences": [
                    {"url": p.url, "anchor": para.anchor, "count": n} for p, para, n in s.paragraphs
                ],
            }
        )
    return data


def phrases_json(stats: Sequence[PhraseStats]) -> str:
    return json.dumps(phrases_records(stats), ensure_ascii=False, separators=(",", ":"))


def wordlist(texts: Sequence[str]) -> str:
    """One phrase per line, punctuation removed (input methods take no punctuation), no repeats."""
    seen: dict[str, None] = {}
    for text in texts:
        word = _PUNCT.sub("", text)
        if len(word) >= 2:
            seen.setdefault(word, None)
    return "\n".join(seen) + "\n"


def used_phrases_html(counts: Counter[str], by_key: dict, page_url: str) -> str:
    """The list of set phrases a speech uses, appended to the speech page."""
    if not counts:
        return ""
    items = "".join(
        f'<li><a href="{ESC(rel_url(page_url, "phrases/" + k + "/"))}">{ESC(by_key[k].text)}</a><span '
        f'class="phrase-n">×{n}</span></li>'
        for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], by_key[kv[0]].text))
    )
    heading = '<h2 id="phrases-used">本文使用的固定表述</h2>'
    return f'<section class="phrases-used" data-search-exclude>{heading}<ul>{items}</ul></section>'


def terms_index_html(glossary, stats: Sequence[PhraseStats], page_url: str) -> str:
    """The terms index: by topic, then category; each term with its definition, its own period
    (when the policy, body or indicator existed) and the years of its uses in the library."""
    by_key = {st.key: st for st in stats}
    keyed = [(by_key[k], e) for k, e in zip((st.key for st in stats), glossary.entries, strict=True)]
    # A term is listed when the library uses it, or when it is current (现行) and cited from its source.
    keyed = [(st, e) for st, e in keyed if st.lines or e.current]
    total = sum(1 for st, e in keyed if st.lines)
    waiting = len(keyed) - total
    out = [
        "<h1>术语索引</h1>",
        f'<p class="phrase-lead">本索引收录范文中的领域术语 {total} 条，按主题和类别排列。每条术语给出释义、'
        "它本身所属的年代（政策施行、机构存续或提法使用的年份），以及在本库文稿中的用例次数和年份；"
        "点击术语可查看全部用例。起草其他主题的文稿时，可据此辨认哪些说法只属于某一领域、某一时期。</p>",
    ]
    if waiting:
        out.append(
            f'<p class="phrase-lead">另收现行术语 {waiting} 条（标“现行”）：'
            "今天起草同一题材的文稿应当使用的提法，注明出自哪一份正式文件或会议及其年份；本库范文多写于这些提法通行之前，尚未出现的注“本库范文暂未出现”。</p>"
        )
    used = {e.category for st, e in keyed}
    out.append(filter_form([c.name for c in glossary.categories if c.name in used], "术语", "jhsy"))
    for topic in glossary.topics:
        rows_by_cat = {
            c.name: [
                (st, e) for st, e in keyed if e.topic == topic.name and e.category == c.name
            ]
            for c in glossary.categories
        }
        if not any(rows_by_cat.values()):
            continue
        out.append(f'<section class="phrase-cat" data-topic="{ESC(topic.name)}">')
        out.append(f'<h2 id="{ESC(slugify(topic.name))}">{ESC(topic.name)}</h2>')
        if topic.description:
            out.append(f'<p class="phrase-cat-note">{ESC(topic.description)}</p>')
        for category in glossary.categories:
            rows = rows_by_cat[category.name]
            if not rows:
                continue
            out.append(f'<section class="phrase-cat" data-category="{ESC(category.name)}">')
            out.append(f'<h3 id="{ESC(slugify(topic.name + "-" + category.name))}">{ESC(category.name)}</h3>')
            out.append(
                '<table class="phrase-table terms-table"><thead><tr><th>术语</th><th>释义</th><th>年代</th>'
                "<th>次数</th><th>篇数</th><th>用例年份</th></tr></thead><tbody>"
            )
            for st, entry in rows:
                first, last = st.years
                years = "不详" if first is None else (f"{first}" if first == last else f"{first}–{last}")
                href = ESC(rel_url(page_url, f"terms/{st.key}/"))
                c = st.counts
                mark, source = "", ""
                if entry.current:
                    mark = ' <span class="term-current">现行</span>'
                    source = f'<br><span class="term-source">出处：{ESC(entry.source)}</span>'
                uses = (
                    f'<td class="num">{c["occurrences"]}</td><td class="num">{c["speeches"]}</td>'
                    f"<td>{years}</td>"
                    if st.lines
                    else '<td class="num">0</td><td class="num">0</td><td>本库范文暂未出现</td>'
                )
                out.append(
                    f'<tr data-filter="{ESC(filter_keys(st))}" data-category="{ESC(category.name)}">'
                    f'<td><a href="{href}">{ESC(entry.text)}</a>{mark}</td>'
                    f"<td>{ESC(entry.definition)}{source}</td>"
                    f"<td>{ESC(entry.period)}</td>{uses}</tr>"
                )
            out.append("</tbody></table></section>")
        out.append("</section>")
    return "\n".join(out)
