"""Code intelligence in editor terms, as plain data: the façade the LSP features call.

Everything here takes a document (path + current text) and a position and returns plain values
(core.text Locations and Ranges, the small Structs below); the LSP layer converts them. Nothing
raises on bad input: an unknown position gives None or an empty list.

Data sources: the open document is re-extracted from its current text (cached by version); the
rest of the workspace comes from the Indexer's in-memory index; services, owners, terms,
processes and rules come from the knowledge graph (graph neighbourhood of the symbol's node).
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from intheflow.core.documents import language_of
from intheflow.core.text import Location, Position, Range, position_to_offset
from intheflow.graph.model import GraphFacts, Node, component_id
from intheflow.index.indexer import Indexer, extract_safely
from intheflow.index.symbols import CLASS_KINDS, FileIndex, Symbol

log = logging.getLogger(__name__)

MAX_COMPLETIONS = 200
MAX_WORKSPACE_SYMBOLS = 200


class CompletionEntry(msgspec.Struct, frozen=True):
    label: str
    kind: str  # function, method, class, module, variable, keyword, property, paragraph…
    detail: str = ""
    documentation: str = ""
    sort_text: str | None = None


class CompletionList(msgspec.Struct, frozen=True):
    items: list[CompletionEntry]
    incomplete: bool = False


class DocSymbol(msgspec.Struct):
    name: str
    kind: str
    detail: str
    range: Range
    selection_range: Range
    children: list[DocSymbol] = []


class WorkspaceSymbol(msgspec.Struct, frozen=True):
    name: str
    kind: str
    container: str
    location: Location


class HoverInfo(msgspec.Struct, frozen=True):
    markdown: str
    range: Range


class Lens(msgspec.Struct, frozen=True):
    range: Range
    title: str
    term: str  # the Term node id
    symbol: str  # the CodeComponent node id


class Explanation(msgspec.Struct, frozen=True):
    node: Node
    neighbours: list[Node]
    facts: GraphFacts
    markdown: str
    range: Range


_WORD = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_COBOL_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")


def word_at(text: str, pos: Position, language: str) -> tuple[str, Range] | None:
    """The identifier under (or just before) the cursor."""
    lines = text.split("\n")
    if not 0 <= pos.line < len(lines):
        return None
    line = lines[pos.line]
    pattern = _COBOL_WORD if language == "cobol" else _WORD
    for m in pattern.finditer(line):
        if m.start() <= pos.character <= m.end():
            return m.group(0), Range.of(pos.line, m.start(), pos.line, m.end())
    return None


def prefix_at(text: str, pos: Position, language: str) -> tuple[str, str | None]:
    """(identifier prefix before the cursor, receiver word before a '.' if any)."""
    offset = position_to_offset(text, pos)
    start = offset
    extra = "_-" if language == "cobol" else "_$"

    def ok(c: str) -> bool:
        return c.isalnum() or c in extra

    while start > 0 and ok(text[start - 1]):
        start -= 1
    prefix = text[start:offset]
    receiver = None
    if start > 0 and text[start - 1] == ".":
        end = start - 1
        rstart = end
        while rstart > 0 and ok(text[rstart - 1]):
            rstart -= 1
        receiver = text[rstart:end] or None
    return prefix, receiver


@dataclass
class CodeIntel:
    """One per server (or per CLI run): the Indexer plus an optional graph store."""

    indexer: Indexer
    store: Any = None
    _docs: dict[str, tuple[int | None, str, FileIndex]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def root(self) -> Path:
        return self.indexer.root

    # --- documents -------------------------------------------------------------------------
    def file_index(self, path: str, text: str, version: int | None = None) -> FileIndex:
        """The FileIndex of a document's current text (cached per path and text)."""
        with self._lock:
            cached = self._docs.get(path)
        if cached is not None and cached[1] == text:
            return cached[2]
        rel = self.indexer.relpath(path)
        fi = extract_safely(rel, text, language_of(path))
        with self._lock:
            self._docs[path] = (version, text, fi)
        return fi

    def forget(self, path: str) -> None:
        with self._lock:
            self._docs.pop(path, None)

    def abspath(self, relpath: str) -> str:
        p = Path(relpath)
        return str(p if p.is_absolute() else self.root / p)

    # --- navigation ------------------------------------------------------------------------
    def target_at(self, path: str, text: str, pos: Position) -> tuple[str, Symbol] | None:
        """The symbol the cursor designates: a definition's name, or what a name refers to."""
        fi = self.file_index(path, text)
        for s in fi.symbols:
            if s.selection_range.contains(pos):
                return fi.path, s
        found = word_at(text, pos, fi.language)
        if found is None:
            return None
        word = found[0]
        ws = self.indexer.index
        with self.indexer.lock:
            # Our own file's symbols come from the live text, the rest from the index.
            local = [s for s in fi.symbols if _same_name(s.name, word, fi.language)]
            if local:
                return fi.path, local[0]
            target = ws.resolve_call(fi, word)
            if target is None:
                return None
            sym = ws.symbol(*target)
        return (target[0], sym) if sym is not None else None

    def definition(self, path: str, text: str, pos: Position) -> list[Location]:
        hit = self.target_at(path, text, pos)
        if hit is None:
            return []
        rel, sym = hit
        return [Location(self.abspath(rel), sym.selection_range)]

    def references(
        self, path: str, text: str, pos: Position, include_declaration: bool = True
    ) -> list[Location]:
        hit = self.target_at(path, text, pos)
        if hit is None:
            return []
        rel, sym = hit
        out: list[Location] = []
        if include_declaration:
            out.append(Location(self.abspath(rel), sym.selection_range))
        ws = self.indexer.index
        own = self.file_index(path, text)
        with self.indexer.lock:
            files = [own if f.path == own.path else f for f in ws.files.values()]
            if own.path not in ws.files:
                files.append(own)
            for fi in files:
                calls = [c for s in fi.symbols for c in s.calls] + fi.module_calls
                for call in calls:
                    if not _same_name(call.short, sym.name, fi.language):
                        continue
                    if ws.resolve_call(fi, call.short) == (rel, sym.qualname) or (
                        fi.path == rel and fi.symbol(sym.qualname) is not None
                    ):
                        out.append(Location(self.abspath(fi.path), _name_range(call, sym.name)))
        return sorted(set(out), key=lambda loc: (loc.path, loc.range.start))

    def document_symbols(self, path: str, text: str) -> list[DocSymbol]:
        fi = self.file_index(path, text)
        by_qual: dict[str, DocSymbol] = {}
        roots: list[DocSymbol] = []
        for s in fi.symbols:
            ds = DocSymbol(s.name, s.kind, s.signature, s.range, s.selection_range, [])
            by_qual[s.qualname] = ds
            parent = by_qual.get(s.parent) if s.parent else None
            (parent.children if parent is not None else roots).append(ds)
        return roots

    def workspace_symbols(self, query: str) -> list[WorkspaceSymbol]:
        q = query.lower()
        out: list[tuple[int, WorkspaceSymbol]] = []
        with self.indexer.lock:
            files = list(self.indexer.index.files.values())
        for fi in files:
            for s in fi.symbols:
                rank = _match_rank(s.name.lower(), q)
                if rank is None:
                    continue
                loc = Location(self.abspath(fi.path), s.selection_range)
                out.append((rank, WorkspaceSymbol(s.name, s.kind, s.parent or fi.module, loc)))
        out.sort(key=lambda r: (r[0], r[1].name, r[1].location.path))
        return [w for _, w in out[:MAX_WORKSPACE_SYMBOLS]]

    # --- completion (non-Python; Python goes through jedi, see pycomplete.py) --------------
    def complete(self, path: str, text: str, pos: Position) -> CompletionList:
        fi = self.file_index(path, text)
        prefix, receiver = prefix_at(text, pos, fi.language)
        candidates: list[tuple[str, Symbol]] = []
        ws = self.indexer.index
        with self.indexer.lock:
            if receiver is not None:
                candidates = self._members(fi, receiver)
            else:
                candidates = [(fi.path, s) for s in fi.symbols]
                family = _family(fi.language)
                for other in ws.files.values():
                    if other.path == fi.path or _family(other.language) != family:
                        continue
                    candidates.extend(
                        (other.path, s)
                        for s in other.symbols
                        if s.parent is None or fi.language == "cobol"
                    )
        seen: set[str] = set()
        items: list[CompletionEntry] = []
        p = prefix.lower()
        for rel, s in candidates:
            if not s.name.lower().startswith(p) or s.name in seen or s.name == prefix:
                continue
            seen.add(s.name)
            local = rel == fi.path
            items.append(
                CompletionEntry(
                    label=s.name,
                    kind=s.kind,
                    detail=s.signature,
                    documentation=s.docstring,
                    sort_text=("0" if local else "1") + s.name.lower(),
                )
            )
        items.sort(key=lambda i: i.sort_text or i.label)
        return CompletionList(items[:MAX_COMPLETIONS], incomplete=len(items) > MAX_COMPLETIONS)

    def _members(self, fi: FileIndex, receiver: str) -> list[tuple[str, Symbol]]:
        ws = self.indexer.index
        # A package or module alias (Go `ledger.`, Python `models.`): its top-level symbols.
        for imp in fi.imports:
            names = {imp.alias, imp.module.rsplit("/", 1)[-1], imp.module.rsplit(".", 1)[-1]}
            if receiver in names:
                out: list[tuple[str, Symbol]] = []
                for rel in ws.resolve_import(fi, imp.module, imp.names):
                    other = ws.files.get(rel)
                    if other is not None:
                        out.extend((rel, s) for s in other.symbols if s.parent is None)
                if out:
                    return out
        # Otherwise members of any class-like symbol of the same language family.
        family = _family(fi.language)
        members: list[tuple[str, Symbol]] = []
        for other in [fi, *ws.files.values()]:
            if _family(other.language) != family:
                continue
            parents = {s.qualname for s in other.symbols if s.kind in CLASS_KINDS}
            members.extend((other.path, s) for s in other.symbols if s.parent in parents)
        return members

    # --- graph-backed ----------------------------------------------------------------------
    def node_at(self, path: str, text: str, pos: Position) -> tuple[str, Symbol, str] | None:
        hit = self.target_at(path, text, pos)
        if hit is None:
            fi = self.file_index(path, text)
            sym = fi.symbol_at(pos)
            if sym is None:
                return None
            hit = (fi.path, sym)
        rel, sym = hit
        return rel, sym, component_id(rel, sym.qualname)

    def hover(self, path: str, text: str, pos: Position) -> HoverInfo | None:
        hit = self.target_at(path, text, pos)
        if hit is None:
            return None
        rel, sym = hit
        found = word_at(text, pos, language_of(path))
        rng = found[1] if found else Range(pos, pos)
        lang = language_of(rel)
        parts = [f"```{_fence(lang)}\n{sym.signature or sym.name}\n```"]
        if sym.docstring:
            parts.append(sym.docstring)
        context = self._context_lines(rel, sym)
        if context:
            parts.append("---\n" + "  \n".join(context))
        return HoverInfo("\n\n".join(parts), rng)

    def _context_lines(self, rel: str, sym: Symbol) -> list[str]:
        lines: list[str] = []
        service = self.indexer.index.service_of(rel)
        nid = component_id(rel, sym.qualname)
        related = self._related(nid)
        if service is not None:
            owner = related.get("owner") or ([service.owner] if service.owner else [])
            text = f"**Service** `{service.name}`"
            if owner:
                text += " · **Owner** " + ", ".join(f"`{o}`" for o in owner)
            lines.append(text)
        if related.get("terms"):
            lines.append("**Implements** " + ", ".join(related["terms"]))
        if related.get("processes"):
            lines.append("**Business process** " + ", ".join(related["processes"]))
        if related.get("rules"):
            lines.append("**Rules** " + ", ".join(related["rules"]))
        lines.append(f"{sym.kind} `{sym.qualname}` in `{rel}`")
        return lines

    def _related(self, nid: str) -> dict[str, list[str]]:
        """Terms, processes, rules and owners around a node (and its enclosing components)."""
        out: dict[str, list[str]] = {"terms": [], "processes": [], "rules": [], "owner": []}
        if self.store is None:
            return out
        try:
            ids = _self_and_parents(nid)
            for i, node_id in enumerate(ids):
                for e in self.store.edges_of(node_id):
                    other = e.dst if e.src == node_id else e.src
                    label = other.split(":", 1)[0]
                    if e.type == "IMPLEMENTS" and label == "term":
                        name = self._name(other)
                        conf = e.props.get("confidence")
                        suffix = f" ({float(conf):.2f})" if isinstance(conf, int | float) else ""
                        via = "" if i == 0 else " (via enclosing)"
                        entry = f"{name}{suffix}{via}"
                        if name not in {t.split(" (")[0] for t in out["terms"]}:
                            out["terms"].append(entry)
                    elif label == "process":
                        _add(out["processes"], self._name(other))
                    elif label == "rule":
                        _add(out["rules"], self._name(other))
                    elif e.type == "PART_OF" and label == "service":
                        for se in self.store.edges_of(other):
                            if se.type == "OWNS" and se.src.startswith("owner:"):
                                _add(out["owner"], se.src.removeprefix("owner:"))
        except Exception:
            log.exception("graph lookup for %s failed; hover without graph context", nid)
        return out

    def _name(self, node_id: str) -> str:
        node = self.store.get_node(node_id) if self.store is not None else None
        return node.name if node is not None else node_id.split(":", 1)[-1]

    def code_lenses(self, path: str, text: str) -> list[Lens]:
        if self.store is None:
            return []
        fi = self.file_index(path, text)
        out: list[Lens] = []
        for s in fi.symbols:
            nid = component_id(fi.path, s.qualname)
            try:
                edges = [e for e in self.store.edges_of(nid) if e.type == "IMPLEMENTS"]
            except Exception:
                log.exception("code lens lookup failed for %s", nid)
                return out
            for e in edges:
                if e.src != nid:
                    continue
                out.append(Lens(s.selection_range, f"implements {self._name(e.dst)}", e.dst, nid))
        return out

    def explain(self, path: str, text: str, pos: Position, depth: int = 1) -> Explanation | None:
        hit = self.node_at(path, text, pos)
        if hit is None or self.store is None:
            return None
        rel, sym, nid = hit
        facts = self.store.neighbourhood(nid, depth=max(1, min(depth, 3)))
        node = next((n for n in facts.nodes if n.id == nid), None)
        if node is None:
            # Not in the graph yet (a new, unsaved symbol): describe it from the index alone.
            node = Node(
                nid, "CodeComponent", sym.name, {"kind": sym.kind, "qualname": sym.qualname}
            )
        neighbours = [n for n in facts.nodes if n.id != nid]
        by_id = {n.id: n for n in facts.nodes}
        lines = [f"### {sym.kind} `{sym.qualname}`", f"`{rel}` · {sym.signature}"]
        if sym.docstring:
            lines.append(sym.docstring.split("\n\n", 1)[0])
        groups: dict[str, list[str]] = {}
        for e in facts.edges:
            if e.src == nid:
                target = by_id.get(e.dst)
                groups.setdefault(f"{e.type} →", []).append(target.name if target else e.dst)
            elif e.dst == nid:
                source = by_id.get(e.src)
                groups.setdefault(f"← {e.type}", []).append(source.name if source else e.src)
        for key in sorted(groups):
            names = sorted(set(groups[key]))
            lines.append(f"- **{key}** " + ", ".join(f"`{n}`" for n in names[:20]))
        sel = sym.selection_range
        return Explanation(node, neighbours, facts, "\n".join(lines), sel)


