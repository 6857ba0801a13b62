"""Language features against the real server over stdio, on a copy of examples/payments, with
the capabilities VS Code 1.65 sends (replayed by pytest-lsp): hover, completion (Python through
jedi, Go through the index), definition, references, document and workspace symbols, code lens,
intheflow/graphQuery and intheflow/explain, cancellation, incremental re-indexing, bad input.

One server per module (start-up and indexing cost seconds); tests only open scratch documents or
edit in memory, so they do not disturb each other. Any LspSpecificationWarning fails the test.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.conftest import EXAMPLES

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.filterwarnings("error::pytest_lsp.LspSpecificationWarning"),
]

SERVER = [sys.executable, "-m", "intheflow", "serve", "--stdio"]
SERVICE = "services/payments-api/payments_api/service.py"
VALIDATION = "services/payments-api/payments_api/validation.py"
MAIN_GO = "services/ledger/cmd/ledger/main.go"
POSTING_GO = "services/ledger/ledger/posting.go"


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER))
async def client(
    lsp_client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[LanguageClient]:
    workspace = tmp_path_factory.mktemp("features") / "payments"
    shutil.copytree(EXAMPLES, workspace, ignore=shutil.ignore_patterns(".intheflow"))
    # Files the indexer must skip without dying.
    (workspace / "services" / "blob.py").write_bytes(b"\x00\x01\x02 not python")
    (workspace / "services" / "latin1.go").write_bytes(b"package x // caf\xe9\n")
    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=client_capabilities("visual-studio-code@v1.65.2"),
            root_uri=workspace.as_uri(),
            workspace_folders=[lsp.WorkspaceFolder(uri=workspace.as_uri(), name="payments")],
            initialization_options={},
        )
    )
    lsp_client.workspace_root = workspace  # type: ignore[attr-defined]
    yield lsp_client
    await lsp_client.shutdown_session()


async def indexed(client: LanguageClient, timeout: float = 60.0) -> None:
    """Wait for the end of the server's indexing $/progress."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        for reports in client.progress_reports.values():
            if any(isinstance(r, lsp.WorkDoneProgressEnd) for r in reports):
                return
        await asyncio.sleep(0.05)
    pytest.fail("the server never ended its indexing progress")


def root(client: LanguageClient) -> Path:
    return client.workspace_root  # type: ignore[attr-defined, no-any-return]


def open_doc(client: LanguageClient, rel: str, text: str | None = None) -> tuple[str, str]:
    path = root(client) / rel
    text = path.read_text() if text is None else text
    uri = path.as_uri()
    language = {"py": "python", "go": "go", "java": "java", "cbl": "cobol"}.get(
        rel.rsplit(".", 1)[-1], "plaintext"
    )
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
        )
    )
    return uri, text


def pos_of(text: str, needle: str, offset: int = 0, nth: int = 0) -> lsp.Position:
    idx = -1
    for _ in range(nth + 1):
        idx = text.index(needle, idx + 1)
    idx += offset
    line = text.count("\n", 0, idx)
    return lsp.Position(line=line, character=idx - (text.rfind("\n", 0, idx) + 1))


async def test_progress_begin_report_end(client: LanguageClient) -> None:
    await indexed(client)
    kinds = [type(r).__name__ for rs in client.progress_reports.values() for r in rs]
    assert kinds[0] == "WorkDoneProgressBegin" and kinds[-1] == "WorkDoneProgressEnd"
    assert "WorkDoneProgressReport" in kinds


async def test_hover_shows_signature_doc_service_and_owner(client: LanguageClient) -> None:
    await indexed(client)
    uri, text = open_doc(client, SERVICE)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=pos_of(text, "validate_payment(request)", 3),
        )
    )
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert hover.contents.kind == lsp.MarkupKind.Markdown  # VS Code declares Markdown
    md = hover.contents.value
    assert "def validate_payment(request: PaymentRequest, today: date | None = None) -> None" in md
    assert "Validate a payment request" in md
    assert "payments-api" in md and "team-payments" in md
    assert hover.range is not None and hover.range.start == pos_of(text, "validate_payment(req")


