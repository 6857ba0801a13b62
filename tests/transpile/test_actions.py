"""The "Transpile to …" code actions: files created through a WorkspaceEdit, then verification."""

from __future__ import annotations

from pathlib import Path

from intheflow.analysis import AnalysisContext
from intheflow.core.documents import Document
from intheflow.core.text import Range
from intheflow.lsp.convert import edits_to_workspace_edit
from intheflow.transpile.actions import VERIFY_COMMAND, provide_actions
from lsprotocol import types as lsp

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "payments" / "legacy" / "cobol"


def test_actions_create_program_and_runtime_files(tmp_path: Path) -> None:
    source = EXAMPLE / "FEECALC.cbl"
    doc = Document(path=str(source), text=source.read_text())
    actions = provide_actions(doc, Range.of(0, 0), AnalysisContext(root=tmp_path))
    assert [a.title for a in actions] == [
        "Transpile to Rust",
        "Transpile to Java",
        "Transpile to Go",
    ]
    go = actions[2]
    assert str(tmp_path / "transpiled" / "go" / "feecalc" / "main.go") in go.create_files
    assert str(tmp_path / "transpiled" / "go" / "rt" / "rt.go") in go.create_files
    assert str(tmp_path / "transpiled" / "go" / "rt" / "files.go") in go.create_files
    assert go.command == VERIFY_COMMAND and go.arguments[1] == "go"
    edit = edits_to_workspace_edit(go.edits, {}, go.create_files)
    changes = edit.document_changes or []
    creates = [c for c in changes if isinstance(c, lsp.CreateFile)]
    texts = [c for c in changes if isinstance(c, lsp.TextDocumentEdit)]
    assert len(creates) == len(texts) == 4  # go.mod, rt/rt.go, rt/files.go, feecalc/main.go
    main = next(t for t in texts if t.text_document.uri.endswith("feecalc/main.go"))
    assert "func (p *program) p2000Price()" in main.edits[0].new_text


ALTERS = (
    "       IDENTIFICATION DIVISION.\n       PROGRAM-ID. ALTERS.\n"
    "       PROCEDURE DIVISION.\n       P1.\n           ALTER P2 TO PROCEED TO P3.\n"
    "       P2.\n           GO TO P3.\n       P3.\n           STOP RUN.\n"
)


def test_no_action_when_the_program_has_unsupported_constructs(tmp_path: Path) -> None:
    doc = Document(path=str(tmp_path / "ALTERS.cbl"), text=ALTERS)
    assert provide_actions(doc, Range.of(0, 0), AnalysisContext(root=tmp_path)) == []


def test_no_action_on_other_files(tmp_path: Path) -> None:
    doc = Document(path=str(tmp_path / "x.py"), text="print(1)\n")
    assert provide_actions(doc, Range.of(0, 0), AnalysisContext(root=tmp_path)) == []
