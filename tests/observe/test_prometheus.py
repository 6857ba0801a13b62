"""Our metrics exporter scraped by a real Prometheus, queried with the client that Rollouts
analysis and triage use; and a rollout aborted by the error-budget rule from real PromQL."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from intheflow.cli import main
from intheflow.gitops.catalog import Service
from intheflow.gitops.rollouts import generate_rollout
from intheflow.gitops.slo import service_metrics
from intheflow.gitops.standin import KubernetesStandIn, ScriptedChatServer
from intheflow.observe import metrics
from intheflow.observe.prometheus import PrometheusClient, PromQLError
from prometheus_client import CollectorRegistry, Counter, start_http_server

from .conftest import RealPrometheus


@dataclass
class Scraped:
    prom: RealPrometheus
    client: PrometheusClient
    requests: Counter


@pytest.fixture(scope="module")
def scraped(prometheus_factory: Callable[[list[str]], RealPrometheus]) -> Iterator[Scraped]:
    ours = metrics.start_exporter("127.0.0.1", 0)
    # A service's own HTTP metrics, as the Rollouts analysis and the SLO queries expect them.
    registry = CollectorRegistry()
    requests = Counter("http_requests", "HTTP requests", ["service", "code"], registry=registry)
    # Series exist (at 0) before the first scrape: rate() ignores a series' first sample.
    requests.labels("ledger", "200").inc(0)
    requests.labels("ledger", "500").inc(0)
    requests.labels("notifications", "200").inc(0)
    service_server, _ = start_http_server(0, addr="127.0.0.1", registry=registry)
    targets = [f"127.0.0.1:{ours}", f"127.0.0.1:{service_server.server_port}"]
    metrics.observe_lsp_request("test/observe", 0.012)
    metrics.observe_lsp_request("test/observe", 0.3)
    metrics.observe_ai_request("observe-test", "chat", 1.5)
    metrics.count_rule_evaluation("observe-test", "forbid")
    metrics.count_cache("observe-test", hit=True)
    prom = prometheus_factory(targets)
    client = PrometheusClient(prom.url)
    up = 'sum(up{job="intheflow"})'
    prom.wait_for(lambda: client.scalar(up) == 2.0)
    # Traffic after the first scrape, so rate() sees an increase.
    requests.labels("ledger", "200").inc(980)
    requests.labels("ledger", "500").inc(20)
    requests.labels("notifications", "200").inc(1000)
    yield Scraped(prom, client, requests)
    service_server.shutdown()


def test_instant_and_range_queries_over_our_metrics(scraped: Scraped) -> None:
    client = scraped.client
    count = 'intheflow_lsp_request_duration_seconds_count{method="test/observe"}'
    scraped.prom.wait_for(lambda: client.scalar(count) == 2.0)
    samples = client.query('intheflow_rule_evaluations_total{ruleset="observe-test"}')
    assert [(s.labels["outcome"], s.value) for s in samples] == [("forbid", 1.0)]
    assert client.scalar('intheflow_cache_requests_total{cache="observe-test",result="hit"}') == 1.0
    assert (
        client.scalar('intheflow_ai_request_duration_seconds_sum{provider="observe-test"}') == 1.5
    )
    slow = client.scalar(
        'intheflow_lsp_request_duration_seconds_bucket{method="test/observe",le="0.25"}'
    )
    assert slow == 1.0  # one of the two requests took longer than 250 ms
    time.sleep(2.2)  # at least two more scrapes for the range query
    now = time.time()
    series = client.query_range(count, now - 30, now, 1)
    assert len(series) == 1 and len(series[0].points) >= 2
    assert all(v == 2.0 for _, v in series[0].points)
    with pytest.raises(PromQLError, match="parse error"):
        client.query("sum(rate(")


def test_error_budget_from_prometheus(scraped: Scraped) -> None:
    def has_rate() -> bool:
        return service_metrics(scraped.client, "ledger").get("error_ratio", 0) > 0

    scraped.prom.wait_for(has_rate)
    ledger = service_metrics(scraped.client, "ledger", slo=0.999)
    assert ledger["error_ratio"] == pytest.approx(0.02, abs=1e-6)
    assert ledger["error_budget_remaining"] < 0  # 2% errors against a 0.1% budget
    healthy = service_metrics(scraped.client, "notifications", slo=0.999)
    assert healthy["error_ratio"] == 0 and healthy["error_budget_remaining"] == 1


def test_rollout_analyze_aborts_when_budget_spent_despite_ai(
    scraped: Scraped, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scraped.prom.wait_for(
        lambda: service_metrics(scraped.client, "ledger").get("error_ratio", 0) > 0
    )
    service = Service(
        name="ledger",
        directory=tmp_path,
        relative=".",
        owner="group:core",
        system="",
        lifecycle="production",
        language="go",
        has_cobol=False,
        catalog_file=tmp_path / "catalog-info.yaml",
    )
    rollout, _ = generate_rollout(
        service,
        image="ghcr.io/acme/ledger:1.4.2",
        prometheus=scraped.prom.url,
        namespace="payments",
    )
    kube = KubernetesStandIn()
    kube.start()
    chat = ScriptedChatServer(['{"recommendation": "promote", "reasons": ["canary looks ok"]}'])
    chat.start()
    try:
        kube.add(rollout)
        kube.kubeconfig(tmp_path / "kubeconfig")
        code = main(
            [
                "rollout",
                "analyze",
                "ledger",
                "--kubeconfig",
                str(tmp_path / "kubeconfig"),
                "--namespace",
                "payments",
                "--prometheus",
                scraped.prom.url,
                "--model-url",
                chat.url,
                "--workspace",
                str(tmp_path),
                "--apply",
            ]
        )
        out = capsys.readouterr().out
        assert code == 1, out
        assert out.startswith("abort (decided by rule error-budget-spent)")
        assert "(AI recommended promote; overridden)" in out
        assert [p[2] for p in kube.patches] == [{"status": {"abort": True}}]
        assert kube.violations == []
    finally:
        kube.stop()
        chat.stop()


def test_triage_uses_prometheus_metrics_and_rules(scraped: Scraped) -> None:
    from intheflow.gitops.policy import load_policy
    from intheflow.observe.alerts import parse_alert
    from intheflow.observe.triage import CodeMap, triage

    scraped.prom.wait_for(
        lambda: service_metrics(scraped.client, "ledger").get("error_ratio", 0) > 0
    )
    alerts, _ = parse_alert(
        {
            "alerts": [
                {
                    "labels": {"alertname": "ErrorBudgetBurn", "service": "ledger"},
                    "startsAt": "2026-11-27T11:50:00Z",
                }
            ]
        }
    )
    workspace = Path(__file__).resolve().parents[2] / "examples" / "payments"
    report = triage(
        alerts[0],
        code=CodeMap.for_workspace(workspace),
        policy=load_policy(),
        prometheus=scraped.client,
    )
    titles = [c.title for c in report.causes]
    assert titles == [
        "error budget of ledger overspent (-19.00 remaining)",
        "error rate of ledger at 2.0%",
    ]
    budget = report.causes[0]
    assert budget.rules == ["error-budget-spent"]
    assert budget.owner == "team-ledger"
    assert "SigNoz not configured: no logs or traces" in report.notes
