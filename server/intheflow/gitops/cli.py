"""`intheflow pipeline …`: generate, submit and follow the services' Argo pipelines.

  pipeline generate [--service S] [--out DIR] [--param k=v]   Workflow YAML (validated)
  pipeline submit   [--service S] [--param k=v] [--wait]       create the workflows on Argo
  pipeline lint     [--service S]                              server-side lint of the YAML
  pipeline watch    WORKFLOW [--timeout S]                     follow workflow events
  pipeline status   [--service S]                              workflows and their steps
  pipeline logs     WORKFLOW [--step STEP]                     step logs
  pipeline retry    WORKFLOW [--param k=v]                     retry a failed workflow
  pipeline heal     WORKFLOW [--max-attempts N]                self-healing loop (AI + rules)
  pipeline attempts [WORKFLOW]                                 the recorded healing attempts
The Argo server comes from --argo-server/--namespace or ARGO_SERVER, ARGO_TOKEN, ARGO_NAMESPACE.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from intheflow.cli import EXIT_FINDINGS, EXIT_OK, MissingComponent
from intheflow.core.errors import UserError
from intheflow.gitops import settings
from intheflow.gitops.catalog import Service, read_services
from intheflow.gitops.pipeline import Pipeline, dns_label, generate, validate
from intheflow.gitops.rest import RemoteError
from intheflow.gitops.workflows import WorkflowsClient, summarize


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("pipeline", help="generate, submit and follow Argo CI pipelines")
    psub = p.add_subparsers(dest="pipeline_command", metavar="ACTION", required=True)

    def common(q: argparse.ArgumentParser, workspace: bool = True) -> None:
        if workspace:
            q.add_argument("--workspace", type=Path, default=Path.cwd(), help="default: cwd")
        q.add_argument("--argo-server", help="Argo server URL (default: $ARGO_SERVER)")
        q.add_argument("--namespace", help="Kubernetes namespace (default: $ARGO_NAMESPACE/argo)")
        q.add_argument("--json", action="store_true", help="machine-readable output")

    g = psub.add_parser("generate", help="write Argo Workflow YAML for the services")
    common(g)
    g.add_argument("--service", action="append", default=[], help="only this service")
    g.add_argument("--out", type=Path, help="write <service>-ci.yaml files here (default stdout)")
    g.add_argument("--param", action="append", default=[], metavar="K=V")
    g.set_defaults(func=cmd_generate)

    s = psub.add_parser("submit", help="create the pipelines' workflows on the Argo server")
    common(s)
    s.add_argument("--service", action="append", default=[])
    s.add_argument("--param", action="append", default=[], metavar="K=V")
    s.add_argument("--wait", action="store_true", help="watch until each workflow ends")
    s.set_defaults(func=cmd_submit)

    li = psub.add_parser("lint", help="lint the generated workflows on the Argo server")
    common(li)
    li.add_argument("--service", action="append", default=[])
    li.add_argument("--param", action="append", default=[], metavar="K=V")
    li.set_defaults(func=cmd_lint)

    wa = psub.add_parser("watch", help="follow a workflow's events until it ends")
    common(wa, workspace=False)
    wa.add_argument("workflow")
    wa.add_argument("--timeout", type=float, default=600.0, help="give up after this many seconds")
    wa.set_defaults(func=cmd_watch)

    st = psub.add_parser("status", help="list pipeline workflows and their steps")
    common(st, workspace=False)
    st.add_argument("--service", help="only this service")
    st.set_defaults(func=cmd_status)

    lg = psub.add_parser("logs", help="print a workflow's step logs")
    common(lg, workspace=False)
    lg.add_argument("workflow")
    lg.add_argument("--step", help="only this step (DAG task name)")
    lg.add_argument("--follow", action="store_true", help="stream until the step ends")
    lg.set_defaults(func=cmd_logs)

    rt = psub.add_parser("retry", help="retry a failed workflow")
    common(rt, workspace=False)
    rt.add_argument("workflow")
    rt.add_argument("--param", action="append", default=[], metavar="K=V")
    rt.set_defaults(func=cmd_retry)

    from intheflow.gitops import heal_cli

    heal_cli.register(psub, common)

    from intheflow.gitops import deploy_cli

    deploy_cli.register(sub)


def parse_params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UserError(f"--param expects KEY=VALUE, got {pair!r}")
        out[key] = value
    return out


def client(args: argparse.Namespace) -> WorkflowsClient:
    opts: dict[str, object] = {}
    if args.argo_server:
        opts["url"] = args.argo_server
    if args.namespace:
        opts["namespace"] = args.namespace
    found = settings.argo_workflows({"gitops": {"argo": opts}} if opts else {})
    if found is None:
        raise MissingComponent(
            "Argo Workflows server", "set ARGO_SERVER (and ARGO_TOKEN) or pass --argo-server"
        )
    return WorkflowsClient(*found)


def pipelines(args: argparse.Namespace) -> list[Pipeline]:
    root: Path = args.workspace
    if not root.is_dir():
        raise UserError("workspace is not a directory", path=str(root))
    services, problems = read_services(root)
    if problems:
        first = problems[0]
        raise UserError(first.message, path=first.path, line=first.line, column=first.column)
    wanted: list[str] = args.service
    chosen: list[Service] = [s for s in services if not wanted or s.name in wanted]
    missing = sorted(set(wanted) - {s.name for s in services})
    if missing:
        raise UserError(f"no Component named {', '.join(missing)} in any catalog-info.yaml")
    if not chosen:
        raise UserError("no catalog-info.yaml with a Component under the workspace", path=str(root))
    params = parse_params(args.param)
    result = [generate(s, params) for s in chosen]
    for p in result:
        problems_ = validate(p.workflow)
        if problems_:
            raise UserError(
                f"generated pipeline for {p.service.name} is invalid: {'; '.join(problems_)}",
                path=str(p.service.catalog_file),
            )
    return result


def cmd_generate(args: argparse.Namespace) -> int:
    found = pipelines(args)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for p in found:
            target = args.out / f"{dns_label(p.service.name)}-ci.yaml"
            target.write_text(p.to_yaml(), encoding="utf-8")
            print(f"{target}: {' → '.join(p.steps)}")
        return EXIT_OK
    sys.stdout.write("---\n".join(p.to_yaml() for p in found))
    return EXIT_OK


def _remote(exc: RemoteError) -> int:
    if exc.status is None:
        raise MissingComponent("Argo Workflows server", str(exc)) from None
    print(f"error: {exc}", file=sys.stderr)
    return EXIT_FINDINGS


def cmd_submit(args: argparse.Namespace) -> int:
    found = pipelines(args)
    argo = client(args)
    failed = 0
    try:
        for p in found:
            created = argo.create(p.workflow)
            name = created["metadata"]["name"]
            phase = summarize(created).phase
            if args.wait:
                for _, summary in argo.watch(name):
                    phase = summary.phase
            print(f"{p.service.name}: {name} {phase}")
            failed += phase in ("Failed", "Error")
    except RemoteError as exc:
        return _remote(exc)
    return EXIT_FINDINGS if failed else EXIT_OK


def cmd_lint(args: argparse.Namespace) -> int:
    found = pipelines(args)
    argo = client(args)
    failed = 0
    for p in found:
        try:
            argo.lint(p.workflow)
            print(f"{p.service.name}: ok")
        except RemoteError as exc:
            if exc.status is None:
                return _remote(exc)
            print(f"{p.service.name}: {exc}")
            failed += 1
    return EXIT_FINDINGS if failed else EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    argo = client(args)
    phase = ""
    try:
        for kind, summary in argo.watch(args.workflow, deadline=args.timeout):
            phase = summary.phase
            steps = ", ".join(
                f"{n.display_name}={n.phase}" for n in summary.nodes if n.type == "Pod"
            )
            print(f"{kind} {summary.name} {summary.phase} {steps}".rstrip(), flush=True)
    except RemoteError as exc:
        return _remote(exc)
    return EXIT_FINDINGS if phase in ("Failed", "Error") else EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    argo = client(args)
    selector = "intheflow.dev/pipeline=ci"
    if args.service:
        selector += f",intheflow.dev/service={dns_label(args.service)}"
    try:
        found = argo.list(label_selector=selector)
    except RemoteError as exc:
        return _remote(exc)
    if args.json:
        print(json.dumps([_summary_json(s) for s in found], indent=2))
        return EXIT_OK
    if not found:
        print("no pipeline workflows")
    for s in found:
        service = s.labels.get("intheflow.dev/service", "?")
        print(f"{s.name}  {service}  {s.phase}  {s.message}".rstrip())
        for n in s.nodes:
            if n.type == "Pod":
                print(f"  {n.display_name:<18} {n.phase:<10} {n.message}".rstrip())
    return EXIT_OK


def _summary_json(s: object) -> object:
    import dataclasses

    return dataclasses.asdict(s)  # type: ignore[call-overload]


def cmd_logs(args: argparse.Namespace) -> int:
    argo = client(args)
    try:
        pod = None
        if args.step:
            summary = summarize(argo.get(args.workflow))
            pods = [n.pod_name for n in summary.nodes if n.display_name == args.step]
            if not pods or pods[0] is None:
                steps = ", ".join(n.display_name for n in summary.nodes if n.type == "Pod")
                raise UserError(f"workflow {args.workflow} has no step {args.step!r} ({steps})")
            pod = pods[0]
        deadline = 3600.0 if args.follow else 30.0
        for line in argo.logs(args.workflow, pod=pod, follow=args.follow, deadline=deadline):
            print(f"{line.pod_name}: {line.content}" if not args.step else line.content)
    except RemoteError as exc:
        return _remote(exc)
    return EXIT_OK


def cmd_retry(args: argparse.Namespace) -> int:
    argo = client(args)
    try:
        wf = argo.retry(args.workflow, parameters=parse_params(args.param))
    except RemoteError as exc:
        return _remote(exc)
    summary = summarize(wf)
    print(f"{summary.name} {summary.phase}")
    return EXIT_OK if summary.phase not in ("Failed", "Error") else EXIT_FINDINGS
