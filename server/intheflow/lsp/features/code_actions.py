"""Code actions: quick-fixes rebuilt from Diagnostic.data (no server cache), source.fixAll, and
refactors from the core action providers. Honours context.only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from intheflow.actions import provide_actions
from intheflow.lsp.convert import (
    edits_to_workspace_edit,
    fixes_from_data,
    range_from_lsp,
)

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer

FIX_ALL = "source.fixAll.intheflow"
KINDS = [lsp.CodeActionKind.QuickFix, FIX_ALL, lsp.CodeActionKind.Refactor]


def _wanted(kind: str, only: list[str] | None) -> bool:
    return only is None or any(kind == o or kind.startswith(o + ".") for o in only)


def register(server: IntheflowServer) -> None:
    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=KINDS, resolve_provider=False),
    )
    def code_action(ls: IntheflowServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        only = [str(k) for k in params.context.only] if params.context.only else None
        doc = ls.document(uri)
        lines = doc.text.splitlines()
        lines_of = {doc.path: lines}
        out: list[lsp.CodeAction] = []
        all_edits = []
        for diag in params.context.diagnostics:
            for fix in fixes_from_data(diag.data):
                all_edits.extend(fix.edits)
                if _wanted(lsp.CodeActionKind.QuickFix, only):
                    out.append(
                        lsp.CodeAction(
                            title=fix.title,
                            kind=lsp.CodeActionKind.QuickFix,
                            diagnostics=[diag],
                            is_preferred=fix.preferred or None,
                            edit=edits_to_workspace_edit(fix.edits, lines_of),
                        )
                    )
        if all_edits and only is not None and _wanted(FIX_ALL, only):
            out.append(
                lsp.CodeAction(
                    title="Fix all intheflow problems",
                    kind=FIX_ALL,
                    edit=edits_to_workspace_edit(all_edits, lines_of),
                )
            )
        rng = range_from_lsp(params.range, lines)
        for action in provide_actions(doc, rng, ls.ctx):
            if not _wanted(action.kind, only):
                continue
            command = (
                lsp.Command(title=action.title, command=action.command, arguments=action.arguments)
                if action.command
                else None
            )
            out.append(
                lsp.CodeAction(
                    title=action.title,
                    kind=action.kind,
                    edit=edits_to_workspace_edit(action.edits, lines_of, action.create_files)
                    if action.edits or action.create_files
                    else None,
                    command=command,
                )
            )
        return out
