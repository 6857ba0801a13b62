"""Complete a process user task from the editor over stdio: the request `intheflow/completeTask`
and its alias, the command `intheflow.process.completeTask`."""

from __future__ import annotations

from pathlib import Path

import pytest
from intheflow.cli import main
from intheflow.protocol import plain
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient


def start_a_payment_that_waits_for_review(client: LanguageClient, instance: str) -> None:
    root: Path = client.workspace_root  # type: ignore[attr-defined]
    db = str(root / ".intheflow" / "process.db")
    model = str(root / "processes" / "charge-a-card.bpmn")
    argv = ["process", "run", model, "--db", db, "--id", instance, "--var", "amount=3000"]
    assert main([*argv, '--var=card_number="4111111111111111"']) == 0


async def test_complete_a_waiting_review_from_the_editor(client: LanguageClient) -> None:
    start_a_payment_that_waits_for_review(client, "e2e-1")

    listed = await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command="intheflow.process.waitingTasks", arguments=[])
    )
    assert listed["ok"] is True
    assert {"instance": "e2e-1", "process": "charge_a_card", "task": "Task_review"} in listed[
        "tasks"
    ]
    done = await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(
            command="intheflow.process.completeTask",
            arguments=["e2e-1", "Task_review", {"approved": True}],
        )
    )
    assert done["ok"] is True and done["status"] == "completed"
    assert done["variables"]["charge_id"].startswith("ch_")
    again = await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(
            command="intheflow.process.completeTask", arguments=["e2e-1", "Task_review"]
        )
    )
    assert again["ok"] is False and "no waiting task" in again["message"]


async def test_complete_task_request_runs_the_instance_on(client: LanguageClient) -> None:
    start_a_payment_that_waits_for_review(client, "e2e-2")

    done = plain(
        await client.protocol.send_request_async(
            "intheflow/completeTask",
            {"instance": "e2e-2", "task": "Task_review", "variables": {"approved": True}},
        )
    )
    assert done["ok"] is True and done["status"] == "completed"
    assert "waiting" not in done  # empty lists are left out on the wire
    assert done["variables"]["charge_id"].startswith("ch_")
    again = plain(
        await client.protocol.send_request_async(
            "intheflow/completeTask", {"instance": "e2e-2", "task": "Task_review"}
        )
    )
    assert again["ok"] is False and "no waiting task" in again["message"]
    with pytest.raises(JsonRpcException, match="instance"):  # params without the instance
        await client.protocol.send_request_async("intheflow/completeTask", {"task": "Task_review"})
