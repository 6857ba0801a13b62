"""Build and test generated code with the real toolchains, in a directory, with a timeout.

python: pytest · go: go test (a go.mod is written) · java: javac + java -ea (a test class with a
main method; no JUnit offline) · rust: rustc --test (standard library only: crates.io is not
reachable). A missing toolchain is reported as such, never as a test failure of the model's code.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("python", "go", "java", "rust")
TIMEOUT_S = 120.0


@dataclass(frozen=True)
class Layout:
    code: str
    tests: str
    tests_inline: bool = False  # rust: tests live in the code file


LAYOUTS = {
    "python": Layout("solution.py", "test_solution.py"),
    "go": Layout("solution.go", "solution_test.go"),
    "java": Layout("Solution.java", "SolutionTest.java"),
    "rust": Layout("solution.rs", "solution.rs", tests_inline=True),
}


@dataclass
class RunResult:
    ok: bool
    command: str
    output: str
    seconds: float
    missing_tool: str = ""


def _run(cmd: list[str], cwd: Path, timeout: float, env: dict[str, str] | None = None) -> RunResult:
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, **(env or {})},
        )
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or "") if isinstance(exc.stdout, str) else ""
        return RunResult(False, " ".join(cmd), out + f"\ntimed out after {timeout:.0f} s", timeout)
    return RunResult(
        proc.returncode == 0,
        " ".join(cmd),
        (proc.stdout + proc.stderr).strip(),
        time.perf_counter() - started,
    )


def _missing(tool: str, command: str) -> RunResult:
    return RunResult(False, command, f"{tool} is not installed", 0.0, missing_tool=tool)


def _java_main(directory: Path) -> str:
    """SolutionTest, qualified with its package when it declares one (tests of existing code
    join that code's package)."""
    test = directory / LAYOUTS["java"].tests
    text = test.read_text(errors="replace") if test.is_file() else ""
    found = re.search(r"^\s*package\s+([\w.]+)\s*;", text, re.M)
    return f"{found.group(1)}.SolutionTest" if found else "SolutionTest"


def run_tests(language: str, directory: Path, timeout: float = TIMEOUT_S) -> RunResult:
    if language == "python":
        return _run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], directory, timeout
        )
    if language == "go":
        if shutil.which("go") is None:
            return _missing("go", "go test")
        gomod = directory / "go.mod"
        if not gomod.exists():
            gomod.write_text("module solution\n\ngo 1.19\n")
        env = {"GOFLAGS": "-mod=mod", "GOPROXY": "off", "GO111MODULE": "on"}
        return _run(["go", "test", "./..."], directory, timeout, env)
    if language == "java":
        if shutil.which("javac") is None or shutil.which("java") is None:
            return _missing("javac", "javac")
        build = _run(
            ["javac", "-d", "classes", *sorted(p.name for p in directory.glob("*.java"))],
            directory,
            timeout,
        )
        if not build.ok:
            return build
        run = _run(["java", "-ea", "-cp", "classes", _java_main(directory)], directory, timeout)
        return RunResult(
            run.ok, f"{build.command} && {run.command}", run.output, build.seconds + run.seconds
        )
    if language == "rust":
        if shutil.which("rustc") is None:
            return _missing("rustc", "rustc --test")
        build = _run(
            ["rustc", "--edition", "2021", "--test", "solution.rs", "-o", "solution_tests"],
            directory,
            timeout,
        )
        if not build.ok:
            return build
        run = _run(["./solution_tests"], directory, timeout)
        return RunResult(
            run.ok, f"{build.command} && ./solution_tests", run.output, build.seconds + run.seconds
        )
    return RunResult(False, "", f"unsupported language {language}", 0.0)
