"""CORRESPONDING: the pairs of items with the same name under two groups (COBOL rules).

Two items correspond when they have the same name and the same chain of group names up to the two
groups named in the statement. FILLER items, items with REDEFINES or OCCURS (and what they hold)
never take part. MOVE pairs items of which at least one is elementary; ADD and SUBTRACT pair
elementary numeric items only.
"""

from __future__ import annotations

from intheflow.transpile.ir import model as ir


def _takes_part(item: ir.DataItem) -> bool:
    return not item.is_filler and item.redefines is None and not item.occurs and item.level != 66


def corresponding_pairs(
    source: ir.DataItem, target: ir.DataItem, arithmetic: bool
) -> list[tuple[ir.DataItem, ir.DataItem]]:
    """(sending item, receiving item) pairs in the order the sending group declares them."""
    receivers = {child.name: child for child in target.children if _takes_part(child)}
    pairs: list[tuple[ir.DataItem, ir.DataItem]] = []
    for child in source.children:
        other = receivers.get(child.name)
        if not _takes_part(child) or other is None:
            continue
        if child.is_group and other.is_group:
            pairs.extend(corresponding_pairs(child, other, arithmetic))
        elif arithmetic:
            if child.is_numeric and other.is_numeric:
                pairs.append((child, other))
        else:
            pairs.append((child, other))
    return pairs


def corresponding_refs(
    source: ir.Ref, target: ir.Ref, arithmetic: bool
) -> list[tuple[ir.Ref, ir.Ref]]:
    """The pairs as references, subscripted like the two groups (their members have no OCCURS)."""
    return [
        (
            ir.Ref(a, list(source.subscripts), source.line),
            ir.Ref(b, list(target.subscripts), target.line),
        )
        for a, b in corresponding_pairs(source.item, target.item, arithmetic)
    ]
