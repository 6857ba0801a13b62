"""How capabilities plug in without editing shared files.

Each capability package `intheflow.<pkg>` may contain these modules, found at start-up:
  cli.py        register(subparsers)                     → sub-commands of `intheflow`
  analyzers.py  analyzers() -> list[Analyzer]            → diagnostics for `check` and the server
  actions.py    provide_actions(doc, range, ctx)         → code actions (refactors, generators)
  demo.py       section(ctx), ORDER: int                 → a section of `intheflow demo`
  facts.py      facts(root: Path) -> GraphFacts          → knowledge-graph facts for `index`
LSP features are the modules of `intheflow.lsp.features`, each with register(server).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import pkgutil
from types import ModuleType

import intheflow

log = logging.getLogger(__name__)

# Not capability packages: the core, the LSP adapter and the cross-cutting commands.
_NOT_CAPABILITIES = frozenset({"core", "lsp", "commands", "report", "protocol"})


def capability_packages() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.iter_modules(intheflow.__path__)
        if info.ispkg and info.name not in _NOT_CAPABILITIES
    )


def discover(module: str) -> list[ModuleType]:
    """Import `intheflow.<pkg>.<module>` for every capability package that has one."""
    found: list[ModuleType] = []
    for pkg in capability_packages():
        name = f"intheflow.{pkg}.{module}"
        if importlib.util.find_spec(name) is None:
            continue
        try:
            found.append(importlib.import_module(name))
        except Exception:
            log.exception("plug-in module %s failed to import; that capability is off", name)
    return found
