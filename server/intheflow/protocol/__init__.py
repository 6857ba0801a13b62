"""msgspec types of the custom `intheflow/*` LSP methods, one module per area.

Each type mirrors a JSON Schema in the repo's `shared/schemas/methods/`; `tests/contract/` checks
that the schemas, these types and the extension's TypeScript types agree.

The helpers below are the two conversions every custom-method handler needs: pygls hands the params
of a method it does not know as nested namedtuples, and it cannot serialise a msgspec Struct.
"""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

T = TypeVar("T")


def plain(value: Any) -> Any:
    """Nested namedtuples (pygls' view of unknown params) back to dicts and lists."""
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {k: plain(v) for k, v in value._asdict().items()}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def from_wire(type_: type[T], params: Any) -> T:
    """Params of a custom method as `type_`; raises msgspec.ValidationError with the JSON path."""
    return msgspec.convert(plain(params) if params is not None else {}, type_)


def to_wire(value: Any) -> Any:
    """A result (msgspec Struct, dataclass, list…) as JSON-ready builtins, in wire field names."""
    return msgspec.to_builtins(value)


def method_file_name(method: str) -> str:
    """`intheflow/graphQuery` -> `intheflow.graphQuery.json`, its schema file name."""
    return method.replace("/", ".") + ".json"


def resolve_type(ref: str) -> Any:
    """`intheflow.protocol.ai:ChatParams` -> the type object (used by the contract checker)."""
    import importlib

    module_name, _, attr = ref.partition(":")
    obj: Any = importlib.import_module(module_name)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj
