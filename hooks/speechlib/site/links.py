"""Links to paragraphs that survive an edit of the paragraph.

A paragraph's anchor is a hash of its text (:func:`speechlib.page.paragraphs.paragraph_id`), so
correcting one character of an exemplar paragraph moves its anchor and breaks every link to it
(``[范文出处](../../x/exemplars/y.md#p-4ccadfa1)``). The ledger ``data/paragraph_links.yml`` keeps
the text of every linked paragraph::

    tuijinhui/exemplars/xian-tuijinhui-jianghua.md:   # the linked page (docs-relative)
      p-4ccadfa1: 我们也要清醒地看到……                 # anchor: the paragraph's text when linked

Build (:func:`record_page` and :func:`add_aliases` per page, :func:`check` when every page is rendered)
    A linked anchor that is gone from its page is looked up in the ledger; the paragraph of the page
    nearest to its old text (:func:`nearest`, similarity at least :data:`SAME_PARAGRAPH`) gets the old
    anchor as an alias (``<span id="p-old" class="para-alias">`` at its start), so the link keeps
    working and the build passes; it says which link to update with ``make links``. A link whose
    paragraph is gone (no paragraph near enough, or its text never recorded) is one error naming the
    linking line, the old text and the nearest paragraphs with their anchors.

``make links`` (:func:`main`, ``scripts/fix_links.py``)
    Rewrites each such link in its source file to the paragraph's new anchor, records every linked
    paragraph's text in the ledger (new links included) and prints what it did, one line per change.
"""

from __future__ import annotations

import difflib
import posixpath
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from speechlib import cli
from speechlib.content import datafiles
from speechlib.text import SourceError, anchor_key, load_yaml

# Similarity (difflib ratio of the anchor texts) above which an edited paragraph is the same one.
SAME_PARAGRAPH = 0.8
# Texts compared are cut to this length: similarity of two long paragraphs is decided by their start.
COMPARE_CHARS = 2000
LINK_RE = re.compile(r"\]\(\s*<?([^()\s<>#]+\.md)#(p-[0-9a-f]{8}(?:-\d+)?)>?")
HEADER = (
    "# 模板等页面链接到的范文段落：锚点和链接时的段落原文。由 make links（scripts/fix_links.py）维护，不必手改。\n"
    "# 范文段落改了字，构建仍按这里的原文找到改动后的段落，旧链接照常可用；make links 再把链接改成新锚点。\n"
)


@dataclass(frozen=True)
class Link:
    source: str  # docs-relative path of the page that links
    line: int
    target: str  # docs-relative path of the linked page
    anchor: str


@dataclass
class Candidate:
    id: str
    text: str
    score: float


@dataclass
class LinkState:
    """The ledger of one build and what the pages made of it."""

    ledger: dict[str, dict[str, str]] = field(default_factory=dict)
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)  # page -> old anchor -> new anchor
    paragraphs: dict[str, list] = field(default_factory=dict)  # page -> its paragraph model's paragraphs
    anchor_sets: dict[str, set] = field(default_factory=dict)  # page -> MkDocs' present_anchor_ids
    sources: dict[str, str] = field(default_factory=dict)  # hand-written pages' Markdown, to find links


def load_ledger(root: Path) -> LinkState:
    path = datafiles.path(root, "links")
    if not path.exists():
        return LinkState()
    display = datafiles.display("links")
    _, data = load_yaml(path.read_text(encoding="utf-8"), display)
    if data is None:
        return LinkState()
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise SourceError(display, 1, "应为“页面路径: {锚点: 段落原文}”的形式；请运行 make links 重新生成该文件")
    return LinkState({str(k): {str(a): str(t) for a, t in v.items()} for k, v in data.items()})


def write_ledger(root: Path, ledger: dict[str, dict[str, str]]) -> None:
    data = {page: dict(sorted(ledger[page].items())) for page in sorted(ledger) if ledger[page]}
    text = yaml.safe_dump(data, allow_unicode=True, width=10_000, sort_keys=False, default_flow_style=False)
    datafiles.path(root, "links").write_text(HEADER + text, encoding="utf-8")


def similarity(a: str, b: str) -> float:
    a, b = anchor_key(a)[:COMPARE_CHARS], anchor_key(b)[:COMPARE_CHARS]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.3 or matcher.quick_ratio() < 0.3:
        return matcher.quick_ratio() * 0.5
    return matcher.ratio()


