"""`intheflow index PATH [--graph URL]`: index a workspace into the knowledge graph."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from intheflow.core.errors import UserError


def register(sub: Any) -> None:
    p = sub.add_parser(
        "index",
        help="index a workspace (code, catalog, taxonomy) into the knowledge graph",
        description="Extract modules, classes, functions, imports and calls from Python, Go, "
        "Java, Rust, JavaScript/TypeScript and COBOL, add every capability's facts and the "
        "taxonomy mapping, and write the knowledge graph. Prints counts per node and edge type.",
    )
    p.add_argument("path", type=Path, help="workspace folder")
    p.add_argument(
        "--graph",
        metavar="URL",
        help="graph store: a SQLite file or postgresql://… (default: PATH/.intheflow/graph.db)",
    )
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=run)


def open_graph(root: Path, url: str | None) -> Any:
    """Open the graph store; an unreachable database is a missing component (exit 3)."""
    from intheflow.cli import MissingComponent
    from intheflow.graph.store import StoreError, default_graph_path, open_store

    target = url or str(default_graph_path(root))
    try:
        return open_store(target)
    except StoreError as exc:
        if target.startswith(("postgresql://", "postgres://")):
            raise MissingComponent("PostgreSQL", str(exc)) from exc
        raise UserError(str(exc), target) from exc
    except Exception as exc:  # psycopg raises its own errors for unreachable servers
        if target.startswith(("postgresql://", "postgres://")):
            raise MissingComponent("PostgreSQL", f"{type(exc).__name__}: {exc}") from exc
        raise


def run(args: argparse.Namespace) -> int:
    from intheflow.index.indexer import Indexer

    root: Path = args.path
    if not root.exists():
        raise UserError("no such folder", str(root))
    if not root.is_dir():
        raise UserError("not a folder: index a workspace directory", str(root))
    store = open_graph(root.resolve(), args.graph)
    try:
        report = Indexer(root, store).index_workspace()
        counts = store.counts()
    finally:
        store.close()
    if args.format == "json":
        payload = {
            "files": report.files,
            "symbols": report.symbols,
            "files_with_syntax_errors": report.syntax_errors,
            "seconds": round(report.scan_seconds + report.write_seconds, 3),
            "contributors": report.contributors,
            "problems": [
                {
                    "path": d.path,
                    "line": d.range.start.line + 1,
                    "column": d.range.start.character + 1,
                    "code": d.code,
                    "message": d.message,
                }
                for d in report.problems
            ],
            "nodes": counts.nodes,
            "edges": counts.edges,
        }
        print(json.dumps(payload, indent=2))
        return 0
    for d in report.problems:
        where = f"{d.path}:{d.range.start.line + 1}:{d.range.start.character + 1}"
        print(f"{where}: warning: {d.message} [{d.code}]", file=sys.stderr)
    seconds = report.scan_seconds + report.write_seconds
    print(
        f"indexed {report.files} files ({report.symbols} symbols) in {seconds:.2f} s "
        f"({report.files_per_second:.0f} files/s); {len(report.problems)} skipped, "
        f"{report.syntax_errors} with syntax errors"
    )
    if report.contributors:
        print(f"facts from: {', '.join(sorted(set(report.contributors)))}")
    print("nodes:")
    for label, n in sorted(counts.nodes.items()):
        print(f"  {label:<16} {n:>6}")
    print("edges:")
    for etype, n in sorted(counts.edges.items()):
        print(f"  {etype:<16} {n:>6}")
    return 0
