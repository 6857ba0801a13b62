"""`intheflow generate` and `intheflow ai status|index|ask|complete`.

Settings come from `--settings FILE` (the same JSON object as initializationOptions["ai"]) and a
few flags (`--provider`, `--model-path`, `--base-url`, `--model`). A missing model or endpoint
exits 3 with one clear line; bad input exits 2 with `file:line:col`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from intheflow.core.errors import UserError


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workspace", type=Path, default=Path.cwd(), help="workspace root")
    p.add_argument("--settings", type=Path, help="JSON file: the `ai` settings object")
    p.add_argument("--provider", choices=["local", "remote", "off"])
    p.add_argument("--model-path", help="a GGUF file (default: the bundled Gemma 3 270M)")
    p.add_argument("--base-url", help="OpenAI-compatible endpoint, e.g. http://host:8000/v1")
    p.add_argument("--model", help="model name for the remote endpoint")


def register(sub: Any) -> None:
    g = sub.add_parser(
        "generate",
        help="generate code, tests and docs for a requirement, closed-loop (tests + rules)",
    )
    g.add_argument("requirement", help="what to build, in a sentence or two")
    g.add_argument("--lang", required=True, choices=["python", "go", "java", "rust"])
    g.add_argument("--out", type=Path, required=True, help="output directory")
    g.add_argument("--rounds", type=int, default=3, help="repair rounds at most (default 3)")
    g.add_argument("--semgrep-config", help="a local Semgrep rules file to run on the result")
    _common(g)
    g.set_defaults(func=run_generate)

    a = sub.add_parser("ai", help="AI layer: status, RAG index, ask, complete")
    asub = a.add_subparsers(dest="ai_command", metavar="ACTION", required=True)
    s = asub.add_parser("status", help="load the provider and report whether it works")
    _common(s)
    s.set_defaults(func=run_status)
    i = asub.add_parser("index", help="build or refresh the workspace RAG index")
    _common(i)
    i.set_defaults(func=run_index)
    q = asub.add_parser("ask", help="ask a grounded question (slash commands work)")
    q.add_argument("question")
    q.add_argument("--file", type=Path, help="context file")
    _common(q)
    q.set_defaults(func=run_ask)
    c = asub.add_parser("complete", help="inline suggestion at FILE:LINE:COL (1-based)")
    c.add_argument("location")
    _common(c)
    c.set_defaults(func=run_complete)


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    if args.settings is not None:
        try:
            raw = json.loads(args.settings.read_text())
        except OSError as exc:
            raise UserError(f"cannot read settings: {exc.strerror}", str(args.settings)) from exc
        except json.JSONDecodeError as exc:
            where = (str(args.settings), exc.lineno, exc.colno)
            raise UserError(f"invalid JSON: {exc.msg}", *where) from exc
        if not isinstance(raw, dict):
            raise UserError("settings must be a JSON object", str(args.settings), 1, 1)
    if args.provider:
        raw["provider"] = args.provider
    if args.model_path:
        raw["model_path"] = args.model_path
    if args.base_url:
        raw.setdefault("provider", "remote")
        raw.setdefault("remote", {})["base_url"] = args.base_url
    if args.model:
        raw.setdefault("remote", {})["model"] = args.model
    return raw


def _service(args: argparse.Namespace) -> Any:
    from intheflow.ai.service import AIService
    from intheflow.cli import MissingComponent

    svc = AIService(args.workspace.resolve(), _settings(args))
    for p in svc.problems:
        print(f"warning: settings: {p}", file=sys.stderr)
    status = svc.wait_ready(600)
    if not status.available:
        svc.close()
        raise MissingComponent("the AI model", status.detail)
    return svc


def run_status(args: argparse.Namespace) -> int:
    svc = _service(args)
    st = svc.status()
    print(f"AI available: {st.detail} (loaded in {st.load_seconds:.2f} s)")
    svc.close()
    return 0


def run_generate(args: argparse.Namespace) -> int:
    from intheflow.ai.generate import generate
    from intheflow.ai.rules_bridge import code_rule_check

    if not args.requirement.strip():
        raise UserError("the requirement is empty")
    if args.rounds < 1:
        raise UserError("--rounds must be at least 1")
    svc = _service(args)
    try:
        report = generate(
            svc.provider,
            args.requirement,
            args.lang,
            args.out.resolve(),
            max_rounds=args.rounds,
            rule_check=code_rule_check(args.workspace.resolve()),
            semgrep_config=args.semgrep_config,
            on_log=print,
            deadline_s=svc.settings.request_deadline_s,
        )
    finally:
        svc.close()
    if report.missing_tool:
        from intheflow.cli import MissingComponent

        raise MissingComponent(report.missing_tool, f"install it to build {args.lang} code")
    if report.accepted:
        n = len(report.rounds)
        print(f"accepted after {n} round(s): {args.out} (log: generation-log.jsonl)")
        return 0
    print(f"not accepted after {len(report.rounds)} round(s); last errors:\n{report.last_errors}")
    return 1


def run_index(args: argparse.Namespace) -> int:
    from intheflow.ai.rag import RagIndex
    from intheflow.ai.settings import parse_settings

    settings, _ = parse_settings(_settings(args))
    root = args.workspace.resolve()
    rag = RagIndex(root, settings.rag_location(root))
    stats = rag.refresh()
    print(f"RAG index at {settings.rag_location(root)}: {rag.count()} chunks; {stats}")
    rag.close()
    return 0


def run_ask(args: argparse.Namespace) -> int:
    from intheflow.ai.chat import ChatRequest, answer
    from intheflow.ai.provider import CancelToken
    from intheflow.ai.rag import RagIndex

    svc = _service(args)
    root = args.workspace.resolve()
    rag = RagIndex(root, svc.settings.rag_location(root))
    rag.refresh()
    svc.attach_rag(rag)
    text, language = "", ""
    if args.file is not None:
        try:
            text = args.file.read_text()
        except OSError as exc:
            raise UserError(f"cannot read: {exc.strerror}", str(args.file)) from exc
        from intheflow.core.documents import language_of

        language = language_of(args.file)
    req = ChatRequest(args.question, path=str(args.file or ""), text=text, language=language)
    result = answer(svc, req, CancelToken(), lambda p: print(p, end="", flush=True))
    print()
    rag.close()
    svc.close()
    return 0 if result.finish in ("stop", "length") else 1


def run_complete(args: argparse.Namespace) -> int:
    from intheflow.ai.inline import InlineRequest
    from intheflow.ai.provider import CancelToken
    from intheflow.core.documents import language_of

    path_s, _, rest = args.location.rpartition(":")
    path_s, _, line_s = path_s.rpartition(":")
    if not path_s or not line_s.isdigit() or not rest.isdigit():
        raise UserError("expected FILE:LINE:COL (1-based)", args.location)
    path = Path(path_s)
    try:
        text = path.read_text()
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror}", path_s) from exc
    svc = _service(args)
    req = InlineRequest(str(path), language_of(path), text, int(line_s) - 1, int(rest) - 1)
    result = svc.engine.suggest(req, CancelToken())
    svc.close()
    print(result.text if result.text else f"(no suggestion: {result.dropped or result.finish})")
    return 0
