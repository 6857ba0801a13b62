"""Records held as one byte string (`DataItem.bytes_backed`): where each item's bytes are and
what they hold at start and after INITIALIZE, computed once at translation time.

The encodings are GnuCOBOL's: zoned decimal with the sign overpunched on the last digit
(0x70 + digit when negative), big-endian two's complement for COMP/BINARY, little-endian for
COMP-5, packed decimal with a C/D sign nibble (F when unsigned) for COMP-3.
"""

from __future__ import annotations

from intheflow.transpile.ir import model as ir

FIGURATIVE_CHARS = {
    "SPACE": " ",
    "ZERO": "0",
    "HIGH-VALUE": "\xff",
    "LOW-VALUE": "\x00",
    "QUOTE": '"',
}


def literal_chars(lit: ir.Literal, size: int) -> str:
    """The characters a VALUE literal puts into an alphanumeric item or group of `size`."""
    if lit.kind == "figurative":
        return FIGURATIVE_CHARS[lit.text] * size
    text = lit.text if lit.kind == "str" else lit.text.lstrip("+-").replace(".", "")
    if lit.all:
        return (text * size)[:size]
    return text[:size].ljust(size)


def storage_record(item: ir.DataItem) -> ir.DataItem:
    """The 01 record whose field holds the item's bytes (a 01 REDEFINES uses its base's)."""
    record = item.record()
    return record.redefined if record.redefined is not None else record


def in_shared_bytes(item: ir.DataItem) -> bool:
    return storage_record(item).bytes_backed


def zoned(
    value: int, digits: int, signed: bool, leading: bool = False, separate: bool = False
) -> str:
    text = str(abs(value) % 10**digits).zfill(digits)
    if separate:
        sign = "-" if value < 0 else "+"
        return sign + text if leading else text + sign
    if signed and value < 0:
        at = 0 if leading else digits - 1
        text = text[:at] + chr(0x70 + int(text[at])) + text[at + 1 :]
    return text


def binary(value: int, size: int, big_endian: bool) -> str:
    """Two's complement bytes (values of unsigned items are never negative)."""
    data = (value % (1 << (8 * size))).to_bytes(size, "big" if big_endian else "little")
    return data.decode("latin-1")


def packed(value: int, size: int, signed: bool) -> str:
    sign = "f" if not signed else ("d" if value < 0 else "c")
    nibbles = str(abs(value)).zfill(size * 2 - 1)[-(size * 2 - 1) :] + sign
    return bytes.fromhex(nibbles).decode("latin-1")


def encode_number(item: ir.DataItem, value: int) -> str:
    """The bytes a numeric item holds for the scaled integer `value`."""
    pic = item.picture
    assert pic is not None
    if item.usage == "display":
        return zoned(value, pic.digits, pic.signed, item.sign_leading, item.sign_separate)
    if item.usage == "comp-3":
        return packed(value, item.size, pic.signed)
    return binary(value, item.size, big_endian=item.usage == "comp")


def occurrences(item: ir.DataItem, base: int) -> list[int]:
    """Offsets (in the record) of every occurrence of the item under `base` = its own offset."""
    return [base + k * item.size for k in range(max(1, item.occurs))]


def elementary_places(
    group: ir.DataItem, at: int, skip_fillers: bool
) -> list[tuple[int, ir.DataItem]]:
    """Each elementary item of `group` (placed at `at`) with its offset, every occurrence,
    leaving out redefinitions (their bytes belong to what they redefine)."""
    out: list[tuple[int, ir.DataItem]] = []
    for child in group.children:
        if child.redefined is not None or (skip_fillers and child.is_filler):
            continue
        for place in occurrences(child, at + child.offset - group.offset):
            if child.is_group:
                out.extend(elementary_places(child, place, skip_fillers))
            else:
                out.append((place, child))
    return out