def _add(items: list[str], value: str) -> None:
    if value not in items:
        items.append(value)


def _self_and_parents(nid: str) -> list[str]:
    """component:a.py#A.b.c → [#A.b.c, #A.b, #A, the module]."""
    base, _, qual = nid.partition("#")
    out = [nid]
    parts = qual.split(".") if qual else []
    while len(parts) > 1:
        parts.pop()
        out.append(f"{base}#{'.'.join(parts)}")
    if qual:
        out.append(base)
    return out


def _same_name(a: str, b: str, language: str) -> bool:
    return a.upper() == b.upper() if language == "cobol" else a == b


def _family(language: str) -> str:
    return "js" if language in ("javascript", "typescript", "typescriptreact") else language


def _match_rank(name: str, query: str) -> int | None:
    if not query:
        return 3
    if name == query:
        return 0
    if name.startswith(query):
        return 1
    if query in name:
        return 2
    # Subsequence ("crpay" finds create_payment), as editors' fuzzy symbol search does.
    it = iter(name)
    return 4 if all(ch in it for ch in query) else None


def _name_range(call: Any, name: str) -> Range:
    """The callee's name inside a call expression (the last occurrence on its first line)."""
    start = call.range.start
    text = call.name
    idx = text.rfind(name)
    if idx < 0 or "\n" in text[:idx] or text.startswith(("PERFORM", "CALL", "new ")):
        return Range(start, call.range.end if call.range.end.line == start.line else start)
    return Range.of(
        start.line, start.character + idx, start.line, start.character + idx + len(name)
    )


def _fence(language: str) -> str:
    return {"typescriptreact": "tsx", "plaintext": ""}.get(language, language)
