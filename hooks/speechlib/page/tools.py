"""The tools bar of a speech page and the slot panel of a template page, as HTML.

Both are made at build time from escaped text only; ``docs/assets/js/copy.js`` and
``docs/assets/js/slots.js`` bring them to life (they stay ``hidden`` without JavaScript, except the
download link, which works without it).

Tools bar, under the metadata header of every exemplar and template::

    <div class="speech-tools" data-kind="template" data-title="推进会主持词">
      <a class="speech-tools__docx" href="%E6%8E%A8….docx" download="推进会主持词.docx">下载 Word 文件</a>
      <span class="speech-tools__note" hidden>…</span>
    </div>

Slot panel, on template pages that have slots: one ``input[data-slot-input]`` per slot name in
order of first appearance, numbered instances grouped under their catalogue name (发言单位 holds
发言单位1, 发言单位2), each with the catalogue's help and example.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from speechlib.page.paragraphs import PageText
from speechlib.text import SLOT_RE

NOTE_FILLED = "下载的 Word 文件保留方括号空白标记，不含这里填写的内容；复制的文字已替换。"


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


def tools_html(title: str, kind: str, docx_name: str | None, href: str | None = None) -> str:
    """The tools bar; ``href`` is the Word file relative to the page (default: ``docx_name``)."""
    esc = html.escape
    # data-search-exclude: Material's search leaves the buttons and the panel out of its index.
    parts = [
        f'<div class="speech-tools" data-kind="{esc(kind)}" data-title="{esc(title)}" data-search-exclude>'
    ]
    if docx_name:
        parts.append(
            f'<a class="speech-tools__docx" href="{esc(quote(href or docx_name))}"'
            f' download="{esc(docx_name)}" '
            f'title="按党政机关公文格式（GB/T 9704）排版的 Word 文件">下载 Word 文件</a>'
        )
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


def word_file(url: str, title: str) -> tuple[str, str]:
    """(site-relative path of a page's Word file, its link relative to the page).

    The file is named after the title and sits in the page's own folder (``a/b/`` for ``a/b/``);
    with ``use_directory_urls: false`` in a folder named after the page (``a/b/`` for ``a/b.html``),
    since pages of one folder may share a title.
    """
    folder = url.rstrip("/") if url.endswith("/") or not url else posixpath.splitext(url)[0]
    dest = posixpath.join(folder, word_file_name(title)).lstrip("/")
    base = url if url.endswith("/") or not url else posixpath.dirname(url)
    return dest, posixpath.relpath(dest, base.rstrip("/") or ".")


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


def page_tools(url: str, title: str, kind: str, text: PageText, catalog) -> str:
    """The tools bar (copy, Word download) and, on a template with slots, the slot panel."""
    _, href = word_file(url, title)
    fragment = tools_html(title, kind, word_file_name(title), href)
    if kind == "template":
        fragment += panel_html(page_slots(text, catalog))
    return fragment
