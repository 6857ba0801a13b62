"""intheflow rule engine.

A stateless engine for business rules (the project's JSON rule format, GoRules JDM decision graphs,
DMN 1.3 decision tables) and code rules. It depends on nothing from the language server and is
compiled with mypyc in the normal install; the same sources import as pure Python.
"""

from intheflow_rules.info import EngineInfo, engine_info

__all__ = ["EngineInfo", "engine_info"]
__version__ = "0.1.0"
