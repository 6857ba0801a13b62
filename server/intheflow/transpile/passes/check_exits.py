"""GOBACK / EXIT PROGRAM in a called program: a return from its `call` entry, from any paragraph.

Paragraphs are functions, so leaving the program from a PERFORMed paragraph unwinds the calls:
every function that can reach a GOBACK (directly or through the paragraphs it performs) is
marked `leaves` and returns whether the program ended; its callers return at once when it did.
"""

from __future__ import annotations

from intheflow.transpile.ir import model as ir
from intheflow.transpile.ir.walk import walk_stmts


def _exits(fn: ir.Function) -> bool:
    return any(isinstance(s, ir.Stop) and s.kind != "run" for s in walk_stmts(fn.body))


def check_exits(program: ir.Program) -> list[str]:
    if not program.called or program.machine:
        return []  # a called program never gets a state machine (build_state_machine refuses)
    calls = {f.name: {s.function for s in walk_stmts(f.body) if isinstance(s, ir.Call)}
             for f in program.functions}  # fmt: skip
    leaving = {f.name for f in program.functions if _exits(f)}
    grew = True
    while grew:
        more = {name for name, callees in calls.items() if callees & leaving} - leaving
        leaving |= more
        grew = bool(more)
    for fn in program.functions:
        fn.leaves = fn.name in leaving
    return []
