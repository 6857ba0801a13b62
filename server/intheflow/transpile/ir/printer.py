"""The printed form of the IR (see ARCHITECTURE.md, "Transpiler"): stable, diffable text."""

from __future__ import annotations

from intheflow.transpile.ir import model as ir


def _pic(item: ir.DataItem) -> str:
    pic = item.picture
    if pic is None:
        return f"group size={item.size}"
    if pic.category == "numeric":
        sign = "s" if pic.signed else "u"
        return f"dec({pic.digits},{pic.scale},{sign}) {item.usage} size={item.size}"
    if pic.category == "numeric-edited":
        return f"edited({pic.edit!r}) size={item.size}"
    return f"{pic.category}({pic.size})"


def expr(e: ir.Expr) -> str:
    if isinstance(e, ir.Literal):
        text = repr(e.text) if e.kind == "str" else e.text
        return ("all " if e.all else "") + text
    if isinstance(e, ir.Ref):
        subs = f"({', '.join(expr(s) for s in e.subscripts)})" if e.subscripts else ""
        if e.refmod is not None:
            length = expr(e.refmod.length) if e.refmod.length is not None else ""
            subs += f"({expr(e.refmod.start)}:{length})"
        return e.item.name + subs
    if isinstance(e, ir.BinOp):
        return f"({expr(e.left)} {e.op} {expr(e.right)})"
    if isinstance(e, ir.Neg):
        return f"-{expr(e.operand)}"
    if isinstance(e, ir.Func):
        mode = f" {e.mode.lower()}" if e.mode else ""
        return f"function {e.name}({', '.join(expr(a) for a in e.args)}{mode})"
    return f"trunc({expr(e.operand)}, {e.scale})"


def cond(c: ir.Cond) -> str:
    if isinstance(c, ir.Compare):
        return f"{expr(c.left)} {c.op} {expr(c.right)}"
    if isinstance(c, ir.ClassTest):
        return f"{expr(c.operand)} is {c.kind.lower()}"
    if isinstance(c, ir.Logic):
        return f"({cond(c.left)} {c.op.lower()} {cond(c.right)})"
    if isinstance(c, ir.Not):
        return f"not {cond(c.operand)}"
    return f"{c.cond.name}?"


