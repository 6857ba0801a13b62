"""A client nobody here wrote: Neovim's built-in LSP client (headless, 0.7 API) starts the real
server on the example workspace, gets a hover and a completion, and writes them to a file.

Neovim is a required component (the Makefile installs Debian `neovim`): missing, the test fails.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SCRIPT = Path(__file__).parent / "nvim" / "lsp_check.lua"
SERVICE = "services/payments-api/payments_api/service.py"
SCRATCH = "services/payments-api/payments_api/scratch_nvim.py"


def position(text: str, needle: str, offset: int) -> tuple[int, int]:
    idx = text.index(needle) + offset
    return text.count("\n", 0, idx), idx - (text.rfind("\n", 0, idx) + 1)


def test_neovim_gets_hover_and_completion(example_workspace: Path, tmp_path: Path) -> None:
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.fail("nvim is required (Debian package neovim; run `make setup`)")
    text = (example_workspace / SERVICE).read_text()
    hover_line, hover_char = position(text, "validate_payment(request)", 3)
    (example_workspace / SCRATCH).write_text(
        "from payments_api.validation import luhn_valid\n\nluhn_\n"
    )
    out = tmp_path / "nvim-result.json"
    env = {
        **os.environ,
        "INTHEFLOW_PYTHON": sys.executable,
        "INTHEFLOW_WORKSPACE": str(example_workspace),
        "INTHEFLOW_HOVER_FILE": SERVICE,
        "INTHEFLOW_HOVER_LINE": str(hover_line),
        "INTHEFLOW_HOVER_CHAR": str(hover_char),
        "INTHEFLOW_COMPLETE_FILE": SCRATCH,
        "INTHEFLOW_COMPLETE_LINE": "2",
        "INTHEFLOW_COMPLETE_CHAR": "5",
        "INTHEFLOW_OUT": str(out),
        "HOME": str(tmp_path),  # no user config, no shada in the real home
    }
    proc = subprocess.run(
        [nvim, "--headless", "--clean", "-c", f"luafile {SCRIPT}"],
        env=env,
        cwd=example_workspace,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.is_file(), f"nvim wrote no result (exit {proc.returncode}): {proc.stderr[-2000:]}"
    result = json.loads(out.read_text())
    assert "error" not in result, result
    assert result["nvim"].startswith("0.")
    assert result["steps"] == ["started", "initialized", "hover", "completion", "stopped"]
    assert result["hover_provider"] is True
    hover = result["hover"]
    assert "def validate_payment(" in hover and "payments-api" in hover
    assert "luhn_valid" in result["completion"]
    assert result["stopped"] is True


# The same features with Neovim 0.7's recorded capabilities replayed by pytest-lsp, so that any
# answer Neovim could not accept fails as an LspSpecificationWarning.

SERVER = [sys.executable, "-m", "intheflow", "serve", "--stdio"]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def neovim(
    lsp_client: LanguageClient, example_workspace: Path
) -> AsyncIterator[LanguageClient]:
    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=client_capabilities("neovim@v0.7.0"),
            root_uri=example_workspace.as_uri(),
            workspace_folders=[lsp.WorkspaceFolder(uri=example_workspace.as_uri(), name="x")],
        )
    )
    lsp_client.workspace_root = example_workspace  # type: ignore[attr-defined]
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest.mark.filterwarnings("error::pytest_lsp.LspSpecificationWarning")
async def test_neovim_capabilities_replayed(neovim: LanguageClient) -> None:
    root: Path = neovim.workspace_root  # type: ignore[attr-defined]
    for _ in range(600):  # wait for the end of the indexing $/progress
        reports = [r for rs in neovim.progress_reports.values() for r in rs]
        if any(isinstance(r, lsp.WorkDoneProgressEnd) for r in reports):
            break
        await asyncio.sleep(0.05)
    else:
        pytest.fail("indexing never ended")
    path = root / "services/ledger/ledger/balance.go"
    text = path.read_text()
    uri = path.as_uri()
    neovim.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="go", version=1, text=text)
        )
    )
    line, char = position(text, "l.Entries()", 3)
    hover = await neovim.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=line, character=char),
        )
    )
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert "func (l *Ledger) Entries() []Entry" in hover.contents.value
    line, char = position(text, "isDebitNormal(account)", 3)
    completion = await neovim.text_document_completion_async(
        lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=line, character=char),
        )
    )
    assert completion is not None
    items = completion.items if isinstance(completion, lsp.CompletionList) else completion
    assert "isDebitNormal" in [i.label for i in items]
    symbols = await neovim.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )
    assert symbols and {s.name for s in symbols} >= {"Balance", "TrialBalance", "AccountBalance"}
