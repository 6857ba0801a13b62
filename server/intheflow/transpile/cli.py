"""`intheflow transpile PROGRAM.cbl|DIR --to rust|java|go|all --out DIR [--verify] [--best-effort]`."""  # noqa: E501

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from intheflow.core.errors import UserError
from intheflow.transpile.pipeline import TARGETS
from intheflow.transpile.verify.toolchain import ToolMissing


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "transpile",
        help="translate COBOL to Rust, Java or Go; --verify runs both and compares the output",
    )
    p.add_argument("path", type=Path, help="a COBOL program (.cbl/.cob) or a folder of them")
    p.add_argument("--to", default="all", choices=[*TARGETS, "all"], help="target language")
    p.add_argument("--out", type=Path, required=True, help="output folder")
    p.add_argument("--verify", action="store_true", help="compile and run both, compare bytes")
    p.add_argument(
        "--best-effort",
        action="store_true",
        help="emit code for unsupported constructs as marked gaps",
    )
    p.add_argument("--jobs", type=int, default=2, help="parallel builds (default 2)")
    p.add_argument("--print-ir", action="store_true", help="print the IR after the passes")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from intheflow.cli import MissingComponent
    from intheflow.transpile.service import find_programs, transpile_paths

    path: Path = args.path
    if not path.exists():
        raise UserError("no such file or folder", path=str(path))
    programs = find_programs(path)
    if not programs:
        raise UserError("no COBOL programs (.cbl, .cob) found", path=str(path))
    targets = TARGETS if args.to == "all" else (args.to,)
    started = time.perf_counter()
    try:
        results = transpile_paths(
            programs, args.out, targets, args.verify, args.best_effort, max(1, args.jobs),
            progress=lambda msg: print(f"… {msg}", file=sys.stderr),
        )  # fmt: skip
    except ToolMissing as exc:
        raise MissingComponent(exc.tool, exc.hint) from None
    exit_code = 0
    rows = []
    for r in results:
        t = r.translation
        blocking = [p for p in t.problems if p.kind != "unsupported" or not args.best_effort]
        for p in t.problems:
            label = "unsupported" if p.kind == "unsupported" else "error"
            message = p.message.removeprefix("unsupported: ")
            print(f"{p.path}:{p.line + 1}:{p.col + 1}: {label}: {message}", file=sys.stderr)
        if blocking or not r.files:
            exit_code = max(exit_code, 2)
            rows.append([r.source.name, *(["not generated"] * len(targets)), ""])
            continue
        if args.print_ir and t.program is not None:
            from intheflow.transpile.ir.printer import print_program

            for program in t.unit or [t.program]:
                print(print_program(program))
        gaps = sum(len(o.gaps) for o in t.outputs.values())
        cells = []
        for target in targets:
            if r.verdict is None:
                cells.append("generated")
            else:
                cells.append(r.verdict.results.get(target, "not run"))
        if r.verdict is not None:
            for m in r.verdict.mismatches:
                print(f"{r.source}: {m.target} differs from GnuCOBOL on input {m.input_name}: "
                      f"{m.first_field}\n{m.diff}", file=sys.stderr)  # fmt: skip
            for target, err in r.verdict.errors.items():
                print(f"{r.source}: {target} build failed:\n{err}", file=sys.stderr)
            if not r.verdict.passed:
                exit_code = max(exit_code, 1)
        notes = [f"{gaps} gap(s)"] if gaps else []
        if t.state_machine_note:
            notes.append(t.state_machine_note)
        if len(t.unit) > 1:
            notes.append("calls " + ", ".join(p.name for p in t.unit[1:]))
        rows.append([r.source.name, *cells, "; ".join(notes)])
    _table(["program", *targets, "notes"], rows)
    lines = sum(r.translation.program.source_lines for r in results if r.translation.program)
    print(f"{len(results)} program(s), {lines} COBOL lines, {time.perf_counter() - started:.1f} s; "
          f"output in {args.out}")  # fmt: skip
    return exit_code


def _table(header: list[str], rows: list[list[str]]) -> None:
    cells = [header, *rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    for n, row in enumerate(cells):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
