"""Argo Rollouts: canary Rollout + Prometheus AnalysisTemplate generation, AnalysisRun reading,
and the promote/abort decision (AI recommends, policy rules override).

Rollout and AnalysisRun objects have no Argo REST endpoint, so they are read and patched through
the Kubernetes API with the official `kubernetes` client (kubeconfig or in-cluster config).
Generated objects are validated against the CRDs' OpenAPI v3 schemas in specs/.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import jsonschema

from intheflow.gitops import spec
from intheflow.gitops.advisor import ChatModel, ModelError, parse_json_object
from intheflow.gitops.catalog import Service
from intheflow.gitops.pipeline import dns_label
from intheflow.gitops.policy import Policy

GROUP, VERSION = "argoproj.io", "v1alpha1"
ROLLOUT_CRD = "rollout-crd.yaml"
TEMPLATE_CRD = "analysis-template-crd.yaml"
RUN_CRD = "analysis-run-crd.yaml"

# PromQL over the standard HTTP server metrics; `{{args.service}}` is filled in by Rollouts.
SUCCESS_RATE = (
    'sum(rate(http_requests_total{service="{{args.service}}",code!~"5.."}[5m])) / '
    'sum(rate(http_requests_total{service="{{args.service}}"}[5m]))'
)
P95_LATENCY = (
    "histogram_quantile(0.95, sum(rate(http_request_duration_seconds_bucket"
    '{service="{{args.service}}"}[5m])) by (le))'
)


def generate_rollout(
    service: Service,
    *,
    image: str,
    prometheus: str,
    namespace: str = "default",
    port: int = 8080,
    replicas: int = 4,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(Rollout, AnalysisTemplate) for a canary of `service` judged by Prometheus metrics."""
    name = dns_label(service.name)
    template = {
        "apiVersion": f"{GROUP}/{VERSION}",
        "kind": "AnalysisTemplate",
        "metadata": {"name": f"{name}-canary", "namespace": namespace},
        "spec": {
            "args": [{"name": "service", "value": name}],
            "metrics": [
                {
                    "name": "success-rate",
                    "interval": "1m",
                    "count": 5,
                    "failureLimit": 1,
                    "successCondition": "len(result) == 0 || result[0] >= 0.99",
                    "provider": {"prometheus": {"address": prometheus, "query": SUCCESS_RATE}},
                },
                {
                    "name": "p95-latency",
                    "interval": "1m",
                    "count": 5,
                    "failureLimit": 1,
                    "successCondition": "len(result) == 0 || result[0] <= 0.5",
                    "provider": {"prometheus": {"address": prometheus, "query": P95_LATENCY}},
                },
            ],
        },
    }
    labels = {"app.kubernetes.io/name": name, "intheflow.dev/owner": dns_label(service.owner)}
    rollout = {
        "apiVersion": f"{GROUP}/{VERSION}",
        "kind": "Rollout",
        "metadata": {"name": name, "namespace": namespace, "labels": labels},
        "spec": {
            "replicas": replicas,
            "revisionHistoryLimit": 3,
            "selector": {"matchLabels": {"app.kubernetes.io/name": name}},
            "template": {
                "metadata": {"labels": labels},
                "spec": {
                    "containers": [
                        {
                            "name": name,
                            "image": image,
                            "ports": [{"name": "http", "containerPort": port}],
                            "resources": {
                                "requests": {"cpu": "250m", "memory": "256Mi"},
                                "limits": {"cpu": "1", "memory": "512Mi"},
                            },
                            "readinessProbe": {"httpGet": {"path": "/healthz", "port": "http"}},
                        }
                    ]
                },
            },
            "strategy": {
                "canary": {
                    "analysis": {
                        "templates": [{"templateName": f"{name}-canary"}],
                        "startingStep": 1,
                    },
                    "steps": [
                        {"setWeight": 10},
                        {"pause": {"duration": "2m"}},
                        {"setWeight": 30},
                        {"pause": {"duration": "5m"}},
                        {"setWeight": 60},
                        {"pause": {"duration": "5m"}},
                    ],
                }
            },
        },
    }
    return rollout, template


def validate_objects(rollout: dict[str, Any], template: dict[str, Any]) -> list[str]:
    return [f"Rollout: {p}" for p in spec.crd_errors(ROLLOUT_CRD, rollout)] + [
        f"AnalysisTemplate: {p}" for p in spec.crd_errors(TEMPLATE_CRD, template)
    ]


# --- reading AnalysisRuns through the Kubernetes API ---------------------------------------------


@dataclass(frozen=True)
class Measurement:
    metric: str
    phase: str
    value: str
    finished_at: str


@dataclass(frozen=True)
class AnalysisRunSummary:
    name: str
    rollout: str
    phase: str
    message: str
    measurements: list[Measurement] = field(default_factory=list)


