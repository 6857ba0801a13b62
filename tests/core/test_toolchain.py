"""The real components the suite relies on are present. CI must fail, not skip, without them."""

from __future__ import annotations

import os
import shutil
import subprocess

import psycopg
import pytest

PG_BASE = os.environ.get("INTHEFLOW_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")

TOOLS = {
    "cobc": "Debian package gnucobol3 (COBOL oracle for transpile verification)",
    "rustc": "the Rust toolchain (transpile target)",
    "javac": "a JDK 17 (transpile target)",
    "go": "Debian package golang-go (transpile target)",
    "nvim": "Debian package neovim (a real LSP client in the e2e tests)",
    "prometheus": "Debian package prometheus (real metrics backend in the tests)",
}


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_tool_is_installed(tool: str) -> None:
    assert shutil.which(tool), f"{tool} is missing: install {TOOLS[tool]} (run `make setup`)"


def test_postgres_is_reachable() -> None:
    with psycopg.connect(PG_BASE, connect_timeout=5) as conn:
        row = conn.execute("select current_setting('server_version_num')::int").fetchone()
    assert row is not None and row[0] >= 150000


def test_cobc_compiles_and_runs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "hello.cbl"
    src.write_text(
        "       IDENTIFICATION DIVISION.\n       PROGRAM-ID. HELLO.\n"
        "       PROCEDURE DIVISION.\n           DISPLAY 'HI'.\n           STOP RUN.\n"
    )
    subprocess.run(["cobc", "-x", "-o", str(tmp_path / "hello"), str(src)], check=True)
    out = subprocess.run([str(tmp_path / "hello")], capture_output=True, text=True, check=True)
    assert out.stdout == "HI\n"
