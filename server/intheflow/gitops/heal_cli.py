"""`intheflow pipeline heal` and `intheflow pipeline attempts` (registered by gitops/cli.py)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from intheflow.cli import EXIT_FINDINGS, EXIT_OK, MissingComponent
from intheflow.gitops.advisor import OpenAIChat, from_settings
from intheflow.gitops.heal import Attempt, Healer, HealingRecord, load_records
from intheflow.gitops.policy import load_policy


def register(
    psub: argparse._SubParsersAction[argparse.ArgumentParser],
    common: Callable[[argparse.ArgumentParser], None],
) -> None:
    h = psub.add_parser(
        "heal", help="diagnose a failed workflow with the AI and fix it (rules apply)"
    )
    common(h)
    h.add_argument("workflow")
    h.add_argument("--max-attempts", type=int, default=3)
    h.add_argument(
        "--model-url", help="OpenAI-compatible base URL (default: $INTHEFLOW_AI_BASE_URL)"
    )
    h.set_defaults(func=cmd_heal)

    a = psub.add_parser("attempts", help="show the recorded self-healing attempts")
    a.add_argument("workflow", nargs="?")
    a.add_argument("--workspace", type=Path, default=Path.cwd())
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_attempts)


def describe(a: Attempt) -> str:
    fix = a.fix or {}
    what = fix.get("kind", "-")
    if fix.get("parameters"):
        what += " " + ",".join(f"{k}={v}" for k, v in fix["parameters"].items())
    line = f"#{a.number} {a.step or '?'}: {what} → {a.outcome}"
    if a.result_workflow:
        line += f" ({a.result_workflow} {a.result_phase})"
    if a.rules and a.outcome == "refused":
        line += f" [{'; '.join(a.rules)}]"
    if a.detail:
        line += f" — {a.detail}"
    return line


def cmd_heal(args: argparse.Namespace) -> int:
    from intheflow.gitops.cli import client

    model = OpenAIChat(args.model_url) if args.model_url else from_settings({})
    if model is None:
        raise MissingComponent("AI model endpoint", "set INTHEFLOW_AI_BASE_URL or pass --model-url")
    healer = Healer(
        client(args),
        model,
        load_policy(args.workspace),
        args.workspace,
        max_attempts=args.max_attempts,
        on_attempt=lambda a: print(describe(a), flush=True),
    )
    record = healer.heal(args.workflow)
    print(f"final: {record.final_workflow} {record.final_phase}")
    return EXIT_OK if record.final_phase == "Succeeded" else EXIT_FINDINGS


def _show(record: HealingRecord) -> None:
    print(
        f"{record.workflow} (started {record.started}) → {record.final_workflow} "
        f"{record.final_phase}".rstrip()
    )
    for a in record.attempts:
        print(f"  {describe(a)}")
        if a.diagnosis:
            print(f"     diagnosis: {a.diagnosis}")


def cmd_attempts(args: argparse.Namespace) -> int:
    records = load_records(args.workspace, args.workflow)
    if args.json:
        print(json.dumps([r.to_json() for r in records], indent=2))
        return EXIT_OK
    if not records:
        print("no self-healing attempts recorded")
    for record in records:
        _show(record)
    return EXIT_OK
