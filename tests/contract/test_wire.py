"""Over the wire: the real server decodes a valid message of every custom method it handles.

pygls hands params of methods it does not know to the handler as nested namedtuples; a handler
that decodes them wrongly answers every real client with a validation error. Each method gets
the smallest message its schema allows; the answer may be a result or a domain error, but never
a complaint about the shape of valid params.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_lsp
from contract import load_methods, minimal_instance
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pytest_lsp import ClientServerConfig, LanguageClient

SERVER = [sys.executable, "-m", "intheflow", "serve", "--stdio"]
REQUESTS = [m for m in load_methods() if m.kind == "request" and m.direction == "clientToServer"]
# msgspec's words for a params shape that does not match the type.
SHAPE_ERRORS = ("Expected `", "Object missing required field", "Object contains unknown field")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[LanguageClient]:
    (tmp_path / "app.py").write_text("def f():\n    return 1\n", encoding="utf-8")
    result = await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            root_uri=tmp_path.as_uri(),
            workspace_folders=[lsp.WorkspaceFolder(uri=tmp_path.as_uri(), name="w")],
            # No model and a throw-away graph: this test is about message shapes only.
            initialization_options={"ai": {"provider": "off"}, "graph": {"url": ":memory:"}},
        )
    )
    provider = result.capabilities.execute_command_provider
    lsp_client.advertised_commands = list(provider.commands) if provider else []  # type: ignore[attr-defined]
    yield lsp_client
    await lsp_client.shutdown_session()


def test_minimal_instances_are_valid() -> None:
    import jsonschema

    for m in REQUESTS:
        params = minimal_instance(m.part("params"), m.defs)
        schema = {**m.part("params"), "$defs": m.defs}
        jsonschema.validate(params, schema, cls=jsonschema.Draft202012Validator)


async def test_every_request_accepts_its_valid_params(client: LanguageClient) -> None:
    rejected: dict[str, str] = {}
    for m in REQUESTS:
        params = minimal_instance(m.part("params"), m.defs)
        try:
            # A handler may also report bad params inside a result (e.g. a chat answer).
            text = repr(await client.protocol.send_request_async(m.method, params))
        except JsonRpcException as exc:
            text = exc.message
        if any(marker in text for marker in SHAPE_ERRORS):
            rejected[m.method] = f"{params!r} -> {text.strip()[:300]}"
    assert rejected == {}, "valid params rejected: decode them with intheflow.protocol.from_wire"


async def test_every_advertised_command_can_be_dispatched(client: LanguageClient) -> None:
    """A command whose handler pygls cannot even inspect (e.g. a type hint that only exists
    under TYPE_CHECKING) fails for every caller; called without arguments, each command must
    answer or refuse the arguments, never fail to dispatch."""
    commands: list[str] = client.advertised_commands  # type: ignore[attr-defined]
    assert "intheflow.transpile.verify" in commands
    broken: dict[str, str] = {}
    for command in commands:
        try:
            await client.workspace_execute_command_async(
                lsp.ExecuteCommandParams(command=command, arguments=[])
            )
        except JsonRpcException as exc:
            if "is not defined" in exc.message:
                broken[command] = exc.message
    assert broken == {}, "commands pygls cannot dispatch (a TYPE_CHECKING-only type hint?)"
