"""Paragraphs/sections → functions; PERFORM of paragraphs (THRU included) → calls in order."""

from __future__ import annotations

from intheflow.transpile.ir import model as ir
from intheflow.transpile.ir.walk import map_blocks


def build_functions(program: ir.Program) -> list[str]:
    problems: list[str] = []
    paras = program.paragraphs
    order = [p.name for p in paras]
    sections = {p.name for p in paras if p.section == "*"}
    functions: list[ir.Function] = []
    for p in paras:
        body = list(p.body)
        if p.name in sections:
            # A section runs its own statements and then its paragraphs in order.
            body += [ir.Call(q.name, q.line) for q in paras if q.section == p.name]
        functions.append(ir.Function(p.name, p.line, body))
    program.functions = functions
    program.entry = [p.name for p in paras if p.section in (None, "*")]

    def calls_of(perform: ir.Perform) -> list[ir.Stmt]:
        assert perform.target is not None
        if perform.target not in order:
            problems.append(f"unknown paragraph {perform.target} at line {perform.line}")
            return []
        start = order.index(perform.target)
        end = order.index(perform.thru) if perform.thru in order else start
        if perform.thru is not None and perform.thru not in order:
            problems.append(f"unknown paragraph {perform.thru} at line {perform.line}")
        if end < start:
            problems.append(f"PERFORM THRU range runs backwards at line {perform.line}")
            return []
        chosen = paras[start : end + 1]
        # A performed section runs its paragraphs itself; call only the section function.
        headers = {q.name for q in chosen if q.section == "*"}
        top = [q for q in chosen if q.section not in headers]
        return [ir.Call(q.name, perform.line) for q in top]

    def rewrite(block: list[ir.Stmt]) -> list[ir.Stmt]:
        for stmt in block:
            if isinstance(stmt, ir.Perform) and stmt.target is not None:
                stmt.body = calls_of(stmt)
                program.stats["thru_ranges"] = program.stats.get("thru_ranges", 0) + (
                    1 if stmt.thru else 0
                )
                stmt.target = None
                stmt.thru = None
        return block

    for fn in functions:
        fn.body = map_blocks(fn.body, rewrite)
    return problems
