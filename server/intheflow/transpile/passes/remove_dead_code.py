"""Dead-code removal: statements after STOP RUN/GO TO in a block, and functions never called."""

from __future__ import annotations

from collections.abc import Callable

from intheflow.transpile.ir import model as ir
from intheflow.transpile.ir.walk import map_blocks, walk_stmts

_TERMINAL = (ir.Stop, ir.Return, ir.Restart, ir.GoTo, ir.NextSentence, ir.Jump)


def _ends(stmt: ir.Stmt, program: ir.Program) -> bool:
    # EXIT PROGRAM does nothing in the main program (GnuCOBOL runs on past it).
    if isinstance(stmt, ir.Stop) and stmt.kind == "exit-program" and not program.called:
        return False
    return isinstance(stmt, _TERMINAL)


def _cutter(program: ir.Program) -> Callable[[list[ir.Stmt]], list[ir.Stmt]]:
    def cut(block: list[ir.Stmt]) -> list[ir.Stmt]:
        for n, stmt in enumerate(block):
            if _ends(stmt, program):
                return block[: n + 1]
        return block

    return cut


def remove_dead_code(program: ir.Program) -> list[str]:
    removed = 0
    for fn in program.functions:
        before = sum(1 for _ in walk_stmts(fn.body))
        fn.body = map_blocks(fn.body, _cutter(program))
        removed += before - sum(1 for _ in walk_stmts(fn.body))
    program.stats["dead_statements"] = removed
    if program.machine:  # every paragraph is a state the machine can fall through to
        program.stats["dead_functions"] = 0
        return []
    # The main line falls through paragraphs until one ends the run.
    by_name = {f.name: f for f in program.functions}
    entry: list[str] = []
    for name in program.entry:
        entry.append(name)
        body = by_name[name].body
        if body and _ends(body[-1], program) and isinstance(body[-1], ir.Stop):
            break
    program.entry = entry
    reachable: set[str] = set()
    todo = list(entry)
    while todo:
        name = todo.pop()
        if name in reachable or name not in by_name:
            continue
        reachable.add(name)
        todo.extend(s.function for s in walk_stmts(by_name[name].body) if isinstance(s, ir.Call))
    dead = [f for f in program.functions if f.name not in reachable]
    program.functions = [f for f in program.functions if f.name in reachable]
    program.stats["dead_functions"] = len(dead)
    return []
