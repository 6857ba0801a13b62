"""The `intheflow.ai.generateTests` command behind the "Generate tests for this function" action.

Runs the closed loop (tests only; the module is fixed) in the AI worker with work-done progress,
then, when the tests pass, writes them through workspace/applyEdit (a new file next to the
module; for Rust, a tests module appended to the file), or tells the user why not (with the
last errors). Python, Go, Java and Rust (see ai/actions.py).
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp

from intheflow.ai.actions import (
    COMMAND,
    adapt_tests,
    generated_tests_path,
    inline_tests,
    sandbox_for,
)
from intheflow.ai.generate import generate
from intheflow.ai.provider import CancelToken
from intheflow.ai.rules_bridge import code_rule_check
from intheflow.ai.runners import LAYOUTS
from intheflow.core.documents import language_of
from intheflow.core.text import Position
from intheflow.lsp.convert import path_to_uri, position_to_lsp
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

        language = language_of(Path(path))
        if language not in LAYOUTS:
            return {"accepted": False, "message": f"no test generation for {language} files"}
        inputs = sandbox_for(language, path)
        sandbox = Path(tempfile.mkdtemp(prefix="intheflow-tests-"))
        report = await loop.run_in_executor(
            svc.worker,
            lambda: generate(
                svc.provider,
                f"unit tests for the function {qualname}",
                language,
                sandbox,
                fixed_code=code,
                code_name=inputs.code_name,
                extra_files=inputs.extra_files,
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
        written = (sandbox / LAYOUTS[language].tests).read_text()
        target = generated_tests_path(path, qualname, language)
        if language == "rust":
            edit = _append(path_to_uri(str(target)), code, "\n" + inline_tests(written, code))
        else:
            edit = _create(path_to_uri(str(target)), adapt_tests(written, path, language, qualname))
        await ls.workspace_apply_edit_async(lsp.ApplyWorkspaceEditParams(edit=edit))
        return {"accepted": True, "path": str(target), "rounds": len(report.rounds)}


def _create(uri: str, text: str) -> lsp.WorkspaceEdit:
    return lsp.WorkspaceEdit(
        document_changes=[
            lsp.CreateFile(uri=uri, options=lsp.CreateFileOptions(overwrite=True)),
            _insert(uri, lsp.Position(0, 0), text),
        ]
    )


def _append(uri: str, code: str, text: str) -> lsp.WorkspaceEdit:
    lines = code.split("\n")
    end = position_to_lsp(Position(len(lines) - 1, len(lines[-1])), lines)
    return lsp.WorkspaceEdit(document_changes=[_insert(uri, end, text)])


def _insert(uri: str, at: lsp.Position, text: str) -> lsp.TextDocumentEdit:
    return lsp.TextDocumentEdit(
        text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None),
        edits=[lsp.TextEdit(range=lsp.Range(at, at), new_text=text)],
    )
