"""AI session, `intheflow/chat` (streamed as $/progress pieces) and `intheflow/aiStatus`.

The AI service is created on first use from initializationOptions["ai"] and loads its model in
its own worker thread; handlers only convert and await. When the AI is unavailable the user gets
one warning message, and chat answers say why; no other feature is affected.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
from lsprotocol import types as lsp

from intheflow.ai.chat import ChatRequest, answer
from intheflow.ai.provider import CancelToken
from intheflow.ai.service import AIService
from intheflow.lsp.convert import uri_to_path
from intheflow.protocol.ai import AiStatusParams, AiStatusResult, ChatParams, ChatResult

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer

CHAT = "intheflow/chat"
AI_STATUS = "intheflow/aiStatus"


def ai_session(ls: IntheflowServer) -> AIService:
    svc: AIService | None = ls.state.get("ai")
    if svc is None:
        svc = AIService(ls.root, ls.settings.get("ai"))
        loop = asyncio.get_running_loop()

        def warn(detail: str) -> None:
            message = f"intheflow AI is unavailable: {detail}. Other features keep working."
            loop.call_soon_threadsafe(
                ls.window_show_message,
                lsp.ShowMessageParams(type=lsp.MessageType.Warning, message=message),
            )

        svc.on_unavailable = warn
        for problem in svc.problems:
            ls.window_log_message(
                lsp.LogMessageParams(type=lsp.MessageType.Warning, message=f"settings: {problem}")
            )
        ls.state["ai"] = svc
        svc.start()
        _follow_documents_for_rag(ls, svc)
    return svc


def _follow_documents_for_rag(ls: IntheflowServer, svc: AIService) -> None:
    """A saved document is re-indexed at once (sync.py calls document listeners)."""
    from intheflow.ai.rag_session import start_rag

    session = start_rag(svc)
    if session is None:
        return
    ls.state["ai_rag"] = session

    def on_document(ls: IntheflowServer, uri: str, event: str) -> None:
        if event == "save" and uri.startswith("file:"):
            text = ls.workspace.get_text_document(uri).source
            session.document_saved(Path(uri_to_path(uri)), text)

    ls.state.setdefault("document_listeners", []).append(on_document)


def _params(raw: object, cls: type[msgspec.Struct]) -> msgspec.Struct:
    # pygls hands params of custom methods over as named tuples (or dicts, or attrs objects).
    return msgspec.convert(_plain(raw), cls)


def _plain(obj: object) -> object:
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if hasattr(obj, "_asdict"):
        return {k: _plain(v) for k, v in obj._asdict().items()}
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    if hasattr(obj, "__dict__") and not isinstance(obj, type):
        return {k: _plain(v) for k, v in vars(obj).items()}
    return obj


def register(server: IntheflowServer) -> None:
    @server.feature(AI_STATUS)
    async def ai_status(ls: IntheflowServer, raw: object) -> dict[str, object]:
        try:
            params = _params(raw or {}, AiStatusParams)
        except msgspec.ValidationError:
            params = AiStatusParams()
        assert isinstance(params, AiStatusParams)
        svc = ai_session(ls)
        if params.wait_seconds > 0:
            await asyncio.to_thread(svc.wait_ready, params.wait_seconds)
        st = svc.status()
        result = AiStatusResult(
            available=st.available,
            ready=st.ready,
            provider=st.provider,
            detail=st.detail,
            load_seconds=st.load_seconds,
        )
        return msgspec.to_builtins(result)  # type: ignore[no-any-return]

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(ls: IntheflowServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        session = ls.state.get("ai_rag")  # file events never start the AI by themselves
        if session is not None:
            for change in params.changes:
                if change.uri.startswith("file:"):
                    session.file_changed(Path(uri_to_path(change.uri)))

    @server.feature(CHAT)
    async def chat(ls: IntheflowServer, raw: object) -> dict[str, object]:

        try:
            params = _params(raw, ChatParams)
        except msgspec.ValidationError as exc:
            return msgspec.to_builtins(  # type: ignore[no-any-return]
                ChatResult(
                    text=f"bad intheflow/chat params: {exc}", available=False, finish="error"
                )
            )
        assert isinstance(params, ChatParams)
        svc = ai_session(ls)
        loop = asyncio.get_running_loop()
        token = params.partial_result_token
        cancel = CancelToken()
        progress = _WorkDone(ls, params.work_done_token, cancel)
        last_sent = [0.0]
        buffer: list[str] = []
        answered: list[str] = []

        def flush() -> None:
            if buffer:
                piece = "".join(buffer)
                buffer.clear()
                answered.append(piece)
                if token is not None:
                    ls.progress(lsp.ProgressParams(token=token, value={"text": piece}))
                progress.report("".join(answered))

        def on_piece(piece: str) -> None:
            # Called in the worker thread; batch pieces so the client gets ≤ 50 messages/s.
            def send() -> None:
                buffer.append(piece)
                now = time.perf_counter()
                if now - last_sent[0] >= 0.02:
                    last_sent[0] = now
                    flush()

            loop.call_soon_threadsafe(send)

        context = params.context
        req = ChatRequest(
            question=params.question,
            path=_path_of(context.uri) if context else "",
            text=context.text if context else "",
            language=context.language_id if context else "",
            start_line=context.start_line if context else 0,
            end_line=context.end_line if context else 0,
            selection=context.selection if context else False,
        )
        if not context or not context.text:
            req = _with_open_document(ls, req, context.uri if context else "")
        finish = "cancelled"
        try:
            await asyncio.to_thread(svc.wait_ready, 120)
            fut = loop.run_in_executor(svc.worker, answer, svc, req, cancel, on_piece)
            try:
                result = await asyncio.shield(fut)
            except asyncio.CancelledError:
                cancel.cancel()  # the worker stops at the next token
                raise
            await asyncio.sleep(0)  # let queued piece callbacks run before the final flush
            flush()
            finish = result.finish or "stop"
        finally:
            progress.end(finish)
        return msgspec.to_builtins(result)  # type: ignore[no-any-return]


class _WorkDone:
    """`$/progress` begin/report/end on the request's workDoneToken, when the client sent one;
    the client's window/workDoneProgress/cancel cancels the answer like `$/cancelRequest`."""

    def __init__(self, ls: IntheflowServer, token: str | int | None, cancel: CancelToken) -> None:
        self.ls, self.token = ls, token
        if token is None:
            return
        ls.work_done_progress.begin(
            token, lsp.WorkDoneProgressBegin(title="intheflow chat", cancellable=True)
        )
        # pygls cancels this future when the client cancels the progress.
        ls.work_done_progress.tokens[token].add_done_callback(lambda _: cancel.cancel())

    def report(self, answer: str) -> None:
        if self.token is not None:
            tail = answer.strip().rsplit("\n", 1)[-1]
            message = tail if len(tail) <= 80 else "…" + tail[-79:]
            self.ls.work_done_progress.report(
                self.token, lsp.WorkDoneProgressReport(message=message)
            )

    def end(self, finish: str) -> None:
        if self.token is not None:
            self.ls.work_done_progress.end(self.token, lsp.WorkDoneProgressEnd(message=finish))
            self.ls.work_done_progress.tokens.pop(self.token, None)


def _path_of(uri: str) -> str:
    return uri_to_path(uri) if uri else ""


def _with_open_document(ls: IntheflowServer, req: ChatRequest, uri: str) -> ChatRequest:

    if not uri:
        return req
    try:
        doc = ls.document(uri)
    except Exception:
        return req
    return replace(req, text=doc.text, language=doc.language)
