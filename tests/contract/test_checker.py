"""The structural comparator itself: it must see every kind of drift the contract guards."""

from __future__ import annotations

from typing import Any, Literal

import msgspec
from contract import diff, normalize, python_schema


class Span(msgspec.Struct, rename="camel"):
    start_line: int
    end_line: int


class Params(msgspec.Struct, rename="camel", omit_defaults=True):
    query: str
    mode: Literal["cypher", "text"] = "cypher"
    limit: int | None = None
    spans: list[Span] = []
    extra: dict[str, float] = {}


SCHEMA: dict[str, Any] = {
    "$ref": "#/$defs/P",
    "$defs": {
        "P": {
            "type": "object",
            "description": "ignored by the comparison",
            "properties": {
                "query": {"type": "string"},
                "mode": {"enum": ["text", "cypher"], "default": "cypher"},
                "limit": {"type": ["integer", "null"]},
                "spans": {"type": "array", "items": {"$ref": "#/$defs/S"}},
                "extra": {"type": "object", "additionalProperties": {"type": "number"}},
            },
            "required": ["query"],
        },
        "S": {
            "type": "object",
            "properties": {"startLine": {"type": "integer"}, "endLine": {"type": "integer"}},
            "required": ["startLine", "endLine"],
        },
    },
}


def drift(schema: dict[str, Any]) -> list[str]:
    root, defs = python_schema(Params)
    declared = normalize({k: v for k, v in schema.items() if k != "$defs"}, schema["$defs"])
    return list(diff(declared, normalize(root, defs)))


def edited(path: list[str], value: Any) -> dict[str, Any]:
    import copy

    schema = copy.deepcopy(SCHEMA)
    node = schema
    for key in path[:-1]:
        node = node[key]
    if value is None:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return schema


def test_an_equivalent_schema_written_differently_matches() -> None:
    # `type: [integer, null]` vs anyOf, enum order, $defs names, descriptions: all the same wire.
    assert drift(SCHEMA) == []


def test_a_missing_property_is_reported_with_its_path() -> None:
    found = drift(edited(["$defs", "S", "properties", "endLine"], None))
    assert any(".spans[].endLine" in line and "missing from the schema" in line for line in found)


def test_an_extra_property_is_reported() -> None:
    found = drift(edited(["$defs", "P", "properties", "cursor"], {"type": "string"}))
    assert any(".cursor: declared in the schema" in line for line in found)


def test_a_type_change_is_reported() -> None:
    found = drift(edited(["$defs", "P", "properties", "query"], {"type": "integer"}))
    assert any(line.startswith(".query:") for line in found)


def test_an_enum_change_is_reported() -> None:
    found = drift(edited(["$defs", "P", "properties", "mode"], {"enum": ["cypher", "sql"]}))
    assert any(".mode" in line and "enum" in line for line in found)


def test_required_names_are_compared() -> None:
    found = drift(edited(["$defs", "P", "required"], ["query", "mode"]))
    assert any("required differs" in line for line in found)


def test_map_values_are_compared() -> None:
    found = drift(
        edited(["$defs", "P", "properties", "extra", "additionalProperties"], {"type": "string"})
    )
    assert any(".extra{*}" in line for line in found)


class Node(msgspec.Struct):
    name: str
    children: list[Node] = []


def test_recursive_types_terminate() -> None:
    root, defs = python_schema(Node)
    assert normalize(root, defs)["properties"]["children"] == {
        "type": "array",
        "items": {"recursive": True},
    }
