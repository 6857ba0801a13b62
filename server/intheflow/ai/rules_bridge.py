"""Rules override AI: the code-rule check used to drop AI suggestions and reject generations.

It calls the rules engineer's analyzer (`intheflow.coderules.analyzers.CodeRuleAnalyzer`, which
reads the workspace's code-rule sets) when that capability is installed; without it, only the
parse filter applies. Only problems that the AI text *adds* count: a file may already break a
rule while the user types, and that is not the suggestion's fault.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from intheflow.core.diagnostics import Severity
from intheflow.core.documents import Document

log = logging.getLogger(__name__)

# (path, language, text before the AI text, text after) -> messages of rules the AI text breaks
RuleCheck = Callable[[str, str, str, str], list[str]]


def code_rule_check(root: Path) -> RuleCheck | None:
    try:
        from intheflow.analysis import AnalysisContext
        from intheflow.coderules.analyzers import CodeRuleAnalyzer
    except Exception:  # the capability is absent or broken: parse filter only
        log.info("code rules unavailable; AI suggestions get the parse filter only")
        return None
    analyzer = CodeRuleAnalyzer()
    ctx = AnalysisContext(root=root)

    def problems(path: str, text: str) -> Counter[str]:
        diags = analyzer.analyze(Document(path=path, text=text), ctx)
        return Counter(f"{d.code}: {d.message}" for d in diags if d.severity <= Severity.WARNING)

    def check(path: str, language: str, before: str, after: str) -> list[str]:
        try:
            added = problems(path, after) - problems(path, before)
        except Exception:  # a rule-engine bug must not block completions
            log.debug("code rule check failed", exc_info=True)
            return []
        return sorted(added)

    return check
