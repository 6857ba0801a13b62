"""A shallow, line-based COBOL scanner: programs, sections, paragraphs, COPY and CALL.

Good enough to put COBOL in the knowledge graph before the transpiler's full parser exists. It
understands fixed format (sequence area 1-6, indicator 7, code 8-72) and free format, ignores
comment lines, and never raises: text it does not understand is skipped.

Symbols: each PROGRAM-ID is a `program` (qualname = program id); sections and paragraphs of its
PROCEDURE DIVISION are `section`/`paragraph` symbols (qualname `PROGRAM.PARA`). Their `calls` are
the PERFORM targets (`PERFORM 2000-POST-INTEREST`, short = the paragraph) and CALL targets
(`CALL 'DATEUTIL'`) in source order. COPY statements become imports.
"""

from __future__ import annotations

import re

from intheflow.core.text import Position, Range
from intheflow.index.symbols import Call, FileIndex, Import, Symbol

_PROGRAM_ID = re.compile(r"\bPROGRAM-ID\s*\.?\s*['\"]?([A-Z0-9][A-Z0-9_-]*)", re.I)
_PROCEDURE = re.compile(r"^\s*PROCEDURE\s+DIVISION\b", re.I)
_DIVISION = re.compile(r"^\s*(IDENTIFICATION|ID|ENVIRONMENT|DATA)\s+DIVISION\b", re.I)
_END_PROGRAM = re.compile(r"^\s*END\s+PROGRAM\b", re.I)
_SECTION = re.compile(r"^([A-Z0-9][A-Z0-9_-]*)\s+SECTION\s*\.\s*$", re.I)
_PARAGRAPH = re.compile(r"^([A-Z0-9][A-Z0-9_-]*)\s*\.\s*$", re.I)
_COPY = re.compile(r"\bCOPY\s+['\"]?([A-Z0-9][A-Z0-9_.-]*?)['\"]?(?:\s|\.|$)", re.I)
_CALL = re.compile(r"\bCALL\s+(['\"])([A-Z0-9][A-Z0-9_-]*)\1", re.I)
_PERFORM = re.compile(
    r"\bPERFORM\s+([A-Z0-9][A-Z0-9_-]*)(?:\s+(?:THRU|THROUGH)\s+([A-Z0-9_-]+))?", re.I
)
_PERFORM_KEYWORDS = frozenset({"UNTIL", "VARYING", "WITH", "TEST", "FOREVER", "TIMES"})
_RESERVED_PARAGRAPH_LIKE = frozenset({"EXIT", "GOBACK", "STOP", "END-IF", "END-PERFORM", "ELSE"})


def _is_fixed_format(lines: list[str]) -> bool:
    """Fixed format when code lines start with a 6-character sequence area."""
    votes = 0
    for line in lines[:200]:
        sequence_area = line[:6].strip() == "" or line[:6].isdigit()
        if len(line) > 7 and sequence_area and line[6] in " *-/D":
            votes += 1
            continue
        if line.strip():
            votes -= 1
    return votes > 0


def _code(line: str, fixed: bool) -> tuple[str, int, bool]:
    """(code text, column where it starts, is area A) for one line; "" for comments."""
    if fixed:
        if len(line) < 7 or line[6] in "*/":
            return "", 0, False
        body = line[7:72]
        stripped = body.lstrip()
        start = 7 + len(body) - len(stripped)
        return stripped.rstrip(), start, start < 11
    stripped = line.lstrip()
    if stripped.startswith("*>"):
        return "", 0, False
    text = stripped.split("*>", 1)[0].rstrip()
    start = len(line) - len(stripped)
    return text, start, start == 0 or start < 4


