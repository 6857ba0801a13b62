"""Triage over the example workspace's knowledge graph with the SigNoz stand-in (validated
against SigNoz's documented v5 request shape) and the scripted model server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from intheflow.cli import main
from intheflow.gitops.advisor import OpenAIChat
from intheflow.gitops.policy import load_policy
from intheflow.gitops.standin import ScriptedChatServer
from intheflow.observe.alerts import parse_alert, parse_alert_text
from intheflow.observe.frames import exception_signature, frames
from intheflow.observe.signoz import SigNozClient
from intheflow.observe.standin import SigNozStandIn
from intheflow.observe.triage import CodeMap, triage

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
TRACEBACK = """payment failed
Traceback (most recent call last):
  File "/app/payments_api/service.py", line 55, in create_payment
    gateway_reference = charge_card(self.gateway, request.card, amount, reference)
  File "/app/payments_api/gateway.py", line 34, in charge
    raise TimeoutError("card gateway did not answer within 5 s")
TimeoutError: card gateway did not answer within 5 s
"""


def alertmanager(service: str = "payments-api") -> dict[str, object]:
    return {
        "version": "4",
        "status": "firing",
        "receiver": "oncall",
        "groupKey": '{}:{alertname="HighErrorRate"}',
        "groupLabels": {"alertname": "HighErrorRate"},
        "commonLabels": {"alertname": "HighErrorRate", "severity": "page"},
        "commonAnnotations": {},
        "externalURL": "http://alertmanager:9093",
        "alerts": [
            {
                "status": "firing",
                "labels": {"service": service},
                "annotations": {"summary": "5xx above 2% for 5 minutes"},
                "startsAt": (NOW - timedelta(minutes=10)).isoformat().replace("+00:00", "Z"),
                "endsAt": "0001-01-01T00:00:00Z",
                "generatorURL": "http://prometheus:9090/graph",
                "fingerprint": "4f2c",
            }
        ],
    }


@pytest.fixture
def signoz() -> Iterator[SigNozStandIn]:
    server = SigNozStandIn(api_key="k-123")
    server.start()
    t0 = int((NOW - timedelta(minutes=8)).timestamp() * 1000)
    for i in range(6):
        server.add_log(t0 + i * 1000, "payments-api", "ERROR", TRACEBACK, trace_id=f"t{i}")
    server.add_log(t0, "payments-api", "ERROR", "KeyError: 'currency' while reading the request")
    server.add_log(t0, "ledger", "ERROR", "panic: ledger is elsewhere")  # other service
    server.add_log(t0, "payments-api", "INFO", "payment accepted")  # not an error
    server.add_span(t0, "payments-api", "POST /payments", 5200, "abc123", "Error")
    server.add_span(t0, "payments-api", "POST /payments", 4100, "abc124", "Error")
    server.add_span(t0, "payments-api", "GET /health", 2, "abc125")  # fast: filtered out
    yield server
    server.stop()
    assert server.violations == []


@pytest.fixture(scope="module")
def code() -> CodeMap:
    return CodeMap.for_workspace(Path(__file__).resolve().parents[2] / "examples" / "payments")


def test_ranked_causes_with_code_location_owner_and_evidence(
    signoz: SigNozStandIn, code: CodeMap
) -> None:
    alerts, problems = parse_alert(alertmanager())
    assert problems == []
    report = triage(
        alerts[0],
        code=code,
        policy=load_policy(),
        signoz=SigNozClient(signoz.url, "k-123"),
        now=NOW,
    )
    assert report.service == "payments-api" and report.owner == "team-payments"
    titles = [c.title for c in report.causes]
    top = report.causes[0]
    assert top.title.startswith("TimeoutError in ") and top.rank == 1
    assert top.file == "services/payments-api/payments_api/gateway.py" and top.line == 34
    assert top.component.startswith("component:services/payments-api/payments_api/gateway.py#")
    assert top.owner == "team-payments"
    assert [e.kind for e in top.evidence] == ["log", "frame", "frame"]
    assert top.evidence[2].ref.endswith("service.py#PaymentService.create_payment")
    # The caller's code rule (from the rule engine's graph facts) is involved.
    assert top.rules == ["validate-before-charge"]
    assert top.evidence[0].text.startswith("6 error log(s) with TimeoutError")
    assert any(t.startswith("slow operation POST /payments") for t in titles)
    assert any(t.startswith("KeyError in payments-api") for t in titles)
    assert not any("panic" in t for t in titles)  # the ledger's log is not this service's
    assert report.summary_by == "template" and "TimeoutError" in report.summary
    assert "Prometheus not configured: no metrics" in report.notes
    # Deterministic: the same inputs give the same ranking.
    again = triage(
        alerts[0],
        code=code,
        policy=load_policy(),
        signoz=SigNozClient(signoz.url, "k-123"),
        now=NOW,
    )
    assert [c.title for c in again.causes] == titles
    # The requests carried builder queries for logs and traces.
    signals = [r["compositeQuery"]["queries"][0]["spec"]["signal"] for r in signoz.requests]
    assert signals == ["logs", "traces", "logs", "traces"]


def test_ai_summarises_but_evidence_is_unchanged(signoz: SigNozStandIn, code: CodeMap) -> None:
    chat = ScriptedChatServer([json.dumps({"summary": "Card gateway timeouts in charge()."})])
    chat.start()
    try:
        alerts, _ = parse_alert(alertmanager())
        client = SigNozClient(signoz.url, "k-123")
        with_ai = triage(
            alerts[0],
            code=code,
            policy=load_policy(),
            signoz=client,
            model=OpenAIChat(chat.url),
            now=NOW,
        )
        without = triage(alerts[0], code=code, policy=load_policy(), signoz=client, now=NOW)
    finally:
        chat.stop()
    assert (with_ai.summary, with_ai.summary_by) == ("Card gateway timeouts in charge().", "ai")
    assert with_ai.causes == without.causes


def test_signoz_client_shapes_and_errors(signoz: SigNozStandIn) -> None:
    client = SigNozClient(signoz.url, "k-123")
    start, end = int((NOW - timedelta(hours=1)).timestamp() * 1000), int(NOW.timestamp() * 1000)
    assert client.promql('sum(rate(http_requests_total{service="x"}[5m]))', start, end) == [
        {"queryName": "A", "aggregations": []}
    ]
    assert (
        client.clickhouse("SELECT count() FROM signoz_logs.logs_v2", start, end)[0]["queryName"]
        == "A"
    )
    spans = client.slow_traces("payments-api", start, end, min_duration_ms=1000)
    assert [(s.trace_id, s.duration_ms) for s in spans] == [("abc123", 5200), ("abc124", 4100)]
    from intheflow.gitops.rest import RemoteError

    with pytest.raises(RemoteError, match=r"SigNoz: POST .*/api/v5/query_range returned HTTP 401"):
        SigNozClient(signoz.url, "wrong").error_logs("payments-api", start, end)
    # The stand-in refuses a body SigNoz would refuse (the contract check itself).
    with pytest.raises(RemoteError, match="HTTP 400"):
        client.query_range(start, end, "logs", [{"type": "builder_query", "spec": {}}])
    assert signoz.violations
    signoz.violations.clear()


def test_alert_parsing_and_frames() -> None:
    alerts, problems = parse_alert_text(json.dumps(alertmanager()))
    assert problems == [] and alerts[0].name == "HighErrorRate" and alerts[0].severity == "page"
    assert alerts[0].source == "alertmanager"
    signoz_alert = alertmanager("ledger")
    signoz_alert["alerts"][0]["labels"] = {"service_name": "ledger", "ruleId": "17"}  # type: ignore[index]
    alerts, _ = parse_alert(signoz_alert)
    assert (alerts[0].service, alerts[0].source) == ("ledger", "signoz")
    _, problems = parse_alert_text('{"alerts": [\n  {"labels": {}}\n')
    assert problems[0].line == 3 and "invalid JSON" in problems[0].message
    _, problems = parse_alert({"alerts": [{"labels": {"alertname": "x"}, "startsAt": "now"}]})
    assert "no service label" in problems[0].message
    found = frames(TRACEBACK + "\n\tat com.acme.notifications.Sender.send(Sender.java:42)\n")
    assert [(f.file.rsplit("/", 1)[-1], f.line, f.function) for f in found] == [
        ("service.py", 55, "create_payment"),
        ("gateway.py", 34, "charge"),
        ("Sender.java", 42, "com.acme.notifications.Sender.send"),
    ]
    assert exception_signature(TRACEBACK) == "TimeoutError"


def test_triage_cli(
    signoz: SigNozStandIn,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    example_workspace: Path,
) -> None:
    # The alert is "now", so the seeded records must be recent too.
    now_ms = int(datetime.now(UTC).timestamp() * 1000)
    signoz.add_log(now_ms - 60_000, "payments-api", "ERROR", TRACEBACK)
    alert = alertmanager()
    alert["alerts"][0]["startsAt"] = datetime.now(UTC).isoformat()  # type: ignore[index]
    path = tmp_path / "alert.json"
    path.write_text(json.dumps(alert))
    monkeypatch.setenv("SIGNOZ_API_KEY", "k-123")
    monkeypatch.delenv("PROMETHEUS_URL", raising=False)
    monkeypatch.delenv("INTHEFLOW_AI_BASE_URL", raising=False)
    code = main(
        ["triage", str(path), "--workspace", str(example_workspace), "--signoz", signoz.url]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.splitlines()[0].startswith("HighErrorRate on payments-api (page)")
    assert "1. [" in out and "TimeoutError" in out and "gateway.py:34" in out
    assert (
        main(
            [
                "triage",
                str(path),
                "--workspace",
                str(example_workspace),
                "--signoz",
                signoz.url,
                "--format",
                "json",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)[0]["causes"][0]["line"] == 34
    path.write_text('{"alerts": [')
    assert main(["triage", str(path)]) == 2
    assert f"{path}:1:13: invalid JSON" in capsys.readouterr().err