def nearest(old_text: str, paragraphs: list[tuple[str, str]], n: int = 3) -> list[Candidate]:
    """The paragraphs (id, text) most like ``old_text``, best first."""
    scored = [Candidate(pid, text, similarity(old_text, text)) for pid, text in paragraphs if pid]
    return sorted(scored, key=lambda c: -c.score)[:n]


def same_paragraph(old_text: str, paragraphs: list[tuple[str, str]]) -> Candidate | None:
    """The paragraph that ``old_text`` became after an edit, or None when none is near enough."""
    best = nearest(old_text, paragraphs, 2)
    if not best or best[0].score < SAME_PARAGRAPH:
        return None
    if len(best) > 1 and best[1].score >= best[0].score - 0.02:
        return None  # two paragraphs equally near: a person must choose
    return best[0]


def find_links(src_uri: str, source: str) -> list[Link]:
    """Every link to a paragraph anchor of another page in a Markdown source, with its line."""
    out = []
    base = posixpath.dirname(src_uri)
    for number, line in enumerate(source.split("\n"), 1):
        for match in LINK_RE.finditer(line):
            href = match.group(1)
            if "://" in href or href.startswith("/"):
                continue
            target = posixpath.normpath(posixpath.join(base, href))
            out.append(Link(src_uri, number, target, match.group(2)))
    return out


def short(text: str, limit: int = 40) -> str:
    text = re.sub(r"\s+", "", text)
    return text if len(text) <= limit else text[:limit] + "……"


def broken_message(docs: str, link: Link, old_text: str | None, paragraphs: list[tuple[str, str]]) -> str:
    where = f"{docs}{link.source}:{link.line}"
    head = f"{where}: 链接 {link.target}#{link.anchor} 指向的段落已不在该页"
    if old_text is None:
        return (
            f"{head}（该链接未登记，不知原段落文字）；请打开 {docs}{link.target} 找到要链接的段落，"
            "把锚点改为该段的 id（页面上段落右侧的 ¶ 链接），再运行 make links 登记"
        )
    candidates = nearest(old_text, paragraphs)
    listed = "；".join(f"{c.id}「{short(c.text, 24)}」（相似度 {c.score:.0%}）" for c in candidates) or "（该页没有正文段落）"
    return (
        f"{head}。原段落：「{short(old_text, 60)}」。最接近的段落：{listed}。"
        "如段落是被删去或改写了，请把链接改为上面的一个锚点，或删去这条链接，然后运行 make links"
    )


# --- the build ---------------------------------------------------------------------------------


def record_page(state: LinkState, src_uri: str, paragraphs, anchor_ids) -> bool:
    """Record a page's paragraphs (the list itself, kept by the build anyway: not a copy of every
    paragraph's id and text); whether links to it are in the ledger (:func:`add_aliases` has work)."""
    state.paragraphs[src_uri] = paragraphs
    if anchor_ids is not None:
        state.anchor_sets[src_uri] = anchor_ids
    return bool(state.ledger.get(src_uri))


def add_aliases(state: LinkState, src_uri: str, html: str, paragraphs, anchor_ids) -> str:
    """Give edited paragraphs of this page their old anchors as aliases (a page :func:`record_page`
    found linked to)."""
    recorded = state.ledger.get(src_uri)
    if not recorded:
        return html
    own = _own(paragraphs)
    present = {pid for pid, _ in own}
    aliases = {}
    for old, text in recorded.items():
        if old in present:
            continue
        match = same_paragraph(text, own)
        if match is not None:
            aliases[old] = match.id
    state.aliases[src_uri] = aliases
    for old, new in aliases.items():
        opening = re.search(rf'<p id="{re.escape(new)}"[^>]*>', html)
        if opening is None:
            continue
        html = html[: opening.end()] + f'<span id="{old}" class="para-alias"></span>' + html[opening.end() :]
        if anchor_ids is not None:
            anchor_ids.add(old)
    return html


def _own(paragraphs) -> list[tuple[str, str]]:
    """(id, text) of each paragraph with an id."""
    return [(p.id, p.text) for p in paragraphs if p.id]


