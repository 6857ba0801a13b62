"""Build the rule engine with mypyc unless INTHEFLOW_RULES_PURE=1 asks for pure Python.

Every module under intheflow_rules/ is compiled except those listed in PURE_ONLY (modules that
use features mypyc does not support, or that are only glue).
"""

import os
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).parent
PURE_ONLY: set[str] = set()


def compiled_modules() -> list[str]:
    return sorted(
        str(p.relative_to(HERE))
        for p in (HERE / "intheflow_rules").rglob("*.py")
        if p.name not in PURE_ONLY
    )


ext_modules = []
if os.environ.get("INTHEFLOW_RULES_PURE") != "1":
    from mypyc.build import mypycify

    ext_modules = mypycify(compiled_modules(), opt_level="3")

setup(ext_modules=ext_modules)
