"""STRING, UNSTRING and INSPECT in terms of runtime calls, shared by the three generators.

STRING joins its sending items once and writes them at the pointer; UNSTRING becomes a runtime
`Unstring` that hands out one field per receiver, so the generated code reads like the COBOL: one
block per receiver, then the pointer, the tally and the overflow branch. INSPECT becomes a runtime
`Inspection` with one call per clause (`after`/`before` narrowing the clause that follows).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from intheflow.transpile.ir import model as ir

if TYPE_CHECKING:
    from intheflow.transpile.backends.common import Generator


def string_lines(gen: Generator, s: ir.StringStmt, ind: int) -> list[str]:
    pad = "    " * ind
    pieces = []
    for sending, delim in s.parts:
        text = gen.text(sending, 1)
        if delim is not None:
            text = gen.rt("delimited", text, gen.text(delim, 1))
        pieces.append(text)
    path = gen.path(s.target)
    joined = gen.s_concat(pieces) if len(pieces) > 1 else pieces[0]
    head = f"{pad}{gen.comment} line {s.line}: STRING"
    if s.pointer is None and s.on_overflow is None and s.not_on_overflow is None:
        call = gen.rt("string_into", gen.s_read_str(path), joined)
        return [head, pad + gen.assign(s.target, call)]
    text, pointer, overflow = gen.fresh("sent"), gen.fresh("at"), gen.fresh("overflow")
    start = gen.rt("times", gen.dec(s.pointer)) if s.pointer is not None else "1"
    args = (gen.s_read_str(path), gen.s_read_str(text), pointer)
    out = [head, pad + gen.s_let(text, joined, "owned"), pad + gen.s_let(pointer, start, "int")]
    if s.on_overflow is not None or s.not_on_overflow is not None:
        out.append(pad + gen.s_let(overflow, gen.rt("string_overflow", *args), "bool"))
    if s.pointer is not None:
        end = gen.s_dec_of(gen.rt("string_end", *args), 0)
        out.extend(gen.store_lines(s.pointer, end, False, ind, None))
    out.append(pad + gen.assign(s.target, gen.rt("string_at", *args)))
    return out + overflow_branch(gen, overflow, s.on_overflow, s.not_on_overflow, ind)


def unstring_lines(gen: Generator, s: ir.Unstring, ind: int) -> list[str]:
    pad = "    " * ind
    u = gen.fresh("unstring")
    start = gen.rt("times", gen.dec(s.pointer)) if s.pointer is not None else "1"
    source = gen.rt("unstring_start", gen.s_read_str(gen.path(s.source)), start)
    out = [f"{pad}{gen.comment} line {s.line}: UNSTRING", pad + gen.s_let(u, source, "obj")]
    for delim, every in s.delimiters:
        call = gen.s_obj_call(u, "delimited_by", gen.text(delim, 1), gen.s_bool(every))
        out.append(pad + call + gen.stmt_end)
    for receiver in s.into:
        out.append(pad + gen.s_if(gen.s_obj_call(u, "more")))
        out.extend(receive(gen, u, receiver, bool(s.delimiters), ind + 1))
        out.append(pad + "}")
    if s.pointer is not None:
        pointer = gen.s_dec_of(gen.s_obj_call(u, "pointer"), 0)
        out.extend(gen.store_lines(s.pointer, pointer, False, ind, None))
    if s.tallying is not None:
        fields = gen.s_dec_of(gen.s_obj_call(u, "fields"), 0)
        total = gen.s_op(gen.dec(s.tallying), "add", fields)
        out.extend(gen.store_lines(s.tallying, total, False, ind, None))
    overflow = gen.s_obj_call(u, "overflow")
    return out + overflow_branch(gen, overflow, s.on_overflow, s.not_on_overflow, ind)


def receive(gen: Generator, u: str, r: ir.UnstringInto, delimited: bool, ind: int) -> list[str]:
    """One receiver: its field (moved as alphanumeric text), then DELIMITER IN and COUNT IN."""
    item = r.target.item
    pic = item.picture
    assert pic is not None
    width = pic.digits if item.is_numeric else item.size
    field = gen.s_obj_call(u, "next") if delimited else gen.s_obj_call(u, "next_size", str(width))
    if item.is_numeric:
        out = gen.store_lines(r.target, gen.rt("alnum_to_dec", field), False, ind, None)
    else:
        out = gen.move_lines_text(field, r.target, ind)
    if r.delimiter_in is not None:
        out.extend(gen.move_lines_text(gen.s_obj_call(u, "delimiter"), r.delimiter_in, ind))
    if r.count_in is not None:
        count = gen.s_dec_of(gen.s_obj_call(u, "count"), 0)
        out.extend(gen.store_lines(r.count_in, count, False, ind, None))
    return out


def overflow_branch(gen: Generator, overflow: str, on: list[ir.Stmt] | None,
                    off: list[ir.Stmt] | None, ind: int) -> list[str]:  # fmt: skip
    if on is None and off is None:
        return []
    pad = "    " * ind
    out = [pad + gen.s_if(overflow)]
    out.extend(gen.block(on or [], ind + 1))
    if off:
        out.append(pad + gen.s_else())
        out.extend(gen.block(off, ind + 1))
    out.append(pad + "}")
    return out


def inspect_lines(gen: Generator, s: ir.Inspect, ind: int) -> list[str]:
    pad = "    " * ind
    out = [f"{pad}{gen.comment} line {s.line}: INSPECT"]
    path = gen.path(s.target)

    def start(base: str) -> str:
        name = gen.fresh(base)
        out.append(pad + gen.s_let(name, gen.rt("inspect_start", gen.s_read_str(path)), "obj"))
        return name

    def bounds(name: str, clause_bounds: list[tuple[str, ir.Expr]]) -> None:
        for side, value in clause_bounds:
            call = gen.s_obj_call(name, side.lower(), gen.text(value, 1))
            out.append(pad + call + gen.stmt_end)

    if s.tallying:
        tally = start("tally")
        for clause in s.tallying:
            assert clause.counter is not None
            bounds(tally, clause.bounds)
            what = gen.text(clause.what, 1) if clause.what is not None else gen.s_str("")
            count = gen.s_obj_call(tally, "tally", gen.s_str(clause.mode), what)
            value = gen.s_op(gen.dec(clause.counter), "add", gen.s_dec_of(count, 0))
            out.extend(gen.store_lines(clause.counter, value, False, ind, None))
    if s.replacing:
        replace = start("replace")
        for clause in s.replacing:
            assert clause.by is not None
            bounds(replace, clause.bounds)
            what = gen.text(clause.what, 1) if clause.what is not None else gen.s_str("")
            # A figurative BY (SPACES, ZEROS) is as long as what it replaces.
            by = gen.text(clause.by, gen.size_of(clause.what) if clause.what else 1)
            call = gen.s_obj_call(replace, "replace", gen.s_str(clause.mode), what, by)
            out.append(pad + call + gen.stmt_end)
        out.append(pad + gen.assign(s.target, gen.s_obj_call(replace, "result")))
    if s.converting is not None:
        convert = start("convert")
        bounds(convert, s.converting_bounds)
        source, to = (gen.text(e, 1) for e in s.converting)
        out.append(pad + gen.s_obj_call(convert, "convert", source, to) + gen.stmt_end)
        out.append(pad + gen.assign(s.target, gen.s_obj_call(convert, "result")))
    return out
