"""Cypher → SQL on both stores: query → expected rows on the small fixture graph (conftest)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from intheflow.graph.cypher import CypherError
from intheflow.graph.model import GraphFacts, Node
from intheflow.graph.store import GraphStore

PAYMENTS = {
    "id": "service:payments",
    "label": "Service",
    "name": "payments",
    "props": {"lifecycle": "production", "tags": ["payments", "python"], "tier": 1},
}

# (query, params, expected columns, expected rows)
CASES: list[tuple[str, dict[str, Any], list[str], list[list[Any]]]] = [
    (
        "MATCH (s:Service) RETURN s.name ORDER BY s.name",
        {},
        ["s.name"],
        [["ledger"], ["notify"], ["payments"]],
    ),
    (
        "MATCH (s:Service {lifecycle: 'production'}) RETURN s.name AS name, s.tier "
        "ORDER BY s.tier DESC",
        {},
        ["name", "s.tier"],
        [["ledger", 2], ["payments", 1]],
    ),
    ("MATCH (s:Service) WHERE s.name = 'payments' RETURN s", {}, ["s"], [[PAYMENTS]]),
    (
        "MATCH (s:Service {name: $name}) RETURN s.props.tier, s.id",
        {"name": "ledger"},
        ["s.props.tier", "s.id"],
        [[2, "service:ledger"]],
    ),
    (
        "MATCH (o:Owner)-[:OWNS]->(s:Service) RETURN o.name, count(s) AS n ORDER BY n DESC, o.name",
        {},
        ["o.name", "n"],
        [["team-core", 2], ["team-pay", 1]],
    ),
    (
        "MATCH (s:Service)<-[:OWNS]-(o) RETURN s.name, o.name ORDER BY s.name",
        {},
        ["s.name", "o.name"],
        [["ledger", "team-core"], ["notify", "team-core"], ["payments", "team-pay"]],
    ),
    (
        "MATCH (s:Service)-[:OWNS]-(o:Owner {name: 'team-pay'}) RETURN s.name",
        {},
        ["s.name"],
        [["payments"]],
    ),
    (
        "MATCH (o:Owner)-[:OWNS]->(s) RETURN o.name, collect(s.name) AS services ORDER BY o.name",
        {},
        ["o.name", "services"],
        [["team-core", ["ledger", "notify"]], ["team-pay", ["payments"]]],
    ),
    (
        "MATCH (a:Service {name: 'payments'})-[:DEPENDS_ON*1..3]->(b) "
        "RETURN b.name ORDER BY b.name",
        {},
        ["b.name"],
        [["ledger"], ["notify"]],
    ),
    (
        "MATCH (a:Service {name: 'payments'})-[:DEPENDS_ON*2]->(b) RETURN b.name",
        {},
        ["b.name"],
        [["notify"]],
    ),
    (
        "MATCH (a {name: 'notify'})<-[:DEPENDS_ON*]-(b) RETURN b.name ORDER BY b.name",
        {},
        ["b.name"],
        [["ledger"], ["payments"]],
    ),
    (
        "MATCH (a:Service {name: 'ledger'})-[:DEPENDS_ON*0..1]-(b) RETURN b.name ORDER BY b.name",
        {},
        ["b.name"],
        [["ledger"], ["notify"], ["payments"]],
    ),
    (
        "MATCH (s:Service) OPTIONAL MATCH (s)-[:PROVIDES_API]->(a:API) "
        "RETURN s.name, a.name ORDER BY s.name",
        {},
        ["s.name", "a.name"],
        [["ledger", None], ["notify", None], ["payments", "payments-api"]],
    ),
    (
        "MATCH (s:Service) OPTIONAL MATCH (s)-[:PROVIDES_API]->(a:API) WHERE a.type = 'grpc' "
        "RETURN s.name, a ORDER BY s.name",
        {},
        ["s.name", "a"],
        [["ledger", None], ["notify", None], ["payments", None]],
    ),
    ("OPTIONAL MATCH (x:Nothing) RETURN x", {}, ["x"], [[None]]),
    ("MATCH (s:Service) WHERE 'python' IN s.tags RETURN s.name", {}, ["s.name"], [["payments"]]),
    (
        "MATCH (c:CodeComponent) WHERE c.name STARTS WITH 'ch' OR c.name ENDS WITH '.py' "
        "RETURN c.name, c.lines ORDER BY c.lines",
        {},
        ["c.name", "c.lines"],
        [["charge", 45], ["app.py", 120]],
    ),
    (
        "MATCH (c:CodeComponent) WHERE c.kind = 'function' AND c.lines > 31 RETURN c.name",
        {},
        ["c.name"],
        [["charge"]],
    ),
    (
        "MATCH (c:CodeComponent) WHERE c.lines >= 30 AND c.lines <= 45 AND c.lines <> 45 "
        "RETURN c.name",
        {},
        ["c.name"],
        [["refund"]],
    ),
    (
        "MATCH (c:CodeComponent) WHERE c.lines < 100 RETURN c.name ORDER BY c.name DESC",
        {},
        ["c.name"],
        [["refund"], ["charge"]],
    ),
    (
        "MATCH (s:Service) WHERE s.tier IN [1, 3] AND NOT s.name CONTAINS 'x' "
        "RETURN s.name ORDER BY s.name SKIP 1 LIMIT 5",
        {},
        ["s.name"],
        [["payments"]],
    ),
    (
        "MATCH (s:Service) WHERE s.name IN $names RETURN s.name ORDER BY s.name",
        {"names": ["notify", "ledger", "zzz"]},
        ["s.name"],
        [["ledger"], ["notify"]],
    ),
    ("MATCH (s:Service) WHERE s.tags IS NULL RETURN s.name", {}, ["s.name"], [["notify"]]),
    ("MATCH (s:Service) WHERE s.tags IS NOT NULL RETURN count(*) AS c", {}, ["c"], [[2]]),
    ("MATCH (s:Service) WHERE s.tier = '1' RETURN s.name", {}, ["s.name"], []),
    (
        "MATCH (s:Service) WHERE s.tier > 1 XOR s.lifecycle = 'experimental' RETURN s.name",
        {},
        ["s.name"],
        [["ledger"]],
    ),
    (
        "MATCH (a)-[r:IMPLEMENTS]->(t:Term) RETURN a.name, r.confidence, type(r), t.name",
        {},
        ["a.name", "r.confidence", "type(r)", "t.name"],
        [["refund", 0.9, "IMPLEMENTS", "Refunds"]],
    ),
    (
        "MATCH (s:Service) RETURN DISTINCT s.lifecycle AS l ORDER BY l",
        {},
        ["l"],
        [["experimental"], ["production"]],
    ),
    (
        "MATCH (s:Service) RETURN sum(s.tier) AS t, avg(s.tier) AS a, min(s.name) AS lo, "
        "max(s.tier) AS hi",
        {},
        ["t", "a", "lo", "hi"],
        [[6, 2.0, "ledger", 3]],
    ),
    ("MATCH (s:Service) RETURN count(DISTINCT s.lifecycle) AS n", {}, ["n"], [[2]]),
    ("MATCH (s:Service) RETURN s.name ORDER BY s.tier DESC LIMIT 1", {}, ["s.name"], [["notify"]]),
    (
        "MATCH (s:Service), (o:Owner {name: 'team-pay'}) WHERE s.tier = 1 RETURN s.name, o.name",
        {},
        ["s.name", "o.name"],
        [["payments", "team-pay"]],
    ),
    (
        "MATCH (a)-[:CONTAINS]->(b)-[:CONTAINS]->(c) RETURN a.name, c.name ORDER BY c.name",
        {},
        ["a.name", "c.name"],
        [["payments", "charge"], ["payments", "refund"]],
    ),
    (
        "MATCH (a:CodeComponent)-[:CALLS|IMPLEMENTS]->(b) RETURN b.name ORDER BY b.name",
        {},
        ["b.name"],
        [["Refunds"], ["charge"]],
    ),
    (
        "MATCH (s:Service {name: 'payments'}) RETURN s.name + '-svc' AS n, s.tier * 10 + 1 AS t, "
        "labels(s) AS l, id(s) AS i, size(s.tags) AS k, toUpper(s.name) AS u",
        {},
        ["n", "t", "l", "i", "k", "u"],
        [["payments-svc", 11, ["Service"], "service:payments", 2, "PAYMENTS"]],
    ),
    (
        "MATCH (s:Service) WHERE s:Service AND s.tier = 3 RETURN coalesce(s.tags, 'none') AS t",
        {},
        ["t"],
        [["none"]],
    ),
    (
        "MATCH (s:Service) RETURN s.tags ORDER BY s.name",
        {},
        ["s.tags"],
        [[["go"]], [None], [["payments", "python"]]],
    ),
    (
        "RETURN 1 + 2 AS three, 'a' + 'b' AS ab, [1, 'x'] AS l, {k: 1} AS m, null AS n",
        {},
        ["three", "ab", "l", "m", "n"],
        [[3, "ab", [1, "x"], {"k": 1}, None]],
    ),
]


CASES += [
    (
        "MATCH (o:Owner)-[:OWNS]->(s) RETURN o.id AS owner, count(s) AS n ORDER BY n, owner",
        {},
        ["owner", "n"],
        [["owner:team-pay", 1], ["owner:team-core", 2]],
    ),
    (
        "MATCH (o:Owner)-[:OWNS]->(s) RETURN o, count(s) AS n ORDER BY o.name DESC",
        {},
        ["o", "n"],
        [
            [{"id": "owner:team-pay", "label": "Owner", "name": "team-pay", "props": {}}, 1],
            [{"id": "owner:team-core", "label": "Owner", "name": "team-core", "props": {}}, 2],
        ],
    ),
    # collect() lists come back sorted (Cypher leaves the order open; both stores agree).
    (
        "MATCH (c:CodeComponent) RETURN c.kind, collect(c.name) AS names ORDER BY c.kind",
        {},
        ["c.kind", "names"],
        [["function", ["charge", "refund"]], ["module", ["app.py"]]],
    ),
    (
        "MATCH (s:Service) RETURN collect(DISTINCT s.lifecycle) AS l, collect(s.tier) AS t",
        {},
        ["l", "t"],
        [[["experimental", "production"], [1, 2, 3]]],
    ),
    (
        "MATCH (a)-[:IMPLEMENTS|CALLS*1..2 {confidence: 0.9}]->(t) RETURN a.name, t.name",
        {},
        ["a.name", "t.name"],
        [["refund", "Refunds"]],
    ),
    (
        "RETURN {b: 1, a: [2, {d: 1, c: 0}]} = {a: [2, {c: 0, d: 1}], b: 1} AS same",
        {},
        ["same"],
        [[True]],
    ),
    ("OPTIONAL MATCH (x:Nothing) RETURN count(x) AS n", {}, ["n"], [[0]]),
    (
        "MATCH (s:Service) OPTIONAL MATCH (s)-[:CONSUMES_API]->(a) "
        "RETURN s.name, count(a) AS apis ORDER BY s.name",
        {},
        ["s.name", "apis"],
        [["ledger", 0], ["notify", 1], ["payments", 0]],
    ),
    (
        "MATCH (a)-[:DEPENDS_ON*]->(b) WHERE a.name = 'payments' RETURN b.name ORDER BY b.name",
        {},
        ["b.name"],
        [["ledger"], ["notify"]],
    ),
]


@pytest.mark.parametrize(("query", "params", "columns", "rows"), CASES, ids=[c[0] for c in CASES])
def test_query(
    graph: GraphStore, query: str, params: dict[str, Any], columns: list[str], rows: list[Any]
) -> None:
    result = graph.query(query, params)
    assert result.columns == columns
    got = result.rows
    if "ORDER BY" not in query:
        got, rows = sorted(got, key=repr), sorted(rows, key=repr)
    assert got == rows


ERRORS = [
    ("MATCH (n RETURN n", 1, 10, "expected ')'"),
    ("MATCH (n)\nWITH n RETURN n", 2, 1, "WITH is not supported"),
    ("MATCH (n) RETURN m", 1, 18, "variable `m` is not defined"),
    ("MATCH (n)\n  WHERE n.name = 'x\nRETURN n", 2, 18, "unterminated string"),
    ("MATCH (n) RETURN n.name =~ 'a.*'", 1, 25, "regular expressions"),
    ("MATCH (n) RETURN n LIMIT -1", 1, 26, "non-negative"),
    ("MATCH (n) WHERE n.x = $missing RETURN n", 1, 23, "missing parameter $missing"),
    ("MATCH (n)-[*3..1]->(m) RETURN m", 1, 12, "empty range"),
    ("MATCH (n) RETURN foo(n)", 1, 18, "unknown or unsupported function foo()"),
    ("MATCH (n) RETURN n #", 1, 20, "unexpected character '#'"),
    (
        "MATCH (n) RETURN DISTINCT n.name ORDER BY n.tier",
        1,
        43,
        "ORDER BY must use returned columns",
    ),
    ("MATCH (n)", 1, 10, "must end with RETURN"),
    ("CREATE (n {name: 'x'})", 1, 8, "exactly one label"),
    ("MATCH (a:Service {name: 'ledger'}) DELETE a", 1, 43, "DETACH DELETE"),
]


@pytest.mark.parametrize(("query", "line", "col", "message"), ERRORS, ids=[e[0] for e in ERRORS])
def test_error_positions(graph: GraphStore, query: str, line: int, col: int, message: str) -> None:
    with pytest.raises(CypherError) as info:
        graph.query(query)
    assert (info.value.line, info.value.column) == (line, col), info.value
    assert message in info.value.message


def test_failed_write_changes_nothing(graph: GraphStore) -> None:
    before = graph.counts()
    with pytest.raises(CypherError):
        graph.query("CREATE (x:Service {name: 'tmp'}) WITH x MATCH (a) DELETE a")
    with pytest.raises(CypherError):
        graph.query("MATCH (a:Service) CREATE (b:Owner {name: 'o'})-[:OWNS]->(a) DELETE a")
    assert graph.counts() == before


def test_create_merge_set_delete(graph: GraphStore) -> None:
    r = graph.query("CREATE (n:Service {name: 'billing', tier: 2}) RETURN n.name, n.id, n.tier")
    assert r.rows == [["billing", "service:billing", 2]]
    assert r.stats["nodes_created"] == 1
    r = graph.query(
        "MATCH (a:Service {name: 'billing'}), (b:Service {name: 'ledger'}) "
        "MERGE (a)-[:DEPENDS_ON]->(b) SET a.tier = $t, a.owner = 'x'",
        {"t": 4},
    )
    assert r.stats["relationships_created"] == 1 and r.stats["properties_set"] == 2
    again = graph.query(
        "MATCH (a:Service {name: 'billing'}), (b:Service {name: 'ledger'}) "
        "MERGE (a)-[:DEPENDS_ON]->(b)"
    )
    assert again.stats["relationships_created"] == 0
    rows = graph.query(
        "MATCH (a:Service {name: 'billing'})-[:DEPENDS_ON]->(b) RETURN a.tier, a.owner, b.name"
    ).rows
    assert rows == [[4, "x", "ledger"]]
    graph.query("MERGE (t:Term {name: 'Billing'}) ON CREATE SET t.new = true")
    graph.query("MERGE (t:Term {name: 'Billing'}) ON MATCH SET t.seen = 1")
    node = graph.get_node("term:billing")
    assert node is not None and node.props == {"new": True, "seen": 1}
    graph.query("MATCH (t:Term {name: 'Billing'}) SET t.new = null")
    node = graph.get_node("term:billing")
    assert node is not None and node.props == {"seen": 1}
    r = graph.query("MATCH (a:Service {name: 'billing'})-[r:DEPENDS_ON]->() DELETE r")
    assert r.stats["relationships_deleted"] == 1
    r = graph.query("MATCH (a:Service {name: 'billing'}) DELETE a")
    assert r.stats["nodes_deleted"] == 1
    r = graph.query("MATCH (s:Service {name: 'ledger'}) DETACH DELETE s")
    assert r.stats == {**r.stats, "nodes_deleted": 1, "relationships_deleted": 3}
    assert graph.get_node("service:ledger") is None
    created = graph.query(
        "CREATE (a:Owner {name: 'team-x'})-[:OWNS {since: 2024}]->(s:Service {name: 'x'}) "
        "RETURN a.name, s.id"
    )
    assert created.rows == [["team-x", "service:x"]]
    owns = graph.query("MATCH (:Owner)-[r:OWNS {since: 2024}]->(s) RETURN s.name").rows
    assert owns == [["x"]]


VALUES = st.one_of(st.integers(-5, 5), st.sampled_from(["a", "b", "ab", ""]), st.booleans())


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    values=st.lists(st.one_of(VALUES, st.none()), min_size=1, max_size=8),
    probe=VALUES,
    op=st.sampled_from(["=", "<>", "<", ">=", "STARTS WITH"]),
)
def test_where_matches_python_filter(
    store: GraphStore, values: list[Any], probe: Any, op: str
) -> None:
    """MATCH … WHERE n.x <op> $v returns exactly the nodes a Python filter keeps."""
    store.clear()
    nodes = [
        Node(f"service:s{i}", "Service", f"s{i}", {} if v is None else {"x": v})
        for i, v in enumerate(values)
    ]
    store.upsert(GraphFacts(nodes=nodes))
    result = store.query(f"MATCH (n:Service) WHERE n.x {op} $v RETURN n.name", {"v": probe})

    def keep(v: Any) -> bool:
        if v is None or type(v) is not type(probe):
            return op == "<>" and v is not None
        if op == "=":
            return bool(v == probe)
        if op == "<>":
            return bool(v != probe)
        if op == "<":
            return bool(v < probe)
        if op == ">=":
            return bool(v >= probe)
        return isinstance(v, str) and v.startswith(probe)

    expected = sorted(f"s{i}" for i, v in enumerate(values) if keep(v))
    assert sorted(r[0] for r in result.rows) == expected


def test_return_after_writes(graph: GraphStore) -> None:
    r = graph.query("MATCH (s:Service) SET s.audited = true RETURN DISTINCT s.audited AS a")
    assert r.rows == [[True]] and r.stats["properties_set"] == 3
    r = graph.query(
        "MATCH (s:Service {name: 'ledger'}) SET s.tier = s.tier * 10 + 1 "
        "RETURN s.name + '!' AS n, s.tier AS t, toUpper(s.name) AS u"
    )
    assert r.rows == [["ledger!", 21, "LEDGER"]]
    with pytest.raises(CypherError, match="ORDER BY/SKIP/LIMIT after a write"):
        graph.query("MATCH (s:Service) SET s.x = 1 RETURN s.name ORDER BY s.name")
    with pytest.raises(CypherError, match="only literals, parameters"):
        graph.query("MATCH (s:Service) SET s.x = count(s)")
