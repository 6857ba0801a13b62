"""BPMN 2.0 XML ↔ the process model, with BPMNDI, as Camunda Modeler and bpmn.io write it.

Reading never raises on bad input: broken XML, unknown elements and bad references become
Problems with the element id and line. Writing produces the layout bpmn.io uses (prefixed
`bpmn:` elements, `camunda:` extension attributes, incoming/outgoing children, BPMNDI last).
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from intheflow.core.diagnostics import Severity
from intheflow.process.model import (
    Bounds,
    Definitions,
    Diagram,
    Edge,
    Error,
    Escalation,
    EventKind,
    Flow,
    Message,
    MultiInstance,
    Node,
    NodeType,
    Point,
    Process,
    ProcessBody,
    Shape,
    Timer,
    TimerKind,
)
from intheflow.process.problems import NOT_EXECUTED, Parsed, Problem

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
CAMUNDA = "http://camunda.org/schema/1.0/bpmn"
ZEEBE = "http://camunda.org/schema/zeebe/1.0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "camunda": CAMUNDA, "xsi": XSI}

_NODE_TYPES = {t.value: t for t in NodeType}
_EVENT_DEFS = {
    "timerEventDefinition": EventKind.TIMER,
    "errorEventDefinition": EventKind.ERROR,
    "messageEventDefinition": EventKind.MESSAGE,
    "signalEventDefinition": EventKind.SIGNAL,
    "escalationEventDefinition": EventKind.ESCALATION,
    "terminateEventDefinition": EventKind.TERMINATE,
    "compensateEventDefinition": EventKind.COMPENSATE,
}
# Elements we read past without modelling them (documented as such; a warning says so).
_IGNORED = frozenset(
    {
        "laneSet",
        "textAnnotation",
        "association",
        "dataObject",
        "dataObjectReference",
        "dataStoreReference",
        "dataInputAssociation",
        "dataOutputAssociation",
        "group",
        "category",
        "property",
        "ioSpecification",
    }
)
# Inside a node: behaviour the engine does not execute. The model cannot hold it, so the reader
# refuses it where it stands (code `bpmn-not-executed`; `process run` will not start the model).
_NOT_EXECUTED = {
    "standardLoopCharacteristics": "a loop activity",
    "conditionalEventDefinition": "a conditional event",
    "linkEventDefinition": "a link event",
}
_EXPR = re.compile(r"^\s*[$#]\{\s*([A-Za-z_][\w.]*)\s*\}\s*$")


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _local(el: Any) -> tuple[str, str]:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def _line(el: Any) -> int:
    return max(0, (el.sourceline or 1) - 1)


def _num(text: str | None) -> float:
    return float(text) if text not in (None, "") else 0.0


def _fmt(v: float) -> str:
    return str(int(v)) if v == int(v) and abs(v) < 1e15 else repr(v)


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.lines: dict[str, int] = {}

    def problem(
        self,
        code: str,
        msg: str,
        el: Any,
        element: str | None = None,
        sev: Severity = Severity.ERROR,
    ) -> None:
        self.problems.append(Problem(code, msg, element, _line(el), 0, sev))

    def read(self, root: Any) -> Definitions | None:
        ns, local = _local(root)
        if ns != BPMN or local != "definitions":
            self.problem(
                "bpmn-not-definitions", f"root element is <{local}>, not bpmn:definitions", root
            )
            return None
        processes: list[Process] = []
        messages: list[Message] = []
        errors: list[Error] = []
        escalations: list[Escalation] = []
        diagrams: list[Diagram] = []
        for child in root:
            cns, cl = _local(child)
            if not cl:
                continue
            if cns == BPMN and cl == "process":
                processes.append(self.process(child))
            elif cns == BPMN and cl == "message":
                messages.append(Message(id=child.get("id", ""), name=child.get("name", "")))
            elif cns == BPMN and cl in ("error", "escalation"):
                ident, name = child.get("id", ""), child.get("name", "")
                if cl == "error":
                    errors.append(Error(ident, name, child.get("errorCode", "")))
                else:
                    escalations.append(Escalation(ident, name, child.get("escalationCode", "")))
            elif cns == BPMNDI and cl == "BPMNDiagram":
                diagrams.append(self.diagram(child))
            elif cns == BPMN and cl in ("collaboration", "signal", "dataStore"):
                self.problem(
                    "bpmn-unsupported",
                    f"<{cl}> is read past: pools and signals are not executed",
                    child,
                    child.get("id"),
                    Severity.INFO,
                )
            else:
                self.problem(
                    "bpmn-unknown-element",
                    f"unknown element <{cl}>",
                    child,
                    child.get("id"),
                    Severity.WARNING,
                )
        return Definitions(
            id=root.get("id", "Definitions_1"),
            processes=processes,
            messages=messages,
            errors=errors,
            escalations=escalations,
            diagrams=diagrams,
            target_namespace=root.get("targetNamespace", "http://bpmn.io/schema/bpmn"),
            exporter=root.get("exporter", ""),
            exporter_version=root.get("exporterVersion", ""),
        )

    def process(self, el: Any) -> Process:
        pid = el.get("id", "")
        self.lines[pid] = _line(el)
        nodes, flows, doc = self.body(el)
        return Process(
            id=pid,
            name=el.get("name", ""),
            executable=el.get("isExecutable", "true") != "false",
            nodes=nodes,
            flows=flows,
            documentation=doc,
        )

    def body(self, el: Any) -> tuple[list[Node], list[Flow], str]:
        nodes: list[Node] = []
        flows: list[Flow] = []
        doc = ""
        for child in el:
            ns, local = _local(child)
            if not local:
                continue  # comments, processing instructions
            eid = child.get("id")
            if ns != BPMN:
                continue
            if local == "documentation":
                doc = child.text or ""
            elif local in ("extensionElements", "incoming", "outgoing"):
                continue
            elif local == "sequenceFlow":
                if eid:
                    self.lines[eid] = _line(child)
                flows.append(self.flow(child))
            elif local in _NODE_TYPES:
                if not eid:
                    self.problem("bpmn-missing-id", f"<{local}> has no id", child)
                    continue
                if eid in self.lines:
                    self.problem("bpmn-duplicate-id", f"id {eid!r} is used twice", child, eid)
                self.lines[eid] = _line(child)
                nodes.append(self.node(child, _NODE_TYPES[local]))
            elif local in _IGNORED:
                continue
            else:
                self.problem(
                    "bpmn-unknown-element",
                    f"unknown or unsupported element <{local}>",
                    child,
                    eid,
                    Severity.ERROR
                    if local.endswith(("Gateway", "Task", "Event"))
                    else Severity.WARNING,
                )
        return nodes, flows, doc

    def flow(self, el: Any) -> Flow:
        cond = el.find(_q(BPMN, "conditionExpression"))
        text = None
        lang = None
        if cond is not None:
            text = (cond.text or "").strip()
            lang = cond.get("language")
        fid = el.get("id", "")
        for attr in ("sourceRef", "targetRef"):
            if not el.get(attr):
                self.problem(
                    "bpmn-flow-end-missing", f"sequence flow {fid!r} has no {attr}", el, fid
                )
        return Flow(
            id=fid,
            source=el.get("sourceRef", ""),
            target=el.get("targetRef", ""),
            name=el.get("name", ""),
            condition=text,
            condition_language=lang,
        )

    def node(self, el: Any, ntype: NodeType) -> Node:
        eid = el.get("id", "")
        kw: dict[str, Any] = {"id": eid, "type": ntype, "name": el.get("name", "")}

        def c(attr: str) -> str | None:
            value = el.get(_q(CAMUNDA, attr))
            return None if value is None else str(value)

        if ntype in (NodeType.SERVICE_TASK, NodeType.SEND_TASK):
            kw["function"] = self.function_of(el)
        if ntype == NodeType.BUSINESS_RULE_TASK:
            kw["decision"] = c("decisionRef") or self.zeebe(el, "calledDecision", "decisionId")
            kw["result_variable"] = c("resultVariable") or self.zeebe(
                el, "calledDecision", "resultVariable"
            )
        if ntype == NodeType.USER_TASK:
            kw["assignee"] = c("assignee")
            kw["candidate_groups"] = c("candidateGroups")
            kw["form_key"] = c("formKey")
        if ntype == NodeType.CALL_ACTIVITY:
            kw["called_element"] = el.get("calledElement") or self.zeebe(
                el, "calledElement", "processId"
            )
        if ntype in (NodeType.EXCLUSIVE_GATEWAY, NodeType.INCLUSIVE_GATEWAY):
            kw["default"] = el.get("default")
        if ntype == NodeType.BOUNDARY_EVENT:
            kw["attached_to"] = el.get("attachedToRef")
            kw["cancel_activity"] = el.get("cancelActivity", "true") != "false"
        for child in el:
            ns, local = _local(child)
            if ns == BPMN and local in _EVENT_DEFS:
                kind = _EVENT_DEFS[local]
                kw["event"] = kind
                if kind == EventKind.TIMER:
                    kw["timer"] = self.timer(child, eid)
                elif kind == EventKind.ERROR:
                    kw["error_ref"] = child.get("errorRef")
                elif kind == EventKind.MESSAGE:
                    kw["message_ref"] = child.get("messageRef")
                elif kind == EventKind.ESCALATION:
                    kw["escalation_ref"] = child.get("escalationRef")
            elif ns == BPMN and local == "multiInstanceLoopCharacteristics":
                kw["multi"] = self.multi_instance(child, eid)
            elif ns == BPMN and local in _NOT_EXECUTED:
                self.problem(
                    NOT_EXECUTED,
                    f"{eid}: {_NOT_EXECUTED[local]} is not executed by this engine",
                    child,
                    eid,
                )
            elif ns == BPMN and local == "documentation":
                kw["documentation"] = child.text or ""
            elif ns == BPMN and local == "extensionElements":
                self.extensions(child, kw)
        if ntype == NodeType.SUB_PROCESS:
            nodes, flows, _ = self.body(el)
            kw["body"] = ProcessBody(nodes=nodes, flows=flows)
        if el.get("default") and ntype == NodeType.PARALLEL_GATEWAY:
            self.problem(
                "bpmn-parallel-default", "a parallel gateway cannot have a default flow", el, eid
            )
        return Node(**{k: v for k, v in kw.items() if v is not None})

    def function_of(self, el: Any) -> str | None:
        topic = el.get(_q(CAMUNDA, "topic"))
        if topic:
            return str(topic)
        for attr in ("delegateExpression", "expression"):
            value = el.get(_q(CAMUNDA, attr))
            if value:
                m = _EXPR.match(value)
                return m.group(1) if m else str(value)
        cls = el.get(_q(CAMUNDA, "class"))
        if cls:
            return str(cls)
        return self.zeebe(el, "taskDefinition", "type")

    def zeebe(self, el: Any, tag: str, attr: str) -> str | None:
        ext = el.find(_q(BPMN, "extensionElements"))
        if ext is None:
            return None
        found = ext.find(_q(ZEEBE, tag))
        return None if found is None else found.get(attr)

    def multi_instance(self, el: Any, eid: str) -> MultiInstance | None:
        """Camunda 7 (`camunda:collection`, `camunda:elementVariable`; results as
        `camunda:properties` outputCollection/outputElement) or Zeebe (`zeebe:loopCharacteristics`
        inputCollection, inputElement, outputCollection, outputElement)."""
        for child in el:
            ns, local = _local(child)
            if ns == BPMN and local in ("loopCardinality", "completionCondition"):
                self.problem(
                    NOT_EXECUTED,
                    f"{eid}: a multi-instance {local} is not executed by this engine",
                    child,
                    eid,
                )
        kw: dict[str, Any] = {
            "collection": el.get(_q(CAMUNDA, "collection")) or "",
            "element": el.get(_q(CAMUNDA, "elementVariable")) or "",
            "sequential": el.get("isSequential", "false") == "true",
        }
        ext = el.find(_q(BPMN, "extensionElements"))
        for child in ext if ext is not None else ():
            ns, local = _local(child)
            if ns == ZEEBE and local == "loopCharacteristics":
                kw["collection"] = kw["collection"] or child.get("inputCollection") or ""
                kw["element"] = kw["element"] or child.get("inputElement") or ""
                kw["output_collection"] = child.get("outputCollection") or ""
                kw["output_element"] = child.get("outputElement") or ""
            elif ns == CAMUNDA and local == "properties":
                for p in child:
                    if p.get("name") in ("outputCollection", "outputElement"):
                        name = "output_" + p.get("name").removeprefix("output").lower()
                        kw[name] = p.get("value") or ""
        if not kw["collection"]:
            self.problem(
                NOT_EXECUTED,
                f"{eid}: a multi-instance activity without a collection is not executed",
                el,
                eid,
            )
            return None
        return MultiInstance(**kw)

    def timer(self, el: Any, eid: str) -> Timer | None:
        for kind in TimerKind:
            t = el.find(_q(BPMN, kind.value))
            if t is not None:
                return Timer(kind=kind, value=(t.text or "").strip())
        self.problem(
            "bpmn-timer-empty", "timer event has no timeDuration, timeDate or timeCycle", el, eid
        )
        return None

    def extensions(self, ext: Any, kw: dict[str, Any]) -> None:
        for child in ext:
            ns, local = _local(child)
            if ns == CAMUNDA and local == "inputOutput":
                ins: dict[str, str] = {}
                outs: dict[str, str] = {}
                for p in child:
                    _, pl = _local(p)
                    target = (
                        ins if pl == "inputParameter" else outs if pl == "outputParameter" else None
                    )
                    if target is not None and p.get("name"):
                        target[p.get("name")] = (p.text or "").strip()
                if ins:
                    kw["inputs"] = ins
                if outs:
                    kw["outputs"] = outs
            elif ns == CAMUNDA and local == "properties":
                for p in child:
                    name, value = p.get("name"), p.get("value")
                    if name == "compensation" and value:
                        kw["compensation"] = value
                    elif name == "retries" and value:
                        try:
                            kw["retries"] = int(value)
                        except ValueError:
                            self.problem(
                                "bpmn-bad-retries",
                                f"retries {value!r} is not a number",
                                p,
                                kw["id"],
                            )

    def diagram(self, el: Any) -> Diagram:
        plane = el.find(_q(BPMNDI, "BPMNPlane"))
        shapes: list[Shape] = []
        edges: list[Edge] = []
        if plane is not None:
            for child in plane:
                _, local = _local(child)
                if local == "BPMNShape":
                    b = child.find(_q(DC, "Bounds"))
                    exp = child.get("isExpanded")
                    mv = child.get("isMarkerVisible")
                    shapes.append(
                        Shape(
                            id=child.get("id", ""),
                            element=child.get("bpmnElement", ""),
                            bounds=self.bounds(b),
                            expanded=None if exp is None else exp == "true",
                            marker_visible=None if mv is None else mv == "true",
                            label=self.label(child),
                        )
                    )
                elif local == "BPMNEdge":
                    pts = [
                        Point(_num(w.get("x")), _num(w.get("y")))
                        for w in child.findall(_q(DI, "waypoint"))
                    ]
                    edges.append(
                        Edge(
                            id=child.get("id", ""),
                            element=child.get("bpmnElement", ""),
                            waypoints=pts,
                            label=self.label(child),
                        )
                    )
        return Diagram(
            id=el.get("id", "BPMNDiagram_1"),
            plane="" if plane is None else plane.get("id", ""),
            element="" if plane is None else plane.get("bpmnElement", ""),
            shapes=shapes,
            edges=edges,
        )

    def bounds(self, b: Any) -> Bounds:
        if b is None:
            return Bounds(0, 0, 0, 0)
        return Bounds(
            _num(b.get("x")), _num(b.get("y")), _num(b.get("width")), _num(b.get("height"))
        )

    def label(self, el: Any) -> Bounds | None:
        lab = el.find(_q(BPMNDI, "BPMNLabel"))
        if lab is None:
            return None
        b = lab.find(_q(DC, "Bounds"))
        return None if b is None else self.bounds(b)


def read_bpmn(text: str | bytes) -> Parsed:
    """Parse BPMN XML text. Never raises on bad input."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (1, 1)
        return Parsed(
            None,
            [
                Problem(
                    "bpmn-xml", f"broken XML: {exc.msg}", None, max(0, line - 1), max(0, col - 1)
                )
            ],
        )
    reader = _Reader()
    defs = reader.read(root)
    return Parsed(defs, reader.problems, reader.lines)