async def test_python_completion_through_jedi(client: LanguageClient) -> None:
    await indexed(client)
    text = "from payments_api.validation import luhn_valid\n\nluhn_\n"
    uri, _ = open_doc(client, "services/payments-api/payments_api/scratch.py", text)
    result = await client.text_document_completion_async(
        lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=2, character=5),
        )
    )
    assert result is not None
    items = result.items if isinstance(result, lsp.CompletionList) else result
    assert "luhn_valid" in [i.label for i in items]
    # Members through jedi's inference across workspace modules.
    text2 = "from payments_api.repository import PaymentRepository\nPaymentRepository().\n"
    uri2, _ = open_doc(client, "services/payments-api/payments_api/scratch2.py", text2)
    result2 = await client.text_document_completion_async(
        lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri2),
            position=lsp.Position(line=1, character=20),
        )
    )
    items2 = result2.items if isinstance(result2, lsp.CompletionList) else result2
    assert {"save", "get", "add_refund"} <= {i.label for i in items2}


async def test_go_completion_through_the_index(client: LanguageClient) -> None:
    await indexed(client)
    text = (
        (root(client) / MAIN_GO).read_text().replace("\tlog.Printf(", "\tledger.Val\n\tlog.Printf(")
    )
    uri, _ = open_doc(client, MAIN_GO, text)
    result = await client.text_document_completion_async(
        lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=pos_of(text, "ledger.Val", len("ledger.Val")),
        )
    )
    items = result.items if isinstance(result, lsp.CompletionList) else result
    labels = [i.label for i in items]
    assert labels == ["ValidateEntry"]
    assert items[0].kind == lsp.CompletionItemKind.Function
    assert items[0].detail == "func ValidateEntry(e Entry) error"


async def test_definition_across_files(client: LanguageClient) -> None:
    await indexed(client)
    uri, text = open_doc(client, SERVICE)
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=pos_of(text, "validate_payment(request)", 2),
        )
    )
    assert isinstance(found, list) and len(found) == 1
    target = found[0]
    assert target.uri == (root(client) / VALIDATION).as_uri()
    vtext = (root(client) / VALIDATION).read_text()
    assert target.range.start == pos_of(vtext, "validate_payment(request: PaymentRequest")


async def test_references_find_every_call(client: LanguageClient) -> None:
    await indexed(client)
    uri, text = open_doc(client, VALIDATION)
    refs = await client.text_document_references_async(
        lsp.ReferenceParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=pos_of(text, "def validate_payment", 6),
            context=lsp.ReferenceContext(include_declaration=True),
        )
    )
    assert refs is not None
    by_file: dict[str, list[int]] = {}
    for r in refs:
        by_file.setdefault(Path(r.uri).name, []).append(r.range.start.line)
    assert sorted(by_file) == ["service.py", "test_validation.py", "validation.py"]
    stext = (root(client) / SERVICE).read_text()
    expected = sorted(pos_of(stext, "validate_payment(request)", nth=n).line for n in range(2))
    assert sorted(by_file["service.py"]) == expected


async def test_document_symbols_are_hierarchical(client: LanguageClient) -> None:
    uri, _ = open_doc(client, SERVICE)
    symbols = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )
    assert symbols is not None
    top = [s for s in symbols if isinstance(s, lsp.DocumentSymbol)]
    assert [s.name for s in top] == ["PaymentService"]
    methods = [c.name for c in top[0].children or []]
    assert methods == ["__init__", "create_payment", "retry_declined", "refund"]
    assert top[0].kind == lsp.SymbolKind.Class


async def test_workspace_symbols(client: LanguageClient) -> None:
    await indexed(client)
    found = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query="PostEntry"))
    assert found is not None
    first = found[0]  # WorkspaceSymbol on the wire; pygls may decode it as SymbolInformation
    assert first.name == "PostEntry" and first.container_name == "Ledger"
    assert first.kind == lsp.SymbolKind.Method
    assert isinstance(first.location, lsp.Location)
    assert first.location.uri == (root(client) / POSTING_GO).as_uri()
    cobol = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query="COMPUTE-INT"))
    assert cobol and cobol[0].name == "2100-COMPUTE-INTEREST"


async def test_graph_query(client: LanguageClient) -> None:
    await indexed(client)
    result = await client.protocol.send_request_async(
        "intheflow/graphQuery",
        {
            "query": "MATCH (f:CodeComponent)-[:CALLS]->(g:CodeComponent {name: $name}) "
            "RETURN f.name AS caller ORDER BY caller",
            "params": {"name": "charge_card"},
        },
    )
    assert result.columns == ["caller"]
    assert [row[0] for row in result.rows] == ["create_payment", "retry_declined"]


