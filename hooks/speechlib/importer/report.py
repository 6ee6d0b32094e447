"""The change report: every piece of the source the importer removes, changes or adds.

Nothing is lost silently. Each rule that touches the text records one :class:`Change`:

    kind         what the rule did: ``watermark``, ``page-marker``, ``join``, ``slip`` … (the
                 kinds are listed in ``KINDS`` with a short description)
    line         1-based line of the source file (for a .docx: its paragraph number)
    text         the source text the rule removed or replaced (for ``join``: the two line ends)
    replacement  what stands there now ("" when the text was removed)

The command line prints the changes on standard error, ``FILE:LINE: 标签（kind）：'text' -> 'replacement'``
(``LABELS`` holds the Chinese label of each kind; punctuation and spacing changes grouped per line;
warnings as ``FILE:LINE: 警告：…``), and ``--report FILE`` writes them as a JSON list
of ``{kind, line, text, replacement}`` objects.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

KINDS: dict[str, str] = {
    "pinyin": "a pinyin gloss after a character (會(huì)議 -> 會議)",
    "traditional": "a traditional character made simplified (OpenCC t2s)",
    "chunk-number": "numbers a web page put before each chunk of a flattened text (1、 2、 …)",
    "watermark": "site watermark or URL (文 章, 来源莲山, www.5ykj.com …)",
    "link-list": "a “看过…的人还看了” line and the list of links after it",
    "collection-title": "title of a collection of speeches (…(汇总5篇))",
    "intro": "an unrelated intro paragraph of the web page",
    "preamble": "other text before the first speech of a collection",
    "split": "the line that starts a speech of a collection (第一篇：…, …篇一)",
    "furniture": "web-page furniture: breadcrumb, metadata line, button label, site name",
    "decoration": "symbols around a line (★ … ★) or a line of symbols",
    "title-suffix": "what a site appends to a title (…讲话稿范文 -> …讲话)",
    "anti-copy": "a mark a site puts between two Han characters against copying",
    "hidden-name": "a gap where a name or number was taken out, made a placeholder",
    "placeholder": "a placeholder spelling made the library's (×× numbers, ××× names)",
    "page-marker": "page number or page marker (-1-, -3, 第5页 共5页)",
    "page-number": "a page number glued to a word at a page break (PIS人 / 1员)",
    "paragraph-split": "a paragraph break that the source wrote as a space",
    "join": "a hard line break inside a sentence, joined",
    "header": "title, speaker or date line, moved to the front matter",
    "slip": "an OCR or encoding slip from the reviewed table",
    "width": "full-width letters or digits made half-width (ＸＸ -> XX)",
    "punctuation": "half-width punctuation in Chinese text made full-width, quotes paired",
    "space": "a space between Chinese characters or next to a digit, removed",
    "heading": "numbered line made a heading; its closing 。 dropped",
    "stage": "stage direction marked <span class=\"stage\">",
    "wrap": "a line ending in 。 that fills the text's wrap width, joined as a PDF wrap",
    "speaker-label": "the speaker label of a dialogue script marked (男： -> **男：**)",
    "editor-note": "editor's note added where the source is cut off",
}

# What standard error calls each kind (the code stays beside it: it is the JSON report's kind).
LABELS: dict[str, str] = {
    "pinyin": "删去拼音注音", "traditional": "繁体改简体", "chunk-number": "删去分块序号",
    "watermark": "删去网站水印", "link-list": "删去相关链接", "collection-title": "删去合集标题",
    "intro": "删去网页导语", "preamble": "删去篇前文字", "split": "分篇", "furniture": "删去网页杂项",
    "decoration": "删去装饰符号", "title-suffix": "删去标题后缀", "anti-copy": "删去防复制符号",
    "hidden-name": "隐去的名称改为占位符", "placeholder": "统一占位符", "page-marker": "删去页码",
    "page-number": "删去粘连的页码", "paragraph-split": "分段", "join": "接行",
    "header": "移入页首信息", "slip": "改正错字", "width": "全角改半角", "punctuation": "改标点",
    "space": "删去空格", "heading": "标为标题", "stage": "标为现场反应", "wrap": "接上 PDF 折行",
    "speaker-label": "标出说话人", "editor-note": "加编者注",
}
assert set(LABELS) == set(KINDS)

# Kinds that are many small edits; standard error shows them grouped per line.
GROUPED = ("punctuation", "space", "width", "traditional")


@dataclass(frozen=True)
class Change:
    kind: str
    line: int
    text: str
    replacement: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Report:
    """Changes and warnings of one import, in the order the rules made them."""

    changes: list[Change] = field(default_factory=list)
    warnings: list[tuple[int | None, str]] = field(default_factory=list)

    def add(self, kind: str, line: int, text: str, replacement: str = "") -> None:
        assert kind in KINDS, kind
        self.changes.append(Change(kind, line, text, replacement))

    def warn(self, message: str, line: int | None = None) -> None:
        self.warnings.append((line, message))

    def sorted_changes(self) -> list[Change]:
        return sorted(self.changes, key=lambda c: c.line)

    def as_json(self) -> list[dict[str, object]]:
        return [c.as_dict() for c in self.sorted_changes()]

    def lines(self, name: str) -> list[str]:
        """Human-readable report lines for standard error."""
        out: list[tuple[int, str]] = []
        grouped: dict[tuple[int, str], list[Change]] = defaultdict(list)
        for change in self.sorted_changes():
            if change.kind in GROUPED:
                grouped[(change.line, change.kind)].append(change)
                continue
            out.append((change.line, f"{name}:{change.line}: {_kind(change.kind)}："
                        f"{_show(change.text)} -> {_show(change.replacement)}"))
        for (line, kind), changes in grouped.items():
            counts: dict[tuple[str, str], int] = defaultdict(int)
            for c in changes:
                counts[(c.text, c.replacement)] += 1
            parts = [f"{_show(t)} -> {_show(r)}" + (f" x{n}" if n > 1 else "")
                     for (t, r), n in counts.items()]
            out.append((line, f"{name}:{line}: {_kind(kind)}：" + "；".join(parts)))
        out.sort(key=lambda item: item[0])
        lines = [text for _, text in out]
        for line, message in self.warnings:
            where = f"{name}:{line}" if line else name
            lines.append(f"{where}: 警告：{message}")
        return lines


def _kind(kind: str) -> str:
    return f"{LABELS[kind]}（{kind}）"


def _show(text: str, limit: int = 60) -> str:
    text = text.replace("\n", "⏎")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "'" + text + "'"