# ---------------------------------------------------------------------------------------------
# Writing


def write_bpmn(defs: Definitions) -> str:
    root = etree.Element(_q(BPMN, "definitions"), nsmap=NSMAP)
    root.set("id", defs.id)
    root.set("targetNamespace", defs.target_namespace)
    if defs.exporter:
        root.set("exporter", defs.exporter)
    if defs.exporter_version:
        root.set("exporterVersion", defs.exporter_version)
    for proc in defs.processes:
        p = etree.SubElement(root, _q(BPMN, "process"), id=proc.id)
        if proc.name:
            p.set("name", proc.name)
        p.set("isExecutable", "true" if proc.executable else "false")
        if proc.documentation:
            etree.SubElement(p, _q(BPMN, "documentation")).text = proc.documentation
        _write_body(p, proc.nodes, proc.flows)
    for m in defs.messages:
        e = etree.SubElement(root, _q(BPMN, "message"), id=m.id)
        if m.name:
            e.set("name", m.name)
    coded: list[tuple[str, str, Error | Escalation]] = [
        ("error", "errorCode", er) for er in defs.errors
    ]
    coded += [("escalation", "escalationCode", es) for es in defs.escalations]
    for tag, code_attr, entry in coded:
        e = etree.SubElement(root, _q(BPMN, tag), id=entry.id)
        if entry.name:
            e.set("name", entry.name)
        if entry.code:
            e.set(code_attr, entry.code)
    for d in defs.diagrams:
        _write_diagram(root, d)
    etree.indent(root, space="  ")
    body: str = etree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _write_body(parent: Any, nodes: list[Node], flows: list[Flow]) -> None:
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for f in flows:
        outgoing.setdefault(f.source, []).append(f.id)
        incoming.setdefault(f.target, []).append(f.id)
    for n in nodes:
        _write_node(parent, n, incoming.get(n.id, []), outgoing.get(n.id, []))
    for f in flows:
        e = etree.SubElement(parent, _q(BPMN, "sequenceFlow"), id=f.id)
        if f.name:
            e.set("name", f.name)
        e.set("sourceRef", f.source)
        e.set("targetRef", f.target)
        if f.condition is not None:
            c = etree.SubElement(e, _q(BPMN, "conditionExpression"))
            c.set(_q(XSI, "type"), "bpmn:tFormalExpression")
            if f.condition_language is not None:
                c.set("language", f.condition_language)
            c.text = f.condition


