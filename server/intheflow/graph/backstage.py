"""Backstage interop: `catalog-info.yaml` ⇄ graph facts, without loss.

Import: every YAML document of kind Component, API, System, Group, User or Resource becomes a node
(Component → Service, Group/User → Owner) whose props hold the catalog fields (`kind`,
`apiVersion`, `title`, `description`, `tags`, `annotations`, `type`, `lifecycle`…, and whatever
else the document had under `metadata_extra` / `spec_extra`). Relations become edges:
`spec.owner` → Owner -OWNS-> entity, `spec.system` → entity -PART_OF-> System, `dependsOn` →
DEPENDS_ON, `providesApis` → PROVIDES_API, `consumesApis` → CONSUMES_API. Each edge remembers the
reference as written (`ref`) and its position in the list (`index`), so export writes the same
YAML back. An entity referenced but declared nowhere gets a placeholder node (`placeholder: true`)
so that MATCH patterns through it work; placeholders are not exported.

Export: catalog nodes and their relation edges back to YAML documents, grouped by source file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from intheflow.core.errors import UserError
from intheflow.graph import model
from intheflow.graph.model import Edge, EdgeType, GraphFacts, Node, NodeLabel, Provenance

log = logging.getLogger(__name__)

CATALOG_FILENAME = "catalog-info.yaml"
DEFAULT_API_VERSION = "backstage.io/v1alpha1"

# kind (lower case) -> (label, id maker)
KINDS: dict[str, tuple[str, Any]] = {
    "component": (NodeLabel.SERVICE, model.service_id),
    "api": (NodeLabel.API, model.api_id),
    "system": (NodeLabel.SYSTEM, model.system_id),
    "group": (NodeLabel.OWNER, model.owner_id),
    "user": (NodeLabel.OWNER, model.owner_id),
    "resource": (NodeLabel.RESOURCE, model.resource_id),
}
KIND_NAMES = {
    "component": "Component",
    "api": "API",
    "system": "System",
    "group": "Group",
    "user": "User",
    "resource": "Resource",
}
METADATA_FIELDS = ("namespace", "title", "description", "tags", "annotations", "labels", "links")
SPEC_FIELDS = ("type", "lifecycle")
# spec field -> (edge type, default kind of a reference, edge goes entity->target?)
RELATIONS: dict[str, tuple[str, str, bool]] = {
    "owner": (EdgeType.OWNS, "group", False),
    "system": (EdgeType.PART_OF, "system", True),
    "dependsOn": (EdgeType.DEPENDS_ON, "component", True),
    "providesApis": (EdgeType.PROVIDES_API, "api", True),
    "consumesApis": (EdgeType.CONSUMES_API, "api", True),
}
LIST_RELATIONS = {"dependsOn", "providesApis", "consumesApis"}
RELATION_BY_EDGE = {v[0]: k for k, v in RELATIONS.items()}


class CatalogError(UserError):
    """A catalog-info.yaml that is not valid YAML or not a valid entity (file:line:col)."""


@dataclass(frozen=True)
class EntityRef:
    kind: str
    namespace: str | None
    name: str

    @property
    def node_id(self) -> str:
        maker = KINDS[self.kind][1]
        return str(maker(self.name))


def parse_ref(ref: str, default_kind: str) -> EntityRef | None:
    """`[kind:][namespace/]name` → EntityRef; None for a kind we do not model."""
    kind, _, rest = ref.partition(":") if ":" in ref else (default_kind, "", ref)
    namespace, _, name = rest.rpartition("/")
    kind = kind.lower()
    if kind not in KINDS or not name:
        return None
    return EntityRef(kind, namespace or None, name)


# --- import ---------------------------------------------------------------------------------
def load_documents(text: str, path: str) -> list[tuple[dict[str, Any], int, int]]:
    """The YAML documents of a file with their 0-based start line/column. Raises CatalogError."""
    loader = yaml.SafeLoader(text)
    docs: list[tuple[dict[str, Any], int, int]] = []
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                continue
            data = loader.construct_document(node)
            line, col = node.start_mark.line, node.start_mark.column
            if data is None:
                continue
            if not isinstance(data, dict):
                raise CatalogError("a catalog document must be a mapping", path, line + 1, col + 1)
            docs.append((data, line, col))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = f"invalid YAML: {exc.problem or exc.context}"
        if mark is None:
            raise CatalogError(message, path) from None
        raise CatalogError(message, path, mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise CatalogError(f"invalid YAML: {exc}", path) from None
    finally:
        loader.dispose()
    return docs


def import_catalog_text(text: str, source: str) -> GraphFacts:
    """Facts of one catalog file (no placeholders: see `with_placeholders`)."""
    facts = GraphFacts(nodes=[], edges=[])
    for doc, line, col in load_documents(text, source):
        entity = _entity(doc, source, line, col)
        if entity is not None:
            facts.extend(entity)
    return facts


def _entity(doc: dict[str, Any], source: str, line: int, col: int) -> GraphFacts | None:
    def fail(message: str) -> CatalogError:
        return CatalogError(message, source, line + 1, col + 1)

    kind_raw = doc.get("kind")
    if not isinstance(kind_raw, str):
        raise fail("entity has no `kind`")
    kind = kind_raw.lower()
    if kind not in KINDS:
        log.info("%s:%d: skipping catalog kind %s", source, line + 1, kind_raw)
        return None
    metadata = doc.get("metadata")
    if not isinstance(metadata, dict) or not isinstance(metadata.get("name"), str):
        raise fail(f"{kind_raw} entity needs `metadata.name`")
    spec = doc.get("spec") or {}
    if not isinstance(spec, dict):
        raise fail("`spec` must be a mapping")
    name = metadata["name"]
    label, maker = KINDS[kind]
    node_id = maker(name)
    props: dict[str, Any] = {"kind": kind_raw}
    if doc.get("apiVersion") != DEFAULT_API_VERSION:
        props["apiVersion"] = doc.get("apiVersion")
    for key in METADATA_FIELDS:
        if key in metadata:
            props[key] = metadata[key]
    for key in SPEC_FIELDS:
        if key in spec:
            props[key] = spec[key]
    meta_extra = {k: v for k, v in metadata.items() if k not in (*METADATA_FIELDS, "name")}
    spec_extra = {k: v for k, v in spec.items() if k not in (*SPEC_FIELDS, *RELATIONS)}
    top_extra = {
        k: v for k, v in doc.items() if k not in ("apiVersion", "kind", "metadata", "spec")
    }
    if meta_extra:
        props["metadata_extra"] = meta_extra
    if spec_extra:
        props["spec_extra"] = spec_extra
    if top_extra:
        props["document_extra"] = top_extra
    if "spec" not in doc:
        props["spec_absent"] = True
    prov = Provenance(source=source, start_line=line, start_col=col)
    facts = GraphFacts(nodes=[Node(node_id, label, name, props, prov)], edges=[])
    for field, (edge_type, default_kind, outgoing) in RELATIONS.items():
        if field not in spec:
            continue
        value = spec[field]
        refs = value if field in LIST_RELATIONS else [value]
        if field in LIST_RELATIONS and not isinstance(value, list):
            raise fail(f"`spec.{field}` must be a list of entity references")
        for index, ref in enumerate(refs):
            if not isinstance(ref, str):
                raise fail(f"`spec.{field}` entries must be entity references (strings)")
            target = parse_ref(ref, default_kind)
            if target is None:
                raise fail(f"cannot resolve entity reference {ref!r} in `spec.{field}`")
            src, dst = (node_id, target.node_id) if outgoing else (target.node_id, node_id)
            edge_props: dict[str, Any] = {"ref": ref}
            if field in LIST_RELATIONS:
                edge_props["index"] = index
            facts.edges.append(Edge(src, dst, edge_type, edge_props, prov))
    return facts


def with_placeholders(facts: GraphFacts) -> GraphFacts:
    """Add placeholder nodes for referenced entities that no document declares."""
    declared = {n.id for n in facts.nodes}
    added: dict[str, Node] = {}
    for edge in facts.edges:
        for end in (edge.src, edge.dst):
            if end in declared or end in added:
                continue
            kind_prefix, _, name = end.partition(":")
            label = {
                "service": NodeLabel.SERVICE,
                "api": NodeLabel.API,
                "system": NodeLabel.SYSTEM,
                "owner": NodeLabel.OWNER,
                "resource": NodeLabel.RESOURCE,
            }.get(kind_prefix)
            if label is None:
                continue
            added[end] = Node(end, label, name, {"placeholder": True}, edge.provenance)
    return GraphFacts(nodes=[*facts.nodes, *added.values()], edges=list(facts.edges))


def find_catalog_files(root: Path) -> list[Path]:
    skip = {".git", ".intheflow", "node_modules", ".venv", "target", "build", "dist"}
    found = []
    for path in sorted(root.rglob(CATALOG_FILENAME)):
        if not any(part in skip for part in path.relative_to(root).parts):
            found.append(path)
    return found


def import_catalog(
    root: Path, paths: Iterable[Path] | None = None, *, strict: bool = True
) -> GraphFacts:
    """Facts of every catalog-info.yaml under root (sources are root-relative paths), with
    placeholders for references declared nowhere. A bad file raises CatalogError when strict,
    else it is logged and skipped (the indexer and the server must keep going)."""
    facts = GraphFacts(nodes=[], edges=[])
    for path in find_catalog_files(root) if paths is None else paths:
        rel = _relpath(path, root)
        try:
            facts.extend(import_catalog_text(_read(path, rel), rel))
        except CatalogError as exc:
            if strict:
                raise
            log.warning("skipping catalog file: %s", exc)
    return with_placeholders(facts)


def _read(path: Path, rel: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"cannot read catalog file: {exc}", rel) from None


def _relpath(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# --- export ---------------------------------------------------------------------------------
def is_catalog_node(node: Node) -> bool:
    return "kind" in node.props and not node.props.get("placeholder")


def export_documents(facts: GraphFacts) -> dict[str, list[dict[str, Any]]]:
    """Catalog documents grouped by source file (in document order)."""
    incoming: dict[str, list[Edge]] = {}
    outgoing: dict[str, list[Edge]] = {}
    for edge in facts.edges:
        if edge.type in RELATION_BY_EDGE:
            outgoing.setdefault(edge.src, []).append(edge)
            incoming.setdefault(edge.dst, []).append(edge)
    by_source: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for node in facts.nodes:
        if not is_catalog_node(node):
            continue
        source = node.provenance.source if node.provenance else "catalog-info.yaml"
        line = node.provenance.start_line if node.provenance else None
        doc = _document(node, outgoing.get(node.id, []), incoming.get(node.id, []))
        by_source.setdefault(source, []).append((line or 0, doc))
    return {
        src: [d for _, d in sorted(docs, key=lambda x: x[0])] for src, docs in by_source.items()
    }


def _document(node: Node, out_edges: list[Edge], in_edges: list[Edge]) -> dict[str, Any]:
    p = node.props
    metadata: dict[str, Any] = {"name": node.name}
    for key in METADATA_FIELDS:
        if key in p:
            metadata[key] = p[key]
    metadata.update(_canonical(p.get("metadata_extra", {})))
    spec: dict[str, Any] = {k: p[k] for k in SPEC_FIELDS if k in p}
    singles: dict[str, str] = {}
    lists: dict[str, list[tuple[int, str]]] = {}
    for edge in [*out_edges, *in_edges]:
        field = RELATION_BY_EDGE[edge.type]
        _, default_kind, outgoing = RELATIONS[field]
        if (edge.src == node.id) != outgoing:
            continue  # this edge describes the other end's relation
        other = edge.dst if outgoing else edge.src
        ref = edge.props.get("ref") or _short_ref(other, default_kind)
        if field in LIST_RELATIONS:
            lists.setdefault(field, []).append((int(edge.props.get("index", 1 << 30)), ref))
        else:
            singles[field] = ref
    for field in RELATIONS:  # a fixed order, whatever order the store returns edges in
        if field in singles:
            spec[field] = singles[field]
        elif field in lists:
            spec[field] = [ref for _, ref in sorted(lists[field])]
    spec.update(_canonical(p.get("spec_extra", {})))
    doc: dict[str, Any] = {
        "apiVersion": p.get("apiVersion", DEFAULT_API_VERSION),
        "kind": p.get("kind", KIND_NAMES.get(node.label.lower(), node.label)),
        "metadata": metadata,
    }
    if spec or not p.get("spec_absent"):
        doc["spec"] = spec
    doc.update(_canonical(p.get("document_extra", {})))
    return doc


def _canonical(value: Any) -> Any:
    """Maps with sorted keys: a store may hand props back in another key order (jsonb does)."""
    if isinstance(value, dict):
        return {k: _canonical(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    return value


def _short_ref(node_id: str, default_kind: str) -> str:
    prefix, _, name = node_id.partition(":")
    kind = {"service": "component", "owner": "group"}.get(prefix, prefix)
    return name if kind == default_kind else f"{kind}:{name}"


def export_catalog(facts: GraphFacts) -> dict[str, str]:
    """source file → YAML text (multi-document)."""
    return {
        source: yaml.safe_dump_all(docs, sort_keys=False, allow_unicode=True, width=100)
        for source, docs in sorted(export_documents(facts).items())
    }


def export_catalog_single(facts: GraphFacts) -> str:
    docs = [d for _, ds in sorted(export_documents(facts).items()) for d in ds]
    return yaml.safe_dump_all(docs, sort_keys=False, allow_unicode=True, width=100)
