"""Chunking at syntax boundaries, each chunk linked to its graph node."""

from __future__ import annotations

from intheflow.ai.chunking import chunk_file

PY = '''import os

RATE = 3


class Ledger:
    """Double-entry ledger."""

    def post(self, entry):
        return entry


def total(items):
    return sum(items)
'''

COBOL = """       IDENTIFICATION DIVISION.
       PROGRAM-ID. INTPOST.
       PROCEDURE DIVISION.
       0000-MAIN.
           PERFORM 1000-INIT.
           STOP RUN.
       1000-INIT.
           MOVE 0 TO WS-TOTAL.
"""


def test_python_chunks_follow_functions_classes_and_module_runs() -> None:
    chunks = chunk_file("svc/ledger.py", PY)
    got = [(c.kind, c.name, c.start_line, c.node_id) for c in chunks]
    assert ("class", "Ledger", 5, "component:svc/ledger.py#Ledger") in got
    assert ("method", "Ledger.post", 8, "component:svc/ledger.py#Ledger.post") in got
    assert ("function", "total", 12, "component:svc/ledger.py#total") in got
    module = [c for c in chunks if c.kind == "module"]
    assert module and module[0].node_id == "component:svc/ledger.py"
    assert "import os" in module[0].text
    class_chunk = next(c for c in chunks if c.kind == "class")
    assert "def post" not in class_chunk.text  # the header only; the method is its own chunk


def test_cobol_paragraphs_are_chunks() -> None:
    names = [c.name for c in chunk_file("legacy/INTPOST.cbl", COBOL) if c.kind == "paragraph"]
    assert names == ["INTPOST.0000-MAIN", "INTPOST.1000-INIT"]


def test_markdown_sections_ignore_headings_in_code_fences() -> None:
    md = "# Title\nintro\n\n## Usage\n```\n# not a heading\n```\n\n## Fees\nnone\n"
    chunks = chunk_file("docs/guide.md", md)
    assert [c.name for c in chunks] == ["Title", "Usage", "Fees"]
    assert all(c.node_id == "component:docs/guide.md" for c in chunks)


def test_broken_code_still_chunks() -> None:
    chunks = chunk_file("x.py", "def f(:\n    return\n\ndef g():\n    return 2\n")
    assert any(c.name == "g" for c in chunks)
