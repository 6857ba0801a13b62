"""A run unit: the main program and every program it calls, statically, found in the same source
(END PROGRAM, nested programs) or, like cobc's lookup, in `<NAME>.cbl` next to the caller.

`link_calls` then checks each CALL against the called program's PROCEDURE DIVISION USING: the
number of arguments, and that each argument can share the LINKAGE item's storage exactly.
"""

from __future__ import annotations

import re
from pathlib import Path

from intheflow.transpile.backends.common import item_chain
from intheflow.transpile.backends.shared_bytes import in_shared_bytes
from intheflow.transpile.cobol.parser import Problem, parse
from intheflow.transpile.ir import model as ir
from intheflow.transpile.ir.walk import walk_stmts

SUFFIXES = (".cbl", ".cob", ".CBL", ".COB")


def calls_in(program: ir.Program) -> list[ir.CallProgram]:
    body = [s for p in program.paragraphs for s in p.body]
    return [s for s in walk_stmts(body) if isinstance(s, ir.CallProgram)]


def source_of(name: str, folder: Path) -> Path | None:
    """cobc's rule for a static CALL "NAME": a source called NAME (any case) in the folder."""
    for stem in dict.fromkeys((name, name.lower(), name.capitalize())):
        for suffix in SUFFIXES:
            candidate = folder / f"{stem}{suffix}"
            if candidate.is_file():
                return candidate
    return None


_CALL = re.compile(r"\bCALL\s+[\"']([A-Z0-9-]+)[\"']", re.IGNORECASE)


def _calls_in_text(path: Path) -> list[str]:
    """Static CALL targets named in a source, comment lines left out (a quick scan, no parse)."""
    lines = path.read_text(errors="replace").splitlines()
    code = [ln.split("*>")[0] for ln in lines if ln[6:7] not in ("*", "/")]
    return [m.group(1).upper() for m in _CALL.finditer("\n".join(code))]


def unit_files(source: Path) -> list[Path]:
    """The other files of a program's run unit: `<NAME>.cbl` of every program it CALLs, and so
    on (what `cobc -x` must compile with it)."""
    found: list[Path] = []
    todo = [source]
    while todo:
        for name in _calls_in_text(todo.pop()):
            path = source_of(name, source.parent)
            if path is not None and path != source and path not in found:
                found.append(path)
                todo.append(path)
    return found


def main_programs(paths: list[Path]) -> list[Path]:
    """The files that start a run unit: those no other file of the list CALLs."""
    called = {p.resolve() for source in paths for p in unit_files(source)}
    return [p for p in paths if p.resolve() not in called]


def gather_unit(
    programs: list[ir.Program], path: str, problems: list[Problem]
) -> tuple[list[ir.Program], list[Path]]:
    """The main program (first) and all programs it reaches by CALL; the extra source files."""
    known = {p.name: p for p in programs}
    folder = Path(path).parent if path else Path(".")
    unit: list[ir.Program] = []
    extra: list[Path] = []
    todo = programs[:1]
    while todo:
        program = todo.pop(0)
        if any(p is program for p in unit):
            continue
        unit.append(program)
        for call in calls_in(program):
            if call.program not in known:
                found = source_of(call.program, folder)
                if found is not None and found.resolve() != Path(path).resolve():
                    result = parse(found.read_text(errors="replace"), str(found))
                    problems.extend(result.problems)
                    known.update({p.name: p for p in result.programs if p.name not in known})
                    extra.append(found)
            callee = known.get(call.program)
            if callee is None:
                problems.append(_problem(
                    f"called program {call.program} not found (no {call.program}.cbl next to "
                    f"{Path(path).name} and no program of that name in it)", call.line, path,
                ))  # fmt: skip
                continue
            callee.called = True
            todo.append(callee)
    return unit, extra


