"""Intrinsic FUNCTIONs in terms of runtime calls, shared by the three generators.

Numeric functions give a runtime `Dec`, text functions a string. DISPLAY of a numeric function
prints what GnuCOBOL prints: a constant LENGTH as its digits, the integer functions zero-padded to
the width of GnuCOBOL's result field; the others are refused (move the result to a field first).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from intheflow.transpile.ir import model as ir

if TYPE_CHECKING:
    from intheflow.transpile.backends.common import Generator

# GnuCOBOL's result fields for integer functions, as DISPLAY shows them.
DISPLAY_DIGITS = {
    "LENGTH": 9, "ORD": 9, "INTEGER-OF-DATE": 9, "INTEGER-OF-DAY": 9, "DATE-OF-INTEGER": 8,
    "DAY-OF-INTEGER": 7,
}  # fmt: skip
DATE_FUNCTIONS = {"INTEGER-OF-DATE", "DATE-OF-INTEGER", "DAY-OF-INTEGER", "INTEGER-OF-DAY"}


def unsupported(construct: str, line: int) -> Exception:
    from intheflow.transpile.backends.common import Unsupported

    return Unsupported(construct, line)


def constant_length(f: ir.Func) -> int | None:
    """FUNCTION LENGTH of a fixed item or literal, known when translating (as cobc folds it)."""
    if f.name != "LENGTH":
        return None
    arg = f.args[0]
    if isinstance(arg, ir.Ref):
        return arg.item.size
    if isinstance(arg, ir.Literal) and arg.kind == "str":
        return len(arg.text)
    return None


def numeric(gen: Generator, f: ir.Func) -> str:
    """A numeric function as a runtime Dec."""
    if f.name not in ir.NUMERIC_FUNCTIONS:
        raise unsupported(f"FUNCTION {f.name} in arithmetic", f.line)
    if f.name == "LENGTH":
        size = constant_length(f)
        if size is not None:
            return gen.s_dec(size, 0)
        if not isinstance(f.args[0], ir.Func):
            raise unsupported("FUNCTION LENGTH of this argument", f.line)
        return gen.s_dec_of(gen.rt("text_length", gen.text(f.args[0])), 0)
    if f.name in ("NUMVAL", "NUMVAL-C"):
        return gen.rt("numval", gen.text(f.args[0], 1), gen.s_bool(f.name == "NUMVAL-C"))
    if f.name == "ORD":
        return gen.rt("ord", gen.text(f.args[0], 1))
    args = [gen.dec(a) for a in f.args]
    if f.name in DATE_FUNCTIONS:
        return gen.rt(f.name.lower().replace("-", "_"), args[0])
    if f.name in ("SUM", "MEAN"):
        total = args[0]
        for other in args[1:]:
            total = gen.s_op(total, "add", other)
        return total if f.name == "SUM" else gen.s_op(total, "div", gen.s_dec(len(args), 0))
    if f.name == "MEDIAN":
        return gen.rt("dec_median", gen.s_dec_list(args))
    if f.name == "ABS":
        return gen.rt("dec_abs", args[0])
    if f.name == "INTEGER":
        return gen.rt("dec_floor", args[0])
    if f.name == "INTEGER-PART":
        return gen.s_op(args[0], "trunc", "0")
    if f.name in ("MAX", "MIN"):
        out = args[0]
        for other in args[1:]:
            out = gen.rt("dec_" + f.name.lower(), out, other)
        return out
    a, b = f.args
    if f.name == "MOD":  # a - b * INTEGER(a / b)
        q: ir.Expr = ir.Func("INTEGER", [ir.BinOp("/", a, b)], f.line)
    else:  # REM: a - b * INTEGER-PART(a / b)
        q = ir.TruncTo(ir.BinOp("/", a, b), 0)
    return gen.dec(ir.BinOp("-", a, ir.BinOp("*", b, q)))


def text(gen: Generator, f: ir.Func, size: int | None) -> str:
    """A text function as a string."""
    if f.name not in ir.TEXT_FUNCTIONS:
        raise unsupported(f"FUNCTION {f.name} where text is expected", f.line)
    if f.name == "CURRENT-DATE":
        return gen.rt("current_date")
    if f.name == "CHAR":
        return gen.rt("char_of", gen.dec(f.args[0]))
    arg = gen.text(f.args[0], size)
    if f.name == "TRIM":
        return gen.rt("trim", arg, gen.s_str(f.mode))
    if f.name == "REVERSE":
        return gen.rt("reverse", arg)
    return gen.rt("upper" if f.name == "UPPER-CASE" else "lower", arg)


def display(gen: Generator, f: ir.Func) -> str:
    """DISPLAY of a numeric function, formatted as GnuCOBOL formats its result field."""
    size = constant_length(f)
    if size is not None:
        return gen.s_str(str(size))
    digits = DISPLAY_DIGITS.get(f.name)
    if digits is None:
        raise unsupported(f"DISPLAY of FUNCTION {f.name} (move it to a field first)", f.line)
    value = gen.rt("store", numeric(gen, f), str(digits), "0", "false", "false", "0")
    return gen.rt("num_display", value, str(digits), "0", "false")


def accept_from_clock(gen: Generator, s: ir.Accept, ind: int) -> list[str]:
    """ACCEPT … FROM DATE/DAY/DAY-OF-WEEK/TIME: the clock's digits, moved as an unsigned integer
    field of that many digits would be."""
    digits = gen.rt("clock", gen.s_str(s.source))
    head = f"{'    ' * ind}{gen.comment} line {s.line}: ACCEPT FROM {s.source}"
    item = s.target.item
    if not item.is_numeric and not (item.picture and item.picture.category == "numeric-edited"):
        return [head, *gen.move_lines_text(digits, s.target, ind)]
    return [head, *gen.store_lines(s.target, gen.rt("alnum_to_dec", digits), False, ind, None)]
