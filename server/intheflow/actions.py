"""Code-action providers: plain functions that offer refactors for a range of a document.

Quick-fixes for diagnostics travel inside the diagnostics themselves (see core.diagnostics.Fix);
this registry is for actions that are not tied to a diagnostic, such as "Transpile to Rust".
Providers live in `intheflow/<pkg>/actions.py`, each exposing
`provide_actions(doc, range, ctx) -> list[Action]` (see plugins.py).
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

import msgspec

from intheflow.analysis import AnalysisContext
from intheflow.core.diagnostics import TextEdit
from intheflow.core.documents import Document
from intheflow.core.text import Range
from intheflow.plugins import discover

log = logging.getLogger(__name__)


class Action(msgspec.Struct, frozen=True):
    title: str
    kind: str  # an LSP CodeActionKind string, e.g. "refactor.rewrite"
    edits: list[TextEdit] = []
    create_files: list[str] = []
    # A server command run after the edit is applied (e.g. start a background verification).
    command: str | None = None
    arguments: list[Any] = []


class ActionProvider(Protocol):
    def __call__(self, doc: Document, rng: Range, ctx: AnalysisContext) -> list[Action]: ...


def provide_actions(doc: Document, rng: Range, ctx: AnalysisContext) -> list[Action]:
    out: list[Action] = []
    for mod in discover("actions"):
        try:
            out.extend(mod.provide_actions(doc, rng, ctx))
        except Exception:
            log.exception("action provider %s failed on %s", mod.__name__, doc.path)
    return out
