"""Validation: each problem with its code, element id and line; the CLI and `check` agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from intheflow.cli import main
from intheflow.core.diagnostics import Severity
from intheflow.process.bpmn import read_bpmn
from intheflow.process.decisions import WorkspaceDecisions
from intheflow.process.functions import builtins
from intheflow.process.loader import known_for
from intheflow.process.validate import validate

FIXTURES = Path(__file__).parent / "fixtures"
PROCESSES = Path(__file__).resolve().parents[2] / "examples" / "payments" / "processes"
BROKEN = FIXTURES / "broken-model.bpmn"


def problems_of(path: Path) -> dict[tuple[str, str | None], tuple[int, Severity]]:
    text = path.read_text()
    found = validate(
        read_bpmn(text), known_for(path.parent, builtins, WorkspaceDecisions.load(path.parent))
    )
    return {(p.code, p.element): (p.line, p.severity) for p in found}


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines()) if needle in line)


def test_example_models_are_clean() -> None:
    assert problems_of(PROCESSES / "charge-a-card.bpmn") == {}


def test_every_kind_of_problem_is_reported_with_element_and_line() -> None:
    text = BROKEN.read_text()
    got = problems_of(BROKEN)
    expected = {
        ("service-task-unknown-function", "Task_pay"): 'id="Task_pay"',
        ("business-rule-unknown-decision", "Task_score"): 'id="Task_score"',
        ("gateway-no-default", "Gateway_ok"): 'id="Gateway_ok"',
        ("unreachable", "Task_orphan"): 'id="Task_orphan"',
        ("condition-syntax", "f_loop"): 'id="f_loop"',
        ("flow-unknown-ref", "f_back"): 'id="f_back"',
        ("dead-end", "Task_retry"): 'id="Task_retry"',
        ("dead-end", "Task_orphan"): 'id="Task_orphan"',
        ("cycle-without-exit", "Task_stuck"): 'id="Task_stuck"',
    }
    for key, needle in expected.items():
        if key == ("dead-end", "Task_orphan"):
            continue  # unreachable nodes are reported once, as unreachable
        assert key in got, f"missing {key}: got {sorted(got)}"
        assert got[key][0] == line_of(text, needle), key
    assert got[("gateway-no-default", "Gateway_ok")][1] == Severity.WARNING
    assert got[("cycle-without-exit", "Task_stuck")][1] == Severity.ERROR


def test_cli_validate_prints_file_line_column_and_fails_on_errors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["process", "validate", str(BROKEN)]) == 1
    out = capsys.readouterr().out
    line = line_of(BROKEN.read_text(), 'id="Task_pay"') + 1
    assert f"broken-model.bpmn:{line}:5: error [service-task-unknown-function] Task_pay:" in out
    assert main(["process", "validate", str(PROCESSES)]) == 0


def test_cli_validate_json_and_bad_paths(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["process", "validate", "--json", str(BROKEN)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert {"path", "line", "column", "severity", "code", "element", "message"} <= set(report[0])
    assert main(["process", "validate", "/nonexistent/x.bpmn"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_broken_xml_is_a_finding_with_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.bpmn"
    bad.write_text(
        '<?xml version="1.0"?>\n'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">\n'
        '  <bpmn:process id="p">\n'
    )
    assert main(["process", "validate", str(bad)]) == 1
    out = capsys.readouterr().out
    # the parser stops past the last line; the position is clamped to the file
    assert "bad.bpmn:3:" in out and "[bpmn-xml] broken XML: Premature end of data" in out


def test_check_command_runs_the_same_analyzer(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["check", str(FIXTURES)])
    out = capsys.readouterr().out
    assert rc == 1
    assert "[process/service-task-unknown-function]" in out
    assert "[process/cycle-without-exit]" in out


def test_json_form_with_unknown_decision_is_reported_on_its_line(tmp_path: Path) -> None:
    text = (
        (PROCESSES / "charge-a-card.process.json")
        .read_text()
        .replace('"decision": "payment_risk"', '"decision": "payment_risk_v2"')
    )
    model = tmp_path / "charge.process.json"
    model.write_text(text)
    from intheflow.process.loader import read_model

    found = validate(
        read_model(model), known_for(tmp_path, builtins, WorkspaceDecisions.load(PROCESSES))
    )
    (p,) = [p for p in found if p.code == "business-rule-unknown-decision"]
    assert '"Task_assess_risk"' in text.splitlines()[p.line]


def test_guard_rules_are_compiled_by_the_rule_engine_with_positions(tmp_path: Path) -> None:
    from intheflow.analysis import AnalysisContext
    from intheflow.core.documents import Document
    from intheflow.process.analyzers import ProcessModelAnalyzer

    text = (PROCESSES / "charge-a-card.guards.json").read_text()
    broken = text.replace('"if": "valid != true"', '"if": "valid != = true"')
    path = tmp_path / "charge-a-card.guards.json"
    diags = ProcessModelAnalyzer().analyze(
        Document(path=str(path), text=broken), AnalysisContext(root=tmp_path)
    )
    assert diags and diags[0].code == "process/guards"
    assert "valid != = true" in broken.splitlines()[diags[0].range.start.line]
    ok = ProcessModelAnalyzer().analyze(
        Document(path=str(path), text=text), AnalysisContext(root=tmp_path)
    )
    assert ok == []


def test_cli_validate_checks_guards_and_dmn_beside_the_models(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    for name in ("charge-a-card.bpmn", "payment_risk.dmn", "charge-a-card.guards.json"):
        shutil.copy(PROCESSES / name, tmp_path / name)
    assert main(["process", "validate", str(tmp_path)]) == 0
    guards = tmp_path / "charge-a-card.guards.json"
    guards.write_text(guards.read_text().replace('"valid != true"', '"valid != = true"'))
    dmn = tmp_path / "payment_risk.dmn"
    dmn.write_text(dmn.read_text().replace("&gt;= 1000", "&gt;= = 1000"))
    capsys.readouterr()
    assert main(["process", "validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "charge-a-card.guards.json:" in out and "[guards]" in out
    assert "payment_risk.dmn:" in out and "[dmn]" in out
