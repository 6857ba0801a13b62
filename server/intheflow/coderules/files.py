"""Which workspace files are rule files, and loading them with problems as plain data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from intheflow_rules import Model, ModelError, Problem, load_text

TEST_SUFFIXES = (".test.json", ".test.yaml", ".test.yml", ".tests.json", ".tests.yaml")


def rule_kind(path: Path, text: str) -> str | None:
    """'jdm', 'ruleset', 'dmn', 'code-rules' or None when the file is not a rule file."""
    name = path.name.lower()
    if name.endswith(TEST_SUFFIXES):
        return None
    if name.endswith(".dmn"):
        return "dmn"
    if not name.endswith(".json"):
        return None
    head = text[:4096]
    if '"kind"' in head:
        try:
            kind = json.loads(text).get("kind")
        except (ValueError, AttributeError):
            kind = None
        if kind in ("ruleset", "code-rules"):
            return str(kind)
    if '"nodes"' in text and '"edges"' in text and "Node" in text:
        return "jdm"
    return None


@dataclass
class Loaded:
    path: Path
    model: Model | None
    problems: list[Problem]


def load_rule_file(path: Path, text: str) -> Loaded:
    try:
        model = load_text(text, str(path))
    except ModelError as exc:
        return Loaded(path, None, exc.problems)
    return Loaded(path, model, model.problems)
