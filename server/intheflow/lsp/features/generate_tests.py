"""The `intheflow.ai.generateTests` command behind the "Generate tests for this function" action.

Runs the closed loop (tests only; the module is fixed) in the AI worker with work-done progress,
then creates the test file through workspace/applyEdit when the tests pass, or tells the user
why not (with the last errors).
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp

from intheflow.ai.actions import COMMAND, adapt_tests, test_file_for
from intheflow.ai.generate import generate
from intheflow.ai.provider import CancelToken
from intheflow.ai.rules_bridge import code_rule_check
from intheflow.ai.runners import LAYOUTS
from intheflow.lsp.convert import path_to_uri
from intheflow.lsp.features.chat import ai_session

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer


def register(server: IntheflowServer) -> None:
    # pygls resolves command handler annotations at call time, so `ls` is typed Any here.
    @server.command(COMMAND)
    async def generate_tests(ls: Any, *raw: Any) -> dict[str, Any]:
        args = list(raw[0]) if len(raw) == 1 and isinstance(raw[0], list) else list(raw)
        if len(args) < 2:
            return {"accepted": False, "message": "expected [path, qualname]"}
        path, qualname = str(args[0]), str(args[1])
        svc = ai_session(ls)
        status = await asyncio.to_thread(svc.wait_ready, 600)
        if not status.available:
            return {"accepted": False, "message": f"AI unavailable: {status.detail}"}
        try:
            code = ls.document(path_to_uri(path)).text
        except Exception:
            code = Path(path).read_text()
        token = f"intheflow-generate-{id(args)}"
        cancel = CancelToken()
        loop = asyncio.get_running_loop()
        await ls.work_done_progress.create_async(token)
        ls.work_done_progress.begin(
            token,
            lsp.WorkDoneProgressBegin(title=f"Generating tests for {qualname}", cancellable=False),
        )

        def on_log(line: str) -> None:
            first = line.splitlines()[0] if line else ""
            loop.call_soon_threadsafe(
                ls.work_done_progress.report, token, lsp.WorkDoneProgressReport(message=first)
            )

        sandbox = Path(tempfile.mkdtemp(prefix="intheflow-tests-"))
        report = await loop.run_in_executor(
            svc.worker,
            lambda: generate(
                svc.provider,
                f"unit tests for the function {qualname}",
                "python",
                sandbox,
                fixed_code=code,
                rule_check=code_rule_check(ls.root),
                on_log=on_log,
                cancel=cancel,
                deadline_s=svc.settings.request_deadline_s,
            ),
        )
        ls.work_done_progress.end(token, lsp.WorkDoneProgressEnd(message="done"))
        if not report.accepted:
            errors = report.last_errors.strip().splitlines()
            message = (
                f"No tests accepted for {qualname} after {len(report.rounds)} round(s): "
                f"{errors[-1] if errors else 'no answer'}"
            )
            ls.window_show_message(
                lsp.ShowMessageParams(type=lsp.MessageType.Warning, message=message)
            )
            return {"accepted": False, "message": message, "rounds": len(report.rounds)}
        tests = adapt_tests((sandbox / LAYOUTS["python"].tests).read_text(), path)
        target = test_file_for(path, qualname)
        uri = path_to_uri(str(target))
        edit = lsp.WorkspaceEdit(
            document_changes=[
                lsp.CreateFile(uri=uri, options=lsp.CreateFileOptions(overwrite=True)),
                lsp.TextDocumentEdit(
                    text_document=lsp.OptionalVersionedTextDocumentIdentifier(
                        uri=uri, version=None
                    ),
                    edits=[
                        lsp.TextEdit(
                            range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), new_text=tests
                        )
                    ],
                ),
            ]
        )
        await ls.workspace_apply_edit_async(lsp.ApplyWorkspaceEditParams(edit=edit))
        return {"accepted": True, "path": str(target), "rounds": len(report.rounds)}
