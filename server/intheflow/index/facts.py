"""FileIndex → graph facts: CodeComponent nodes and CONTAINS, CALLS, DEPENDS_ON, PART_OF edges.

Every node and edge of a file carries `Provenance(source=<relpath>, range)`, so re-indexing one
file is `store.replace_source(relpath, file_facts(...))`.

Also the `facts(root)` plug-in entry point (plugins.discover("facts")): the code facts of a whole
workspace, for capabilities that want them without a store.
"""

from __future__ import annotations

from pathlib import Path

from intheflow.core.text import Range
from intheflow.graph.model import (
    Edge,
    EdgeType,
    GraphFacts,
    Node,
    NodeLabel,
    Provenance,
    component_id,
    service_id,
)
from intheflow.index.symbols import FileIndex, Symbol
from intheflow.index.workspace import WorkspaceIndex

MAX_DOC_CHARS = 2000  # docstrings feed hovers and the taxonomy mapper; keep rows small


def _prov(relpath: str, r: Range | None) -> Provenance:
    if r is None:
        return Provenance(relpath)
    return Provenance(relpath, r.start.line, r.start.character, r.end.line, r.end.character)


def module_node(fi: FileIndex, ws: WorkspaceIndex) -> Node:
    service = ws.service_of(fi.path)
    return Node(
        id=component_id(fi.path),
        label=NodeLabel.CODE_COMPONENT,
        name=fi.module or fi.path,
        props={
            "kind": "module",
            "qualname": fi.module,
            "language": fi.language,
            "path": fi.path,
            "docstring": fi.docstring[:MAX_DOC_CHARS],
            "imports": sorted({i.module for i in fi.imports}),
            "service": service.name if service else None,
            "symbols": len(fi.symbols),
            "syntax_errors": len(fi.errors),
        },
        provenance=Provenance(fi.path),
    )


def symbol_node(fi: FileIndex, s: Symbol, service: str | None) -> Node:
    return Node(
        id=component_id(fi.path, s.qualname),
        label=NodeLabel.CODE_COMPONENT,
        name=s.name,
        props={
            "kind": s.kind,
            "qualname": s.qualname,
            "language": fi.language,
            "path": fi.path,
            "signature": s.signature,
            "docstring": s.docstring[:MAX_DOC_CHARS],
            "decorators": s.decorators,
            "calls": [c.name for c in s.calls],
            "module": fi.module,
            "service": service,
        },
        provenance=_prov(fi.path, s.range),
    )


def file_facts(fi: FileIndex, ws: WorkspaceIndex) -> GraphFacts:
    out = GraphFacts(nodes=[], edges=[])
    service = ws.service_of(fi.path)
    mod = module_node(fi, ws)
    out.nodes.append(mod)
    ids = {s.qualname: component_id(fi.path, s.qualname) for s in fi.symbols}
    imported = ws.imported_files(fi)  # once per file, not once per call
    for s in fi.symbols:
        node = symbol_node(fi, s, service.name if service else None)
        out.nodes.append(node)
        parent = ids.get(s.parent) if s.parent else None
        out.edges.append(
            Edge(parent or mod.id, node.id, EdgeType.CONTAINS, provenance=_prov(fi.path, s.range))
        )
        seen: set[str] = set()
        for call in s.calls:
            target = ws.resolve_call(fi, call.short, imported)
            if target is None:
                continue
            dst = component_id(*target)
            if dst == node.id or dst in seen:
                continue  # recursion and repeated calls add nothing to the graph
            seen.add(dst)
            out.edges.append(
                Edge(
                    node.id,
                    dst,
                    EdgeType.CALLS,
                    props={"name": call.name, "line": call.range.start.line},
                    provenance=_prov(fi.path, call.range),
                )
            )
    deps: set[str] = set()
    for imp in fi.imports:
        for dep in sorted(ws.resolve_import(fi, imp.module, imp.names)):
            if dep == fi.path or dep in deps:
                continue
            deps.add(dep)
            out.edges.append(
                Edge(
                    mod.id,
                    component_id(dep),
                    EdgeType.DEPENDS_ON,
                    props={"import": imp.module},
                    provenance=_prov(fi.path, imp.range),
                )
            )
    if service is not None:
        # The module is PART_OF its service; its symbols reach it through CONTAINS (and carry
        # the service name in props), which keeps the graph a third smaller.
        sid = service_id(service.name)
        out.edges.append(Edge(mod.id, sid, EdgeType.PART_OF, provenance=Provenance(fi.path)))
    return out


def facts(root: Path) -> GraphFacts:
    """Code facts of the whole workspace (plug-in entry point)."""
    from intheflow.index.indexer import Indexer

    indexer = Indexer(root)
    indexer.scan()
    out = GraphFacts(nodes=[], edges=[])
    for fi in indexer.index.files.values():
        out.extend(file_facts(fi, indexer.index))
    return out
