"""Evaluate code rules over one source file's syntax index (index/symbols.py).

call-order is path-aware inside a function: a trigger call (`charge*`) is fine when a required call
(`validate*`) runs before it on every path. A required call counts when it comes earlier and sits
in no branch the trigger is not also in (the condition of an `if` always runs; its bodies may
not), or when an earlier `if … else …` (with `elif`/`else if` chains) has the required call — or a
return/raise — at the top of every branch. Loops, `try` handlers, `case`s and short-circuit
operands are branches; a `try` body is not.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

import tree_sitter as ts

from intheflow.coderules.spec import CodeRule
from intheflow.core.diagnostics import Diagnostic, Fix, RelatedInfo, Severity, TextEdit
from intheflow.core.text import Location, Position, Range
from intheflow.index.symbols import Call, FileIndex, Symbol
from intheflow.index.syntax import Parsed, parse

# Parent node types whose children (other than the condition) run conditionally.
_CONDITIONAL = frozenset(
    {
        "if_statement",
        "elif_clause",
        "else_clause",
        "for_statement",
        "for_in_statement",
        "enhanced_for_statement",
        "while_statement",
        "do_statement",
        "except_clause",
        "catch_clause",
        "finally_clause",
        "conditional_expression",
        "ternary_expression",
        "boolean_operator",
        "binary_expression",
        "case_clause",
        "match_statement",
        "expression_switch_statement",
        "type_switch_statement",
        "expression_case",
        "default_case",
        "type_case",
        "communication_case",
        "switch_block_statement_group",
        "switch_rule",
        "lambda",
        "lambda_expression",
        "func_literal",
    }
)
_ALWAYS_RUN_FIELDS = ("condition", "initializer", "left", "value", "subject")
_TERMINATORS = frozenset(
    {
        "return_statement",
        "raise_statement",
        "throw_statement",
        "continue_statement",
        "break_statement",
    }
)


def glob_match(name: str, pattern: str) -> bool:
    return fnmatch.fnmatchcase(name.lower(), pattern.lower())


def call_matches(call: Call, pattern: str) -> bool:
    return glob_match(call.short, pattern) or glob_match(call.name, pattern)


def rule_applies(rule: CodeRule, relpath: str, language: str) -> bool:
    if language not in rule.languages:
        return False
    if not rule.paths:
        return True
    p = PurePosixPath(relpath)
    return any(p.match(g) or fnmatch.fnmatchcase(relpath, g) for g in rule.paths)


@dataclass
class Context:
    path: str  # the document path used in diagnostics
    relpath: str
    text: str
    index: FileIndex
    rule_file: str
    parsed: Parsed | None = None

    def tree(self) -> Parsed | None:
        if self.parsed is None:
            self.parsed = parse(self.index.language, self.text)
        return self.parsed


def check_file(ctx: Context, rules: list[CodeRule]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for rule in rules:
        if not rule_applies(rule, ctx.relpath, ctx.index.language):
            continue
        if rule.type == "call-order":
            out.extend(_call_order(ctx, rule))
        elif rule.type == "forbidden-call":
            out.extend(_forbidden(ctx, rule))
        elif rule.type == "required-decorator":
            out.extend(_decorator(ctx, rule))
        elif rule.type == "naming":
            out.extend(_naming(ctx, rule))
    return out


def _diag(ctx: Context, rule: CodeRule, rng: Range, detail: str, fixes: list[Fix]) -> Diagnostic:
    loc = rule.location
    rule_pos = Range.of(max(0, loc.line - 1), max(0, loc.column - 1))
    return Diagnostic(
        path=ctx.path,
        range=rng,
        severity=Severity.parse(rule.severity),
        code=rule.id,
        message=f'{detail} (rule {rule.id} protects "{rule.term}")',
        source="intheflow-rules",
        related=[
            RelatedInfo(
                location=Location(path=ctx.rule_file, range=rule_pos),
                message=f"rule {rule.id}: {rule.message}",
            )
        ],
        fixes=fixes,
        properties={"rule": rule.id, "term": rule.term, "ruleFile": ctx.rule_file},
    )


def _functions(index: FileIndex) -> Iterator[Symbol]:
    for s in index.symbols:
        if s.kind in ("function", "method", "constructor"):
            yield s


# -- call order --------------------------------------------------------------------------------


def _byte_point(text_lines: list[str], pos: Position) -> tuple[int, int]:
    line = text_lines[pos.line] if pos.line < len(text_lines) else ""
    return pos.line, len(line[: pos.character].encode("utf-8"))


def _node_at(parsed: Parsed, lines: list[str], pos: Position) -> ts.Node | None:
    point = _byte_point(lines, pos)
    return parsed.root.descendant_for_point_range(point, point)


def _containers(node: ts.Node, stop: ts.Node) -> list[tuple[int, int]]:
    """Byte spans of the conditionally-run regions around node, up to the function node."""
    out: list[tuple[int, int]] = []
    child = node
    parent = node.parent
    while parent is not None and parent.id != stop.id:
        if parent.type in _CONDITIONAL and not _always_runs(parent, child):
            out.append((child.start_byte, child.end_byte))
        child = parent
        parent = parent.parent
    return out


def _always_runs(parent: ts.Node, child: ts.Node) -> bool:
    if parent.type in ("boolean_operator", "binary_expression"):
        left = parent.child_by_field_name("left")
        op = parent.child_by_field_name("operator")
        short_circuit = op is not None and op.type in ("and", "or", "&&", "||")
        return not short_circuit or (left is not None and left.id == child.id)
    for name in _ALWAYS_RUN_FIELDS:
        f = parent.child_by_field_name(name)
        if f is not None and f.id == child.id:
            return True
    return False


def _function_node(parsed: Parsed, lines: list[str], sym: Symbol) -> ts.Node | None:
    node = _node_at(parsed, lines, sym.selection_range.start)
    while node is not None and node.type not in (
        "function_definition",
        "method_declaration",
        "function_declaration",
        "constructor_declaration",
        "method_definition",
        "function_item",
    ):
        node = node.parent
    return node


def _branches(if_node: ts.Node) -> tuple[list[ts.Node], bool]:
    """The bodies of an if/elif/else chain and whether it ends with an else."""
    bodies: list[ts.Node] = []
    has_else = False
    cons = if_node.child_by_field_name("consequence")
    if cons is not None:
        bodies.append(cons)
    for alt in if_node.children_by_field_name("alternative"):
        if alt.type == "elif_clause":
            c = alt.child_by_field_name("consequence")
            if c is not None:
                bodies.append(c)
        elif alt.type == "else_clause":
            body = alt.child_by_field_name("body") or alt
            bodies.append(body)
            has_else = True
        elif alt.type == "if_statement":  # Go / Java `else if`
            more, ends = _branches(alt)
            bodies.extend(more)
            has_else = ends
        else:  # Go / Java plain else block
            bodies.append(alt)
            has_else = True
    return bodies, has_else


def _ends_with_exit(body: ts.Node) -> bool:
    named = [c for c in body.named_children if c.type not in ("comment", "line_comment")]
    if not named:
        return False
    last = named[-1]
    while last.type in ("block", "else_clause") and last.named_children:
        last = last.named_children[-1]
    return last.type in _TERMINATORS


def _call_order(ctx: Context, rule: CodeRule) -> list[Diagnostic]:
    trigger = str(rule.options["trigger"])
    required = str(rule.options["required"])
    exempt = str(rule.options.get("exemptFunctions", trigger))
    out: list[Diagnostic] = []
    lines = ctx.text.split("\n")
    for fn in _functions(ctx.index):
        if glob_match(fn.name, exempt) or glob_match(fn.name, required):
            continue  # wrappers such as charge_card() or validate_payment() themselves
        triggers = [c for c in fn.calls if call_matches(c, trigger)]
        if not triggers:
            continue
        reqs = [c for c in fn.calls if call_matches(c, required)]
        for call in triggers:
            if not _validated(ctx, lines, fn, call, reqs):
                fixes = _insert_fix(ctx, rule, lines, call, required)
                detail = f"`{call.name}` can run before any `{required}` call in `{fn.qualname}`"
                out.append(_diag(ctx, rule, call.range, detail, fixes))
                break  # one finding per function
    return out


def _validated(ctx: Context, lines: list[str], fn: Symbol, call: Call, reqs: list[Call]) -> bool:
    earlier = [r for r in reqs if r.range.start < call.range.start]
    if not earlier:
        return False
    parsed = ctx.tree()
    fnode = _function_node(parsed, lines, fn) if parsed is not None else None
    target = _node_at(parsed, lines, call.range.start) if parsed is not None else None
    if parsed is None or fnode is None or target is None:
        return True  # no tree: fall back to source order
    tcont = set(_containers(target, fnode))
    for r in earlier:
        rnode = _node_at(parsed, lines, r.range.start)
        if rnode is not None and set(_containers(rnode, fnode)) <= tcont:
            return True
    # An earlier if/else whose every branch validates (or leaves) also dominates the call.
    for if_node in _ifs_before(fnode, target.start_byte):
        if not set(_containers(if_node, fnode)) <= tcont:
            continue
        bodies, has_else = _branches(if_node)
        if not has_else or not bodies:
            continue
        if all(_branch_ok(b, earlier, parsed, lines, fnode, if_node) for b in bodies):
            return True
    return False


def _ifs_before(fnode: ts.Node, before: int) -> Iterator[ts.Node]:
    stack = [fnode]
    while stack:
        n = stack.pop()
        if n.type == "if_statement" and n.end_byte <= before:
            yield n
        stack.extend(c for c in n.named_children if c.start_byte < before)


def _branch_ok(
    body: ts.Node,
    reqs: list[Call],
    parsed: Parsed,
    lines: list[str],
    fnode: ts.Node,
    if_node: ts.Node,
) -> bool:
    """The branch leaves the function, or runs a required call unconditionally within it."""
    if _ends_with_exit(body):
        return True
    outer = set(_containers(if_node, fnode))
    for r in reqs:
        rnode = _node_at(parsed, lines, r.range.start)
        if rnode is None or not (body.start_byte <= rnode.start_byte < body.end_byte):
            continue
        extra = set(_containers(rnode, fnode)) - outer
        # Only the branch itself (or a clause wrapping it) may separate the call from the if.
        if all(s <= body.start_byte and body.end_byte <= e for s, e in extra):
            return True
    return False


def _insert_fix(
    ctx: Context, rule: CodeRule, lines: list[str], call: Call, required: str
) -> list[Fix]:
    line_no = _statement_line(ctx, lines, call)
    line = lines[line_no] if line_no < len(lines) else ""
    indent = line[: len(line) - len(line.lstrip())]
    args = _call_args(ctx.text, lines, call)
    name = re.sub(r"[*?\[\]].*$", "", required) or "validate"
    template = str((rule.options.get("fix") or {}).get("insert", f"{name}({{args}})"))
    stmt = template.replace("{args}", args)
    if ctx.index.language == "java" and not stmt.rstrip().endswith(";"):
        stmt += ";"
    edit = TextEdit(
        path=ctx.path, range=Range.of(line_no, 0, line_no, 0), new_text=f"{indent}{stmt}\n"
    )
    return [Fix(title=f"Insert `{stmt}` before `{call.name}`", edits=[edit], preferred=True)]


_BODIES = frozenset(
    {
        "block",
        "module",
        "source_file",
        "program",
        "statement_block",
        "constructor_body",
        "class_body",
        "compound_statement",
        "expression_case",
        "default_case",
        "switch_block",
    }
)


def _statement_line(ctx: Context, lines: list[str], call: Call) -> int:
    """First line of the statement holding the call (`x = (\n  charge(…)\n)` starts above it),
    so the inserted call lands between statements, never inside an expression."""
    parsed = ctx.tree()
    node = _node_at(parsed, lines, call.range.start) if parsed is not None else None
    while node is not None and node.parent is not None and node.parent.type not in _BODIES:
        node = node.parent
    if node is None or node.parent is None:
        return call.range.start.line
    return int(node.start_point[0])


def _call_args(text: str, lines: list[str], call: Call) -> str:
    """The argument text of the call (first line's worth), for the fix template."""
    start = call.range.start
    end = call.range.end
    if start.line == end.line:
        src = lines[start.line][start.character : end.character]
    else:
        src = "\n".join(
            [
                lines[start.line][start.character :],
                *lines[start.line + 1 : end.line],
                lines[end.line][: end.character],
            ]
        )
    open_at = src.find("(")
    if open_at < 0 or not src.endswith(")"):
        return ""
    return " ".join(src[open_at + 1 : -1].split())


# -- forbidden calls, decorators, naming ------------------------------------------------------


def _forbidden(ctx: Context, rule: CodeRule) -> list[Diagnostic]:
    pattern = str(rule.options["pattern"])
    out: list[Diagnostic] = []
    calls: list[Call] = list(ctx.index.module_calls)
    for fn in _functions(ctx.index):
        calls.extend(fn.calls)
    for call in calls:
        if call_matches(call, pattern):
            out.append(
                _diag(ctx, rule, call.range, f"`{call.name}` is forbidden here: {rule.message}", [])
            )
    return out


def _decorator_name(text: str) -> str:
    return text.lstrip("@").split("(")[0].strip()


def _decorator(ctx: Context, rule: CodeRule) -> list[Diagnostic]:
    functions = str(rule.options["functions"])
    wanted = _decorator_name(str(rule.options["decorator"]))
    out: list[Diagnostic] = []
    lines = ctx.text.split("\n")
    for fn in _functions(ctx.index):
        if not glob_match(fn.name, functions):
            continue
        names = {_decorator_name(d) for d in fn.decorators}
        short = {n.rsplit(".", 1)[-1] for n in names}
        if wanted in names or wanted.rsplit(".", 1)[-1] in short:
            continue
        line_no = fn.range.start.line
        line = lines[line_no] if line_no < len(lines) else ""
        indent = line[: len(line) - len(line.lstrip())]
        edit = TextEdit(
            path=ctx.path, range=Range.of(line_no, 0, line_no, 0), new_text=f"{indent}@{wanted}\n"
        )
        fix = Fix(title=f"Add @{wanted} to {fn.name}", edits=[edit], preferred=True)
        detail = f"`{fn.qualname}` lacks @{wanted}"
        out.append(_diag(ctx, rule, fn.selection_range, detail, [fix]))
    return out


def _naming(ctx: Context, rule: CodeRule) -> list[Diagnostic]:
    pattern = re.compile(str(rule.options["pattern"]))
    kinds = rule.options.get("kinds") or ["function", "method"]
    out: list[Diagnostic] = []
    for s in ctx.index.symbols:
        if s.kind in kinds and not pattern.fullmatch(s.name) and not s.name.startswith("__"):
            detail = f"{s.kind} name `{s.name}` does not match `{pattern.pattern}`"
            out.append(_diag(ctx, rule, s.selection_range, detail, []))
    return out
