"""Java 17 back end: one class per program, a static nested class per record, a method per
paragraph; decimals on BigDecimal through the runtime's Dec."""

from __future__ import annotations

from intheflow.transpile.backends import naming
from intheflow.transpile.backends.common import (
    Generator,
    Output,
    is_edited,
    is_numeric_item,
)
from intheflow.transpile.ir import model as ir


def java_str(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif 32 <= ord(ch) < 127:
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}")
    return '"' + "".join(out) + '"'


class JavaGen(Generator):
    def field_name(self, cobol: str) -> str:
        return naming.camel(cobol)

    def fn_name(self, cobol: str) -> str:
        return naming.camel(cobol)

    def rt(self, name: str, *args: str) -> str:
        return f"Rt.{naming.camel(name)}({', '.join(args)})"

    def s_str(self, text: str) -> str:
        return java_str(text)

    def s_dec(self, m: int, s: int) -> str:
        if abs(m) >= 2**63:  # a literal of more than 18 digits
            return f"Dec.of({self.rt('wide', self.s_str(str(m)))}, {s})"
        return f"Dec.of({m}L, {s})"

    def s_dec_of(self, path: str, scale: int) -> str:
        return f"Dec.of({path}, {scale})"

    def s_op(self, a: str, method: str, b: str) -> str:
        return f"{a}.{method}({b})"

    def s_self(self) -> str:
        return "this"

    def s_index(self, path: str, dec: str) -> str:
        return f"{path}[Rt.index({dec})]"

    def s_times(self, var: str, count: str) -> str:
        return f"for (long {var} = 0, n{var} = {count}; {var} < n{var}; {var}++) {{"

    def s_let(self, name: str, value: str, kind: str) -> str:
        java_type = {"bool": "boolean", "str": "String", "owned": "String", "int": "long",
                     "obj": "var"}.get(kind, "Dec")  # fmt: skip
        return f"{java_type} {name} = {value};"

    def num_type(self, item: ir.DataItem) -> str:
        return "java.math.BigInteger" if self.is_wide(item) else "long"

    def num_literal(self, item: ir.DataItem, value: int) -> str:
        return self.rt("wide", self.s_str(str(value))) if self.is_wide(item) else f"{value}L"

    def s_wide_dec_of(self, path: str, scale: int) -> str:
        return f"Dec.of({path}, {scale})"

    def s_obj_call(self, obj: str, method: str, *args: str) -> str:
        return f"{obj}.{naming.camel(method)}({', '.join(args)})"

    def s_restart(self) -> str:
        return "again = true; continue para;"

    def s_cell(self, name: str, value: str, number: bool, wide: bool = False) -> str:
        kind = "java.math.BigInteger" if wide else "long" if number else "String"
        return f"{kind}[] {name} = {{ {value} }};"

    def s_cell_arg(self, name: str) -> str:
        return name

    def s_cell_value(self, name: str) -> str:
        return f"{name}[0]"

    def s_call_program(self, module: str, args: list[str]) -> str:
        return f"{module}.call({', '.join(args)})"

    def s_cancel_program(self, module: str) -> str:
        return f"{module}.cancel()"

    def s_concat(self, parts: list[str]) -> str:
        return '"" + ' + " + ".join(parts) if len(parts) == 1 else " + ".join(parts)

    def s_getter(self, name: str, params: list[str], kind: str, expr: str, doc: str) -> list[str]:
        args = ", ".join(f"int {p}" for p in params)
        result = "long" if kind == "num" else "String"
        return [f"/** {doc} */", f"{result} {name}({args}) {{", f"    return {expr};", "}"]

    def s_setter(self, name: str, params: list[str], kind: str, stmt: str, doc: str) -> list[str]:
        args = "".join(f"int {p}, " for p in params)
        value = "long" if kind == "num" else "String"
        return [f"/** {doc} */", f"void {name}({args}{value} v) {{", f"    {stmt}", "}"]

    def cond_method(self, cond: ir.Condition88) -> str:
        return "is" + naming.pascal(cond.name)

    def display_method(self) -> str:
        return "toDisplay"

    def set_display_method(self) -> str:
        return "setDisplay"

    def s_new_file(self, args: list[str]) -> str:
        return f"new CobFile({', '.join(args)})"

    def s_new_sort_file(self, size: int) -> str:
        return f"new SortFile({size})"

    def s_sort_keys(self, keys: list[tuple[int, int, bool, bool]]) -> str:
        text = ", ".join(f"{{{o}, {n}, {int(num)}, {int(asc)}}}" for o, n, num, asc in keys)
        return f"new int[][] {{{text}}}"

    # ---- data -----------------------------------------------------------------------------------
    def field_type(self, item: ir.DataItem) -> str:
        if item.bytes_backed:
            return "String"
        base = (
            self.types[id(item)]
            if item.is_group
            else (self.num_type(item) if is_numeric_item(item) else "String")
        )
        return f"{base}[]" if item.occurs else base

    def initial(self, item: ir.DataItem) -> str:
        if item.bytes_backed:
            return self.initial_bytes(item)
        if item.is_group:
            name = self.types[id(item)]
            return (
                f"Rt.array(new {name}[{item.occurs}], {name}::new)"
                if item.occurs
                else f"new {name}()"
            )
        base = self.initial_value(item, item.value)
        if item.occurs:
            return (
                f"Rt.longs({item.occurs}, {base})"
                if is_numeric_item(item)
                else f"Rt.strings({item.occurs}, {base})"
            )
        return base

    def record_class(self, group: ir.DataItem, out: list[str], ind: str) -> None:
        name = self.types[id(group)]
        out.append(f"{ind}/** {group.name} (COBOL line {group.line}), {group.size} bytes. */")
        out.append(f"{ind}static final class {name} {{")
        for child in group.children:
            if child.is_group:
                self.record_class(child, out, ind + "    ")
        for child in group.children:
            pic = f"PIC {child.picture.text}" if child.picture else "group"
            out.append(f"{ind}    /** {child.name} {pic} (line {child.line}) */")
            out.append(
                f"{ind}    {self.field_type(child)} {self.names[id(child)]} = {self.initial(child)};"  # noqa: E501
            )
        if group.value is not None:
            out.append(
                f"{ind}    {{ setDisplay({self.rt('fit', self.text(group.value, group.size), str(group.size))}); }}"  # noqa: E501
            )
        out.append("")
        out.append(f"{ind}    /** The record's bytes, as DISPLAY and group MOVEs see them. */")
        out.append(f"{ind}    String toDisplay() {{")
        out.append(f"{ind}        StringBuilder s = new StringBuilder();")
        for child in group.children:
            out.append(f"{ind}        {self.push_display(child)}")
        out.append(f"{ind}        return s.toString();")
        out.append(f"{ind}    }}")
        out.append("")
        out.append(f"{ind}    void setDisplay(String s) {{")
        out.append(f"{ind}        int at = 0;")
        for child in group.children:
            out.extend(f"{ind}        {line}" for line in self.take_display(child))
        out.append(f"{ind}    }}")
        out.append("")
        out.append(f"{ind}    void initialize() {{")
        for child in group.children:
            if not child.is_filler:
                out.extend(f"{ind}        {line}" for line in self.init_field(child))
        out.append(f"{ind}    }}")
        out.append(f"{ind}}}")
        out.append("")

    def push_display(self, child: ir.DataItem) -> str:
        name = self.names[id(child)]
        if child.occurs:
            inner = "e.toDisplay()" if child.is_group else self.elem_bytes(child, "e")
            typ = self.field_type(child)[:-2]
            return f"for ({typ} e : {name}) s.append({inner});"
        inner = f"{name}.toDisplay()" if child.is_group else self.elem_bytes(child, name)
        return f"s.append({inner});"

    def take_display(self, child: ir.DataItem) -> list[str]:
        name = self.names[id(child)]
        n = child.size

        def assign(target: str) -> str:
            piece = f"s.substring(at, at + {n})"
            if child.is_group:
                return f"{target}.setDisplay({piece});"
            if is_numeric_item(child):
                return f"{target} = {self.rt(self.num_fn('unzone', child), piece)};"
            return f"{target} = {piece};"

        if child.occurs:
            return [
                f"for (int k = 0; k < {child.occurs}; k++) {{ {assign(f'{name}[k]')} at += {n}; }}"
            ]
        return [assign(name), f"at += {n};"]

    def init_field(self, child: ir.DataItem) -> list[str]:
        name = self.names[id(child)]
        if child.is_group:
            if child.occurs:
                return [f"for ({self.types[id(child)]} e : {name}) e.initialize();"]
            return [f"{name}.initialize();"]
        if is_numeric_item(child):
            value = self.num_literal(child, 0)
        elif is_edited(child):
            value = self.initial_value(child, None)
        else:
            value = self.rt("fill_all", '" "', str(child.size))
        if child.occurs:
            return [f"java.util.Arrays.fill({name}, {value});"]
        return [f"{name} = {value};"]

    machine_fn = "runParagraphs"

    def state_name(self, cobol: str) -> str:
        return naming.snake(cobol, naming.JAVA_KEYWORDS).upper()

    def s_state(self, state: str) -> str:
        return f"Paragraph.{state}"

    def s_jump_type(self) -> str:
        return "Paragraph"

    def s_no_jump(self) -> str:
        return "null"

    def s_bool_type(self) -> str:
        return "boolean"

    def s_machine_head(self) -> list[str]:
        return [
            "",
            f"/** The paragraphs of {self.p.name} as states of its GO TO state machine. */",
            "enum Paragraph { " + ", ".join(self.all_states()) + " }",
            "",
            "/**",
            *(f" * {line}" for line in self.machine_doc()),
            " */",
            f"{'boolean' if self.p.called else 'void'} runParagraphs(Paragraph start, "
            "Paragraph last) {",
            "    Paragraph at = start;",
            "    while (true) {",
            "        // a paragraph returns where its GO TO leads, or null when it ran to its end",
            "        Paragraph jump = switch (at) {",
        ]

    def s_machine_arm(self, state: str, fn: str, jumps: bool) -> list[str]:
        call = f"{fn}();" if jumps else f"{{ {fn}(); yield null; }}"
        return [f"            case {state} -> {call}"]

    def s_machine_step(self) -> list[str]:
        end = self.end_state()
        ended = [
            f"        if (jump == Paragraph.{end}) {{",
            "            return true; // GOBACK",
            "        }",
        ]
        return [
            "        };",
            *(ended if end else []),
            "        if (jump != null) {",
            "            at = jump;",
            "        } else if (at == last) {",
            f"            return{' false' if end else ''};",
            "        } else {",
            "            at = switch (at) {",
        ]

    def s_machine_end_arm(self, end: str) -> list[str]:
        return [f"            case {end} -> Paragraph.{end};"]

    def s_machine_next(self, state: str, after: str | None) -> list[str]:
        end = self.end_state()
        if after:
            then = f"Paragraph.{after};"
        elif end:  # the end state itself: its arm above already returned
            then = f"Paragraph.{end};"
        else:
            then = f"{{ {self.stop_run_call()}; yield null; }}"
        return [f"                case {state} -> {then}"]

    def s_machine_end(self) -> list[str]:
        return ["            };", "        }", "    }", "}"]

    def entry_point(self, module: str) -> list[str]:
        if not self.p.called:
            return ["public static void main(String[] args) {", f"    new {module}().run();", "}"]
        params = [(self.names[id(p)], p) for p in self.p.params]
        sig = ", ".join(
            f"{self.num_type(p) if is_numeric_item(p) else 'String'}[] {n}" for n, p in params
        )
        fresh = f"new {module}()"
        keep = [
            f"/** Working storage of {self.p.name}: it keeps its values from one CALL to the next. */",  # noqa: E501
            f"private static {module} state;",
            "",
        ]
        out = [
            *([] if self.p.initial else keep),
            f'/** CALL "{self.p.name}"{self.using_text()}: each argument is the caller\'s item, by',
            " *  reference (a one-element array the caller reads back). */",
            f"public static long call({sig}) {{",
        ]
        if self.p.initial:
            out.append(f"    {module} p = {fresh}; // IS INITIAL: fresh storage")
        else:
            out += [f"    if (state == null) state = {fresh};", f"    {module} p = state;"]
        for name, param in params:
            out.append("    " + self.linkage_copies(param, f"{name}[0]")[0])
        out.append("    p.run();")
        for name, param in params:
            out.append(f"    {name}[0] = {self.linkage_copies(param, '')[1]};")
        out.append(f"    return {self.returned_code()}; // its RETURN-CODE")
        out.append("}")
        out.append("")
        if self.p.initial:
            out.append("/** CANCEL: nothing to reset, IS INITIAL keeps nothing. */")
            out.append("public static void cancel() {}")
        else:
            out.append(f'/** CANCEL "{self.p.name}": the next CALL starts from fresh storage. */')
            out.append("public static void cancel() { state = null; }")
        return out

    # ---- program --------------------------------------------------------------------------------
    def generate(self, module: str) -> Output:
        out = [
            f"// {self.p.name}: translated from {self.p.path.split('/')[-1]} by intheflow.",
            "// Comments give the COBOL line of each statement; numbers are scaled longs",
            "// (see the field docs for digits and scale).",
            "",
            f"/** COBOL program {self.p.name}. */",
            f"public final class {module} {{",
        ]
        for record in self.typed_records():
            self.record_class(record, out, "    ")
        for record in self.stored_records():
            pic = f"PIC {record.picture.text}" if record.picture else "record"
            out.append(f"    /** {record.name} {pic} (line {record.line}) */")
            out.extend(f"    // {line}" for line in self.layout_doc(record))
            out.append(
                f"    {self.field_type(record)} {self.names[id(record)]} = {self.initial(record)};"
            )
        for fd in self.p.files:
            kind = "SortFile" if fd.is_sort else "CobFile"
            out.append(f"    /** {'SD' if fd.is_sort else 'FD'} {fd.name} (line {fd.line}) */")
            out.append(
                f"    final {kind} {self.files.file_field(fd)} = {self.files.file_initial(fd)};"
            )
        for record in self.p.records:
            for item in record.walk():
                if item.conditions and not any(n.occurs for n in item.lineage()):
                    for cond in item.conditions:
                        out.append("")
                        out.append(f"    /** 88 {cond.name} (line {cond.line}) */")
                        out.append(f"    boolean {self.cond_method(cond)}() {{")
                        out.append(f"        return {self.cond88_inline(ir.Ref(item), cond)};")
                        out.append("    }")
        out.append("")
        out.append("    /** The main line: paragraphs in source order until one stops the run. */")
        out.append("    void run() {")
        out.extend("        " + line for line in self.main_line())
        if not self.p.called:
            out.append(f"        {self.stop_run_call()};")
        out.append("    }")
        functions: dict[str, str] = {}
        for fn in self.p.functions:
            functions[fn.name] = self.fns[fn.name]
            out.append("")
            out.append(f"    /** Paragraph {fn.name} (line {fn.line}). */")
            returns, plain = self.returns_of(fn)
            self.fallthrough = f" {plain}" if plain else ""
            out.append(f"    {returns or 'void'} {self.fns[fn.name]}() {{")
            if fn.restarts:
                out.append("        para:")
                out.append("        for (boolean again = true; again; ) {")
                out.append("            again = false;")
                out.extend("    " + line for line in self.block(fn.body, 3))
                out.append("        }")
            else:
                out.extend(self.block(fn.body, 2))
            if plain and (fn.restarts or self.can_end_normally(fn.body)):
                out.append(f"        return {plain}; // ran to its end")
            out.append("    }")
        out.extend("    " + line if line else "" for line in self.state_machine())
        out.append("")
        out.extend("    " + line if line else "" for line in self.entry_point(module))
        out.extend("    " + line if line else "" for line in self.accessor_lines())
        out.append("}")
        return Output({f"{module}.java": "\n".join(out) + "\n"}, functions, self.gaps)
