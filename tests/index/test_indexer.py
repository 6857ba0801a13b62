"""The indexer on the example workspace: graph facts, services, incremental updates, bad files,
and the `intheflow index` command; SQLite and the real PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from intheflow.cli import main
from intheflow.graph.model import component_id, service_id
from intheflow.graph.store import open_store
from intheflow.index.indexer import Indexer

SERVICE_PY = "services/payments-api/payments_api/service.py"
VALIDATION_PY = "services/payments-api/payments_api/validation.py"


def edges(store, etype: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(e.src, e.dst) for e in store.edges(etype)}


@pytest.fixture
def indexed(example_workspace: Path):  # type: ignore[no-untyped-def]
    store = open_store(":memory:")
    indexer = Indexer(example_workspace, store)
    report = indexer.index_workspace()
    yield indexer, store, report
    store.close()


def test_example_workspace_facts(indexed) -> None:  # type: ignore[no-untyped-def]
    _, store, report = indexed
    assert report.files >= 20 and not report.problems
    create = component_id(SERVICE_PY, "PaymentService.create_payment")
    node = store.get_node(create)
    assert node is not None and node.label == "CodeComponent"
    assert node.props["kind"] == "method" and node.props["language"] == "python"
    assert node.props["signature"].startswith("def create_payment(self, request: PaymentRequest)")
    assert node.props["service"] == "payments-api"
    assert node.provenance is not None and node.provenance.source == SERVICE_PY
    calls = edges(store, "CALLS")
    assert (create, component_id(VALIDATION_PY, "validate_payment")) in calls
    gateway = "services/payments-api/payments_api/gateway.py"
    assert (create, component_id(gateway, "charge_card")) in calls
    contains = edges(store, "CONTAINS")
    assert (component_id(SERVICE_PY, "PaymentService"), create) in contains
    assert (component_id(SERVICE_PY), component_id(SERVICE_PY, "PaymentService")) in contains
    deps = edges(store, "DEPENDS_ON")
    assert (component_id(SERVICE_PY), component_id(VALIDATION_PY)) in deps
    part_of = edges(store, "PART_OF")
    assert (component_id(SERVICE_PY), service_id("payments-api")) in part_of
    assert (create, service_id("payments-api")) not in part_of  # reached through CONTAINS


def test_every_language_and_service(indexed) -> None:  # type: ignore[no-untyped-def]
    _, store, _ = indexed
    rows = store.sql("SELECT DISTINCT json_extract(props, '$.language') FROM nodes")
    assert {r[0] for r in rows} >= {"python", "go", "java", "cobol"}
    part_of = edges(store, "PART_OF")
    post = component_id("services/ledger/ledger/posting.go")
    assert (post, service_id("ledger")) in part_of
    sender = component_id(
        "services/notifications/src/main/java/com/acme/notifications/NotificationSender.java"
    )
    assert (sender, service_id("notifications")) in part_of
    para = store.get_node(component_id("legacy/cobol/INTPOST.cbl", "INTPOST.2100-COMPUTE-INTEREST"))
    assert para is not None and para.props["service"] == "interest-batch"
    assert (component_id("legacy/cobol/INTPOST.cbl"), service_id("interest-batch")) in part_of
    main_para = component_id("legacy/cobol/INTPOST.cbl", "INTPOST.0000-MAIN")
    assert (main_para, component_id("legacy/cobol/INTPOST.cbl", "INTPOST.1000-INITIALIZE")) in (
        edges(store, "CALLS")
    )
    copybook = component_id("legacy/cobol/copybooks/ACCTREC.cpy")
    assert (component_id("legacy/cobol/INTPOST.cbl"), copybook) in edges(store, "DEPENDS_ON")
    go_main = component_id("services/ledger/cmd/ledger/main.go")
    assert (go_main, component_id("services/ledger/ledger/posting.go")) in edges(
        store, "DEPENDS_ON"
    )


def test_update_file_replaces_only_that_files_facts(indexed) -> None:  # type: ignore[no-untyped-def]
    indexer, store, _ = indexed
    before = len(store.nodes())
    path = indexer.root / VALIDATION_PY
    text = path.read_text() + "\n\ndef validate_currency(code: str) -> None:\n    check(code)\n"
    fi = indexer.update_file(path, text)
    assert "validate_currency" in [s.qualname for s in fi.symbols]
    assert store.get_node(component_id(VALIDATION_PY, "validate_currency")) is not None
    assert len(store.nodes()) == before + 1
    # Removing a function removes its node and its edges, nothing else.
    text = text.replace("def luhn_valid", "def luhn_ok")
    indexer.update_file(path, text)
    assert store.get_node(component_id(VALIDATION_PY, "luhn_valid")) is None
    assert store.get_node(component_id(VALIDATION_PY, "luhn_ok")) is not None
    assert store.get_node(component_id(SERVICE_PY, "PaymentService")) is not None
    assert len(store.nodes()) == before + 1


def test_editing_a_catalog_updates_its_service_instead_of_dropping_it(indexed) -> None:  # type: ignore[no-untyped-def]
    indexer, store, _ = indexed
    catalog = indexer.root / "services/payments-api/catalog-info.yaml"
    text = catalog.read_text()
    indexer.update_file(catalog, text)  # opening the file in the editor re-indexes it
    assert store.get_node(service_id("payments-api")) is not None
    indexer.update_file(catalog, text.replace("name: payments-api", "name: payments-gateway", 1))
    assert store.get_node(service_id("payments-gateway")) is not None
    assert store.get_node(service_id("payments-api")) is None


def test_removed_files_leave_the_graph_on_reindex(indexed) -> None:  # type: ignore[no-untyped-def]
    indexer, store, _ = indexed
    (indexer.root / VALIDATION_PY).unlink()
    indexer.index_workspace()
    assert store.get_node(component_id(VALIDATION_PY)) is None
    assert store.get_node(component_id(SERVICE_PY)) is not None


def test_bad_files_are_skipped_with_a_located_warning(example_workspace: Path) -> None:
    (example_workspace / "binary.py").write_bytes(b"\x00\x01\x02def x(): pass")
    (example_workspace / "latin1.py").write_bytes(b"# caf\xe9\nx = 1\n")
    (example_workspace / "broken.go").write_text("package x\nfunc (((\n")
    report = Indexer(example_workspace, open_store(":memory:")).index_workspace()
    codes = {Path(d.path).name: d.code for d in report.problems}
    assert codes == {"binary.py": "file-binary", "latin1.py": "file-invalid-utf8"}
    latin = next(d for d in report.problems if d.path.endswith("latin1.py"))
    assert (latin.range.start.line, latin.range.start.character) == (0, 5)
    assert report.syntax_errors == 1


def test_index_command_sqlite(example_workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(example_workspace)]) == 0
    out = capsys.readouterr().out
    assert "CodeComponent" in out and "CALLS" in out
    assert (example_workspace / ".intheflow" / "graph.db").is_file()
    assert main(["index", str(example_workspace), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["files"] >= 20 and payload["edges"]["CALLS"] > 50


def test_index_command_postgres(
    example_workspace: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["index", str(example_workspace), "--graph", pg_url, "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    with open_store(pg_url) as store:
        assert store.counts().nodes == payload["nodes"]
        node = store.get_node(component_id(SERVICE_PY, "PaymentService.refund"))
        assert node is not None and node.props["kind"] == "method"


def test_index_command_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(tmp_path / "nope")]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert main(["index", str(tmp_path), "--graph", "postgresql://nobody@127.0.0.1:1/x"]) == 3
    assert "PostgreSQL is not available" in capsys.readouterr().err


def test_syntax_errors_become_diagnostics(tmp_path: Path) -> None:
    from intheflow.analysis import AnalysisContext
    from intheflow.core.documents import Document
    from intheflow.index.analyzers import SyntaxAnalyzer

    analyzer = SyntaxAnalyzer()
    assert analyzer.applies_to(Path("a.go")) and not analyzer.applies_to(Path("a.cbl"))
    ctx = AnalysisContext(root=tmp_path)
    bad = Document(path="x.py", text="def ok():\n    pass\n\ndef broken(:\n    pass\n")
    diags = analyzer.analyze(bad, ctx)
    assert [(d.code, d.range.start.line) for d in diags] == [("syntax-error", 3)]
    good = Document(path="y.py", text="def ok():\n    pass\n")
    assert analyzer.analyze(good, ctx) == []
