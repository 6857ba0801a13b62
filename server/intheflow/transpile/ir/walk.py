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
    """Apply fn to every block, innermost first; fn returns the new block."""
    for stmt in block:
        if isinstance(stmt, ir.If):
            stmt.then = map_blocks(stmt.then, fn)
            stmt.orelse = map_blocks(stmt.orelse, fn)
        elif isinstance(stmt, ir.Evaluate):
            for when in stmt.whens:
                when.body = map_blocks(when.body, fn)
        elif isinstance(stmt, ir.Perform) and stmt.body is not None:
            stmt.body = map_blocks(stmt.body, fn)
        elif isinstance(stmt, ir.Arith):
            if stmt.on_size_error is not None:
                stmt.on_size_error = map_blocks(stmt.on_size_error, fn)
            if stmt.not_on_size_error is not None:
                stmt.not_on_size_error = map_blocks(stmt.not_on_size_error, fn)
        elif isinstance(stmt, ir.Sentence):
            stmt.body = map_blocks(stmt.body, fn)
        elif isinstance(stmt, ir.StringStmt | ir.Unstring):
            if stmt.on_overflow is not None:
                stmt.on_overflow = map_blocks(stmt.on_overflow, fn)
            if stmt.not_on_overflow is not None:
                stmt.not_on_overflow = map_blocks(stmt.not_on_overflow, fn)
        elif isinstance(stmt, ir.CallProgram):
            stmt.not_on_exception = map_blocks(stmt.not_on_exception, fn)
        elif isinstance(stmt, ir.Read):
            if stmt.at_end is not None:
                stmt.at_end = map_blocks(stmt.at_end, fn)
            if stmt.not_at_end is not None:
                stmt.not_at_end = map_blocks(stmt.not_at_end, fn)
        elif isinstance(stmt, ir.Sort):
            if stmt.input_procedure is not None:
                stmt.input_procedure = map_blocks(stmt.input_procedure, fn)
            if stmt.output_procedure is not None:
                stmt.output_procedure = map_blocks(stmt.output_procedure, fn)
        elif isinstance(stmt, ir.Search):
            stmt.at_end = map_blocks(stmt.at_end, fn)
            stmt.whens = [(cond, map_blocks(body, fn)) for cond, body in stmt.whens]
    return fn(block)


def walk_stmts(block: list[ir.Stmt]) -> Iterator[ir.Stmt]:
    for stmt in block:
        yield stmt
        for inner in child_blocks(stmt):
            yield from walk_stmts(inner)
