"""Service-level facts for rollout decisions: success rate and error budget from Prometheus.

The SLO comes from the catalog annotation `intheflow.dev/slo-availability` (default 0.999). The
error budget remaining is 1 - (error ratio over the window) / (1 - SLO): 1 is untouched, 0 is
spent, negative is overspent.
"""

from __future__ import annotations

from typing import Any

from intheflow.observe.prometheus import PrometheusClient

DEFAULT_SLO = 0.999


def error_ratio_query(service: str, window: str) -> str:
    # `or vector(0)`: a service without any 5xx series has an error ratio of 0, not "no data".
    return (
        f'(sum(rate(http_requests_total{{service="{service}",code=~"5.."}}[{window}])) '
        f"or vector(0)) / "
        f'sum(rate(http_requests_total{{service="{service}"}}[{window}]))'
    )


def service_metrics(
    prom: PrometheusClient,
    service: str,
    *,
    slo: float = DEFAULT_SLO,
    window: str = "30d",
    at: float | None = None,
) -> dict[str, Any]:
    long_ratio = prom.scalar(error_ratio_query(service, window), at)
    short_ratio = prom.scalar(error_ratio_query(service, "5m"), at)
    metrics: dict[str, Any] = {"service": service, "slo": slo, "window": window}
    if long_ratio is not None:
        metrics["error_ratio"] = round(long_ratio, 6)
        metrics["error_budget_remaining"] = round(1 - long_ratio / (1 - slo), 4)
    if short_ratio is not None:
        metrics["success_rate_5m"] = round(1 - short_ratio, 6)
    return metrics
