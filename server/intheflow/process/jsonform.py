"""The LLM-friendly JSON form of a process model: the model Structs as JSON.

The JSON Schema in shared/schemas/formats/process.schema.json is generated from the same Structs
(`process_schema()`), and a test keeps the committed file equal to it. `$schema` is allowed at
the top so editors can validate the file.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec

from intheflow.process.model import Definitions
from intheflow.process.problems import Parsed, Problem

SCHEMA_ID = "https://intheflow.dev/schemas/formats/process.schema.json"
_encoder = msgspec.json.Encoder()


def to_json(defs: Definitions, indent: int = 2) -> str:
    data = msgspec.json.format(_encoder.encode(defs), indent=indent).decode()
    return data + "\n"


def _line_of_id(text: str, eid: str) -> int:
    m = re.search(r'"id"\s*:\s*' + re.escape(msgspec.json.encode(eid).decode()), text)
    return text.count("\n", 0, m.start()) if m else 0


def _line_of_path(text: str, path: str) -> tuple[int, str | None]:
    """Best effort: the line of the innermost object with an id on a msgspec error path."""
    try:
        obj: Any = msgspec.json.decode(text)
    except msgspec.DecodeError:
        return 0, None
    eid: str | None = None
    for part in re.findall(r"\.(\w+)|\[(\d+)\]", path.removeprefix("$")):
        key, idx = part
        try:
            obj = obj[key] if key else obj[int(idx)]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(obj, dict) and isinstance(obj.get("id"), str):
            eid = obj["id"]
    return (_line_of_id(text, eid) if eid else 0), eid


def read_json(text: str | bytes) -> Parsed:
    """Parse the JSON form. Never raises on bad input."""
    raw = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    try:
        obj = msgspec.json.decode(raw)
    except msgspec.DecodeError as exc:
        m = re.search(r"char (\d+)", str(exc))
        offset = int(m.group(1)) if m else 0
        line = raw.count("\n", 0, offset)
        col = offset - (raw.rfind("\n", 0, offset) + 1)
        return Parsed(None, [Problem("process-json", f"broken JSON: {exc}", None, line, col)])
    if isinstance(obj, dict):
        obj.pop("$schema", None)
    try:
        defs = msgspec.convert(obj, Definitions)
    except msgspec.ValidationError as exc:
        msg = str(exc)
        m = re.search(r"at `([^`]*)`", msg)
        line, eid = _line_of_path(raw, m.group(1)) if m else (0, None)
        return Parsed(None, [Problem("process-json-schema", msg, eid, line)])
    lines: dict[str, int] = {}
    for m2 in re.finditer(r'"id"\s*:\s*"((?:[^"\\]|\\.)*)"', raw):
        lines.setdefault(msgspec.json.decode(f'"{m2.group(1)}"'), raw.count("\n", 0, m2.start()))
    return Parsed(defs, [], lines)


def is_process_json(text: str) -> bool:
    """A .json file is a process model when it says so: our $schema, or processes with nodes."""
    head = text[:4000]
    return "process.schema.json" in head or ('"processes"' in head and '"nodes"' in head)


def process_schema() -> dict[str, Any]:
    schema: dict[str, Any] = msgspec.json.schema(Definitions)
    out: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "intheflow process model (the LLM-friendly JSON form of BPMN 2.0)",
    }
    out.update(schema)
    # The top object may name its schema.
    top = out["$defs"]["Definitions"]
    top["properties"] = {"$schema": {"type": "string"}, **top["properties"]}
    return out
