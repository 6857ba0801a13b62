"""Every method schema in shared/schemas/methods agrees with its msgspec types, the generated
TypeScript, the docs page and the methods the server registers."""

from __future__ import annotations

import jsonschema
from contract import (
    DOCS_OUT,
    TS_OUT,
    MethodSchema,
    compare_method,
    load_methods,
    problems_of,
    render_docs,
    render_ts,
)
from intheflow.protocol import resolve_type

METHODS = load_methods()


def _schema_problems(method: MethodSchema) -> list[str]:
    out = []
    if method.raw.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
        out.append("$schema must be https://json-schema.org/draft/2020-12/schema")
    try:
        jsonschema.Draft202012Validator.check_schema(method.raw)
    except jsonschema.SchemaError as exc:
        out.append(f"not a valid JSON Schema: {exc.message} at {list(exc.absolute_path)}")
    return out + problems_of(method)


def test_every_method_schema_follows_the_conventions() -> None:
    found = {m.path.name: _schema_problems(m) for m in METHODS}
    assert {name: p for name, p in found.items() if p} == {}


def test_every_python_type_matches_its_schema() -> None:
    found = {m.path.name: compare_method(m, resolve_type) for m in METHODS}
    assert {name: p for name, p in found.items() if p} == {}


def test_generated_typescript_is_current() -> None:
    assert TS_OUT.exists(), "run python shared/tools/gen_ts.py"
    assert TS_OUT.read_text(encoding="utf-8") == render_ts(METHODS), (
        "extension/src/protocol.generated.ts is stale: run python shared/tools/gen_ts.py"
    )


def test_docs_page_is_current() -> None:
    assert DOCS_OUT.exists(), "run python shared/tools/gen_docs.py"
    assert DOCS_OUT.read_text(encoding="utf-8") == render_docs(METHODS), (
        "docs/lsp-extensions.md is stale: run python shared/tools/gen_docs.py"
    )


def test_every_custom_method_the_server_handles_has_a_schema() -> None:
    from intheflow.lsp.server import build_server

    handled = {m for m in build_server().protocol.fm.features if m.startswith("intheflow/")}
    declared = {m.method for m in METHODS if m.direction == "clientToServer"}
    assert handled - declared == set(), "custom methods without a schema"
    assert declared - handled == set(), "schemas of methods the server does not handle"
