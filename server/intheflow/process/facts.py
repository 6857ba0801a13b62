"""Knowledge-graph facts of process models: BusinessProcess nodes, IMPLEMENTS edges from the
code that implements their service tasks, HAS_RULE edges to the rules their decisions use.

The code behind a service task is found by name: a Python `def <function>` (module level or a
method) or a Go/Java function of the same name in camelCase/PascalCase, anywhere in the
workspace. Ids follow graph/model.py, so these edges meet the indexer's CodeComponent nodes.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from intheflow.graph.model import (
    Edge,
    EdgeType,
    GraphFacts,
    Node,
    NodeLabel,
    Provenance,
    component_id,
    process_id,
    rule_id,
)
from intheflow.process.decisions import guarded_processes, load_guards, read_dmn
from intheflow.process.loader import is_model_path, read_model
from intheflow.process.model import NodeType, walk_nodes

_SKIP_DIRS = frozenset({".git", ".intheflow", "node_modules", ".venv", "__pycache__", "target"})
_CODE_SUFFIXES = (".py", ".go", ".java")
_PY_DEF = re.compile(r"^(?P<indent>[ \t]*)(?:async\s+)?def\s+(?P<name>\w+)\s*\(", re.M)
_PY_CLASS = re.compile(r"^class\s+(?P<name>\w+)", re.M)
_GO_FUNC = re.compile(r"^func\s+(?:\((?P<recv>[^)]*)\)\s*)?(?P<name>\w+)\s*\(", re.M)
_JAVA_METHOD = re.compile(
    r"^\s+(?:public|protected|private|static|final|\s)+[\w<>\[\], ]+\s+(?P<name>\w+)\s*\(", re.M
)


def _walk(root: Path) -> list[Path]:
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS)
        out.extend(Path(dirpath) / f for f in sorted(filenames))
    return out


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def code_definitions(root: Path, files: list[Path]) -> dict[str, list[tuple[str, str, int]]]:
    """Function name (snake_case as in BPMN) → [(relpath, qualname, 0-based line)]."""
    found: dict[str, list[tuple[str, str, int]]] = {}
    for path in files:
        if not path.name.endswith(_CODE_SUFFIXES):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        rel = path.relative_to(root).as_posix()
        if path.suffix == ".py":
            classes = [(m.start(), m.group("name")) for m in _PY_CLASS.finditer(text)]
            for m in _PY_DEF.finditer(text):
                name = m.group("name")
                qual = name
                if m.group("indent"):
                    owner = [c for pos, c in classes if pos < m.start()]
                    if not owner:
                        continue
                    qual = f"{owner[-1]}.{name}"
                line = text.count("\n", 0, m.start())
                found.setdefault(name, []).append((rel, qual, line))
        else:
            pattern = _GO_FUNC if path.suffix == ".go" else _JAVA_METHOD
            for m in pattern.finditer(text):
                name = m.group("name")
                snake = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
                line = text.count("\n", 0, m.start())
                found.setdefault(snake, []).append((rel, name, line))
    return found


def facts(root: Path) -> GraphFacts:
    out = GraphFacts(nodes=[], edges=[])
    files = _walk(root)
    models = [p for p in files if is_model_path(p)]
    if not models:
        return out
    code = code_definitions(root, files)
    seen: set[str] = set()  # a process in both forms (.bpmn and .process.json) counts once
    for path in sorted(models, key=lambda p: (not p.name.endswith(".bpmn"), str(p))):
        rel = path.relative_to(root).as_posix()
        parsed = read_model(path)
        if parsed.definitions is None:
            continue
        folder_rules = _folder_rules(root, path.parent)
        for proc in parsed.definitions.processes:
            if proc.id in seen:
                continue
            seen.add(proc.id)
            nodes = walk_nodes(proc)
            functions = sorted({n.function for n in nodes if n.function})
            decisions = sorted({n.decision for n in nodes if n.decision})
            pid = process_id(proc.id)
            out.nodes.append(
                Node(
                    id=pid,
                    label=NodeLabel.BUSINESS_PROCESS,
                    name=proc.name or proc.id,
                    props={
                        "file": rel,
                        "process": proc.id,
                        "functions": functions,
                        "decisions": decisions,
                        "user_tasks": sorted(n.id for n in nodes if n.type == NodeType.USER_TASK),
                    },
                    provenance=Provenance(rel, parsed.lines.get(proc.id, 0)),
                )
            )
            for n in nodes:
                if not n.function:
                    continue
                for crel, qual, line in code.get(n.function, []):
                    out.edges.append(
                        Edge(
                            src=component_id(crel, qual),
                            dst=pid,
                            type=EdgeType.IMPLEMENTS,
                            props={"task": n.id, "function": n.function, "code_line": line},
                            provenance=Provenance(rel, parsed.lines.get(n.id, 0)),
                        )
                    )
            for decision in decisions:
                for rid, rrel in folder_rules.get(decision, []):
                    out.edges.append(
                        Edge(
                            src=pid,
                            dst=rule_id(rrel, rid),
                            type=EdgeType.HAS_RULE,
                            props={"decision": decision},
                            provenance=Provenance(rel),
                        )
                    )
            for rid, rrel in folder_rules.get(f"guards:{proc.id}", []):
                out.nodes.append(
                    Node(
                        id=rule_id(rrel, rid),
                        label=NodeLabel.RULE,
                        name=rid,
                        props={"kind": "process guard", "process": proc.id},
                        provenance=Provenance(rrel),
                    )
                )
                out.edges.append(
                    Edge(
                        src=pid,
                        dst=rule_id(rrel, rid),
                        type=EdgeType.HAS_RULE,
                        props={"guard": True},
                        provenance=Provenance(rrel),
                    )
                )
    return out


def _folder_rules(root: Path, folder: Path) -> dict[str, list[tuple[str, str]]]:
    """Decision id → [(rule id, rule-set relpath)], plus `guards:<process>` for guard rules."""
    rules: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(folder.glob("*.dmn")):
        rel = path.relative_to(root).as_posix()
        tables, _ = read_dmn(path.read_bytes(), rel)
        for t in tables:
            rules[t.decision] = [(r.id, rel) for r in t.rules]
    for path in sorted(folder.glob("*.guards.json")):
        rel = path.relative_to(root).as_posix()
        guards, errors = load_guards(path.read_text(encoding="utf-8"), rel)
        if guards is not None and not errors:
            for pid in guarded_processes(path):
                rules[f"guards:{pid}"] = [(rid, rel) for rid in guards.rule_ids]
    return rules