def link_calls(unit: list[ir.Program]) -> list[Problem]:
    by_name = {p.name: p for p in unit}
    problems = _recursive_calls(unit)
    for program in unit:
        for call in calls_in(program):
            callee = by_name.get(call.program)
            if callee is None:
                continue
            if len(call.args) != len(callee.params):
                problems.append(_problem(
                    f"CALL {call.program} passes {len(call.args)} item(s), its PROCEDURE "
                    f"DIVISION USING takes {len(callee.params)}", call.line, program.path,
                ))  # fmt: skip
                continue
            for (_, arg), param in zip(call.args, callee.params, strict=True):
                why = mismatch(arg, param)
                if why:
                    problems.append(_problem(
                        f"unsupported: CALL {call.program} argument {_name(arg)} for "
                        f"{param.name}: {why} at line {call.line}", call.line, program.path,
                    ))  # fmt: skip
            problems.extend(_aliases(call, program.path))
    return problems


def _recursive_calls(unit: list[ir.Program]) -> list[Problem]:
    """A CALL of a program that is still running (not RECURSIVE in COBOL, a run-time error in
    GnuCOBOL) is refused at the CALL that closes the cycle."""
    by_name = {p.name: p for p in unit}
    problems: list[Problem] = []
    done: set[str] = set()

    def visit(program: ir.Program, active: list[str]) -> None:
        for call in calls_in(program):
            if call.program in active:
                problems.append(_problem(
                    f"unsupported: recursive CALL of {call.program} (it is still running) at "
                    f"line {call.line}", call.line, program.path,
                ))  # fmt: skip
            elif call.program in by_name and call.program not in done:
                visit(by_name[call.program], [*active, call.program])
        done.add(program.name)

    if unit:
        visit(unit[0], [unit[0].name])
    return problems


def param_is_number(param: ir.DataItem) -> bool:
    """Elementary numeric LINKAGE items travel as the scaled integer; all else as its bytes."""
    return param.picture is not None and param.picture.category == "numeric"


def mismatch(arg: ir.Expr, param: ir.DataItem) -> str:
    """Why an argument cannot share the LINKAGE item's storage exactly ("" if it can)."""
    if isinstance(arg, ir.Literal):
        # GnuCOBOL passes a literal's own characters, whatever the LINKAGE item's PICTURE.
        if arg.kind != "str" or param_is_number(param):
            return "a literal is passed as its characters; pass an item of the LINKAGE PICTURE"
        if len(arg.text) != param.size:
            return f"a {len(arg.text)}-character literal for a {param.size}-byte item"
        return ""
    if not isinstance(arg, ir.Ref):
        return "an expression"
    if param_is_number(param):
        if in_shared_bytes(arg.item) or in_shared_bytes(param):
            return "a number in a record held as bytes (REDEFINES, RENAMES); pass a group"
        a, p = arg.item.picture, param.picture
        assert p is not None
        if a is None:
            return "a group for a numeric item"
        if (a.category, a.digits, a.scale, a.signed, arg.item.usage) != (
            p.category, p.digits, p.scale, p.signed, param.usage
        ):  # fmt: skip
            return f"PICTURE/USAGE differ ({a.text} {arg.item.usage} vs {p.text} {param.usage})"
        return ""
    if param_is_number(arg.item):
        return "a number passed to an alphanumeric or group item"
    if arg.item.size != param.size:
        return f"sizes differ ({arg.item.size} vs {param.size} bytes)"
    return ""


def _aliases(call: ir.CallProgram, path: str) -> list[Problem]:
    """The same storage passed twice BY REFERENCE would need shared memory, not copies."""
    seen: list[ir.DataItem] = []
    for mode, arg in call.args:
        if mode != "REFERENCE" or not isinstance(arg, ir.Ref):
            continue
        chain = [id(i) for i in item_chain(arg.item)]
        if any(id(item) in chain or id(arg.item) in map(id, item_chain(item)) for item in seen):
            return [_problem(
                f"unsupported: CALL {call.program} passes overlapping items BY REFERENCE at line "
                f"{call.line}", call.line, path,
            )]  # fmt: skip
        seen.append(arg.item)
    return []


def _name(arg: ir.Expr) -> str:
    return arg.item.name if isinstance(arg, ir.Ref) else "literal"


def _problem(message: str, line: int, path: str) -> Problem:
    kind = "unsupported" if message.startswith("unsupported") else "semantic"
    return Problem(message, max(0, line - 1), 0, path, kind)
