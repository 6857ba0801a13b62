"""The latest verification verdict per COBOL file, shown as a diagnostic on that file."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from intheflow.core.diagnostics import Diagnostic, Severity
from intheflow.core.text import Range


@dataclass
class StoredVerdict:
    passed: bool
    summary: str  # "rust pass, java pass, go fail"
    detail: str = ""  # first differing field or build error


_lock = threading.Lock()
_verdicts: dict[str, StoredVerdict] = {}


def _key(path: str) -> str:
    return str(Path(path).resolve())


def record(path: str, verdict: StoredVerdict) -> None:
    with _lock:
        _verdicts[_key(path)] = verdict


def latest(path: str) -> StoredVerdict | None:
    with _lock:
        return _verdicts.get(_key(path))


def verdict_diagnostics(path: str) -> list[Diagnostic]:
    v = latest(path)
    if v is None:
        return []
    message = f"transpile verification: {v.summary}" + (f" — {v.detail}" if v.detail else "")
    return [
        Diagnostic(
            path=path,
            range=Range.of(0, 0, 0, 1),
            severity=Severity.INFO if v.passed else Severity.WARNING,
            code="transpile-verified" if v.passed else "transpile-mismatch",
            message=message,
            source="intheflow-transpile",
        )
    ]
