"""Problems found in a process model, with the element id and the source line.

Plain data; `analyzers.py` turns them into core Diagnostics and the CLI prints them as
`file:line:col: severity [code] element: message`.
"""

from __future__ import annotations

import msgspec

from intheflow.core.diagnostics import Severity
from intheflow.process.model import Definitions

NOT_EXECUTED = "bpmn-not-executed"  # drawn, but not executed by the engine: runs refuse it


class Problem(msgspec.Struct, frozen=True):
    code: str
    message: str
    element: str | None = None
    line: int = 0  # 0-based, like core positions
    column: int = 0
    severity: Severity = Severity.ERROR


class Parsed(msgspec.Struct):
    """A model read from BPMN XML or JSON: the model (None when unreadable), its problems, and the
    0-based source line of each element id."""

    definitions: Definitions | None
    problems: list[Problem] = []
    lines: dict[str, int] = {}

    @property
    def ok(self) -> bool:
        return self.definitions is not None and not any(
            p.severity == Severity.ERROR for p in self.problems
        )
