"""Text, JSON and SARIF 2.1.0 renderings of diagnostics (the output of `intheflow check`)."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec

from intheflow import __version__
from intheflow.core.diagnostics import Diagnostic, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
    Severity.HINT: "note",
}


def _rel(path: str, root: Path) -> str:
    try:
        return os.path.relpath(path, root)
    except ValueError:
        return path


def render_text(diags: Sequence[Diagnostic], root: Path) -> str:
    lines = [
        f"{_rel(d.path, root)}:{d.range.start.line + 1}:{d.range.start.character + 1}: "
        f"{d.severity.label} [{d.code}] {d.message}"
        for d in diags
    ]
    counts = Counter(d.severity.label for d in diags)
    summary = ", ".join(f"{counts[s.label]} {s.label}(s)" for s in Severity if counts[s.label])
    lines.append(summary if summary else "no problems found")
    return "\n".join(lines) + "\n"


def render_json(diags: Sequence[Diagnostic], root: Path) -> str:
    data = [
        {**msgspec.to_builtins(d), "path": _rel(d.path, root), "severity": d.severity.label}
        for d in diags
    ]
    return json.dumps(data, indent=2) + "\n"


def _region(d: Diagnostic) -> dict[str, int]:
    # SARIF lines and columns are 1-based; the end column is exclusive like ours.
    return {
        "startLine": d.range.start.line + 1,
        "startColumn": d.range.start.character + 1,
        "endLine": d.range.end.line + 1,
        "endColumn": max(d.range.end.character + 1, 1),
    }


def _artifact(path: str, root: Path) -> dict[str, str]:
    return {"uri": Path(_rel(path, root)).as_posix(), "uriBaseId": "%SRCROOT%"}


def to_sarif(diags: Sequence[Diagnostic], root: Path) -> dict[str, Any]:
    rule_ids = sorted({d.code for d in diags})
    index = {rid: i for i, rid in enumerate(rule_ids)}
    rules: list[dict[str, Any]] = []
    for rid in rule_ids:
        first = next(d for d in diags if d.code == rid)
        rules.append(
            {
                "id": rid,
                "shortDescription": {"text": first.message.split("\n", 1)[0][:200]},
                "properties": {"source": first.source},
            }
        )
    results: list[dict[str, Any]] = []
    for d in diags:
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact(d.path, root),
                        "region": _region(d),
                    }
                }
            ],
        }
        if d.related:
            result["relatedLocations"] = [
                {
                    "id": i,
                    "message": {"text": r.message},
                    "physicalLocation": {
                        "artifactLocation": _artifact(r.location.path, root),
                        "region": {
                            "startLine": r.location.range.start.line + 1,
                            "startColumn": r.location.range.start.character + 1,
                        },
                    },
                }
                for i, r in enumerate(d.related)
            ]
        if d.fixes:
            result["fixes"] = [
                {
                    "description": {"text": f.title},
                    "artifactChanges": [
                        {
                            "artifactLocation": _artifact(e.path, root),
                            "replacements": [
                                {
                                    "deletedRegion": {
                                        "startLine": e.range.start.line + 1,
                                        "startColumn": e.range.start.character + 1,
                                        "endLine": e.range.end.line + 1,
                                        "endColumn": e.range.end.character + 1,
                                    },
                                    "insertedContent": {"text": e.new_text},
                                }
                            ],
                        }
                        for e in f.edits
                    ],
                }
                for f in d.fixes
            ]
        if d.properties:
            result["properties"] = dict(d.properties)
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "intheflow",
                        "version": __version__,
                        "informationUri": "https://github.com/intheflow/intheflow",
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root.resolve().as_uri() + "/"}},
                "results": results,
            }
        ],
    }


def render_sarif(diags: Sequence[Diagnostic], root: Path) -> str:
    return json.dumps(to_sarif(diags, root), indent=2) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "sarif": render_sarif}
