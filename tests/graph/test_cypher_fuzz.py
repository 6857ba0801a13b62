"""Bad input never escapes as anything but CypherError (the language server relays that as a
clean error): random text, random token soup and mutations of valid queries."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from intheflow.graph.cypher import CypherError
from intheflow.graph.store import GraphStore, open_store

from tests.graph.conftest import small_graph
from tests.graph.test_cypher import CASES

TOKENS = [
    "MATCH", "OPTIONAL", "WHERE", "RETURN", "DISTINCT", "ORDER", "BY", "DESC", "SKIP", "LIMIT",
    "CREATE", "MERGE", "SET", "DELETE", "DETACH", "AS", "AND", "OR", "NOT", "IN", "IS", "NULL",
    "STARTS", "WITH", "CONTAINS", "count", "collect", "(", ")", "[", "]", "{", "}", ":", ",",
    ".", "..", "-", "->", "<-", "*", "=", "<>", "<", ">=", "+", "/", "n", "m", "r", "Service",
    "DEPENDS_ON", "name", "tier", "1", "2.5", "'x'", "$p", "true", "null", "|", "`odd key`",
]  # fmt: skip


@pytest.fixture(scope="module")
def lite() -> Iterator[GraphStore]:
    store = open_store(":memory:")
    store.upsert(small_graph())
    yield store
    store.close()


def _run(store: GraphStore, text: str) -> None:
    try:
        store.query(text, {"p": 1})
    except CypherError as exc:
        assert exc.line >= 1 and exc.column >= 1


FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FAST
@given(st.text(max_size=60))
def test_random_text(lite: GraphStore, text: str) -> None:
    _run(lite, text)


@FAST
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=25))
def test_token_soup(lite: GraphStore, tokens: list[str]) -> None:
    _run(lite, " ".join(tokens))


@FAST
@given(st.sampled_from([c[0] for c in CASES]), st.data())
def test_mutated_valid_queries(lite: GraphStore, query: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(query)))
    cut = data.draw(st.integers(0, 6))
    insert = data.draw(st.sampled_from(["", *TOKENS]))
    lite.clear()  # a mutation may have turned a read into a write
    lite.upsert(small_graph())
    _run(lite, query[:at] + " " + insert + " " + query[at + cut :])
