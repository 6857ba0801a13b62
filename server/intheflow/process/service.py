"""Process operations for the editor and other front ends (plain data in, plain data out).

The LSP commands in lsp/features/process_tasks.py call these; errors come back as
`{"ok": false, "message": ...}`, never as exceptions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec

from intheflow.process.decisions import WorkspaceDecisions
from intheflow.process.engine import Engine
from intheflow.process.functions import builtins
from intheflow.process.runtime import Runtime, RuntimeError_
from intheflow.process.store import open_store


def _runtime(root: Path, db: str | None, folder: Path | None = None) -> Runtime:
    store = open_store(db, root / ".intheflow" / "process.db")
    decisions = WorkspaceDecisions.load(folder) if folder is not None else WorkspaceDecisions()
    return Runtime(store, Engine(builtins, decisions))


def _model_folder(rt: Runtime, instance: str) -> Path | None:
    row = rt.store.row(instance)
    found = rt.store.get_model(row.model) if row is not None else None
    if not found or not found[0]:
        return None
    folder = Path(found[0]).parent
    return folder if folder.is_dir() else None


def waiting_tasks(root: Path, db: str | None = None) -> dict[str, Any]:
    """Every user task waiting for a person, across the workspace's instances."""
    try:
        rt = _runtime(root, db)
    except Exception as exc:
        return {"ok": False, "message": f"process store: {exc}"}
    try:
        tasks = []
        for row in rt.store.instances("waiting"):
            state = rt.state(row.id)
            for t in state.tokens:
                if t.status == "waiting":
                    tasks.append({"instance": row.id, "process": row.process, "task": t.node})
        return {"ok": True, "tasks": tasks}
    finally:
        rt.store.close()


def complete_task(
    root: Path, instance: str, task: str, variables: dict[str, Any], db: str | None = None
) -> dict[str, Any]:
    """Complete a waiting user task and run the instance until it waits or ends."""
    try:
        rt = _runtime(root, db)
    except Exception as exc:
        return {"ok": False, "message": f"process store: {exc}"}
    try:
        folder = _model_folder(rt, instance)
        if folder is not None:
            rt.store.close()
            rt = _runtime(root, db, folder)
        rt.complete_task(instance, task, variables)
        state = rt.run(instance)
        return {
            "ok": True,
            "instance": state.id,
            "status": state.status,
            "steps": state.steps,
            "waiting": [t.node for t in state.tokens if t.status == "waiting"],
            "variables": msgspec.to_builtins(state.variables),
        }
    except RuntimeError_ as exc:
        return {"ok": False, "message": str(exc)}
    finally:
        rt.store.close()
