"""The protocol contract: read the method schemas, compare them with msgspec types, render
TypeScript types and the docs page.

A method schema (`shared/schemas/methods/<method with / replaced by .>.json`) is a draft 2020-12
JSON Schema whose `title` is the method name, whose `description` says what it does, and whose
properties `params` and `result` describe the wire shapes. `x-kind` is `request` or
`notification`, `x-direction` is `clientToServer` (default) or `serverToClient`, and
`x-python-params` / `x-python-result` name the msgspec types (`module:Type`).

Structural comparison looks at what the wire sees: types, properties, required names, enums,
array items, map values and unions. Titles, descriptions, defaults and formats are ignored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
METHODS_DIR = REPO / "shared" / "schemas" / "methods"
TS_OUT = REPO / "extension" / "src" / "protocol.generated.ts"
DOCS_OUT = REPO / "docs" / "lsp-extensions.md"
KINDS = ("request", "notification")
DIRECTIONS = ("clientToServer", "serverToClient")


@dataclass
class MethodSchema:
    path: Path
    raw: dict[str, Any]

    @property
    def method(self) -> str:
        return str(self.raw.get("title", ""))

    @property
    def kind(self) -> str:
        return str(self.raw.get("x-kind", "request"))

    @property
    def direction(self) -> str:
        return str(self.raw.get("x-direction", "clientToServer"))

    @property
    def description(self) -> str:
        return str(self.raw.get("description", "")).strip()

    def part(self, name: str) -> Any:
        return self.raw.get("properties", {}).get(name)

    @property
    def defs(self) -> dict[str, Any]:
        return dict(self.raw.get("$defs", {}))


def load_methods(directory: Path = METHODS_DIR) -> list[MethodSchema]:
    out = []
    for path in sorted(directory.glob("*.json")):
        out.append(MethodSchema(path, json.loads(path.read_text(encoding="utf-8"))))
    return out


def problems_of(m: MethodSchema) -> list[str]:
    """Convention checks beyond the metaschema (file name, kind, the parts a kind needs)."""
    out = []
    if not m.method.startswith("intheflow/"):
        out.append(f"title must be the method name `intheflow/...`, found {m.method!r}")
    elif m.path.name != m.method.replace("/", ".") + ".json":
        out.append(f"file name must be {m.method.replace('/', '.')}.json")
    if m.kind not in KINDS:
        out.append(f"x-kind must be one of {KINDS}, found {m.kind!r}")
    if m.direction not in DIRECTIONS:
        out.append(f"x-direction must be one of {DIRECTIONS}, found {m.direction!r}")
    if not m.description:
        out.append("description is empty")
    if m.part("params") is None:
        out.append("properties.params is missing")
    if m.kind == "request" and m.part("result") is None:
        out.append("a request needs properties.result")
    if m.kind == "notification" and m.part("result") is not None:
        out.append("a notification has no result")
    if "x-python-params" not in m.raw:
        out.append("x-python-params is missing")
    if m.kind == "request" and "x-python-result" not in m.raw:
        out.append("x-python-result is missing")
    return out


# --- structural normal form -------------------------------------------------------------------

IGNORED = {"title", "description", "default", "examples", "format", "$comment", "deprecated"}


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def normalize(schema: Any, defs: dict[str, Any], stack: tuple[str, ...] = ()) -> Any:
    """A canonical, comparable form of a schema: refs inlined (recursion marked), unions sorted."""
    if schema is True or schema == {}:
        return "any"
    if not isinstance(schema, dict):
        return {"invalid": repr(schema)}
    if "$ref" in schema:
        name = _ref_name(schema["$ref"])
        if name in stack:
            return {"recursive": True}
        if name not in defs:
            return {"unresolved": name}
        rest = {k: v for k, v in schema.items() if k != "$ref"}
        target = normalize(defs[name], defs, (*stack, name))
        return target if not rest else {"allOf": [target, normalize(rest, defs, stack)]}
    for key in ("anyOf", "oneOf"):
        if key in schema:
            alts: list[Any] = []
            for alt in schema[key]:
                n = normalize(alt, defs, stack)
                alts.extend(n["anyOf"] if isinstance(n, dict) and "anyOf" in n else [n])
            return _union(alts)
    if "const" in schema:
        return {"enum": [schema["const"]]}
    if "enum" in schema:
        return {"enum": sorted(schema["enum"], key=json.dumps)}
    typ = schema.get("type")
    if isinstance(typ, list):
        return _union([normalize({**schema, "type": t}, defs, stack) for t in typ])
    if typ == "object" or "properties" in schema:
        out: dict[str, Any] = {"type": "object"}
        props = schema.get("properties", {})
        if props:
            out["properties"] = {k: normalize(v, defs, stack) for k, v in sorted(props.items())}
            out["required"] = sorted(schema.get("required", []))
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            out["additionalProperties"] = normalize(extra, defs, stack)
        return out
    if typ == "array":
        out = {"type": "array"}
        if "prefixItems" in schema:
            out["prefixItems"] = [normalize(s, defs, stack) for s in schema["prefixItems"]]
        if "items" in schema and schema["items"] is not False:
            out["items"] = normalize(schema["items"], defs, stack)
        return out
    if isinstance(typ, str):
        return {"type": typ}
    if "allOf" in schema:
        return {"allOf": [normalize(s, defs, stack) for s in schema["allOf"]]}
    if set(schema) <= IGNORED:
        return "any"
    return {"unknown": sorted(k for k in schema if k not in IGNORED)}


def _union(alts: list[Any]) -> Any:
    unique = {json.dumps(a, sort_keys=True): a for a in alts}
    if '"any"' in unique:
        return "any"
    # Merge enum alternatives so `enum [a] | enum [b]` equals `enum [a, b]`.
    enums = [
        v for a in unique.values() if isinstance(a, dict) and set(a) == {"enum"} for v in a["enum"]
    ]
    rest = [a for a in unique.values() if not (isinstance(a, dict) and set(a) == {"enum"})]
    if enums:
        rest.append({"enum": sorted({json.dumps(v): v for v in enums}.values(), key=json.dumps)})
    if len(rest) == 1:
        return rest[0]
    return {"anyOf": sorted(rest, key=lambda a: json.dumps(a, sort_keys=True))}


def diff(declared: Any, actual: Any, path: str = "") -> Iterator[str]:
    """Differences between two normal forms, one readable line each."""
    where = path or "(root)"
    if declared == actual:
        return
    if isinstance(declared, dict) and isinstance(actual, dict):
        if declared.get("type") == actual.get("type") == "object":
            dp, ap = declared.get("properties", {}), actual.get("properties", {})
            for name in sorted(set(dp) - set(ap)):
                yield f"{path}.{name}: declared in the schema, missing from the Python type"
            for name in sorted(set(ap) - set(dp)):
                yield f"{path}.{name}: in the Python type, missing from the schema"
            for name in sorted(set(dp) & set(ap)):
                yield from diff(dp[name], ap[name], f"{path}.{name}")
            dr, ar = set(declared.get("required", [])), set(actual.get("required", []))
            if dr != ar:
                yield (f"{where}: required differs: schema {sorted(dr)}, Python {sorted(ar)}")
            da, aa = declared.get("additionalProperties"), actual.get("additionalProperties")
            if da != aa:
                yield from diff(da, aa, f"{path}{{*}}")
            return
        if declared.get("type") == actual.get("type") == "array":
            yield from diff(declared.get("items"), actual.get("items"), f"{path}[]")
            if declared.get("prefixItems") != actual.get("prefixItems"):
                yield f"{where}: tuple items differ"
            return
        if "enum" in declared and "enum" in actual:
            yield f"{where}: enum differs: schema {declared['enum']}, Python {actual['enum']}"
            return
        if (
            "anyOf" in declared
            and "anyOf" in actual
            and len(declared["anyOf"]) == len(actual["anyOf"])
        ):
            for i, (d, a) in enumerate(zip(declared["anyOf"], actual["anyOf"], strict=True)):
                yield from diff(d, a, f"{path}|{i}")
            return
    yield f"{where}: schema says {_short(declared)}, Python type says {_short(actual)}"


def _short(n: Any) -> str:
    text = json.dumps(n, sort_keys=True)
    return text if len(text) < 160 else text[:157] + "..."


def python_schema(type_: Any) -> tuple[Any, dict[str, Any]]:
    """msgspec's JSON Schema for a type, as (root, $defs)."""
    import msgspec

    generated = msgspec.json.schema(type_)
    defs = generated.pop("$defs", {})
    return generated, defs


