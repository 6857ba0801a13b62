"""Knowledge-graph commands:

  intheflow graph query "MATCH …" [--graph URL] [--format table|json] [--param k=v …]
  intheflow graph export [--format json|cypher|backstage] [--graph URL] [--output DIR]
  intheflow graph import-catalog PATH [--graph URL]
  intheflow taxonomy [PATH] [--graph URL] [--format table|json] [--min-confidence X]

The default graph is the SQLite file `<workspace>/.intheflow/graph.db` (workspace = --workspace or
the current folder; for `taxonomy`, PATH).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from intheflow.core.errors import UserError
from intheflow.graph.model import GraphFacts, NodeLabel
from intheflow.graph.store import GraphStore, QueryResult


def register(sub: Any) -> None:
    graph = sub.add_parser(
        "graph",
        help="query, export and import the knowledge graph",
        description="Query the knowledge graph with Cypher (see docs/cypher.md), export it, or "
        "import a Backstage catalog into it.",
    )
    gsub = graph.add_subparsers(dest="graph_command", metavar="COMMAND")
    graph.set_defaults(func=lambda _args: _usage(graph))

    q = gsub.add_parser("query", help="run a Cypher query", description="Run a Cypher query.")
    q.add_argument("cypher", help='the query, e.g. "MATCH (s:Service) RETURN s.name"')
    q.add_argument("--format", choices=["table", "json"], default="table")
    q.add_argument(
        "--sql",
        action="store_true",
        help="print the SQL the query compiles to for this store (and its parameters); run nothing",
    )
    q.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="K=V",
        help="a $parameter; V is read as JSON when it parses (1, true, [..]) else as a string",
    )
    _store_args(q)
    q.set_defaults(func=run_query)

    e = gsub.add_parser("export", help="export the graph", description="Export the graph.")
    e.add_argument("--format", choices=["json", "cypher", "backstage"], default="json")
    e.add_argument(
        "--output",
        type=Path,
        metavar="DIR",
        help="backstage: write one catalog-info.yaml per source file under DIR",
    )
    _store_args(e)
    e.set_defaults(func=run_export)

    i = gsub.add_parser(
        "import-catalog",
        help="import Backstage catalog-info.yaml files",
        description="Import a catalog-info.yaml file, or every one under a folder, replacing "
        "what the graph held from those files.",
    )
    i.add_argument("path", type=Path, help="a catalog-info.yaml file or a folder")
    i.add_argument(
        "--root",
        type=Path,
        help="folder that source paths are relative to (default: the workspace when PATH is "
        "inside it, else PATH itself or, for a file, its folder)",
    )
    _store_args(i)
    i.set_defaults(func=run_import_catalog)

    t = sub.add_parser(
        "taxonomy",
        help="map code to the business taxonomy and show term → components",
        description="Load PATH/taxonomy.yaml, map the code components in the graph to its terms "
        "(indexing PATH first if the graph has no code yet), store the IMPLEMENTS edges and "
        "print each term with its components, confidence and evidence.",
    )
    t.add_argument("path", type=Path, nargs="?", default=Path("."), help="workspace folder")
    t.add_argument("--taxonomy", type=Path, metavar="FILE", help="default: PATH/taxonomy.yaml")
    t.add_argument("--graph", metavar="URL", help="default: PATH/.intheflow/graph.db")
    t.add_argument("--format", choices=["table", "json"], default="table")
    t.add_argument("--min-confidence", type=float, default=0.0, metavar="X")
    t.set_defaults(func=run_taxonomy)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _store_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", metavar="URL", help="SQLite file or postgresql://… URL")
    p.add_argument(
        "--workspace",
        type=Path,
        default=Path("."),
        help="workspace folder of the default graph (default: current folder)",
    )


def open_graph(workspace: Path, url: str | None, *, must_exist: bool = False) -> GraphStore:
    """The store at URL (default: the workspace's SQLite file); exit 3 when Postgres is down.
    `must_exist`: reading a graph that was never built is a mistake, not an empty answer."""
    from intheflow.cli import MissingComponent
    from intheflow.graph.store import StoreError, default_graph_path, open_store

    target = url or str(default_graph_path(workspace.resolve()))
    is_pg = target.startswith(("postgresql://", "postgres://"))
    local_file = not is_pg and not target.startswith("sqlite:") and target != ":memory:"
    if must_exist and local_file and not Path(target).is_file():
        raise UserError(
            "no knowledge graph here; build it with `intheflow index PATH` (or pass --graph)",
            target,
        )
    try:
        return open_store(target)
    except StoreError as exc:
        if is_pg:
            raise MissingComponent("PostgreSQL", str(exc)) from exc
        raise UserError(str(exc), target) from exc
    except Exception as exc:
        if is_pg:
            raise MissingComponent("PostgreSQL", f"{type(exc).__name__}: {exc}") from exc
        raise


# --- graph query ------------------------------------------------------------------------------
def parse_params(items: list[str]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            raise UserError(f"--param needs K=V, got {item!r}")
        try:
            params[key] = json.loads(raw)
        except json.JSONDecodeError:
            params[key] = raw
    return params


def run_query(args: argparse.Namespace) -> int:
    from intheflow.graph.cypher import CypherError

    params = parse_params(args.param)
    store = open_graph(args.workspace, args.graph, must_exist=True)
    try:
        if args.sql:
            print(explain_sql(store, args.cypher, params))
            return 0
        result = store.query(args.cypher, params)
    except CypherError as exc:
        _show_error_line(args.cypher, exc.line, exc.column)
        raise UserError(exc.message, "<query>", exc.line, exc.column) from None
    finally:
        store.close()
    if args.format == "json":
        payload: dict[str, Any] = {"columns": result.columns, "rows": result.rows}
        if result.stats:
            payload["stats"] = result.stats
        print(json.dumps(payload, indent=2, default=str))
    else:
        print(render_table(result))
    return 0


def explain_sql(store: GraphStore, text: str, params: dict[str, Any]) -> str:
    """The SQL of a read query for the store's dialect, with its parameters."""
    from intheflow.graph.cypher import parse
    from intheflow.graph.cypher.compiler import compile_bindings, compile_read

    query = parse(text)
    pg = store.dialect.name == "postgres"
    compiled = (
        compile_bindings(query, params, pg) if query.writes else compile_read(query, params, pg)
    )
    note = "-- the MATCH part; the write clauses then run through the store\n" * bool(query.writes)
    return f"{note}{compiled.sql}\n-- parameters: {json.dumps(compiled.params, default=str)}"


def _show_error_line(text: str, line: int, column: int) -> None:
    lines = text.splitlines() or [""]
    if 1 <= line <= len(lines):
        print(f"  {lines[line - 1]}\n  {' ' * (column - 1)}^", file=sys.stderr)


def _cell(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "id" in value and "label" in value:
        return f"({value['id']}:{value['label']})"
    if isinstance(value, dict) and "type" in value and "src" in value:
        return f"[{value['src']}-{value['type']}->{value['dst']}]"
    return json.dumps(value, default=str)


def render_table(result: QueryResult) -> str:
    if not result.columns:
        changes = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in result.stats.items() if v)
        return changes or "no changes"
    cells = [[_cell(v) for v in row] for row in result.rows]
    widths = [
        min(60, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(result.columns)
    ]

    def line(values: list[str]) -> str:
        parts = [
            v if len(v) <= w else v[: w - 1] + "…" for v, w in zip(values, widths, strict=True)
        ]
        return " | ".join(p.ljust(w) for p, w in zip(parts, widths, strict=True)).rstrip()

    out = [line(result.columns), "-+-".join("-" * w for w in widths)]
    out.extend(line(r) for r in cells)
    n = len(result.rows)
    out.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(out)


# --- graph export / import-catalog ------------------------------------------------------------
def run_export(args: argparse.Namespace) -> int:
    from intheflow.graph.backstage import export_catalog, export_catalog_single

    store = open_graph(args.workspace, args.graph, must_exist=True)
    try:
        facts = store.export_facts()
    finally:
        store.close()
    if args.format == "json":
        import msgspec

        sys.stdout.write(msgspec.json.format(msgspec.json.encode(facts), indent=2).decode())
        sys.stdout.write("\n")
    elif args.format == "cypher":
        for statement in to_cypher(facts):
            print(statement)
    elif args.output is not None:
        for source, text in export_catalog(facts).items():
            dest = args.output / source
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(text, encoding="utf-8")
            print(f"wrote {dest}", file=sys.stderr)
    else:
        sys.stdout.write(export_catalog_single(facts))
    return 0


def _literal(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=True)
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {_literal(v)}" for k, v in value.items()) + "}"
    return json.dumps(str(value))


def _key(key: str) -> str:
    return key if key.isidentifier() else "`" + key.replace("`", "") + "`"


def to_cypher(facts: GraphFacts) -> list[str]:
    """One MERGE statement per node and per edge; running them rebuilds the graph."""
    out = []
    for n in facts.nodes:
        sets = [f"n.name = {_literal(n.name)}"]
        if n.props:
            sets.append(f"n += {_literal(n.props)}")
        out.append(f"MERGE (n:{_key(n.label)} {{id: {_literal(n.id)}}}) SET {', '.join(sets)}")
    for e in facts.edges:
        statement = (
            f"MATCH (a {{id: {_literal(e.src)}}}), (b {{id: {_literal(e.dst)}}}) "
            f"MERGE (a)-[r:{_key(e.type)}]->(b)"
        )
        if e.props:
            statement += f" SET r += {_literal(e.props)}"
        out.append(statement)
    return out


def run_import_catalog(args: argparse.Namespace) -> int:
    from intheflow.graph.backstage import import_catalog

    path: Path = args.path
    if not path.exists():
        raise UserError("no such file or folder", str(path))
    root: Path = args.root or (
        args.workspace
        if path.resolve().is_relative_to(args.workspace.resolve())
        else path
        if path.is_dir()
        else path.parent
    )
    facts = import_catalog(root, _catalog_files(path) if path.is_dir() else [path])
    store = open_graph(args.workspace, args.graph)
    try:
        # A placeholder must not overwrite an entity the graph already knows for real.
        facts.nodes = [
            n for n in facts.nodes if not n.props.get("placeholder") or store.get_node(n.id) is None
        ]
        by_source: dict[str, GraphFacts] = {}
        for node in facts.nodes:
            src = node.provenance.source if node.provenance else "catalog"
            by_source.setdefault(src, GraphFacts(nodes=[], edges=[])).nodes.append(node)
        for edge in facts.edges:
            src = edge.provenance.source if edge.provenance else "catalog"
            by_source.setdefault(src, GraphFacts(nodes=[], edges=[])).edges.append(edge)
        with store.transaction():
            for source, part in sorted(by_source.items()):
                store.replace_source(source, part)
        counts = store.counts()
    finally:
        store.close()
    entities = sum(1 for n in facts.nodes if not n.props.get("placeholder"))
    print(
        f"imported {entities} entities, {len(facts.edges)} relations from "
        f"{len(by_source)} file(s); graph now has {sum(counts.nodes.values())} nodes, "
        f"{sum(counts.edges.values())} edges"
    )
    return 0


def _catalog_files(folder: Path) -> list[Path]:
    from intheflow.graph.backstage import find_catalog_files

    return find_catalog_files(folder)


# --- taxonomy ---------------------------------------------------------------------------------
def run_taxonomy(args: argparse.Namespace) -> int:
    from intheflow.graph.taxonomy import (
        DEFAULT_TAXONOMY,
        MAPPING_SOURCE,
        load_taxonomy,
        map_components,
        term_facts,
    )

    root: Path = args.path
    if not root.is_dir():
        raise UserError("not a workspace folder", str(root))
    if not 0.0 <= args.min_confidence <= 1.0:
        raise UserError("--min-confidence must be between 0 and 1")
    tax_path: Path = args.taxonomy or root / DEFAULT_TAXONOMY
    if not tax_path.is_file():
        raise UserError("no taxonomy file (create taxonomy.yaml or pass --taxonomy)", str(tax_path))
    taxonomy = load_taxonomy(tax_path, _rel(tax_path, root))
    store = open_graph(root, args.graph)
    try:
        if not store.nodes(NodeLabel.CODE_COMPONENT):
            _index(root, store)
        code = GraphFacts(
            nodes=[*store.nodes(NodeLabel.CODE_COMPONENT), *store.nodes(NodeLabel.SERVICE)],
            edges=store.edges("CALLS"),
        )
        mapping = map_components(taxonomy, code)
        with store.transaction():
            store.replace_source(taxonomy.source, term_facts(taxonomy))
            store.replace_source(MAPPING_SOURCE, mapping)
    finally:
        store.close()
    rows = [e for e in mapping.edges if float(e.props["confidence"]) >= args.min_confidence]
    by_term: dict[str, list[Any]] = {}
    for edge in rows:
        by_term.setdefault(edge.dst, []).append(edge)
    if args.format == "json":
        payload = [
            {
                "term": t.name,
                "parent": t.parent,
                "components": [
                    {
                        "id": e.src,
                        "confidence": e.props["confidence"],
                        "evidence": e.props["evidence"],
                    }
                    for e in sorted(by_term.get(t.id, []), key=_rank)
                ],
            }
            for t in taxonomy.terms
        ]
        print(json.dumps(payload, indent=2))
        return 0
    depth = _depths(taxonomy.terms)
    for term in _tree_order(taxonomy.terms):
        edges = sorted(by_term.get(term.id, []), key=_rank)
        indent = "  " * depth[term.name]
        print(f"{indent}{term.name}  ({len(edges)} component{'s' if len(edges) != 1 else ''})")
        for edge in edges:
            comp = edge.src.removeprefix("component:")
            print(f"{indent}  {float(edge.props['confidence']):.2f}  {comp}")
            print(f"{indent}        {'; '.join(edge.props['evidence'])}")
    print(f"{len(rows)} IMPLEMENTS edges for {len(taxonomy.terms)} terms")
    return 0


def _rank(edge: Any) -> tuple[float, str]:
    return (-float(edge.props["confidence"]), str(edge.src))


def _depths(terms: list[Any]) -> dict[str, int]:
    parent = {t.name: t.parent for t in terms}
    out: dict[str, int] = {}
    for t in terms:
        d, p = 0, t.parent
        while p is not None and d < len(terms):
            d, p = d + 1, parent.get(p)
        out[t.name] = d
    return out


def _tree_order(terms: list[Any]) -> list[Any]:
    children: dict[str | None, list[Any]] = {}
    for t in terms:
        children.setdefault(t.parent, []).append(t)
    out: list[Any] = []

    def walk(parent: str | None) -> None:
        for t in children.get(parent, []):
            out.append(t)
            walk(t.name)

    walk(None)
    return out


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _index(root: Path, store: GraphStore) -> None:
    """Fill an empty graph with the indexer (the index capability) before mapping."""
    try:
        from intheflow.index.indexer import Indexer
    except ImportError as exc:
        raise UserError(
            "the graph has no code components; run `intheflow index PATH` first", str(root)
        ) from exc
    print(f"indexing {root} first (the graph has no code yet)…", file=sys.stderr)
    Indexer(root, store).index_workspace()
