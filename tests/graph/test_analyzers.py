from __future__ import annotations

from pathlib import Path
from typing import Any

from intheflow.analysis import AnalysisContext, analyze_document
from intheflow.core.diagnostics import Severity
from intheflow.core.documents import Document
from intheflow.graph.analyzers import CatalogAnalyzer, TaxonomyAnalyzer
from intheflow.graph.backstage import find_catalog_files


def test_example_workspace_catalog_and_taxonomy_are_clean(example_workspace: Path) -> None:
    ctx = AnalysisContext(root=example_workspace)
    mine: list[Any] = [CatalogAnalyzer(), TaxonomyAnalyzer()]
    files = [*find_catalog_files(example_workspace), example_workspace / "taxonomy.yaml"]
    assert len(files) >= 3
    docs = [Document(str(f), f.read_text(encoding="utf-8")) for f in files]
    assert [d for doc in docs for d in analyze_document(doc, ctx, mine)] == []


def test_bad_catalog_is_an_error_at_its_position(tmp_path: Path) -> None:
    path = tmp_path / "svc" / "catalog-info.yaml"
    doc = Document(path=str(path), text="kind: Component\nmetadata:\n  name: [x\n")
    (diag,) = CatalogAnalyzer().analyze(doc, AnalysisContext(root=tmp_path))
    assert diag.severity == Severity.ERROR and diag.code == "catalog/invalid"
    assert (diag.range.start.line, diag.range.start.character) == (3, 0)
    assert "invalid YAML" in diag.message


def test_unresolved_reference_is_a_warning_on_the_reference(tmp_path: Path) -> None:
    (tmp_path / "catalog-info.yaml").write_text(
        "kind: Group\nmetadata: {name: team-a}\nspec: {type: team, children: []}\n",
        encoding="utf-8",
    )
    text = (
        "kind: Component\n"
        "metadata: {name: svc}\n"
        "spec:\n"
        "  owner: group:team-a\n"
        "  dependsOn: [component:ghost]\n"
    )
    path = tmp_path / "svc" / "catalog-info.yaml"
    diags = CatalogAnalyzer().analyze(Document(str(path), text), AnalysisContext(root=tmp_path))
    assert [(d.code, d.range.start.line, d.range.start.character) for d in diags] == [
        ("catalog/unresolved-ref", 4, 14)
    ]
    assert "'component:ghost' (DEPENDS_ON)" in diags[0].message


def test_bad_taxonomy(tmp_path: Path) -> None:
    doc = Document(str(tmp_path / "taxonomy.yaml"), "terms:\n  - name: A\n    parent: Nope\n")
    (diag,) = TaxonomyAnalyzer().analyze(doc, AnalysisContext(root=tmp_path))
    assert diag.code == "taxonomy/invalid" and diag.range.start.line == 1
    assert "parent 'Nope'" in diag.message
    ok = Document(str(tmp_path / "taxonomy.yaml"), "terms:\n  - name: A\n")
    assert TaxonomyAnalyzer().analyze(ok, AnalysisContext(root=tmp_path)) == []
