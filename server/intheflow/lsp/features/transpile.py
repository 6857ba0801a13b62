"""COBOL in the editor: hover on data items (decoded PICTURE, storage, offset) chained in front of
the general hover, and the background verification behind "Transpile to …" code actions
(`$/progress`, cancellable, verdict as `intheflow/transpileVerdict` plus a diagnostic)."""

from __future__ import annotations

import asyncio
import logging
import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
from lsprotocol import types as lsp

from intheflow.analysis import analyze_document
from intheflow.core.documents import Document
from intheflow.lsp.convert import diagnostic_to_lsp, markup, path_to_uri, range_to_lsp
from intheflow.lsp.features.hover import add_hover_provider
from intheflow.lsp.index_state import supports_markdown
from intheflow.protocol.transpile import TranspileVerdictParams
from intheflow.transpile.actions import VERIFY_COMMAND
from intheflow.transpile.hover import data_item_hover
from intheflow.transpile.verdicts import StoredVerdict, record
from intheflow.transpile.verify.toolchain import ToolMissing

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer

log = logging.getLogger(__name__)
COBOL_SUFFIXES = (".cbl", ".cob", ".cpy")
VERDICT_METHOD = "intheflow/transpileVerdict"


def _is_cobol(uri: str) -> bool:
    return uri.lower().endswith(COBOL_SUFFIXES)


async def cobol_hover(ls: IntheflowServer, params: lsp.HoverParams) -> lsp.Hover | None:
    doc = ls.document(params.text_document.uri)
    pos = params.position
    info = await asyncio.to_thread(data_item_hover, doc.text, doc.path, pos.line, pos.character)
    if info is None:
        return None
    return lsp.Hover(
        contents=markup(info.markdown, supports_markdown(ls, "hover")),
        range=range_to_lsp(info.range, doc.lines),
    )


def verify_in_thread(
    path: str, target: str, out: str, report: Any, cancelled: Any
) -> StoredVerdict:
    """Run the closed loop for one program and one target; plain data in and out."""
    from intheflow.transpile.service import transpile_paths

    targets = ("rust", "java", "go") if target == "all" else (target,)
    with tempfile.TemporaryDirectory(prefix="intheflow-lsp-verify-") as scratch:
        try:
            results = transpile_paths(
                [Path(path)], Path(out) if out else Path(scratch), targets, verify=True,
                progress=report, cancelled=cancelled,
            )  # fmt: skip
        except ToolMissing as exc:
            return StoredVerdict(False, f"cannot verify: {exc}")
    r = results[0]
    if r.verdict is None:
        problems = "; ".join(p.message for p in r.translation.problems[:3])
        return StoredVerdict(False, "not translated", problems)
    verdict = r.verdict
    summary = ", ".join(f"{t} {verdict.results.get(t, 'not run')}" for t in targets)
    if r.translation.state_machine_note:  # the last resort is reported, not hidden
        summary += ", " + r.translation.state_machine_note
    detail = verdict.mismatches[0].first_field if verdict.mismatches else ""
    if not detail and verdict.errors:
        first = next(iter(verdict.errors.items()))
        lines = first[1].strip().splitlines()
        detail = f"{first[0]} build failed: {lines[0] if lines else ''}"
    return StoredVerdict(verdict.passed, summary, detail)


def register(server: IntheflowServer) -> None:
    # Not exclusive: on a paragraph or copybook name the general hover still has something to say.
    add_hover_provider(server, _is_cobol, cobol_hover, exclusive=False)

    background: set[asyncio.Task[None]] = set()

    @server.command(VERIFY_COMMAND)
    async def verify(ls: Any, *args: Any) -> dict[str, Any]:
        values = list(args[0]) if len(args) == 1 and isinstance(args[0], list) else list(args)
        if not values or not isinstance(values[0], str):
            return {"started": False, "message": "expected [path, target, outDir]"}
        path = values[0]
        target = values[1] if len(values) > 1 and values[1] in ("rust", "java", "go") else "all"
        out = values[2] if len(values) > 2 and isinstance(values[2], str) else ""
        token = f"intheflow/transpile/{uuid.uuid4().hex[:8]}"
        task = asyncio.ensure_future(_run_verification(ls, path, target, out, token))
        background.add(task)
        task.add_done_callback(background.discard)
        return {"started": True, "token": token}


async def _run_verification(
    ls: IntheflowServer, path: str, target: str, out: str, token: str
) -> None:
    loop = asyncio.get_running_loop()
    caps = ls.client_capabilities
    progress = bool(caps and caps.window and caps.window.work_done_progress)
    if progress:
        try:
            await ls.work_done_progress.create_async(token)
            ls.work_done_progress.begin(
                token,
                lsp.WorkDoneProgressBegin(
                    title=f"Verifying {Path(path).name} ({target})", cancellable=True
                ),
            )
        except Exception:
            log.warning("client refused a progress token; verifying without progress")
            progress = False

    def report(message: str) -> None:
        if progress:
            value = lsp.WorkDoneProgressReport(message=message)
            loop.call_soon_threadsafe(ls.work_done_progress.report, token, value)

    def cancelled() -> bool:
        fut = ls.work_done_progress.tokens.get(token)
        return bool(fut is not None and fut.cancelled())

    try:
        verdict = await asyncio.to_thread(verify_in_thread, path, target, out, report, cancelled)
    except Exception as exc:  # the server keeps running whatever the toolchains do
        log.exception("verification of %s failed", path)
        verdict = StoredVerdict(False, f"verification failed: {type(exc).__name__}: {exc}")
    was_cancelled = cancelled()
    if was_cancelled:
        verdict = StoredVerdict(False, "cancelled")
    record(path, verdict)
    if progress:
        ls.work_done_progress.end(token, lsp.WorkDoneProgressEnd(message=verdict.summary))
    params = TranspileVerdictParams(
        uri=path_to_uri(path), passed=verdict.passed, results=_results(verdict.summary),
        summary=verdict.summary, first_difference=verdict.detail, cancelled=was_cancelled,
    )  # fmt: skip
    ls.protocol.notify(VERDICT_METHOD, msgspec.to_builtins(params))
    await _republish(ls, path)


def _results(summary: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in summary.split(", "):
        name, _, status = part.partition(" ")
        if name in ("rust", "java", "go"):
            out[name] = status
    return out


async def _republish(ls: IntheflowServer, path: str) -> None:
    """Publish the file's diagnostics again so the verdict diagnostic appears."""
    uri = path_to_uri(path)
    td = ls.workspace.text_documents.get(uri)
    if td is not None:
        doc = Document(path=path, text=td.source, version=td.version)
    else:
        try:
            doc = Document(path=path, text=Path(path).read_text(errors="replace"))
        except OSError:
            return
    diags = await asyncio.to_thread(analyze_document, doc, ls.ctx)
    lines = doc.text.splitlines()
    ls.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(
            uri=uri, version=doc.version, diagnostics=[diagnostic_to_lsp(d, lines) for d in diags]
        )
    )
