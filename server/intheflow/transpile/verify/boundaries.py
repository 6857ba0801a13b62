"""Boundary input files for programs that read fixed records: every numeric DISPLAY field of the
record at zero, at the largest value its picture holds, at the smallest (negative when signed)
and at one, so GnuCOBOL and the translations are also compared where truncation, signs and
carries differ most."""

from __future__ import annotations

from intheflow.transpile.ir import model as ir
from intheflow.transpile.ir.walk import walk_stmts

BOUNDARIES = ("zero", "max", "min", "one")
RECORDS_PER_FILE = 3


def files_read(program: ir.Program) -> list[ir.FileDef]:
    """Files the program opens for INPUT (not sort work files)."""
    found: list[ir.FileDef] = []
    for fn in program.functions:
        for stmt in walk_stmts(fn.body):
            if isinstance(stmt, ir.Open):
                found.extend(f for mode, f in stmt.files if mode == "INPUT" and f not in found)
    return found


def numeric_text(pic: ir.Picture, boundary: str) -> str:
    """The DISPLAY characters of a boundary value (a negative sign over the last digit)."""
    if boundary == "zero" or (boundary == "min" and not pic.signed):
        return "0" * pic.digits
    if boundary == "one":  # 1, or the last digit's unit when the picture has no integer digits
        whole = pic.digits - pic.scale
        return (
            "0" * (whole - 1) + "1" + "0" * pic.scale if whole > 0 else "0" * (pic.digits - 1) + "1"
        )
    nines = "9" * pic.digits
    return nines if boundary == "max" else nines[:-1] + "y"  # 'y': -9 in GnuCOBOL's overpunch


def record_text(item: ir.DataItem, boundary: str) -> str | None:
    """The record's characters with every field at the boundary (None: not plain DISPLAY)."""
    if item.redefines is not None or item.usage != "display":
        return None
    if item.is_group:
        parts = [record_text(child, boundary) for child in item.children]
        if any(part is None for part in parts):
            return None
        one = "".join(p for p in parts if p is not None)
    else:
        pic = item.picture
        assert pic is not None
        if pic.category == "numeric":
            one = numeric_text(pic, boundary)
        else:
            one = ("A" if boundary in ("one", "min") else "Z") * item.size
    return one * max(1, item.occurs)


def boundary_files(program: ir.Program) -> dict[str, dict[str, bytes]]:
    """Boundary name → input files (external name → bytes), empty when nothing reads records."""
    sets: dict[str, dict[str, bytes]] = {name: {} for name in BOUNDARIES}
    for fd in files_read(program):
        if not fd.records or "/" in fd.assign or fd.assign_item is not None:
            continue
        record = max(fd.records, key=lambda r: r.size)
        if not any(d.is_numeric for d in record.walk()):
            continue
        for name in BOUNDARIES:
            text = record_text(record, name)
            if text is None:
                break
            end = "\n" if fd.organization == "line-sequential" else ""
            data = (text.rstrip(" ") + end if end else text) * RECORDS_PER_FILE
            sets[name][fd.assign] = data.encode("latin-1")
    return {name: files for name, files in sets.items() if files}
