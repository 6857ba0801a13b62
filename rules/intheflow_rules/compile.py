"""Shared load-time helpers: compile expressions and cells, turning syntax and type errors into
problems located in the rule file (JSON path, line, column)."""

from __future__ import annotations

from intheflow_rules.cells import Cell, compile_cell
from intheflow_rules.errors import Location, Problem
from intheflow_rules.lexer import ExprError
from intheflow_rules.nodes import Checker, Lit, Node
from intheflow_rules.parser import parse_expression


class Loader:
    """Collects problems while a model is compiled; a model with errors is refused."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def error(self, message: str, location: Location, code: str = "rule-invalid") -> None:
        self.problems.append(Problem("error", code, message, location))

    def warning(self, message: str, location: Location, code: str) -> None:
        self.problems.append(Problem("warning", code, message, location))

    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def _expr_problem(self, e: ExprError, text: str, where: Location) -> None:
        # +1: the expression sits inside a JSON string, after its opening quote.
        self.problems.append(
            Problem("error", e.code, f"{e.message} in `{text}`", where.shifted(e.offset + 1))
        )

    def expression(
        self, text: str, where: Location, known: set[str] | None = None, dollar: bool = False
    ) -> Node:
        """Compile an expression; on error record it and return a null literal."""
        try:
            node = parse_expression(text)
        except ExprError as exc:
            self._expr_problem(exc, text, where)
            return Lit(None, 0)
        ck = Checker(known, dollar_allowed=dollar)
        node.infer(ck)
        for e in ck.errors:
            self._expr_problem(e, text, where)
        return node

    def cell(self, text: str, where: Location, has_field: bool, known: set[str] | None) -> Cell:
        ck = Checker(known, dollar_allowed=True)
        try:
            cell = compile_cell(text, ck, has_field)
        except ExprError as exc:
            self._expr_problem(exc, text, where)
            return Cell(text, [], False)  # never matches, like zen with a cell it cannot parse
        for e in ck.errors:
            self._expr_problem(e, text, where)
        return cell
