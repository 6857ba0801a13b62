from __future__ import annotations

from pathlib import Path

from intheflow.graph.facts import facts, source_facts
from intheflow.graph.store import GraphStore

from tests.conftest import EXAMPLES


def test_plugin_facts_cover_catalog_and_terms() -> None:
    got = facts(EXAMPLES)
    labels = {n.label for n in got.nodes}
    assert {"Service", "API", "System", "Owner", "Resource", "Term"} <= labels
    assert any(e.type == "PART_OF" and e.src.startswith("term:") for e in got.edges)


def test_plugin_facts_survive_broken_inputs(tmp_path: Path) -> None:
    (tmp_path / "catalog-info.yaml").write_text("kind: [\n")
    (tmp_path / "taxonomy.yaml").write_text("terms: 3\n")
    assert facts(tmp_path).nodes == []


def test_source_facts_for_an_edit(store: GraphStore) -> None:
    rel = "services/ledger/catalog-info.yaml"
    text = (EXAMPLES / rel).read_text()
    first = source_facts(EXAMPLES, rel, text)
    assert first is not None and [n.id for n in first.nodes] == ["service:ledger"]
    store.replace_source(rel, first)
    edited = text.replace("lifecycle: production", "lifecycle: deprecated")
    store.replace_source(rel, source_facts(EXAMPLES, rel, edited) or first)
    node = store.get_node("service:ledger")
    assert node is not None and node.props["lifecycle"] == "deprecated"
    broken = source_facts(EXAMPLES, rel, "kind: [")
    assert broken is not None and broken.nodes == []
    assert source_facts(EXAMPLES, "services/ledger/main.go", "package main") is None
    terms = source_facts(EXAMPLES, "taxonomy.yaml", "terms:\n  - name: Refunds\n")
    assert terms is not None and [n.id for n in terms.nodes] == ["term:refunds"]
