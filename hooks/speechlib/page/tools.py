"""The tools bar of a speech page and the slot panel of a template page, as HTML.

Both are made at build time from escaped text only; ``docs/assets/js/copy.js`` and
``docs/assets/js/slots.js`` bring them to life (they stay ``hidden`` without JavaScript). The Word
file is made in the browser (``docs/assets/js/docx.js``) from the page's exported blocks, the title
and the lines under it given here::

    <div class="speech-tools" data-kind="exemplar" data-title="市长在全市…讲话（内江，2006年）"
         data-doc-title="市长在全市…讲话" data-doc-meta='["市长","（2006年3月1日）"]'
         data-doc-file="市长在全市…讲话.docx">
      <button class="md-button speech-tools__docx" hidden>下载 Word 文件</button>
      <span class="speech-tools__status" role="status"></span>
      <span class="speech-tools__note" hidden>…</span>   (templates)
    </div>

Slot panel, on template pages that have slots: one ``input[data-slot-input]`` per slot name in
order of first appearance, numbered instances grouped under their catalogue name (发言单位 holds
发言单位1, 发言单位2), each with the catalogue's help and example.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from speechlib.page.blocks import document_title, meta_lines
from speechlib.page.paragraphs import PageText
from speechlib.text import SLOT_RE

NOTE_FILLED = "复制的文字和下载的 Word 文件都已填入这里的内容；未填写的空白仍照原样标出。"


def word_file_name(title: str) -> str:
    """A file name from a page title: characters Windows, macOS and Linux forbid become ＿."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "＿", title).strip(" .") or "讲话"
    return name[:80] + ".docx"


@dataclass(frozen=True)
class PanelSlot:
    name: str  # between the brackets, e.g. 发言单位1
    base: str  # the catalogue name, e.g. 发言单位
    help: str
    example: str


def tools_html(title: str, kind: str, meta: list[str] | None = None) -> str:
    """The tools bar: the page's kind, the document's title and the lines under it, and the Word
    button (``docs/assets/js/docx.js`` shows it and makes the file in the browser)."""
    esc = html.escape
    doc_title = document_title(title)
    # data-search-exclude: Material's search leaves the buttons and the panel out of its index.
    parts = [
        f'<div class="speech-tools" data-kind="{esc(kind)}" data-title="{esc(title)}"'
        f' data-doc-title="{esc(doc_title)}"'
        f' data-doc-meta="{esc(json.dumps(meta or [], ensure_ascii=False))}"'
        f' data-doc-file="{esc(word_file_name(doc_title))}" data-search-exclude>',
        '<button type="button" class="md-button speech-tools__docx" hidden'
        ' title="按党政机关公文格式（GB/T 9704）排版的 Word 文件">下载 Word 文件</button>',
        '<span class="speech-tools__status" role="status" aria-live="polite"></span>',
    ]
    if kind == "template":
        parts.append(f'<span class="speech-tools__note" hidden>{esc(NOTE_FILLED)}</span>')
    parts.append("</div>\n")
    return "".join(parts)


def panel_html(slots: Iterable[PanelSlot]) -> str:
    """The slot panel; empty when the page has no slots."""
    groups: dict[str, list[PanelSlot]] = {}
    for slot in slots:
        groups.setdefault(slot.base, []).append(slot)
    if not groups:
        return ""
    esc = html.escape
    count = sum(len(v) for v in groups.values())
    out = [
        '<details class="slot-panel" hidden data-search-exclude>',
        f'<summary>填写空白 <span class="slot-panel__count">（{count} 项）</span></summary>',
        '<div class="slot-panel__intro">在这里填写一次，页面上和复制的文字里的填空项都会替换；'
        "填写的内容只保存在本机浏览器里，属于当前组稿稿件，各模板通用。</div>",
        '<div class="slot-panel__fields">',
    ]
    for base, members in groups.items():
        numbered = len(members) > 1 or members[0].name != base
        out.append(
            f'<fieldset class="slot-panel__group"><legend>{esc(base)}</legend>'
            if numbered
            else '<div class="slot-panel__group">'
        )
        for slot in members:
            hint = f"例：{slot.example}" if slot.example else ""
            out.append(
                '<label class="slot-panel__field">'
                f'<span class="slot-panel__name" title="{esc(slot.help)}">{esc(slot.name)}</span>'
                f'<input type="text" data-slot-input="{esc(slot.name)}" placeholder="{esc(hint)}"'
                ' autocomplete="off">'
                "</label>"
            )
        out.append("</fieldset>" if numbered else "</div>")
    out.append("</div>")
    out.append(
        '<div class="slot-panel__actions">'
        '<button type="button" class="md-button slot-panel__clear">清空全部填写内容</button>'
        '<span class="slot-panel__status" aria-live="polite"></span></div>'
    )
    out.append("</details>\n")
    return "\n".join(out)


def page_slots(text: PageText, catalog) -> list[PanelSlot]:
    """The page's slots (speech text only, not the notes about it), numbered ones under their base."""
    if catalog is None:
        return []
    texts = [h.text for h in text.headings] + [p.copy_text for p in text.body()]
    help_of = {s.name: s for s in catalog.slots}
    out: dict[str, PanelSlot] = {}
    for value in texts:
        for match in SLOT_RE.finditer(value):
            name = match.group(1)
            ref = catalog.lookup(name)
            if ref is None or name in out:
                continue
            entry = help_of.get(ref.base)
            help_text, example = (entry.help, entry.example) if entry else ("", "")
            out[name] = PanelSlot(name, ref.base, help_text, example)
    # Group numbered instances under their base, bases in order of first appearance.
    order = list(dict.fromkeys(s.base for s in out.values()))
    return sorted(out.values(), key=lambda s: (order.index(s.base), s.name != s.base, s.name))


def page_tools(
    url: str, title: str, kind: str, text: PageText, catalog, speaker: str | None = None, date: str = ""
) -> str:
    """The tools bar (copy, Word download) and, on a template with slots, the slot panel."""
    fragment = tools_html(title, kind, meta_lines(speaker, date) if kind == "exemplar" else [])
    if kind == "template":
        fragment += panel_html(page_slots(text, catalog))
    return fragment