def scan(relpath: str, text: str) -> FileIndex:
    lines = text.splitlines()
    fixed = _is_fixed_format(lines)
    symbols: list[Symbol] = []
    imports: list[Import] = []
    module_calls: list[Call] = []
    program: Symbol | None = None
    section: Symbol | None = None
    current: Symbol | None = None  # the paragraph (or section) collecting calls
    in_procedure = False

    def close(sym: Symbol | None, line: int) -> None:
        if sym is not None and sym.range.end.line < line:
            end_text = lines[line] if line < len(lines) else ""
            sym.range = Range(sym.range.start, Position(line, len(end_text)))

    def last_code_line(before: int) -> int:
        for n in range(before - 1, -1, -1):
            if _code(lines[n], fixed)[0]:
                return n
        return before

    for n, line in enumerate(lines):
        code, col, area_a = _code(line, fixed)
        if not code:
            continue
        m = _PROGRAM_ID.search(code)
        if m:
            end = last_code_line(n)
            for sym in (current, section, program):
                close(sym, end)
            name = m.group(1).upper()
            name_col = col + m.start(1)
            program = Symbol(
                name=name,
                qualname=name,
                kind="program",
                range=Range.of(n, col, n, col + len(code)),
                selection_range=Range.of(n, name_col, n, name_col + len(m.group(1))),
                signature=f"PROGRAM-ID. {name}",
            )
            symbols.append(program)
            section = current = None
            in_procedure = False
            continue
        for m in _COPY.finditer(code):
            book = m.group(1).rstrip(".")
            imports.append(Import(book, range=Range.of(n, col + m.start(), n, col + m.end())))
        if _PROCEDURE.match(code):
            in_procedure = True
            continue
        if _DIVISION.match(code) or _END_PROGRAM.match(code):
            if _END_PROGRAM.match(code):
                for sym in (current, section, program):
                    close(sym, n)
                current = section = None
            in_procedure = False
            continue
        if in_procedure and area_a:
            sm = _SECTION.match(code)
            pm = None if sm else _PARAGRAPH.match(code)
            header = sm or pm
            if header and header.group(1).upper() not in _RESERVED_PARAGRAPH_LIKE:
                end = last_code_line(n)
                close(current, end)
                name = header.group(1).upper()
                if sm:
                    close(section, end)
                prefix = program.qualname if program else ""
                parent = section if (pm and section is not None) else program
                qual = ".".join(x for x in (prefix, name) if x)
                sym = Symbol(
                    name=name,
                    qualname=qual,
                    kind="section" if sm else "paragraph",
                    range=Range.of(n, col, n, col + len(code)),
                    selection_range=Range.of(n, col, n, col + len(header.group(1))),
                    signature=code.rstrip("."),
                    parent=parent.qualname if parent is not None else None,
                )
                symbols.append(sym)
                if sm:
                    section = sym
                current = sym
                continue
        if in_procedure:
            calls: list[tuple[int, Call]] = []
            for m in _PERFORM.finditer(code):
                target = m.group(1).upper()
                if target in _PERFORM_KEYWORDS or target.isdigit():
                    continue
                rng = Range.of(n, col + m.start(), n, col + m.end())
                calls.append((m.start(), Call(f"PERFORM {target}", target, rng)))
            for m in _CALL.finditer(code):
                target = m.group(2).upper()
                rng = Range.of(n, col + m.start(), n, col + m.end())
                calls.append((m.start(), Call(f"CALL {target}", target, rng)))
            calls.sort(key=lambda c: c[0])
            sink = current.calls if current is not None else module_calls
            sink.extend(c for _, c in calls)
    end = last_code_line(len(lines))
    for sym in (current, section, program):
        close(sym, end)
    # Every program ends at its last line; extend programs to cover their paragraphs.
    for sym in symbols:
        if sym.kind == "program":
            inner = [
                s.range.end
                for s in symbols
                if s.parent and s.qualname.startswith(sym.qualname + ".")
            ]
            if inner:
                sym.range = Range(sym.range.start, max([sym.range.end, *inner]))
    first = next((s.qualname for s in symbols if s.kind == "program"), "")
    return FileIndex(
        path=relpath,
        language="cobol",
        module=first or relpath.rsplit("/", 1)[-1].rsplit(".", 1)[0].upper(),
        symbols=symbols,
        imports=imports,
        module_calls=module_calls,
    )
