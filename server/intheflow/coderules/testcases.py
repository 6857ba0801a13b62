"""Rule test cases kept next to the models (`pricing.test.yaml` beside `pricing.json`):

model: pricing.json            # relative to the test file
cases:
  - name: platinum customer, big cart
    input: {customer: {tier: platinum}, cart: {total: 600}}
    expect: {discount: 0.2, label: "VIP 20%"}
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from intheflow_rules import ModelError, load_file

from intheflow.coderules.files import TEST_SUFFIXES
from intheflow.core.workspace import iter_files


@dataclass
class TestReport:
    files: int = 0
    passed: int = 0
    failed: int = 0
    lines: list[str] = field(default_factory=list)


def same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _load_cases(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    return yaml.safe_load(text)


def run_test_files(root: Path) -> TestReport:
    report = TestReport()
    for path in iter_files(root):
        if not path.name.lower().endswith(TEST_SUFFIXES):
            continue
        report.files += 1
        try:
            spec = _load_cases(path)
        except (ValueError, yaml.YAMLError, OSError) as exc:
            report.failed += 1
            report.lines.append(f"FAIL {path}: cannot read test file: {exc}")
            continue
        if not isinstance(spec, dict) or not isinstance(spec.get("cases"), list):
            report.failed += 1
            report.lines.append(f"FAIL {path}: expected `model` and a `cases` list")
            continue
        model_path = path.parent / str(spec.get("model", ""))
        try:
            model = load_file(model_path)
        except ModelError as exc:
            report.failed += 1
            report.lines.append(f"FAIL {path}: model does not load: {exc}")
            continue
        for n, case in enumerate(spec["cases"]):
            name = case.get("name", f"case {n + 1}") if isinstance(case, dict) else f"case {n + 1}"
            if not isinstance(case, dict) or "input" not in case or "expect" not in case:
                report.failed += 1
                report.lines.append(f"FAIL {path} :: {name}: a case needs `input` and `expect`")
                continue
            outcome = model.evaluate_batch([case["input"]])[0]
            got = outcome.result if outcome.ok else {"error": outcome.error}
            if outcome.ok and same(got, case["expect"]):
                report.passed += 1
                report.lines.append(f"ok   {path} :: {name}")
            else:
                report.failed += 1
                report.lines.append(
                    f"FAIL {path} :: {name}: expected {json.dumps(case['expect'])}, "
                    f"got {json.dumps(got)}"
                )
    return report
