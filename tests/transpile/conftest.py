"""Fixtures for the transpiler tests: the COBOL corpus, translated and built once per session."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from intheflow.transpile.pipeline import TARGETS
from intheflow.transpile.verify.corpus import corpus_jobs
from intheflow.transpile.verify.run import Verdict, run_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "cobol"


@dataclass
class CorpusRun:
    verdicts: dict[str, Verdict]
    problems: dict[str, list[str]]


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CorpusRun]:
    """Translate every corpus program to all targets, build in batches, run against saved output."""
    found = corpus_jobs(CORPUS, tmp_path_factory.mktemp("corpus-out"))
    verdicts = run_all(found.jobs, TARGETS, tmp_path_factory.mktemp("corpus-build"), workers=2)
    yield CorpusRun({v.program: v for v in verdicts}, found.problems)
