"""The self-healing loop for failed pipeline steps.

  failed step → its logs → the model proposes {diagnosis, fix} as JSON
    → schema check (shared/schemas/formats/gitops.fix.schema.json)
    → policy rules (policy.py; rules override the AI)
    → apply: retry | resubmit with changed parameters | apply a patch and resubmit
    → watch the new run → record the attempt
  … up to `max_attempts` times, stopping at the first success.

Every attempt, refused and invalid ones included, is appended to
`<workspace>/.intheflow/healing/<workflow>.json`, which the CLI (`pipeline attempts`) and the panel
(`intheflow/argo.attempts`) read. Failures of the model or of Argo end the loop with a recorded
reason; they never raise out of `heal()`.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema

from intheflow.gitops.advisor import ChatModel, ModelError, parse_json_object
from intheflow.gitops.policy import Policy
from intheflow.gitops.rest import RemoteError
from intheflow.gitops.workflows import FINAL_PHASES, WorkflowsClient, summarize

LOG_TAIL_LINES = 120
RECORD_DIR = Path(".intheflow") / "healing"


def fix_schema() -> dict[str, Any]:
    for base in Path(__file__).resolve().parents:
        candidate = base / "shared" / "schemas" / "formats" / "gitops.fix.schema.json"
        if candidate.exists():
            schema: dict[str, Any] = json.loads(candidate.read_text(encoding="utf-8"))
            return schema
    raise FileNotFoundError("shared/schemas/formats/gitops.fix.schema.json")


@dataclass
class Attempt:
    number: int
    at: str
    workflow: str  # the failed run this attempt looked at
    step: str
    error_excerpt: str
    diagnosis: str = ""
    fix: dict[str, Any] | None = None
    outcome: str = ""  # applied | refused | invalid-proposal | model-error | apply-failed
    rules: list[str] = field(default_factory=list)  # rules that fired, "id: message"
    action: str = ""  # retry | resubmit | patch+resubmit
    result_workflow: str = ""
    result_phase: str = ""
    detail: str = ""


@dataclass
class HealingRecord:
    workflow: str
    started: str
    attempts: list[Attempt] = field(default_factory=list)
    final_phase: str = ""
    final_workflow: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_json(data: dict[str, Any]) -> HealingRecord:
        attempts = [Attempt(**a) for a in data.get("attempts", [])]
        return HealingRecord(
            workflow=data["workflow"],
            started=data.get("started", ""),
            attempts=attempts,
            final_phase=data.get("final_phase", ""),
            final_workflow=data.get("final_workflow", ""),
        )


def record_path(workspace: Path, workflow: str) -> Path:
    return workspace / RECORD_DIR / f"{workflow}.json"


def save(workspace: Path, record: HealingRecord) -> Path:
    path = record_path(workspace, record.workflow)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(record.to_json(), indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)  # readers (CLI, panel) never see half a file
    return path


def load_records(workspace: Path, workflow: str | None = None) -> list[HealingRecord]:
    folder = workspace / RECORD_DIR
    if not folder.is_dir():
        return []
    paths = [record_path(workspace, workflow)] if workflow else sorted(folder.glob("*.json"))
    records = []
    for path in paths:
        try:
            records.append(HealingRecord.from_json(json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError, KeyError, TypeError):
            continue  # a missing or damaged record is simply not shown
    return records


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


SYSTEM_PROMPT = """You repair failed CI pipeline steps (Argo Workflows).
Answer with ONE JSON object and nothing else, matching this JSON Schema:
{schema}
Prefer the smallest safe fix. Use kind "retry" only for flaky infrastructure, "parameters" to
change workflow parameters, "patch" for a unified diff to the repository. Never skip, deselect or
weaken tests, and stay within resource policy: such fixes are refused."""


def _messages(
    step: str, message: str, logs: str, parameters: dict[str, str], history: list[Attempt]
) -> list[dict[str, str]]:
    earlier = [
        {
            "fix": a.fix,
            "outcome": a.outcome,
            "result": a.result_phase or None,
            "refused_by": a.rules or None,
            "detail": a.detail or None,
        }
        for a in history
    ]
    user = {
        "failed_step": step,
        "step_message": message,
        "log_tail": logs,
        "workflow_parameters": parameters,
        "earlier_attempts": earlier,
    }
    schema = json.dumps(fix_schema(), separators=(",", ":"))
    return [
        {"role": "system", "content": SYSTEM_PROMPT.format(schema=schema)},
        {"role": "user", "content": json.dumps(user, indent=1)},
    ]


def _parameters(wf: dict[str, Any]) -> dict[str, str]:
    args = (wf.get("spec") or {}).get("arguments") or {}
    return {p["name"]: str(p.get("value", "")) for p in args.get("parameters") or []}


def apply_patch(workspace: Path, patch: str) -> str:
    """Apply a unified diff to the workspace with `git apply`; returns "" or the error."""
    for check in (["--check"], []):
        done = subprocess.run(
            ["git", "apply", *check, "-"],
            cwd=workspace,
            input=patch,
            text=True,
            capture_output=True,
            timeout=30,
        )
        if done.returncode != 0:
            return (done.stderr or done.stdout).strip() or "git apply failed"
    return ""


@dataclass
class Healer:
    client: WorkflowsClient
    model: ChatModel
    policy: Policy
    workspace: Path
    max_attempts: int = 3
    watch_deadline: float = 600.0
    on_attempt: Callable[[Attempt], None] | None = None  # progress for the CLI / LSP

    def heal(self, workflow: str) -> HealingRecord:
        record = HealingRecord(workflow=workflow, started=_now())
        current = workflow
        try:
            phase = self._wait(current)
            while phase in ("Failed", "Error") and len(record.attempts) < self.max_attempts:
                attempt = self._attempt(current, len(record.attempts) + 1, record.attempts)
                record.attempts.append(attempt)
                save(self.workspace, record)
                if self.on_attempt:
                    self.on_attempt(attempt)
                if attempt.outcome == "applied":
                    current, phase = attempt.result_workflow, attempt.result_phase
                elif attempt.outcome == "model-error":
                    break  # no model, no fix: a human takes over
            record.final_phase, record.final_workflow = phase, current
        except RemoteError as exc:
            record.final_phase, record.final_workflow = f"Error: {exc}", current
        save(self.workspace, record)
        return record

    def _wait(self, name: str) -> str:
        summary = summarize(self.client.get(name))
        if summary.phase in FINAL_PHASES:
            return summary.phase
        for _, summary in self.client.watch(name, deadline=self.watch_deadline):
            if summary.phase in FINAL_PHASES:
                return summary.phase
        return summarize(self.client.get(name)).phase

    def _attempt(self, name: str, number: int, history: list[Attempt]) -> Attempt:
        wf = self.client.get(name)
        summary = summarize(wf)
        failed = summary.failed_steps
        step = failed[0] if failed else None
        logs = ""
        if step is not None:
            lines = [line.content for line in self.client.logs(name, pod=step.pod_name)]
            logs = "\n".join(lines[-LOG_TAIL_LINES:])
        attempt = Attempt(
            number=number,
            at=_now(),
            workflow=name,
            step=step.display_name if step else "",
            error_excerpt=logs[-600:],
        )
        try:
            answer = self.model.complete(
                _messages(
                    attempt.step,
                    step.message if step else summary.message,
                    logs,
                    _parameters(wf),
                    history,
                )
            )
        except ModelError as exc:
            attempt.outcome, attempt.detail = "model-error", str(exc)
            return attempt
        try:
            fix = parse_json_object(answer)
        except ModelError as exc:
            attempt.outcome, attempt.detail = "invalid-proposal", str(exc)
            return attempt
        attempt.fix = fix
        attempt.diagnosis = str(fix.get("diagnosis", ""))
        problems = [
            e.message for e in jsonschema.Draft202012Validator(fix_schema()).iter_errors(fix)
        ]
        if problems:
            attempt.outcome, attempt.detail = "invalid-proposal", "; ".join(problems)
            return attempt
        verdict = self.policy.check_fix(fix)
        attempt.rules = verdict.reasons
        if not verdict.allowed:
            attempt.outcome = "refused"
            return attempt
        return self._apply(attempt, name, fix)

    def _apply(self, attempt: Attempt, name: str, fix: dict[str, Any]) -> Attempt:
        kind = fix["kind"]
        if kind == "retry":
            attempt.action = "retry"
            result = self.client.retry(name)
        elif kind == "parameters":
            attempt.action = "resubmit"
            result = self.client.resubmit(name, parameters=dict(fix["parameters"]))
        else:
            error = apply_patch(self.workspace, fix["patch"])
            if error:
                attempt.outcome, attempt.detail = "apply-failed", error
                return attempt
            attempt.action = "patch+resubmit"
            attempt.detail = f"patch applied to {self.workspace}; push it so CI builds it"
            result = self.client.resubmit(name)
        attempt.outcome = "applied"
        attempt.result_workflow = str(result["metadata"]["name"])
        started = time.monotonic()
        attempt.result_phase = self._wait(attempt.result_workflow)
        if attempt.result_phase not in FINAL_PHASES:
            attempt.detail = (
                f"still {attempt.result_phase} after {time.monotonic() - started:.0f} s"
            )
        return attempt
