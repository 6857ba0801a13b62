"""GO TO → structured control flow where the flow is reducible.

Two patterns cover the batch programs we see: GO TO the paragraph that follows (an early exit,
usually to a `…-EXIT` paragraph) becomes a return, and GO TO the current paragraph becomes a loop
restart. Anything else is reported as unsupported rather than turned into a state machine.
"""

from __future__ import annotations

from intheflow.transpile.ir import model as ir
from intheflow.transpile.ir.walk import map_blocks


def structure_flow(program: ir.Program) -> list[str]:
    problems: list[str] = []
    names = [f.name for f in program.functions]
    for index, fn in enumerate(program.functions):
        following = names[index + 1] if index + 1 < len(names) else None

        def rewrite(block: list[ir.Stmt], fn: ir.Function = fn, following: str | None = following
                    ) -> list[ir.Stmt]:  # fmt: skip
            out: list[ir.Stmt] = []
            for stmt in block:
                if isinstance(stmt, ir.GoTo):
                    if stmt.target == following:
                        out.append(ir.Return(stmt.line))
                        program.stats["goto_to_return"] = program.stats.get("goto_to_return", 0) + 1
                        continue
                    if stmt.target == fn.name:
                        fn.restarts = True
                        out.append(ir.Restart(stmt.line))
                        program.stats["goto_to_loop"] = program.stats.get("goto_to_loop", 0) + 1
                        continue
                    problems.append(
                        f"unsupported: GO TO {stmt.target} (irreducible) at line {stmt.line}"
                    )
                    out.append(ir.Unsupported(f"GO TO {stmt.target}", stmt.line))
                    continue
                out.append(stmt)
            return out

        fn.body = map_blocks(fn.body, rewrite)
    program.stats["state_machines"] = 0
    return problems
