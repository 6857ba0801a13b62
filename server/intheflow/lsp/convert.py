"""All conversions between core plain data and lsprotocol types, including UTF-16 columns.

Core positions count code points; LSP (by default) counts UTF-16 code units. This module is the
only place that knows.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlparse

import msgspec
from lsprotocol import types as lsp
from pygls.uris import from_fs_path

from intheflow.core.diagnostics import Diagnostic, Fix, TextEdit
from intheflow.core.text import Location, Position, Range


def uri_to_path(uri: str) -> str:
    parsed = urlparse(uri)
    if parsed.scheme not in ("file", ""):
        return uri
    return unquote(parsed.path)


def path_to_uri(path: str) -> str:
    return from_fs_path(path) or path


def _utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def to_utf16_col(line_text: str, col: int) -> int:
    return _utf16_len(line_text[:col])


def from_utf16_col(line_text: str, col16: int) -> int:
    units = 0
    for i, ch in enumerate(line_text):
        if units >= col16:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(line_text)


def _line(lines: list[str], n: int) -> str:
    return lines[n] if 0 <= n < len(lines) else ""


def position_to_lsp(pos: Position, lines: list[str]) -> lsp.Position:
    return lsp.Position(
        line=pos.line, character=to_utf16_col(_line(lines, pos.line), pos.character)
    )


def position_from_lsp(pos: lsp.Position, lines: list[str]) -> Position:
    return Position(pos.line, from_utf16_col(_line(lines, pos.line), pos.character))


def range_to_lsp(r: Range, lines: list[str]) -> lsp.Range:
    return lsp.Range(start=position_to_lsp(r.start, lines), end=position_to_lsp(r.end, lines))


def range_from_lsp(r: lsp.Range, lines: list[str]) -> Range:
    return Range(position_from_lsp(r.start, lines), position_from_lsp(r.end, lines))


def diagnostic_to_lsp(d: Diagnostic, lines: list[str]) -> lsp.Diagnostic:
    related = [
        lsp.DiagnosticRelatedInformation(
            location=lsp.Location(
                uri=path_to_uri(r.location.path),
                # Related files are not open: their columns are sent as code points.
                range=lsp.Range(
                    start=lsp.Position(
                        r.location.range.start.line, r.location.range.start.character
                    ),
                    end=lsp.Position(r.location.range.end.line, r.location.range.end.character),
                ),
            ),
            message=r.message,
        )
        for r in d.related
    ]
    data: dict[str, Any] | None = None
    if d.fixes:
        data = {"fixes": msgspec.to_builtins(d.fixes)}
    return lsp.Diagnostic(
        range=range_to_lsp(d.range, lines),
        message=d.message,
        severity=lsp.DiagnosticSeverity(int(d.severity)),
        code=d.code,
        source=d.source,
        related_information=related or None,
        data=data,
    )


def fixes_from_data(data: object) -> list[Fix]:
    """Rebuild fixes from Diagnostic.data (stateless code actions); bad data gives no fixes."""
    if not isinstance(data, dict) or "fixes" not in data:
        return []
    try:
        return msgspec.convert(data["fixes"], list[Fix])
    except msgspec.ValidationError:
        return []


def edits_to_workspace_edit(
    edits: list[TextEdit], lines_of: dict[str, list[str]], create_files: list[str] | None = None
) -> lsp.WorkspaceEdit:
    changes: list[Any] = []
    for path in create_files or []:
        changes.append(
            lsp.CreateFile(uri=path_to_uri(path), options=lsp.CreateFileOptions(overwrite=True))
        )
    by_path: dict[str, list[lsp.TextEdit]] = {}
    for e in edits:
        lines = lines_of.get(e.path, [])
        by_path.setdefault(e.path, []).append(
            lsp.TextEdit(range=range_to_lsp(e.range, lines), new_text=e.new_text)
        )
    for path, text_edits in by_path.items():
        changes.append(
            lsp.TextDocumentEdit(
                text_document=lsp.OptionalVersionedTextDocumentIdentifier(
                    uri=path_to_uri(path), version=None
                ),
                edits=list(text_edits),
            )
        )
    return lsp.WorkspaceEdit(document_changes=changes)


# --- code intelligence (index/intel.py) ---------------------------------------------------------

SYMBOL_KINDS: dict[str, lsp.SymbolKind] = {
    "module": lsp.SymbolKind.Module,
    "class": lsp.SymbolKind.Class,
    "interface": lsp.SymbolKind.Interface,
    "struct": lsp.SymbolKind.Struct,
    "enum": lsp.SymbolKind.Enum,
    "trait": lsp.SymbolKind.Interface,
    "record": lsp.SymbolKind.Class,
    "type": lsp.SymbolKind.TypeParameter,
    "function": lsp.SymbolKind.Function,
    "method": lsp.SymbolKind.Method,
    "constructor": lsp.SymbolKind.Constructor,
    "program": lsp.SymbolKind.Module,
    "section": lsp.SymbolKind.Namespace,
    "paragraph": lsp.SymbolKind.Function,
}

COMPLETION_KINDS: dict[str, lsp.CompletionItemKind] = {
    "module": lsp.CompletionItemKind.Module,
    "class": lsp.CompletionItemKind.Class,
    "interface": lsp.CompletionItemKind.Interface,
    "struct": lsp.CompletionItemKind.Struct,
    "enum": lsp.CompletionItemKind.Enum,
    "trait": lsp.CompletionItemKind.Interface,
    "record": lsp.CompletionItemKind.Class,
    "type": lsp.CompletionItemKind.TypeParameter,
    "function": lsp.CompletionItemKind.Function,
    "method": lsp.CompletionItemKind.Method,
    "constructor": lsp.CompletionItemKind.Constructor,
    "program": lsp.CompletionItemKind.Module,
    "section": lsp.CompletionItemKind.Module,
    "paragraph": lsp.CompletionItemKind.Function,
    "variable": lsp.CompletionItemKind.Variable,
    "property": lsp.CompletionItemKind.Property,
    "keyword": lsp.CompletionItemKind.Keyword,
    "file": lsp.CompletionItemKind.File,
}


def symbol_kind(kind: str) -> lsp.SymbolKind:
    return SYMBOL_KINDS.get(kind, lsp.SymbolKind.Variable)


def completion_kind(kind: str) -> lsp.CompletionItemKind:
    return COMPLETION_KINDS.get(kind, lsp.CompletionItemKind.Text)


def location_to_lsp(loc: Location, lines: list[str]) -> lsp.Location:
    """`lines` are the target file's lines (for UTF-16 columns)."""
    return lsp.Location(uri=path_to_uri(loc.path), range=range_to_lsp(loc.range, lines))


def markup(text: str, markdown: bool | None = True) -> lsp.MarkupContent | str:
    """Markdown when the client renders it, plain text when it does not, and a bare string when
    it declared no format (`None`)."""
    if markdown is None:
        return text
    kind = lsp.MarkupKind.Markdown if markdown else lsp.MarkupKind.PlainText
    return lsp.MarkupContent(kind=kind, value=text)
