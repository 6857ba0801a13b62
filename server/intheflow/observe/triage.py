"""Incident triage: from an alert to a ranked list of probable causes with evidence.

  alert → window [startsAt - lookback, now]
        → metrics (Prometheus: error ratio, p95 latency, request rate; error budget)
        → error logs and slow traces (SigNoz)
        → stack frames in the logs → code components, owners and rules (knowledge graph)
        → causes, ranked by a deterministic score; the AI writes a summary on top.

Invariant: the evidence and the ranking never depend on the model; the model only adds the
`summary` (a template summary is used without one). Sources that are not configured or fail are
listed in `notes`, and triage goes on with what it has.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from intheflow.gitops.advisor import ChatModel, ModelError
from intheflow.gitops.policy import Policy
from intheflow.gitops.rest import RemoteError
from intheflow.gitops.slo import service_metrics
from intheflow.graph.model import Edge, GraphFacts, Node, service_id
from intheflow.observe.alerts import Alert
from intheflow.observe.frames import Frame, exception_signature, frames
from intheflow.observe.prometheus import PrometheusClient, PromQLError
from intheflow.observe.signoz import LogRecord, SigNozClient, SpanRecord

log = logging.getLogger(__name__)

LOOKBACK = timedelta(minutes=30)


@dataclass(frozen=True)
class Evidence:
    kind: str  # metric | log | trace | frame | rule
    text: str
    ref: str = ""  # trace id, log timestamp, PromQL…


@dataclass
class Cause:
    title: str
    score: float
    evidence: list[Evidence] = field(default_factory=list)
    component: str = ""  # knowledge-graph node id
    file: str = ""  # workspace-relative
    line: int = 0  # 1-based, 0 when unknown
    owner: str = ""
    rules: list[str] = field(default_factory=list)
    rank: int = 0


@dataclass
class TriageReport:
    alert: str
    service: str
    severity: str
    started_at: str
    window: tuple[str, str]
    owner: str
    causes: list[Cause]
    metrics: dict[str, Any]
    summary: str
    summary_by: str  # "ai" | "template"
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# --- the code map (knowledge graph) ---------------------------------------------------------------


class CodeMap:
    """Services, owners, code components and rules from the knowledge-graph facts."""

    def __init__(self, facts: GraphFacts) -> None:
        self.nodes: dict[str, Node] = {n.id: n for n in facts.nodes}
        self.out: dict[str, list[Edge]] = defaultdict(list)
        self.into: dict[str, list[Edge]] = defaultdict(list)
        for e in facts.edges:
            self.out[e.src].append(e)
            self.into[e.dst].append(e)
        self.by_file: dict[str, list[Node]] = defaultdict(list)
        for n in facts.nodes:
            if n.label == "CodeComponent" and n.provenance is not None:
                self.by_file[n.provenance.source].append(n)

    @staticmethod
    def for_workspace(root: Path) -> CodeMap:
        """Facts from every capability's facts.py (catalog, taxonomy, code index…)."""
        from intheflow.plugins import discover

        facts = GraphFacts()
        for module in discover("facts"):
            try:
                facts.extend(module.facts(root))
            except Exception:  # one broken contributor must not stop triage
                log.warning("facts of %s left out of triage", module.__name__, exc_info=True)
        return CodeMap(facts)

    def owner_of(self, node_id: str) -> str:
        seen: set[str] = set()
        todo = [node_id]
        while todo:  # the owner of a component is the owner of what it is part of
            current = todo.pop(0)
            if current in seen:
                continue
            seen.add(current)
            for e in self.into.get(current, []):
                if e.type == "OWNS" and e.src in self.nodes:
                    return self.nodes[e.src].name
            todo += [e.dst for e in self.out.get(current, []) if e.type == "PART_OF"]
        return ""

    def locate(self, frame: Frame, service: str) -> Node | None:
        """The most specific component of `service` at the frame's file and line."""
        candidates = _matching_sources(frame.file, service, list(self.by_file))
        best: Node | None = None
        for source in candidates:
            for node in self.by_file[source]:
                prov = node.provenance
                assert prov is not None
                inside = prov.start_line is None or (
                    prov.start_line <= frame.line - 1 <= (prov.end_line or prov.start_line)
                )
                if not inside:
                    continue
                span = (
                    (prov.end_line or 0) - prov.start_line if prov.start_line is not None else 10**9
                )
                if best is None or span < _span(best):
                    best = node
        return best

    def rules_of(self, node_id: str) -> list[str]:
        found = []
        for nid in [node_id, *[e.dst for e in self.out.get(node_id, []) if e.type == "PART_OF"]]:
            for e in self.out.get(nid, []):
                if e.type == "HAS_RULE" and e.dst in self.nodes:
                    found.append(self.nodes[e.dst].name or e.dst)
        return sorted(set(found))


