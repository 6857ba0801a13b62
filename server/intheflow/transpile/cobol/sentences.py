"""NEXT SENTENCE: where it is the sentence's last action it is a no-op; elsewhere the sentence
becomes a block that NEXT SENTENCE leaves (a labelled break in every target)."""

from __future__ import annotations

from intheflow.transpile.ir import model as ir
from intheflow.transpile.ir.walk import walk_stmts


def close_sentence(stmts: list[ir.Stmt], line: int) -> list[ir.Stmt]:
    """The statements of one sentence (up to its period), NEXT SENTENCE resolved."""
    if not _has_next_sentence(stmts):
        return stmts
    _continue_at_tail(stmts)
    return [ir.Sentence(stmts, line)] if _has_next_sentence(stmts) else stmts


def _has_next_sentence(block: list[ir.Stmt]) -> bool:
    return any(isinstance(s, ir.NextSentence) for s in walk_stmts(block))


def _continue_at_tail(block: list[ir.Stmt]) -> None:
    """NEXT SENTENCE as the last thing a sentence does is CONTINUE (e.g. `IF A NEXT SENTENCE
    ELSE …` ending the sentence). Loop bodies are not tails: leaving them ends the loop."""
    if not block:
        return
    last = block[-1]
    if isinstance(last, ir.NextSentence):
        block[-1] = ir.Exit(last.line)
    elif isinstance(last, ir.If):
        _continue_at_tail(last.then)
        _continue_at_tail(last.orelse)
    elif isinstance(last, ir.Evaluate):
        for when in last.whens:
            _continue_at_tail(when.body)
    elif isinstance(last, ir.Arith):
        for tail in (last.on_size_error, last.not_on_size_error):
            if tail is not None:
                _continue_at_tail(tail)
