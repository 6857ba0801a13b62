"""CI pipelines for the workspace's services, as Argo Workflow objects.

Each service gets one Workflow whose entrypoint is a DAG:
  build → unit-tests → semgrep → rule-checks (`intheflow check --format sarif`)
        → transpile-verify (only when the service holds COBOL)
Everything the self-healing loop may change is a workflow parameter (test arguments, timeout,
memory limit), so a fix is a parameter change or a patch, never a hand-edited YAML.

Generated workflows are validated against the Argo Workflows swagger (strict: no unknown fields)
and each step's container, as a Pod, against the Kubernetes schema with kubernetes-validate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from intheflow.gitops import spec
from intheflow.gitops.catalog import Service

WORKFLOW_DEF = "io.argoproj.workflow.v1alpha1.Workflow"
SOURCE_PATH = "/src"

# Per language: (image, build command, unit-test command). Test commands take `test-args`.
TOOLCHAINS: dict[str, tuple[str, str, str]] = {
    "python": (
        "python:3.11-slim",
        "pip install --no-cache-dir -e '.[dev]' || pip install --no-cache-dir -e .",
        "python -m pytest -q {{workflow.parameters.test-args}}",
    ),
    "go": ("golang:1.22", "go build ./...", "go test ./... {{workflow.parameters.test-args}}"),
    "java": (
        "maven:3.9-eclipse-temurin-17",
        "mvn -B -q package -DskipTests",
        "mvn -B -q test {{workflow.parameters.test-args}}",
    ),
    "rust": ("rust:1.80", "cargo build --locked", "cargo test {{workflow.parameters.test-args}}"),
    "node": (
        "node:20",
        "npm ci && npm run build --if-present",
        "npm test -- {{workflow.parameters.test-args}}",
    ),
    "cobol": (
        "ghcr.io/intheflow/cobol-toolchain:3.1",
        "for f in $(find . -name '*.cbl' -o -name '*.cob'); do cobc -x -o /tmp/$(basename $f .cbl)"
        " $f || exit 1; done",
        "intheflow transpile --verify . {{workflow.parameters.test-args}}",
    ),
}
INTHEFLOW_IMAGE = "ghcr.io/intheflow/intheflow:0.1.0"
SEMGREP_IMAGE = "semgrep/semgrep:1.95.0"

DEFAULT_PARAMETERS: dict[str, str] = {
    "repo": "https://git.example.com/payments.git",
    "revision": "main",
    "test-args": "",
    "test-timeout": "900",
    "test-memory-limit": "1Gi",
    "semgrep-config": "auto",
}


@dataclass(frozen=True)
class Pipeline:
    service: Service
    workflow: dict[str, Any]

    @property
    def steps(self) -> list[str]:
        main = self.workflow["spec"]["templates"][0]
        return [t["name"] for t in main["dag"]["tasks"]]

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.workflow, sort_keys=False, width=100)


def dns_label(text: str) -> str:
    """A Kubernetes name / label value from free text (`group:payments` → `group-payments`)."""
    label = re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-")
    return label[:63].rstrip("-") or "x"


def _script(name: str, image: str, command: str, service: Service, **extra: Any) -> dict[str, Any]:
    workdir = SOURCE_PATH if service.relative == "." else f"{SOURCE_PATH}/{service.relative}"
    container: dict[str, Any] = {
        "image": image,
        "command": ["sh", "-c"],
        "args": [f"set -eu\n{command}\n"],
        "workingDir": workdir,
        "resources": {
            "requests": {"cpu": "500m", "memory": "512Mi"},
            "limits": {"cpu": "2", "memory": extra.pop("memory_limit", "2Gi")},
        },
    }
    template: dict[str, Any] = {
        "name": name,
        "inputs": {
            "artifacts": [
                {
                    "name": "source",
                    "path": SOURCE_PATH,
                    "git": {
                        "repo": "{{workflow.parameters.repo}}",
                        "revision": "{{workflow.parameters.revision}}",
                        "depth": 1,
                    },
                }
            ]
        },
        "container": container,
    }
    template.update(extra)
    return template


def generate(service: Service, parameters: dict[str, str] | None = None) -> Pipeline:
    image, build_cmd, test_cmd = TOOLCHAINS.get(service.language, TOOLCHAINS["python"])
    params = {**DEFAULT_PARAMETERS, **(parameters or {})}
    templates = [
        _script("build", image, build_cmd, service),
        _script(
            "unit-tests",
            image,
            test_cmd,
            service,
            memory_limit="{{workflow.parameters.test-memory-limit}}",
            activeDeadlineSeconds="{{workflow.parameters.test-timeout}}",
        ),
        _script(
            "semgrep",
            SEMGREP_IMAGE,
            "semgrep scan --error --sarif --output /tmp/semgrep.sarif "
            "--config {{workflow.parameters.semgrep-config}} .",
            service,
        ),
        _script(
            "rule-checks",
            INTHEFLOW_IMAGE,
            "intheflow check --format sarif --fail-on error . > /tmp/intheflow.sarif",
            service,
        ),
    ]
    tasks: list[dict[str, Any]] = [
        {"name": "build", "template": "build"},
        {"name": "unit-tests", "template": "unit-tests", "dependencies": ["build"]},
        {"name": "semgrep", "template": "semgrep", "dependencies": ["unit-tests"]},
        {"name": "rule-checks", "template": "rule-checks", "dependencies": ["semgrep"]},
    ]
    if service.has_cobol:
        templates.append(
            _script(
                "transpile-verify",
                INTHEFLOW_IMAGE,
                "intheflow transpile --verify --format sarif . > /tmp/transpile.sarif",
                service,
            )
        )
        tasks.append(
            {
                "name": "transpile-verify",
                "template": "transpile-verify",
                "dependencies": ["rule-checks"],
            }
        )
    name = dns_label(service.name)
    workflow: dict[str, Any] = {
        "apiVersion": "argoproj.io/v1alpha1",
        "kind": "Workflow",
        "metadata": {
            "generateName": f"{name}-ci-",
            "labels": {
                "intheflow.dev/service": name,
                "intheflow.dev/owner": dns_label(service.owner),
                "intheflow.dev/pipeline": "ci",
            },
            "annotations": {"intheflow.dev/source": service.relative},
        },
        "spec": {
            "entrypoint": "ci",
            "arguments": {"parameters": [{"name": k, "value": v} for k, v in params.items()]},
            "podGC": {"strategy": "OnPodSuccess"},
            "ttlStrategy": {"secondsAfterCompletion": 86400},
            "templates": [{"name": "ci", "dag": {"tasks": tasks}}, *templates],
        },
    }
    return Pipeline(service, workflow)


def validate(workflow: dict[str, Any]) -> list[str]:
    """Problems with a generated workflow: Argo swagger (strict), DAG wiring, Pod schemas."""
    problems = [
        f"Argo schema: {p}" for p in spec.definition_errors(spec.WORKFLOWS, WORKFLOW_DEF, workflow)
    ]
    templates = {t.get("name"): t for t in workflow.get("spec", {}).get("templates", [])}
    entry = templates.get(workflow.get("spec", {}).get("entrypoint"))
    if entry is None:
        problems.append("spec.entrypoint does not name a template")
    else:
        names = set()
        for task in (entry.get("dag") or {}).get("tasks", []):
            names.add(task["name"])
            if task.get("template") not in templates:
                problems.append(f"task {task['name']}: template {task.get('template')!r} missing")
            for dep in task.get("dependencies", []):
                if dep not in names:
                    problems.append(f"task {task['name']}: dependency {dep!r} not declared before")
    problems.extend(_pod_problems(workflow))
    return problems


def _pod_problems(workflow: dict[str, Any]) -> list[str]:
    """Each container template as the Pod Argo would create, checked by kubernetes-validate."""
    try:
        import kubernetes_validate
    except ImportError:
        return ["kubernetes-validate is not installed (pip install kubernetes-validate)"]
    problems = []
    for template in workflow.get("spec", {}).get("templates", []):
        container = template.get("container")
        if container is None:
            continue
        pod = {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": dns_label(template["name"])},
            "spec": {
                "restartPolicy": "Never",
                "containers": [{"name": "main", **_concrete(container, workflow)}],
            },
        }
        try:
            kubernetes_validate.validate(pod, kubernetes_validate.latest_version(), strict=True)
        except kubernetes_validate.ValidationError as exc:
            problems.append(f"template {template['name']}: Kubernetes schema: {exc.message}")
    return problems


def _concrete(container: dict[str, Any], workflow: dict[str, Any]) -> dict[str, Any]:
    """Substitute workflow parameters as Argo does before it creates the pod."""
    params = {
        p["name"]: str(p.get("value", ""))
        for p in (workflow.get("spec", {}).get("arguments") or {}).get("parameters", [])
    }

    def sub(value: Any) -> Any:
        if isinstance(value, str):
            return re.sub(
                r"\{\{workflow\.parameters\.([\w-]+)\}\}",
                lambda m: params.get(m.group(1), m.group(0)),
                value,
            )
        if isinstance(value, dict):
            return {k: sub(v) for k, v in value.items()}
        if isinstance(value, list):
            return [sub(v) for v in value]
        return value

    result: dict[str, Any] = sub(container)
    return result
