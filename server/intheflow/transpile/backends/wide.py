"""Numeric items of 19 to 31 digits ("wide"): held in i128 (Rust), BigInteger (Java) and big.Int
(Go) instead of a 64-bit integer, so ordinary programs stay on native integers.

Java and Go compute on arbitrary-precision decimals; Rust's `Dec` is an i128 (38 digits). An
arithmetic statement that involves a wide item is therefore translated only when every
intermediate result provably fits 38 digits and a division, if any, is the last operation and
keeps the decimals the receiver needs: then all three targets give GnuCOBOL's result exactly.
Anything else is refused with its line.
"""

from __future__ import annotations

from intheflow.transpile.backends import shared_bytes as sb
from intheflow.transpile.ir import model as ir

I128_DIGITS = 38
# Rust's Dec.div shifts the dividend left while it stays below i128::MAX / 100 (36 digits).
DIVISION_DIGITS = 35


class NotExact(Exception):
    """The statement cannot be computed exactly on 38 digits."""


def is_wide(item: ir.DataItem) -> bool:
    pic = item.picture
    return pic is not None and pic.category == "numeric" and pic.digits > 18


def mentions_wide(e: ir.Expr) -> bool:
    if isinstance(e, ir.Ref):
        return is_wide(e.item)
    if isinstance(e, ir.BinOp):
        return mentions_wide(e.left) or mentions_wide(e.right)
    if isinstance(e, ir.Neg | ir.TruncTo):
        return mentions_wide(e.operand)
    if isinstance(e, ir.Func):
        return any(mentions_wide(a) for a in e.args)
    return False


def bound(e: ir.Expr) -> tuple[int, int]:
    """(integer digits, decimals) an exact value of `e` can need; NotExact if unbounded."""
    if isinstance(e, ir.Literal):
        if e.kind != "num":
            return (1, 0)
        int_part = e.text.lstrip("+-").split(".")[0].lstrip("0")
        return (max(len(int_part), 1), e.scale)
    if isinstance(e, ir.Ref):
        pic = e.item.picture
        if pic is None or pic.category != "numeric":
            raise NotExact(f"{e.item.name} is not numeric")
        return (pic.digits - pic.scale, pic.scale)
    if isinstance(e, ir.Neg):
        return bound(e.operand)
    if isinstance(e, ir.BinOp) and e.op in "+-":
        (ia, sa), (ib, sb_) = bound(e.left), bound(e.right)
        return fits38((max(ia, ib) + 1, max(sa, sb_)))
    if isinstance(e, ir.BinOp) and e.op == "*":
        (ia, sa), (ib, sb_) = bound(e.left), bound(e.right)
        return fits38((ia + ib, sa + sb_))
    raise NotExact("a division that is not the last operation, a power or a function")


def fits38(b: tuple[int, int]) -> tuple[int, int]:
    if b[0] + b[1] > I128_DIGITS:
        raise NotExact(f"an intermediate result of {b[0] + b[1]} digits (at most 38)")
    return b


def decimals_kept(value: ir.Expr) -> int:
    """Decimals of `value` computed exactly (a final division: as many as Rust's Dec keeps);
    NotExact when an intermediate result may not fit."""
    if not (isinstance(value, ir.BinOp) and value.op == "/"):
        return bound(value)[1]
    (ia, sa), (_, sb_) = bound(value.left), bound(value.right)
    shifted = max(sb_ - sa, 0)
    return min(36, max(sa - sb_, 0) + max(0, DIVISION_DIGITS - (ia + sa + shifted)))


def check_store(store: ir.Store) -> str | None:
    """Why a store involving a wide item cannot be exact, or None when it can (or none is wide)."""
    if not (is_wide(store.target.item) or mentions_wide(store.value)):
        return None
    if sb.in_shared_bytes(store.target.item):
        return "a number of more than 18 digits in a REDEFINES/RENAMES record"
    pic = store.target.item.picture
    try:
        kept = decimals_kept(store.value)
    except NotExact as exc:
        return f"arithmetic on numbers of more than 18 digits with {exc}"
    if not (isinstance(store.value, ir.BinOp) and store.value.op == "/"):
        return None  # sums and products are exact
    needed = (pic.scale if pic is not None else 0) + (1 if store.rounded else 0)
    if kept < needed:
        return f"a division keeping {kept} decimals where {needed} are needed (38-digit limit)"
    return None
