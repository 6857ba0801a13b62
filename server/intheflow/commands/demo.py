"""`intheflow demo`: the main job on embedded defaults over the bundled example workspace.

Each capability adds a section through `intheflow/<pkg>/demo.py` with `section(ctx) -> None` and
an `ORDER` number (see plugins.py). A failing section is reported and makes the demo exit 1; the
others still run.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from intheflow.core.errors import UserError
from intheflow.plugins import discover


def default_workspace() -> Path:
    # Editable install / source checkout: <repo>/server/intheflow/commands/demo.py
    return Path(__file__).resolve().parents[3] / "examples" / "payments"


@dataclass
class DemoContext:
    workspace: Path
    out: TextIO = sys.stdout
    # Sections share expensive objects (the graph store, a loaded model) through this dict.
    shared: dict[str, Any] = field(default_factory=dict)

    def heading(self, title: str) -> None:
        self.out.write(f"\n== {title} {'=' * max(0, 72 - len(title))}\n")

    def line(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def table(self, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        cells = [[str(c) for c in header]] + [[str(c) for c in r] for r in rows]
        widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
        for n, r in enumerate(cells):
            self.out.write(
                "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n"
            )
            if n == 0:
                self.out.write("  ".join("-" * w for w in widths) + "\n")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="run the whole product over the bundled example workspace")
    p.add_argument("--workspace", type=Path, default=None, help="default: examples/payments")
    p.add_argument("--only", action="append", default=[], help="run only sections containing this")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    ws: Path = (args.workspace or default_workspace()).resolve()
    if not ws.is_dir():
        raise UserError("example workspace not found", path=str(ws))
    ctx = DemoContext(workspace=ws)
    ctx.line(f"intheflow demo on {ws}")
    failed: list[str] = []
    sections = sorted(discover("demo"), key=lambda m: (getattr(m, "ORDER", 100), m.__name__))
    sections = [m for m in sections if not args.only or any(o in m.__name__ for o in args.only)]
    for module in sections:
        spec = module.__name__
        started = time.perf_counter()
        try:
            module.section(ctx)
        except Exception as exc:
            failed.append(spec)
            ctx.line(f"!! section {spec} failed: {type(exc).__name__}: {exc}")
            if args.verbose:
                traceback.print_exc()
        ctx.line(f"   ({spec} took {time.perf_counter() - started:.2f} s)")
    ctx.heading("Summary")
    ctx.line(f"{len(sections) - len(failed)} section(s) ok, {len(failed)} failed")
    return 1 if failed else 0
