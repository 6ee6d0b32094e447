"""One import: from decoded source text to rendered exemplar pages and the change report.

Two input forms:

* **plain text** (a .txt or .docx): the line rules (:mod:`.cleaning`), the split into speeches
  (:mod:`.splitting`), for each speech the header (:mod:`.inference`), joined paragraphs and
  headings, text rules and editor's notes (:mod:`.paragraphs`), then front matter and rendering;
* **an exemplar page** (text starting with ``---`` front matter, as the importer writes it): its
  front matter is kept, fields it lacks are inferred from its title, and its body goes through
  the same heading, text and note rules. Importing a page the importer wrote returns it unchanged.

Command-line options override both inference and front matter. A field the importer cannot
infer is left out, with a warning naming the option that supplies it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.dating import contradiction, period_from_text
from ..text import chinese_numeral, split_front_matter
from . import inference as inf
from . import markdown as md
from .cleaning import clean_lines
from .errors import InputError
from .model import ContentModel, check_date, markers
from .paragraphs import Block, Spans, build_blocks, clean_text, finish_blocks
from .paragraphs import clean_lines as clean_speech_lines
from .report import Report
from .splitting import Chunk, split_speeches


@dataclass
class Options:
    """Front-matter values given on the command line (vocabulary values as labels)."""

    meeting_type: str | None = None
    genre: str | None = None
    level: str | None = None
    date: str | None = None
    source: str | None = None

    def values(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v}


@dataclass
class Page:
    meta: dict[str, Any]
    blocks: list[Block]
    spans: Spans
    line: int  # first source line of the speech
    text: str = ""


@dataclass
class Result:
    name: str
    pages: list[Page] = field(default_factory=list)
    report: Report = field(default_factory=Report)


def import_text(text: str, name: str, model: ContentModel, options: Options | None = None,
                ) -> Result:
    """Import ``text`` (decoded source named ``name``); raise InputError if a speech is empty."""
    options = options or Options()
    result = Result(name)
    front = md.split_front_matter(text, name)
    if front:
        meta, body, first_line = front
        spans = Spans()
        blocks = md.parse_body(body, first_line, spans)
        blocks = _title_from_h1(blocks, meta, result.report)
        result.pages.append(_page(meta, blocks, spans, first_line, [], body, model, options,
                                  result.report))
        return result
    lines = clean_lines(text, result.report)
    if not lines:
        raise InputError(name, "去掉页码和网页残留后没有剩下任何文字；请检查是否选错了文件")
    chunks = split_speeches(lines, result.report)
    for number, chunk in enumerate(chunks, 1):
        result.pages.append(_speech(chunk, number, len(chunks), name, model, options,
                                    result.report))
    return result


def _speech(chunk: Chunk, number: int, count: int, name: str, model: ContentModel,
            options: Options, report: Report) -> Page:
    first_line = chunk.marker_line or (chunk.lines[0].no if chunk.lines else 1)
    header, lines = inf.take_header(chunk.lines, report)
    spans = Spans()
    blocks = build_blocks(clean_speech_lines(lines, spans, report), spans, report)
    if not any(b.kind == "para" for b in blocks):
        raise InputError(name, f"第{number}篇（共{count}篇）标题之后没有正文；"
                         "请检查该篇是否残缺、分篇标记是否有误",
                         first_line)
    marker_title = chunk.marker.title if chunk.marker else None
    title, title_role, title_source = inf.choose_title(header, marker_title)
    meta: dict[str, Any] = {}
    if title:
        meta["title"] = clean_text(title, header.line_of.get(title_source, first_line), report)
    meta["kind"] = "exemplar"
    speaker = inf.speaker_role(header.speaker_lines[-1]) if header.speaker_lines else title_role
    if speaker:
        meta["speaker"] = speaker
    if header.date_text:
        meta["date"] = inf.parse_date(header.date_text)
    source_name = Path(name).name if name != "<stdin>" else None
    if source_name:
        where = f"第{chinese_numeral(number)}篇" if chunk.marker else ""
        remark = f"（{header.date_remark}）" if header.date_remark else ""
        meta["source"] = f"导入自 {source_name}" + (f" {where}" if where else "") + remark
    elif header.date_remark:
        report.warn(f"日期行的附注“{header.date_remark}”未保留；"
                    "如需保留，请写入 source（来源）字段", first_line)
    titles = header.titles + ([marker_title] if marker_title else [])
    body_text = "".join(b.text for b in blocks)
    return _page(meta, blocks, spans, first_line, titles, body_text, model, options, report)


def _page(meta: dict[str, Any], blocks: list[Block], spans: Spans, line: int,
          titles: list[str], body_text: str, model: ContentModel, options: Options,
          report: Report) -> Page:
    """Finish the blocks, infer what the front matter lacks, apply options, render."""
    blocks = finish_blocks(blocks, spans, report)
    texts = [t for t in [*titles, str(meta.get("title") or "")] if t]
    if not meta.get("genre"):
        genre, why = inf.genre_evidence(texts)
        if genre:
            meta["genre"] = genre
        if why:
            report.warn(why, line)
    if not meta.get("meeting_type"):
        slug, why = inf.meeting_type_evidence(texts, lambda s: model.label("meeting_type", s))
        if slug:
            meta["meeting_type"] = model.label("meeting_type", slug)
        if why:
            report.warn(why, line)
    if not meta.get("level"):
        level, why = inf.infer_level(texts, meta.get("speaker"), body_text)
        if level:
            meta["level"] = level
            if "正文" in why:
                report.warn(f"层级“{level}”据{why}推断，请核对", line)
    if meta.get("date"):
        try:
            check_date(str(meta["date"]))
        except ValueError:
            report.warn(f"原文日期“{meta['date']}”不是有效日期，未写入页首；请用 --date 指定",
                        line)
            del meta["date"]
    meta.update(options.values())
    meta.setdefault("kind", "exemplar")
    if "date" not in options.values():
        _propose_period(meta, body_text, line, report)
    _warn_missing(meta, model, line, report)
    page = Page(meta, blocks, spans, line)
    page.text = md.render_page(meta, blocks, spans, model.fields)
    return page


def _propose_period(meta: dict[str, Any], body_text: str, line: int, report: Report) -> None:
    """A date the text contradicts, or none at all: date 不详 and the period its dated markers allow.

    Source websites put the year they republish a speech in place of its own (DOMAIN.md), so a year
    in the text is evidence, not proof; bodies, plans and policies named in the text date it
    (``data/dated_markers.yml``, :mod:`speechlib.dating`). Both decisions are reported.
    """
    table = markers()
    if table is None or meta.get("period"):
        return
    date = str(meta["date"]) if meta.get("date") else None
    problem = contradiction(date, None, body_text, table) if date else None
    if date and not problem:
        return
    estimate = period_from_text(body_text, table)
    if estimate is None:
        return
    if problem:
        report.warn(f"原文日期 {date} 与正文不符（{estimate.basis()}），转载网站常把年份改成转载当年；"
                    "日期改写为“不详”，并推定年代", line)
    meta["date"] = "不详"
    meta["period"] = estimate.period()
    meta["period_basis"] = estimate.basis()
    report.warn(f"据正文中的机构、规划、政策推定年代为 {meta['period']}，请核对", line)


FIELD_NAMES = {"title": "标题", "meeting_type": "会议类型", "genre": "文种", "level": "层级",
               "date": "日期", "source": "来源", "speaker": "讲话人"}
_OPTION_OF = {"meeting_type": "--meeting-type", "genre": "--genre", "level": "--level",
              "date": "--date", "source": "--source"}


def _warn_missing(meta: dict[str, Any], model: ContentModel, line: int, report: Report) -> None:
    for name in model.required_for(str(meta.get("kind", "exemplar"))):
        if not meta.get(name):
            how = f"，或导入时用 {_OPTION_OF[name]} 指定" if name in _OPTION_OF else ""
            report.warn(f"未能推断{FIELD_NAMES.get(name, name)}，页首没有 {name}: 字段；"
                        f"请在页首补上{how}，否则构建网站时会报错", line)


def _title_from_h1(blocks: list[Block], meta: dict[str, Any], report: Report) -> list[Block]:
    """A level-1 heading in a page body is its title (the theme shows the title)."""
    out = []
    for block in blocks:
        if block.kind == "heading" and block.level == 1:
            if not meta.get("title"):
                meta["title"] = block.text
                report.add("header", block.line, "# " + block.text, "title: " + block.text)
                continue
            report.warn("正文中有一级标题（#），已改为二级标题（##）", block.line)
            block.level = 2
        out.append(block)
    return out


def strip_markup(page_text: str) -> str:
    """The body of a rendered page without editor's notes and tags (for tests and checks)."""
    body = split_front_matter(page_text)[1]
    body = re.sub(r'<span class="editor-note">[^<]*</span>', "", body)
    return re.sub(r"<[^>]+>", "", body)
