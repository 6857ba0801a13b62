"""Symbol extraction: one source file → a `FileIndex` of plain data.

`extract(relpath, text, language)` never raises on bad code: tree-sitter recovers from syntax
errors (reported in `FileIndex.errors`) and COBOL goes through the line scanner in cobol.py.

Stable contract (the rule engine builds code rules on it):
- `symbols` are classes/interfaces/structs/enums/traits/modules and functions/methods in source
  order; `qualname` is dotted inside the file (`PaymentService.charge`), `parent` is the enclosing
  symbol's qualname.
- `calls` of a symbol are the calls written directly in its body (not in nested functions or
  classes), ordered by their start position; `name` is the callee as written (`self.repo.save`),
  `short` its last segment (`save`).
- Ranges are 0-based lines and code-point columns (core.text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import msgspec
import tree_sitter as ts

from intheflow.core.text import Position, Range
from intheflow.index.syntax import SUPPORTED, Parsed, parse

CLASS_KINDS = frozenset({"class", "interface", "struct", "enum", "trait", "record", "impl"})
FUNCTION_KINDS = frozenset({"function", "method", "constructor"})


class Call(msgspec.Struct, frozen=True):
    name: str
    short: str
    range: Range


class Import(msgspec.Struct, frozen=True):
    module: str
    names: list[str] = []
    alias: str | None = None
    range: Range | None = None


class Symbol(msgspec.Struct):
    name: str
    qualname: str
    kind: str
    range: Range
    selection_range: Range
    signature: str = ""
    docstring: str = ""
    decorators: list[str] = []
    calls: list[Call] = []
    parent: str | None = None


class SyntaxProblem(msgspec.Struct, frozen=True):
    range: Range
    message: str


class FileIndex(msgspec.Struct):
    path: str
    language: str
    module: str
    symbols: list[Symbol] = []
    imports: list[Import] = []
    module_calls: list[Call] = []
    docstring: str = ""
    errors: list[SyntaxProblem] = []

    def symbol(self, qualname: str) -> Symbol | None:
        for s in self.symbols:
            if s.qualname == qualname:
                return s
        return None

    def symbol_at(self, pos: Position) -> Symbol | None:
        """The innermost symbol whose range contains pos."""
        best: Symbol | None = None
        for s in self.symbols:
            if s.range.contains(pos) and (best is None or best.range.start <= s.range.start):
                best = s
        return best


def module_name(relpath: str, language: str) -> str:
    """A dotted name from the path; languages with package clauses refine it in extract()."""
    p = relpath.replace("\\", "/")
    stem = p.rsplit(".", 1)[0] if "." in p.rsplit("/", 1)[-1] else p
    parts = [s for s in stem.split("/") if s]
    if language == "python" and parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def extract(relpath: str, text: str, language: str) -> FileIndex:
    if language == "cobol":
        from intheflow.index.cobol import scan

        return scan(relpath, text)
    if language not in SUPPORTED:
        return FileIndex(path=relpath, language=language, module=module_name(relpath, language))
    parsed = parse(language, text)
    if parsed is None:
        return FileIndex(path=relpath, language=language, module=module_name(relpath, language))
    return _Extractor(relpath, parsed, _LANGS[language]).run()


# --- positions ------------------------------------------------------------------------------


class _Columns:
    """Byte columns (tree-sitter) → code-point columns (core)."""

    def __init__(self, source: bytes) -> None:
        self.ascii = source.isascii()
        self.lines = [] if self.ascii else source.split(b"\n")

    def pos(self, point: ts.Point) -> Position:
        if self.ascii:
            return Position(point.row, point.column)
        line = self.lines[point.row] if point.row < len(self.lines) else b""
        return Position(point.row, len(line[: point.column].decode("utf-8", "replace")))

    def range(self, node: ts.Node) -> Range:
        return Range(self.pos(node.start_point), self.pos(node.end_point))


# --- per-language definitions -----------------------------------------------------------------


@dataclass
class Def:
    kind: str
    name: str
    name_node: ts.Node
    outer: ts.Node  # range of the whole definition (with decorators/annotations)
    body: ts.Node | None
    decorators: list[str] = field(default_factory=list)
    docstring: str = ""
    emit: bool = True  # False for pure scopes such as a Rust `impl` block
    signature: str = ""  # when the source slice would not read well (Go type specs)


@dataclass(frozen=True)
class Lang:
    define: Callable[[ts.Node, Parsed], Def | None]
    call: Callable[[ts.Node, Parsed], str | None]
    imports: Callable[[ts.Node, Parsed], list[Import] | None]
    # Node types any of the three callbacks above can act on; the walk skips the others.
    node_types: frozenset[str] = frozenset()
    module_name: Callable[[ts.Node, Parsed], str | None] = lambda n, p: None
    file_doc: Callable[[ts.Node, Parsed], str] = lambda n, p: ""


_WS = re.compile(r"\s+")


def _one_line(text: str) -> str:
    # Most callees and signatures are already on one line: skip the regex for them.
    if "\n" not in text and "\t" not in text and "  " not in text:
        return text.strip()
    return _WS.sub(" ", text).strip()


def _signature(d: Def, p: Parsed) -> str:
    if d.signature:
        return d.signature
    start = d.name_node.start_byte if d.kind == "impl" else _sig_start(d)
    end = d.body.start_byte if d.body is not None else d.outer.end_byte
    sig = p.source[start:end].decode("utf-8", "replace")
    return _one_line(sig).rstrip(":{ ").strip()


def _sig_start(d: Def) -> int:
    # Skip decorators/annotations that precede the definition keyword.
    node = d.outer
    if node.type == "decorated_definition":
        inner = node.child_by_field_name("definition")
        if inner is not None:
            return inner.start_byte
    return node.start_byte


def _named(node: ts.Node, field_name: str, p: Parsed) -> str:
    child = node.child_by_field_name(field_name)
    return p.text(child) if child is not None else ""


def _strip_comment(text: str) -> str:
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        for prefix in ("/**", "/*", "*/", "///", "//!", "//", "*"):
            if line.startswith(prefix):
                line = line[len(prefix) :].strip()
                break
        if line.endswith("*/"):
            line = line[:-2].strip()
        lines.append(line)
    return "\n".join(lines).strip()


def _leading_comments(node: ts.Node, p: Parsed, doc_only: tuple[str, ...] = ()) -> str:
    """Comments directly above node (no blank line between), e.g. Go doc comments and Javadoc."""
    parts: list[str] = []
    cur = node
    prev = node.prev_sibling
    while prev is not None and prev.type in ("comment", "line_comment", "block_comment"):
        if prev.end_point.row + 1 < cur.start_point.row:
            break
        text = p.text(prev)
        if doc_only and not text.startswith(doc_only):
            break
        parts.append(text)
        cur = prev
        prev = prev.prev_sibling
    return _strip_comment("\n".join(reversed(parts)))


# Python


def _py_string(node: ts.Node, p: Parsed) -> str:
    content = [c for c in node.children if c.type == "string_content"]
    if content:
        return "".join(p.text(c) for c in content)
    return p.text(node).strip("\"'")


def _py_docstring(body: ts.Node | None, p: Parsed) -> str:
    if body is None:
        return ""
    for child in body.named_children:
        if child.type == "comment":
            continue
        if child.type == "expression_statement" and child.named_child_count == 1:
            first = child.named_children[0]
            if first.type == "string":
                return _dedent(_py_string(first, p))
        return ""
    return ""


def _dedent(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc)


def _py_define(node: ts.Node, p: Parsed) -> Def | None:
    if node.type not in ("class_definition", "function_definition"):
        return None
    name_node = node.child_by_field_name("name")
    if name_node is None:
        return None
    body = node.child_by_field_name("body")
    outer = node
    decorators: list[str] = []
    parent = node.parent
    if parent is not None and parent.type == "decorated_definition":
        outer = parent
        decorators = [
            _one_line(p.text(c)).lstrip("@") for c in parent.children if c.type == "decorator"
        ]
    kind = "class" if node.type == "class_definition" else "function"
    return Def(kind, p.text(name_node), name_node, outer, body, decorators, _py_docstring(body, p))


def _callee(node: ts.Node | None, p: Parsed) -> str | None:
    if node is None:
        return None
    return _one_line(p.text(node))


def _py_call(node: ts.Node, p: Parsed) -> str | None:
    if node.type == "call":
        return _callee(node.child_by_field_name("function"), p)
    return None


def _py_imports(node: ts.Node, p: Parsed) -> list[Import] | None:
    if node.type == "import_statement":
        out = []
        for c in node.named_children:
            if c.type == "aliased_import":
                out.append(Import(_named(c, "name", p), alias=_named(c, "alias", p) or None))
            elif c.type == "dotted_name":
                out.append(Import(p.text(c)))
        return out
    if node.type == "import_from_statement":
        module = _named(node, "module_name", p)
        names = []
        for c in node.children_by_field_name("name"):
            names.append(_named(c, "name", p) if c.type == "aliased_import" else p.text(c))
        if any(c.type == "wildcard_import" for c in node.children):
            names.append("*")
        return [Import(module, names)]
    return None


def _py_file_doc(root: ts.Node, p: Parsed) -> str:
    return _py_docstring(root, p)


# Go


def _go_receiver_type(node: ts.Node, p: Parsed) -> str:
    receiver = node.child_by_field_name("receiver")
    if receiver is None:
        return ""
    stack = [receiver]
    while stack:
        n = stack.pop()
        if n.type == "type_identifier":
            return p.text(n)
        stack.extend(reversed(n.named_children))
    return ""


def _go_define(node: ts.Node, p: Parsed) -> Def | None:
    t = node.type
    if t in ("function_declaration", "method_declaration"):
        name_node = node.child_by_field_name("name")
        if name_node is None:
            return None
        d = Def(
            "function" if t == "function_declaration" else "method",
            p.text(name_node),
            name_node,
            node,
            node.child_by_field_name("body"),
            docstring=_leading_comments(node, p),
        )
        if t == "method_declaration":
            recv = _go_receiver_type(node, p)
            d.name = f"{recv}.{d.name}" if recv else d.name
        return d
    if t == "type_spec":
        name_node = node.child_by_field_name("name")
        typ = node.child_by_field_name("type")
        if name_node is None:
            return None
        kind = {"struct_type": "struct", "interface_type": "interface"}.get(
            typ.type if typ else "", "type"
        )
        decl = node.parent if node.parent is not None else node
        doc_anchor = decl if decl.type == "type_declaration" else node
        return Def(
            kind, p.text(name_node), name_node, node, None, [], _leading_comments(doc_anchor, p)
        )
    return None


def _go_call(node: ts.Node, p: Parsed) -> str | None:
    if node.type == "call_expression":
        return _callee(node.child_by_field_name("function"), p)
    return None


def _go_imports(node: ts.Node, p: Parsed) -> list[Import] | None:
    if node.type != "import_spec":
        return None
    path = _named(node, "path", p).strip('"`')
    alias = _named(node, "name", p) or None
    return [Import(path, alias=alias)]


def _go_module(root: ts.Node, p: Parsed) -> str | None:
    for c in root.named_children:
        if c.type == "package_clause":
            for n in c.named_children:
                return p.text(n)
    return None


# Java


def _java_annotations(node: ts.Node, p: Parsed) -> list[str]:
    for c in node.children:
        if c.type == "modifiers":
            return [
                p.text(a).lstrip("@")
                for a in c.children
                if a.type in ("marker_annotation", "annotation")
            ]
    return []


_JAVA_TYPES = {
    "class_declaration": "class",
    "interface_declaration": "interface",
    "enum_declaration": "enum",
    "record_declaration": "record",
    "annotation_type_declaration": "interface",
}


def _java_define(node: ts.Node, p: Parsed) -> Def | None:
    t = node.type
    kind = _JAVA_TYPES.get(t)
    if kind is None and t == "method_declaration":
        kind = "method"
    if kind is None and t == "constructor_declaration":
        kind = "constructor"
    if kind is None:
        return None
    name_node = node.child_by_field_name("name")
    if name_node is None:
        return None
    return Def(
        kind,
        p.text(name_node),
        name_node,
        node,
        node.child_by_field_name("body"),
        _java_annotations(node, p),
        _leading_comments(node, p, doc_only=("/**",)),
    )


def _java_call(node: ts.Node, p: Parsed) -> str | None:
    if node.type == "method_invocation":
        obj = node.child_by_field_name("object")
        name = _named(node, "name", p)
        return f"{_one_line(p.text(obj))}.{name}" if obj is not None else name
    if node.type == "object_creation_expression":
        return "new " + _named(node, "type", p)
    return None


def _java_imports(node: ts.Node, p: Parsed) -> list[Import] | None:
    if node.type != "import_declaration":
        return None
    text = _one_line(p.text(node)).removeprefix("import").strip().rstrip(";").strip()
    text = text.removeprefix("static ").strip()
    module, _, last = text.rpartition(".")
    return [Import(module or text, [last] if module else [])]


def _java_module(root: ts.Node, p: Parsed) -> str | None:
    for c in root.named_children:
        if c.type == "package_declaration":
            for n in c.named_children:
                if n.type in ("scoped_identifier", "identifier"):
                    return p.text(n)
    return None


# Rust


def _rust_attrs(node: ts.Node, p: Parsed) -> list[str]:
    out = []
    prev = node.prev_named_sibling
    while prev is not None and prev.type in ("attribute_item", "line_comment", "block_comment"):
        if prev.type == "attribute_item":
            out.append(p.text(prev).removeprefix("#[").removesuffix("]"))
        prev = prev.prev_named_sibling
    return list(reversed(out))


def _rust_doc(node: ts.Node, p: Parsed) -> str:
    parts: list[str] = []
    prev = node.prev_named_sibling
    while prev is not None and prev.type in ("attribute_item", "line_comment", "block_comment"):
        if prev.type != "attribute_item":
            text = p.text(prev)
            if not text.startswith(("///", "/**")):
                break
            parts.append(text)
        prev = prev.prev_named_sibling
    return _strip_comment("\n".join(reversed(parts)))


_RUST_TYPES = {
    "struct_item": "struct",
    "enum_item": "enum",
    "trait_item": "trait",
    "mod_item": "module",
    "union_item": "struct",
}


def _rust_define(node: ts.Node, p: Parsed) -> Def | None:
    t = node.type
    if t == "impl_item":
        typ = node.child_by_field_name("type")
        if typ is None:
            return None
        name = p.text(typ).split("<", 1)[0]
        return Def("impl", name, typ, node, node.child_by_field_name("body"), emit=False)
    kind = "function" if t in ("function_item", "function_signature_item") else _RUST_TYPES.get(t)
    if kind is None:
        return None
    name_node = node.child_by_field_name("name")
    if name_node is None:
        return None
    return Def(
        kind,
        p.text(name_node),
        name_node,
        node,
        node.child_by_field_name("body"),
        _rust_attrs(node, p),
        _rust_doc(node, p),
    )


def _rust_call(node: ts.Node, p: Parsed) -> str | None:
    if node.type == "call_expression":
        return _callee(node.child_by_field_name("function"), p)
    if node.type == "macro_invocation":
        return _named(node, "macro", p) + "!"
    return None


def _rust_imports(node: ts.Node, p: Parsed) -> list[Import] | None:
    if node.type != "use_declaration":
        return None
    arg = _named(node, "argument", p)
    module, _, last = arg.rpartition("::")
    return [Import(module or arg, [last] if module else [])]


# JavaScript / TypeScript

_JS_TYPES = {
    "class_declaration": "class",
    "abstract_class_declaration": "class",
    "interface_declaration": "interface",
    "enum_declaration": "enum",
    "function_declaration": "function",
    "generator_function_declaration": "function",
    "method_definition": "method",
}


def _js_doc(node: ts.Node, p: Parsed) -> str:
    anchor = node
    if node.parent is not None and node.parent.type == "export_statement":
        anchor = node.parent
    if anchor.type == "variable_declarator" and anchor.parent is not None:
        anchor = anchor.parent
        if anchor.parent is not None and anchor.parent.type == "export_statement":
            anchor = anchor.parent
    return _leading_comments(anchor, p, doc_only=("/**",))


def _js_define(node: ts.Node, p: Parsed) -> Def | None:
    t = node.type
    kind = _JS_TYPES.get(t)
    body: ts.Node | None
    if kind is not None:
        name_node = node.child_by_field_name("name")
        if name_node is None:
            return None
        body = node.child_by_field_name("body")
        if kind == "method" and p.text(name_node) == "constructor":
            kind = "constructor"
    elif t == "variable_declarator":
        value = node.child_by_field_name("value")
        if value is None or value.type not in ("arrow_function", "function_expression"):
            return None
        name_node = node.child_by_field_name("name")
        if name_node is None:
            return None
        kind = "function"
        body = value.child_by_field_name("body")
    else:
        return None
    decorators = [p.text(c).lstrip("@") for c in node.children if c.type == "decorator"]
    return Def(kind, p.text(name_node), name_node, node, body, decorators, _js_doc(node, p))


def _js_call(node: ts.Node, p: Parsed) -> str | None:
    if node.type == "call_expression":
        return _callee(node.child_by_field_name("function"), p)
    if node.type == "new_expression":
        return "new " + _named(node, "constructor", p)
    return None


def _js_imports(node: ts.Node, p: Parsed) -> list[Import] | None:
    if node.type != "import_statement":
        return None
    source = _named(node, "source", p).strip("'\"`")
    names: list[str] = []
    stack = [c for c in node.named_children if c.type == "import_clause"]
    while stack:
        n = stack.pop()
        if n.type == "identifier":
            names.append(p.text(n))
        elif n.type == "import_specifier":
            names.append(_named(n, "name", p))
        else:
            stack.extend(n.named_children)
    return [Import(source, sorted(names))]


_PY_TYPES = frozenset(
    {"class_definition", "function_definition", "call", "import_statement", "import_from_statement"}
)
_GO_TYPES = frozenset(
    {"function_declaration", "method_declaration", "type_spec", "call_expression", "import_spec"}
)
_JAVA_NODE_TYPES = frozenset(
    {*_JAVA_TYPES, "method_declaration", "constructor_declaration", "method_invocation"}
    | {"object_creation_expression", "import_declaration"}
)
_RUST_NODE_TYPES = frozenset(
    {*_RUST_TYPES, "impl_item", "function_item", "function_signature_item", "call_expression"}
    | {"macro_invocation", "use_declaration"}
)
_JS_NODE_TYPES = frozenset(
    {*_JS_TYPES, "variable_declarator", "call_expression", "new_expression", "import_statement"}
)

_LANGS: dict[str, Lang] = {
    "python": Lang(_py_define, _py_call, _py_imports, _PY_TYPES, file_doc=_py_file_doc),
    "go": Lang(_go_define, _go_call, _go_imports, _GO_TYPES, module_name=_go_module),
    "java": Lang(
        _java_define, _java_call, _java_imports, _JAVA_NODE_TYPES, module_name=_java_module
    ),
    "rust": Lang(_rust_define, _rust_call, _rust_imports, _RUST_NODE_TYPES),
    "javascript": Lang(_js_define, _js_call, _js_imports, _JS_NODE_TYPES),
    "typescript": Lang(_js_define, _js_call, _js_imports, _JS_NODE_TYPES),
    "typescriptreact": Lang(_js_define, _js_call, _js_imports, _JS_NODE_TYPES),
}


# --- the walk ---------------------------------------------------------------------------------


def _short(name: str) -> str:
    name = name.removeprefix("new ").strip()
    name = name.split("(", 1)[0].split("<", 1)[0]
    for sep in ("::", "."):
        name = name.rsplit(sep, 1)[-1]
    return name.strip()


class _Extractor:
    def __init__(self, relpath: str, parsed: Parsed, lang: Lang) -> None:
        self.relpath = relpath
        self.p = parsed
        self.lang = lang
        self.cols = _Columns(parsed.source)
        self.symbols: list[Symbol] = []
        self.imports: list[Import] = []
        self.module_calls: list[Call] = []
        self.errors: list[SyntaxProblem] = []

    def run(self) -> FileIndex:
        root = self.p.root
        self._walk(root)
        module = self.lang.module_name(root, self.p) or module_name(self.relpath, self.p.language)
        for s in self.symbols:
            s.calls.sort(key=lambda c: c.range.start)
        self.module_calls.sort(key=lambda c: c.range.start)
        return FileIndex(
            path=self.relpath,
            language=self.p.language,
            module=module,
            symbols=self.symbols,
            imports=self.imports,
            module_calls=self.module_calls,
            docstring=self.lang.file_doc(root, self.p),
            errors=self.errors[:20],
        )

    def _walk(self, root: ts.Node) -> None:
        # Iterative pre-order walk: deep expressions cannot hit the recursion limit.
        # Each entry: node, qualname prefix, symbol collecting calls (None: module level),
        # kind of the enclosing definition.
        stack: list[tuple[ts.Node, str, Symbol | None, str]] = [(root, "", None, "")]
        p, lang = self.p, self.lang
        interesting = lang.node_types
        while stack:
            node, prefix, owner, enclosing = stack.pop()
            if node.type in interesting:
                d = lang.define(node, p)
                if d is not None:
                    qual = f"{prefix}.{d.name}" if prefix else d.name
                    kind = d.kind
                    if kind == "function" and enclosing in CLASS_KINDS:
                        kind = "method"
                    if d.emit:
                        sym = Symbol(
                            name=d.name.rsplit(".", 1)[-1],
                            qualname=qual,
                            kind=kind,
                            range=self.cols.range(d.outer),
                            selection_range=self.cols.range(d.name_node),
                            signature=_signature(d, p),
                            docstring=d.docstring,
                            decorators=d.decorators,
                            parent=qual.rsplit(".", 1)[0] if "." in qual else None,
                        )
                        self.symbols.append(sym)
                        owner = sym if kind in FUNCTION_KINDS else None
                    prefix, enclosing = qual, kind
                else:
                    imports = lang.imports(node, p)
                    if imports is not None:
                        rng = self.cols.range(node)
                        self.imports.extend(
                            Import(i.module, i.names, i.alias, rng) for i in imports if i.module
                        )
                    callee = lang.call(node, p)
                    if callee:
                        call = Call(callee, _short(callee), self.cols.range(node))
                        (owner.calls if owner is not None else self.module_calls).append(call)
            # Only named children: punctuation and keywords never define, call or import.
            if node.named_child_count:
                for child in reversed(node.named_children):
                    stack.append((child, prefix, owner, enclosing))
        if root.has_error:
            self._collect_errors(root)

    def _collect_errors(self, root: ts.Node) -> None:
        """ERROR and MISSING nodes, descending only into subtrees that contain one."""
        stack = [root]
        while stack and len(self.errors) < 20:
            node = stack.pop()
            if node.is_error or node.is_missing:
                self._error(node)
                if node.is_missing:
                    continue
            for child in reversed(node.children):
                if child.has_error or child.is_missing:
                    stack.append(child)

    def _error(self, node: ts.Node) -> None:
        if len(self.errors) >= 20:
            return
        what = f"missing {node.type}" if node.is_missing else "syntax error"
        snippet = _one_line(self.p.text(node))[:40]
        msg = f"{what}: {snippet!r}" if snippet and not node.is_missing else what
        self.errors.append(SyntaxProblem(self.cols.range(node), msg))
