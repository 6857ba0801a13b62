"""What every back end shares: the meaning of each IR statement in terms of runtime calls.

A back end subclasses `Generator` and supplies syntax (hooks named `s_…`) and the file layout.
Numbers are scaled integers in the target's 64-bit type; intermediate results are `Dec` values of
the runtime; alphanumeric and edited items are strings of their exact size; groups are structs
(classes) with `toDisplay`/`setDisplay` to move them as a whole, as COBOL does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from intheflow.transpile.backends import intrinsics, naming, text_statements, wide
from intheflow.transpile.backends import shared_bytes as sb
from intheflow.transpile.backends.files import FILE_STMTS, FileLowering
from intheflow.transpile.backends.naming import Scope
from intheflow.transpile.ir import model as ir
from intheflow.transpile.ir.walk import walk_stmts


class Unsupported(Exception):
    def __init__(self, construct: str, line: int) -> None:
        super().__init__(f"unsupported: {construct} at line {line}")
        self.construct = construct
        self.line = line
        self.path = ""  # the program's source, when a unit spans several files


@dataclass
class Output:
    files: dict[str, str]  # relative path → text
    functions: dict[str, str] = field(default_factory=dict)  # COBOL paragraph → target function
    gaps: list[str] = field(default_factory=list)  # best-effort gaps marked in the code


def num_mantissa(text: str) -> tuple[int, int]:
    neg = text.startswith("-")
    body = text.lstrip("+-")
    int_part, _, frac = body.partition(".")
    m = int((int_part or "0") + frac)
    return (-m if neg else m), len(frac)


def scaled_value(text: str, digits: int, scale: int, signed: bool) -> int:
    """A numeric literal as the scaled integer a field of this picture stores (truncating)."""
    m, s = num_mantissa(text)
    if scale >= s:
        m *= int(10 ** (scale - s))
    else:
        m = abs(m) // int(10 ** (s - scale)) * (1 if m >= 0 else -1)
    m = (abs(m) % int(10**digits)) * (1 if m >= 0 else -1)
    return m if signed else abs(m)


def is_numeric_item(item: ir.DataItem) -> bool:
    return item.picture is not None and item.picture.category == "numeric"


def is_edited(item: ir.DataItem) -> bool:
    return item.picture is not None and item.picture.category == "numeric-edited"


def integer_literal(e: ir.Expr) -> int | None:
    if isinstance(e, ir.Literal) and e.kind == "num" and e.text.isdigit():
        return int(e.text)
    return None


def holds_struct(record: ir.DataItem) -> bool:
    """A group record held as a struct/class (not as one byte string)."""
    return record.is_group and not record.bytes_backed


def item_chain(item: ir.DataItem) -> list[ir.DataItem]:
    """The 01 record first, down to the item."""
    return list(reversed(item.lineage()))


class Generator:
    comment = "//"
    stmt_end = ";"

    def __init__(self, program: ir.Program, best_effort: bool = False) -> None:
        self.p = program
        self.best_effort = best_effort
        self.gaps: list[str] = []
        self.names: dict[int, str] = {}  # id(item) → field name
        self.types: dict[int, str] = {}  # id(group item) → struct/class name
        self.fns: dict[str, str] = {}
        self.states: dict[str, str] = {}  # paragraph → its state in the GO TO state machine
        self.fallthrough = ""  # what a jumping paragraph returns when it runs to its end
        self.tmp = 0
        self.sentences: list[str] = []  # labels of the enclosing NEXT SENTENCE blocks
        self.unit: dict[str, ir.Program] = {program.name: program}  # programs CALL can reach
        self.modules: dict[str, str] = {}  # program → its module/class/package in this target
        # Items of records held as bytes that the code reads or writes: (item, getter, setter).
        self.accessors: dict[int, tuple[ir.DataItem, str, str]] = {}
        self.accessor_scope: Scope | None = None
        self.accessor_uses: dict[int, set[str]] = {}  # id(item) → {"get", "set"}
        self.assign_names()
        self.files = FileLowering(self)

    # ---- hooks every back end provides ----------------------------------------------------------
    def field_name(self, cobol: str) -> str:
        raise NotImplementedError

    def type_name(self, cobol: str) -> str:
        return naming.pascal(cobol)

    def fn_name(self, cobol: str) -> str:
        raise NotImplementedError

    def rt(self, name: str, *args: str) -> str:
        raise NotImplementedError

    def s_str(self, text: str) -> str:
        raise NotImplementedError

    def s_dec(self, m: int, s: int) -> str:
        raise NotImplementedError

    def s_dec_of(self, path: str, scale: int) -> str:
        raise NotImplementedError

    def s_op(self, a: str, method: str, b: str) -> str:
        raise NotImplementedError

    def s_read_str(self, path: str) -> str:
        return path

    def s_self(self) -> str:
        raise NotImplementedError

    def s_index(self, path: str, dec: str) -> str:
        raise NotImplementedError

    def s_if(self, cond: str) -> str:
        return f"if ({cond}) {{"

    def s_else(self) -> str:
        return "} else {"

    def s_while(self, cond: str) -> str:
        return f"while ({cond}) {{"

    def s_loop(self) -> str:
        return "while (true) {"

    def s_times(self, var: str, count: str) -> str:
        raise NotImplementedError

    def s_let(self, name: str, value: str, kind: str) -> str:
        raise NotImplementedError

    def s_call(self, fn: str) -> str:
        return f"{self.s_self()}.{fn}(){self.stmt_end}"

    def s_method_call(self, path: str, method: str, *args: str) -> str:
        return f"{path}.{method}({', '.join(args)})"

    def s_labeled_loop(self) -> list[str]:
        raise NotImplementedError

    def s_restart(self) -> str:
        raise NotImplementedError

    def s_concat(self, parts: list[str]) -> str:
        raise NotImplementedError

    def s_offset(self, dec: str) -> str:
        """A 1-based COBOL position (a subscript, a reference modification start) as a 0-based
        offset in the target's integer type for string positions."""
        return self.rt("index", dec)

    def s_sentence(self, label: str) -> list[str]:
        """Opens a block that `s_leave_sentence(label)` leaves."""
        return [f"{label}: {{"]

    def s_end_sentence(self) -> list[str]:
        return ["}"]

    def s_leave_sentence(self, label: str) -> str:
        return f"break {label}{self.stmt_end}"

    def num_type(self, item: ir.DataItem) -> str:
        """The target type of a numeric field: 64-bit, or wide for 19-31 digits."""
        raise NotImplementedError

    def num_literal(self, item: ir.DataItem, value: int) -> str:
        """A scaled integer constant for a numeric field of this item's type."""
        raise NotImplementedError

    def s_wide_dec_of(self, path: str, scale: int) -> str:
        """A wide item (19-31 digits) as a Dec."""
        raise NotImplementedError

    def is_wide(self, item: ir.DataItem) -> bool:
        if wide.is_wide(item) and sb.in_shared_bytes(item):
            message = "a number of more than 18 digits in a REDEFINES/RENAMES record"
            raise Unsupported(message, item.line)
        return wide.is_wide(item)

    def num_fn(self, name: str, item: ir.DataItem) -> str:
        """The runtime function `name` for this numeric item, or its variant for wide items."""
        return name + "_wide" if self.is_wide(item) else name

    def s_dec_list(self, items: list[str]) -> str:
        """Several Decs passed to a runtime function taking any number of them."""
        return ", ".join(items)

    def s_obj_call(self, obj: str, method: str, *args: str) -> str:
        """A call of a runtime object's method, `method` given in snake case."""
        return f"{obj}.{method}({', '.join(args)})"

    # ---- files (backends/files.py) ---------------------------------------------------------------
    def s_new_file(self, args: list[str]) -> str:
        """The runtime object of a SELECTed file (constructor arguments already written)."""
        raise NotImplementedError

    def s_new_sort_file(self, size: int) -> str:
        """The runtime object of an SD work file with records of `size` bytes."""
        raise NotImplementedError

    def s_sort_keys(self, keys: list[tuple[int, int, bool, bool]]) -> str:
        """The keys of one SORT/MERGE: (offset, size, numeric, ascending) each."""
        raise NotImplementedError

    def s_file_arg(self, path: str) -> str:
        """A file object passed to a runtime method (Rust needs `&mut`)."""
        return path

    def stored_records(self) -> list[ir.DataItem]:
        """Records with a field of their own (a 01 REDEFINES reads its base's bytes)."""
        return [r for r in self.p.records if r.redefined is None]

    def layout_doc(self, record: ir.DataItem) -> list[str]:
        """For a record held as bytes: where each item is (`@offset name size`), what the
        get_bytes/put_bytes offsets in the code refer to."""
        if not record.bytes_backed:
            return []
        out = [f"{record.name}: {record.size} bytes; items at their offsets:"]
        views = [r for r in self.p.records if r.redefined is record]
        for top in [record, *views]:
            for item in top.walk():
                pic = f"PIC {item.picture.text}" if item.picture is not None else "group"
                note = f", shares {item.redefined.name}" if item.redefined is not None else ""
                table = f", OCCURS {item.occurs}" if item.occurs else ""
                depth = "  " * len(item_chain(item))
                size = f"{item.size} byte{'s' if item.size != 1 else ''}"
                out.append(f"{depth}@{item.offset} {item.name} {pic} ({size}{table}{note})")
            for alias in top.aliases:
                covered = " THRU ".join(i.name for i in alias.renames)
                out.append(f"  @{alias.offset} {alias.name} RENAMES {covered} ({alias.size} bytes)")
        return out

    def typed_records(self) -> list[ir.DataItem]:
        """Group records generated as structs/classes (byte-backed ones are one string)."""
        return [r for r in self.p.records if r.is_group and not r.bytes_backed]

    # ---- names ----------------------------------------------------------------------------------
    def assign_names(self) -> None:
        from intheflow.transpile.backends.naming import Scope

        top, types = Scope(), Scope()
        for record in self.p.records:
            self._name(record, top, types)
        fns, states = Scope(), Scope()
        for fn in self.p.functions:
            self.fns[fn.name] = fns.unique(self.fn_name(fn.name))
        for name in self.p.machine:
            self.states[name] = states.unique(self.state_name(name))
        if self.p.machine and self.p.called:
            self.states[ir.END_OF_PROGRAM] = states.unique(self.state_name(ir.END_OF_PROGRAM))

    def _name(self, item: ir.DataItem, scope: object, types: object) -> None:
        from intheflow.transpile.backends.naming import Scope

        assert isinstance(scope, Scope) and isinstance(types, Scope)
        base = "filler" if item.is_filler else self.field_name(item.name)
        self.names[id(item)] = scope.unique(base)
        if item.is_group:
            self.types[id(item)] = types.unique(self.type_name(item.name))
            inner = Scope()
            for child in item.children:
                self._name(child, inner, types)

    # ---- references -----------------------------------------------------------------------------
    def path(self, ref: ir.Ref | ir.CondRef) -> str:
        """Where a typed item lives; for an item of a byte-backed record, the value read from
        its bytes (write it with `assign`)."""
        if sb.in_shared_bytes(ref.item):
            return self.read_shared(ir.Ref(ref.item, list(ref.subscripts)))
        subs = list(ref.subscripts)
        out = self.s_self()
        for node in item_chain(ref.item):
            out += "." + self.names[id(node)]
            if node.occurs:
                out = self.s_index(out, self.dec(subs.pop(0)))
        return out

    # ---- records held as bytes (REDEFINES, RENAMES) and reference modification -----------------
    def accessor_names(self, item: ir.DataItem, use: str) -> tuple[str, str]:
        """(getter, setter) of an item of a record held as bytes, named after the item; the
        methods are written at the end (accessor_lines) for the items the code uses."""
        if id(item) not in self.accessors:
            if self.accessor_scope is None:
                self.accessor_scope = Scope()
                taken = [self.names[id(r)] for r in self.p.records] + list(self.fns.values())
                taken += [self.cond_method(c) for i in self.p.items() for c in i.conditions]
                self.accessor_scope.used.update([*taken, "run", "main", "new"])
            scope = self.accessor_scope
            getter = scope.unique(self.fn_name(item.name))
            setter = scope.unique(self.fn_name("SET-" + item.name))
            self.accessors[id(item)] = (item, getter, setter)
        self.accessor_uses.setdefault(id(item), set()).add(use)
        _, getter, setter = self.accessors[id(item)]
        return getter, setter

    def accessor_args(self, ref: ir.Ref) -> list[str]:
        return [self.s_offset(self.dec(sub)) for sub in ref.subscripts]

    def accessor_lines(self) -> list[str]:
        """The getters and setters of the items used, in record and offset order."""
        out: list[str] = []
        order = {id(r): n for n, r in enumerate(self.p.records)}
        used = sorted(
            self.accessors.values(), key=lambda a: (order[id(sb.storage_record(a[0]))], a[0].offset)
        )
        for item, getter, setter in used:
            params = [f"i{n + 1}" for n, node in enumerate(n for n in item_chain(item) if n.occurs)]
            at = self.offset_of(item, params)
            field = self.record_field(item)
            raw = self.rt("get_bytes", self.s_read_str(field), at, self.size_expr(item))
            kind = "num" if is_numeric_item(item) else "text"
            where = f"{item.name} @{at}, {item.size} byte{'s' if item.size != 1 else ''}"
            out.append("")
            uses = self.accessor_uses[id(item)]
            if "get" in uses:
                out.extend(self.s_getter(getter, params, kind, self.decode(item, raw), where))
            if "set" in uses:
                put = self.rt("put_bytes", self.s_read_str(field), at, self.encode(item, "v"))
                stmt = f"{field} = {put}{self.stmt_end}"
                out.extend(self.s_setter(setter, params, kind, stmt, where))
        return out

    def s_getter(self, name: str, params: list[str], kind: str, expr: str, doc: str) -> list[str]:
        """A method returning `expr` (kind num or text), taking 0-based occurrence params."""
        raise NotImplementedError

    def s_setter(self, name: str, params: list[str], kind: str, stmt: str, doc: str) -> list[str]:
        """A method running `stmt` with the new value in `v`."""
        raise NotImplementedError

    def record_field(self, item: ir.DataItem) -> str:
        return f"{self.s_self()}.{self.names[id(sb.storage_record(item))]}"

    def offset_expr(self, ref: ir.Ref) -> str:
        """The item's offset in its record's bytes, subscripts included."""
        return self.offset_of(ref.item, self.accessor_args(ref))

    def offset_of(self, item: ir.DataItem, indexes: list[str]) -> str:
        """The offset for 0-based occurrence numbers (outermost table first)."""
        tables = [node for node in item_chain(item) if node.occurs]
        parts = [str(item.offset)] + [
            f"{i} * {t.size}" for i, t in zip(indexes, tables, strict=True)
        ]
        return " + ".join(parts)

    def shared_slice(self, ref: ir.Ref) -> str:
        field = self.s_read_str(self.record_field(ref.item))
        return self.rt("get_bytes", field, self.offset_expr(ref), self.size_expr(ref.item))

    def size_expr(self, item: ir.DataItem) -> str:
        """The item's size now: a group holding an OCCURS DEPENDING ON table counts only the
        occurrences its DEPENDING ON item says (as GnuCOBOL moves and displays it)."""
        table = next((d for d in item.walk()[1:] if d.depending is not None), None)
        if table is None or table.depending is None:
            return str(item.size)
        fixed = item.size - table.size * table.occurs
        count = self.rt("occurrences", self.dec(table.depending))
        return f"{fixed} + {count} * {table.size}" if fixed else f"{count} * {table.size}"

    def table_count(self, table: ir.DataItem) -> ir.Expr:
        """How many occurrences a SEARCH looks at: the DEPENDING ON item, else the OCCURS."""
        return table.depending or ir.Literal("num", str(table.occurs))

    def read_shared(self, ref: ir.Ref) -> str:
        getter, _ = self.accessor_names(ref.item, "get")
        return f"{self.s_self()}.{getter}({', '.join(self.accessor_args(ref))})"

    def decode(self, item: ir.DataItem, raw: str) -> str:
        """The item's typed value from its bytes."""
        if not is_numeric_item(item):
            return raw
        pic = item.picture
        assert pic is not None
        if item.sign_separate:
            return self.rt("unzone_sign", raw, self.s_bool(item.sign_leading), self.s_bool(True))
        if item.usage == "display":
            return self.rt("unzone", raw)
        if item.usage == "comp-3":
            return self.rt("unpack", raw)
        return self.rt(
            "from_binary", raw, self.s_bool(pic.signed), self.s_bool(item.usage == "comp")
        )

    def encode(self, item: ir.DataItem, value: str) -> str:
        """The bytes of `value` (the target's value of the item's type) in the item's storage."""
        pic = item.picture
        if pic is None or not is_numeric_item(item):
            return value
        if item.sign_leading or item.sign_separate:
            flags = (self.s_bool(item.sign_leading), self.s_bool(item.sign_separate))
            return self.rt("zoned_sign", value, str(pic.digits), *flags)
        if item.usage == "display":
            return self.rt("zoned", value, str(pic.digits), self.s_bool(pic.signed))
        if item.usage == "comp-3":
            return self.rt("pack", value, str(item.size), self.s_bool(pic.signed))
        return self.rt("to_binary", value, str(item.size), self.s_bool(item.usage == "comp"))

    def put_shared(self, ref: ir.Ref, piece: str, at: str | None = None) -> str:
        """Write bytes: through the item's setter for a group or text item, else in place."""
        if at is None and not is_numeric_item(ref.item):
            return self.call_setter(ref, piece)
        field = self.record_field(ref.item)
        where = at if at is not None else self.offset_expr(ref)
        call = self.rt("put_bytes", self.s_read_str(field), where, piece)
        return f"{field} = {call}{self.stmt_end}"

    def assign(self, target: ir.Ref, value: str) -> str:
        """The statement storing `value` (the item's typed value) into the target."""
        if sb.in_shared_bytes(target.item):
            return self.call_setter(target, value)
        return f"{self.path(target)} = {value}{self.stmt_end}"

    def call_setter(self, target: ir.Ref, value: str) -> str:
        _, setter = self.accessor_names(target.item, "set")
        args = [*self.accessor_args(target), value]
        return f"{self.s_self()}.{setter}({', '.join(args)}){self.stmt_end}"

    def raw_bytes(self, ref: ir.Ref) -> str:
        """The item's bytes as a string, as reference modification and group moves see them."""
        item = ref.item
        plain = ir.Ref(item, list(ref.subscripts), ref.line)
        if sb.in_shared_bytes(item):
            return self.shared_slice(plain) if is_numeric_item(item) else self.read_shared(plain)
        if item.is_group:
            if any(d.usage != "display" for d in item.walk()):
                raise Unsupported(
                    f"group {item.name} with binary/packed fields used as a whole", ref.line
                )
            return self.s_method_call(self.path(plain), self.display_method())
        pic = item.picture
        assert pic is not None
        if is_numeric_item(item):
            if item.usage != "display":
                raise Unsupported(f"bytes of the binary/packed item {item.name}", ref.line)
            return self.rt("zoned", self.path(plain), str(pic.digits), self.s_bool(pic.signed))
        return self.s_read_str(self.path(plain))

    def assign_raw(self, ref: ir.Ref, data: str) -> list[str]:
        """Store a whole item's bytes (a string of its size) back into it."""
        item = ref.item
        plain = ir.Ref(item, list(ref.subscripts), ref.line)
        if sb.in_shared_bytes(item):
            return [self.put_shared(plain, data)]
        if item.is_group:
            call = self.s_method_call(self.path(plain), self.set_display_method(), data)
            return [call + self.stmt_end]
        if is_numeric_item(item):
            return [f"{self.path(plain)} = {self.rt('unzone', data)}{self.stmt_end}"]
        return [f"{self.path(plain)} = {data}{self.stmt_end}"]

    def refmod_bounds(self, ref: ir.Ref) -> tuple[str, str]:
        """(0-based start, length) of a reference modification, as target integers."""
        mod = ref.refmod
        assert mod is not None
        first = integer_literal(mod.start)
        start = str(first - 1) if first is not None else self.s_offset(self.dec(mod.start))
        if mod.length is None:
            if first is not None:
                return start, str(self.refmod_size(ref) - first + 1)
            return start, f"{self.refmod_size(ref)} - {start}"
        count = integer_literal(mod.length)
        if count is not None:
            return start, str(count)
        # index(n) is n - 1, so a length is one more.
        return start, f"{self.s_offset(self.dec(mod.length))} + 1"

    def refmod_size(self, ref: ir.Ref) -> int:
        pic = ref.item.picture
        return pic.size if pic is not None and ref.item.usage == "display" else ref.item.size

    def refmod_text(self, ref: ir.Ref) -> str:
        start, length = self.refmod_bounds(ref)
        return self.rt("get_bytes", self.raw_bytes(ref), start, length)

    def refmod_write(self, target: ir.Ref, text: str, ind: int) -> list[str]:
        """MOVE into item(start:length): the characters go into the item's bytes, padded with
        spaces to the length."""
        pad = "    " * ind
        start, length = self.refmod_bounds(target)
        piece = self.rt("fit", text, length)
        whole = self.rt("put_bytes", self.raw_bytes(target), start, piece)
        if not target.item.is_group or sb.in_shared_bytes(target.item):
            return [pad + line for line in self.assign_raw(target, whole)]
        # A struct's setter cannot borrow the struct for its argument (Rust): bytes first.
        tmp = self.fresh("r")
        return [pad + self.s_let(tmp, whole, "str")] + [
            pad + line for line in self.assign_raw(target, tmp)
        ]

    def initial_bytes(self, record: ir.DataItem) -> str:
        """The starting bytes of a byte-backed record: VALUE clauses, else zeros in numbers and
        spaces elsewhere (GnuCOBOL's default), redefinitions left to what they redefine."""
        chars = [" "] * record.size
        edited: list[tuple[int, ir.DataItem]] = []

        def fill(item: ir.DataItem, at: int, under_value: bool) -> None:
            if item.is_group:
                for child in item.children:
                    if child.redefined is None:
                        for place in sb.occurrences(child, at + child.offset - item.offset):
                            fill(child, place, under_value or item.value is not None)
                if item.value is not None:
                    chars[at : at + item.size] = sb.literal_chars(item.value, item.size)
                return
            pic = item.picture
            assert pic is not None
            if is_numeric_item(item):
                value = item.value
                m = (
                    scaled_value(value.text, pic.digits, pic.scale, pic.signed)
                    if (value is not None and value.kind == "num")
                    else 0
                )
                chars[at : at + item.size] = sb.encode_number(item, m)
            elif is_edited(item):
                if not under_value:
                    edited.append((at, item))
            else:
                text = sb.literal_chars(item.value, item.size) if item.value else " " * item.size
                chars[at : at + item.size] = text

        fill(record, 0, False)
        out = self.s_str("".join(chars))
        for at, item in edited:
            out = self.rt("put_bytes", out, str(at), self.initial_edited(item, item.value))
        return self.rt("fit", out, str(record.size))

    def initial_edited(self, item: ir.DataItem, value: ir.Literal | None) -> str:
        pic = item.picture
        assert pic is not None
        if value is not None and value.kind != "num":
            return self.s_str(sb.literal_chars(value, item.size))
        m, s = num_mantissa(value.text) if value is not None else (0, 0)
        args = (self.s_str(pic.edit), str(pic.digits), str(pic.scale))
        return self.rt("edit", self.s_dec(m, s), *args)

    def initialize_shared(self, target: ir.Ref, ind: int) -> list[str]:
        """INITIALIZE of an item in a byte-backed record: each elementary item but FILLERs to
        zero or spaces, written in runs of adjacent bytes."""
        pad = "    " * ind
        item = target.item
        places = (
            sb.elementary_places(item, item.offset, skip_fillers=True)
            if item.is_group
            else [(item.offset, item)]
        )
        base = self.offset_expr(ir.Ref(item, list(target.subscripts)))
        table = next((d for d in item.walk()[1:] if d.depending is not None), None)
        if table is not None:  # its occurrences past the DEPENDING ON count are left alone
            places = [(at, elem) for at, elem in places if at < table.offset]
        pieces: list[tuple[int, str]] = []  # (offset in the item, target expression)
        if table is not None:
            pieces.append((table.offset, self.initialized_occurrences(table, target.line)))
        run_at, run = 0, ""
        for at, elem in places:
            if run and at != run_at + len(run):
                pieces.append((run_at, self.s_str(run)))
                run = ""
            if is_edited(elem):
                pieces.append((at, self.initial_edited(elem, None)))
                continue
            if not run:
                run_at = at
            run += sb.encode_number(elem, 0) if is_numeric_item(elem) else " " * elem.size
        if run:
            pieces.append((run_at, self.s_str(run)))
        return [
            pad + self.put_shared(target, piece, f"{base} + {at - item.offset}")
            for at, piece in sorted(pieces, key=lambda p: p[0])
        ]

    def initialized_occurrences(self, table: ir.DataItem, line: int) -> str:
        """The bytes INITIALIZE gives the current occurrences of an OCCURS DEPENDING ON table:
        one occurrence's zeros and spaces, repeated as many times as the count says."""
        places = (
            sb.elementary_places(table, table.offset, skip_fillers=False)
            if table.is_group
            else [(table.offset, table)]
        )
        if any(elem.is_filler or is_edited(elem) for _, elem in places):
            raise Unsupported(
                f"INITIALIZE of {table.name} (varying length) with FILLER or edited items", line
            )
        one = "".join(
            sb.encode_number(elem, 0) if is_numeric_item(elem) else " " * elem.size
            for _, elem in places
        )
        assert table.depending is not None
        count = self.rt("occurrences", self.dec(table.depending))
        return self.rt("fill_all", self.s_str(one), f"{count} * {table.size}")

    # ---- expressions ----------------------------------------------------------------------------
    def dec(self, e: ir.Expr) -> str:
        """The expression as a runtime Dec."""
        if isinstance(e, ir.Literal):
            if e.kind == "num":
                m, s = num_mantissa(e.text)
                return self.s_dec(m, s)
            if e.kind == "figurative" and e.text == "ZERO":
                return self.s_dec(0, 0)
            return self.rt("alnum_to_dec", self.s_str(e.text))
        if isinstance(e, ir.Ref):
            item = e.item
            if is_numeric_item(item) and e.refmod is None:
                assert item.picture is not None
                of = self.s_wide_dec_of if self.is_wide(item) else self.s_dec_of
                return of(self.path(e), item.picture.scale)
            if is_edited(item):
                raise Unsupported("arithmetic on a numeric-edited item (de-editing)", e.line)
            return self.rt("alnum_to_dec", self.text(e))
        if isinstance(e, ir.BinOp):
            method = {"+": "add", "-": "sub", "*": "mul", "/": "div", "**": "pow"}[e.op]
            return self.s_op(self.dec(e.left), method, self.dec(e.right))
        if isinstance(e, ir.Neg):
            return self.s_op(self.dec(e.operand), "neg", "")
        if isinstance(e, ir.TruncTo):
            return self.s_op(self.dec(e.operand), "trunc", str(e.scale))
        if isinstance(e, ir.Func):
            return intrinsics.numeric(self, e)
        raise TypeError(e)

    def size_of(self, e: ir.Expr) -> int | None:
        if isinstance(e, ir.Ref) and e.refmod is not None:
            return None
        if isinstance(e, ir.Ref):
            pic = e.item.picture
            return pic.digits if pic is not None and pic.category == "numeric" else e.item.size
        if isinstance(e, ir.Literal) and e.kind == "str":
            return len(e.text)
        return None

    def text(self, e: ir.Expr, size: int | None = None) -> str:
        """The expression as the characters an alphanumeric receiver would get."""
        if isinstance(e, ir.Literal):
            if e.kind == "str":
                if e.all:
                    return self.rt("fill_all", self.s_str(e.text), str(size or len(e.text)))
                return self.s_str(e.text)
            if e.kind == "figurative":
                ch = sb.FIGURATIVE_CHARS[e.text]
                return self.rt("fill_all", self.s_str(ch), str(size or 1))
            return self.s_str(e.text.lstrip("+-").replace(".", ""))
        if isinstance(e, ir.Func):
            return intrinsics.text(self, e, size)
        if isinstance(e, ir.Ref):
            item = e.item
            if e.refmod is not None:
                return self.refmod_text(e)
            if item.is_group:
                return self.raw_bytes(e)
            if is_numeric_item(item):
                assert item.picture is not None
                if item.picture.scale:
                    raise Unsupported("MOVE of a non-integer number to alphanumeric", e.line)
                to_alnum = self.num_fn("num_to_alnum", item)
                return self.rt(to_alnum, self.path(e), str(item.picture.digits))
            return self.s_read_str(self.path(e))
        raise Unsupported("arithmetic expression where text is expected", 0)

    def display_text(self, e: ir.Expr) -> str:
        if isinstance(e, ir.Func) and e.name in ir.NUMERIC_FUNCTIONS:
            return intrinsics.display(self, e)
        if isinstance(e, ir.Literal):
            if e.kind == "num":
                return self.s_str(e.text)
            return self.text(e, 1)
        if isinstance(e, ir.Ref) and is_numeric_item(e.item) and e.refmod is None:
            pic = e.item.picture
            assert pic is not None
            digits = pic.digits
            if e.item.usage == "comp-5":
                # Native binary shows every digit its storage can hold, as GnuCOBOL does.
                width = {1: 3, 2: 5, 4: 10, 8: 20}[e.item.size]
                digits = width - 1 if pic.signed and e.item.size == 8 else width
            if (
                sb.in_shared_bytes(e.item)
                and e.item.usage == "display"
                and pic.scale == 0  # GnuCOBOL shows ".00" for the spaces of a V99 part
                and not pic.signed  # and maps some sign bytes ('}') its own way
            ):  # from the bytes: what a MOVE SPACES left there shows as GnuCOBOL shows it
                plain = ir.Ref(e.item, list(e.subscripts), e.line)
                raw = self.shared_slice(plain)
                return self.rt("display_zoned", raw, "0", self.s_bool(False))
            if e.item.sign_separate and not e.item.sign_leading:  # the sign after the digits
                return self.rt("num_display_trailing", self.path(e), str(digits), str(pic.scale))
            args = (str(digits), str(pic.scale), self.s_bool(pic.signed))
            return self.rt(self.num_fn("num_display", e.item), self.path(e), *args)
        return self.text(e)

    def s_bool(self, value: bool) -> str:
        return "true" if value else "false"

    def is_numeric_expr(self, e: ir.Expr) -> bool:
        if isinstance(e, ir.Func):
            return e.name in ir.NUMERIC_FUNCTIONS
        if isinstance(e, ir.Literal):
            return e.kind == "num" or (e.kind == "figurative" and e.text == "ZERO")
        if isinstance(e, ir.Ref):
            return is_numeric_item(e.item) and e.refmod is None
        return True

    def cond(self, c: ir.Cond) -> str:
        if isinstance(c, ir.Logic):
            op = "&&" if c.op == "AND" else "||"
            return f"({self.cond(c.left)} {op} {self.cond(c.right)})"
        if isinstance(c, ir.Not):
            return f"!{self.cond(c.operand)}"
        if isinstance(c, ir.CondRef):
            return self.cond88(c)
        if isinstance(c, ir.ClassTest):
            if c.kind in ("POSITIVE", "NEGATIVE", "ZERO"):
                op = {"POSITIVE": ">", "NEGATIVE": "<", "ZERO": "=="}[c.kind]
                return f"({self.s_op(self.dec(c.operand), 'cmp', self.s_dec(0, 0))} {op} 0)"
            if is_numeric_item(c.operand.item):
                return self.s_bool(c.kind == "NUMERIC")
            fn = "is_numeric" if c.kind == "NUMERIC" else "is_alphabetic"
            return self.rt(fn, self.text(c.operand))
        assert isinstance(c, ir.Compare)
        op = {"=": "==", "<>": "!="}.get(c.op, c.op)
        if self.is_numeric_expr(c.left) and self.is_numeric_expr(c.right):
            return f"({self.s_op(self.dec(c.left), 'cmp', self.dec(c.right))} {op} 0)"
        size = self.size_of(c.left) or self.size_of(c.right) or 1
        left = self.text(c.left, self.size_of(c.right) or size)
        right = self.text(c.right, self.size_of(c.left) or size)
        return f"({self.rt('cmp_str', left, right)} {op} 0)"

    def cond88(self, c: ir.CondRef) -> str:
        if not any(node.occurs for node in item_chain(c.item)):
            return f"{self.s_self()}.{self.cond_method(c.cond)}()"
        return self.cond88_inline(ir.Ref(c.item, c.subscripts), c.cond)

    def cond88_inline(self, owner: ir.Ref, cond: ir.Condition88) -> str:
        parts = []
        for low, high in cond.values:
            if high is None:
                parts.append(self.cond(ir.Compare("=", owner, low)))
            else:
                parts.append(
                    self.cond(
                        ir.Logic("AND", ir.Compare(">=", owner, low), ir.Compare("<=", owner, high))
                    )
                )
        return "(" + " || ".join(parts) + ")"

    def cond_method(self, cond: ir.Condition88) -> str:
        raise NotImplementedError

    def display_method(self) -> str:
        raise NotImplementedError

    def set_display_method(self) -> str:
        raise NotImplementedError

    def init_method(self) -> str:
        return "initialize"

    def initial_value(self, item: ir.DataItem, value: ir.Literal | None) -> str:
        pic = item.picture
        assert pic is not None
        if pic.category == "numeric":
            if value is None or value.kind != "num":
                return self.num_literal(item, 0)
            scaled = scaled_value(value.text, pic.digits, pic.scale, pic.signed)
            return self.num_literal(item, scaled)
        if is_edited(item) and (value is None or value.kind == "num"):
            m, s = num_mantissa(value.text) if value else (0, 0)
            return self.rt(
                "edit", self.s_dec(m, s), self.s_str(pic.edit), str(pic.digits), str(pic.scale)
            )
        text = (
            self.text(value, item.size)
            if value is not None
            else self.rt("fill_all", '" "', str(item.size))
        )
        return self.rt("fit", text, str(item.size))

    def elem_bytes(self, item: ir.DataItem, expr: str) -> str:
        pic = item.picture
        assert pic is not None
        if is_numeric_item(item):
            return self.rt(
                self.num_fn("zoned", item), expr, str(pic.digits), self.s_bool(pic.signed)
            )
        return expr

    # ---- statements -----------------------------------------------------------------------------
    def block(self, stmts: list[ir.Stmt], ind: int) -> list[str]:
        out: list[str] = []
        for stmt in stmts:
            try:
                out.extend(self.stmt(stmt, ind))
            except Unsupported as exc:
                if not self.best_effort:
                    raise
                self.gaps.append(str(exc))
                out.append("    " * ind + f"{self.comment} GAP: {exc} — not translated")
        return out

    def fresh(self, base: str) -> str:
        self.tmp += 1
        return f"{base}{self.tmp}"

    def store_lines(self, target: ir.Ref, value: str, rounded: bool, ind: int,
                    flag: str | None) -> list[str]:  # fmt: skip
        pad = "    " * ind
        item = target.item
        pic = item.picture
        path = self.path(target)
        if pic is None:
            raise Unsupported("arithmetic into a group item", target.line)
        if is_edited(item):
            edit = self.rt("edit", value, self.s_str(pic.edit), str(pic.digits), str(pic.scale))
            if flag is None:
                return [pad + self.assign(target, edit)]
            tmp = self.fresh("v")
            return [
                pad + self.s_let(tmp, value, "dec"),
                pad
                + self.s_if(
                    self.rt("fits", tmp, str(pic.digits), str(pic.scale), self.s_bool(rounded))
                ),
                f"{pad}    {self.assign(target, self.rt('edit', tmp, self.s_str(pic.edit), str(pic.digits), str(pic.scale)))}",  # noqa: E501
                pad + self.s_else(),
                f"{pad}    {flag} = true{self.stmt_end}",
                pad + "}",
            ]
        args = (str(pic.digits), str(pic.scale), self.s_bool(pic.signed), self.s_bool(rounded))
        store = self.num_fn("store", item)
        if flag is None:
            return [pad + self.assign(target, self.rt(store, value, *args, path))]
        tmp = self.fresh("v")
        return [
            pad + self.s_let(tmp, value, "dec"),
            pad
            + self.s_if(
                self.rt("fits", tmp, str(pic.digits), str(pic.scale), self.s_bool(rounded))
            ),
            f"{pad}    {self.assign(target, self.rt(store, tmp, *args, path))}",
            pad + self.s_else(),
            f"{pad}    {flag} = true{self.stmt_end}",
            pad + "}",
        ]

    def move_lines(self, source: ir.Expr, target: ir.Ref, ind: int) -> list[str]:
        pad = "    " * ind
        item = target.item
        if target.refmod is not None:
            return self.refmod_write(target, self.text(source, self.refmod_size(target)), ind)
        if item.is_group and sb.in_shared_bytes(item):
            tmp = self.fresh("g")
            value = self.rt("fit", self.text(source, item.size), self.size_expr(item))
            return [pad + self.s_let(tmp, value, "str"), pad + self.put_shared(target, tmp)]
        path = self.path(target)
        if item.is_group:
            if (
                isinstance(source, ir.Literal)
                and source.kind == "figurative"
                and source.text != "ZERO"
                and any(is_numeric_item(d) for d in item.walk())
            ):
                # Typed fields cannot hold spaces in a number; refuse rather than differ.
                raise Unsupported(
                    f"MOVE {source.text} to group {item.name} with numeric fields", target.line
                )
            # Evaluate the source first: it may read the receiving table (Rust borrows).
            tmp = self.fresh("g")
            value = self.rt("fit", self.text(source, item.size), str(item.size))
            return [
                pad + self.s_let(tmp, value, "str"),
                pad + self.s_method_call(path, self.set_display_method(), tmp) + self.stmt_end,
            ]
        pic = item.picture
        assert pic is not None
        if pic.category == "numeric":
            if self.is_numeric_expr(source):
                return self.store_lines(target, self.dec(source), False, ind, None)
            if isinstance(source, ir.Literal) and source.kind == "figurative":
                if source.text in ("SPACE", "ZERO"):
                    return self.store_lines(target, self.s_dec(0, 0), False, ind, None)
                raise Unsupported(f"MOVE {source.text} to a numeric item", target.line)
            return self.store_lines(target, self.dec(source), False, ind, None)
        if pic.category == "numeric-edited" and self.is_numeric_expr(source):
            return self.store_lines(target, self.dec(source), False, ind, None)
        fit = "fit_right" if item.justified else "fit"
        value = self.rt(fit, self.text(source, item.size), str(item.size))
        return [pad + self.assign(target, value)]

    def stmt(self, s: ir.Stmt, ind: int) -> list[str]:
        pad = "    " * ind
        if isinstance(s, FILE_STMTS):
            return self.files.file_stmt(s, ind)
        if isinstance(s, ir.Move):
            out = [f"{pad}{self.comment} line {s.line}: MOVE"]
            for target in s.targets:
                out.extend(self.move_lines(s.source, target, ind))
            return out
        if isinstance(s, ir.Arith):
            out = [f"{pad}{self.comment} line {s.line}: {s.verb}"]
            flag = None
            if s.on_size_error is not None or s.not_on_size_error is not None:
                flag = self.fresh("size_error")
                out.append(pad + self.s_let(flag, "false", "bool"))
            for store in s.stores:
                reason = wide.check_store(store)
                if reason is not None:
                    raise Unsupported(reason, s.line)
                out.extend(
                    self.store_lines(store.target, self.dec(store.value), store.rounded, ind, flag)
                )
            if flag is not None:
                out.append(pad + self.s_if(flag))
                out.extend(self.block(s.on_size_error or [], ind + 1))
                out.append(pad + self.s_else())
                out.extend(self.block(s.not_on_size_error or [], ind + 1))
                out.append(pad + "}")
            return out
        if isinstance(s, ir.If):
            out = [f"{pad}{self.comment} line {s.line}: IF", pad + self.s_if(self.cond(s.cond))]
            out.extend(self.block(s.then, ind + 1))
            if s.orelse:
                out.append(pad + self.s_else())
                out.extend(self.block(s.orelse, ind + 1))
            out.append(pad + "}")
            return out
        if isinstance(s, ir.Evaluate):
            out = [f"{pad}{self.comment} line {s.line}: {s.verb}"]
            first = True
            for when in s.whens:
                conds = [self.cond(c) for c in when.conds if c is not None]
                test = " && ".join(conds) if conds else self.s_bool(True)
                if when.other:
                    out.append(pad + ("{" if first else self.s_else()))
                else:
                    out.append(pad + (self.s_if(test) if first else self.s_else_if(test)))
                out.extend(self.block(when.body, ind + 1))
                first = False
                if when.other:
                    break
            if not first:
                out.append(pad + "}")
            return out
        if isinstance(s, ir.Perform):
            return self.perform(s, ind)
        if isinstance(s, ir.Call):
            if self.leaving(s.function):  # the program ended in there: leave this paragraph too
                call = f"{self.s_self()}.{self.fns[s.function]}()"
                ret = f"return {self.s_bool(True)}{self.stmt_end}"
                return [f"{pad}{self.s_if(call)} {ret} }}"]
            return [pad + self.s_call(self.fns[s.function])]
        if isinstance(s, ir.Display):
            parts = [self.display_text(e) for e in s.items]
            return [
                pad
                + self.rt("display", self.s_concat(parts), self.s_bool(s.advancing))
                + self.stmt_end
            ]
        if isinstance(s, ir.Accept) and s.source:
            return intrinsics.accept_from_clock(self, s, ind)
        if isinstance(s, ir.Accept):
            item = s.target.item
            line = self.rt("accept_line")
            if is_numeric_item(item):
                # GnuCOBOL reads at most the item's size in characters, then parses a number.
                width = item.size if item.usage == "display" else item.picture.digits + 1  # type: ignore[union-attr]
                value = self.rt("parse_num", self.rt("fit", line, str(width)))
                return self.store_lines(s.target, value, False, ind, None)
            return self.move_lines_text(line, s.target, ind)
        if isinstance(s, ir.Stop):
            return self.stop(s, pad)
        if isinstance(s, ir.CallProgram):
            return self.call_program(s, ind)
        if isinstance(s, ir.Cancel):
            out = [f"{pad}{self.comment} line {s.line}: CANCEL"]
            for name in s.programs:
                if name in self.modules and name != self.p.name:
                    out.append(pad + self.s_cancel_program(self.modules[name]) + self.stmt_end)
                else:  # GnuCOBOL ignores a CANCEL of a program that was never called
                    out.append(f"{pad}{self.comment} {name} is not called here: nothing to reset")
            return out
        if isinstance(s, ir.Exit):
            return [f"{pad}{self.comment} line {s.line}: EXIT/CONTINUE"]
        if isinstance(s, ir.Return):
            ret = f"return{self.fallthrough}{self.stmt_end}"
            return [f"{pad}{ret} {self.comment} line {s.line}: GO TO the next paragraph"]
        if isinstance(s, ir.Jump):
            ret = f"return {self.s_jump_to(self.states[s.target])}{self.stmt_end}"
            what = "GOBACK" if s.target == ir.END_OF_PROGRAM else f"GO TO {s.target}"
            return [f"{pad}{ret} {self.comment} line {s.line}: {what}"]
        if isinstance(s, ir.Flow):
            start, last = self.s_state(self.states[s.start]), self.s_state(self.states[s.last])
            call = f"{self.s_self()}.{self.machine_fn}({start}, {last})"
            note = f"{self.comment} paragraphs {s.start} to {s.last}, with GO TOs"
            if not self.p.called:
                return [f"{pad}{call}{self.stmt_end} {note}"]
            # The run may end the (called) program: this paragraph then leaves it too.
            end = self.s_jump_to(self.states[ir.END_OF_PROGRAM])
            return [f"{pad}{self.s_if(call)} return {end}{self.stmt_end} }} {note}"]
        if isinstance(s, ir.Restart):
            return [f"{pad}{self.s_restart()} {self.comment} line {s.line}: GO TO this paragraph"]
        if isinstance(s, ir.Initialize):
            out = [f"{pad}{self.comment} line {s.line}: INITIALIZE"]
            for target in s.targets:
                out.extend(self.initialize(target, ind))
            return out
        if isinstance(s, ir.SetCond):
            first_value = s.cond.cond.values[0][0]
            owner = ir.Ref(s.cond.item, s.cond.subscripts, s.line)
            return [
                f"{pad}{self.comment} line {s.line}: SET … TO TRUE",
                *self.move_lines(first_value, owner, ind),
            ]
        if isinstance(s, ir.Inspect):
            return text_statements.inspect_lines(self, s, ind)
        if isinstance(s, ir.StringStmt):
            return text_statements.string_lines(self, s, ind)
        if isinstance(s, ir.Unstring):
            return text_statements.unstring_lines(self, s, ind)
        if isinstance(s, ir.Sentence):
            label = self.fresh("sentence")
            self.sentences.append(label)
            out = [f"{pad}{self.comment} line {s.line}: a sentence left by NEXT SENTENCE"]
            out += [pad + line for line in self.s_sentence(label)]
            out += self.block(s.body, ind + 1)
            out += [pad + line for line in self.s_end_sentence()]
            self.sentences.pop()
            return out
        if isinstance(s, ir.NextSentence):
            leave = self.s_leave_sentence(self.sentences[-1])
            return [f"{pad}{leave} {self.comment} line {s.line}: NEXT SENTENCE"]
        if isinstance(s, ir.Search):
            return self.search(s, ind)
        if isinstance(s, ir.Unsupported):
            raise Unsupported(s.construct, s.line)
        if isinstance(s, ir.GoTo):
            raise Unsupported(f"GO TO {s.target}", s.line)
        raise TypeError(s)

    def stop(self, s: ir.Stop, pad: str) -> list[str]:
        if s.kind == "run" or (s.kind == "goback" and not self.p.called):
            return [pad + self.stop_run_call() + self.stmt_end]
        verb = "GOBACK" if s.kind == "goback" else "EXIT PROGRAM"
        if not self.p.called:
            return [f"{pad}{self.comment} line {s.line}: {verb} (no effect in the main program)"]
        # passes.check_exits made every paragraph on the way here return whether it ended.
        ret = f"return {self.s_bool(True)}{self.stmt_end}"
        return [f"{pad}{ret} {self.comment} line {s.line}: {verb}"]

    # ---- GO TO state machine ---------------------------------------------------------------------
    machine_fn = "run_paragraphs"

    def state_name(self, cobol: str) -> str:
        raise NotImplementedError

    def s_state(self, state: str) -> str:
        """A paragraph's state as a value."""
        raise NotImplementedError

    def s_jump_to(self, state: str) -> str:
        """What a jumping paragraph returns to go to `state`."""
        return self.s_state(state)

    def machine_doc(self) -> list[str]:
        lines = sorted(
            {s.line for f in self.p.functions for s in walk_stmts(f.body) if isinstance(s, ir.Jump)}
        )
        return [
            f"GO TO state machine of {self.p.name}: the GO TOs at COBOL line(s) "
            + ", ".join(map(str, lines)),
            "jump where loops and branches cannot follow. Runs paragraphs from `start`, each one",
            "returning where its GO TO leads or running on into the next, until `last` ends.",
        ]

    def main_line(self) -> list[str]:
        """The statements of `run`: the main line's paragraphs, or the machine over all."""
        if self.p.machine:
            first = self.s_state(self.states[self.p.machine[0]])
            last = self.s_state(self.states[self.p.machine[-1]])
            return [f"{self.s_self()}.{self.machine_fn}({first}, {last}){self.stmt_end}"]
        out = []
        for name in self.p.entry:
            call = f"{self.s_self()}.{self.fns[name]}()"
            ended = f"{self.s_if(call)} return{self.stmt_end} }}"
            out.append(ended if self.leaving(name) else call + self.stmt_end)
        return out

    def leaving(self, name: str) -> bool:
        return any(f.leaves for f in self.p.functions if f.name == name)

    def returns_of(self, fn: ir.Function) -> tuple[str, str]:
        """(what the function returns, what a plain early return gives) by its kind."""
        if fn.jumps:
            return self.s_jump_type(), self.s_no_jump()
        if fn.leaves:
            return self.s_bool_type(), self.s_bool(False)
        return "", ""

    def s_jump_type(self) -> str:
        raise NotImplementedError

    def s_no_jump(self) -> str:
        raise NotImplementedError

    def s_bool_type(self) -> str:
        raise NotImplementedError

    def can_end_normally(self, block: list[ir.Stmt]) -> bool:
        """Whether control can run off the end of the block (Java rejects code after a block
        that cannot): not after a GO TO, an early return or a restart in every branch."""
        if not block:
            return True
        last = block[-1]
        if isinstance(last, ir.Jump | ir.Return | ir.Restart | ir.NextSentence):
            return False
        if isinstance(last, ir.Stop) and last.kind != "run" and self.p.called:
            return False
        if isinstance(last, ir.If):
            return self.can_end_normally(last.then) or self.can_end_normally(last.orelse)
        if isinstance(last, ir.Evaluate):
            has_other = any(w.other for w in last.whens)
            return not has_other or any(self.can_end_normally(w.body) for w in last.whens)
        return True

    def s_machine_head(self) -> list[str]:
        """Up to the dispatch on the current paragraph (the states, the doc, the loop)."""
        raise NotImplementedError

    def s_machine_arm(self, state: str, fn: str, jumps: bool) -> list[str]:
        raise NotImplementedError

    def s_machine_step(self) -> list[str]:
        """From the dispatch to the choice of the next paragraph."""
        raise NotImplementedError

    def s_machine_next(self, state: str, after: str | None) -> list[str]:
        raise NotImplementedError

    def s_machine_end_arm(self, end: str) -> list[str]:
        """The end state's arm: it jumps to itself, which ends the run (and the program)."""
        raise NotImplementedError

    def s_machine_end(self) -> list[str]:
        raise NotImplementedError

    def state_machine(self) -> list[str]:
        """`run_paragraphs(start, last)`: one arm per paragraph, then the paragraph that follows."""
        if not self.p.machine:
            return []
        out = self.s_machine_head()
        for state, fn, jumps in self.machine_arms():
            out += self.s_machine_arm(state, fn, jumps)
        end = self.end_state()
        if end is not None:
            out += self.s_machine_end_arm(end)
        out += self.s_machine_step()
        for state, after in self.following_states():
            out += self.s_machine_next(state, after)
        return out + self.s_machine_end()

    def machine_arms(self) -> list[tuple[str, str, bool]]:
        """(state, paragraph function, whether it jumps) for each arm of the machine."""
        return [(self.states[f.name], self.fns[f.name], f.jumps) for f in self.p.functions]

    def following_states(self) -> list[tuple[str, str | None]]:
        """(state, the state after it in source order; None after the last paragraph). In a
        called program the last paragraph runs on into the end state (an implicit GOBACK)."""
        order = [self.states[name] for name in self.p.machine]
        if self.p.called:
            order.append(self.states[ir.END_OF_PROGRAM])
        return [(s, order[k + 1] if k + 1 < len(order) else None) for k, s in enumerate(order)]

    def all_states(self) -> list[str]:
        """Every state to declare: the paragraphs, then a called program's end state."""
        end = self.end_state()
        return [self.states[n] for n in self.p.machine] + ([end] if end else [])

    def end_state(self) -> str | None:
        """The end state of a called program's machine (GOBACK), None in the main program."""
        return self.states.get(ir.END_OF_PROGRAM)

    # ---- CALL -----------------------------------------------------------------------------------
    def s_cell(self, name: str, value: str, number: bool, wide: bool = False) -> str:
        """A variable holding one argument, whose reference the called program receives (a
        number of 19-31 digits when `wide`)."""
        raise NotImplementedError

    def s_cell_arg(self, name: str) -> str:
        raise NotImplementedError

    def s_cell_value(self, name: str) -> str:
        return name

    def s_call_program(self, module: str, args: list[str]) -> str:
        raise NotImplementedError

    def s_cancel_program(self, module: str) -> str:
        raise NotImplementedError

    def call_program(self, s: ir.CallProgram, ind: int) -> list[str]:
        """Each argument goes in a variable passed by reference; BY REFERENCE items take back what
        the called program left there (unit.link_calls checked each fits its LINKAGE item)."""
        from intheflow.transpile.unit import param_is_number

        pad = "    " * ind
        callee = self.unit[s.program]
        out = [f'{pad}{self.comment} line {s.line}: CALL "{s.program}"']
        cells: list[str] = []
        back: list[str] = []
        for (mode, arg), param in zip(s.args, callee.params, strict=True):
            cell = self.fresh("arg")
            number = param_is_number(param)
            if number:
                assert isinstance(arg, ir.Ref)
                value = self.path(arg)
            else:
                value = self.rt("fit", self.text(arg, param.size), str(param.size))
            out.append(pad + self.s_cell(cell, value, number, number and self.is_wide(param)))
            cells.append(self.s_cell_arg(cell))
            if mode != "REFERENCE":
                continue
            assert isinstance(arg, ir.Ref)
            got = self.s_cell_value(cell)
            if number:
                back.append(f"{pad}{self.path(arg)} = {got}{self.stmt_end}")
            else:
                back.extend(self.move_lines_text(self.s_read_str(got), arg, ind))
        call = self.s_call_program(self.modules[s.program], cells)
        code = self.return_code()
        if code is not None:  # the called program's RETURN-CODE becomes the caller's
            call = f"{self.path(ir.Ref(code))} = {call}"
        out.append(pad + call + self.stmt_end)
        return out + back + self.block(s.not_on_exception, ind)

    def using_text(self) -> str:
        """` USING A B` of the program's PROCEDURE DIVISION (empty without parameters)."""
        names = " ".join(p.name for p in self.p.params)
        return f" USING {names}" if names else ""

    def stop_run_call(self) -> str:
        """STOP RUN; with RETURN-CODE as the exit status when the program uses it."""
        code = self.return_code()
        if code is None:
            return self.rt("stop_run")
        return self.rt("stop_run_code", self.path(ir.Ref(code)))

    def return_code(self) -> ir.DataItem | None:
        """The program's RETURN-CODE special register, if it uses one."""
        found = [r for r in self.p.records if r.section == "SPECIAL-REGISTER"]
        return found[0] if found else None

    def returned_code(self) -> str:
        """What a called program's `call` entry returns: its RETURN-CODE (0 if it has none)."""
        code = self.return_code()
        return "0" if code is None else f"{self.s_instance()}.{self.names[id(code)]}"

    def linkage_copies(self, param: ir.DataItem, value: str) -> tuple[str, str]:
        """In the called program: (set the LINKAGE item from the caller's, value to give back)."""
        field = f"{self.s_instance()}.{self.names[id(param)]}"
        if holds_struct(param):
            copy_in = self.s_method_call(field, self.set_display_method(), value)
            return copy_in + self.stmt_end, self.s_method_call(field, self.display_method())
        return f"{field} = {value}{self.stmt_end}", field

    def s_instance(self) -> str:
        """The called program's instance in its `call` entry."""
        return "p"

    def search(self, s: ir.Search, ind: int) -> list[str]:
        """SEARCH: a loop from the index's occurrence to the last one; the first WHEN that holds
        runs and ends it, running past the last runs AT END."""
        pad = "    " * ind
        count = self.table_count(s.table)
        if s.binary:
            return self.binary_search(s, count, ind)
        out = [f"{pad}{self.comment} line {s.line}: SEARCH {s.table.name}", pad + self.s_loop()]
        out.append(pad + "    " + self.s_if(self.cond(ir.Compare(">", s.index, count))))
        out.extend(self.block(s.at_end, ind + 2))
        out.append(f"{pad}        break{self.stmt_end}")
        for cond, body in s.whens:
            out.append(pad + "    " + self.s_else_if(self.cond(cond)))
            out.extend(self.block(body, ind + 2))
            out.append(f"{pad}        break{self.stmt_end}")
        out.append(pad + "    }")
        step = self.dec(ir.BinOp("+", s.index, ir.Literal("num", "1")))
        out.extend(self.store_lines(s.index, step, False, ind + 1, None))
        if s.varying is not None:  # GnuCOBOL sets it to the index after each step
            out.extend(self.store_lines(s.varying, self.dec(s.index), False, ind + 1, None))
        out.append(pad + "}")
        return out

    def binary_search(self, s: ir.Search, count: ir.Expr, ind: int) -> list[str]:
        """SEARCH ALL: halve the range [lo, hi] of occurrences on the KEYs until the WHEN holds
        (AT END when the range is empty), as GnuCOBOL does."""
        pad = "    " * ind
        lo, hi, found = self.fresh("lo"), self.fresh("hi"), self.fresh("found")
        cond, body = s.whens[0]
        out = [
            f"{pad}{self.comment} line {s.line}: SEARCH ALL {s.table.name} (binary search)",
            pad + self.s_let(lo, self.s_dec(1, 0), "dec-var"),
            pad + self.s_let(hi, self.dec(count), "dec-var"),
        ]
        if s.at_end:
            out.append(pad + self.s_let(found, "false", "bool"))
        out.append(pad + self.s_while(f"{self.s_op(lo, 'cmp', hi)} <= 0"))
        middle = self.s_op(self.s_op(lo, "add", hi), "div", self.s_dec(2, 0))
        out.extend(self.store_lines(s.index, middle, False, ind + 1, None))
        out.append(pad + "    " + self.s_if(self.cond(cond)))
        if s.at_end:
            out.append(f"{pad}        {found} = true{self.stmt_end}")
        out.extend(self.block(body, ind + 2))
        out.append(f"{pad}        break{self.stmt_end}")
        out.append(pad + "    }")
        at = self.dec(s.index)
        out.append(pad + "    " + self.s_if(self.cond(_sorts_before(s, cond))))
        out.append(f"{pad}        {lo} = {self.s_op(at, 'add', self.s_dec(1, 0))}{self.stmt_end}")
        out.append(pad + "    " + self.s_else())
        out.append(f"{pad}        {hi} = {self.s_op(at, 'sub', self.s_dec(1, 0))}{self.stmt_end}")
        out.append(pad + "    }")
        out.append(pad + "}")
        if s.at_end:
            out.append(pad + self.s_if("!" + found))
            out.extend(self.block(s.at_end, ind + 1))
            out.append(pad + "}")
        return out

    def s_else_if(self, cond: str) -> str:
        return "} else " + self.s_if(cond)

    def move_lines_text(self, text: str, target: ir.Ref, ind: int) -> list[str]:
        pad = "    " * ind
        item = target.item
        value = self.rt("fit_right" if item.justified else "fit", text, self.size_expr(item))
        if item.is_group:
            return [pad + line for line in self.assign_raw(target, value)]
        return [pad + self.assign(target, value)]

    def initialize(self, target: ir.Ref, ind: int) -> list[str]:
        pad = "    " * ind
        item = target.item
        if sb.in_shared_bytes(item):
            return self.initialize_shared(target, ind)
        if item.is_group:
            return [pad + self.s_method_call(self.path(target), self.init_method()) + self.stmt_end]
        if item.is_numeric or is_edited(item):
            return self.store_lines(target, self.s_dec(0, 0), False, ind, None)
        return [pad + self.assign(target, self.rt("fill_all", self.s_str(" "), str(item.size)))]

    def perform(self, s: ir.Perform, ind: int) -> list[str]:
        pad = "    " * ind
        body = s.body or []
        out = [f"{pad}{self.comment} line {s.line}: PERFORM"]
        if s.varying:
            if s.test_after:
                raise Unsupported("PERFORM VARYING WITH TEST AFTER", s.line)
            for var, start, _, _ in s.varying:
                out.extend(self.store_lines(var, self.dec(start), False, ind, None))
            out.extend(self._varying(s.varying, body, ind))
            return out
        if s.times is not None:
            out.append(pad + self.s_times(self.fresh("i"), self.rt("times", self.dec(s.times))))
            out.extend(self.block(body, ind + 1))
            out.append(pad + "}")
            return out
        if s.until is not None:
            if s.test_after:
                out.append(pad + self.s_loop())
                out.extend(self.block(body, ind + 1))
                out.append(f"{pad}    {self.s_if(self.cond(s.until))} break{self.stmt_end} }}")
                out.append(pad + "}")
            else:
                out.append(pad + self.s_while("!" + self.cond(s.until)))
                out.extend(self.block(body, ind + 1))
                out.append(pad + "}")
            return out
        return out + self.block(body, ind)

    def _varying(self, levels: list[tuple[ir.Ref, ir.Expr, ir.Expr, ir.Cond]], body: list[ir.Stmt],
                 ind: int) -> list[str]:  # fmt: skip
        pad = "    " * ind
        var, _, step, until = levels[0]
        out = [pad + self.s_while("!" + self.cond(until))]
        if len(levels) > 1:
            out.extend(self._varying(levels[1:], body, ind + 1))
            inner_var, inner_start, _, _ = levels[1]
            out.extend(self.store_lines(inner_var, self.dec(inner_start), False, ind + 1, None))
        else:
            out.extend(self.block(body, ind + 1))
        out.extend(self.store_lines(var, self.dec(ir.BinOp("+", var, step)), False, ind + 1, None))
        out.append(pad + "}")
        return out


