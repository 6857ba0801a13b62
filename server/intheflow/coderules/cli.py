"""`intheflow rules …`: evaluate, test, benchmark and lint rule models; say which engine build runs.

intheflow rules eval MODEL --input '{"amount": 120}'   (or --input @case.json, @batch.jsonl, -)
intheflow rules test [PATH]     run the *.test.json / *.test.yaml cases next to the models
intheflow rules bench MODEL [--input …] [-n N]
intheflow rules lint [PATH]     load every rule file: errors and warnings with file:line:col
intheflow rules info            mypyc-compiled or pure Python, and where from
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from pathlib import Path
from typing import Any

from intheflow.core.errors import UserError


def register(sub: Any) -> None:
    p = sub.add_parser("rules", help="business rules: evaluate, test, benchmark, lint")
    rsub = p.add_subparsers(dest="rules_command", metavar="SUBCOMMAND")
    p.set_defaults(func=lambda a: _usage(p))

    ev = rsub.add_parser("eval", help="evaluate a model (JDM, ruleset or DMN) on input(s)")
    ev.add_argument("model", type=Path)
    ev.add_argument(
        "--input",
        required=True,
        help="JSON object, @file.json, @file.jsonl (one input per line: a batch) or - (stdin)",
    )
    ev.set_defaults(func=run_eval)

    te = rsub.add_parser("test", help="run rule test cases (*.test.json / *.test.yaml)")
    te.add_argument("path", type=Path, nargs="?", default=Path("."))
    te.set_defaults(func=run_test)

    be = rsub.add_parser("bench", help="decisions per second and latency of one model")
    be.add_argument("model", type=Path)
    be.add_argument("--input", help="as for eval (default: the model's test cases, or {})")
    be.add_argument("-n", type=int, default=20_000, help="evaluations (default 20000)")
    be.set_defaults(func=run_bench)

    li = rsub.add_parser("lint", help="load every rule file and report problems")
    li.add_argument("path", type=Path, nargs="?", default=Path("."))
    li.add_argument("--format", choices=["text", "json"], default="text")
    li.set_defaults(func=run_lint)

    inf = rsub.add_parser("info", help="which build of the rule engine runs")
    inf.set_defaults(func=run_info)


def _usage(p: argparse.ArgumentParser) -> int:
    p.print_help(sys.stderr)
    return 2


def load_model(path: Path) -> Any:
    from intheflow_rules import ModelError, load_file

    if not path.is_file():
        raise UserError("no such rule model file", str(path))
    try:
        model = load_file(path)
    except ModelError as exc:
        for p in exc.problems[1:]:
            print(f"error: {p}", file=sys.stderr)
        first = exc.problems[0]
        loc = first.location
        msg = f"{first.message}" + (f" (at {loc.json_path})" if loc.json_path else "")
        raise UserError(msg, str(path), loc.line or None, loc.column or None) from None
    for p in model.problems:
        print(f"warning: {p}", file=sys.stderr)
    return model


def read_inputs(spec: str) -> tuple[list[Any], bool]:
    """The inputs named by --input, and whether they form a batch (JSONL)."""
    source = "<--input>"
    if spec == "-":
        text = sys.stdin.read()
        source = "<stdin>"
    elif spec.startswith("@"):
        path = Path(spec[1:])
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise UserError(f"cannot read input: {exc.strerror}", str(path)) from None
        source = str(path)
        if path.suffix == ".jsonl":
            return [_parse_json(line, source, n + 1) for n, line in _lines(text)], True
    else:
        text = spec
    return [_parse_json(text, source, 1)], False


def _lines(text: str) -> list[tuple[int, str]]:
    return [(n, line) for n, line in enumerate(text.splitlines()) if line.strip()]


def _parse_json(text: str, source: str, line: int) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = (source, line + exc.lineno - 1, exc.colno)
        raise UserError(f"invalid JSON input: {exc.msg}", *where) from None


def run_eval(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    inputs, batch = read_inputs(args.input)
    failed = 0
    for outcome in model.evaluate_batch(inputs):
        if not outcome.ok:
            failed += 1
        if batch:
            print(json.dumps(outcome.to_dict(), ensure_ascii=False))
        else:
            for problem in outcome.rule_errors:
                print(f"warning: {problem}", file=sys.stderr)
            if outcome.ok:
                print(json.dumps(outcome.result, indent=2, ensure_ascii=False))
            else:
                print(f"error: evaluation failed: {outcome.error}", file=sys.stderr)
    return 1 if failed else 0


def run_info(args: argparse.Namespace) -> int:
    from intheflow_rules import engine_info

    print(engine_info().describe())
    return 0


def run_lint(args: argparse.Namespace) -> int:
    from intheflow.coderules.files import load_rule_file, rule_kind
    from intheflow.coderules.spec import load_code_rules
    from intheflow.core.workspace import iter_files, read_text

    root: Path = args.path
    if not root.exists():
        raise UserError("no such file or folder", str(root))
    found: list[dict[str, Any]] = []
    files = 0
    for path in iter_files(root, frozenset({".json", ".dmn"})):
        read = read_text(path)
        if read.text is None:
            continue
        kind = rule_kind(path, read.text)
        if kind is None:
            continue
        files += 1
        if kind == "code-rules":
            problems = load_code_rules(path, read.text).problems
        else:
            problems = load_rule_file(path, read.text).problems
        for p in problems:
            loc = p.location
            found.append(
                {
                    "path": str(path),
                    "line": loc.line,
                    "column": loc.column,
                    "jsonPath": loc.json_path,
                    "severity": p.severity,
                    "code": p.code,
                    "message": p.message,
                }
            )
    if args.format == "json":
        print(json.dumps({"files": files, "problems": found}, indent=2))
    else:
        for f in found:
            where = f"{f['path']}:{f['line']}:{f['column']}"
            print(f"{where}: {f['severity']}: {f['message']} [{f['code']}]")
        errors = sum(1 for f in found if f["severity"] == "error")
        warnings = sum(1 for f in found if f["severity"] == "warning")
        notes = len(found) - errors - warnings
        print(f"{files} rule file(s), {errors} error(s), {warnings} warning(s), {notes} note(s)")
    return 1 if any(f["severity"] == "error" for f in found) else 0


def run_test(args: argparse.Namespace) -> int:
    from intheflow.coderules.testcases import run_test_files

    root: Path = args.path
    if not root.exists():
        raise UserError("no such file or folder", str(root))
    report = run_test_files(root)
    for line in report.lines:
        print(line)
    print(f"{report.passed} passed, {report.failed} failed, in {report.files} test file(s)")
    if report.files == 0:
        print("no test files (*.test.json, *.test.yaml) found", file=sys.stderr)
    return 1 if report.failed else 0


def run_bench(args: argparse.Namespace) -> int:
    from intheflow_rules import engine_info

    model = load_model(args.model)
    inputs: list[Any] = [{}]
    if args.input:
        inputs, _ = read_inputs(args.input)
    n = max(1, args.n)
    lat: list[float] = []
    clock = time.perf_counter
    started = clock()
    for i in range(n):
        t0 = clock()
        with contextlib.suppress(Exception):  # a failing input still counts as a decision
            model.evaluate(inputs[i % len(inputs)])
        lat.append(clock() - t0)
    total = clock() - started
    lat.sort()
    print(f"engine: {engine_info().describe()}")
    print(f"model: {args.model} ({model.kind}), {len(inputs)} distinct input(s), {n} evaluations")
    print(f"decisions/s: {n / total:,.0f}")
    print(
        f"latency p50: {lat[len(lat) // 2] * 1e6:.1f} µs, "
        f"p99: {lat[int(len(lat) * 0.99)] * 1e6:.1f} µs"
    )
    return 0