def compare_method(m: MethodSchema, resolve: Any) -> list[str]:
    """Every difference between the schema of one method and its msgspec types."""
    out = []
    for part in ("params", "result"):
        declared = m.part(part)
        ref = m.raw.get(f"x-python-{part}")
        if declared is None or ref is None:
            continue
        try:
            py_root, py_defs = python_schema(resolve(ref))
        except Exception as exc:  # an unimportable type is a contract failure, with its reason
            out.append(f"{part}: cannot load {ref}: {type(exc).__name__}: {exc}")
            continue
        want = normalize(declared, m.defs)
        got = normalize(py_root, py_defs)
        out.extend(
            f"{part}{line}" if line.startswith(".") else f"{part} {line}"
            for line in diff(want, got)
        )
    return out


def minimal_instance(schema: Any, defs: dict[str, Any], depth: int = 0) -> Any:
    """The smallest JSON value valid for a schema: required properties only, first enum value,
    first non-null union member. Used to send each method a valid message over the wire."""
    if not isinstance(schema, dict) or depth > 20:
        return None
    if "$ref" in schema:
        return minimal_instance(defs.get(_ref_name(schema["$ref"]), {}), defs, depth + 1)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            alts = [a for a in schema[key] if not (isinstance(a, dict) and a.get("type") == "null")]
            return minimal_instance(alts[0] if alts else {}, defs, depth + 1)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    typ = schema.get("type")
    if isinstance(typ, list):
        typ = next((t for t in typ if t != "null"), "null")
    if typ == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {
            k: minimal_instance(props[k], defs, depth + 1)
            for k in schema.get("required", [])
            if k in props
        }
    defaults = {"string": "x", "integer": 0, "number": 0, "boolean": False, "array": []}
    return defaults.get(str(typ))


