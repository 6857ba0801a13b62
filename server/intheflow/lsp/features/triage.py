"""intheflow/triage: rank probable causes of an alert (observe/service.py does the work)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import msgspec
from pygls.exceptions import JsonRpcInvalidParams

from intheflow.observe.service import triage_payload
from intheflow.protocol import from_wire, to_wire
from intheflow.protocol.gitops import TriageParams

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer

METHOD = "intheflow/triage"


def register(server: IntheflowServer) -> None:
    @server.feature(METHOD)
    async def triage(ls: IntheflowServer, params: Any) -> Any:
        try:
            p = from_wire(TriageParams, params)
        except msgspec.ValidationError as exc:
            raise JsonRpcInvalidParams(f"{METHOD}: {exc}") from exc
        result = await asyncio.to_thread(triage_payload, ls.root, ls.settings, p.alert)
        return to_wire(result)