def _matching_sources(printed: str, service: str, sources: list[str]) -> list[str]:
    """Workspace files a printed path can be: the longest common tail of path segments wins
    (containers print /app/pkg/x.py for services/<svc>/pkg/x.py). One segment (the file name)
    is enough only inside the alerting service's folder."""
    parts = [p for p in printed.replace("\\", "/").split("/") if p not in ("", ".")]
    scored: dict[str, int] = {}
    for source in sources:
        tail = 0
        for a, b in zip(reversed(parts), reversed(source.split("/")), strict=False):
            if a != b:
                break
            tail += 1
        if tail >= 2 or (tail == 1 and f"/{service}/" in f"/{source}"):
            scored[source] = tail
    if not scored:
        return []
    best = max(scored.values())
    return [s for s, t in scored.items() if t == best]


def _span(node: Node) -> int:
    prov = node.provenance
    if prov is None or prov.start_line is None:
        return 10**9
    return (prov.end_line or prov.start_line) - prov.start_line


# --- gathering and ranking ------------------------------------------------------------------------


def _ms(value: datetime) -> int:
    return int(value.timestamp() * 1000)


def _log_causes(logs: list[LogRecord], alert: Alert, code: CodeMap) -> list[Cause]:
    groups: dict[str, list[LogRecord]] = defaultdict(list)
    for record in logs:
        groups[exception_signature(record.body)].append(record)
    causes = []
    for signature, records in groups.items():
        cause = Cause(title=f"{signature} in {alert.service}", score=0.0)
        newest = max(records, key=lambda r: r.timestamp)
        cause.evidence.append(
            Evidence(
                "log",
                f"{len(records)} error log(s) with {signature}; latest: "
                f"{newest.body.strip().splitlines()[-1][:200]}",
                newest.timestamp,
            )
        )
        # The innermost frame in our code locates the cause; every frame of ours is evidence,
        # and the rules attached to any of them are involved.
        rules: set[str] = set()
        for frame in reversed(frames(newest.body)):
            node = code.locate(frame, alert.service)
            if node is None:
                continue
            source = node.provenance.source if node.provenance else ""
            if not cause.component:
                cause.component, cause.file, cause.line = node.id, source, frame.line
                cause.owner = code.owner_of(node.id)
                cause.title = f"{signature} in {node.name or node.id}"
            rules.update(code.rules_of(node.id))
            cause.evidence.append(
                Evidence("frame", f"{frame.function} at {source}:{frame.line}", node.id)
            )
        cause.rules = sorted(rules)
        # More occurrences and a code location make a cause more probable.
        cause.score = round(min(len(records), 50) * 2 + (15 if cause.component else 0), 2)
        causes.append(cause)
    return causes


def _trace_causes(spans: list[SpanRecord], alert: Alert) -> list[Cause]:
    by_name: dict[str, list[SpanRecord]] = defaultdict(list)
    for span in spans:
        by_name[span.name].append(span)
    causes = []
    for name, group in by_name.items():
        slowest = max(group, key=lambda s: s.duration_ms)
        errors = sum(1 for s in group if s.status.lower() == "error")
        cause = Cause(
            title=f"slow operation {name} in {alert.service}",
            score=round(
                min(len(group), 20) * 1.5 + min(slowest.duration_ms / 1000, 20) + errors * 2, 2
            ),
        )
        cause.evidence.append(
            Evidence(
                "trace",
                f"{len(group)} slow span(s), slowest {slowest.duration_ms:.0f} ms"
                + (f", {errors} with error status" if errors else ""),
                slowest.trace_id,
            )
        )
        causes.append(cause)
    return causes


