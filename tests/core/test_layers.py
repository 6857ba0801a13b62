"""Architecture invariants, checked over the source: only intheflow.lsp imports pygls/lsprotocol,
core packages never import the LSP adapter, and the rule engine never imports the server."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SERVER = REPO / "server" / "intheflow"
RULES = REPO / "rules" / "intheflow_rules"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_only_lsp_package_imports_pygls_and_lsprotocol() -> None:
    offenders = []
    for py in SERVER.rglob("*.py"):
        rel = py.relative_to(SERVER)
        if rel.parts[0] == "lsp" or rel.as_posix() == "commands/serve.py":
            continue
        for mod in imported_modules(py):
            if mod.split(".")[0] in {"pygls", "lsprotocol"} or mod.startswith("intheflow.lsp"):
                offenders.append(f"{rel}: {mod}")
    assert offenders == []


def test_rule_engine_does_not_import_the_server() -> None:
    offenders = [
        f"{py.relative_to(RULES)}: {mod}"
        for py in RULES.rglob("*.py")
        for mod in imported_modules(py)
        if mod.split(".")[0] == "intheflow"
    ]
    assert offenders == []
