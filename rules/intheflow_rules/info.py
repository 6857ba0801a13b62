"""Which build of the engine is running: mypyc-compiled or pure Python."""

from __future__ import annotations

import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class EngineInfo:
    compiled: bool
    module_file: str
    python: str

    def describe(self) -> str:
        kind = "mypyc-compiled" if self.compiled else "pure Python (interpreted)"
        return f"intheflow-rules {kind} ({self.module_file}) on Python {self.python}"


def engine_info() -> EngineInfo:
    here = sys.modules[__name__].__file__ or ""
    return EngineInfo(
        compiled=not here.endswith(".py"),
        module_file=here,
        python=sys.version.split()[0],
    )