def _metric_causes(metrics: dict[str, Any], alert: Alert, policy: Policy) -> list[Cause]:
    causes = []
    verdict = policy.check_rollout(metrics)
    rate = metrics.get("success_rate_5m")
    if rate is not None and rate < 0.99:
        cause = Cause(
            title=f"error rate of {alert.service} at {100 * (1 - rate):.1f}%",
            score=round((1 - rate) * 200, 2),
        )
        cause.evidence.append(
            Evidence("metric", f"success rate over 5m: {rate:.4f}", "success_rate_5m")
        )
        causes.append(cause)
    if "error_budget_remaining" in metrics:
        budget = metrics["error_budget_remaining"]
        cause = Cause(
            title=(
                f"error budget of {alert.service} overspent ({budget:.2f} remaining)"
                if budget < 0
                else f"error budget of {alert.service} at {budget:.2f}"
            ),
            score=round(min(max(0.0, 1 - budget) * 10, 60), 2),
            rules=[r.id for r in verdict.fired],
        )
        cause.evidence.append(
            Evidence(
                "metric",
                f"error budget remaining {budget:.4f} (SLO {metrics.get('slo')})",
                "error_budget_remaining",
            )
        )
        for reason in verdict.reasons:
            cause.evidence.append(Evidence("rule", reason))
        if budget < 1:
            causes.append(cause)
    return causes


def triage(
    alert: Alert,
    *,
    code: CodeMap,
    policy: Policy,
    prometheus: PrometheusClient | None = None,
    signoz: SigNozClient | None = None,
    model: ChatModel | None = None,
    now: datetime | None = None,
) -> TriageReport:
    now = now or datetime.now(UTC)
    start = alert.starts_at - LOOKBACK
    notes: list[str] = []
    metrics: dict[str, Any] = {}
    logs: list[LogRecord] = []
    spans: list[SpanRecord] = []
    if prometheus is None:
        notes.append("Prometheus not configured: no metrics")
    else:
        try:
            metrics = service_metrics(prometheus, alert.service, at=now.timestamp())
        except (RemoteError, PromQLError) as exc:
            notes.append(f"metrics unavailable: {exc}")
    if signoz is None:
        notes.append("SigNoz not configured: no logs or traces")
    else:
        try:
            logs = signoz.error_logs(alert.service, _ms(start), _ms(now))
            spans = signoz.slow_traces(alert.service, _ms(start), _ms(now))
        except RemoteError as exc:
            notes.append(f"logs/traces unavailable: {exc}")
    causes = (
        _log_causes(logs, alert, code)
        + _trace_causes(spans, alert)
        + _metric_causes(metrics, alert, policy)
    )
    service_owner = code.owner_of(service_id(alert.service))
    for cause in causes:
        cause.owner = cause.owner or service_owner
    causes.sort(key=lambda c: (-c.score, c.title))
    for rank, cause in enumerate(causes, 1):
        cause.rank = rank
    report = TriageReport(
        alert=alert.name,
        service=alert.service,
        severity=alert.severity,
        started_at=alert.starts_at.isoformat(),
        window=(start.isoformat(), now.isoformat()),
        owner=service_owner,
        causes=causes,
        metrics=metrics,
        summary="",
        summary_by="template",
        notes=notes,
    )
    report.summary, report.summary_by = _summary(report, model)
    return report


def _template_summary(report: TriageReport) -> str:
    if not report.causes:
        return f"{report.alert} on {report.service}: no evidence found in the window."
    top = report.causes[0]
    where = f" ({top.file}:{top.line})" if top.file else ""
    return (
        f"{report.alert} on {report.service}: most probable cause is {top.title}{where}; "
        f"owner {top.owner or 'unknown'}. {len(report.causes)} candidate cause(s)."
    )


def _summary(report: TriageReport, model: ChatModel | None) -> tuple[str, str]:
    if model is None:
        return _template_summary(report), "template"
    facts = {
        "alert": report.alert,
        "service": report.service,
        "causes": [
            {
                "rank": c.rank,
                "title": c.title,
                "owner": c.owner,
                "file": c.file,
                "evidence": [e.text for e in c.evidence],
            }
            for c in report.causes[:5]
        ],
        "metrics": report.metrics,
    }
    try:
        text = model.complete(
            [
                {
                    "role": "system",
                    "content": "Summarise this incident triage for the on-call "
                    "engineer in at most three sentences. Use only the facts given. Answer as JSON "
                    '{"summary": "..."}.',
                },
                {"role": "user", "content": json.dumps(facts)},
            ],
            max_tokens=200,
        )
        from intheflow.gitops.advisor import parse_json_object

        summary = str(parse_json_object(text).get("summary", "")).strip()
    except ModelError as exc:
        report.notes.append(f"AI summary unavailable: {exc}")
        return _template_summary(report), "template"
    return (summary, "ai") if summary else (_template_summary(report), "template")