def summarize_run(run: dict[str, Any]) -> AnalysisRunSummary:
    meta = run.get("metadata") or {}
    status = run.get("status") or {}
    owner = next(
        (
            o.get("name", "")
            for o in meta.get("ownerReferences") or []
            if o.get("kind") == "Rollout"
        ),
        (meta.get("labels") or {}).get("rollouts-pod-template-hash", ""),
    )
    measurements = [
        Measurement(
            metric=str(result.get("name", "")),
            phase=str(m.get("phase", "")),
            value=str(m.get("value", "")),
            finished_at=str(m.get("finishedAt", "")),
        )
        for result in status.get("metricResults") or []
        for m in result.get("measurements") or []
    ]
    return AnalysisRunSummary(
        name=str(meta.get("name", "")),
        rollout=str(owner),
        phase=str(status.get("phase", "")),
        message=str(status.get("message", "")),
        measurements=measurements,
    )


class RolloutsClient:
    """Rollout and AnalysisRun custom objects via kubernetes.client.CustomObjectsApi."""

    def __init__(self, api_client: Any, namespace: str) -> None:
        from kubernetes import client as k8s

        self.api: Any = k8s.CustomObjectsApi(api_client)
        self.namespace = namespace

    @staticmethod
    def from_kubeconfig(
        path: str | None = None, context: str | None = None, namespace: str = "default"
    ) -> RolloutsClient:
        from kubernetes import config

        try:
            api_client = config.new_client_from_config(config_file=path, context=context)  # type: ignore[no-untyped-call]
        except config.ConfigException:
            config.load_incluster_config()  # type: ignore[no-untyped-call]
            from kubernetes import client as k8s

            api_client = k8s.ApiClient()
        return RolloutsClient(api_client, namespace)

    def rollout(self, name: str) -> dict[str, Any]:
        result: dict[str, Any] = self.api.get_namespaced_custom_object(
            GROUP, VERSION, self.namespace, "rollouts", name, _request_timeout=10
        )
        return result

    def analysis_runs(self, rollout: str | None = None) -> list[AnalysisRunSummary]:
        result = self.api.list_namespaced_custom_object(
            GROUP, VERSION, self.namespace, "analysisruns", _request_timeout=10
        )
        runs = [summarize_run(r) for r in result.get("items") or []]
        return [r for r in runs if rollout is None or r.rollout == rollout]

    def abort(self, name: str) -> dict[str, Any]:
        """What `kubectl argo rollouts abort` does: set status.abort on the status subresource."""
        return self._patch_status(name, {"abort": True})

    def promote(self, name: str) -> dict[str, Any]:
        """What `kubectl argo rollouts promote` does: clear the pause conditions."""
        return self._patch_status(name, {"pauseConditions": None})

    def _patch_status(self, name: str, status: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = self.api.patch_namespaced_custom_object_status(
            GROUP,
            VERSION,
            self.namespace,
            "rollouts",
            name,
            {"status": status},
            _request_timeout=10,
        )
        return result


# --- the decision ------------------------------------------------------------------------------

RECOMMENDATION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["recommendation", "reasons"],
    "additionalProperties": False,
    "properties": {
        "recommendation": {"enum": ["promote", "abort"]},
        "reasons": {"type": "array", "minItems": 1, "items": {"type": "string"}},
    },
}


@dataclass(frozen=True)
class Decision:
    action: str  # promote | abort | hold
    decided_by: str  # "rule <id>" | "ai" | "analysis"
    reasons: list[str]
    ai_recommendation: str = ""


def decide(
    runs: Sequence[AnalysisRunSummary],
    metrics: dict[str, Any],
    policy: Policy,
    model: ChatModel | None,
) -> Decision:
    """Rules first (an abort rule always wins), then the AI's recommendation, else the analysis."""
    ai_action, ai_reasons = "", []
    if model is not None:
        try:
            answer = parse_json_object(model.complete(_prompt(runs, metrics), max_tokens=300))
            errors = list(
                jsonschema.Draft202012Validator(RECOMMENDATION_SCHEMA).iter_errors(answer)
            )
            if not errors:
                ai_action, ai_reasons = answer["recommendation"], list(answer["reasons"])
        except ModelError:
            pass
    verdict = policy.check_rollout(metrics)
    if not verdict.allowed:
        return Decision("abort", f"rule {verdict.fired[0].id}", verdict.reasons, ai_action)
    if ai_action:
        return Decision(ai_action, "ai", ai_reasons, ai_action)
    failed = [r for r in runs if r.phase in ("Failed", "Error", "Inconclusive")]
    if failed:
        return Decision("abort", "analysis", [f"{r.name}: {r.phase} {r.message}" for r in failed])
    if runs and all(r.phase == "Successful" for r in runs):
        return Decision("promote", "analysis", ["all analysis runs successful"])
    return Decision("hold", "analysis", ["analysis still running"])


def _prompt(runs: Sequence[AnalysisRunSummary], metrics: dict[str, Any]) -> list[dict[str, str]]:
    facts = {
        "analysis_runs": [
            {
                "name": r.name,
                "phase": r.phase,
                "message": r.message,
                "measurements": [m.__dict__ for m in r.measurements[-10:]],
            }
            for r in runs
        ],
        "metrics": metrics,
    }
    return [
        {
            "role": "system",
            "content": "You judge a canary release. Answer ONE JSON object: "
            + json.dumps(RECOMMENDATION_SCHEMA),
        },
        {"role": "user", "content": json.dumps(facts, indent=1)},
    ]
