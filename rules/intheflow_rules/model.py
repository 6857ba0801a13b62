"""The public face of a loaded rule model: evaluate one input or a batch, stateless.

`Model.evaluate(input)` takes and returns plain JSON values (dicts, lists, int/float, str...).
A failure inside one evaluation raises EvalError from `evaluate`; `evaluate_batch` never raises and
reports the failure for that input only.
"""

from __future__ import annotations

from typing import Any

from intheflow_rules.errors import EvalError, Problem
from intheflow_rules.values import from_json, to_json


class Outcome:
    def __init__(
        self, ok: bool, result: Any, error: str, rule_errors: list[str] | None = None
    ) -> None:
        self.ok = ok
        self.result = result
        self.error = error
        # Rules that failed and were skipped (zen semantics) while the decision still succeeded.
        self.rule_errors: list[str] = rule_errors or []

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"result": self.result} if self.ok else {"error": self.error}
        if self.rule_errors:
            out["ruleErrors"] = self.rule_errors
        return out


class Evaluable:
    def run(self, root: dict[str, object], errors: list[str]) -> object:
        raise NotImplementedError


class Model:
    def __init__(
        self, kind: str, name: str, source: str, body: Evaluable, problems: list[Problem]
    ) -> None:
        self.kind = kind  # "jdm", "ruleset" or "dmn"
        self.name = name
        self.source = source
        self.body = body
        self.problems = problems  # warnings only: a model with errors is never built

    def evaluate(self, data: Any) -> Any:
        return self.evaluate_traced(data, [])

    def evaluate_traced(self, data: Any, rule_errors: list[str]) -> Any:
        """Like evaluate; rules that failed and were skipped are appended to rule_errors."""
        root = from_json(data)
        if not isinstance(root, dict):
            raise EvalError("the input must be a JSON object")
        try:
            return to_json(self.body.run(root, rule_errors))
        except RecursionError:
            raise EvalError("expression nested too deeply") from None
        except ArithmeticError as exc:
            raise EvalError(f"arithmetic error: {exc}") from None

    def evaluate_batch(self, inputs: list[Any]) -> list[Outcome]:
        out: list[Outcome] = []
        for data in inputs:
            errors: list[str] = []
            try:
                out.append(Outcome(True, self.evaluate_traced(data, errors), "", errors))
            except EvalError as exc:
                out.append(Outcome(False, None, str(exc), errors))
        return out
