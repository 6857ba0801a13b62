"""What the file statements mean, shared by every back end: OPEN CLOSE READ WRITE REWRITE,
SORT/MERGE with RELEASE and RETURN, as calls on the runtime's file objects.

A file is a `CobFile` of the runtime (sequential or line sequential, GnuCOBOL's bytes and FILE
STATUS codes); a sort/merge work file (SD) is a `SortFile` holding records in memory. Record areas
stay the program's typed records: a READ sets every 01 record of the file from the bytes read,
a WRITE sends the record's DISPLAY bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from intheflow.transpile.ir import model as ir

if TYPE_CHECKING:
    from intheflow.transpile.backends.common import Generator

FILE_STMTS = (ir.Open, ir.Close, ir.Read, ir.Write, ir.Sort)


def _unsupported(construct: str, line: int) -> Exception:
    from intheflow.transpile.backends.common import Unsupported  # common imports this module

    return Unsupported(construct, line)


class FileLowering:
    """File statements of one generator, written with its hooks (`s_obj_call`, `s_new_file`…)."""

    def __init__(self, gen: Generator) -> None:
        self.g = gen

    # ---- declarations ---------------------------------------------------------------------------
    def file_field(self, fd: ir.FileDef) -> str:
        suffix = "" if fd.name.endswith(("FILE", "SORT", "WORK")) else "-FILE"
        return self.g.field_name(fd.name + suffix)

    def file_path(self, fd: ir.FileDef) -> str:
        return f"{self.g.s_self()}.{self.file_field(fd)}"

    def file_initial(self, fd: ir.FileDef) -> str:
        """The constructor call that creates the runtime object of a file or sort file."""
        if fd.is_sort:
            return self.g.s_new_sort_file(fd.record_size)
        sizes = {r.size for r in fd.records} | set(fd.record_contains or ())
        if fd.organization == "sequential" and len(sizes) > 1:
            # cobc then writes variable-length records (each with a 4-byte length header).
            raise _unsupported(f"variable-length records in sequential file {fd.name}", fd.line)
        args = [
            self.g.s_str(fd.name),
            self.g.s_str(fd.assign),
            self.g.s_bool(fd.organization == "line-sequential"),
            str(fd.record_size),
            self.g.s_bool(fd.optional),
            self.g.s_bool(fd.status is not None),
        ]
        return self.g.s_new_file(args)

    # ---- statements -----------------------------------------------------------------------------
    def file_stmt(self, s: ir.Stmt, ind: int) -> list[str]:
        pad = "    " * ind
        if isinstance(s, ir.Open):
            out = [f"{pad}{self.g.comment} line {s.line}: OPEN"]
            for n, (mode, fd) in enumerate(s.files):
                out.extend(self.dynamic_name(fd, ind))
                # libcob ends the run on an error of the statement's last file only.
                method = "open" if n == len(s.files) - 1 else "open_only"
                call = self.g.s_obj_call(self.file_path(fd), method, self.g.s_str(mode))
                out.append(pad + call + self.g.stmt_end)
                out.extend(self.status_update(fd, ind))
            return out
        if isinstance(s, ir.Close):
            out = [f"{pad}{self.g.comment} line {s.line}: CLOSE"]
            for n, fd in enumerate(s.files):
                method = "close" if n == len(s.files) - 1 else "close_only"
                call = self.g.s_obj_call(self.file_path(fd), method)
                out.append(pad + call + self.g.stmt_end)
                out.extend(self.status_update(fd, ind))
            return out
        if isinstance(s, ir.Read):
            return self.read_lines(s, ind)
        if isinstance(s, ir.Write):
            return self.write_lines(s, ind)
        assert isinstance(s, ir.Sort)
        return self.sort_lines(s, ind)

    def dynamic_name(self, fd: ir.FileDef, ind: int) -> list[str]:
        """ASSIGN TO a data item: the file name is the item's value when the file is opened."""
        if fd.assign_item is None:
            return []
        value = self.g.text(ir.Ref(fd.assign_item, [], fd.line))
        call = self.g.s_obj_call(self.file_path(fd), "set_name", value)
        return ["    " * ind + call + self.g.stmt_end]

    def status_update(self, fd: ir.FileDef, ind: int) -> list[str]:
        if fd.status is None:
            return []
        status = self.g.s_obj_call(self.file_path(fd), "status")
        return self.g.move_lines_text(status, ir.Ref(fd.status), ind)

    def record_text(self, record: ir.Ref, line: int) -> str:
        item = record.item
        if item.is_numeric or (item.picture is not None and item.picture.edit):
            raise _unsupported(f"numeric record {item.name} in a file", line)
        return self.g.text(record)

    def fill_records(self, fd: ir.FileDef, text: str, into: ir.Ref | None,
                     ind: int, line: int) -> list[str]:  # fmt: skip
        """The record area after a READ or RETURN: every 01 of the file, then INTO."""
        out: list[str] = []
        for record in fd.records:
            self.record_text(ir.Ref(record, [], line), line)  # refuses numeric records
            out.extend(self.g.move_lines_text(text, ir.Ref(record, [], line), ind))
        if into is not None:
            largest = max(fd.records, key=lambda r: r.size)
            out.extend(self.g.move_lines(ir.Ref(largest, [], line), into, ind))
        return out

    def read_lines(self, s: ir.Read, ind: int) -> list[str]:
        pad = "    " * ind
        fd = s.file
        path = self.file_path(fd)
        got = self.g.fresh("got")
        verb = "RETURN" if fd.is_sort else "READ"
        out = [f"{pad}{self.g.comment} line {s.line}: {verb} {fd.name}"]
        if fd.is_sort:
            out.append(pad + self.g.s_let(got, self.g.s_obj_call(path, "next_record"), "bool"))
        else:
            current = self.g.s_str("")
            if fd.organization == "sequential":
                largest = max(fd.records, key=lambda r: r.size)
                current = self.record_text(ir.Ref(largest, [], s.line), s.line)
            handled = self.g.s_bool(s.at_end is not None)
            call = self.g.s_obj_call(path, "read", handled, current)
            out.append(pad + self.g.s_let(got, call, "bool"))
            out.extend(self.status_update(fd, ind))
        record = self.g.s_obj_call(path, "last_record")
        out.append(pad + self.g.s_if(got))
        out.extend(self.fill_records(fd, record, s.into, ind + 1, s.line))
        out.extend(self.g.block(s.not_at_end or [], ind + 1))
        if s.at_end is not None:
            at_end = self.g.s_bool(True) if fd.is_sort else self.g.s_obj_call(path, "at_end")
            out.append(pad + self.g.s_else_if(at_end))
            out.extend(self.g.block(s.at_end, ind + 1))
        out.append(pad + "}")
        return out

    def write_lines(self, s: ir.Write, ind: int) -> list[str]:
        pad = "    " * ind
        out = [f"{pad}{self.g.comment} line {s.line}: {s.verb} {s.record.item.name}"]
        if s.source is not None:
            out.extend(self.g.move_lines(s.source, s.record, ind))
        text = self.record_text(s.record, s.line)
        path = self.file_path(s.file)
        if s.verb == "RELEASE":
            call = self.g.s_obj_call(path, "release", text)
        elif s.verb == "REWRITE":
            call = self.g.s_obj_call(path, "rewrite", text)
        else:
            lines = "0"
            if s.advancing:
                lines = self.g.rt("times", self.g.dec(s.lines)) if s.lines is not None else "-1"
            args = (text, self.g.s_str(s.advancing), lines)
            call = self.g.s_obj_call(path, "write", *args)
        out.append(pad + call + self.g.stmt_end)
        if s.verb != "RELEASE":
            out.extend(self.status_update(s.file, ind))
        return out

    def sort_lines(self, s: ir.Sort, ind: int) -> list[str]:
        pad = "    " * ind
        sort = self.file_path(s.file)
        # The USING and GIVING files are opened and closed by the sort; as in libcob, their FILE
        # STATUS items are left as they were.
        out = [f"{pad}{self.g.comment} line {s.line}: {s.verb} {s.file.name}"]
        out.append(pad + self.g.s_obj_call(sort, "start") + self.g.stmt_end)
        out.extend(self._hand_files(sort, "take", s.using, ind))
        if s.input_procedure is not None:
            out.append(f"{pad}{self.g.comment} INPUT PROCEDURE")
            out.extend(self.g.block(s.input_procedure, ind))
        order = "merge" if s.verb == "MERGE" else "sort"
        keys = self.g.s_sort_keys(
            [
                (k.key.item.offset, k.key.item.size, k.key.item.is_numeric, k.ascending)
                for k in s.keys
            ]
        )
        out.append(pad + self.g.s_obj_call(sort, order, keys) + self.g.stmt_end)
        out.extend(self._hand_files(sort, "give", s.giving, ind))
        if s.output_procedure is not None:
            out.append(f"{pad}{self.g.comment} OUTPUT PROCEDURE")
            out.extend(self.g.block(s.output_procedure, ind))
        return out

    def _hand_files(self, sort: str, method: str, files: list[ir.FileDef], ind: int) -> list[str]:
        """USING files the sort takes records from, or GIVING files it gives them to."""
        pad = "    " * ind
        out: list[str] = []
        for fd in files:
            out.extend(self.dynamic_name(fd, ind))
            arg = self.g.s_file_arg(self.file_path(fd))
            out.append(pad + self.g.s_obj_call(sort, method, arg) + self.g.stmt_end)
        return out
