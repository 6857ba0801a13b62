"""The published Argo API specifications, loaded once, and JSON Schema validation against them.

The files in `specs/` are copies of `/work/shared/specs/` (see specs/SOURCES.md for revisions) so
the package and its tests are self-contained. Swagger 2.0 schemas are a subset of JSON Schema draft
4; `$ref`s point at `#/definitions/...` and resolve against the whole document.

`strict=True` additionally rejects properties the schema does not declare: Argo's gRPC gateway
decodes bodies into protobuf messages and drops or refuses unknown fields, so a misspelt field is a
bug we want to see in tests rather than silently ignored by the real server.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml

SPEC_DIR = Path(__file__).resolve().parent / "specs"

WORKFLOWS = "argo-workflows.swagger.json"
ARGO_CD = "argo-cd.swagger.json"


@functools.cache
def swagger(name: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((SPEC_DIR / name).read_text(encoding="utf-8"))
    return doc


def _closed(schema: Any) -> Any:
    """A copy of `schema` where every object with declared properties refuses unknown ones."""
    if isinstance(schema, list):
        return [_closed(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: _closed(v) for k, v in schema.items()}
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    return out


@functools.cache
def _definitions(name: str, strict: bool) -> dict[str, Any]:
    defs = swagger(name)["definitions"]
    if not strict:
        return defs  # type: ignore[no-any-return]
    return _closed(_flatten_all_of(copy.deepcopy(defs)))  # type: ignore[no-any-return]


def _flatten_all_of(defs: dict[str, Any]) -> dict[str, Any]:
    """Merge `allOf: [{$ref}]` into the object's own properties, so closing stays correct."""
    for schema in defs.values():
        parts = schema.pop("allOf", None) if isinstance(schema, dict) else None
        for part in parts or []:
            ref = part.get("$ref", "")
            base = defs.get(ref.rsplit("/", 1)[-1], {}) if ref else part
            schema.setdefault("properties", {}).update(
                {
                    k: v
                    for k, v in base.get("properties", {}).items()
                    if k not in schema["properties"]
                }
            )
    return defs


@functools.cache
def _validator(name: str, schema_json: str, strict: bool) -> jsonschema.Draft4Validator:
    schema = json.loads(schema_json)
    if strict:
        schema = _closed(schema)
    schema["definitions"] = _definitions(name, strict)
    return jsonschema.Draft4Validator(schema)


def errors(name: str, schema: dict[str, Any], instance: Any, *, strict: bool = True) -> list[str]:
    """Human-readable violations of `schema` (from spec `name`) by `instance`; [] when valid."""
    validator = _validator(name, json.dumps(schema, sort_keys=True), strict)
    found = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '<root>'}: {e.message}" for e in found]


def definition_errors(
    name: str, definition: str, instance: Any, *, strict: bool = True
) -> list[str]:
    return errors(name, {"$ref": f"#/definitions/{definition}"}, instance, strict=strict)


@dataclass(frozen=True)
class Operation:
    """One operation of a Swagger document, matched from a concrete method and path."""

    method: str
    template: str
    path_params: dict[str, str]
    spec: dict[str, Any]

    @property
    def operation_id(self) -> str:
        return str(self.spec.get("operationId", f"{self.method} {self.template}"))

    def parameters(self, where: str) -> list[dict[str, Any]]:
        return [p for p in self.spec.get("parameters", []) if p.get("in") == where]

    def response_schema(self, status: int) -> dict[str, Any] | None:
        responses = self.spec.get("responses", {})
        entry = responses.get(str(status)) or responses.get("default")
        return entry.get("schema") if entry else None


@functools.cache
def _routes(name: str) -> list[tuple[re.Pattern[str], str, str]]:
    routes = []
    for template, methods in swagger(name)["paths"].items():
        # `{name}` matches one segment; grpc-gateway's `{name=**}` style is not used in these specs.
        pattern = re.sub(
            r"\\\{([^}]+)\\\}", lambda m: f"(?P<{_group(m.group(1))}>[^/]+)", re.escape(template)
        )
        for method in methods:
            routes.append((re.compile(f"^{pattern}$"), method.upper(), template))
    # Literal segments win over parameters (`/workflows/ns/lint` is not `/workflows/ns/{name}`).
    routes.sort(key=lambda r: r[2].count("{"))
    return routes


def _group(param: str) -> str:
    return re.sub(r"\W", "_", param)


def match(name: str, method: str, path: str) -> Operation | None:
    for pattern, m, template in _routes(name):
        if m != method.upper():
            continue
        found = pattern.match(path)
        if found:
            params = dict(zip(re.findall(r"\{([^}]+)\}", template), found.groups(), strict=True))
            op = swagger(name)["paths"][template][method.lower()]
            return Operation(method.upper(), template, params, op)
    return None


def check_query(op: Operation, query: dict[str, list[str]]) -> list[str]:
    """Unknown query parameters and values of the wrong type, as a gRPC gateway would refuse."""
    declared = {p["name"]: p for p in op.parameters("query")}
    problems = []
    for key, values in query.items():
        param = declared.get(key)
        if param is None:
            problems.append(f"query parameter {key!r} is not part of {op.operation_id}")
            continue
        for value in values:
            if param.get("type") == "boolean" and value not in ("true", "false"):
                problems.append(f"query parameter {key!r} must be true or false, got {value!r}")
            if param.get("format") in ("int64", "int32") and not re.fullmatch(r"-?\d+", value):
                problems.append(f"query parameter {key!r} must be an integer, got {value!r}")
    return problems


def check_body(op: Operation, body: Any, spec_name: str) -> list[str]:
    params = op.parameters("body")
    if not params:
        return [] if body is None else [f"{op.operation_id} takes no request body"]
    param = params[0]
    if body is None:
        return [f"{op.operation_id} requires a request body"] if param.get("required") else []
    return errors(spec_name, param["schema"], body)


@functools.cache
def crd_schema(file_name: str) -> dict[str, Any]:
    """The OpenAPI v3 schema of the served version of a CRD file in specs/."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader: 10x faster on 600 KB
    crd = yaml.load((SPEC_DIR / file_name).read_text(encoding="utf-8"), Loader=loader)
    for version in crd["spec"]["versions"]:
        if version.get("served", True):
            schema: dict[str, Any] = version["schema"]["openAPIV3Schema"]
            return schema
    raise LookupError(f"{file_name} has no served version")


def crd_errors(file_name: str, instance: Any) -> list[str]:
    """Violations of a CRD's schema, with unknown fields refused as `kubectl apply` does by
    default (server-side field validation "Strict")."""
    validator = jsonschema.Draft7Validator(_crd_validator_schema(file_name))
    found = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '<root>'}: {e.message}" for e in found]


@functools.cache
def _crd_validator_schema(file_name: str) -> dict[str, Any]:
    # `x-kubernetes-int-or-string` fields are typeless in JSON Schema terms; the rest is standard.
    return _drop_k8s_extensions(crd_schema(file_name))  # type: ignore[no-any-return]


def _drop_k8s_extensions(schema: Any) -> Any:
    if isinstance(schema, list):
        return [_drop_k8s_extensions(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: _drop_k8s_extensions(v) for k, v in schema.items() if not k.startswith("x-")}
    if schema.get("x-kubernetes-int-or-string"):
        out.pop("type", None)
        out["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if (
        "properties" in out
        and "additionalProperties" not in out
        and not schema.get("x-kubernetes-preserve-unknown-fields")
    ):
        out["additionalProperties"] = False
    return out
