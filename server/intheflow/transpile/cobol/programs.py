"""Several programs in one source: consecutive programs separated by END PROGRAM, and nested
(contained) programs. Each becomes its own token range, parsed as a program of its own."""

from __future__ import annotations

from itertools import pairwise

from intheflow.transpile.cobol.lexer import Token


def split_programs(tokens: list[Token]) -> list[list[Token]]:
    """Token ranges, one per PROGRAM-ID, without the END PROGRAM markers. A contained program
    is cut out of its parent; the parent's text after it (only END PROGRAM) is dropped."""
    starts = [_header_start(tokens, k) for k, t in enumerate(tokens) if t.is_word("PROGRAM-ID")]
    if len(starts) <= 1:
        return [_without_end_markers(tokens)]
    starts[0] = 0  # comments and directives before the first header belong to it
    bounds = [*starts, len(tokens)]
    return [_without_end_markers(tokens[a:b]) for a, b in pairwise(bounds)]


def _header_start(tokens: list[Token], k: int) -> int:
    """Back over `IDENTIFICATION DIVISION.` (or `ID DIVISION.`) before PROGRAM-ID."""
    j = k
    if j >= 1 and tokens[j - 1].kind == "period":
        j -= 1
    if (
        j >= 2
        and tokens[j - 1].is_word("DIVISION")
        and tokens[j - 2].is_word("IDENTIFICATION", "ID")
    ):
        return j - 2
    return k


def _without_end_markers(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        if tokens[k].is_word("END") and k + 1 < len(tokens) and tokens[k + 1].is_word("PROGRAM"):
            k += 3  # END PROGRAM name
            if k < len(tokens) and tokens[k].kind == "period":
                k += 1
            continue
        out.append(tokens[k])
        k += 1
    return out