def check(state: LinkState, sources: dict[str, str], docs: str, report, info) -> None:
    """Every paragraph link of every page: a link to an alias is reported as information (make links
    mends it); a link to a paragraph that is gone is an error (``report``)."""
    moved = unregistered = 0
    for src_uri in sorted(sources):
        for link in find_links(src_uri, sources[src_uri]):
            paragraphs = state.paragraphs.get(link.target)
            if paragraphs is None:
                continue  # not a speech page: MkDocs checks the link
            paragraphs = _own(paragraphs)
            ids = {pid for pid, _ in paragraphs}
            old_text = state.ledger.get(link.target, {}).get(link.anchor)
            if old_text is None and link.anchor in ids:
                unregistered += 1
            if link.anchor in ids:
                continue
            new = state.aliases.get(link.target, {}).get(link.anchor)
            if new is not None:
                moved += 1
                info(
                    f"{docs}{link.source}:{link.line}: 所链接的段落改动过，旧锚点 {link.anchor} 暂作别名指向 {new}；"
                    "运行 make links 把链接改为新锚点"
                )
                continue
            report(broken_message(docs, link, old_text, paragraphs))
            anchors = state.anchor_sets.get(link.target)
            if anchors is not None:
                anchors.add(link.anchor)  # one message, ours: MkDocs need not repeat it in English
    if unregistered:
        info(f"有 {unregistered} 个段落链接尚未登记到 {datafiles.display('links')}；运行 make links 登记，段落改字后链接才能自动跟上")
    if moved:
        info(f"共 {moved} 个链接指向改动过的段落，暂由旧锚点别名维持；运行 make links 改写")


# --- make links --------------------------------------------------------------------------------


def _speech_paragraphs(root: Path, docs_dir: Path) -> dict[str, list[tuple[str, str]]]:
    from speechlib.page.paragraphs import MarkdownReader

    reader = MarkdownReader(root / "mkdocs.yml")
    pages = {}
    for path in sorted(docs_dir.glob("*/*/*.md")):
        if path.parent.name not in ("exemplars", "templates"):
            continue
        uri = path.relative_to(docs_dir).as_posix()
        pages[uri] = [(p.id, p.text) for p in reader.read(path.read_text(encoding="utf-8")).paragraphs if p.id]
    return pages


def fix(root: Path, write: bool = True, out=print) -> int:
    """Mend and register every paragraph link of the project at ``root``; the number of errors."""
    docs_dir = root / "docs"
    docs = docs_dir.name + "/"
    state = load_ledger(root)
    pages = _speech_paragraphs(root, docs_dir)
    ledger: dict[str, dict[str, str]] = {}
    errors = changed = 0
    for path in sorted(docs_dir.rglob("*.md")):
        src_uri = path.relative_to(docs_dir).as_posix()
        source = path.read_text(encoding="utf-8")
        lines = source.split("\n")
        edited = False
        for link in find_links(src_uri, source):
            paragraphs = pages.get(link.target)
            if paragraphs is None:
                continue
            texts = dict(paragraphs)
            if link.anchor in texts:
                ledger.setdefault(link.target, {})[link.anchor] = texts[link.anchor]
                continue
            old_text = state.ledger.get(link.target, {}).get(link.anchor)
            match = same_paragraph(old_text, paragraphs) if old_text else None
            if match is None:
                errors += 1
                out(broken_message(docs, link, old_text, paragraphs))
                if old_text is not None:  # keep the old text for the next attempt
                    ledger.setdefault(link.target, {})[link.anchor] = old_text
                continue
            line = lines[link.line - 1]
            lines[link.line - 1] = line.replace(f".md#{link.anchor}", f".md#{match.id}")
            edited = True
            changed += 1
            ledger.setdefault(link.target, {})[match.id] = match.text
            out(
                f"{docs}{src_uri}:{link.line}: {link.anchor} → {match.id}"
                f"（{link.target}：「{short(old_text)}」改为「{short(match.text)}」）"
            )
        if edited and write:
            path.write_text("\n".join(lines), encoding="utf-8")
    registered = sum(len(v) for v in ledger.values())
    if write:
        write_ledger(root, ledger)
    verb = "已改写" if write else "需改写"
    out(f"{verb} {changed} 个链接；登记段落链接 {registered} 个（{datafiles.display('links')}）；无法自动修复 {errors} 个")
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(
        "fix_links.py",
        "把指向已改动范文段落的链接改为新锚点，并把所有段落链接登记到 data/paragraph_links.yml。",
        epilog="退出状态：0 全部链接有效；1 有链接无法自动修复（逐条列出）；2 文稿或数据文件有错。",
    )
    root = Path(__file__).resolve().parents[3]
    parser.add_argument("--root", type=Path, default=root, metavar="目录", help="项目目录（mkdocs.yml 所在的文件夹）")
    parser.add_argument("--check", action="store_true", help="只检查并列出要改的链接，不写任何文件")
    args = parser.parse_args(argv)
    try:
        errors = fix(args.root, write=not args.check)
    except SourceError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 1 if errors else 0
