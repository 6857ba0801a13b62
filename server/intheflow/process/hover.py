"""Hover on a process element (BPMN or JSON form): what runs there and where its code is.

Plain data in, Markdown out; the LSP adapter (lsp/features/process_hover.py) converts.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import msgspec

from intheflow.process.decisions import WorkspaceDecisions
from intheflow.process.expressions import ExpressionError, parse_duration
from intheflow.process.functions import FunctionSpec, Registry, builtins
from intheflow.process.loader import read_model
from intheflow.process.model import Flow, Node, NodeType, walk_flows, walk_nodes

SNIPPET_LINES = 14


class HoverInfo(msgspec.Struct, frozen=True):
    markdown: str
    line: int  # 0-based; the hover covers this whole line
    element: str


def _repo_relative(path: str) -> str:
    here = Path(__file__).resolve().parents[3]
    try:
        return Path(path).resolve().relative_to(here).as_posix()
    except ValueError:
        return path


def _function_md(spec: FunctionSpec) -> list[str]:
    out = [f"Function `{spec.signature()}`"]
    if spec.doc:
        out.append(spec.doc)
    out.append(f"Implemented in `{_repo_relative(spec.file)}:{spec.line}` (`{spec.qualname}`)")
    try:
        lines, _ = inspect.getsourcelines(spec.fn)
        body = "".join(lines[:SNIPPET_LINES]).rstrip()
        if len(lines) > SNIPPET_LINES:
            body += "\n    ..."
        out.append(f"```python\n{body}\n```")
    except (OSError, TypeError):
        pass
    return out


def _timer_md(node: Node) -> str:
    if node.timer is None:
        return "timer without a time"
    value = node.timer.value
    if node.timer.kind.value == "timeDuration":
        try:
            hours = parse_duration(value) / 3600
            return f"timer `{value}` ({hours:g} h)"
        except ExpressionError as exc:
            return f"timer `{value}`: {exc}"
    return f"timer {node.timer.kind.value} `{value}`"


def describe(
    node: Node,
    flows: list[Flow],
    registry: Registry,
    decisions: WorkspaceDecisions,
    boundaries: list[Node],
) -> str:
    title = f"**{node.type.value}** `{node.id}`" + (f" — {node.name}" if node.name else "")
    parts = [title]
    if node.function:
        spec = registry.get(node.function)
        if spec is None:
            parts.append(f"Function `{node.function}` is **not registered**.")
        else:
            parts.extend(_function_md(spec))
        if node.compensation:
            parts.append(f"Compensated by `{node.compensation}` when a later step fails.")
        if node.retries is not None:
            parts.append(f"Retries: {node.retries} (exponential backoff).")
    if node.type == NodeType.BUSINESS_RULE_TASK and node.decision:
        table = decisions.tables.get(node.decision)
        if table is None:
            parts.append(f"Decision `{node.decision}` is **not found** beside the model.")
        else:
            rows = [
                f"| {r.id} | {' | '.join(r.tests)} | {' | '.join(r.outputs)} |"
                for r in table.rules[:8]
            ]
            parts.append(
                f"Decision `{table.decision}` ({table.hit_policy}) in "
                f"`{Path(table.source).name}` → `{node.result_variable or 'outputs'}`\n\n"
                f"| rule | {' | '.join(table.inputs)} | {' | '.join(table.output_names)} |\n"
                f"|---|{'---|' * (len(table.inputs) + len(table.output_names))}\n" + "\n".join(rows)
            )
    if node.type == NodeType.USER_TASK:
        who = node.assignee or "anyone"
        groups = f", groups {node.candidate_groups}" if node.candidate_groups else ""
        parts.append(
            f"Waits for a person: assignee {who}{groups}. Complete with "
            f"`intheflow process complete-task <instance> {node.id} --var approved=true`."
        )
    if node.timer is not None:
        parts.append(_timer_md(node))
    for b in boundaries:
        what = (
            _timer_md(b) if b.timer else f"{b.event.value if b.event else ''} {b.error_ref or ''}"
        )
        parts.append(f"Boundary `{b.id}`: {what.strip()}")
    outs = [f for f in flows if f.source == node.id]
    if node.type in (NodeType.EXCLUSIVE_GATEWAY, NodeType.INCLUSIVE_GATEWAY) and outs:
        lines = []
        for f in outs:
            cond = (
                "default"
                if f.id == node.default
                else (f"`{f.condition}`" if f.condition else "always")
            )
            lines.append(f"- `{f.id}` → `{f.target}` when {cond}")
        parts.append("Decision point (the AI may propose, the rules decide):\n" + "\n".join(lines))
    return "\n\n".join(parts)


def hover(path: str, text: str, line: int, registry: Registry = builtins) -> HoverInfo | None:
    """The hover for the element whose start tag (BPMN) or `"id"` (JSON) is on `line`."""
    p = Path(path)
    parsed = read_model(p, text)
    if parsed.definitions is None:
        return None
    ids = [eid for eid, ln in parsed.lines.items() if ln == line]
    if not ids:
        return None
    nodes = {n.id: n for proc in parsed.definitions.processes for n in walk_nodes(proc)}
    flows = [f for proc in parsed.definitions.processes for f in walk_flows(proc)]
    decisions = WorkspaceDecisions.load(p.parent) if p.parent.is_dir() else WorkspaceDecisions()
    for eid in ids:
        node = nodes.get(eid)
        if node is not None:
            boundaries = [b for b in nodes.values() if b.attached_to == node.id]
            return HoverInfo(describe(node, flows, registry, decisions, boundaries), line, eid)
        flow = next((f for f in flows if f.id == eid), None)
        if flow is not None:
            cond = f"when `{flow.condition}`" if flow.condition else "always"
            md = f"**sequenceFlow** `{flow.id}`: `{flow.source}` → `{flow.target}` {cond}"
            return HoverInfo(md, line, eid)
    return None
