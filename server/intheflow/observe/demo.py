"""Demo section: triage of a firing alert on the example payments service.

With SIGNOZ_URL set the logs and traces come from that SigNoz; otherwise from the local SigNoz
stand-in (observe/standin.py, requests validated against SigNoz's documented v5 shape) seeded with
a gateway timeout, and the heading says so. The knowledge graph is the example workspace's.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

from intheflow.gitops.policy import load_policy
from intheflow.observe.alerts import parse_alert
from intheflow.observe.signoz import SigNozClient
from intheflow.observe.standin import SigNozStandIn
from intheflow.observe.triage import CodeMap, triage

ORDER = 85

_TRACEBACK = (
    "payment failed\nTraceback (most recent call last):\n"
    '  File "/app/payments_api/service.py", line 55, in create_payment\n'
    '  File "/app/payments_api/gateway.py", line 34, in charge\n'
    "TimeoutError: card gateway did not answer within 5 s\n"
)


def section(ctx: Any) -> None:
    now = datetime.now(UTC)
    alert = {
        "alerts": [
            {
                "status": "firing",
                "labels": {
                    "alertname": "HighErrorRate",
                    "service": "payments-api",
                    "severity": "page",
                },
                "annotations": {"summary": "5xx above 2% for 5 minutes"},
                "startsAt": now.isoformat(),
            }
        ]
    }
    alerts, _ = parse_alert(alert)
    url = os.environ.get("SIGNOZ_URL")
    standin = None
    if url:
        ctx.heading(f"Observability: triage of HighErrorRate with SigNoz at {url}")
        signoz = SigNozClient(url, os.environ.get("SIGNOZ_API_KEY", ""))
    else:
        ctx.heading("Observability: triage of HighErrorRate (STAND-IN SigNoz, no SIGNOZ_URL set)")
        standin = SigNozStandIn(api_key="demo")
        standin.start()
        ms = int(now.timestamp() * 1000)
        for i in range(4):
            standin.add_log(ms - 60_000 + i * 1000, "payments-api", "ERROR", _TRACEBACK)
        standin.add_span(ms - 50_000, "payments-api", "POST /payments", 5120, "7f3ab2", "Error")
        signoz = SigNozClient(standin.url, "demo")
    try:
        report = triage(
            alerts[0],
            code=CodeMap.for_workspace(ctx.workspace),
            policy=load_policy(),
            signoz=signoz,
            now=now,
        )
    finally:
        if standin is not None:
            standin.stop()
    ctx.line(f"  owner: {report.owner}   summary ({report.summary_by}): {report.summary}")
    ctx.table(
        ["rank", "probable cause", "where", "owner", "evidence"],
        [
            (
                c.rank,
                c.title,
                f"{c.file}:{c.line}" if c.file else "-",
                c.owner or "-",
                "; ".join(e.text for e in c.evidence)[:70],
            )
            for c in report.causes
        ],
    )
    for note in report.notes:
        ctx.line(f"  note: {note}")
    if standin is not None and standin.violations:
        raise AssertionError(f"requests off the SigNoz shape: {standin.violations}")