def _sorts_before(s: ir.Search, cond: ir.Cond) -> ir.Cond:
    """The entry at the index sorts before the one SEARCH ALL looks for: the first KEY (in KEY
    order) that differs is lower (ASCENDING) or higher (DESCENDING)."""
    terms: dict[int, tuple[ir.Ref, ir.Expr]] = {}
    for term in _conjuncts(cond):
        assert isinstance(term, ir.Compare) and isinstance(term.left, ir.Ref)
        terms[id(term.left.item)] = (term.left, term.right)
    before: ir.Cond | None = None
    equal_so_far: ir.Cond | None = None
    for direction, key in s.table.keys:
        if id(key) not in terms:
            continue
        ref, value = terms[id(key)]
        lower: ir.Cond = ir.Compare("<" if direction == "ASCENDING" else ">", ref, value)
        step = lower if equal_so_far is None else ir.Logic("AND", equal_so_far, lower)
        before = step if before is None else ir.Logic("OR", before, step)
        same = ir.Compare("=", ref, value)
        equal_so_far = same if equal_so_far is None else ir.Logic("AND", equal_so_far, same)
    assert before is not None
    return before


def _conjuncts(cond: ir.Cond) -> list[ir.Cond]:
    if isinstance(cond, ir.Logic) and cond.op == "AND":
        return _conjuncts(cond.left) + _conjuncts(cond.right)
    return [cond]
