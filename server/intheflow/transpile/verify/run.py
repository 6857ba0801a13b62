"""The closed loop: build the original with GnuCOBOL and the translations with rustc/javac/go, run
all on the same inputs, compare stdout byte for byte.

Builds are batched so a corpus verifies quickly: one javac for every Java class, one `go build`
for every Go program, rustc per program (opt-level 0) in a thread pool.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from intheflow.transpile.backends.go.gen import MODULE
from intheflow.transpile.ir import model as ir
from intheflow.transpile.ir.walk import walk_stmts
from intheflow.transpile.verify.boundaries import record_text
from intheflow.transpile.verify.toolchain import tool

RUN_TIMEOUT = 20.0
# Programs that read the clock (ACCEPT FROM DATE/TIME, FUNCTION CURRENT-DATE) see this instant on
# both sides: GnuCOBOL and the three runtimes honour COB_CURRENT_DATE (one set by the user wins).
PINNED_CLOCK = "2024/03/15 10:20:30.45+0000"


def run_env() -> dict[str, str]:
    """The environment programs run in while being verified: the clock pinned."""
    return {**os.environ, "COB_CURRENT_DATE": os.environ.get("COB_CURRENT_DATE", PINNED_CLOCK)}


@dataclass
class Mismatch:
    target: str
    input_name: str
    diff: str
    first_field: str


@dataclass
class Verdict:
    program: str
    results: dict[str, str] = field(default_factory=dict)  # target → pass | fail | build-error
    mismatches: list[Mismatch] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # target → compiler/runtime message

    @property
    def passed(self) -> bool:
        return bool(self.results) and all(v == "pass" for v in self.results.values())


@dataclass
class Job:
    """One program to verify: its source, the generated tree root and the module names."""

    cobol: Path
    out: Path
    modules: dict[str, str]  # target → module/class name
    inputs: dict[str, bytes]  # input name → stdin bytes
    expected: dict[str, bytes] | None = None  # input name → oracle stdout (else run cobc)
    sources: list[Path] = field(default_factory=list)  # files of the programs it CALLs
    files: dict[str, bytes] = field(default_factory=dict)  # input files in the run directory
    input_files: dict[str, dict[str, bytes]] = field(default_factory=dict)  # per input, instead
    # input name → files the oracle created or changed (with `expected`; else run cobc)
    expected_files: dict[str, dict[str, bytes]] | None = None


FILES_SUFFIX = ".files"  # <prog>.files/in/* are input files, <prog>.files/out/* GnuCOBOL's output


def saved_files(source: Path, kind: str) -> dict[str, bytes]:
    """Files saved next to a program: kind "in" (inputs of every run) or "out" (expected)."""
    folder = source.with_suffix(FILES_SUFFIX) / kind
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@dataclass
class RunResult:
    stdout: bytes
    files: dict[str, bytes]  # files created or changed in the run directory
    status: int | None = None  # exit status (RETURN-CODE at STOP RUN); None: not known (saved)


def run_in_fresh_dir(
    cmd: list[str], stdin: bytes, files: dict[str, bytes], base: Path
) -> RunResult:
    """Run in a new directory holding only the input files; report what the run wrote there."""
    base.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=base) as tmp:
        cwd = Path(tmp)
        for name, data in files.items():
            (cwd / name).write_bytes(data)
        status: int | None = None
        try:
            proc = _run(cmd, stdin, cwd=cwd)
            stdout, status = proc.stdout, proc.returncode
        except subprocess.TimeoutExpired:
            stdout = b"<timeout>"
        written = {
            p.name: p.read_bytes()
            for p in sorted(cwd.iterdir())
            if p.is_file() and files.get(p.name) != p.read_bytes()
        }
    return RunResult(stdout, written, status)


def _run(
    cmd: list[str], stdin: bytes = b"", cwd: Path | None = None, timeout: float = RUN_TIMEOUT
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        cmd, input=stdin, capture_output=True, cwd=cwd, timeout=timeout, check=False, env=run_env()
    )


def build_cobol(source: Path, exe: Path, called: tuple[Path, ...] = ()) -> str | None:
    """`cobc -x main.cbl called.cbl …`: static CALLs resolve at link time."""
    exe.parent.mkdir(parents=True, exist_ok=True)
    includes = ["-I", str(source.parent)]
    for sub in ("copybooks", "copy"):
        if (source.parent / sub).is_dir():
            includes += ["-I", str(source.parent / sub)]
    files = [str(source), *map(str, called)]
    proc = _run([tool("cobc"), "-x", *includes, "-o", str(exe), *files], timeout=120)
    return None if proc.returncode == 0 else proc.stderr.decode(errors="replace")


def build_rust(crate: Path, exe: Path) -> str | None:
    exe.parent.mkdir(parents=True, exist_ok=True)
    proc = _run(
        [tool("rustc"), "--edition", "2021", "-C", "opt-level=0", "-C", "debuginfo=0",
         "-o", str(exe), str(crate / "src" / "main.rs")],
        timeout=300,
    )  # fmt: skip
    return None if proc.returncode == 0 else proc.stderr.decode(errors="replace")


def build_java(java_dir: Path, classes: Path) -> str | None:
    classes.mkdir(parents=True, exist_ok=True)
    sources = sorted(str(p) for p in java_dir.glob("*.java"))
    proc = _run(
        [tool("javac"), "-nowarn", "-encoding", "UTF-8", "-d", str(classes), *sources], timeout=600
    )
    return None if proc.returncode == 0 else proc.stderr.decode(errors="replace")


def build_go(go_dir: Path, bin_dir: Path, modules: list[str]) -> str | None:
    bin_dir.mkdir(parents=True, exist_ok=True)
    env_cache = {"GOFLAGS": "-mod=mod", "GO111MODULE": "on"}
    import os

    env = {**os.environ, **env_cache}
    env.setdefault("GOCACHE", str(Path.home() / ".cache" / "go-build"))
    proc = subprocess.run(
        [tool("go"), "build", "-o", str(bin_dir) + "/", *[f"./{m}" for m in modules]],
        cwd=go_dir, capture_output=True, env=env, timeout=900, check=False,
    )  # fmt: skip
    return None if proc.returncode == 0 else proc.stderr.decode(errors="replace")


def first_difference(expected: bytes, actual: bytes) -> str:
    exp_lines = expected.decode("latin-1").split("\n")
    act_lines = actual.decode("latin-1").split("\n")
    for n, (a, b) in enumerate(zip(exp_lines, act_lines, strict=False)):
        if a != b:
            col = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
            start = col
            while start > 0 and a[start - 1] != " ":
                start -= 1
            end_a = a.find(" ", col)
            end_b = b.find(" ", col)
            want = a[start : end_a if end_a >= 0 else len(a)]
            got = b[start : end_b if end_b >= 0 else len(b)]
            return f"line {n + 1}, column {col + 1}: expected {want!r}, got {got!r}"
    if len(exp_lines) != len(act_lines):
        return f"output has {len(act_lines) - 1} lines, expected {len(exp_lines) - 1}"
    return "no difference"


def compare_files(
    target: str, input_name: str, expected: dict[str, bytes], actual: dict[str, bytes]
) -> Mismatch | None:
    """Output files byte for byte: the first file that differs, is missing or is extra."""
    for name in sorted(set(expected) | set(actual)):
        if name not in actual:
            return Mismatch(target, input_name, "", f"file {name}: not written")
        if name not in expected:
            return Mismatch(target, input_name, "", f"file {name}: written, GnuCOBOL did not")
        mismatch = compare(target, input_name, expected[name], actual[name])
        if mismatch is not None:
            mismatch.first_field = f"file {name}: {mismatch.first_field}"
            return mismatch
    return None


def compare(target: str, input_name: str, expected: bytes, actual: bytes) -> Mismatch | None:
    if expected == actual:
        return None
    diff = "".join(
        difflib.unified_diff(
            expected.decode("latin-1").splitlines(keepends=True),
            actual.decode("latin-1").splitlines(keepends=True),
            "gnucobol", target, n=1,
        )
    )  # fmt: skip
    return Mismatch(target, input_name, diff[:4000], first_difference(expected, actual))


def boundary_inputs(program: ir.Program) -> dict[str, bytes]:
    """Inputs for programs that ACCEPT: zero, the largest value, the smallest, and one."""
    accepts: list[ir.DataItem] = []
    for fn in program.functions:
        accepts.extend(s.target.item for s in walk_stmts(fn.body) if isinstance(s, ir.Accept))
    if not accepts:
        return {"no-input": b""}
    sets: dict[str, list[str]] = {"zero": [], "max": [], "min": [], "one": []}
    for item in accepts:
        pic = item.picture
        if pic is not None and pic.category == "numeric":
            nines = "9" * (pic.digits - pic.scale) + ("." + "9" * pic.scale if pic.scale else "")
            sets["zero"].append("0")
            sets["max"].append(nines)
            sets["min"].append(("-" + nines) if pic.signed else "0")
            sets["one"].append("1")
        elif item.is_group and any(d.is_numeric for d in item.walk()):
            # A record read from stdin: its numeric fields at each boundary.
            for name in sets:
                sets[name].append((record_text(item, name) or "").rstrip(" "))
        else:
            size = item.size
            sets["zero"].append("")
            sets["max"].append("Z" * size)
            sets["min"].append("A")
            sets["one"].append("1")
    # Programs that loop over ACCEPT until a sentinel get the same lines repeated a few times.
    return {name: ("\n".join(lines * 3) + "\n").encode() for name, lines in sets.items()}


def run_all(
    jobs: list[Job], targets: tuple[str, ...], work: Path, workers: int = 2,
    progress: Callable[[str], None] | None = None, cancelled: Callable[[], bool] | None = None,
) -> list[Verdict]:  # fmt: skip
    """Build everything, run everything, compare. One Verdict per job."""
    say = progress or (lambda _msg: None)
    stop = cancelled or (lambda: False)
    verdicts = {job.cobol: Verdict(job.cobol.stem) for job in jobs}
    exe: dict[tuple[Path, str], list[str]] = {}
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        say("building with GnuCOBOL")
        cob_futures = {}
        for job in jobs:
            if job.expected is None:
                target_exe = work / "cobol" / job.cobol.stem
                cob_futures[job.cobol] = (
                    pool.submit(build_cobol, job.cobol, target_exe, tuple(job.sources)),
                    target_exe,
                )
        rust_futures = {}
        if "rust" in targets:
            for job in jobs:
                m = job.modules["rust"]
                rust_exe = work / "rust-bin" / m
                rust_futures[job.cobol] = (
                    pool.submit(build_rust, job.out / "rust" / m, rust_exe),
                    rust_exe,
                )
        by_out: dict[Path, list[Job]] = {}
        for job in jobs:
            by_out.setdefault(job.out, []).append(job)
        java_errors: dict[Path, str | None] = {}
        go_errors: dict[Path, str | None] = {}
        for n, (out, group) in enumerate(by_out.items()):
            if stop():
                return list(verdicts.values())
            if "java" in targets:
                say("compiling Java")
                java_errors[out] = build_java(out / "java", work / f"java-classes-{n}")
            if "go" in targets:
                say("building Go")
                go_errors[out] = build_go(
                    out / "go", work / f"go-bin-{n}", [j.modules["go"] for j in group]
                )
        for job in jobs:
            verdict = verdicts[job.cobol]
            n = list(by_out).index(job.out)
            if job.cobol in cob_futures:
                fut, cob_exe = cob_futures[job.cobol]
                err = fut.result()
                if err:
                    verdict.errors["cobol"] = err
                    continue
                exe[(job.cobol, "cobol")] = [str(cob_exe)]
            for target in targets:
                if target == "rust":
                    fut, rust_exe = rust_futures[job.cobol]
                    err = fut.result()
                    cmd = [str(rust_exe)]
                elif target == "java":
                    err = java_errors[job.out]
                    cmd = [tool("java"), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                           str(work / f"java-classes-{n}"), job.modules["java"]]  # fmt: skip
                else:
                    err = go_errors[job.out]
                    cmd = [str(work / f"go-bin-{n}" / job.modules["go"])]
                if err:
                    verdict.results[target] = "build-error"
                    verdict.errors[target] = err[-3000:]
                else:
                    exe[(job.cobol, target)] = cmd
        say("running and comparing")

        def check(job: Job) -> None:
            verdict = verdicts[job.cobol]
            if "cobol" in verdict.errors:
                return
            runs = work / "runs" / job.cobol.stem
            for name, data in job.inputs.items():
                if stop():
                    return
                files = job.input_files.get(name, job.files)
                if job.expected is not None:
                    expected = RunResult(
                        job.expected[name], (job.expected_files or {}).get(name, {})
                    )
                else:
                    cobol = exe[(job.cobol, "cobol")]
                    expected = run_in_fresh_dir(cobol, data, files, runs)
                for target in targets:
                    if (job.cobol, target) not in exe or verdict.results.get(target) == "fail":
                        continue
                    actual = run_in_fresh_dir(exe[(job.cobol, target)], data, files, runs)
                    mismatch = compare(target, name, expected.stdout, actual.stdout)
                    if mismatch is None:
                        mismatch = compare_files(target, name, expected.files, actual.files)
                    if mismatch is None:
                        mismatch = compare_status(target, name, expected.status, actual.status)
                    if mismatch is not None:
                        verdict.results[target] = "fail"
                        verdict.mismatches.append(mismatch)
                    else:
                        verdict.results.setdefault(target, "pass")

        list(pool.map(check, jobs))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return list(verdicts.values())


def compare_status(
    target: str, input_name: str, expected: int | None, actual: int | None
) -> Mismatch | None:
    """The exit status is the job step's condition code (RETURN-CODE at STOP RUN)."""
    if expected is None or expected == actual:
        return None
    text = f"exit status: expected {expected}, got {actual}"
    return Mismatch(target, input_name, text, text)


def go_module_path() -> str:
    return MODULE
