"""pytest-lsp fixtures: the real server over stdio, initialised as VS Code would."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

REPO = Path(__file__).resolve().parents[2]
SERVER_COMMAND = [sys.executable, "-m", "intheflow", "serve", "--stdio"]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER_COMMAND))
async def client(
    lsp_client: LanguageClient, example_workspace: Path
) -> AsyncIterator[LanguageClient]:
    result = await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(
                text_document=lsp.TextDocumentClientCapabilities(
                    publish_diagnostics=lsp.PublishDiagnosticsClientCapabilities(
                        version_support=True
                    ),
                ),
                window=lsp.WindowClientCapabilities(work_done_progress=True),
            ),
            root_uri=example_workspace.as_uri(),
            workspace_folders=[
                lsp.WorkspaceFolder(uri=example_workspace.as_uri(), name="payments")
            ],
            initialization_options={},
        )
    )
    # Kept on the client so tests can read what the server advertised and where it runs.
    lsp_client.init_result = result  # type: ignore[attr-defined]
    lsp_client.workspace_root = example_workspace  # type: ignore[attr-defined]
    yield lsp_client
    await lsp_client.shutdown_session()
