"""Pipeline generation from catalog-info.yaml, its validation, and the `pipeline` CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from intheflow.cli import main
from intheflow.gitops.catalog import read_services
from intheflow.gitops.pipeline import generate, validate
from intheflow.gitops.standin import ArgoWorkflowsStandIn, Run, StepRun

from .conftest import TOKEN

CATALOG = """\
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: {name}
spec:
  type: service
  lifecycle: production
  owner: {owner}
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    ledger = tmp_path / "services" / "ledger"
    ledger.mkdir(parents=True)
    (ledger / "catalog-info.yaml").write_text(CATALOG.format(name="ledger", owner="group:core"))
    (ledger / "pyproject.toml").write_text("[project]\nname = 'ledger'\n")
    batch = tmp_path / "legacy" / "settlement"
    batch.mkdir(parents=True)
    (batch / "catalog-info.yaml").write_text(
        "apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: {name: payments}\n---\n"
        + CATALOG.format(name="settlement-batch", owner="team-mainframe")
    )
    (batch / "SETTLE.cbl").write_text("       IDENTIFICATION DIVISION.\n")
    return tmp_path


def test_services_and_languages_from_catalog(workspace: Path) -> None:
    services, problems = read_services(workspace)
    assert problems == []
    by_name = {s.name: s for s in services}
    assert set(by_name) == {"ledger", "settlement-batch"}
    assert (by_name["ledger"].language, by_name["ledger"].has_cobol) == ("python", False)
    assert (by_name["settlement-batch"].language, by_name["settlement-batch"].has_cobol) == (
        "cobol",
        True,
    )
    assert by_name["ledger"].relative == "services/ledger"


def test_generated_workflows_pass_argo_and_kubernetes_schemas(workspace: Path) -> None:
    services, _ = read_services(workspace)
    for service in services:
        pipeline = generate(service)
        assert validate(pipeline.workflow) == []
        # The YAML is what a user commits or `argo submit`s: it must round-trip unchanged.
        assert yaml.safe_load(pipeline.to_yaml()) == pipeline.workflow
        expected = ["build", "unit-tests", "semgrep", "rule-checks"]
        if service.has_cobol:
            expected.append("transpile-verify")
        assert pipeline.steps == expected
        labels = pipeline.workflow["metadata"]["labels"]
        assert labels["intheflow.dev/service"] == service.name
    rule_step = next(
        t for t in generate(services[0]).workflow["spec"]["templates"] if t["name"] == "rule-checks"
    )
    assert "intheflow check --format sarif" in rule_step["container"]["args"][0]


def test_validate_catches_argo_and_pod_schema_errors(workspace: Path) -> None:
    services, _ = read_services(workspace)
    wf = generate(services[0]).workflow
    wf["spec"]["templates"][1]["container"]["resources"]["limits"] = ["2Gi"]
    problems = validate(wf)
    assert any(
        p.startswith("Argo schema: spec/templates/1/container/resources/limits") for p in problems
    )
    assert any("template build: Kubernetes schema" in p for p in problems)
    wf = generate(services[0]).workflow
    wf["spec"]["templates"][0]["dag"]["tasks"][1]["dependencies"] = ["compile"]
    assert validate(wf) == ["task unit-tests: dependency 'compile' not declared before"]


def test_bad_catalog_yaml_is_a_located_problem(workspace: Path) -> None:
    bad = workspace / "broken"
    bad.mkdir()
    (bad / "catalog-info.yaml").write_text("kind: Component\nmetadata:\n  name: [oops\n")
    services, problems = read_services(workspace)
    assert len(services) == 2
    assert len(problems) == 1
    assert problems[0].path == "broken/catalog-info.yaml"
    assert problems[0].line == 4 and "invalid YAML" in problems[0].message


def test_cli_generate_writes_files(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = workspace / "argo"
    assert main(["pipeline", "generate", "--workspace", str(workspace), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["ledger-ci.yaml", "settlement-batch-ci.yaml"]
    assert main(["pipeline", "generate", "--workspace", str(workspace), "--service", "x"]) == 2
    assert "no Component named x" in capsys.readouterr().err


def test_cli_submit_status_logs_retry(
    workspace: Path,
    argo: ArgoWorkflowsStandIn,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def tests_fail_first(run: Run) -> list[StepRun]:
        steps = [StepRun("build", "Succeeded", "built\n")]
        if run.attempt == 1:
            return [*steps, StepRun("unit-tests", "Failed", "E   AssertionError: 2 != 3\n")]
        return [
            *steps,
            *(StepRun(s, "Succeeded") for s in ("unit-tests", "semgrep", "rule-checks")),
        ]

    argo.executor = tests_fail_first
    monkeypatch.setenv("ARGO_TOKEN", TOKEN)
    server = ["--argo-server", argo.url]
    ws = ["--workspace", str(workspace)]
    assert main(["pipeline", "submit", *ws, *server, "--service", "ledger", "--wait"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("ledger: ledger-ci-") and out.strip().endswith("Failed")
    name = out.split()[1]
    assert main(["pipeline", "status", *server, "--service", "ledger"]) == 0
    status = capsys.readouterr().out
    assert f"{name}  ledger  Failed" in status and "unit-tests" in status
    assert main(["pipeline", "logs", name, "--step", "unit-tests", *server]) == 0
    assert capsys.readouterr().out == "E   AssertionError: 2 != 3\n"
    assert main(["pipeline", "logs", name, "--step", "unit-tests", "--follow", *server]) == 0
    assert capsys.readouterr().out == "E   AssertionError: 2 != 3\n"  # logOptions.follow on spec
    assert main(["pipeline", "logs", name, "--step", "deploy", *server]) == 2
    assert "has no step 'deploy'" in capsys.readouterr().err
    assert main(["pipeline", "retry", name, *server]) == 0
    assert capsys.readouterr().out.strip() == f"{name} Succeeded"
    assert main(["pipeline", "watch", name, *server, "--timeout", "5"]) == 0
    events = capsys.readouterr().out.splitlines()
    assert events[0].startswith(f"ADDED {name} Running")
    assert events[-1].startswith(f"MODIFIED {name} Succeeded build=Succeeded, unit-tests=")
    assert main(["pipeline", "lint", *ws, *server]) == 0
    assert capsys.readouterr().out.splitlines() == ["settlement-batch: ok", "ledger: ok"]


def test_cli_without_argo_server_exits_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("ARGO_SERVER", raising=False)
    assert main(["pipeline", "status"]) == 3
    assert "set ARGO_SERVER" in capsys.readouterr().err
