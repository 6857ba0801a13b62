"""Passes over the IR, each its own module, run in PASS_ORDER (see ARCHITECTURE.md)."""

from __future__ import annotations

from collections.abc import Callable

from intheflow.transpile.ir.model import Program
from intheflow.transpile.passes.build_functions import build_functions
from intheflow.transpile.passes.build_state_machine import build_state_machine
from intheflow.transpile.passes.check_exits import check_exits
from intheflow.transpile.passes.layout_records import layout_records
from intheflow.transpile.passes.remove_dead_code import remove_dead_code
from intheflow.transpile.passes.structure_flow import structure_flow

Pass = Callable[[Program], list[str]]  # returns problems ("unsupported: … at line N")

PASS_ORDER: list[tuple[str, Pass]] = [
    ("layout_records", layout_records),
    ("build_functions", build_functions),
    ("structure_flow", structure_flow),
    ("build_state_machine", build_state_machine),
    ("remove_dead_code", remove_dead_code),
    ("check_exits", check_exits),
]
