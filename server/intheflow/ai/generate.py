"""Closed-loop generation: plan → code → tests → run them → rules → repair, up to N rounds.

The model proposes an implementation and its tests; the real toolchain builds and runs them
(runners.py); the workspace's code rules (and Semgrep, when installed and configured) check the
code. Any failure is fed back to the model with the exact errors, and the loop repairs, at most
`max_rounds` times. A result is accepted only when everything passes; otherwise the report says
so with the last errors. Docs (doc comments are asked for; a README section is generated after
acceptance) are part of the job. Every round is logged (callback + generation-log.jsonl), so a
user can see how the code healed itself, or why it did not.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from intheflow.ai.provider import CancelToken, GenerationRequest, Message, Provider, drain
from intheflow.ai.rules_bridge import RuleCheck
from intheflow.ai.runners import LANGUAGES, LAYOUTS, RunResult, run_tests

FENCE = {"python": "python", "go": "go", "java": "java", "rust": "rust"}
SYSTEM = "You are a careful senior engineer. You answer with code blocks only, no prose."
NOTES = {
    "python": "The tests use pytest and import with `from solution import ...`.",
    "go": "Both files start with `package solution`; the tests use the standard `testing` "
    "package. Standard library only.",
    "java": "`public class Solution` has static methods. `public class SolutionTest` has a "
    "`public static void main(String[] args)` that checks results and throws AssertionError "
    "on a failure (no JUnit).",
    "rust": "Standard library only (no crates). Put the tests in the same block, in "
    "`#[cfg(test)] mod tests { use super::*; #[test] fn ... }`.",
}
_BLOCK = re.compile(r"```[A-Za-z0-9_+-]*[ \t]*\n(.*?)(?:```|\Z)", re.S)
MAX_ERROR_CHARS = 1500


@dataclass
class Round:
    number: int
    seconds: float
    model_finish: str
    files: dict[str, str]
    command: str = ""
    test_ok: bool = False
    test_output: str = ""
    rule_problems: list[str] = field(default_factory=list)
    semgrep: str = "not run"
    accepted: bool = False
    errors: str = ""


@dataclass
class GenerationReport:
    requirement: str
    language: str
    out_dir: str
    plan: str = ""
    rounds: list[Round] = field(default_factory=list)
    accepted: bool = False
    docs: list[str] = field(default_factory=list)
    last_errors: str = ""
    missing_tool: str = ""


def code_blocks(answer: str) -> list[str]:
    return [b.strip("\n") + "\n" for b in _BLOCK.findall(answer) if b.strip()]


def _ask(
    provider: Provider,
    messages: list[Message],
    max_tokens: int,
    cancel: CancelToken,
    deadline_s: float,
) -> tuple[str, str]:
    r = drain(
        provider,
        GenerationRequest(
            messages=tuple(messages),
            max_tokens=max_tokens,
            stop=("<end_of_turn>",),
            deadline_s=deadline_s,
        ),
        cancel,
    )
    return r.text, (r.error or r.finish)


_PACKAGE = re.compile(r"^\s*package\s+([A-Za-z_][\w.]*)", re.M)


def _fixed_code_note(language: str, code: str) -> str:
    """How tests for given (existing) code are shaped: they join the code's own package."""
    found = _PACKAGE.search(code) if language in ("go", "java") else None
    package = found.group(1) if found else ""
    if language == "go":
        return (
            f"The tests file starts with `package {package or 'solution'}` (the package of the "
            "given code) and uses the standard `testing` package. Standard library only."
        )
    if language == "java":
        clause = f"starts with `package {package};`, " if package else ""
        return (
            f"The tests file {clause}declares `public class SolutionTest` with a "
            "`public static void main(String[] args)` that calls the given class and throws "
            "AssertionError on a failure (no JUnit)."
        )
    if language == "rust":
        return (
            "Standard library only. The block holds only the tests, in "
            "`#[cfg(test)] mod generated_tests { use super::*; #[test] fn ... }`."
        )
    return NOTES[language]


