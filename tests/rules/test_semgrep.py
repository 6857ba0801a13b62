"""Semgrep rule files in a workspace: the real semgrep runs once per check and its findings join
the diagnostics; in a long-lived context a file is re-scanned only after it is saved."""

from __future__ import annotations

import os
from pathlib import Path

from intheflow.analysis import AnalysisContext, analyze_tree
from intheflow.coderules.analyzers import CodeRuleAnalyzer
from intheflow.core.documents import Document

RULES = """rules:
  - id: no-eval
    pattern: eval(...)
    message: eval() runs arbitrary code
    languages: [python]
    severity: ERROR
"""


def test_semgrep_findings_are_merged_and_refreshed_on_save(tmp_path: Path) -> None:
    (tmp_path / ".semgrep.yml").write_text(RULES)
    a = tmp_path / "a.py"
    a.write_text('x = 1\ny = eval("x + 1")\n')
    (tmp_path / "b.py").write_text("print('fine')\n")
    diags = [d for d in analyze_tree(tmp_path) if d.source == "semgrep"]
    assert [
        (Path(d.path).name, d.code, d.range.start.line, d.range.start.character) for d in diags
    ] == [("a.py", "no-eval", 1, 4)]
    assert diags[0].message == "eval() runs arbitrary code"

    ctx = AnalysisContext(root=tmp_path)
    analyzer = CodeRuleAnalyzer()
    first = analyzer.analyze(Document(path=str(a), text=a.read_text()), ctx)
    assert [d.code for d in first] == ["no-eval"]
    # An unsaved edit does not re-run semgrep: findings stay those of the file on disk.
    unsaved = analyzer.analyze(Document(path=str(a), text="x = 1\n"), ctx)
    assert [d.code for d in unsaved] == ["no-eval"]
    # Saving (a new mtime) re-scans that file.
    a.write_text("x = 1\n")
    os.utime(a, ns=(a.stat().st_atime_ns, a.stat().st_mtime_ns + 1_000_000_000))
    saved = analyzer.analyze(Document(path=str(a), text="x = 1\n"), ctx)
    assert saved == []
