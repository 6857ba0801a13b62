"""GO TO → structured control flow where the flow is reducible; a Jump for the rest.

GO TO the paragraph that follows (an early exit, usually to a `…-EXIT` paragraph) becomes a
return, and GO TO the current paragraph becomes a loop restart. A return is only the same as the
GO TO when the paragraph never ends a PERFORM range: from the end of a range, COBOL goes on into
the next paragraph instead of returning to the PERFORM. Every other GO TO becomes a Jump, which
`build_state_machine` turns into the program's state machine (the last resort).
"""

from __future__ import annotations

from intheflow.transpile.ir import model as ir
from intheflow.transpile.ir.walk import map_blocks, walk_stmts


def performed_ranges(program: ir.Program) -> list[tuple[ir.Perform, str, str]]:
    """(PERFORM, first paragraph, last paragraph) for each PERFORM of paragraphs; a performed
    section ends with its last paragraph."""
    members = section_members(program)
    out: list[tuple[ir.Perform, str, str]] = []
    for fn in program.functions:
        for stmt in walk_stmts(fn.body):
            if isinstance(stmt, ir.Perform) and is_paragraph_perform(stmt):
                assert stmt.body is not None
                first, last = stmt.body[0], stmt.body[-1]
                assert isinstance(first, ir.Call) and isinstance(last, ir.Call)
                end = members.get(last.function) or [last.function]
                out.append((stmt, first.function, end[-1]))
    return out


def is_paragraph_perform(stmt: ir.Perform) -> bool:
    """After build_functions, a PERFORM of paragraphs holds only the calls of its range."""
    return bool(stmt.body) and all(isinstance(s, ir.Call) for s in stmt.body or [])


def section_members(program: ir.Program) -> dict[str, list[str]]:
    return {
        p.name: [q.name for q in program.paragraphs if q.section == p.name]
        for p in program.paragraphs
        if p.section == "*"
    }


def structure_flow(program: ir.Program) -> list[str]:
    names = [f.name for f in program.functions]
    range_ends = {last for _, _, last in performed_ranges(program)}
    count = program.stats.setdefault
    for key in ("goto_to_return", "goto_to_loop", "irreducible_gotos"):
        count(key, 0)
    for index, fn in enumerate(program.functions):
        following = names[index + 1] if index + 1 < len(names) else None

        def rewrite(block: list[ir.Stmt], fn: ir.Function = fn, following: str | None = following
                    ) -> list[ir.Stmt]:  # fmt: skip
            out: list[ir.Stmt] = []
            for stmt in block:
                if not isinstance(stmt, ir.GoTo):
                    out.append(stmt)
                elif stmt.target == following and fn.name not in range_ends:
                    out.append(ir.Return(stmt.line))
                    program.stats["goto_to_return"] += 1
                elif stmt.target == fn.name:
                    fn.restarts = True
                    out.append(ir.Restart(stmt.line))
                    program.stats["goto_to_loop"] += 1
                else:
                    fn.jumps = True
                    out.append(ir.Jump(stmt.target, stmt.line))
                    program.stats["irreducible_gotos"] += 1
            return out

        fn.body = map_blocks(fn.body, rewrite)
    return []