def stmts(block: list[ir.Stmt], ind: int) -> list[str]:
    pad = "  " * ind
    out: list[str] = []
    for s in block:
        line = f"  ; L{getattr(s, 'line', '?')}"
        if isinstance(s, ir.Move):
            out.append(
                f"{pad}move {expr(s.source)} -> {', '.join(expr(t) for t in s.targets)}{line}"
            )
        elif isinstance(s, ir.Arith):
            for st in s.stores:
                rd = " rounded" if st.rounded else ""
                out.append(f"{pad}store{rd} {expr(st.target)} = {expr(st.value)}{line}")
            if s.on_size_error is not None:
                out.append(f"{pad}on-size-error:")
                out.extend(stmts(s.on_size_error, ind + 1))
            if s.not_on_size_error is not None:
                out.append(f"{pad}not-on-size-error:")
                out.extend(stmts(s.not_on_size_error, ind + 1))
        elif isinstance(s, ir.If):
            out.append(f"{pad}if {cond(s.cond)}{line}")
            out.extend(stmts(s.then, ind + 1))
            if s.orelse:
                out.append(f"{pad}else")
                out.extend(stmts(s.orelse, ind + 1))
        elif isinstance(s, ir.Evaluate):
            out.append(f"{pad}evaluate{line}")
            for w in s.whens:
                label = "other" if w.other else " and ".join(cond(c) for c in w.conds if c) or "any"
                out.append(f"{pad}  when {label}")
                out.extend(stmts(w.body, ind + 2))
        elif isinstance(s, ir.Perform):
            if s.times is not None:
                head = f"times {expr(s.times)}"
            elif s.varying:
                head = "varying " + "; ".join(
                    f"{expr(v)} from {expr(a)} by {expr(b)} until {cond(u)}"
                    for v, a, b, u in s.varying
                )
            elif s.until is not None:
                head = ("after " if s.test_after else "") + f"until {cond(s.until)}"
            else:
                head = "once"
            out.append(f"{pad}loop {head}{line}")
            out.extend(stmts(s.body or [], ind + 1))
        elif isinstance(s, ir.Call):
            out.append(f"{pad}call {s.function}{line}")
        elif isinstance(s, ir.Display):
            nl = "" if s.advancing else " no-advancing"
            out.append(f"{pad}display {', '.join(expr(e) for e in s.items)}{nl}{line}")
        elif isinstance(s, ir.Accept):
            source = f" from {s.source.lower()}" if s.source else ""
            out.append(f"{pad}accept {expr(s.target)}{source}{line}")
        elif isinstance(s, ir.Initialize):
            out.append(f"{pad}initialize {', '.join(expr(t) for t in s.targets)}{line}")
        elif isinstance(s, ir.StringStmt):
            parts = ", ".join(expr(p) + (f" delimited {expr(d)}" if d else "") for p, d in s.parts)
            ptr = f" pointer {expr(s.pointer)}" if s.pointer else ""
            out.append(f"{pad}string {parts} -> {expr(s.target)}{ptr}{line}")
            out.extend(_overflow_blocks(s, pad, ind))
        elif isinstance(s, ir.Unstring):
            delims = " or ".join(("all " if a else "") + expr(d) for d, a in s.delimiters)
            into = ", ".join(expr(r.target) for r in s.into)
            ptr = f" pointer {expr(s.pointer)}" if s.pointer else ""
            tally = f" tallying {expr(s.tallying)}" if s.tallying else ""
            head = f"unstring {expr(s.source)} delimited {delims or 'size'} -> {into}"
            out.append(f"{pad}{head}{ptr}{tally}{line}")
            out.extend(_overflow_blocks(s, pad, ind))
        elif isinstance(s, ir.Inspect):
            out.append(f"{pad}inspect {expr(s.target)}{line}")
        elif isinstance(s, ir.Sentence):
            out.append(f"{pad}sentence{line}")
            out.extend(stmts(s.body, ind + 1))
        elif isinstance(s, ir.CallProgram):
            args = ", ".join(f"{mode.lower()} {expr(a)}" for mode, a in s.args)
            out.append(f"{pad}call-program {s.program}{' using ' + args if args else ''}{line}")
            out.extend(stmts(s.not_on_exception, ind + 1))
        elif isinstance(s, ir.Jump):
            out.append(f"{pad}jump {s.target}{line}")
        elif isinstance(s, ir.Flow):
            out.append(f"{pad}state-machine {s.start} .. {s.last}{line}")
        elif isinstance(s, ir.SetCond):
            out.append(f"{pad}set {s.cond.cond.name} true{line}")
        elif isinstance(s, ir.Open):
            out.append(f"{pad}open {', '.join(f'{m.lower()} {f.name}' for m, f in s.files)}{line}")
        elif isinstance(s, ir.Close):
            out.append(f"{pad}close {', '.join(f.name for f in s.files)}{line}")
        elif isinstance(s, ir.Read):
            into = f" into {expr(s.into)}" if s.into else ""
            verb = "return" if s.file.is_sort else "read"
            out.append(f"{pad}{verb} {s.file.name}{into}{line}")
            for label, branch in (("at-end", s.at_end), ("not-at-end", s.not_at_end)):
                if branch is not None:
                    out.append(f"{pad}{label}:")
                    out.extend(stmts(branch, ind + 1))
        elif isinstance(s, ir.Write):
            source = f" from {expr(s.source)}" if s.source is not None else ""
            adv = ""
            if s.advancing:
                count = expr(s.lines) if s.lines is not None else "page"
                adv = f" {s.advancing.lower()} {count}"
            out.append(f"{pad}{s.verb.lower()} {expr(s.record)}{source}{adv}{line}")
        elif isinstance(s, ir.Sort):
            keys = ", ".join(("asc " if k.ascending else "desc ") + expr(k.key) for k in s.keys)
            using = " using " + ", ".join(f.name for f in s.using) if s.using else ""
            giving = " giving " + ", ".join(f.name for f in s.giving) if s.giving else ""
            out.append(f"{pad}{s.verb.lower()} {s.file.name} on {keys}{using}{giving}{line}")
            for label, proc in (("input:", s.input_procedure), ("output:", s.output_procedure)):
                if proc is not None:
                    out.append(f"{pad}{label}")
                    out.extend(stmts(proc, ind + 1))
        elif isinstance(s, ir.Search):
            kind = "search all" if s.binary else "search"
            varying = f" varying {expr(s.varying)}" if s.varying is not None else ""
            out.append(f"{pad}{kind} {s.table.name} index {expr(s.index)}{varying}{line}")
            if s.at_end:
                out.append(f"{pad}at-end:")
                out.extend(stmts(s.at_end, ind + 1))
            for when, body in s.whens:
                out.append(f"{pad}when {cond(when)}:")
                out.extend(stmts(body, ind + 1))
        else:
            out.append(f"{pad}{type(s).__name__.lower()}{line}")
    return out