def _code_prompt(requirement: str, language: str, plan: str, code: str | None) -> str:
    layout = LAYOUTS[language]
    fence = FENCE[language]
    given = ""
    notes = NOTES[language]
    if code is not None:
        given = (
            f"\n\nThe implementation is given and must not change:\n"
            f"```{fence}\n{code}```\nWrite only the tests."
        )
        notes = _fixed_code_note(language, code)
    if layout.tests_inline and code is not None:
        shape = f"exactly one fenced ```{fence} code block: the tests module"
    elif layout.tests_inline:
        shape = (
            f"exactly one fenced ```{fence} code block: the file {layout.code} with the "
            "implementation and its tests"
        )
    elif code is not None:
        shape = f"exactly one fenced ```{fence} code block: the tests file {layout.tests}"
    else:
        shape = (
            f"exactly two fenced ```{fence} code blocks: first the implementation file "
            f"{layout.code}, then the tests file {layout.tests}"
        )
    return (
        f"Requirement: {requirement}\n\nPlan:\n{plan.strip() or '(none)'}{given}\n\n"
        f"Write {language} code. Answer with {shape}. {notes} "
        "Give every function a doc comment."
    )


def _files_from(
    language: str, blocks: list[str], fixed_code: str | None, code_name: str | None = None
) -> dict[str, str]:
    layout = LAYOUTS[language]
    if layout.tests_inline:
        if fixed_code is not None:
            return {layout.code: fixed_code + "\n" + blocks[0]} if blocks else {}
        return {layout.code: "\n".join(blocks)} if blocks else {}
    if fixed_code is not None:
        return {code_name or layout.code: fixed_code, layout.tests: blocks[-1]} if blocks else {}
    if len(blocks) < 2:
        return {}
    return {layout.code: blocks[0], layout.tests: blocks[1]}


