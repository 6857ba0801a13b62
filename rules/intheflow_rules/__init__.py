"""intheflow rule engine.

A stateless engine for business rules (the project's JSON rule format, GoRules JDM decision graphs,
DMN 1.3 decision tables). It depends on nothing from the language server and is compiled with mypyc
in the normal install; the same sources import as pure Python.

    model = load_file("pricing.json")        # compile once (raises ModelError with locations)
    model.evaluate({"amount": 120})          # -> {"discount": 0.1}
    model.evaluate_batch([...])              # -> [Outcome], never raises
"""

from intheflow_rules.errors import EvalError, Location, Problem, RuleError
from intheflow_rules.info import EngineInfo, engine_info
from intheflow_rules.load import ModelError, load_file, load_text
from intheflow_rules.model import Model, Outcome

__all__ = [
    "EngineInfo",
    "EvalError",
    "Location",
    "Model",
    "ModelError",
    "Outcome",
    "Problem",
    "RuleError",
    "engine_info",
    "load_file",
    "load_text",
]
__version__ = "0.1.0"