# --- TypeScript --------------------------------------------------------------------------------


def pascal(text: str) -> str:
    parts = re.split(r"[^0-9A-Za-z]+", text)
    return "".join(p[:1].upper() + p[1:] for p in parts if p)


def camel_method(method: str) -> str:
    name = method.split("/", 1)[1]
    return name[:1].lower() + pascal(name)[1:]


@dataclass
class TsWriter:
    """Collects named interfaces across all method schemas; a name reused with another shape
    gets the method's name as prefix so two areas never silently share a type."""

    decls: dict[str, str] = field(default_factory=dict)
    shapes: dict[str, str] = field(default_factory=dict)

    def name_for(self, def_name: str, schema: Any, defs: dict[str, Any], prefix: str) -> str:
        shape = json.dumps(normalize(schema, defs), sort_keys=True)
        name = pascal(def_name)
        if name in self.shapes and self.shapes[name] != shape:
            name = prefix + name
        return name

    def declare(self, name: str, schema: Any, ctx: _TsContext) -> str:
        shape = json.dumps(normalize(schema, ctx.defs), sort_keys=True)
        if self.shapes.get(name) == shape:
            return name
        self.shapes[name] = shape
        self.decls[name] = ""  # reserve before recursion (self-referencing types)
        self.decls[name] = self._declaration(name, schema, ctx)
        return name

    def _declaration(self, name: str, schema: Any, ctx: _TsContext) -> str:
        doc = _doc_comment(schema.get("description") if isinstance(schema, dict) else None, "")
        if isinstance(schema, dict) and schema.get("type") == "object" and "properties" in schema:
            return f"{doc}export interface {name} {self._object_body(schema, ctx, '')}\n"
        return f"{doc}export type {name} = {self.type_of(schema, ctx, '')};\n"

    def _object_body(self, schema: dict[str, Any], ctx: _TsContext, indent: str) -> str:
        required = set(schema.get("required", []))
        lines = ["{"]
        for prop, sub in schema.get("properties", {}).items():
            desc = sub.get("description") if isinstance(sub, dict) else None
            lines.append(_doc_comment(desc, indent + "  ").rstrip("\n"))
            opt = "" if prop in required else "?"
            key = prop if re.fullmatch(r"[A-Za-z_$][\w$]*", prop) else json.dumps(prop)
            lines.append(f"{indent}  {key}{opt}: {self.type_of(sub, ctx, indent + '  ')};")
        lines.append(indent + "}")
        return "\n".join(line for line in lines if line)

    def type_of(self, schema: Any, ctx: _TsContext, indent: str) -> str:
        if schema is True or schema == {} or not isinstance(schema, dict):
            return "unknown"
        if "$ref" in schema:
            def_name = _ref_name(schema["$ref"])
            target = ctx.defs.get(def_name)
            if target is None:
                return "unknown"
            name = self.name_for(def_name, target, ctx.defs, ctx.prefix)
            return self.declare(name, target, ctx)
        for key in ("anyOf", "oneOf"):
            if key in schema:
                return _join_union([self.type_of(s, ctx, indent) for s in schema[key]])
        if "const" in schema:
            return json.dumps(schema["const"])
        if "enum" in schema:
            return _join_union([json.dumps(v) for v in schema["enum"]])
        typ = schema.get("type")
        if isinstance(typ, list):
            return _join_union([self.type_of({**schema, "type": t}, ctx, indent) for t in typ])
        if typ == "object" or "properties" in schema:
            if schema.get("properties"):
                return self._object_body(schema, ctx, indent)
            extra = schema.get("additionalProperties")
            value = self.type_of(extra, ctx, indent) if isinstance(extra, dict) else "unknown"
            return f"Record<string, {value}>"
        if typ == "array":
            if "prefixItems" in schema:
                return (
                    "["
                    + ", ".join(self.type_of(s, ctx, indent) for s in schema["prefixItems"])
                    + "]"
                )
            item = self.type_of(schema.get("items", {}), ctx, indent)
            return f"({item})[]" if "|" in item else f"{item}[]"
        return {
            "string": "string",
            "integer": "number",
            "number": "number",
            "boolean": "boolean",
            "null": "null",
        }.get(str(typ), "unknown")


