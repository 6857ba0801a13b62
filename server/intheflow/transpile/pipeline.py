"""The transpiler as one call: COBOL text → IR → passes (checked) → target source files."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from intheflow.transpile.backends.common import Generator, Output, Unsupported
from intheflow.transpile.cobol.parser import Problem, parse
from intheflow.transpile.ir.checker import check_program
from intheflow.transpile.ir.model import Program
from intheflow.transpile.passes import PASS_ORDER
from intheflow.transpile.unit import gather_unit, link_calls

TARGETS = ("rust", "java", "go")


@dataclass
class Translation:
    program: Program | None
    problems: list[Problem] = field(default_factory=list)
    outputs: dict[str, Output] = field(default_factory=dict)  # target → files
    seconds: float = 0.0
    unit: list[Program] = field(default_factory=list)  # the program and the programs it calls
    sources: list[Path] = field(default_factory=list)  # other files holding called programs

    @property
    def ok(self) -> bool:
        return self.program is not None and not self.problems

    @property
    def state_machine_note(self) -> str:
        """ "state machine for N GO TO(s)" when GO TOs needed the last resort, else ""."""
        jumps = sum(p.stats.get("irreducible_gotos", 0) for p in self.unit if p.machine)
        return f"state machine for {jumps} GO TO(s)" if jumps else ""

    def errors_block(self, best_effort: bool) -> bool:
        """Syntax errors always stop generation; unsupported constructs unless best effort."""
        return any(p.kind != "unsupported" or not best_effort for p in self.problems)


def module_name(program: Program, target: str) -> str:
    from intheflow.transpile.backends import naming

    if target == "java":
        return naming.pascal(program.name)
    return naming.snake(program.name).rstrip("_")


def generator_for(target: str, program: Program, best_effort: bool) -> Generator:
    if target == "rust":
        from intheflow.transpile.backends.rust.gen import RustGen

        return RustGen(program, best_effort)
    if target == "java":
        from intheflow.transpile.backends.java.gen import JavaGen

        return JavaGen(program, best_effort)
    if target == "go":
        from intheflow.transpile.backends.go.gen import GoGen

        return GoGen(program, best_effort)
    raise ValueError(f"unknown target {target}")


def _line_problem(message: str, path: str) -> Problem:
    line = 0
    if " at line " in message:
        tail = message.rsplit(" at line ", 1)[1]
        line = max(0, int(tail) - 1) if tail.isdigit() else 0
    kind = "unsupported" if message.startswith("unsupported") else "semantic"
    return Problem(message, line, 0, path, kind)


def translate(
    text: str,
    path: str,
    targets: tuple[str, ...] = TARGETS,
    best_effort: bool = False,
    check_ir: bool = False,
) -> Translation:
    started = time.perf_counter()
    result = parse(text, path)
    out = Translation(result.program, list(result.problems))
    if result.program is not None:
        out.unit, out.sources = gather_unit(result.programs, path, out.problems)
    if result.program is None or out.errors_block(best_effort):
        out.seconds = time.perf_counter() - started
        return out
    for program in out.unit:
        out.problems.extend(run_passes(program, check_ir))
    out.problems.extend(link_calls(out.unit))
    if not out.errors_block(best_effort):
        for target in targets:
            try:
                out.outputs[target] = generate_unit(out.unit, target, best_effort)
            except Unsupported as exc:
                where = exc.path or path
                out.problems.append(
                    Problem(str(exc), max(0, exc.line - 1), 0, where, "unsupported")
                )
                break
    out.seconds = time.perf_counter() - started
    return out


def run_passes(program: Program, check_ir: bool) -> list[Problem]:
    problems: list[Problem] = []
    for name, run in PASS_ORDER:
        for message in run(program):
            problems.append(_line_problem(message, program.path))
        if check_ir:
            for message in check_program(program, after=name):
                problems.append(
                    Problem(f"IR check after {name}: {message}", 0, 0, program.path, "semantic")
                )
    return problems


def generate_unit(unit: list[Program], target: str, best_effort: bool) -> Output:
    """One module per program; the first program's functions name the unit's in the manifest."""
    by_name = {p.name: p for p in unit}
    modules = {p.name: module_name(p, target) for p in unit}
    merged: Output | None = None
    for program in unit:
        gen = generator_for(target, program, best_effort)
        gen.unit, gen.modules = by_name, modules
        try:
            output = gen.generate(modules[program.name])  # type: ignore[attr-defined]
        except Unsupported as exc:
            exc.path = program.path
            raise
        if merged is None:
            merged = output
        else:
            merged.files.update(output.files)
            merged.gaps.extend(output.gaps)
    assert merged is not None
    return merged


def translate_file(
    path: Path, targets: tuple[str, ...] = TARGETS, best_effort: bool = False
) -> Translation:
    return translate(path.read_text(errors="replace"), str(path), targets, best_effort)
