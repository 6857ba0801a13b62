"""COPY name [OF/IN lib] [REPLACING ==pseudo== BY ==pseudo== | word BY word …] at token level.

Copied tokens keep their own file and line, so diagnostics inside a copybook point into it.
"""

from __future__ import annotations

from pathlib import Path

from intheflow.transpile.cobol.lexer import LexError, Token, tokenize

SUFFIXES = ("", ".cpy", ".CPY", ".cbl", ".CBL", ".cob", ".COB")


def find_copybook(name: str, dirs: list[Path]) -> Path | None:
    for d in dirs:
        for sub in (d, d / "copybooks", d / "copy"):
            for suffix in SUFFIXES:
                for candidate in (sub / f"{name}{suffix}", sub / f"{name.lower()}{suffix}"):
                    if candidate.is_file():
                        return candidate
    return None


def _pseudo(tokens: list[Token], i: int) -> tuple[list[Token], int]:
    """Read ==…== (i at the opening ==) or a single token; return the tokens and the next index."""
    if tokens[i].kind == "pseudo":
        j = i + 1
        while j < len(tokens) and tokens[j].kind != "pseudo":
            j += 1
        return tokens[i + 1 : j], j + 1
    return [tokens[i]], i + 1


def _joined(tokens: list[Token]) -> str:
    """Pseudo-text as written: adjacent tokens without spaces, others with one."""
    out = ""
    for n, tok in enumerate(tokens):
        prev = tokens[n - 1] if n else None
        glued = prev is not None and prev.line == tok.line and prev.col + len(prev.text) == tok.col
        out += ("" if glued or prev is None else " ") + tok.text
    return out


def _same(a: Token, b: Token) -> bool:
    return a.kind == b.kind and a.text == b.text


def _replace(tokens: list[Token], rules: list[tuple[list[Token], list[Token]]]) -> list[Token]:
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        for old, new in rules:
            n = len(old)
            if (
                n
                and all(_same(tokens[i + k], old[k]) for k in range(min(n, len(tokens) - i)))
                and (i + n <= len(tokens))
            ):
                at = tokens[i]
                out.extend(Token(t.kind, t.text, at.line, at.col, at.path) for t in new)
                i += n
                break
        else:
            # Partial-word replacement (==:PFX:== BY ==CUST==) as GnuCOBOL does for :TAG: style.
            tok = tokens[i]
            if tok.kind == "word":
                text = tok.text
                for old, new in rules:
                    if len(old) == 1 and len(new) <= 1 and old[0].text.startswith(":"):
                        text = text.replace(old[0].text, new[0].text if new else "")
                tok = Token(tok.kind, text, tok.line, tok.col, tok.path)
            out.append(tok)
            i += 1
    return out


def expand(
    tokens: list[Token], path: str, dirs: list[Path], depth: int = 0
) -> tuple[list[Token], list[LexError]]:
    out: list[Token] = []
    errors: list[LexError] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not tok.is_word("COPY") or (tok.path or path) != path:
            out.append(tok)
            i += 1
            continue
        if i + 1 >= len(tokens):
            errors.append(LexError("COPY without a copybook name", tok.line, tok.col))
            break
        name_tok = tokens[i + 1]
        i += 2
        if i < len(tokens) and tokens[i].is_word("OF", "IN"):
            i += 2
        rules: list[tuple[list[Token], list[Token]]] = []
        if i < len(tokens) and tokens[i].is_word("REPLACING"):
            i += 1
            while i < len(tokens) and tokens[i].kind != "period":
                old, i = _pseudo(tokens, i)
                if i < len(tokens) and tokens[i].is_word("BY"):
                    i += 1
                else:
                    errors.append(LexError("REPLACING needs BY", tok.line, tok.col))
                    break
                new, i = _pseudo(tokens, i) if i < len(tokens) else ([], i)
                rules.append((old, new))
        if i < len(tokens) and tokens[i].kind == "period":
            i += 1
        found = find_copybook(name_tok.text, dirs)
        if found is None:
            errors.append(
                LexError(f"copybook {name_tok.text} not found", name_tok.line, name_tok.col)
            )
            continue
        if depth > 10:
            errors.append(LexError("COPY nested too deeply", tok.line, tok.col))
            continue
        text = found.read_text(errors="replace")
        # Tag replacement (==:PFX:== BY ==CUST==) works on text, inside words, as GnuCOBOL does.
        word_rules = []
        for old, new in rules:
            old_text = _joined(old)
            if old_text.startswith(":") and old_text.endswith(":") and len(old_text) > 2:
                text = text.replace(old_text, _joined(new))
            else:
                word_rules.append((old, new))
        rules = word_rules
        sub_tokens, sub_errors = tokenize(text, str(found))
        sub_tokens, nested = expand(sub_tokens, str(found), [found.parent, *dirs], depth + 1)
        errors.extend(sub_errors)
        errors.extend(nested)
        out.extend(_replace(sub_tokens, rules) if rules else sub_tokens)
    return out, errors
