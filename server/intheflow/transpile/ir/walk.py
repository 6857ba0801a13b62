"""Generic traversal of statement blocks (nested bodies of IF, EVALUATE, PERFORM, size errors)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from intheflow.transpile.ir import model as ir


def child_blocks(stmt: ir.Stmt) -> list[list[ir.Stmt]]:
    if isinstance(stmt, ir.If):
        return [stmt.then, stmt.orelse]
    if isinstance(stmt, ir.Evaluate):
        return [w.body for w in stmt.whens]
    if isinstance(stmt, ir.Perform):
        return [stmt.body] if stmt.body is not None else []
    if isinstance(stmt, ir.Arith):
        return [b for b in (stmt.on_size_error, stmt.not_on_size_error) if b is not None]
    if isinstance(stmt, ir.Sentence):
        return [stmt.body]
    if isinstance(stmt, ir.StringStmt | ir.Unstring):
        return [b for b in (stmt.on_overflow, stmt.not_on_overflow) if b is not None]
    if isinstance(stmt, ir.CallProgram):
        return [stmt.not_on_exception]
    if isinstance(stmt, ir.Read):
        return [b for b in (stmt.at_end, stmt.not_at_end) if b is not None]
    if isinstance(stmt, ir.Sort):
        return [b for b in (stmt.input_procedure, stmt.output_procedure) if b is not None]
    if isinstance(stmt, ir.Search):
        return [stmt.at_end, *(body for _, body in stmt.whens)]
    return []


def map_blocks(block: list[ir.Stmt], fn: Callable[[list[ir.Stmt]], list[ir.Stmt]]) -> list[ir.Stmt]:
    """Apply fn to every block, innermost first; fn returns the new block. Nested blocks are
    replaced in place (slice assignment), so the statements keep their own lists."""
    for stmt in block:
        for child in child_blocks(stmt):
            child[:] = map_blocks(child, fn)
    return fn(block)


def walk_stmts(block: list[ir.Stmt]) -> Iterator[ir.Stmt]:
    for stmt in block:
        yield stmt
        for inner in child_blocks(stmt):
            yield from walk_stmts(inner)
