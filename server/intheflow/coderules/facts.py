"""Knowledge-graph facts of the workspace's rules: Rule nodes for every business rule (ruleset
rules, DMN rules, JDM models) and code rule, and HAS_RULE edges from the taxonomy term a code rule
protects, from the services whose folder holds a rule file, and from the functions a code rule
guards (so the editor's hover on them lists the rule). (Processes link to their DMN rules
in process/facts.py, with the same rule ids.)"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from intheflow.coderules.files import rule_kind
from intheflow.coderules.spec import CodeRule, load_code_rules
from intheflow.core.workspace import iter_files, read_text
from intheflow.graph.model import (
    Edge,
    EdgeType,
    GraphFacts,
    Node,
    NodeLabel,
    Provenance,
    component_id,
    rule_id,
    service_id,
    term_id,
)


def _services(root: Path) -> list[tuple[str, str]]:
    from intheflow.index.workspace import CATALOG_FILE, find_services

    catalogs = [p for p in iter_files(root) if p.name == CATALOG_FILE]
    return [(s.name, s.folder) for s in find_services(root, catalogs) if s.folder]


def _service_for(relpath: str, services: list[tuple[str, str]]) -> str | None:
    best: tuple[str, str] | None = None
    for name, folder in services:
        if relpath.startswith(folder + "/") and (best is None or len(folder) > len(best[1])):
            best = (name, folder)
    return best[0] if best else None


def facts(root: Path) -> GraphFacts:
    out = GraphFacts(nodes=[], edges=[])
    services = _services(root)
    code_rules: list[tuple[str, CodeRule]] = []
    for path in iter_files(root, frozenset({".json", ".dmn"})):
        read = read_text(path)
        if read.text is None:
            continue
        kind = rule_kind(path, read.text)
        if kind is None:
            continue
        rel = path.relative_to(root).as_posix()
        ids = _rule_nodes(out, rel, kind, read.text, path)
        if kind == "code-rules":
            code_rules.extend((rel, r) for r in load_code_rules(path, read.text).rules)
        owner = _service_for(rel, services)
        for rid, covered in ids:
            targets = {owner} if owner else set()
            for glob in covered:
                targets.update(n for n, folder in services if glob.startswith(folder + "/"))
            for svc in sorted(t for t in targets if t):
                out.edges.append(
                    Edge(
                        src=service_id(svc),
                        dst=rid,
                        type=EdgeType.HAS_RULE,
                        provenance=Provenance(rel),
                    )
                )
    out.edges.extend(_guarded_functions(root, code_rules))
    return out


def _guarded_functions(root: Path, rules: list[tuple[str, CodeRule]]) -> list[Edge]:
    """component -> rule edges for the functions a code rule guards (they call its trigger, or
    their names fall under a required-decorator rule), so hovers on them show the rule."""
    from intheflow.coderules.check import call_matches, glob_match, rule_applies
    from intheflow.core.documents import language_of
    from intheflow.index.symbols import extract

    wanted = [(rel, r) for rel, r in rules if r.type in ("call-order", "required-decorator")]
    if not wanted:
        return []
    edges: list[Edge] = []
    languages = {lang for _, r in wanted for lang in r.languages}
    for path in iter_files(root):
        language = language_of(path)
        if language not in languages:
            continue
        read = read_text(path)
        if read.text is None:
            continue
        relpath = path.relative_to(root).as_posix()
        index = extract(relpath, read.text, language)
        for rule_rel, rule in wanted:
            if not rule_applies(rule, relpath, language):
                continue
            for sym in index.symbols:
                if sym.kind not in ("function", "method", "constructor"):
                    continue
                if rule.type == "call-order":
                    trigger = str(rule.options["trigger"])
                    exempt = str(rule.options.get("exemptFunctions", trigger))
                    hit = not glob_match(sym.name, exempt) and any(
                        call_matches(c, trigger) for c in sym.calls
                    )
                else:
                    hit = glob_match(sym.name, str(rule.options["functions"]))
                if hit:
                    line = sym.range.start.line
                    edges.append(
                        Edge(
                            src=component_id(relpath, sym.qualname),
                            dst=rule_id(rule_rel, rule.id),
                            type=EdgeType.HAS_RULE,
                            props={"guard": rule.type},
                            provenance=Provenance(relpath, line),
                        )
                    )
    return edges


def _rule_nodes(
    out: GraphFacts, rel: str, kind: str, text: str, path: Path
) -> list[tuple[str, list[str]]]:
    """Add the file's Rule nodes (and term edges); return (rule id, path globs) pairs."""
    made: list[tuple[str, list[str]]] = []
    if kind == "code-rules":
        for rule in load_code_rules(path, text).rules:
            rid = rule_id(rel, rule.id)
            out.nodes.append(
                Node(
                    id=rid,
                    label=NodeLabel.RULE,
                    name=rule.id,
                    props={
                        "kind": f"code rule ({rule.type})",
                        "term": rule.term,
                        "severity": rule.severity,
                        "message": rule.message,
                    },
                    provenance=Provenance(rel, max(0, rule.location.line - 1)),
                )
            )
            out.edges.append(
                Edge(
                    src=term_id(rule.term),
                    dst=rid,
                    type=EdgeType.HAS_RULE,
                    provenance=Provenance(rel),
                )
            )
            made.append((rid, rule.paths))
    elif kind == "ruleset":
        data = json.loads(text)
        for raw in data.get("rules", []):
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                rid = rule_id(rel, raw["id"])
                out.nodes.append(
                    Node(
                        id=rid,
                        label=NodeLabel.RULE,
                        name=raw["id"],
                        props={
                            "kind": "business rule",
                            "ruleset": data.get("name", ""),
                            "description": raw.get("description", ""),
                        },
                        provenance=Provenance(rel),
                    )
                )
                made.append((rid, []))
    elif kind == "dmn":
        try:
            root_el = ET.fromstring(text)
        except ET.ParseError:
            return made
        for el in root_el.iter():
            if el.tag.rsplit("}", 1)[-1] == "rule" and el.get("id"):
                rid = rule_id(rel, str(el.get("id")))
                out.nodes.append(
                    Node(
                        id=rid,
                        label=NodeLabel.RULE,
                        name=str(el.get("id")),
                        props={"kind": "DMN rule"},
                        provenance=Provenance(rel),
                    )
                )
                made.append((rid, []))
    elif kind == "jdm":
        name = Path(rel).stem
        rid = rule_id(rel, name)
        out.nodes.append(
            Node(
                id=rid,
                label=NodeLabel.RULE,
                name=name,
                props={"kind": "JDM decision model"},
                provenance=Provenance(rel),
            )
        )
        made.append((rid, []))
    return made
