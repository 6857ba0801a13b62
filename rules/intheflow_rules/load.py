"""Load any rule model: a JDM graph, a project ruleset or a DMN decision table.

`load_text` and `load_file` raise ModelError listing every problem (with file, JSON path, line and
column) when the model cannot be used; warnings stay on `Model.problems`.
"""

from __future__ import annotations

from pathlib import Path

from intheflow_rules.compile import Loader
from intheflow_rules.dmn import load_dmn
from intheflow_rules.errors import Location, Problem, RuleError
from intheflow_rules.jdm import load_jdm
from intheflow_rules.jsonpos import parse
from intheflow_rules.model import Model
from intheflow_rules.ruleset import load_ruleset


class ModelError(RuleError):
    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        super().__init__(first.message, first.location, first.code)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems if p.severity == "error")


def detect_kind(text: str, source: str) -> str:
    if source.lower().endswith(".dmn") or text.lstrip().startswith("<"):
        return "dmn"
    return "json"


def load_text(text: str, source: str = "<input>") -> Model:
    ld = Loader(source)
    model: Model | None = None
    if detect_kind(text, source) == "dmn":
        model = load_dmn(text, source, ld)
    else:
        try:
            doc = parse(text, source)
        except RuleError as exc:
            raise ModelError([exc.problem()]) from None
        data = doc.value
        kind = data.get("kind") if isinstance(data, dict) else None
        if isinstance(data, dict) and "nodes" in data:
            model = load_jdm(doc, ld)
        elif kind == "ruleset" or (isinstance(data, dict) and "rules" in data and kind is None):
            model = load_ruleset(doc, ld)
        elif kind == "code-rules":
            ld.error(
                "code rules apply to source code: run `intheflow check`, not an evaluation",
                doc.at("$.kind"),
            )
        else:
            ld.error(
                "not a rule model: expected a JDM graph (`nodes`, `edges`), a ruleset "
                '(`"kind": "ruleset"`) or a DMN file',
                Location(source, "$", 1, 1),
            )
    if model is None:
        if not ld.has_errors():
            ld.error("the model could not be loaded", Location(source, "$", 1, 1))
        raise ModelError(
            [p for p in ld.problems if p.severity == "error"]
            + [p for p in ld.problems if p.severity != "error"]
        )
    return model


def load_file(path: str | Path) -> Model:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(
            [Problem("error", "file-unreadable", str(exc), Location(str(p)))]
        ) from None
    return load_text(text, str(p))
