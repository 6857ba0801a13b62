"""Code rules and rule files in the editor over stdio: the validate-before-charge diagnostic with
its related rule location, the quick-fix code action that inserts the validation, the finding
going away after the edit, and live errors in a decision model."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types as lsp
from pytest_lsp import LanguageClient


def _open(client: LanguageClient, path: Path, text: str, language: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(
                uri=uri, language_id=language, version=version, text=text
            )
        )
    )
    return uri


async def _wait(client: LanguageClient, uri: str, pred) -> list[lsp.Diagnostic]:
    for _ in range(300):
        diags = client.diagnostics.get(uri)
        if diags is not None and pred(diags):
            return diags
        await asyncio.sleep(0.05)
    raise AssertionError(f"diagnostics for {uri}: {client.diagnostics.get(uri)}")


def _has(code: str):
    return lambda ds: any(d.code == code for d in ds)


async def test_validate_before_charge_with_quick_fix(client: LanguageClient) -> None:
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    path = root / "services" / "payments-api" / "payments_api" / "service.py"
    text = path.read_text()
    uri = _open(client, path, text, "python")
    diags = await _wait(client, uri, _has("validate-before-charge"))
    [diag] = [d for d in diags if d.code == "validate-before-charge"]
    assert diag.severity == lsp.DiagnosticSeverity.Error
    assert "Payment Processing" in diag.message
    assert diag.related_information
    assert diag.related_information[0].location.uri.endswith("rules/code-rules.json")
    charge_line = next(
        i for i, t in enumerate(text.splitlines()) if "= charge_card(" in t and i > 70
    )
    assert diag.range.start.line == charge_line

    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=diag.range,
            context=lsp.CodeActionContext(diagnostics=[diag]),
        )
    )
    assert actions
    fix = next(
        a for a in actions if isinstance(a, lsp.CodeAction) and "validate_payment" in a.title
    )
    assert fix.kind is not None and fix.kind.startswith("quickfix")
    assert fix.edit is not None and fix.edit.document_changes
    [doc_edit] = fix.edit.document_changes
    assert isinstance(doc_edit, lsp.TextDocumentEdit)
    assert doc_edit.text_document.uri == uri
    [edit] = doc_edit.edits
    assert edit.range.start.line == charge_line
    assert edit.new_text.strip() == "validate_payment(request)"

    lines = text.split("\n")
    lines.insert(charge_line, edit.new_text.rstrip("\n"))
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text="\n".join(lines))],
        )
    )
    await _wait(client, uri, lambda ds: not _has("validate-before-charge")(ds))


async def test_decision_model_errors_are_live(client: LanguageClient) -> None:
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    path = root / "rules" / "decisions" / "pricing.json"
    text = path.read_text().replace('"> 3"', '"> "', 1)
    uri = _open(client, path, text, "json")
    diags = await _wait(client, uri, _has("expr-syntax"))
    bad = next(d for d in diags if d.code == "expr-syntax")
    line = next(i for i, t in enumerate(text.splitlines()) if '"> "' in t)
    assert bad.range.start.line == line
    assert "$.nodes[1].content.rules[2]" in bad.message