def _write_node(parent: Any, n: Node, inc: list[str], out: list[str]) -> None:
    e = etree.SubElement(parent, _q(BPMN, n.type.value), id=n.id)
    if n.name:
        e.set("name", n.name)
    if n.function is not None:
        e.set(_q(CAMUNDA, "type"), "external")
        e.set(_q(CAMUNDA, "topic"), n.function)
    if n.decision is not None:
        e.set(_q(CAMUNDA, "decisionRef"), n.decision)
    if n.result_variable is not None:
        e.set(_q(CAMUNDA, "resultVariable"), n.result_variable)
    if n.assignee is not None:
        e.set(_q(CAMUNDA, "assignee"), n.assignee)
    if n.candidate_groups is not None:
        e.set(_q(CAMUNDA, "candidateGroups"), n.candidate_groups)
    if n.form_key is not None:
        e.set(_q(CAMUNDA, "formKey"), n.form_key)
    if n.called_element is not None:
        e.set("calledElement", n.called_element)
    if n.default is not None:
        e.set("default", n.default)
    if n.type == NodeType.BOUNDARY_EVENT:
        if not n.cancel_activity:
            e.set("cancelActivity", "false")
        if n.attached_to is not None:
            e.set("attachedToRef", n.attached_to)
    if n.documentation:
        etree.SubElement(e, _q(BPMN, "documentation")).text = n.documentation
    props = []
    if n.compensation is not None:
        props.append(("compensation", n.compensation))
    if n.retries is not None:
        props.append(("retries", str(n.retries)))
    if n.inputs or n.outputs or props:
        ext = etree.SubElement(e, _q(BPMN, "extensionElements"))
        if n.inputs or n.outputs:
            io = etree.SubElement(ext, _q(CAMUNDA, "inputOutput"))
            for k, v in n.inputs.items():
                etree.SubElement(io, _q(CAMUNDA, "inputParameter"), name=k).text = v
            for k, v in n.outputs.items():
                etree.SubElement(io, _q(CAMUNDA, "outputParameter"), name=k).text = v
        if props:
            pe = etree.SubElement(ext, _q(CAMUNDA, "properties"))
            for k, v in props:
                etree.SubElement(pe, _q(CAMUNDA, "property"), name=k, value=v)
    for fid in inc:
        etree.SubElement(e, _q(BPMN, "incoming")).text = fid
    for fid in out:
        etree.SubElement(e, _q(BPMN, "outgoing")).text = fid
    if n.body is not None:
        _write_body(e, n.body.nodes, n.body.flows)
    if n.multi is not None:
        _write_multi(e, n.multi)
    if n.event is not None:
        tag = next(k for k, v in _EVENT_DEFS.items() if v == n.event)
        d = etree.SubElement(e, _q(BPMN, tag), id=f"{tag[0].upper()}{tag[1:]}_{n.id}")
        if n.event == EventKind.TIMER and n.timer is not None:
            t = etree.SubElement(d, _q(BPMN, n.timer.kind.value))
            t.set(_q(XSI, "type"), "bpmn:tFormalExpression")
            t.text = n.timer.value
        if n.error_ref is not None:
            d.set("errorRef", n.error_ref)
        if n.message_ref is not None:
            d.set("messageRef", n.message_ref)
        if n.escalation_ref is not None:
            d.set("escalationRef", n.escalation_ref)


