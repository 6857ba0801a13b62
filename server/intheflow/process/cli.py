"""`intheflow process validate|run|resume|status|history|complete-task|worker`.

Instances live in SQLite (`.intheflow/process.db` under the current directory, or
$INTHEFLOW_PROCESS_DB) or PostgreSQL (`--db postgresql://…`). With `--ai-url` (or
$INTHEFLOW_AI_URL) an OpenAI-compatible endpoint proposes the next step at decision points; the
rules beside the model judge every proposal. Without it the run is deterministic.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from intheflow.core.diagnostics import Severity
from intheflow.core.errors import UserError

EXIT_OK, EXIT_FINDINGS = 0, 1


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("process", help="business processes: validate and run BPMN/JSON models")
    ps = p.add_subparsers(dest="process_command", metavar="ACTION", required=True)

    def common(q: argparse.ArgumentParser, engine: bool = True) -> None:
        q.add_argument(
            "--db", help="postgresql://… or a SQLite path (default .intheflow/process.db)"
        )
        q.add_argument("--json", action="store_true", help="machine-readable output")
        if engine:
            q.add_argument("--functions", help="module:attribute of a function Registry")
            q.add_argument("--ai-url", help="OpenAI-compatible endpoint for the orchestrator")
            q.add_argument("--ai-model", default=os.environ.get("INTHEFLOW_AI_MODEL", ""))
            q.add_argument(
                "--ai-local",
                action="store_true",
                help="the local model (the AI layer's default provider) as the orchestrator",
            )

    v = ps.add_parser("validate", help="check models: structure, functions, decisions")
    v.add_argument("paths", nargs="+", type=Path)
    v.add_argument("--functions", help="module:attribute of a function Registry")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=cmd_validate)

    cv = ps.add_parser("convert", help="BPMN XML ↔ the JSON form (lossless, BPMNDI included)")
    cv.add_argument("source", type=Path, help="a .bpmn or .process.json file")
    cv.add_argument("target", type=Path, help="a .bpmn or .json file to write (- for stdout)")
    cv.set_defaults(func=cmd_convert)

    r = ps.add_parser("run", help="start an instance and run it until it waits or ends")
    r.add_argument("model", type=Path)
    r.add_argument("--process", help="process id (default: the first in the file)")
    r.add_argument("--id", help="instance id (default: random)")
    r.add_argument("--var", action="append", default=[], metavar="NAME=VALUE")
    r.add_argument("--vars", help="variables as a JSON object")
    r.add_argument("--nats", metavar="URL", help="queue the instance on NATS JetStream for workers")
    common(r)
    r.set_defaults(func=cmd_run)

    s = ps.add_parser("resume", help="continue instances (timers due, retries, after a crash)")
    s.add_argument("instance", nargs="?", help="default: every instance with work due")
    s.add_argument("--retry", action="store_true", help="clear the incident and retry the step")
    common(s)
    s.set_defaults(func=cmd_resume)

    st = ps.add_parser("status", help="one instance, or all instances")
    st.add_argument("instance", nargs="?")
    common(st, engine=False)
    st.set_defaults(func=cmd_status)

    h = ps.add_parser("history", help="the audit trail: every event, AI proposal and rule verdict")
    h.add_argument("instance")
    common(h, engine=False)
    h.set_defaults(func=cmd_history)

    c = ps.add_parser("complete-task", help="complete a waiting user task and continue")
    c.add_argument("instance")
    c.add_argument("task", help="task id (or token number)")
    c.add_argument("--var", action="append", default=[], metavar="NAME=VALUE")
    c.add_argument("--vars", help="variables as a JSON object")
    common(c)
    c.set_defaults(func=cmd_complete)

    w = ps.add_parser("worker", help="work on every instance with work due (scale out)")
    w.add_argument("--idle-exit", action="store_true", help="stop when no work is left")
    w.add_argument("--name", help="worker name in the audit trail")
    w.add_argument("--nats", metavar="URL", help="pull work from NATS JetStream (else: the db)")
    common(w)
    w.set_defaults(func=cmd_worker)


# -- helpers --------------------------------------------------------------------------------


def _parse_vars(pairs: list[str], raw: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if raw:
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise UserError(f"--vars is not JSON: {exc}") from None
        if not isinstance(data, dict):
            raise UserError("--vars must be a JSON object")
        out.update(data)
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UserError(f"--var {pair!r}: write NAME=VALUE")
        try:
            out[name] = json.loads(value)  # numbers, true/false, null, quoted strings
        except ValueError:
            out[name] = value
    return out


def _db(args: argparse.Namespace) -> Any:
    from intheflow.process.store import open_store

    url = args.db or os.environ.get("INTHEFLOW_PROCESS_DB")
    try:
        return open_store(url, Path.cwd() / ".intheflow" / "process.db")
    except Exception as exc:
        from intheflow.cli import MissingComponent

        raise MissingComponent("process store", f"{url}: {exc}") from None


def _runtime(
    args: argparse.Namespace, folder: Path | None = None, worker: str | None = None
) -> Any:
    from intheflow.process.ai import ProviderOrchestrator, local_orchestrator, remote_orchestrator
    from intheflow.process.decisions import WorkspaceDecisions
    from intheflow.process.engine import Engine
    from intheflow.process.loader import registry_from
    from intheflow.process.runtime import Runtime

    ai_url = getattr(args, "ai_url", None) or os.environ.get("INTHEFLOW_AI_URL")
    orchestrator: ProviderOrchestrator | None = None
    if ai_url:  # the key, if any, from $INTHEFLOW_AI_KEY
        orchestrator = remote_orchestrator(ai_url, args.ai_model)
    elif getattr(args, "ai_local", False):
        orchestrator = local_orchestrator(folder or Path.cwd())
    decisions = WorkspaceDecisions.load(folder or Path.cwd())
    engine = Engine(registry_from(getattr(args, "functions", None)), decisions, orchestrator)
    # each instance's decisions come from the folder of the model it started from
    return Runtime(_db(args), engine, worker=worker, decisions_from_source=True)


def _folder_of(rt: Any, instance: str) -> Path | None:
    row = rt.store.row(instance)
    if row is None:
        raise UserError(f"no instance {instance!r} in {rt.store.url}")
    found = rt.store.get_model(row.model)
    source = Path(found[0]) if found and found[0] else None
    return source.parent if source is not None and source.parent.is_dir() else None


def _print_state(state: Any, as_json: bool) -> None:
    if as_json:
        import msgspec

        print(json.dumps(msgspec.to_builtins(state), sort_keys=True))
        return
    print(
        f"instance {state.id}  process {state.process}  status {state.status}  steps {state.steps}"
    )
    waiting = [t for t in state.tokens if t.status == "waiting"]
    for t in waiting:
        hint = f"intheflow process complete-task {state.id} {t.node}"
        print(f"  waiting: task {t.node} (complete with: {hint})")
    for t in state.tokens:
        if t.status == "timer" and t.due:
            due = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t.due))
            print(f"  timer: {t.node} due {due} UTC")
    if state.incident:
        print(f"  incident at {state.incident.get('node')}: {state.incident.get('error')}")
    print("  variables: " + json.dumps(state.variables, sort_keys=True, default=str))


def _run_error(exc: Exception) -> UserError:
    return UserError(str(exc))


# -- commands ------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from intheflow.process.analyzers import decision_file_problems, to_diagnostic
    from intheflow.process.decisions import WorkspaceDecisions
    from intheflow.process.loader import is_model_path, known_for, read_model, registry_from
    from intheflow.process.validate import validate

    registry = registry_from(args.functions)
    files: list[Path] = []

    def wanted(f: Path) -> bool:
        return f.is_file() and (is_model_path(f) or f.name.endswith((".guards.json", ".dmn")))

    for p in args.paths:
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if wanted(f))
        elif p.is_file():
            files.append(p)
        else:
            raise UserError("no such file or directory", path=str(p))
    errors = warnings = 0
    report = []
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        if f.name.endswith((".guards.json", ".dmn")):
            problems = decision_file_problems(f, text)
        else:
            problems = validate(
                read_model(f, text),
                known_for(f.parent, registry, WorkspaceDecisions.load(f.parent)),
            )
        for pr in problems:
            d = to_diagnostic(str(f), text, pr)
            errors += pr.severity == Severity.ERROR
            warnings += pr.severity == Severity.WARNING
            if args.json:
                report.append(
                    {
                        "path": str(f),
                        "line": d.range.start.line + 1,
                        "column": d.range.start.character + 1,
                        "severity": pr.severity.label,
                        "code": pr.code,
                        "element": pr.element,
                        "message": pr.message,
                    }
                )
            else:
                el = f" {pr.element}:" if pr.element else ""
                print(
                    f"{f}:{d.range.start.line + 1}:{d.range.start.character + 1}: "
                    f"{pr.severity.label} [{pr.code}]{el} {pr.message}"
                )
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{len(files)} model(s): {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    if not files:
        raise UserError("no process models (.bpmn, .process.json) found")
    return EXIT_FINDINGS if errors else EXIT_OK


def cmd_convert(args: argparse.Namespace) -> int:
    from intheflow.process.bpmn import write_bpmn
    from intheflow.process.jsonform import to_json
    from intheflow.process.loader import read_model

    if not args.source.is_file():
        raise UserError("no such model file", path=str(args.source))
    parsed = read_model(args.source)
    if parsed.definitions is None:
        p = parsed.problems[0]
        raise UserError(p.message, str(args.source), p.line + 1, p.column + 1)
    to_bpmn = args.target.suffix.lower() == ".bpmn" or (
        str(args.target) == "-" and args.source.suffix.lower() == ".json"
    )
    text = write_bpmn(parsed.definitions) if to_bpmn else to_json(parsed.definitions)
    if str(args.target) == "-":
        sys.stdout.write(text)
    else:
        args.target.write_text(text, encoding="utf-8")
        print(f"wrote {args.target}", file=sys.stderr)
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from intheflow.process.loader import read_model, with_called_processes
    from intheflow.process.runtime import RuntimeError_

    if not args.model.is_file():
        raise UserError("no such model file", path=str(args.model))
    from intheflow.process.validate import not_executed

    parsed = read_model(args.model)
    refused = parsed.problems[:1] if parsed.definitions is None else not_executed(parsed)[:1]
    for p in refused:
        raise UserError(p.message, str(args.model), p.line + 1, p.column + 1)
    assert parsed.definitions is not None
    rt = _runtime(args, args.model.resolve().parent)
    try:
        state = rt.start(
            with_called_processes(parsed.definitions, args.model.resolve().parent),
            args.process,
            _parse_vars(args.var, args.vars),
            args.id,
            str(args.model.resolve()),
            run_first=not args.nats,
        )
        if args.nats:
            _queue(args.nats, [state.id])
            print(f"instance {state.id} queued on {args.nats}")
            return EXIT_OK
        state = rt.run(state.id)
    except RuntimeError_ as exc:
        raise _run_error(exc) from None
    _print_state(state, args.json)
    return EXIT_FINDINGS if state.status in ("incident", "compensated") else EXIT_OK


def cmd_resume(args: argparse.Namespace) -> int:
    from intheflow.process.runtime import RuntimeError_

    rt = _runtime(args)
    try:
        if args.instance is None:
            ran = rt.work(idle_exit=True)
            print(f"resumed: {ran} step(s) run")
            return EXIT_OK
        folder = _folder_of(rt, args.instance)
        if folder is not None:
            rt = _runtime(args, folder)
        if args.retry:
            rt.retry_incident(args.instance)
        state = rt.run(args.instance)
    except RuntimeError_ as exc:
        raise _run_error(exc) from None
    _print_state(state, args.json)
    return EXIT_FINDINGS if state.status in ("incident", "compensated") else EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from intheflow.process.runtime import Runtime, RuntimeError_

    store = _db(args)
    if args.instance:
        from intheflow.process.decisions import WorkspaceDecisions
        from intheflow.process.engine import Engine
        from intheflow.process.functions import builtins

        rt = Runtime(store, Engine(builtins, WorkspaceDecisions()))
        try:
            _print_state(rt.state(args.instance), args.json)
        except RuntimeError_ as exc:
            raise _run_error(exc) from None
        return EXIT_OK
    rows = store.instances()
    if args.json:
        import msgspec

        print(json.dumps(msgspec.to_builtins(rows)))
        return EXIT_OK
    for row in rows:
        print(f"{row.id}  {row.process}  {row.status}  events {row.seq}")
    print(f"{len(rows)} instance(s) in {store.url}", file=sys.stderr)
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    store = _db(args)
    if store.row(args.instance) is None:
        raise UserError(f"no instance {args.instance!r} in {store.url}")
    events = store.history(args.instance)
    if args.json:
        import msgspec

        print(json.dumps(msgspec.to_builtins(events)))
        return EXIT_OK
    for e in events:
        print(format_event(e.seq, e.at, e.event))
    return EXIT_OK


def format_event(seq: int, at: float, ev: Any) -> str:
    when = time.strftime("%H:%M:%S", time.gmtime(at))
    d = ev.detail
    text = {
        "ai_proposal": lambda: f"AI proposes {d.get('proposal')} ({d.get('orchestrator')})",
        "ai_rejected": lambda: f"AI answer rejected: {d.get('error')}",
        "rule_verdict": lambda: (
            f"rule verdict on {d.get('source')} proposal {d.get('proposed')}: {d.get('outcome')}"
            + (f" by {d['rule']}" if d.get("rule") else "")
            + (f" → {d['redirect']}" if d.get("redirect") else "")
            + (f" ({d['reason']})" if d.get("reason") else "")
        ),
    }.get(ev.kind, lambda: json.dumps(d, sort_keys=True, default=str) if d else "")()
    if ev.kind == "step" and "decision" in d:
        fired = d.get("rule")
        rules = ", ".join(fired) if isinstance(fired, list) else fired
        text = f"decision {d['decision']}: " + (f"rule {rules} fired" if rules else "no rule fired")
    sets = f" set {json.dumps(ev.set, sort_keys=True, default=str)}" if ev.set else ""
    return f"{seq:>5} {when} {ev.kind:<16} {ev.node or '':<28} {text}{sets}"


def cmd_complete(args: argparse.Namespace) -> int:
    from intheflow.process.runtime import RuntimeError_

    rt = _runtime(args)
    try:
        folder = _folder_of(rt, args.instance)
        if folder is not None:
            rt = _runtime(args, folder)
        rt.complete_task(args.instance, args.task, _parse_vars(args.var, args.vars))
        state = rt.run(args.instance)
    except RuntimeError_ as exc:
        raise _run_error(exc) from None
    _print_state(state, args.json)
    return EXIT_FINDINGS if state.status in ("incident", "compensated") else EXIT_OK


def _queue(url: str, ids: list[str]) -> None:
    import asyncio

    from intheflow.process.nats_dispatch import publish

    try:
        asyncio.run(publish(ids, url))
    except Exception as exc:
        from intheflow.cli import MissingComponent

        raise MissingComponent("NATS JetStream", f"{url}: {exc}") from None


def cmd_worker(args: argparse.Namespace) -> int:
    rt = _runtime(args, worker=args.name)
    if args.nats:
        import asyncio

        from intheflow.process.nats_dispatch import NatsWorker

        try:
            done = asyncio.run(
                NatsWorker(rt, args.nats).run(idle_exit=3.0 if args.idle_exit else None)
            )
        except OSError as exc:
            from intheflow.cli import MissingComponent

            raise MissingComponent("NATS JetStream", f"{args.nats}: {exc}") from None
        print(f"worker {rt.worker}: {done} instance(s) from {args.nats}", file=sys.stderr)
        return EXIT_OK
    ran = rt.work(idle_exit=args.idle_exit)
    print(f"worker {rt.worker}: {ran} step(s)", file=sys.stderr)
    return EXIT_OK
