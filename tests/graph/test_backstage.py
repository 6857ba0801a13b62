from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml
from intheflow.graph.backstage import (
    CatalogError,
    EntityRef,
    export_catalog,
    find_catalog_files,
    import_catalog,
    import_catalog_text,
    parse_ref,
)
from intheflow.graph.model import Edge, GraphFacts, Node, Provenance
from intheflow.graph.store import GraphStore

from tests.conftest import EXAMPLES


def _docs(text: str) -> list[object]:
    return [d for d in yaml.safe_load_all(text) if d is not None]


def test_example_catalog_maps_to_nodes_and_edges() -> None:
    facts = import_catalog(EXAMPLES)
    labels = {n.id: n.label for n in facts.nodes}
    assert labels["service:payments-api"] == "Service"
    assert labels["api:payments-api"] == "API"
    assert labels["system:payments"] == "System"
    assert labels["owner:team-payments"] == "Owner"
    assert labels["resource:payments-db"] == "Resource"
    edges = {(e.src, e.type, e.dst) for e in facts.edges}
    assert ("owner:team-payments", "OWNS", "service:payments-api") in edges
    assert ("service:payments-api", "PART_OF", "system:payments") in edges
    assert ("service:payments-api", "DEPENDS_ON", "service:ledger") in edges
    assert ("service:payments-api", "PROVIDES_API", "api:payments-api") in edges
    assert ("service:payments-api", "CONSUMES_API", "api:ledger-api") in edges
    node = next(n for n in facts.nodes if n.id == "service:payments-api")
    assert node.props["lifecycle"] == "production" and "payments" in node.props["tags"]
    assert node.provenance is not None
    assert node.provenance.source == "services/payments-api/catalog-info.yaml"


def test_round_trip_is_lossless(tmp_path: Path) -> None:
    first = import_catalog(EXAMPLES)
    exported = export_catalog(first)
    originals = {p.relative_to(EXAMPLES).as_posix(): p for p in find_catalog_files(EXAMPLES)}
    assert set(exported) == set(originals)
    for rel, text in exported.items():
        # YAML content equal modulo key order (dict equality ignores order).
        assert _docs(text) == _docs(originals[rel].read_text(encoding="utf-8")), rel
        dest = tmp_path / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
    second = import_catalog(tmp_path)
    # Identical facts; only the line numbers of the (re-laid-out) documents may move.
    assert _without_lines(second) == _without_lines(first)


def _without_lines(facts: GraphFacts) -> tuple[list[Node], list[Edge]]:
    def strip(item: Any) -> Any:
        source = item.provenance.source if item.provenance else None
        return msgspec.structs.replace(item, provenance=Provenance(source) if source else None)

    nodes = sorted((strip(n) for n in facts.nodes), key=lambda n: n.id)
    edges = sorted((strip(e) for e in facts.edges), key=lambda e: (e.src, e.type, e.dst))
    return nodes, edges


def test_round_trip_through_the_store(store: GraphStore) -> None:
    facts = import_catalog(EXAMPLES)
    store.upsert(facts)
    assert export_catalog(store.export_facts()) == export_catalog(facts)
    rows = store.query(
        "MATCH (o:Owner)-[:OWNS]->(s:Service)-[:PROVIDES_API]->(a:API) "
        "RETURN o.name, s.name, collect(a.name) AS apis ORDER BY s.name"
    ).rows
    assert rows[0][:2] == ["team-ledger", "ledger"]
    assert sorted(rows[-1][2]) == ["payment-events", "payments-api"]


def test_unknown_references_get_placeholders_not_exported() -> None:
    text = """
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: billing}
spec: {type: service, owner: user:jdoe, dependsOn: [component:default/tax], system: fin}
"""
    facts = import_catalog_text(text, "c.yaml")
    from intheflow.graph.backstage import with_placeholders

    full = with_placeholders(facts)
    placeholders = {n.id for n in full.nodes if n.props.get("placeholder")}
    assert placeholders == {"owner:jdoe", "service:tax", "system:fin"}
    (doc,) = _docs(export_catalog(full)["c.yaml"])
    assert doc == yaml.safe_load(text)


@pytest.mark.parametrize(
    ("text", "line", "col", "message"),
    [
        ("kind: Component\nmetadata: {name: a\n", 3, 1, "invalid YAML"),
        ("kind: Component\nmetadata:\n  name: [x\n", 4, 1, "invalid YAML"),
        ("---\nkind: Component\nmetadata: {}\n", 2, 1, "needs `metadata.name`"),
        ("apiVersion: v1\nmetadata: {name: a}\n", 1, 1, "no `kind`"),
        (
            "kind: Component\nmetadata: {name: a}\n---\nkind: API\nmetadata: {name: b}\n"
            "spec: {providesApis: x}\n",
            4,
            1,
            "must be a list",
        ),
        ("- just\n- a list\n", 1, 1, "must be a mapping"),
    ],
)
def test_bad_catalog_reports_file_line_col(text: str, line: int, col: int, message: str) -> None:
    with pytest.raises(CatalogError) as info:
        import_catalog_text(text, "svc/catalog-info.yaml")
    err = info.value
    assert (err.path, err.line, err.column) == ("svc/catalog-info.yaml", line, col), str(err)
    assert message in err.message


def test_workspace_import_skips_bad_files_when_not_strict(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "catalog-info.yaml").write_text("kind: [\n", encoding="utf-8")
    (tmp_path / "catalog-info.yaml").write_text(
        "kind: System\nmetadata: {name: s}\n", encoding="utf-8"
    )
    with pytest.raises(CatalogError):
        import_catalog(tmp_path)
    facts = import_catalog(tmp_path, strict=False)
    assert [n.id for n in facts.nodes] == ["system:s"]


def test_parse_ref() -> None:
    assert parse_ref("component:default/ledger", "api") == EntityRef(
        "component", "default", "ledger"
    )
    ref = parse_ref("ledger-api", "api")
    assert ref is not None and ref.node_id == "api:ledger-api"
    assert parse_ref("location:x", "component") is None
