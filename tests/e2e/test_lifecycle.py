"""The real server over stdio: initialize advertises what we serve; shutdown/exit is clean."""

from __future__ import annotations

from lsprotocol import types as lsp
from pytest_lsp import LanguageClient


async def test_initialize_advertises_sync_and_code_actions(client: LanguageClient) -> None:
    caps = client.init_result.capabilities  # type: ignore[attr-defined]
    sync = caps.text_document_sync
    assert sync.change == lsp.TextDocumentSyncKind.Incremental
    assert caps.code_action_provider is not None
