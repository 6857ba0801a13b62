"""The IR checker, run after each pass in tests: invariants every later stage relies on."""

from __future__ import annotations

from intheflow.transpile.ir import model as ir
from intheflow.transpile.ir.walk import walk_stmts


def check_program(program: ir.Program, after: str = "") -> list[str]:
    problems: list[str] = []
    items = {id(i) for i in program.items()}
    items |= {id(alias) for record in program.records for alias in record.aliases}
    function_names = {f.name for f in program.functions}
    stage = [name for name in ("build_functions", "structure_flow") if name == after]
    for record in program.records:
        for item in record.walk():
            if item.picture is None and not item.children:
                problems.append(f"group {item.name} (line {item.line}) has no elementary items")
            if item.parent is not None and id(item.parent) not in items:
                problems.append(f"{item.name}: parent outside the program")
            if after and item.size <= 0:
                problems.append(f"{item.name}: no storage size after layout")
            problems.extend(_shared_storage(item, record, after))
    bodies = [f.body for f in program.functions] or [p.body for p in program.paragraphs]
    for body in bodies:
        for stmt in walk_stmts(body):
            for ref in _refs(stmt):
                if id(ref.item) not in items:
                    problems.append(
                        f"line {getattr(stmt, 'line', 0)}: reference to an unknown item"
                    )
            if (
                isinstance(stmt, ir.Call)
                and stmt.function not in function_names
                and program.functions
            ):
                problems.append(f"line {stmt.line}: call of unknown function {stmt.function}")
            if isinstance(stmt, ir.Perform) and stmt.target is not None and program.functions:
                problems.append(
                    f"line {stmt.line}: PERFORM of a paragraph left after build_functions"
                )
            known = function_names | {ir.END_OF_PROGRAM}
            if isinstance(stmt, ir.Jump) and stmt.target not in known:
                problems.append(f"line {stmt.line}: GO TO unknown paragraph {stmt.target}")
            if isinstance(stmt, ir.Flow) and not {stmt.start, stmt.last} <= function_names:
                problems.append(f"line {stmt.line}: state machine range outside the program")
            if isinstance(stmt, ir.GoTo) and after == "structure_flow":
                problems.append(f"line {stmt.line}: GO TO left after structure_flow")
            if isinstance(stmt, ir.Arith):
                for store in stmt.stores:
                    pic = store.target.item.picture
                    if pic is None or pic.category not in ("numeric", "numeric-edited"):
                        problems.append(
                            f"line {stmt.line}: arithmetic store into a non-numeric item"
                        )
    del stage
    for name in program.entry:
        if program.functions and name not in function_names:
            problems.append(f"entry function {name} missing")
    return problems


def _shared_storage(item: ir.DataItem, record: ir.DataItem, after: str) -> list[str]:
    """A REDEFINES shares its base's bytes: same record, same offset once laid out, and the
    record is held as bytes so both views stay exact."""
    base = item.redefined
    if base is None:
        return []
    problems = []
    if base.record() is not record and item is not record:
        problems.append(f"{item.name} redefines {base.name} of another record")
    if after and (item.offset != base.offset or not record.bytes_backed):
        problems.append(f"{item.name} does not share the bytes of {base.name} after layout")
    return problems


def _refs(stmt: ir.Stmt) -> list[ir.Ref]:
    if isinstance(stmt, ir.Move):
        return [r for r in [stmt.source, *stmt.targets] if isinstance(r, ir.Ref)]
    if isinstance(stmt, ir.Arith):
        return [s.target for s in stmt.stores]
    if isinstance(stmt, ir.Accept):
        return [stmt.target]
    if isinstance(stmt, ir.Initialize):
        return list(stmt.targets)
    if isinstance(stmt, ir.Display):
        return [e for e in stmt.items if isinstance(e, ir.Ref)]
    return []
