"""Reading process models and what they refer to from the workspace (files beside the model)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import msgspec

from intheflow.process.bpmn import read_bpmn
from intheflow.process.decisions import WorkspaceDecisions
from intheflow.process.functions import Registry, builtins
from intheflow.process.jsonform import is_process_json, read_json
from intheflow.process.model import Definitions, NodeType, walk_nodes
from intheflow.process.problems import Parsed
from intheflow.process.validate import Known

_PROCESS_ID = re.compile(r"<(?:\w+:)?process\b[^>]*\bid=\"([^\"]+)\"")


def is_model_path(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(".bpmn") or name.endswith(".bpmn20.xml") or name.endswith(".process.json")


def read_model(path: Path, text: str | None = None) -> Parsed:
    """BPMN XML for .bpmn files, the JSON form for .json files. Never raises on bad content."""
    body = path.read_text(encoding="utf-8", errors="replace") if text is None else text
    if path.suffix.lower() == ".json":
        return read_json(body)
    return read_bpmn(body)


def registry_from(spec: str | None) -> Registry:
    """The built-in functions, or `module:attribute` naming another Registry."""
    if not spec:
        return builtins
    mod_name, _, attr = spec.partition(":")
    module = importlib.import_module(mod_name)
    reg = getattr(module, attr or "registry")
    if not isinstance(reg, Registry):
        raise TypeError(f"{spec} is not a process function Registry")
    return reg


def sibling_processes(folder: Path) -> frozenset[str]:
    ids: set[str] = set()
    for path in folder.glob("*.bpmn"):
        ids.update(_PROCESS_ID.findall(path.read_text(encoding="utf-8", errors="replace")))
    return frozenset(ids)


def known_for(folder: Path, registry: Registry, decisions: WorkspaceDecisions) -> Known:
    return Known(
        has_function=registry.__contains__,
        has_decision=decisions.has_decision,
        processes=sibling_processes(folder),
    )


def with_called_processes(defs: Definitions, folder: Path) -> Definitions:
    """Add the processes that call activities name and that live in sibling model files, so an
    instance carries everything it may run (models are stored with the instance)."""
    have = {p.id for p in defs.processes}
    wanted = {
        n.called_element
        for p in defs.processes
        for n in walk_nodes(p)
        if n.type == NodeType.CALL_ACTIVITY and n.called_element
    } - have
    if not wanted:
        return defs
    extra = list(defs.processes)
    errors = list(defs.errors)
    messages = list(defs.messages)
    for path in sorted(folder.iterdir()):
        if not wanted or not is_model_path(path):
            continue
        other = read_model(path).definitions
        if other is None:
            continue
        for proc in other.processes:
            if proc.id in wanted:
                extra.append(proc)
                wanted.discard(proc.id)
                errors += [e for e in other.errors if e not in errors]
                messages += [m for m in other.messages if m not in messages]
    return msgspec.structs.replace(defs, processes=extra, errors=errors, messages=messages)


def looks_like_process_json(path: Path, text: str) -> bool:
    return path.name.endswith(".process.json") or is_process_json(text)
