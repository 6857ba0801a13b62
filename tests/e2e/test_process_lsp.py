"""Process models in the editor over stdio: live diagnostics and the task hover."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types as lsp
from pytest_lsp import LanguageClient


def _open(client: LanguageClient, path: Path, text: str) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="bpmn", version=1, text=text)
        )
    )
    return uri


async def _diagnostics(client: LanguageClient, uri: str) -> list[lsp.Diagnostic]:
    for _ in range(200):
        if uri in client.diagnostics:
            return client.diagnostics[uri]
        await asyncio.sleep(0.05)
    raise AssertionError(f"no diagnostics published for {uri}")


async def test_bpmn_problems_are_live_and_hover_shows_the_task_code(client: LanguageClient) -> None:
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    path = root / "processes" / "charge-a-card.bpmn"
    text = path.read_text().replace('camunda:topic="charge"', 'camunda:topic="charge_twice"')
    uri = _open(client, path, text)
    diags = await _diagnostics(client, uri)
    bad = [d for d in diags if d.code == "process/service-task-unknown-function"]
    assert bad, [d.code for d in diags]
    line = next(i for i, t in enumerate(text.splitlines()) if 'id="Task_charge"' in t)
    assert bad[0].range.start.line == line
    assert "charge_twice" in bad[0].message

    validate_line = next(i for i, t in enumerate(text.splitlines()) if 'id="Task_validate"' in t)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=validate_line, character=10),
        )
    )
    assert hover is not None
    # this client declares no hover content format, so the server sends a plain string
    md = hover.contents if isinstance(hover.contents, str) else hover.contents.value  # type: ignore[union-attr]
    assert "validate_payment(amount: float, card_number: str, currency: str)" in md
    assert "def validate_payment(" in md