def _write_multi(parent: Any, m: MultiInstance) -> None:
    e = etree.SubElement(parent, _q(BPMN, "multiInstanceLoopCharacteristics"))
    if m.sequential:
        e.set("isSequential", "true")
    e.set(_q(CAMUNDA, "collection"), m.collection)
    if m.element:
        e.set(_q(CAMUNDA, "elementVariable"), m.element)
    outputs = [("outputCollection", m.output_collection), ("outputElement", m.output_element)]
    if any(v for _, v in outputs):
        props = etree.SubElement(
            etree.SubElement(e, _q(BPMN, "extensionElements")), _q(CAMUNDA, "properties")
        )
        for name, value in outputs:
            if value:
                etree.SubElement(props, _q(CAMUNDA, "property"), name=name, value=value)


def _bounds(parent: Any, b: Bounds) -> None:
    etree.SubElement(
        parent,
        _q(DC, "Bounds"),
        x=_fmt(b.x),
        y=_fmt(b.y),
        width=_fmt(b.width),
        height=_fmt(b.height),
    )


def _write_diagram(root: Any, d: Diagram) -> None:
    de = etree.SubElement(root, _q(BPMNDI, "BPMNDiagram"), id=d.id)
    plane = etree.SubElement(de, _q(BPMNDI, "BPMNPlane"), id=d.plane, bpmnElement=d.element)
    for s in d.shapes:
        se = etree.SubElement(plane, _q(BPMNDI, "BPMNShape"), id=s.id, bpmnElement=s.element)
        if s.expanded is not None:
            se.set("isExpanded", "true" if s.expanded else "false")
        if s.marker_visible is not None:
            se.set("isMarkerVisible", "true" if s.marker_visible else "false")
        _bounds(se, s.bounds)
        if s.label is not None:
            _bounds(etree.SubElement(se, _q(BPMNDI, "BPMNLabel")), s.label)
    for ed in d.edges:
        ee = etree.SubElement(plane, _q(BPMNDI, "BPMNEdge"), id=ed.id, bpmnElement=ed.element)
        for p in ed.waypoints:
            etree.SubElement(ee, _q(DI, "waypoint"), x=_fmt(p.x), y=_fmt(p.y))
        if ed.label is not None:
            _bounds(etree.SubElement(ee, _q(BPMNDI, "BPMNLabel")), ed.label)
