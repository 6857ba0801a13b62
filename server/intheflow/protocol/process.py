"""Wire types of the process request `intheflow/completeTask` (client → server): complete a
waiting user task (or deliver a message) and run the instance until it waits or ends."""

from __future__ import annotations

from typing import Any

import msgspec


class CompleteTaskParams(msgspec.Struct, rename="camel", omit_defaults=True):
    instance: str
    task: str
    variables: dict[str, Any] = {}
    db: str = ""  # postgresql://… or a SQLite path; default: the workspace's process.db


class CompleteTaskResult(msgspec.Struct, rename="camel", omit_defaults=True):
    ok: bool
    message: str = ""  # why not, when ok is false
    instance: str = ""
    status: str = ""
    steps: int = 0
    waiting: list[str] = []
    variables: dict[str, Any] = {}
