"""A stand-in Argo Workflows server over real HTTP on 127.0.0.1, checked against the published spec.

No Argo server or cluster runs on the development machines, so the tests and `intheflow demo` use
this. It is a contract double, not a mock: every request is matched to an operation of
specs/argo-workflows.swagger.json, its query parameters and body are validated (unknown fields
refused, as the gRPC gateway would), and every response is validated too. Any violation is
recorded in `violations` and answered with HTTP 400 (request) or 500 (response), so a client that
sends what the real server would reject fails its test.

Execution is simulated by an `Executor`: given the submitted workflow it says which DAG tasks ran,
with their phase and log, so tests can script failures and fixes.
"""

from __future__ import annotations

import itertools
import json
import secrets
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from intheflow.core.loopback import LoopbackServer, send_json
from intheflow.gitops import spec
from intheflow.gitops.spec import Operation
from intheflow.gitops.workflows import pod_name


@dataclass
class Reply:
    status: int
    body: Any
    stream: list[Any] | None = None  # newline-delimited JSON stream (grpc-gateway streaming)


class ApiError(Exception):
    def __init__(self, status: int, grpc_code: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.grpc_code = grpc_code


Handler = Callable[[Operation, dict[str, list[str]], Any], Reply]


@dataclass
class StepRun:
    """What the executor says happened to one DAG task."""

    task: str
    phase: str  # Succeeded | Failed | Error
    log: str = ""
    message: str = ""


@dataclass
class Run:
    """What an executor sees: the workflow, its effective parameters and the attempt number."""

    workflow: dict[str, Any]
    parameters: dict[str, str]
    attempt: int


Executor = Callable[[Run], list[StepRun]]


def all_succeed(run: Run) -> list[StepRun]:
    return [StepRun(t, "Succeeded", f"{t}: ok\n") for t in dag_order(run.workflow)]


def dag_order(workflow: dict[str, Any]) -> list[str]:
    """Task names of the entrypoint DAG in dependency order (steps templates: in sequence)."""
    spec_ = workflow.get("spec", {})
    entry = spec_.get("entrypoint")
    for template in spec_.get("templates", []):
        if template.get("name") != entry:
            continue
        if "dag" in template:
            tasks = {t["name"]: t for t in template["dag"].get("tasks", [])}
            done: list[str] = []
            while len(done) < len(tasks):
                ready = [
                    n
                    for n, t in tasks.items()
                    if n not in done and all(d in done for d in _deps(t))
                ]
                if not ready:
                    break  # a cycle; lint reports it
                done.extend(sorted(ready))
            return done
        if "steps" in template:
            return [s["name"] for group in template["steps"] for s in group]
        return [str(entry)]
    return []


def _deps(task: dict[str, Any]) -> list[str]:
    deps = list(task.get("dependencies") or [])
    depends = task.get("depends")
    if depends:
        for word in str(depends).replace("(", " ").replace(")", " ").split():
            if word not in ("&&", "||", "!"):
                deps.append(word.split(".")[0])
    return deps


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _at(base: datetime, seconds: int) -> str:
    return (base + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


class SpecHTTPServer(LoopbackServer):
    """Serves handlers keyed by swagger operationId, validating both directions."""

    methods = ("GET", "POST", "PUT", "DELETE")

    def __init__(self, spec_name: str, token: str | None = None) -> None:
        super().__init__()
        self.spec_name = spec_name
        self.token = token
        self.handlers: dict[str, Handler] = {}
        self.violations: list[str] = []
        self.requests: list[tuple[str, str]] = []  # (operationId, path) in order
        self.lock = threading.RLock()

    # --- lifecycle -----------------------------------------------------------------------------
    def handle(self, http: BaseHTTPRequestHandler, method: str) -> None:
        self._serve(http, method)

    def __enter__(self) -> SpecHTTPServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- one request ---------------------------------------------------------------------------
    def _serve(self, http: BaseHTTPRequestHandler, method: str) -> None:
        parts = urlsplit(http.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        length = int(http.headers.get("Content-Length") or 0)
        raw = http.rfile.read(length) if length else b""
        op = spec.match(self.spec_name, method, parts.path)
        if op is None:
            self._violation(f"{method} {parts.path}: no such operation in {self.spec_name}")
            return self._send(http, Reply(404, {"code": 5, "message": "Not Found"}), None)
        with self.lock:
            self.requests.append((op.operation_id, parts.path))
        if self.token is not None and http.headers.get("Authorization") != f"Bearer {self.token}":
            return self._send(http, Reply(401, {"code": 16, "message": "token not valid"}), op)
        body: Any = None
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                self._violation(f"{op.operation_id}: request body is not JSON")
                return self._send(http, Reply(400, {"code": 3, "message": "bad JSON"}), op)
        problems = spec.check_query(op, query) + spec.check_body(op, body, self.spec_name)
        if problems:
            for p in problems:
                self._violation(f"{op.operation_id} request: {p}")
            return self._send(http, Reply(400, {"code": 3, "message": "; ".join(problems)}), op)
        handler = self.handlers.get(op.operation_id)
        if handler is None:
            self._violation(f"{op.operation_id}: not implemented by the stand-in")
            return self._send(http, Reply(501, {"code": 12, "message": "not implemented"}), op)
        try:
            reply = handler(op, query, body)
        except ApiError as exc:
            reply = Reply(exc.status, {"code": exc.grpc_code, "message": str(exc)})
        self._send(http, reply, op)

    def _violation(self, text: str) -> None:
        with self.lock:
            self.violations.append(text)

    def _send(self, http: BaseHTTPRequestHandler, reply: Reply, op: Operation | None) -> None:
        items = reply.stream if reply.stream is not None else [reply.body]
        if op is not None:
            schema = op.response_schema(reply.status)
            for item in items:
                problems = spec.errors(self.spec_name, schema, item) if schema else []
                if problems:
                    for p in problems:
                        self._violation(f"{op.operation_id} response: {p}")
                    reply = Reply(500, {"code": 13, "message": "stand-in response off spec"})
                    items = [reply.body]
                    break
        payload = b"".join(json.dumps(i).encode() + b"\n" for i in items)
        if reply.stream is None:
            payload = payload.rstrip(b"\n")
        http.send_response(reply.status)
        http.send_header("Content-Type", "application/json")
        http.send_header("Content-Length", str(len(payload)))
        http.end_headers()
        http.wfile.write(payload)


@dataclass
class _Stored:
    workflow: dict[str, Any]
    history: list[dict[str, Any]] = field(default_factory=list)
    attempt: int = 1


class ArgoWorkflowsStandIn(SpecHTTPServer):
    """The workflow endpoints the clients use, with an executor that decides what each step does."""

    def __init__(self, token: str | None = None, executor: Executor = all_succeed) -> None:
        super().__init__(spec.WORKFLOWS, token)
        self.executor = executor
        self.workflows: dict[tuple[str, str], _Stored] = {}
        self.templates: dict[tuple[str, str], dict[str, Any]] = {}
        self.logs: dict[str, str] = {}  # pod name → log
        self._counter = itertools.count(1)
        for op_id, fn in {
            "WorkflowService_ListWorkflows": self._list,
            "WorkflowService_GetWorkflow": self._get,
            "WorkflowService_CreateWorkflow": self._create,
            "WorkflowService_SubmitWorkflow": self._submit,
            "WorkflowService_LintWorkflow": self._lint,
            "WorkflowService_WatchWorkflows": self._watch,
            "WorkflowService_WorkflowLogs": self._logs,
            "WorkflowService_RetryWorkflow": self._retry,
            "WorkflowService_ResubmitWorkflow": self._resubmit,
            "WorkflowService_StopWorkflow": self._stop,
            "WorkflowService_TerminateWorkflow": self._terminate,
            "WorkflowTemplateService_CreateWorkflowTemplate": self._create_template,
            "WorkflowTemplateService_GetWorkflowTemplate": self._get_template,
        }.items():
            self.handlers[op_id] = fn

    # --- helpers -------------------------------------------------------------------------------
    def _find(self, op: Operation) -> _Stored:
        key = (op.path_params["namespace"], op.path_params["name"])
        stored = self.workflows.get(key)
        if stored is None:
            raise ApiError(404, 5, f'workflows.argoproj.io "{key[1]}" not found')
        return stored

    def _lint_problems(self, wf: dict[str, Any]) -> list[str]:
        spec_ = wf.get("spec") or {}
        if "workflowTemplateRef" in spec_:
            return []
        names = [t.get("name") for t in spec_.get("templates", [])]
        problems = []
        if spec_.get("entrypoint") not in names:
            problems.append(f"spec.entrypoint {spec_.get('entrypoint')!r} is not a template")
        for t in spec_.get("templates", []):
            tasks = (t.get("dag") or {}).get("tasks", [])
            task_names = {task["name"] for task in tasks}
            for task in tasks:
                if task.get("template") not in names:
                    problems.append(
                        f"templates.{t['name']}.tasks.{task['name']} template "
                        f"{task.get('template')!r} not found"
                    )
                for dep in _deps(task):
                    if dep not in task_names:
                        problems.append(
                            f"templates.{t['name']}.tasks.{task['name']} dependency {dep!r} "
                            "not defined"
                        )
        if (
            not problems
            and spec_.get("templates")
            and len(dag_order(wf))
            < sum(
                len((t.get("dag") or {}).get("tasks", []))
                for t in spec_["templates"]
                if t.get("name") == spec_.get("entrypoint")
            )
        ):
            problems.append("dependency cycle in the entrypoint DAG")
        return problems

    def _materialize(self, namespace: str, wf: dict[str, Any]) -> dict[str, Any]:
        wf = json.loads(json.dumps(wf))
        meta = wf.setdefault("metadata", {})
        if not meta.get("name"):
            prefix = meta.pop("generateName", None) or "workflow-"
            meta["name"] = prefix + secrets.token_hex(3)[:5]
        meta.pop("generateName", None)
        meta["namespace"] = namespace
        meta["uid"] = secrets.token_hex(16)
        meta["creationTimestamp"] = _now()
        wf["apiVersion"] = "argoproj.io/v1alpha1"
        wf["kind"] = "Workflow"
        return wf

    def _effective_spec(self, namespace: str, wf: dict[str, Any]) -> dict[str, Any]:
        ref = (wf.get("spec") or {}).get("workflowTemplateRef")
        if not ref:
            return wf
        template = self.templates.get((namespace, ref.get("name", "")))
        if template is None:
            raise ApiError(404, 5, f'workflowtemplates.argoproj.io "{ref.get("name")}" not found')
        merged = json.loads(json.dumps(template["spec"]))
        merged.update({k: v for k, v in wf["spec"].items() if k != "workflowTemplateRef"})
        return {"metadata": wf["metadata"], "spec": merged}

    def _run(self, namespace: str, stored: _Stored) -> None:
        wf = stored.workflow
        name = wf["metadata"]["name"]
        effective = self._effective_spec(namespace, wf)
        params = {
            p["name"]: str(p.get("value", p.get("default", "")))
            for p in ((effective["spec"].get("arguments") or {}).get("parameters") or [])
        }
        started = _now()
        running = json.loads(json.dumps(wf))
        running["status"] = {"phase": "Running", "startedAt": started}
        running["metadata"].setdefault("labels", {})["workflows.argoproj.io/phase"] = "Running"
        stored.history.append(running)
        steps = self.executor(Run(effective, params, stored.attempt))
        templates = {
            t["name"]: t.get("template", t["name"])
            for tpl in effective["spec"].get("templates", [])
            for t in (tpl.get("dag") or {}).get("tasks", [])
        }
        nodes: dict[str, Any] = {}
        children = []
        # Simulated time: each step runs one second after the previous one.
        base = datetime.now(UTC).replace(microsecond=0)
        for index, step in enumerate(steps):
            node_id = f"{name}-{zlib.crc32(f'{name}.{step.task}'.encode())}"
            node = {
                "id": node_id,
                "name": f"{name}.{step.task}",
                "displayName": step.task,
                "type": "Pod",
                "phase": step.phase,
                "templateName": templates.get(step.task, step.task),
                "startedAt": _at(base, index),
                "finishedAt": _at(base, index + 1),
            }
            if step.message or step.phase != "Succeeded":
                node["message"] = step.message or "Error (exit code 1)"
            nodes[node_id] = node
            children.append(node_id)
            self.logs[str(pod_name(name, node))] = step.log
        failed = [s for s in steps if s.phase != "Succeeded"]
        phase = "Failed" if failed else "Succeeded"
        nodes[name] = {
            "id": name,
            "name": name,
            "displayName": name,
            "type": "DAG",
            "phase": phase,
            "templateName": effective["spec"].get("entrypoint", ""),
            "children": children,
            "startedAt": started,
            "finishedAt": _now(),
        }
        status: dict[str, Any] = {
            "phase": phase,
            "startedAt": started,
            "finishedAt": _now(),
            "nodes": nodes,
            "progress": f"{len(steps) - len(failed)}/{len(steps)}",
        }
        if failed:
            status["message"] = f"child '{name}.{failed[0].task}' failed"
        final = json.loads(json.dumps(wf))
        final["status"] = status
        final["metadata"].setdefault("labels", {})["workflows.argoproj.io/phase"] = phase
        final["metadata"]["labels"]["workflows.argoproj.io/completed"] = "true"
        stored.workflow = final
        stored.history.append(final)

    def _add(self, namespace: str, wf: dict[str, Any]) -> dict[str, Any]:
        wf = self._materialize(namespace, wf)
        stored = _Stored(wf)
        with self.lock:
            self.workflows[(namespace, wf["metadata"]["name"])] = stored
            self._run(namespace, stored)
        return stored.workflow

    # --- handlers ------------------------------------------------------------------------------
    def _list(self, op: Operation, query: dict[str, list[str]], body: Any) -> Reply:
        ns = op.path_params["namespace"]
        selector = dict(
            s.split("=", 1)
            for s in (query.get("listOptions.labelSelector") or [""])[0].split(",")
            if "=" in s
        )
        items = [
            s.workflow
            for (n, _), s in sorted(self.workflows.items())
            if n == ns
            and all(
                (s.workflow["metadata"].get("labels") or {}).get(k) == v
                for k, v in selector.items()
            )
        ]
        return Reply(200, {"metadata": {}, "items": items})

    def _get(self, op: Operation, query: dict[str, list[str]], body: Any) -> Reply:
        return Reply(200, self._find(op).workflow)

    def _create(self, op: Operation, query: dict[str, list[str]], body: Any) -> Reply:
        wf = body.get("workflow")
        if not wf:
            raise ApiError(400, 3, "workflow is required")
        problems = self._lint_problems(wf)
        if problems:
            raise ApiError(400, 3, "; ".join(problems))
        if body.get("serverDryRun"):
            return Reply(200, self._materialize(op.path_params["namespace"], wf))
        return Reply(200, self._add(op.path_params["namespace"], wf))

    def _submit(self, op: Operation, query: dict[str, list[str]], body: Any) -> Reply:
        ns = op.path_params["namespace"]
        if body.get("resourceKind") != "WorkflowTemplate":
            raise ApiError(400, 3, f"resourceKind {body.get('resourceKind')!r} not supported")
        name = body.get("resourceName", "")
        if (ns, name) not in self.templates:
            raise ApiError(404, 5, f'workflowtemplates.argoproj.io "{name}" not found')
        opts = body.get("submitOptions") or {}
        wf: dict[str, Any] = {
            "metadata": {"generateName": f"{name}-"},
            "spec": {"workflowTemplateRef": {"name": name}},
        }
        if opts.get("labels"):
            wf["metadata"]["labels"] = dict(
                kv.split("=", 1) for kv in opts["labels"].split(",") if "=" in kv
            )
        if opts.get("parameters"):
            wf["spec"]["arguments"] = {"parameters": [_param(p) for p in opts["parameters"]]}
        return Reply(200, self._add(ns, wf))

    def _lint(self, op: Operation, query: dict[str, list[str]], body: Any) -> Reply:
        wf = body.get("workflow") or {}
        problems = self._lint_problems(wf)
        if problems:
            raise ApiError(400, 3, "; ".join(problems))
        return Reply(200, wf)

    def _watch(self, op: Operation, query: dict[str, list[str]], body: Any) -> Reply:
        ns = op.path_params["namespace"]
        field_selector = (query.get("listOptions.fieldSelector") or [""])[0]
        wanted = (
            field_selector.split("=", 1)[1] if field_selector.startswith("metadata.name=") else None
        )
        events = []
        for (n, name), stored in sorted(self.workflows.items()):
            if n != ns or (wanted and name != wanted):
                continue
            for i, snapshot in enumerate(stored.history):
                events.append(
                    {"result": {"type": "ADDED" if i == 0 else "MODIFIED", "object": snapshot}}
                )
        return Reply(200, None, stream=events)

    def _logs(self, op: Operation, query: dict[str, list[str]], body: Any) -> Reply:
        stored = self._find(op)
        name = stored.workflow["metadata"]["name"]
        wanted = (query.get("podName") or [""])[0]
        lines = []
        nodes = (stored.workflow.get("status") or {}).get("nodes") or {}
        for node in sorted(nodes.values(), key=lambda n: n.get("startedAt", "") + n["id"]):
            pod = pod_name(name, node)
            if pod is None or (wanted and pod != wanted):
                continue
            for line in self.logs.get(pod, "").splitlines():
                lines.append({"result": {"podName": pod, "content": line}})
        return Reply(200, None, stream=lines)

    def _retry(self, op: Operation, query: dict[str, list[str]], body: Any) -> Reply:
        stored = self._find(op)
        if (stored.workflow.get("status") or {}).get("phase") not in ("Failed", "Error"):
            raise ApiError(409, 9, "workflow must be Failed/Error to retry")
        with self.lock:
            wf = stored.workflow
            wf.pop("status", None)
            _override(wf, body.get("parameters") or [])
            stored.attempt += 1
            stored.history = []  # a watch shows the current run
            self._run(op.path_params["namespace"], stored)
        return Reply(200, stored.workflow)

    def _resubmit(self, op: Operation, query: dict[str, list[str]], body: Any) -> Reply:
        stored = self._find(op)
        wf = json.loads(json.dumps(stored.workflow))
        wf.pop("status", None)
        old = wf["metadata"]
        wf["metadata"] = {
            "generateName": f"{old['name']}-",
            "labels": {
                k: v
                for k, v in (old.get("labels") or {}).items()
                if not k.startswith("workflows.argoproj.io/")
            },
        }
        wf["metadata"]["labels"]["workflows.argoproj.io/resubmitted-from-workflow"] = old["name"]
        _override(wf, body.get("parameters") or [])
        return Reply(200, self._add(op.path_params["namespace"], wf))

    def _stop(self, op: Operation, query: dict[str, list[str]], body: Any) -> Reply:
        return self._halt(op, body.get("message") or "Stopped with strategy 'Stop'")

    def _terminate(self, op: Operation, query: dict[str, list[str]], body: Any) -> Reply:
        return self._halt(op, "Stopped with strategy 'Terminate'")

    def _halt(self, op: Operation, message: str) -> Reply:
        stored = self._find(op)
        status = stored.workflow.setdefault("status", {})
        if status.get("phase") in ("Running", "Pending", None):
            status["phase"] = "Failed"
            status["message"] = message
        return Reply(200, stored.workflow)

    def _create_template(self, op: Operation, query: dict[str, list[str]], body: Any) -> Reply:
        ns = op.path_params["namespace"]
        template = json.loads(json.dumps(body.get("template") or {}))
        problems = self._lint_problems(template)
        if problems:
            raise ApiError(400, 3, "; ".join(problems))
        meta = template.setdefault("metadata", {})
        meta["namespace"] = ns
        meta.setdefault("name", f"template-{next(self._counter)}")
        template["apiVersion"] = "argoproj.io/v1alpha1"
        template["kind"] = "WorkflowTemplate"
        self.templates[(ns, meta["name"])] = template
        return Reply(200, template)

    def _get_template(self, op: Operation, query: dict[str, list[str]], body: Any) -> Reply:
        key = (op.path_params["namespace"], op.path_params["name"])
        if key not in self.templates:
            raise ApiError(404, 5, f'workflowtemplates.argoproj.io "{key[1]}" not found')
        return Reply(200, self.templates[key])

    def stored(self) -> Iterator[dict[str, Any]]:
        for stored in self.workflows.values():
            yield stored.workflow


def _param(text: str) -> dict[str, str]:
    name, _, value = text.partition("=")
    return {"name": name, "value": value}


def _override(wf: dict[str, Any], parameters: list[str]) -> None:
    if not parameters:
        return
    args = wf.setdefault("spec", {}).setdefault("arguments", {})
    current = {p["name"]: p for p in args.get("parameters") or []}
    for text in parameters:
        p = _param(text)
        current.setdefault(p["name"], {"name": p["name"]})["value"] = p["value"]
    args["parameters"] = list(current.values())


class ScriptedChatServer(LoopbackServer):
    """An OpenAI-compatible `/v1/chat/completions` endpoint that plays scripted answers in order
    (one JSON completion, or server-sent events when the request says `stream`).

    For tests and the labelled demo only. Requests are checked for the OpenAI chat shape (messages
    with role and content; no unknown top-level fields) and kept in `requests`.
    """

    ALLOWED = frozenset(
        {"model", "messages", "max_tokens", "temperature", "response_format", "stream", "stop"}
    )

    methods = ("POST",)
    url_suffix = "/v1"

    def __init__(self, answers: list[str]) -> None:
        super().__init__()
        self.answers = list(answers)
        self.requests: list[dict[str, Any]] = []
        self.violations: list[str] = []

    def handle(self, http: BaseHTTPRequestHandler, method: str) -> None:
        length = int(http.headers.get("Content-Length") or 0)
        raw = http.rfile.read(length)
        status, reply = self._answer(http.path, raw)
        if status == 200 and self.requests and self.requests[-1].get("stream") is True:
            _send_chat_stream(http, str(reply["choices"][0]["message"]["content"]))
        else:
            send_json(http, status, reply)

    def _answer(self, path: str, raw: bytes) -> tuple[int, dict[str, Any]]:
        problems = []
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        if path != "/v1/chat/completions":
            problems.append(f"unexpected path {path}")
        if not isinstance(body, dict):
            problems.append("body is not a JSON object")
        else:
            unknown = set(body) - self.ALLOWED
            if unknown:
                problems.append(f"unknown fields {sorted(unknown)}")
            messages = body.get("messages")
            if (
                not isinstance(messages, list)
                or not messages
                or not all(
                    isinstance(m, dict)
                    and m.get("role") in ("system", "user", "assistant")
                    and isinstance(m.get("content"), str)
                    for m in messages
                )
            ):
                problems.append("messages must be a non-empty list of {role, content}")
        if problems:
            self.violations.extend(problems)
            return 400, {"error": {"message": "; ".join(problems), "type": "invalid_request"}}
        self.requests.append(body)  # type: ignore[arg-type]
        if not self.answers:
            return 503, {"error": {"message": "script exhausted", "type": "server_error"}}
        content = self.answers.pop(0)
        return 200, {
            "id": f"chatcmpl-{len(self.requests)}",
            "object": "chat.completion",
            "created": int(datetime.now(UTC).timestamp()),
            "model": "scripted",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
        }


def _send_chat_stream(http: BaseHTTPRequestHandler, content: str) -> None:
    """The answer as OpenAI server-sent events: chat deltas of a few characters, then [DONE]."""
    http.send_response(200)
    http.send_header("Content-Type", "text/event-stream")
    http.send_header("Connection", "close")
    http.end_headers()
    for i in range(0, len(content), 16):
        delta = {"choices": [{"index": 0, "delta": {"content": content[i : i + 16]}}]}
        http.wfile.write(f"data: {json.dumps(delta)}\n\n".encode())
    http.wfile.write(b"data: [DONE]\n\n")
    http.wfile.flush()
    http.close_connection = True


def application(
    name: str,
    *,
    repo: str,
    path: str,
    namespace: str = "default",
    project: str = "default",
    sync: str = "OutOfSync",
    health: str = "Healthy",
    revision: str = "0" * 40,
) -> dict[str, Any]:
    """An Argo CD Application as the API server returns it (for seeding the stand-in)."""
    return {
        "metadata": {
            "name": name,
            "namespace": "argocd",
            "uid": secrets.token_hex(16),
            "labels": {"intheflow.dev/service": name},
        },
        "spec": {
            "project": project,
            "source": {"repoURL": repo, "path": path, "targetRevision": "HEAD"},
            "destination": {"server": "https://kubernetes.default.svc", "namespace": namespace},
        },
        "status": {
            "sync": {"status": sync, "revision": revision},
            "health": {"status": health},
            "resources": [],
        },
    }


class ArgoCDStandIn(SpecHTTPServer):
    """Argo CD's application endpoints (list, get, sync with dry run, resource tree)."""

    def __init__(self, token: str | None = None) -> None:
        super().__init__(spec.ARGO_CD, token)
        self.apps: dict[str, dict[str, Any]] = {}
        self.trees: dict[str, list[dict[str, Any]]] = {}
        self.health_after_sync = "Healthy"
        self.syncs: list[dict[str, Any]] = []  # every sync request body, dry runs included
        self.handlers.update(
            {
                "ApplicationService_List": self._list,
                "ApplicationService_Get": self._get,
                "ApplicationService_Sync": self._sync,
                "ApplicationService_ResourceTree": self._tree,
            }
        )

    def add(self, app: dict[str, Any], tree: list[dict[str, Any]] | None = None) -> None:
        name = app["metadata"]["name"]
        self.apps[name] = app
        self.trees[name] = tree or []

    def _app(self, name: str) -> dict[str, Any]:
        if name not in self.apps:
            raise ApiError(404, 5, f'application "{name}" not found')
        return self.apps[name]

    def _list(self, op: Operation, query: dict[str, list[str]], body: Any) -> Reply:
        selector = dict(
            s.split("=", 1) for s in (query.get("selector") or [""])[0].split(",") if "=" in s
        )
        projects = set(query.get("projects") or [])
        items = [
            a
            for _, a in sorted(self.apps.items())
            if all((a["metadata"].get("labels") or {}).get(k) == v for k, v in selector.items())
            and (not projects or a["spec"].get("project") in projects)
        ]
        return Reply(200, {"metadata": {}, "items": items})

    def _get(self, op: Operation, query: dict[str, list[str]], body: Any) -> Reply:
        return Reply(200, self._app(op.path_params["name"]))

    def _sync(self, op: Operation, query: dict[str, list[str]], body: Any) -> Reply:
        app = self._app(op.path_params["name"])
        self.syncs.append(body)
        dry = bool(body.get("dryRun"))
        problems = [p for m in body.get("manifests") or [] for p in _manifest_problems(m)]
        revision = body.get("revision") or app["status"]["sync"].get("revision", "")
        state: dict[str, Any] = {
            "operation": {"sync": {"dryRun": dry, "revision": revision}},
            "phase": "Failed" if problems else "Succeeded",
            "message": "; ".join(problems)
            if problems
            else (
                "successfully synced (dry run)" if dry else "successfully synced (all tasks run)"
            ),
            "startedAt": _now(),
            "finishedAt": _now(),
        }
        app["status"]["operationState"] = state
        if not dry and not problems:
            app["status"]["sync"] = {"status": "Synced", "revision": revision}
            app["status"]["health"] = {"status": self.health_after_sync}
            history = app["status"].setdefault("history", [])
            history.append({"id": len(history), "revision": revision, "deployedAt": _now()})
        return Reply(200, app)

    def _tree(self, op: Operation, query: dict[str, list[str]], body: Any) -> Reply:
        self._app(op.path_params["applicationName"])
        return Reply(200, {"nodes": self.trees[op.path_params["applicationName"]]})


def _manifest_problems(text: str) -> list[str]:
    import yaml

    try:
        obj = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return [f"manifest is not YAML/JSON: {exc}"]
    if not isinstance(obj, dict):
        return ["manifest is not an object"]
    missing = [k for k in ("apiVersion", "kind") if not obj.get(k)]
    if not (obj.get("metadata") or {}).get("name"):
        missing.append("metadata.name")
    return [f"manifest lacks {', '.join(missing)}"] if missing else []


_CRD_FILES = {
    "rollouts": "rollout-crd.yaml",
    "analysisruns": "analysis-run-crd.yaml",
    "analysistemplates": "analysis-template-crd.yaml",
}


class KubernetesStandIn(LoopbackServer):
    """The Kubernetes custom-object endpoints of the Argo Rollouts CRDs (get, list, status patch).

    Every stored object and every object after a patch is validated against its CRD's OpenAPI v3
    schema (specs/*-crd.yaml), with unknown fields refused as strict field validation does.
    Point a kubeconfig at `url` (see `kubeconfig()`), so the real `kubernetes` client is used.
    """

    PREFIX = "/apis/argoproj.io/v1alpha1/namespaces/"

    def __init__(self, token: str = "k8s-test-token") -> None:
        super().__init__()
        self.token = token
        self.objects: dict[tuple[str, str, str], dict[str, Any]] = {}  # (plural, ns, name)
        self.violations: list[str] = []
        self.patches: list[tuple[str, str, Any]] = []  # (plural/name, content type, body)

    def add(self, obj: dict[str, Any]) -> None:
        plural = obj["kind"].lower() + "s"
        problems = spec.crd_errors(_CRD_FILES[plural], obj)
        if problems:
            raise ValueError(f"seed {obj['kind']} is off the CRD schema: {problems}")
        meta = obj["metadata"]
        meta.setdefault("uid", secrets.token_hex(16))
        meta.setdefault("resourceVersion", "1")
        self.objects[(plural, meta.get("namespace", "default"), meta["name"])] = obj

    def kubeconfig(self, path: Any) -> None:
        """Write a kubeconfig for this server to `path` (a pathlib.Path)."""
        import yaml

        config = {
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [{"name": "standin", "cluster": {"server": self.url}}],
            "users": [{"name": "ci", "user": {"token": self.token}}],
            "contexts": [{"name": "standin", "context": {"cluster": "standin", "user": "ci"}}],
            "current-context": "standin",
        }
        path.write_text(yaml.safe_dump(config), encoding="utf-8")

    methods = ("GET", "PATCH")

    def handle(self, http: BaseHTTPRequestHandler, method: str) -> None:
        send_json(http, *(self._get(http) if method == "GET" else self._patch(http)))

    @staticmethod
    def _status(code: int, reason: str, message: str) -> dict[str, Any]:
        return {
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": message,
            "reason": reason,
            "code": code,
        }

    def _route(self, http: BaseHTTPRequestHandler) -> tuple[str, str, str | None, str | None]:
        path = urlsplit(http.path).path
        if not path.startswith(self.PREFIX):
            return "", "", None, None
        parts = path[len(self.PREFIX) :].split("/")
        ns, plural = parts[0], parts[1] if len(parts) > 1 else ""
        name = parts[2] if len(parts) > 2 else None
        sub = parts[3] if len(parts) > 3 else None
        return ns, plural, name, sub

    def _authorized(self, http: BaseHTTPRequestHandler) -> bool:
        return http.headers.get("Authorization") == f"Bearer {self.token}"

    def _get(self, http: BaseHTTPRequestHandler) -> tuple[int, dict[str, Any]]:
        if not self._authorized(http):
            return 401, self._status(401, "Unauthorized", "Unauthorized")
        ns, plural, name, sub = self._route(http)
        if plural not in _CRD_FILES or sub is not None:
            self.violations.append(f"GET {http.path}: not a Rollouts custom-object endpoint")
            return 404, self._status(404, "NotFound", "the server could not find the resource")
        if name is None:
            items = [o for (p, n, _), o in sorted(self.objects.items()) if p == plural and n == ns]
            kind = {
                "rollouts": "Rollout",
                "analysisruns": "AnalysisRun",
                "analysistemplates": "AnalysisTemplate",
            }[plural]
            return 200, {
                "apiVersion": "argoproj.io/v1alpha1",
                "kind": f"{kind}List",
                "metadata": {"resourceVersion": "1"},
                "items": items,
            }
        obj = self.objects.get((plural, ns, name))
        if obj is None:
            return 404, self._status(404, "NotFound", f'{plural}.argoproj.io "{name}" not found')
        return 200, obj

    def _patch(self, http: BaseHTTPRequestHandler) -> tuple[int, dict[str, Any]]:
        if not self._authorized(http):
            return 401, self._status(401, "Unauthorized", "Unauthorized")
        ns, plural, name, sub = self._route(http)
        length = int(http.headers.get("Content-Length") or 0)
        ctype = http.headers.get("Content-Type", "")
        try:
            body = json.loads(http.rfile.read(length) or b"null")
        except ValueError:
            body = None
        if plural not in _CRD_FILES or name is None or sub != "status":
            self.violations.append(f"PATCH {http.path}: only <plural>/<name>/status is served")
            return 404, self._status(404, "NotFound", "not found")
        obj = self.objects.get((plural, ns, name))
        if obj is None:  # a legitimate request for an object that does not exist
            return 404, self._status(404, "NotFound", f'{plural}.argoproj.io "{name}" not found')
        if ctype != "application/merge-patch+json" or not isinstance(body, dict):
            self.violations.append(f"PATCH {http.path}: expected a merge patch, got {ctype}")
            return 415, self._status(415, "UnsupportedMediaType", f"unsupported {ctype}")
        self.patches.append((f"{plural}/{name}", ctype, body))
        patched = _merge_patch(json.loads(json.dumps(obj)), body)
        problems = spec.crd_errors(_CRD_FILES[plural], patched)
        if problems:
            self.violations.extend(f"PATCH {http.path}: {p}" for p in problems)
            return 422, self._status(422, "Invalid", "; ".join(problems))
        patched["metadata"]["resourceVersion"] = str(int(obj["metadata"]["resourceVersion"]) + 1)
        self.objects[(plural, ns, name or "")] = patched
        return 200, patched


def _merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON merge patch."""
    if not isinstance(patch, dict):
        return patch
    if not isinstance(target, dict):
        target = {}
    for key, value in patch.items():
        if value is None:
            target.pop(key, None)
        else:
            target[key] = _merge_patch(target.get(key), value)
    return target
