"""Process-model diagnostics for `intheflow check` and the editor (.bpmn and process .json)."""

from __future__ import annotations

import os
from pathlib import Path

from intheflow_rules import ModelError, load_text

from intheflow.analysis import AnalysisContext, Analyzer
from intheflow.core.diagnostics import Diagnostic
from intheflow.core.documents import Document
from intheflow.core.text import Range
from intheflow.process.decisions import WorkspaceDecisions, load_guards, read_dmn
from intheflow.process.functions import builtins
from intheflow.process.loader import known_for, looks_like_process_json, read_model
from intheflow.process.problems import Problem
from intheflow.process.validate import validate


def _folder_stamp(folder: Path) -> str:
    # Cache the decisions of a folder until one of its DMN/guard files changes.
    parts = []
    for pattern in ("*.dmn", "*.guards.json"):
        for p in sorted(folder.glob(pattern)):
            try:
                parts.append(f"{p.name}:{os.stat(p).st_mtime_ns}")
            except OSError:
                continue
    return "|".join(parts)


def to_diagnostic(path: str, text: str, p: Problem) -> Diagnostic:
    lines = text.splitlines()
    line = min(p.line, max(0, len(lines) - 1))
    width = len(lines[line]) if lines else 0
    start = p.column if p.column else len(lines[line]) - len(lines[line].lstrip()) if lines else 0
    return Diagnostic(
        path=path,
        range=Range.of(line, start, line, max(start, width)),
        severity=p.severity,
        code=f"process/{p.code}",
        message=p.message,
        source="intheflow-process",
        properties={"element": p.element} if p.element else {},
    )


def decision_file_problems(path: Path, text: str) -> list[Problem]:
    """Guard rulesets and DMN files beside the models, compiled by the rule engine."""
    if path.name.endswith(".guards.json"):
        _, found = load_guards(text, str(path))
        return [Problem("guards", e.message, None, e.line, e.column) for e in found]
    _, xml_errors = read_dmn(text, str(path))
    if xml_errors:
        return [Problem("dmn", e) for e in xml_errors]
    try:
        load_text(text, str(path))
    except ModelError as exc:
        return [
            Problem(
                "dmn",
                f"{p.message} [{p.code}]",
                None,
                max(0, p.location.line - 1),
                max(0, p.location.column - 1),
            )
            for p in exc.problems
            if p.severity == "error"
        ]
    return []


class ProcessModelAnalyzer:
    name = "process-model"

    def applies_to(self, path: Path) -> bool:
        name = path.name.lower()
        return name.endswith((".bpmn", ".json", ".dmn"))

    def analyze(self, doc: Document, ctx: AnalysisContext) -> list[Diagnostic]:
        path = Path(doc.path)
        name = path.name.lower()
        if name.endswith((".dmn", ".guards.json")):
            return [
                to_diagnostic(doc.path, doc.text, p) for p in decision_file_problems(path, doc.text)
            ]
        if name.endswith(".json") and not looks_like_process_json(path, doc.text):
            return []
        folder = path.parent
        decisions = ctx.cached(
            f"process:decisions:{folder}:{_folder_stamp(folder)}",
            lambda: WorkspaceDecisions.load(folder),
        )
        problems = validate(read_model(path, doc.text), known_for(folder, builtins, decisions))
        return [to_diagnostic(doc.path, doc.text, p) for p in problems]


def analyzers() -> list[Analyzer]:
    return [ProcessModelAnalyzer()]
