"""`intheflow demo` section: business rules decided by the compiled engine, rule tests, and the
validate-before-charge code rule catching the known bug in the example workspace, with its fix."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

ORDER = 45


def section(ctx: Any) -> None:
    from intheflow_rules import engine_info, load_file

    from intheflow.analysis import AnalysisContext
    from intheflow.coderules.analyzers import CodeRuleAnalyzer
    from intheflow.coderules.testcases import run_test_files
    from intheflow.core.documents import Document

    ws: Path = ctx.workspace
    rules_dir = ws / "rules"
    ctx.heading("Rules: business decisions and code rules")
    ctx.line(engine_info().describe())

    risk = load_file(rules_dir / "payment-risk.rules.json")
    cases = [
        {"amount": 40, "currency": "EUR", "country": "FR", "customer": {"ageDays": 900}},
        {"amount": 2500, "currency": "EUR", "country": "FR", "customer": {"ageDays": 2}},
        {"amount": 900, "currency": "JPY", "country": "JP", "customer": {"ageDays": 400}},
        {"amount": 10, "currency": "EUR", "country": "IR", "customer": {"ageDays": 400}},
    ]
    ctx.line("payment-risk.rules.json (ruleset, hit policy first, by priority):")
    ctx.table(
        ["amount", "currency", "country", "decision"],
        [(c["amount"], c["currency"], c["country"], json.dumps(risk.evaluate(c))) for c in cases],
    )

    pricing = load_file(rules_dir / "decisions" / "pricing.json")
    sample = {"customer": {"tier": "gold"}, "cart": {"total": 250, "items": 5}}
    n = 0
    started = time.perf_counter()
    while time.perf_counter() - started < 0.3:
        pricing.evaluate(sample)
        n += 1
    rate = n / (time.perf_counter() - started)
    ctx.line(
        f"pricing.json (JDM) on {json.dumps(sample)} -> {json.dumps(pricing.evaluate(sample))}"
    )
    ctx.line(f"  {rate:,.0f} decisions/s on one core")

    refunds = load_file(rules_dir / "refund-approval.dmn")
    ctx.line(
        "refund-approval.dmn (DMN 1.3, Camunda) on 20 days, changed-mind -> "
        + json.dumps(refunds.evaluate({"daysSincePurchase": 20, "reason": "changed-mind"}))
    )

    report = run_test_files(rules_dir)
    ctx.line(f"rule tests: {report.passed} passed, {report.failed} failed ({report.files} files)")
    if report.failed:
        raise RuntimeError("rule tests failed: " + "; ".join(report.lines))

    service = ws / "services" / "payments-api" / "payments_api" / "service.py"
    doc = Document(path=str(service), text=service.read_text(encoding="utf-8"))
    findings = CodeRuleAnalyzer().analyze(doc, AnalysisContext(root=ws))
    ctx.line("code rules on services/payments-api/payments_api/service.py:")
    for d in findings:
        rel = service.relative_to(ws)
        ctx.line(
            f"  {rel}:{d.range.start.line + 1}:{d.range.start.character + 1}: "
            f"{d.severity.label} [{d.code}] {d.message}"
        )
        for fix in d.fixes:
            ctx.line(f"    quick-fix: {fix.title}")
    if not any(d.code == "validate-before-charge" for d in findings):
        raise RuntimeError("validate-before-charge did not flag PaymentService.retry_declined")
