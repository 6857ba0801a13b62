"""Code action "Generate tests for this function (AI)" on Python functions.

The action carries a command; the server runs the closed loop (generate.py, tests only, the
function's module unchanged) in the AI worker and, when the tests pass, creates the test file
next to the module. Python only for now: Go/Java/Rust need their package layout reproduced in
the loop's sandbox.
"""

from __future__ import annotations

from pathlib import Path

from intheflow.actions import Action
from intheflow.analysis import AnalysisContext
from intheflow.core.documents import Document
from intheflow.core.text import Range

COMMAND = "intheflow.ai.generateTests"
KIND = "refactor.intheflow.generateTests"


def function_at(doc: Document, rng: Range) -> str | None:
    from intheflow.index.symbols import FUNCTION_KINDS, extract

    fi = extract(Path(doc.path).name, doc.text, doc.language)
    sym = fi.symbol_at(rng.start)
    while sym is not None and sym.kind not in FUNCTION_KINDS:
        sym = fi.symbol(sym.parent) if sym.parent else None
    return sym.qualname if sym is not None else None


def provide_actions(doc: Document, rng: Range, ctx: AnalysisContext) -> list[Action]:
    if doc.language != "python" or Path(doc.path).name.startswith("test_"):
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


def test_file_for(module_path: str, qualname: str) -> Path:
    p = Path(module_path)
    return p.with_name(f"test_{p.stem}_{qualname.replace('.', '_').lower()}_generated.py")


def adapt_tests(tests: str, module_path: str) -> str:
    """The loop imports the module as `solution`; the written file imports it by its name."""
    stem = Path(module_path).stem
    return tests.replace("from solution import", f"from {stem} import").replace(
        "import solution", f"import {stem} as solution"
    )