@dataclass
class _TsContext:
    defs: dict[str, Any]
    prefix: str


def _join_union(parts: list[str]) -> str:
    seen: list[str] = []
    for p in parts:
        if p not in seen:
            seen.append(p)
    return " | ".join(seen) if seen else "never"


def _doc_comment(text: Any, indent: str) -> str:
    if not text:
        return ""
    lines = str(text).strip().replace("*/", "* /").splitlines()
    if len(lines) == 1:
        return f"{indent}/** {lines[0]} */\n"
    body = "".join(f"{indent} * {line}".rstrip() + "\n" for line in lines)
    return f"{indent}/**\n{body}{indent} */\n"


def part_type_name(w: TsWriter, m: MethodSchema, part: str) -> str:
    schema = m.part(part)
    ctx = _TsContext(m.defs, pascal(m.method.split("/", 1)[1]))
    if isinstance(schema, dict) and "$ref" in schema:
        return w.type_of(schema, ctx, "")
    if isinstance(schema, dict) and schema.get("type") == "object" and schema.get("properties"):
        return w.declare(ctx.prefix + pascal(part), schema, ctx)
    return w.type_of(schema, ctx, "")


def render_ts(methods: list[MethodSchema]) -> str:
    w = TsWriter()
    requests, notifications, names = [], [], []
    for m in methods:
        params = part_type_name(w, m, "params")
        desc = _doc_comment(m.description.splitlines()[0] if m.description else "", "  ")
        names.append(f"{desc}  {camel_method(m.method)}: {json.dumps(m.method)},")
        if m.kind == "request":
            result = part_type_name(w, m, "result")
            requests.append(f"  {json.dumps(m.method)}: {{ params: {params}; result: {result} }};")
        else:
            notifications.append(
                f"  {json.dumps(m.method)}: {{ params: {params}; direction: "
                f"{json.dumps(m.direction)} }};"
            )
    head = (
        "// Generated by shared/tools/gen_ts.py from shared/schemas/methods/*.json.\n"
        "// Do not edit: change the schema, then run `python shared/tools/gen_ts.py`.\n"
        "/* eslint-disable */\n"
    )
    body = "\n".join(w.decls[n] for n in sorted(w.decls))
    method_table = "export const Methods = {\n" + "\n".join(names) + "\n} as const;\n"
    req = "export interface RequestTypes {\n" + "".join(r + "\n" for r in requests) + "}\n"
    note = "export interface NotificationTypes {\n" + "".join(n + "\n" for n in notifications)
    note += "}\n"
    return "\n".join([head, body, method_table, req, note]).replace("\n\n\n", "\n\n")