async def test_graph_query_error_has_a_position(client: LanguageClient) -> None:
    await indexed(client)
    with pytest.raises(JsonRpcException) as err:
        await client.protocol.send_request_async(
            "intheflow/graphQuery", {"query": "MATCH (n) RETURN n UNION ALL"}
        )
    assert "1:" in str(err.value)


async def test_explain_symbol_under_cursor(client: LanguageClient) -> None:
    await indexed(client)
    uri, text = open_doc(client, SERVICE)
    result = await client.protocol.send_request_async(
        "intheflow/explain",
        {"textDocument": {"uri": uri}, "position": pos_of(text, "def create_payment", 6)},
    )
    assert result.found is True
    assert result.node.id == f"component:{SERVICE}#PaymentService.create_payment"
    names = {n.name for n in result.neighbours}
    assert {"validate_payment", "charge_card", "PaymentService"} <= names
    assert "CALLS" in result.markdown and "`validate_payment`" in result.markdown
    nothing = await client.protocol.send_request_async(
        "intheflow/explain", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}
    )
    assert nothing.found is False


async def test_an_edit_reindexes_the_file_into_the_graph(client: LanguageClient) -> None:
    await indexed(client)
    uri, text = open_doc(client, VALIDATION)
    added = "\n\ndef validate_mandate(mandate_id: str) -> None:\n    luhn_valid(mandate_id)\n"
    end = text.count("\n")
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                lsp.TextDocumentContentChangePartial(
                    range=lsp.Range(
                        start=lsp.Position(line=end, character=0),
                        end=lsp.Position(line=end, character=0),
                    ),
                    text=added,
                )
            ],
        )
    )
    query = {
        "query": "MATCH (f {name: 'validate_mandate'})-[:CALLS]->(g) RETURN g.name",
        "params": {},
    }
    for _ in range(100):
        result = await client.protocol.send_request_async("intheflow/graphQuery", query)
        if result.rows:
            break
        await asyncio.sleep(0.05)
    assert result.rows == [["luhn_valid"]]


async def test_cancelled_request_returns_request_cancelled(client: LanguageClient) -> None:
    await indexed(client)
    # About a second of work on the example graph (hundreds of thousands of paths).
    slow = {"query": "MATCH (a)-[*1..3]-(b) RETURN count(*) AS n", "params": {}}
    loop = asyncio.get_running_loop()
    future = asyncio.ensure_future(
        client.protocol.send_request_async("intheflow/graphQuery", slow, msg_id="slow-1")
    )
    await asyncio.sleep(0.02)  # the server has started the query (it takes ≥ 0.1 s warm)
    assert not future.done()
    cancelled_at = loop.time()
    client.protocol.notify("$/cancelRequest", lsp.CancelParams(id="slow-1"))
    with pytest.raises(JsonRpcException) as err:
        await future
    assert err.value.code == lsp.LSPErrorCodes.RequestCancelled  # type: ignore[attr-defined]
    assert loop.time() - cancelled_at < 0.5, "a cancelled request answers at once"
    # The server is still answering.
    found = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query="refund"))
    assert found


async def test_bad_input_never_kills_the_server(client: LanguageClient) -> None:
    await indexed(client)
    uri, _ = open_doc(client, "services/ledger/ledger/broken.go", "package ledger\nfunc (((\n")
    symbols = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )
    assert symbols == []
    hover = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=99, character=99),
        )
    )
    assert hover is None
    with pytest.raises(JsonRpcException):
        await client.protocol.send_request_async("intheflow/graphQuery", {"nope": 1})
    found = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query="Balance"))
    assert found


async def test_code_lens_implements_term(client: LanguageClient) -> None:
    await indexed(client)
    uri, text = open_doc(client, VALIDATION)
    lenses = await client.text_document_code_lens_async(
        lsp.CodeLensParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )
    assert lenses
    on_validate = [
        lens
        for lens in lenses
        if lens.range.start == pos_of(text, "validate_payment(request: PaymentRequest")
    ]
    titles = {lens.command.title for lens in on_validate if lens.command}
    assert "implements Card Validation" in titles
    command = on_validate[0].command
    assert command is not None and command.arguments is not None
    assert command.arguments[1] == f"component:{VALIDATION}#validate_payment"
