"""Complete a process user task from the editor (the CLI's `process complete-task`).

The request `intheflow/completeTask` (params `CompleteTaskParams`, schema in
shared/schemas/methods/) and, as aliases, the workspace/executeCommand commands
`intheflow.process.completeTask [instance, task, variables?, db?]` and
`intheflow.process.waitingTasks [db?]`. The database defaults to the workspace's
`.intheflow/process.db`.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import msgspec
from pygls.exceptions import JsonRpcInvalidParams

from intheflow.process.service import complete_task, waiting_tasks
from intheflow.protocol import from_wire, to_wire
from intheflow.protocol.process import CompleteTaskParams, CompleteTaskResult

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer

METHOD = "intheflow/completeTask"
COMPLETE = "intheflow.process.completeTask"
WAITING = "intheflow.process.waitingTasks"


def _values(args: tuple[Any, ...]) -> list[Any]:
    return list(args[0]) if len(args) == 1 and isinstance(args[0], list) else list(args)


def register(server: IntheflowServer) -> None:
    # pygls resolves handler annotations at call time, so `ls` is typed Any here.
    @server.feature(METHOD)
    async def complete_request(ls: Any, params: Any) -> Any:
        try:
            p = from_wire(CompleteTaskParams, params)
        except msgspec.ValidationError as exc:
            raise JsonRpcInvalidParams(f"{METHOD}: {exc}") from exc
        done = await asyncio.to_thread(
            complete_task, ls.root, p.instance, p.task, p.variables, p.db or None
        )
        return to_wire(msgspec.convert(done, CompleteTaskResult))

    @server.command(COMPLETE)
    async def complete(ls: Any, *args: Any) -> dict[str, Any]:
        values = _values(args)
        if len(values) < 2 or not all(isinstance(v, str) for v in values[:2]):
            return {"ok": False, "message": "expected [instance, task, variables?, db?]"}
        variables = values[2] if len(values) > 2 and isinstance(values[2], dict) else {}
        db = values[3] if len(values) > 3 and isinstance(values[3], str) else None
        return await asyncio.to_thread(complete_task, ls.root, values[0], values[1], variables, db)

    @server.command(WAITING)
    async def waiting(ls: Any, *args: Any) -> dict[str, Any]:
        values = _values(args)
        db = values[0] if values and isinstance(values[0], str) else None
        return await asyncio.to_thread(waiting_tasks, ls.root, db)
