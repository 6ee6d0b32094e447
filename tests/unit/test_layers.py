"""The package's layers: no module imports from a layer above its own, and no import cycle.

Layers, bottom to top (README, "代码结构"): ``text`` → ``content`` (beside it ``cli``, the Chinese argparse) → ``page`` → ``phrases`` / ``search`` /
``export`` / ``check`` (side by side, not importing one another) → ``site``. The importer stands beside the
page layer and may use ``text`` and ``content`` only. Read from the source with ``ast``, so a new module is
checked without being listed here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "hooks" / "speechlib"

LAYER = {"text": 0, "cli": 1, "content": 1, "page": 2, "importer": 2, "phrases": 3, "search": 3, "export": 3,
         "check": 3, "site": 4}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The package modules that ``name`` imports (resolved to modules or packages that exist)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target.startswith("speechlib.") and target != name:
                found.add(target)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(name: str) -> int | None:
    parts = name.split(".")
    return LAYER.get(parts[1]) if len(parts) > 1 else None


def test_every_subpackage_has_a_layer():
    subpackages = {n.split(".")[1] for n in MODULES if n.count(".") >= 1}
    assert subpackages <= set(LAYER), f"modules outside any layer: {sorted(subpackages - set(LAYER))}"


@pytest.mark.parametrize("name", sorted(n for n in GRAPH if _layer(n) is not None))
def test_no_upward_import(name):
    own = name.split(".")[1]
    upward = []
    for target in GRAPH[name]:
        layer = _layer(target)
        if layer is None:
            continue
        other = target.split(".")[1]
        if layer > _layer(name) or (layer == _layer(name) and other != own):
            upward.append(target)
    assert not upward, f"{name} imports from a layer above or beside its own: {sorted(upward)}"


def test_no_cycle():
    # Cycles between modules inside one subpackage count too (package __init__ re-exports aside).
    edges = {n: {t for t in ts if not MODULES[t].name == "__init__.py"} for n, ts in GRAPH.items()}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " → ".join(path[path.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
