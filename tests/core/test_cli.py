"""The CLI as a user meets it: a real subprocess, exit codes, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "intheflow", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_version_and_help() -> None:
    assert run("--version").stdout.strip().startswith("intheflow ")
    helped = run("--help")
    assert helped.returncode == 0
    for command in ("serve", "check", "demo"):
        assert command in helped.stdout


def test_check_on_a_missing_path_is_a_located_error_with_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    result = run("check", str(missing))
    assert result.returncode == 2
    assert f"error: {missing}: no such file or directory" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_survives_binary_and_invalid_utf8_files(tmp_path: Path) -> None:
    (tmp_path / "blob.py").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin1.py").write_bytes(b"x = '\xe9'\n")
    result = run("check", str(tmp_path), "--format", "json", "--fail-on", "never")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_serve_rejects_a_bad_tcp_address() -> None:
    result = run("serve", "--tcp", "nonsense")
    assert result.returncode == 2
    assert "HOST:PORT" in result.stderr
