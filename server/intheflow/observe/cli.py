"""`intheflow triage ALERT.json`: probable causes of an alert, with evidence, owners and rules.

Sources: --prometheus URL (or $PROMETHEUS_URL), --signoz URL (or $SIGNOZ_URL, key in
$SIGNOZ_API_KEY), --model-url for the AI summary (or $INTHEFLOW_AI_BASE_URL). A source that is not
configured is noted in the report; the evidence comes from the others.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from intheflow.cli import EXIT_OK
from intheflow.core.errors import UserError
from intheflow.gitops.advisor import OpenAIChat, from_settings
from intheflow.gitops.policy import load_policy
from intheflow.observe.alerts import parse_alert_text
from intheflow.observe.prometheus import PrometheusClient
from intheflow.observe.signoz import SigNozClient
from intheflow.observe.triage import CodeMap, TriageReport, triage


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("triage", help="rank probable causes of an alert (Alertmanager/SigNoz)")
    p.add_argument("alert", type=Path, help="webhook payload JSON file ('-' for stdin)")
    p.add_argument("--workspace", type=Path, default=Path.cwd())
    p.add_argument("--prometheus", default=os.environ.get("PROMETHEUS_URL"))
    p.add_argument("--signoz", default=os.environ.get("SIGNOZ_URL"))
    p.add_argument("--model-url", help="OpenAI-compatible base URL for the summary")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    source = str(args.alert)
    try:
        text = sys.stdin.read() if source == "-" else args.alert.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot read alert: {exc.strerror}", path=source) from None
    alerts, problems = parse_alert_text(text)
    if problems:
        p = problems[0]
        raise UserError(p.message, source, p.line, p.column)
    code = CodeMap.for_workspace(args.workspace.resolve())
    prometheus = PrometheusClient(args.prometheus) if args.prometheus else None
    signoz = (
        SigNozClient(args.signoz, os.environ.get("SIGNOZ_API_KEY", "")) if args.signoz else None
    )
    model = OpenAIChat(args.model_url) if args.model_url else from_settings({})
    reports = [
        triage(
            a,
            code=code,
            policy=load_policy(args.workspace),
            prometheus=prometheus,
            signoz=signoz,
            model=model,
        )
        for a in alerts
    ]
    if args.format == "json":
        print(json.dumps([r.to_json() for r in reports], indent=2))
    else:
        for report in reports:
            print_report(report)
    return EXIT_OK


def print_report(report: TriageReport) -> None:
    print(
        f"{report.alert} on {report.service} ({report.severity or 'no severity'}), "
        f"since {report.started_at}; owner {report.owner or 'unknown'}"
    )
    print(f"summary ({report.summary_by}): {report.summary}")
    for cause in report.causes:
        where = f" at {cause.file}:{cause.line}" if cause.file else ""
        print(
            f"{cause.rank}. [{cause.score:g}] {cause.title}{where} — owner "
            f"{cause.owner or 'unknown'}"
        )
        for e in cause.evidence:
            ref = f" ({e.ref})" if e.ref else ""
            print(f"     {e.kind}: {e.text}{ref}")
        if cause.rules:
            print(f"     rules: {', '.join(cause.rules)}")
    for note in report.notes:
        print(f"note: {note}")
