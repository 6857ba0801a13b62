"""GOBACK / EXIT PROGRAM in a called program: a return from its entry point.

Paragraphs are functions, so a return can leave the program only from the last paragraph of the
main line (never PERFORMed). Elsewhere it would need an unwinding the code cannot show plainly,
so it is refused.
"""

from __future__ import annotations

from intheflow.transpile.ir import model as ir
from intheflow.transpile.ir.walk import walk_stmts


def check_exits(program: ir.Program) -> list[str]:
    if not program.called or program.machine:
        return []
    last = program.entry[-1] if program.entry else ""
    performed = {
        s.function
        for fn in program.functions
        for s in walk_stmts(fn.body)
        if isinstance(s, ir.Call)
    }
    problems: list[str] = []
    for fn in program.functions:
        for s in walk_stmts(fn.body):
            if (
                isinstance(s, ir.Stop)
                and s.kind != "run"
                and (fn.name != last or last in performed)
            ):
                verb = "GOBACK" if s.kind == "goback" else "EXIT PROGRAM"
                problems.append(
                    f"unsupported: {verb} in a paragraph other than the last of the main line "
                    f"at line {s.line}"
                )
    return problems
