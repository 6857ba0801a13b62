"""A folder of COBOL programs with GnuCOBOL's saved results — the team's corpus, or a customer's
regression set — turned into verification jobs.

Per program: `<prog>.cbl`, optional `<prog>.in` (stdin), `<prog>.out` (stdout),
`<prog>.files/in/*` (input files) and `<prog>.files/out/*` (files it writes). Programs that are
only CALLed (PROCEDURE DIVISION USING) have no results of their own; they run with their caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from intheflow.transpile.pipeline import TARGETS, module_name, translate_file
from intheflow.transpile.unit import main_programs
from intheflow.transpile.verify.layout import planned_files, write_files
from intheflow.transpile.verify.run import Job, saved_files

CORPUS_INPUT = "corpus"  # the name of the one saved input set


def corpus_programs(folder: Path) -> list[Path]:
    """Programs with saved results; called programs in their own files go with their caller."""
    return main_programs(sorted(folder.glob("*.cbl")))


def saved_io(source: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """(stdin, expected stdout) saved next to a program, keyed by input name."""
    stdin = source.with_suffix(".in")
    data = stdin.read_bytes() if stdin.exists() else b""
    return {CORPUS_INPUT: data}, {CORPUS_INPUT: source.with_suffix(".out").read_bytes()}


@dataclass
class CorpusJobs:
    jobs: list[Job] = field(default_factory=list)
    # program stem → "line:col: message" of each translation problem (empty when translated)
    problems: dict[str, list[str]] = field(default_factory=dict)


def corpus_jobs(folder: Path, out: Path, targets: tuple[str, ...] = TARGETS) -> CorpusJobs:
    """Translate every program of `folder` into `out` and pair it with its saved results."""
    result = CorpusJobs()
    for source in corpus_programs(folder):
        t = translate_file(source, targets)
        result.problems[source.stem] = [
            f"{p.line + 1}:{p.col + 1}: {p.message}" for p in t.problems
        ]
        if t.program is None or t.problems:
            continue
        for target, output in t.outputs.items():
            write_files(out, planned_files(target, module_name(t.program, target), output))
        inputs, expected = saved_io(source)
        modules = {target: module_name(t.program, target) for target in targets}
        job = Job(source, out, modules, inputs, expected, t.sources)
        job.files = saved_files(source, "in")
        job.expected_files = {CORPUS_INPUT: saved_files(source, "out")}
        result.jobs.append(job)
    return result
