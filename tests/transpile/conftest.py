"""Fixtures for the transpiler tests: the COBOL corpus, translated and built once per session."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from intheflow.transpile.pipeline import TARGETS, module_name, translate_file
from intheflow.transpile.unit import main_programs
from intheflow.transpile.verify.layout import planned_files, write_files
from intheflow.transpile.verify.run import Job, Verdict, run_all, saved_files

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "cobol"


def corpus_programs() -> list[Path]:
    """Programs with expected output; called programs in their own files go with their caller."""
    return main_programs(sorted(CORPUS.glob("*.cbl")))


def expected_outputs(source: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """(inputs, expected GnuCOBOL outputs) saved next to a corpus program."""
    stdin = source.with_suffix(".in")
    data = stdin.read_bytes() if stdin.exists() else b""
    return {"corpus": data}, {"corpus": source.with_suffix(".out").read_bytes()}


@dataclass
class CorpusRun:
    verdicts: dict[str, Verdict]
    problems: dict[str, list[str]]


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CorpusRun]:
    """Translate every corpus program to all targets, build in batches, run against saved output."""
    out = tmp_path_factory.mktemp("corpus-out")
    work = tmp_path_factory.mktemp("corpus-build")
    jobs: list[Job] = []
    problems: dict[str, list[str]] = {}
    for source in corpus_programs():
        t = translate_file(source, TARGETS)
        problems[source.stem] = [f"{p.line + 1}:{p.col + 1}: {p.message}" for p in t.problems]
        if t.program is None or t.problems:
            continue
        for target, output in t.outputs.items():
            write_files(out, planned_files(target, module_name(t.program, target), output))
        inputs, expected = expected_outputs(source)
        modules = {target: module_name(t.program, target) for target in TARGETS}
        files = saved_files(source, "in")
        expected_files = {"corpus": saved_files(source, "out")}
        job = Job(source, out, modules, inputs, expected, t.sources)
        job.files, job.expected_files = files, expected_files
        jobs.append(job)
    verdicts = run_all(jobs, TARGETS, work, workers=2)
    yield CorpusRun({v.program: v for v in verdicts}, problems)
