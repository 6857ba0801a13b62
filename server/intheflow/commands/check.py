"""`intheflow check PATH`: the server's analysis, headless, for CI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from intheflow.analysis import AnalysisContext, analyze_tree
from intheflow.core.diagnostics import Severity
from intheflow.core.errors import UserError
from intheflow.report.render import RENDERERS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="run every check over a file or folder (text, JSON or SARIF)",
        description="Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 bad input.",
    )
    p.add_argument("path", type=Path, nargs="?", default=Path("."))
    p.add_argument("--format", choices=sorted(RENDERERS), default="text")
    p.add_argument("--fail-on", choices=["error", "warning", "info", "never"], default="error")
    p.add_argument("--output", "-o", type=Path, help="write the report here instead of stdout")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.path
    if not root.exists():
        raise UserError("no such file or directory", path=str(root))
    base = root if root.is_dir() else root.parent
    diags = analyze_tree(root, AnalysisContext(root=base))
    report = RENDERERS[args.format](diags, base)
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    if args.fail_on == "never":
        return 0
    threshold = Severity.parse(args.fail_on)
    return 1 if any(d.severity <= threshold for d in diags) else 0
