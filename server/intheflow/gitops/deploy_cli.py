"""`intheflow argocd …` and `intheflow rollout …` (registered by gitops/cli.py).

  argocd apps [--selector L]                       applications, sync status and health
  argocd sync APP [--revision R] [--manifest F]…   dry run first, then the real sync
  argocd tree APP                                  the application's resource tree
  rollout generate --service S --image I --prometheus URL [--out DIR]
  rollout runs ROLLOUT                             AnalysisRuns (Kubernetes API)
  rollout analyze ROLLOUT --prometheus URL [--apply]   promote/abort: rules first, then AI
Argo CD: --argocd-server or ARGOCD_SERVER / ARGOCD_AUTH_TOKEN. Kubernetes: --kubeconfig,
--context, --namespace (default: kubeconfig, else in-cluster config).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import yaml

from intheflow.cli import EXIT_FINDINGS, EXIT_OK, MissingComponent
from intheflow.core.errors import UserError
from intheflow.gitops import settings
from intheflow.gitops.argocd import ArgoCDClient
from intheflow.gitops.catalog import read_services
from intheflow.gitops.policy import load_policy
from intheflow.gitops.rest import RemoteError
from intheflow.gitops.rollouts import (
    RolloutsClient,
    decide,
    generate_rollout,
    validate_objects,
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cd = sub.add_parser("argocd", help="Argo CD applications: status, sync, resource tree")
    cds = cd.add_subparsers(dest="argocd_command", metavar="ACTION", required=True)

    def server(q: argparse.ArgumentParser) -> None:
        q.add_argument("--argocd-server", help="Argo CD URL (default: $ARGOCD_SERVER)")

    apps = cds.add_parser("apps", help="list applications with sync status and health")
    server(apps)
    apps.add_argument("--selector", help="label selector")
    apps.add_argument("--json", action="store_true")
    apps.set_defaults(func=cmd_apps)
    sync = cds.add_parser("sync", help="sync an application (dry run first)")
    server(sync)
    sync.add_argument("app")
    sync.add_argument("--revision")
    sync.add_argument(
        "--manifest",
        action="append",
        default=[],
        type=Path,
        help="a generated manifest file to sync (repeatable)",
    )
    sync.add_argument("--dry-run-only", action="store_true")
    sync.set_defaults(func=cmd_sync)
    tree = cds.add_parser("tree", help="the application's resource tree")
    server(tree)
    tree.add_argument("app")
    tree.set_defaults(func=cmd_tree)

    ro = sub.add_parser("rollout", help="Argo Rollouts: generate, analysis runs, promote/abort")
    ros = ro.add_subparsers(dest="rollout_command", metavar="ACTION", required=True)
    gen = ros.add_parser("generate", help="Rollout + AnalysisTemplate for a service")
    gen.add_argument("--workspace", type=Path, default=Path.cwd())
    gen.add_argument("--service", required=True)
    gen.add_argument("--image", required=True)
    gen.add_argument("--prometheus", default="http://prometheus.monitoring:9090")
    gen.add_argument("--namespace", default="default")
    gen.add_argument("--out", type=Path)
    gen.set_defaults(func=cmd_generate)

    def kube(q: argparse.ArgumentParser) -> None:
        q.add_argument("--kubeconfig")
        q.add_argument("--context")
        q.add_argument("--namespace", default="default")

    runs = ros.add_parser("runs", help="AnalysisRuns of a rollout")
    kube(runs)
    runs.add_argument("rollout")
    runs.set_defaults(func=cmd_runs)
    an = ros.add_parser("analyze", help="recommend promote/abort; rules override the AI")
    kube(an)
    an.add_argument("rollout")
    an.add_argument("--prometheus", required=True)
    an.add_argument("--service", help="service label in metrics (default: the rollout name)")
    an.add_argument("--slo", type=float, default=0.999)
    an.add_argument("--model-url", help="OpenAI-compatible base URL for the AI step")
    an.add_argument("--workspace", type=Path, default=Path.cwd())
    an.add_argument("--apply", action="store_true", help="promote or abort for real")
    an.set_defaults(func=cmd_analyze)


def _cd(args: argparse.Namespace) -> ArgoCDClient:
    opts = {"gitops": {"argocd": {"url": args.argocd_server}}} if args.argocd_server else {}
    endpoint = settings.argo_cd(opts)
    if endpoint is None:
        raise MissingComponent("Argo CD server", "set ARGOCD_SERVER or pass --argocd-server")
    return ArgoCDClient(endpoint)


def _remote(exc: RemoteError, component: str) -> int:
    if exc.status is None:
        raise MissingComponent(component, str(exc)) from None
    print(f"error: {exc}")
    return EXIT_FINDINGS


def cmd_apps(args: argparse.Namespace) -> int:
    try:
        apps = _cd(args).apps(selector=args.selector)
    except RemoteError as exc:
        return _remote(exc, "Argo CD server")
    if args.json:
        print(json.dumps([a.__dict__ for a in apps], indent=2))
        return EXIT_OK
    for a in apps:
        print(f"{a.name:<24} {a.sync:<10} {a.health:<12} {a.repo} {a.path}".rstrip())
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    manifests: list[str] = []
    for path in args.manifest:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise UserError(f"cannot read manifest: {exc.strerror}", path=str(path)) from None
        try:
            docs = [d for d in yaml.safe_load_all(text) if d]
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            raise UserError(
                f"invalid YAML: {exc.problem}",
                str(path),
                mark.line + 1 if mark else None,
                mark.column + 1 if mark else None,
            ) from None
        manifests.extend(json.dumps(d) for d in docs)
    client = _cd(args)
    try:
        if args.dry_run_only:
            app = client.sync(args.app, dry_run=True, revision=args.revision, manifests=manifests)
            from intheflow.gitops.argocd import summarize_app

            s = summarize_app(app)
            print(f"dry run: {s.operation} {s.operation_message}")
            return EXIT_OK if s.operation == "Succeeded" else EXIT_FINDINGS
        result = client.sync_checked(args.app, revision=args.revision, manifests=manifests)
    except RemoteError as exc:
        return _remote(exc, "Argo CD server")
    print(f"dry run: {result.dry_run.operation} {result.dry_run.operation_message}")
    if result.synced is None:
        print("not synced: the dry run failed")
        return EXIT_FINDINGS
    s = result.synced
    print(f"sync: {s.operation} {s.operation_message}; now {s.sync}/{s.health}")
    return EXIT_OK if result.ok else EXIT_FINDINGS


def cmd_tree(args: argparse.Namespace) -> int:
    try:
        nodes = _cd(args).resource_tree(args.app)
    except RemoteError as exc:
        return _remote(exc, "Argo CD server")
    for n in nodes:
        parent = f"  ← {', '.join(n.parents)}" if n.parents else ""
        print(f"{n.kind}/{n.name} [{n.namespace}] {n.health}{parent}".rstrip())
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    services, problems = read_services(args.workspace)
    if problems:
        p = problems[0]
        raise UserError(p.message, p.path, p.line, p.column)
    service = next((s for s in services if s.name == args.service), None)
    if service is None:
        raise UserError(f"no Component named {args.service} in any catalog-info.yaml")
    rollout, template = generate_rollout(
        service, image=args.image, prometheus=args.prometheus, namespace=args.namespace
    )
    problems_ = validate_objects(rollout, template)
    if problems_:
        raise UserError("generated objects are invalid: " + "; ".join(problems_))
    text = yaml.safe_dump_all([template, rollout], sort_keys=False)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        target = args.out / f"{rollout['metadata']['name']}-rollout.yaml"
        target.write_text(text, encoding="utf-8")
        print(target)
    else:
        print(text, end="")
    return EXIT_OK


def _rollouts(args: argparse.Namespace) -> RolloutsClient:
    try:
        return RolloutsClient.from_kubeconfig(args.kubeconfig, args.context, args.namespace)
    except Exception as exc:  # kubernetes' ConfigException and friends
        raise MissingComponent("Kubernetes API", f"no usable kubeconfig: {exc}") from None


def cmd_runs(args: argparse.Namespace) -> int:
    from kubernetes.client.exceptions import ApiException
    from urllib3.exceptions import HTTPError

    try:
        runs = _rollouts(args).analysis_runs(args.rollout)
    except (ApiException, HTTPError) as exc:
        raise MissingComponent("Kubernetes API", _k8s_error(exc)) from None
    if not runs:
        print(f"no AnalysisRuns for rollout {args.rollout}")
    for r in runs:
        print(f"{r.name}  {r.phase}  {r.message}".rstrip())
        for m in r.measurements:
            print(f"  {m.metric:<16} {m.phase:<12} {m.value}")
    return EXIT_OK


def _k8s_error(exc: Exception) -> str:
    status = getattr(exc, "status", None)
    reason = getattr(exc, "reason", None) or type(exc).__name__
    return f"HTTP {status} {reason}" if status else str(reason)


def cmd_analyze(args: argparse.Namespace) -> int:
    from kubernetes.client.exceptions import ApiException
    from urllib3.exceptions import HTTPError

    from intheflow.gitops.advisor import OpenAIChat, from_settings
    from intheflow.gitops.slo import service_metrics
    from intheflow.observe.prometheus import PrometheusClient

    client = _rollouts(args)
    model = OpenAIChat(args.model_url) if args.model_url else from_settings({})
    try:
        runs = client.analysis_runs(args.rollout)
        metrics = service_metrics(
            PrometheusClient(args.prometheus), args.service or args.rollout, slo=args.slo
        )
    except (ApiException, HTTPError) as exc:
        raise MissingComponent("Kubernetes API", _k8s_error(exc)) from None
    except RemoteError as exc:
        return _remote(exc, "Prometheus")
    decision = decide(runs, metrics, load_policy(args.workspace), model)
    print(f"{decision.action} (decided by {decision.decided_by})")
    for reason in decision.reasons:
        print(f"  - {reason}")
    if decision.ai_recommendation and decision.decided_by != "ai":
        print(f"  (AI recommended {decision.ai_recommendation}; overridden)")
    if args.apply and decision.action in ("abort", "promote"):
        try:
            getattr(client, decision.action)(args.rollout)
        except (ApiException, HTTPError) as exc:
            raise MissingComponent("Kubernetes API", _k8s_error(exc)) from None
        print(f"{decision.action} applied to rollout {args.rollout}")
    return EXIT_OK if decision.action != "abort" else EXIT_FINDINGS
