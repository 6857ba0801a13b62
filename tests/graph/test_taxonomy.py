from __future__ import annotations

import pytest
from intheflow.graph.model import Edge, GraphFacts, Node, Provenance
from intheflow.graph.taxonomy import (
    TaxonomyError,
    load_taxonomy,
    map_components,
    parse_taxonomy,
    stem,
    term_facts,
    tokens,
)

from tests.conftest import EXAMPLES

TAXONOMY = """
version: 1
terms:
  - name: Payment Processing
    description: Taking money.
    hints: {keywords: [charge, capture], tags: [payments], paths: [svc/pay/]}
  - name: Refunds
    parent: Payment Processing
    hints: {keywords: [refund, reversal], names: ["re:^undo_"], imports: ["stripe.refunds*"]}
  - name: Fraud Screening
    hints: {keywords: [fraud, velocity check]}
"""


def comp(qualname: str, path: str = "svc/pay/app.py", **props: object) -> Node:
    return Node(
        f"component:{path}#{qualname}",
        "CodeComponent",
        qualname.rsplit(".", 1)[-1],
        {"kind": "function", "qualname": qualname, "path": path, **props},
        Provenance(path, 3),
    )


def implements(facts: GraphFacts) -> dict[tuple[str, str], Edge]:
    return {(e.src.split("#")[-1], e.dst): e for e in facts.edges if e.type == "IMPLEMENTS"}


def test_tokens_and_stems() -> None:
    assert tokens("PaymentService.refund_card2") == ["payment", "service", "refund", "card", "2"]
    assert tokens("HTTPRefundHandler") == ["http", "refund", "handler"]
    assert stem("refunds") == stem("refund") == "refund"
    assert stem("charging") == "charg"


def test_mapping_scores_and_explains() -> None:
    tax = parse_taxonomy(TAXONOMY)
    service = Node("service:pay", "Service", "pay", {"tags": ["payments"]})
    nodes = [
        service,
        comp("Payments.refund", service="pay", docstring="Refund a captured payment."),
        comp("charge_card", service="pay"),
        comp("undo_posting", path="other/x.py"),
        comp("risk", path="other/y.py", docstring="Velocity check before fraud scoring."),
        comp("helper", path="other/z.py", imports=["stripe.refunds.v2"]),
        comp("unrelated", path="other/w.py", docstring="Formats a date."),
        comp("refund_test", path="svc/pay/tests/test_app.py"),
    ]
    edges = [Edge(nodes[2].id, nodes[6].id, "CALLS")]
    got = implements(map_components(tax, GraphFacts(nodes=nodes, edges=edges)))
    refund = got[("Payments.refund", "term:refunds")]
    assert refund.props["evidence"] == [
        "name 'refund' matches keyword 'refund'",
        "docstring mentions 'refund' (keyword 'refund')",
    ]
    assert refund.props["confidence"] == pytest.approx(1 - 0.45 * 0.7, abs=1e-3)
    # The docstring also says "captured": a weaker second term, ranked below.
    weaker = got[("Payments.refund", "term:payment-processing")]
    assert weaker.props["confidence"] < refund.props["confidence"]
    charge = got[("charge_card", "term:payment-processing")]
    assert charge.props["evidence"] == [
        "name 'charge_card' matches keyword 'charge'",
        "file 'svc/pay/app.py' is under 'svc/pay/'",
        "service 'pay' is tagged 'payments'",
    ]
    assert charge.props["confidence"] == pytest.approx(1 - 0.45 * 0.75 * 0.8, abs=1e-3)
    assert got[("undo_posting", "term:refunds")].props["evidence"] == [
        "name 'undo_posting' matches pattern 're:^undo_'"
    ]
    assert got[("helper", "term:refunds")].props["evidence"] == [
        "imports 'stripe.refunds.v2' (hint 'stripe.refunds*')"
    ]
    # A docstring mention alone (0.3) is below the threshold; so is a call neighbour alone.
    assert not any(k[0] in ("risk", "unrelated") for k in got)
    assert not any(k[0] == "refund_test" for k in got)  # tests exercise, not implement


def test_mapping_is_deterministic() -> None:
    tax = parse_taxonomy(TAXONOMY)
    nodes = [comp(f"refund_{i}") for i in range(5)] + [comp("charge")]
    edges = [Edge(nodes[i].id, nodes[i + 1].id, "CALLS") for i in range(5)]
    a = map_components(tax, GraphFacts(nodes=nodes, edges=edges))
    b = map_components(tax, GraphFacts(nodes=list(reversed(nodes)), edges=list(reversed(edges))))
    assert a == b


def test_term_facts_with_parents() -> None:
    facts = term_facts(parse_taxonomy(TAXONOMY, "taxonomy.yaml"))
    assert [n.id for n in facts.nodes] == [
        "term:payment-processing",
        "term:refunds",
        "term:fraud-screening",
    ]
    assert [(e.src, e.type, e.dst) for e in facts.edges] == [
        ("term:refunds", "PART_OF", "term:payment-processing")
    ]
    assert facts.nodes[1].provenance == Provenance("taxonomy.yaml", 6)


def test_example_taxonomy_loads() -> None:
    tax = load_taxonomy(EXAMPLES / "taxonomy.yaml")
    names = [t.name for t in tax.terms]
    assert "Refunds" in names and "Payment Processing" in names


@pytest.mark.parametrize(
    ("text", "line", "col", "message"),
    [
        ("terms:\n  - name: A\n    hints: {keywords: [a}\n", 3, 25, "invalid YAML"),
        ("terms:\n  - description: no name\n", 2, 5, "needs a `name`"),
        ("terms:\n  - name: A\n  - name: A\n", 3, 5, "duplicate term"),
        ("terms:\n  - name: A\n    parent: B\n", 2, 5, "parent 'B' of 'A' is not a term"),
        ("terms:\n  - name: A\n    hints: {colour: [red]}\n", 2, 5, "unknown hint(s) colour"),
        ("terms:\n  - name: A\n    hints: {names: ['re:(']}\n", 2, 5, "bad regular expression"),
        ("terms:\n  - {name: A, parent: B}\n  - {name: B, parent: A}\n", 2, 5, "own ancestor"),
        ("terms: {}\n", 1, 8, "must be a list"),
        ("version: 1\n", 1, 1, "missing `terms`"),
    ],
)
def test_bad_taxonomy_reports_position(text: str, line: int, col: int, message: str) -> None:
    with pytest.raises(TaxonomyError) as info:
        parse_taxonomy(text, "taxonomy.yaml")
    err = info.value
    assert (err.path, err.line, err.column) == ("taxonomy.yaml", line, col), str(err)
    assert message in err.message


def test_format_schema_accepts_the_example_and_the_loader_agrees() -> None:
    import json

    import jsonschema
    import yaml

    from tests.conftest import REPO

    schema = json.loads(
        (REPO / "shared" / "schemas" / "formats" / "taxonomy.schema.json").read_text()
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    example = yaml.safe_load((EXAMPLES / "taxonomy.yaml").read_text())
    assert list(validator.iter_errors(example)) == []
    bad = {"terms": [{"name": "A", "hints": {"colour": ["red"]}}]}
    assert list(validator.iter_errors(bad))
    with pytest.raises(TaxonomyError):
        parse_taxonomy(yaml.safe_dump(bad))