# --- docs page ---------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _fields(w: TsWriter, schema: Any, defs: dict[str, Any], prefix: str) -> list[str]:
    if isinstance(schema, dict) and "$ref" in schema:
        schema = defs.get(_ref_name(schema["$ref"]), {})
    if not (isinstance(schema, dict) and schema.get("properties")):
        ctx = _TsContext(defs, prefix)
        return [f"`{_cell(w.type_of(schema, ctx, ''))}`", ""]
    required = set(schema.get("required", []))
    rows = ["| field | type | required | description |", "|---|---|---|---|"]
    ctx = _TsContext(defs, prefix)
    for name, sub in schema["properties"].items():
        typ = " ".join(w.type_of(sub, ctx, "").split())
        desc = sub.get("description", "") if isinstance(sub, dict) else ""
        rows.append(
            f"| `{name}` | `{_cell(typ)}` | {'yes' if name in required else 'no'} | {_cell(desc)} |"
        )
    return [*rows, ""]


def render_docs(methods: list[MethodSchema]) -> str:
    out = [
        "# intheflow LSP extensions",
        "",
        "<!-- Generated by shared/tools/gen_docs.py from shared/schemas/methods/*.json;"
        " do not edit. -->",
        "",
        "Custom JSON-RPC methods the intheflow language server speaks besides standard LSP. Each "
        "is declared once as a JSON Schema in `shared/schemas/methods/`; the Python (msgspec) "
        "types and the extension's TypeScript types are checked against it by "
        "`tests/contract/`. Field names are as on the wire (camelCase).",
        "",
        "| method | kind | direction | description |",
        "|---|---|---|---|",
    ]
    for m in methods:
        first = m.description.splitlines()[0] if m.description else ""
        anchor = re.sub(r"[^\w-]", "", m.method.lower())  # GitHub's heading slug
        out.append(f"| [`{m.method}`](#{anchor}) | {m.kind} | {m.direction} | {_cell(first)} |")
    out.append("")
    w = TsWriter()
    for m in methods:
        prefix = pascal(m.method.split("/", 1)[1])
        out += [
            f"## `{m.method}`",
            "",
            f"*{m.kind}, {m.direction}* · schema "
            f"[`{m.path.name}`](../shared/schemas/methods/{m.path.name})",
            "",
            m.description,
            "",
            "**Params**",
            "",
        ]
        out += _fields(w, m.part("params"), m.defs, prefix)
        if m.kind == "request":
            out += ["**Result**", ""]
            out += _fields(w, m.part("result"), m.defs, prefix)
    if not methods:
        out += ["No custom methods are declared yet.", ""]
    return "\n".join(out).rstrip("\n") + "\n"
