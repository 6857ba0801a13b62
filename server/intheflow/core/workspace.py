"""Finding and reading workspace files safely.

Binary files, invalid UTF-8 and huge files are skipped with a warning (never an exception), so
indexing and `check` survive any tree a user points them at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from intheflow.core.diagnostics import Diagnostic, Severity
from intheflow.core.text import Range

SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".intheflow",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        "target",
        "build",
        "dist",
        "out",
    }
)
MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True)
class ReadResult:
    path: Path
    text: str | None
    problem: Diagnostic | None


def iter_files(root: Path, suffixes: frozenset[str] | None = None) -> Iterator[Path]:
    """Yield files under root (or root itself), skipping tool and dependency folders."""
    if root.is_file():
        yield root
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            p = Path(dirpath, name)
            if suffixes is None or p.suffix.lower() in suffixes:
                yield p


def _problem(path: Path, code: str, message: str) -> Diagnostic:
    return Diagnostic(
        path=str(path),
        range=Range.of(0, 0),
        severity=Severity.WARNING,
        code=code,
        message=message,
    )


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> ReadResult:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            msg = f"skipped: file is {size} bytes, over the {max_bytes}-byte limit"
            return ReadResult(path, None, _problem(path, "file-too-large", msg))
        data = path.read_bytes()
    except OSError as exc:
        return ReadResult(path, None, _problem(path, "file-unreadable", f"skipped: {exc.strerror}"))
    if b"\x00" in data[:8192]:
        return ReadResult(path, None, _problem(path, "file-binary", "skipped: binary file"))
    try:
        return ReadResult(path, data.decode("utf-8"), None)
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start]
        line = prefix.count(b"\n")
        col = exc.start - (prefix.rfind(b"\n") + 1)
        diag = Diagnostic(
            path=str(path),
            range=Range.of(line, col),
            severity=Severity.WARNING,
            code="file-invalid-utf8",
            message=f"skipped: invalid UTF-8 at byte {exc.start}",
        )
        return ReadResult(path, None, diag)
