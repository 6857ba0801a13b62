"""Code action "Generate tests for this function (AI)" on Python, Go, Java and Rust functions.

The action carries a command; the server runs the closed loop (generate.py, tests only, the
function's file unchanged) in the AI worker, in a sandbox that holds the file and, for Go and
Java, the other files of its package (so it builds), and, when the tests pass, writes them:
- python: `test_<module>_<function>_generated.py` next to the module (imports adapted);
- go: `<file>_<function>_generated_test.go` next to it, in the same package (`go test`);
- java: `<Class><Function>GeneratedTest.java` next to it, in the same package: a class with a
  `main` that throws AssertionError (run with `java -ea`; no JUnit needed);
- rust: a `#[cfg(test)] mod generated_tests` appended to the file itself (`rustc --test`).
Files that need other crates or modules of the workspace fail in the sandbox, and the user is
told so with the compiler's errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from intheflow.actions import Action
from intheflow.analysis import AnalysisContext
from intheflow.core.documents import Document
from intheflow.core.text import Range

COMMAND = "intheflow.ai.generateTests"
KIND = "refactor.intheflow.generateTests"
LANGUAGES = ("python", "go", "java", "rust")


def function_at(doc: Document, rng: Range) -> str | None:
    from intheflow.index.symbols import FUNCTION_KINDS, extract

    fi = extract(Path(doc.path).name, doc.text, doc.language)
    sym = fi.symbol_at(rng.start)
    while sym is not None and sym.kind not in FUNCTION_KINDS:
        sym = fi.symbol(sym.parent) if sym.parent else None
    return sym.qualname if sym is not None else None


def is_test_file(path: str) -> bool:
    name = Path(path).name
    return (
        name.startswith("test_")
        or name.endswith(("_test.go", "Test.java", "Tests.java"))
        or "_generated" in name
    )


def provide_actions(doc: Document, rng: Range, ctx: AnalysisContext) -> list[Action]:
    if doc.language not in LANGUAGES or is_test_file(doc.path):
        return []
    qualname = function_at(doc, rng)
    if qualname is None:
        return []
    return [
        Action(
            title=f"Generate tests for {qualname} (AI)",
            kind=KIND,
            command=COMMAND,
            arguments=[doc.path, qualname],
        )
    ]


@dataclass(frozen=True)
class Sandbox:
    """What the loop needs besides the code: its file name there and its package's files."""

    code_name: str | None
    extra_files: dict[str, str]


def sandbox_for(language: str, module_path: str) -> Sandbox:
    path = Path(module_path)
    if language not in ("go", "java"):
        return Sandbox(None, {})  # python imports it as `solution`; rust builds one file
    suffix = ".go" if language == "go" else ".java"
    siblings = {
        p.name: p.read_text(errors="replace")
        for p in sorted(path.parent.glob(f"*{suffix}"))
        if p.name != path.name and not is_test_file(str(p)) and p.is_file()
    }
    return Sandbox(path.name, siblings)


def _words(qualname: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[._]", qualname) if part)


def generated_tests_path(module_path: str, qualname: str, language: str = "python") -> Path:
    p = Path(module_path)
    snake = qualname.replace(".", "_").lower()
    if language == "go":
        return p.with_name(f"{p.stem}_{snake}_generated_test.go")
    if language == "java":
        return p.with_name(f"{p.stem}{_words(qualname)}GeneratedTest.java")
    if language == "rust":
        return p  # the tests module goes into the file itself
    return p.with_name(f"test_{p.stem}_{snake}_generated.py")


def adapt_tests(tests: str, module_path: str, language: str = "python", qualname: str = "") -> str:
    """The loop's test file, made to fit next to the module."""
    if language == "java":
        name = generated_tests_path(module_path, qualname, "java").stem
        return re.sub(r"\bSolutionTest\b", name, tests)
    if language != "python":
        return tests  # go: same package already; rust: see inline_tests
    stem = Path(module_path).stem
    return tests.replace("from solution import", f"from {stem} import").replace(
        "import solution", f"import {stem} as solution"
    )


def inline_tests(merged: str, code: str) -> str:
    """Rust: the loop's file is the code, a newline, then the tests module; the tests module."""
    return merged[len(code) + 1 :] if merged.startswith(code) else merged