def _overflow_blocks(s: ir.StringStmt | ir.Unstring, pad: str, ind: int) -> list[str]:
    out: list[str] = []
    if s.on_overflow is not None:
        out.append(f"{pad}on-overflow:")
        out.extend(stmts(s.on_overflow, ind + 1))
    if s.not_on_overflow is not None:
        out.append(f"{pad}not-on-overflow:")
        out.extend(stmts(s.not_on_overflow, ind + 1))
    return out


def print_program(p: ir.Program) -> str:
    out = [f"program {p.name}  ; {p.path}"]
    for record in p.records:
        for item in record.walk():
            depth = 0
            node = item.parent
            while node is not None:
                depth += 1
                node = node.parent
            occurs = f" occurs {item.occurs}" if item.occurs else ""
            if item.depending is not None:
                counter = item.depending.item.name
                occurs = f" occurs {item.occurs_min} to {item.occurs} depending {counter}"
            for direction, key in item.keys:
                occurs += f" {direction.lower()} {key.name}"
            if item.indexes:
                occurs += " indexed " + ", ".join(index.name for index in item.indexes)
            if item.index_of is not None:
                occurs += f" index of {item.index_of.name}"
            if item.redefined is not None:
                occurs += f" shares {item.redefined.name}"
            if item.bytes_backed:
                occurs += " bytes"
            out.append(
                f"{'  ' * (depth + 1)}{item.level:02d} {item.name}: {_pic(item)} @{item.offset}{occurs}"  # noqa: E501
            )
            for c in item.conditions:
                values = ", ".join(
                    expr(lo) + (f" thru {expr(hi)}" if hi else "") for lo, hi in c.values
                )
                out.append(f"{'  ' * (depth + 2)}88 {c.name}: {values}")
        for alias in record.aliases:
            covered = " thru ".join(item.name for item in alias.renames)
            out.append(f"    66 {alias.name}: renames {covered} size={alias.size} @{alias.offset}")
    for f in p.files:
        kind = "sort-file" if f.is_sort else f"file {f.organization}"
        status = f" status={f.status.name}" if f.status else ""
        records = ", ".join(r.name for r in f.records)
        out.append(f"  {kind} {f.name} assign={f.assign!r}{status} records={records}")
    if p.machine:
        out.append(f"  entry state-machine {p.machine[0]} .. {p.machine[-1]}")
    else:
        out.append(f"  entry {' -> '.join(p.entry)}")
    for fn in p.functions:
        marks = [m for m, on in (("restartable", fn.restarts), ("jumps", fn.jumps),
                                 ("leaves", fn.leaves)) if on]  # fmt: skip
        out.append(f"  fn {fn.name}{''.join(' ' + m for m in marks)}  ; L{fn.line}")
        out.extend(stmts(fn.body, 2))
    return "\n".join(out) + "\n"
