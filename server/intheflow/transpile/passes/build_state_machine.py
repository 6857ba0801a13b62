"""The GO TO state machine, for jumps structure_flow could not turn into loops and branches.

All paragraphs become states in source order. A paragraph that jumps returns the paragraph to go
to (or nothing when it runs to its end); the machine then runs that one, or the next in source
order, until the last paragraph of the range it was started for runs to its end. The main line is
the range of all paragraphs; a PERFORM whose range holds a jumping paragraph (or a section, whose
paragraphs the machine now reaches by falling through) starts the machine for its range.
"""

from __future__ import annotations

from intheflow.transpile.ir import model as ir
from intheflow.transpile.ir.walk import map_blocks, walk_stmts
from intheflow.transpile.passes.structure_flow import performed_ranges, section_members


def build_state_machine(program: ir.Program) -> list[str]:
    jumping = [f for f in program.functions if f.jumps]
    program.stats["state_machines"] = 1 if jumping else 0
    if not jumping:
        return []
    order = [f.name for f in program.functions]
    members = section_members(program)
    for fn in program.functions:
        # The machine falls through from a section header into its paragraphs.
        inner = members.get(fn.name, [])
        if inner:
            tail = fn.body[-len(inner) :]
            assert [s.function for s in tail if isinstance(s, ir.Call)] == inner
            fn.body = fn.body[: -len(inner)]
    if program.called:
        for fn in program.functions:
            fn.body = map_blocks(fn.body, _goback_to_end)
            fn.jumps = fn.jumps or _has_jump(fn.body)
    sections = {name for name, inner in members.items() if inner}
    while True:
        stateful = {f.name for f in program.functions if f.jumps} | sections
        for perform, first, last in performed_ranges(program):
            span = order[order.index(first) : order.index(last) + 1]
            if stateful & set(span):
                perform.body = [ir.Flow(first, last, perform.line)]
        # In a called program a run of the machine can end the program: its PERFORM passes that on.
        more = [f for f in program.functions if program.called and not f.jumps and _has_flow(f)]
        if not more:
            break
        for fn in more:
            fn.jumps = True
    program.machine = order
    return []


def _goback_to_end(block: list[ir.Stmt]) -> list[ir.Stmt]:
    """GOBACK / EXIT PROGRAM of a called program with a state machine: its end state."""
    return [
        ir.Jump(ir.END_OF_PROGRAM, s.line) if isinstance(s, ir.Stop) and s.kind != "run" else s
        for s in block
    ]


def _has_jump(body: list[ir.Stmt]) -> bool:
    return any(isinstance(s, ir.Jump) for s in walk_stmts(body))


def _has_flow(fn: ir.Function) -> bool:
    return any(isinstance(s, ir.Flow) for s in walk_stmts(fn.body))
