"""Code actions on a COBOL program: "Transpile to Rust / Java / Go".

Each creates the generated files (program module plus runtime) under `<workspace>/transpiled/`
through a WorkspaceEdit, then asks the server to verify the translation in the background
(command `intheflow.transpile.verify`)."""

from __future__ import annotations

from pathlib import Path

from intheflow.actions import Action
from intheflow.analysis import AnalysisContext
from intheflow.core.diagnostics import TextEdit
from intheflow.core.documents import Document
from intheflow.core.text import Range
from intheflow.transpile.pipeline import TARGETS, module_name, translate
from intheflow.transpile.verify.layout import planned_files

VERIFY_COMMAND = "intheflow.transpile.verify"
LABELS = {"rust": "Rust", "java": "Java", "go": "Go"}


def output_root(ctx: AnalysisContext) -> Path:
    return ctx.root / "transpiled"


def provide_actions(doc: Document, rng: Range, ctx: AnalysisContext) -> list[Action]:
    if Path(doc.path).suffix.lower() not in (".cbl", ".cob"):
        return []
    t = translate(doc.text, doc.path, TARGETS)
    if t.program is None or t.problems or len(t.outputs) != len(TARGETS):
        return []  # the diagnostics say why (syntax or unsupported constructs)
    out = output_root(ctx)
    actions = []
    for target in TARGETS:
        files = planned_files(target, module_name(t.program, target), t.outputs[target])
        paths = [str(out / rel) for rel in files]
        edits = [
            TextEdit(path=str(out / rel), range=Range.of(0, 0), new_text=text)
            for rel, text in files.items()
        ]
        actions.append(
            Action(
                title=f"Transpile to {LABELS[target]}",
                kind="refactor.rewrite.transpile",
                edits=edits,
                create_files=paths,
                command=VERIFY_COMMAND,
                arguments=[doc.path, target, str(out)],
            )
        )
    return actions