def _semgrep(directory: Path, config: str | None) -> tuple[bool, str]:
    if config is None:
        return True, "not run (no Semgrep config given)"
    if shutil.which("semgrep") is None:
        return True, "not run (semgrep is not installed)"
    proc = subprocess.run(
        ["semgrep", "scan", "--config", config, "--error", "--quiet", "--metrics=off", "."],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return proc.returncode == 0, (proc.stdout + proc.stderr).strip()[-MAX_ERROR_CHARS:] or "ok"


def generate(
    provider: Provider,
    requirement: str,
    language: str,
    out_dir: Path,
    *,
    max_rounds: int = 3,
    rule_check: RuleCheck | None = None,
    semgrep_config: str | None = None,
    fixed_code: str | None = None,
    code_name: str | None = None,
    extra_files: dict[str, str] | None = None,
    on_log: Callable[[str], None] = lambda _line: None,
    cancel: CancelToken | None = None,
    deadline_s: float = 120.0,
    max_tokens: int = 700,
) -> GenerationReport:
    """Runs the loop; `fixed_code` set = write tests only for that (unchanged) code.

    `code_name`: the fixed code's own file name (a Java public class must live in a file of its
    name); `extra_files`: files it needs to build (the other files of its package), written into
    `out_dir` as they are."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; expected one of {LANGUAGES}")
    cancel = cancel or CancelToken()
    out_dir.mkdir(parents=True, exist_ok=True)
    report = GenerationReport(requirement, language, str(out_dir))
    log_path = out_dir / "generation-log.jsonl"
    log_path.write_text("")

    def record(event: dict[str, object]) -> None:
        with log_path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(event) + "\n")

    plan, finish = _ask(
        provider,
        [
            Message("system", "You plan software work in a few short bullet points."),
            Message(
                "user",
                f"Plan how to implement and test in {language}: {requirement}\n"
                "At most 5 bullet points.",
            ),
        ],
        160,
        cancel,
        deadline_s,
    )
    report.plan = plan.strip()
    on_log(f"plan ({finish}):\n{report.plan or '(empty)'}")
    record({"step": "plan", "finish": finish, "text": report.plan})

    for name, content in (extra_files or {}).items():
        (out_dir / name).write_text(content)
    base_prompt = _code_prompt(requirement, language, report.plan, fixed_code)
    previous_answer = ""
    errors = ""
    for number in range(1, max_rounds + 1):
        if cancel.cancelled:
            report.last_errors = "cancelled"
            break
        started = time.perf_counter()
        messages = [Message("system", SYSTEM), Message("user", base_prompt)]
        if previous_answer:
            messages += [
                Message("assistant", previous_answer),
                Message("user", f"That failed:\n{errors}\n\nFix it. Answer in the same format."),
            ]
        answer, finish = _ask(provider, messages, max_tokens, cancel, deadline_s)
        previous_answer = answer[-3000:]
        files = _files_from(language, code_blocks(answer), fixed_code, code_name)
        rnd = Round(number, 0.0, finish, files)
        if not files:
            rnd.errors = "the answer did not contain the expected fenced code block(s)"
        else:
            for old in LAYOUTS[language].code, LAYOUTS[language].tests:
                (out_dir / old).unlink(missing_ok=True)
            for name, content in files.items():
                (out_dir / name).write_text(content)
            result: RunResult = run_tests(language, out_dir)
            rnd.command, rnd.test_ok = result.command, result.ok
            rnd.test_output = result.output[-MAX_ERROR_CHARS:]
            if result.missing_tool:
                report.missing_tool = result.missing_tool
                rnd.errors = result.output
            elif not result.ok:
                rnd.errors = f"`{result.command}` failed:\n{rnd.test_output}"
            else:
                if rule_check is not None:
                    for name, content in files.items():
                        path = str(out_dir / name)
                        rnd.rule_problems += rule_check(path, language, "", content)
                sem_ok, rnd.semgrep = _semgrep(out_dir, semgrep_config)
                if rnd.rule_problems:
                    rnd.errors = "code rules broken:\n" + "\n".join(rnd.rule_problems)
                elif not sem_ok:
                    rnd.errors = f"Semgrep findings:\n{rnd.semgrep}"
                else:
                    rnd.accepted = True
        rnd.seconds = round(time.perf_counter() - started, 2)
        report.rounds.append(rnd)
        record({"step": "round", **asdict(rnd)})
        status = "ACCEPTED" if rnd.accepted else "failed"
        on_log(
            f"round {number}/{max_rounds}: {status} in {rnd.seconds:.1f} s "
            f"(model: {finish}; tests: {'pass' if rnd.test_ok else 'fail'}"
            f"{'; rules: ' + str(len(rnd.rule_problems)) if rnd.rule_problems else ''})"
        )
        if rnd.errors:
            on_log("  " + rnd.errors.strip().replace("\n", "\n  ")[:800])
        if rnd.accepted:
            report.accepted = True
            break
        errors = rnd.errors[-MAX_ERROR_CHARS:]
        report.last_errors = errors
        if report.missing_tool:
            break  # the model cannot fix a missing compiler
    if report.accepted:
        report.last_errors = ""
        code_file = out_dir / (code_name or LAYOUTS[language].code)
        report.docs = _write_docs(provider, requirement, language, code_file, cancel, deadline_s)
        on_log(f"docs: {', '.join(report.docs) or 'none'}")
    record({"step": "result", "accepted": report.accepted, "last_errors": report.last_errors})
    return report


def _write_docs(
    provider: Provider,
    requirement: str,
    language: str,
    code_file: Path,
    cancel: CancelToken,
    deadline_s: float,
) -> list[str]:
    code = code_file.read_text()[:2500]
    out_dir = code_file.parent
    text, _ = _ask(
        provider,
        [
            Message("system", "You write concise technical documentation in Markdown."),
            Message(
                "user",
                f"Write a short README section (usage and behaviour) for this "
                f"{language} code, which implements: {requirement}\n\n{code}",
            ),
        ],
        300,
        cancel,
        deadline_s,
    )
    readme = out_dir / "README.md"
    readme.write_text(f"## {requirement}\n\n{text.strip()}\n")
    written = ["README.md"]
    documented, total = docstring_coverage(language, code)
    written.append(f"doc comments on {documented}/{total} functions")
    return written


def docstring_coverage(language: str, code: str) -> tuple[int, int]:
    try:
        from intheflow.index.symbols import FUNCTION_KINDS, extract
    except ImportError:
        return 0, 0
    fi = extract(LAYOUTS[language].code, code, language)
    functions = [s for s in fi.symbols if s.kind in FUNCTION_KINDS]
    return sum(1 for s in functions if s.docstring), len(functions)
