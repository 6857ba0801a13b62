"""Diagnostics for `intheflow check` and the editor:
* rule files (JDM, rulesets, DMN, code rules): load errors and lint warnings with their position;
* source files: code rules (call order, forbidden calls, decorators, naming) with quick-fixes.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from intheflow_rules import Problem

from intheflow.analysis import AnalysisContext, Analyzer
from intheflow.coderules.check import Context, check_file
from intheflow.coderules.files import load_rule_file, rule_kind
from intheflow.coderules.spec import CodeRuleSet, load_code_rules
from intheflow.core.diagnostics import Diagnostic, Severity
from intheflow.core.documents import Document
from intheflow.core.text import Range
from intheflow.core.workspace import iter_files, read_text

log = logging.getLogger(__name__)
CACHE_KEY = "coderules:sets"
# Not under "coderules:": editing a code-rules file must not re-run Semgrep.
SEMGREP_KEY = "semgrep:findings"
CODE_LANGUAGES = frozenset({"python", "go", "java", "rust", "javascript", "typescript"})
_SEVERITY = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


def problem_to_diagnostic(path: str, p: Problem) -> Diagnostic:
    loc = p.location
    line = max(0, loc.line - 1)
    col = max(0, loc.column - 1)
    message = p.message + (f" (at {loc.json_path})" if loc.json_path else "")
    return Diagnostic(
        path=path,
        range=Range.of(line, col, line, col + 1),
        severity=_SEVERITY.get(p.severity, Severity.WARNING),
        code=p.code,
        message=message,
        source="intheflow-rules",
    )


def workspace_code_rules(root: Path) -> list[CodeRuleSet]:
    sets: list[CodeRuleSet] = []
    for path in iter_files(root, frozenset({".json"})):
        read = read_text(path)
        if read.text is None or rule_kind(path, read.text) != "code-rules":
            continue
        sets.append(load_code_rules(path, read.text))
    return sets


class RuleFileAnalyzer:
    name = "rule-files"

    def applies_to(self, path: Path) -> bool:
        return path.suffix.lower() in (".json", ".dmn")

    def analyze(self, doc: Document, ctx: AnalysisContext) -> list[Diagnostic]:
        path = Path(doc.path)
        kind = rule_kind(path, doc.text)
        if kind is None:
            return []
        if kind == "code-rules":
            ctx.invalidate("coderules:")  # source files re-check against the edited rules
            problems = load_code_rules(path, doc.text).problems
        else:
            problems = load_rule_file(path, doc.text).problems
        # Overlaps in `first` tables are notes for `intheflow rules lint`, not editor noise.
        return [problem_to_diagnostic(doc.path, p) for p in problems if p.severity != "info"]


class CodeRuleAnalyzer:
    name = "code-rules"

    def applies_to(self, path: Path) -> bool:
        from intheflow.core.documents import language_of

        return language_of(path) in CODE_LANGUAGES

    def analyze(self, doc: Document, ctx: AnalysisContext) -> list[Diagnostic]:
        out = self.semgrep(doc, ctx)
        sets: list[CodeRuleSet] = ctx.cached(CACHE_KEY, lambda: workspace_code_rules(ctx.root))
        if not any(s.rules for s in sets):
            return out
        from intheflow.index.symbols import extract

        try:
            relpath = Path(doc.path).resolve().relative_to(ctx.root.resolve()).as_posix()
        except ValueError:
            relpath = Path(doc.path).name
        index = extract(relpath, doc.text, doc.language)
        for rs in sets:
            check = Context(doc.path, relpath, doc.text, index, str(rs.path))
            out.extend(check_file(check, rs.rules))
        return out

    def semgrep(self, doc: Document, ctx: AnalysisContext) -> list[Diagnostic]:
        from intheflow.coderules.semgrep import SemgrepCache, config_files, findings_for

        cache: SemgrepCache | None = ctx.cached(
            SEMGREP_KEY, lambda: _semgrep_cache(ctx.root, config_files, SemgrepCache)
        )
        if cache is None:
            return []
        found = list(findings_for(Path(doc.path), ctx.root, cache))
        if cache.error is not None and not ctx.cache.get(SEMGREP_KEY + ":reported"):
            ctx.cache[SEMGREP_KEY + ":reported"] = True  # say it once per run, not per file
            found.append(
                Diagnostic(
                    path=doc.path,
                    range=Range.of(0, 0),
                    severity=Severity.WARNING,
                    code="semgrep-unavailable",
                    message=f"Semgrep rules are present ({cache.configs[0].name}) but semgrep "
                    f"could not run: {cache.error}",
                    source="intheflow-rules",
                )
            )
        return found


def _semgrep_cache(root: Path, find: Any, make: Any) -> Any:
    configs = find(root)
    return make(configs) if configs else None


def analyzers() -> list[Analyzer]:
    return [RuleFileAnalyzer(), CodeRuleAnalyzer()]
