"""Argo CD against its spec-validated stand-in; Rollouts through the real `kubernetes` client
against a Kubernetes stand-in validated with the Rollouts CRD schemas; the promote/abort decision.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from intheflow.cli import main
from intheflow.gitops.advisor import OpenAIChat
from intheflow.gitops.argocd import ArgoCDClient
from intheflow.gitops.catalog import Service
from intheflow.gitops.policy import load_policy
from intheflow.gitops.rest import Endpoint
from intheflow.gitops.rollouts import (
    RolloutsClient,
    decide,
    generate_rollout,
    validate_objects,
)
from intheflow.gitops.standin import (
    ArgoCDStandIn,
    KubernetesStandIn,
    ScriptedChatServer,
    application,
)

from .conftest import TOKEN

CONFIGMAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ledger-config\ndata:\n  a: b\n"


def seed(argocd: ArgoCDStandIn) -> None:
    argocd.add(
        application("ledger", repo="https://git.example.com/payments.git", path="deploy/ledger"),
        [
            {
                "group": "apps",
                "version": "v1",
                "kind": "Deployment",
                "name": "ledger",
                "namespace": "payments",
                "health": {"status": "Healthy"},
            },
            {
                "group": "apps",
                "version": "v1",
                "kind": "ReplicaSet",
                "name": "ledger-6d9f",
                "namespace": "payments",
                "health": {"status": "Healthy"},
                "parentRefs": [
                    {
                        "group": "apps",
                        "kind": "Deployment",
                        "name": "ledger",
                        "namespace": "payments",
                    }
                ],
            },
        ],
    )
    argocd.add(
        application(
            "notifications",
            repo="https://git.example.com/payments.git",
            path="deploy/notifications",
            sync="Synced",
            health="Degraded",
        )
    )


def cd_client(argocd: ArgoCDStandIn) -> ArgoCDClient:
    return ArgoCDClient(
        Endpoint(argocd.url, "Argo CD server", headers={"Authorization": f"Bearer {TOKEN}"})
    )


def test_applications_status_sync_and_tree(argocd: ArgoCDStandIn) -> None:
    seed(argocd)
    client = cd_client(argocd)
    apps = {a.name: a for a in client.apps()}
    assert (apps["ledger"].sync, apps["ledger"].health) == ("OutOfSync", "Healthy")
    assert apps["notifications"].health == "Degraded"
    assert [a.name for a in client.apps(selector="intheflow.dev/service=ledger")] == ["ledger"]

    result = client.sync_checked("ledger", revision="abc123", manifests=[CONFIGMAP])
    assert result.ok and result.synced is not None
    assert result.dry_run.operation_message.endswith("(dry run)")
    assert (result.synced.sync, result.synced.revision) == ("Synced", "abc123")
    assert [s["dryRun"] for s in argocd.syncs] == [True, False]  # dry run first

    tree = client.resource_tree("ledger")
    assert [(n.kind, n.parents) for n in tree] == [
        ("Deployment", []),
        ("ReplicaSet", ["Deployment/ledger"]),
    ]


def test_failed_dry_run_stops_the_sync(argocd: ArgoCDStandIn) -> None:
    seed(argocd)
    result = cd_client(argocd).sync_checked("ledger", manifests=["kind: ConfigMap\n"])
    assert result.synced is None and not result.ok
    assert "lacks apiVersion, metadata.name" in result.dry_run.operation_message
    assert [s["dryRun"] for s in argocd.syncs] == [True]


def test_argocd_cli(
    argocd: ArgoCDStandIn,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    seed(argocd)
    monkeypatch.setenv("ARGOCD_AUTH_TOKEN", TOKEN)
    server = ["--argocd-server", argocd.url]
    assert main(["argocd", "apps", *server]) == 0
    assert "notifications" in capsys.readouterr().out
    manifest = tmp_path / "cm.yaml"
    manifest.write_text(CONFIGMAP)
    assert main(["argocd", "sync", "ledger", "--manifest", str(manifest), *server]) == 0
    out = capsys.readouterr().out
    assert "dry run: Succeeded" in out and "now Synced/Healthy" in out
    manifest.write_text("kind: [\n")
    assert main(["argocd", "sync", "ledger", "--manifest", str(manifest), *server]) == 2
    assert f"{manifest}:2:1: invalid YAML" in capsys.readouterr().err
    assert main(["argocd", "tree", "ledger", *server]) == 0
    assert "ReplicaSet/ledger-6d9f [payments] Healthy  ← Deployment/ledger" in (
        capsys.readouterr().out
    )
    assert main(["argocd", "tree", "nope", *server]) == 1
    assert "returned HTTP 404" in capsys.readouterr().out


def service(tmp_path: Path) -> Service:
    return Service(
        name="ledger",
        directory=tmp_path,
        relative=".",
        owner="group:core",
        system="",
        lifecycle="production",
        language="go",
        has_cobol=False,
        catalog_file=tmp_path / "catalog-info.yaml",
    )


def test_generated_rollout_and_template_match_the_crds(tmp_path: Path) -> None:
    rollout, template = generate_rollout(
        service(tmp_path), image="ghcr.io/acme/ledger:1.4.2", prometheus="http://prom:9090"
    )
    assert validate_objects(rollout, template) == []
    metrics = template["spec"]["metrics"]
    assert {m["name"] for m in metrics} == {"success-rate", "p95-latency"}
    assert all("{{args.service}}" in m["provider"]["prometheus"]["query"] for m in metrics)
    canary = rollout["spec"]["strategy"]["canary"]
    assert canary["analysis"]["templates"] == [{"templateName": "ledger-canary"}]
    rollout["spec"]["strategy"]["canary"]["steps"][0] = {"setWeight": "ten"}
    rollout["spec"]["replica"] = 3
    problems = validate_objects(rollout, template)
    assert "Rollout: spec: Additional properties are not allowed ('replica' was unexpected)" in (
        problems
    )
    assert any("setWeight: 'ten' is not of type 'integer'" in p for p in problems)


def analysis_run(name: str, phase: str, value: str) -> dict[str, Any]:
    return {
        "apiVersion": "argoproj.io/v1alpha1",
        "kind": "AnalysisRun",
        "metadata": {
            "name": name,
            "namespace": "payments",
            "ownerReferences": [
                {
                    "apiVersion": "argoproj.io/v1alpha1",
                    "kind": "Rollout",
                    "name": "ledger",
                    "uid": "0b9e",
                }
            ],
        },
        "spec": {
            "metrics": [
                {
                    "name": "success-rate",
                    "provider": {
                        "prometheus": {"address": "http://prom:9090", "query": "vector(1)"}
                    },
                }
            ]
        },
        "status": {
            "phase": phase,
            "message": f"metric success-rate assessed {phase}",
            "metricResults": [
                {
                    "name": "success-rate",
                    "phase": phase,
                    "measurements": [
                        {
                            "phase": phase,
                            "value": value,
                            "startedAt": "2026-11-27T12:00:00Z",
                            "finishedAt": "2026-11-27T12:00:01Z",
                        }
                    ],
                }
            ],
        },
    }


@pytest.fixture
def seeded_kube(kube: KubernetesStandIn, tmp_path: Path) -> tuple[KubernetesStandIn, Path]:
    rollout, _ = generate_rollout(
        service(tmp_path),
        image="ghcr.io/acme/ledger:1.4.2",
        prometheus="http://prom:9090",
        namespace="payments",
    )
    rollout["status"] = {
        "phase": "Paused",
        "pauseConditions": [{"reason": "CanaryPauseStep", "startTime": "2026-11-27T12:00:00Z"}],
    }
    kube.add(rollout)
    kube.add(analysis_run("ledger-6d9f-2", "Successful", "[0.998]"))
    config = tmp_path / "kubeconfig"
    kube.kubeconfig(config)
    return kube, config


def test_analysis_runs_abort_and_promote_through_kubernetes_client(
    seeded_kube: tuple[KubernetesStandIn, Path],
) -> None:
    kube, config = seeded_kube
    client = RolloutsClient.from_kubeconfig(str(config), namespace="payments")
    runs = client.analysis_runs("ledger")
    assert [(r.name, r.phase, r.measurements[0].value) for r in runs] == [
        ("ledger-6d9f-2", "Successful", "[0.998]")
    ]
    assert client.analysis_runs("other") == []
    assert client.abort("ledger")["status"]["abort"] is True
    assert "pauseConditions" not in client.promote("ledger")["status"]
    assert [p[2] for p in kube.patches] == [
        {"status": {"abort": True}},
        {"status": {"pauseConditions": None}},
    ]


def test_rules_override_the_ai_when_the_error_budget_is_spent(
    seeded_kube: tuple[KubernetesStandIn, Path],
) -> None:
    _, config = seeded_kube
    runs = RolloutsClient.from_kubeconfig(str(config), namespace="payments").analysis_runs()
    chat = ScriptedChatServer(
        [
            json.dumps({"recommendation": "promote", "reasons": ["success rate 99.8% ≥ 99%"]}),
            json.dumps({"recommendation": "promote", "reasons": ["looks fine"]}),
        ]
    )
    chat.start()
    try:
        model = OpenAIChat(chat.url)
        policy = load_policy()
        healthy = decide(runs, {"error_budget_remaining": 0.42}, policy, model)
        assert (healthy.action, healthy.decided_by) == ("promote", "ai")
        assert healthy.reasons == ["success rate 99.8% ≥ 99%"]
        spent = decide(runs, {"error_budget_remaining": -0.3}, policy, model)
        assert (spent.action, spent.decided_by) == ("abort", "rule error-budget-spent")
        assert spent.ai_recommendation == "promote"
        assert "analysis_runs" in chat.requests[0]["messages"][1]["content"]
    finally:
        chat.stop()
    # Without a model, the analysis phases decide.
    failing = [*runs]
    assert decide(failing, {}, load_policy(), None).action == "promote"


def test_rollout_cli_generate_and_runs(
    seeded_kube: tuple[KubernetesStandIn, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, config = seeded_kube
    ws = tmp_path / "ws"
    (ws / "ledger").mkdir(parents=True)
    (ws / "ledger" / "catalog-info.yaml").write_text(
        "kind: Component\nmetadata: {name: ledger}\nspec: {owner: team-core}\n"
    )
    code = main(
        [
            "rollout",
            "generate",
            "--workspace",
            str(ws),
            "--service",
            "ledger",
            "--image",
            "ghcr.io/acme/ledger:2.0.0",
        ]
    )
    assert code == 0
    docs = list(yaml.safe_load_all(capsys.readouterr().out))
    assert [d["kind"] for d in docs] == ["AnalysisTemplate", "Rollout"]
    assert (
        main(["rollout", "runs", "ledger", "--kubeconfig", str(config), "--namespace", "payments"])
        == 0
    )
    assert "ledger-6d9f-2  Successful" in capsys.readouterr().out
