"""The example rule files validate against the JSON Schemas in shared/schemas/formats/."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import EXAMPLES, REPO

FORMATS = REPO / "shared" / "schemas" / "formats"
RULES = EXAMPLES / "rules"


def schema(name: str) -> dict:
    s = json.loads((FORMATS / name).read_text())
    jsonschema.Draft202012Validator.check_schema(s)
    return s


@pytest.mark.parametrize("path", sorted((RULES / "decisions").glob("*.json")), ids=lambda p: p.name)
def test_jdm_examples_validate(path: Path) -> None:
    if path.name.endswith(".test.json"):
        return
    jsonschema.validate(json.loads(path.read_text()), schema("jdm.schema.json"))


def test_ruleset_and_code_rules_validate() -> None:
    jsonschema.validate(
        json.loads((RULES / "payment-risk.rules.json").read_text()), schema("rules.schema.json")
    )
    jsonschema.validate(
        json.loads((RULES / "code-rules.json").read_text()), schema("code-rules.schema.json")
    )


def test_schema_rejects_a_rule_without_term() -> None:
    bad = {"kind": "code-rules", "rules": [{"id": "x", "type": "naming", "pattern": "a"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema("code-rules.schema.json"))
