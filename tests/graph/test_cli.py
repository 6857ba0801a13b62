"""The graph and taxonomy commands, through intheflow.cli.main (real SQLite/Postgres stores)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from intheflow.cli import main
from intheflow.graph.backstage import import_catalog
from intheflow.graph.cli import to_cypher
from intheflow.graph.model import GraphFacts, Node
from intheflow.graph.store import open_store

from tests.conftest import EXAMPLES
from tests.graph.conftest import small_graph


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    store = open_store(tmp_path / ".intheflow" / "graph.db")
    store.upsert(small_graph())
    store.close()
    return tmp_path


def test_query_table_and_json(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    q = "MATCH (s:Service) WHERE s.tier >= $t RETURN s.name AS name ORDER BY name"
    assert main(["graph", "query", q, "--workspace", str(ws), "--param", "t=2"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == ["name", "------", "ledger", "notify", "(2 rows)"]
    assert (
        main(["graph", "query", q, "--workspace", str(ws), "--param", "t=3", "--format", "json"])
        == 0
    )
    assert json.loads(capsys.readouterr().out) == {"columns": ["name"], "rows": [["notify"]]}


def test_query_error_has_position_and_exit_2(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["graph", "query", "MATCH (s)\nRETURN s.name ORDER", "--workspace", str(ws)])
    assert rc == 2
    err = capsys.readouterr().err
    assert "error: <query>:2:20: expected BY but found end of query" in err
    assert main(["graph", "query", "RETURN 1", "--param", "oops", "--workspace", str(ws)]) == 2


def test_postgres_graph_url(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    store = open_store(pg_url)
    store.upsert(small_graph())
    store.close()
    rc = main(["graph", "query", "MATCH (o:Owner) RETURN count(o) AS n", "--graph", pg_url])
    assert rc == 0
    assert capsys.readouterr().out.splitlines()[2] == "2"


def test_unreachable_postgres_is_a_missing_component(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql://postgres@127.0.0.1:1/none?connect_timeout=2"
    assert main(["graph", "query", "RETURN 1", "--graph", url]) == 3
    assert "PostgreSQL is not available" in capsys.readouterr().err


def test_export_json_and_cypher_rebuild_the_graph(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["graph", "export", "--workspace", str(ws)]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert len(exported["nodes"]) == len(small_graph().nodes)
    assert main(["graph", "export", "--format", "cypher", "--workspace", str(ws)]) == 0
    statements = capsys.readouterr().out.splitlines()
    rebuilt = open_store(tmp_path / "rebuilt.db")
    for statement in statements:
        rebuilt.query(statement)

    def strip(facts: GraphFacts) -> list[object]:
        nodes = sorted((n.id, n.label, n.name, n.props) for n in facts.nodes)
        edges = sorted((e.src, e.type, e.dst, e.props) for e in facts.edges)
        return [nodes, edges]

    assert strip(rebuilt.export_facts()) == strip(small_graph())
    rebuilt.close()


def test_import_catalog_then_export_backstage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["graph", "import-catalog", str(EXAMPLES), "--workspace", str(tmp_path)]) == 0
    assert "imported" in capsys.readouterr().out
    # Importing a single file again replaces only that file's facts.
    one = EXAMPLES / "services" / "ledger" / "catalog-info.yaml"
    rc = main(
        ["graph", "import-catalog", str(one), "--root", str(EXAMPLES), "--workspace", str(tmp_path)]
    )
    assert rc == 0
    capsys.readouterr()
    out_dir = tmp_path / "out"
    rc = main(
        [
            "graph",
            "export",
            "--format",
            "backstage",
            "--output",
            str(out_dir),
            "--workspace",
            str(tmp_path),
        ]
    )
    assert rc == 0
    assert sorted(p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*.yaml")) == sorted(
        p.relative_to(EXAMPLES).as_posix() for p in EXAMPLES.rglob("catalog-info.yaml")
    )
    for path in out_dir.rglob("*.yaml"):
        original = EXAMPLES / path.relative_to(out_dir)
        assert list(yaml.safe_load_all(path.read_text())) == [
            d for d in yaml.safe_load_all(original.read_text()) if d is not None
        ]
    bad = tmp_path / "bad" / "catalog-info.yaml"
    bad.parent.mkdir()
    bad.write_text("kind: Component\nmetadata: [\n", encoding="utf-8")
    assert main(["graph", "import-catalog", str(bad), "--workspace", str(tmp_path)]) == 2
    assert "catalog-info.yaml:3:1: invalid YAML" in capsys.readouterr().err


def test_taxonomy_command(example_workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A graph with catalog facts and a few code components (no indexer needed).
    store = open_store(example_workspace / ".intheflow" / "graph.db")
    store.upsert(import_catalog(example_workspace))
    store.upsert(
        GraphFacts(
            nodes=[
                Node(
                    "component:services/payments-api/payments_api/service.py#PaymentService.refund",
                    "CodeComponent",
                    "refund",
                    {
                        "kind": "method",
                        "qualname": "PaymentService.refund",
                        "service": "payments-api",
                        "path": "services/payments-api/payments_api/service.py",
                        "docstring": "Refund a captured payment, fully or partly.",
                    },
                ),
            ]
        )
    )
    store.close()
    assert main(["taxonomy", str(example_workspace), "--format", "json"]) == 0
    terms = {t["term"]: t for t in json.loads(capsys.readouterr().out)}
    (refund,) = terms["Refunds"]["components"]
    assert refund["id"].endswith("#PaymentService.refund") and refund["confidence"] > 0.6
    assert "name 'refund' matches keyword 'refund'" in refund["evidence"]
    assert main(["taxonomy", str(example_workspace)]) == 0
    out = capsys.readouterr().out
    assert "Refunds  (1 component)" in out and "IMPLEMENTS edges" in out
    store = open_store(example_workspace / ".intheflow" / "graph.db")
    rows = store.query("MATCH (c)-[i:IMPLEMENTS]->(t:Term {name: 'Refunds'}) RETURN c.name").rows
    store.close()
    assert rows == [["refund"]]
    (example_workspace / "taxonomy.yaml").write_text("terms:\n  - name: A\n    parent: B\n")
    assert main(["taxonomy", str(example_workspace)]) == 2
    assert "taxonomy.yaml:2:5: parent 'B' of 'A' is not a term" in capsys.readouterr().err


def test_cypher_export_quotes_odd_keys() -> None:
    (stmt,) = to_cypher(GraphFacts(nodes=[Node("x:1", "Service", "x", {"a/b": "q\"'"})]))
    assert stmt == 'MERGE (n:Service {id: "x:1"}) SET n.name = "x", n += {`a/b`: "q\\"\'"}'


def test_reading_a_graph_that_was_never_built(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["graph", "query", "RETURN 1", "--workspace", str(tmp_path)]) == 2
    assert "no knowledge graph here" in capsys.readouterr().err
    assert not (tmp_path / ".intheflow").exists()  # and nothing was created
    assert main(["graph", "export", "--workspace", str(tmp_path)]) == 2
    assert main(["taxonomy", str(tmp_path), "--min-confidence", "2"]) == 2


def test_query_sql_shows_the_compiled_statement(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    q = "MATCH (s:Service {name: $n}) RETURN s.tier"
    assert main(["graph", "query", q, "--sql", "--param", "n=ledger", "--workspace", str(ws)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SELECT * FROM (SELECT") and "n1.label = ?" in out
    assert out.rstrip().endswith('"Service", "ledger"]')
