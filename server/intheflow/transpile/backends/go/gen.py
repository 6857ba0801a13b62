"""Go back end (Go 1.19, standard library only): one package main per program, a struct per record,
a method per paragraph; the runtime is the `rt` package of the generated module."""

from __future__ import annotations

from intheflow.transpile.backends import naming
from intheflow.transpile.backends.common import (
    Generator,
    Output,
    is_edited,
    is_numeric_item,
)
from intheflow.transpile.ir import model as ir

MODULE = "intheflow.local/cobol"


def go_str(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif 32 <= ord(ch) < 127:
            out.append(ch)
        else:
            out.append(f"\\x{ord(ch):02x}")
    return '"' + "".join(out) + '"'


class GoGen(Generator):
    stmt_end = ""

    def __init__(self, program: ir.Program, best_effort: bool = False) -> None:
        super().__init__(program, best_effort)
        self.imports: set[str] = set()  # packages of the programs this one calls

    def field_name(self, cobol: str) -> str:
        return naming.camel(cobol, naming.GO_KEYWORDS)

    def fn_name(self, cobol: str) -> str:
        return naming.camel(cobol, naming.GO_KEYWORDS)

    def rt(self, name: str, *args: str) -> str:
        return f"rt.{naming.pascal(name)}({', '.join(args)})"

    def s_str(self, text: str) -> str:
        return go_str(text)

    def s_dec(self, m: int, s: int) -> str:
        if abs(m) >= 2**63:  # a literal of more than 18 digits
            return f"rt.NewDecWide({self.rt('wide_of', self.s_str(str(m)))}, {s})"
        return f"rt.NewDec({m}, {s})"

    def s_dec_of(self, path: str, scale: int) -> str:
        return f"rt.NewDec({path}, {scale})"

    def s_op(self, a: str, method: str, b: str) -> str:
        return f"{a}.{naming.pascal(method)}({b})"

    def s_self(self) -> str:
        return "p"

    def s_offset(self, dec: str) -> str:
        return f"int({self.rt('index', dec)})"

    def s_index(self, path: str, dec: str) -> str:
        return f"{path}[rt.Index({dec})]"

    def s_if(self, cond: str) -> str:
        return f"if {cond} {{"

    def s_while(self, cond: str) -> str:
        return f"for {cond} {{"

    def s_loop(self) -> str:
        return "for {"

    def s_times(self, var: str, count: str) -> str:
        return f"for {var}, n{var} := int64(0), {count}; {var} < n{var}; {var}++ {{"

    def s_let(self, name: str, value: str, kind: str) -> str:
        return f"{name} := {value}"

    def num_type(self, item: ir.DataItem) -> str:
        return "rt.Wide" if self.is_wide(item) else "int64"

    def num_literal(self, item: ir.DataItem, value: int) -> str:
        return self.rt("wide_of", self.s_str(str(value))) if self.is_wide(item) else str(value)

    def s_wide_dec_of(self, path: str, scale: int) -> str:
        return f"rt.NewDecWide({path}, {scale})"

    def s_obj_call(self, obj: str, method: str, *args: str) -> str:
        return f"{obj}.{naming.pascal(method)}({', '.join(args)})"

    def s_restart(self) -> str:
        return "continue para"

    def s_cell(self, name: str, value: str, number: bool, wide: bool = False) -> str:
        return f"{name} := {value}"

    def s_cell_arg(self, name: str) -> str:
        return f"&{name}"

    def s_call_program(self, module: str, args: list[str]) -> str:
        self.imports.add(f"{MODULE}/{module}")
        return f"{module}.Call({', '.join(args)})"

    def s_cancel_program(self, module: str) -> str:
        self.imports.add(f"{MODULE}/{module}")
        return f"{module}.Cancel()"

    def s_sentence(self, label: str) -> list[str]:
        # Go breaks out of loops only: the sentence is a loop that runs once.
        return [f"{label}:", "for {"]

    def s_end_sentence(self) -> list[str]:
        return ["    break", "}"]

    def s_concat(self, parts: list[str]) -> str:
        return " + ".join(parts)

    def s_getter(self, name: str, params: list[str], kind: str, expr: str, doc: str) -> list[str]:
        args = ", ".join(f"{p} int" for p in params)
        result = "int64" if kind == "num" else "string"
        return [f"// {name}: {doc}.", f"func (p *program) {name}({args}) {result} {{",
                f"\treturn {expr}", "}"]  # fmt: skip

    def s_setter(self, name: str, params: list[str], kind: str, stmt: str, doc: str) -> list[str]:
        args = "".join(f"{p} int, " for p in params)
        value = "int64" if kind == "num" else "string"
        head = f"func (p *program) {name}({args}v {value}) {{"
        return [f"// {name}: {doc}.", head, f"\t{stmt}", "}"]

    def cond_method(self, cond: ir.Condition88) -> str:
        return "is" + naming.pascal(cond.name)

    def display_method(self) -> str:
        return "toDisplay"

    def set_display_method(self) -> str:
        return "setDisplay"

    def s_new_file(self, args: list[str]) -> str:
        return f"rt.NewFile({', '.join(args)})"

    def s_new_sort_file(self, size: int) -> str:
        return f"rt.NewSortFile({size})"

    def s_sort_keys(self, keys: list[tuple[int, int, bool, bool]]) -> str:
        text = ", ".join(
            f"{{{o}, {n}, {self.s_bool(num)}, {self.s_bool(a)}}}" for o, n, num, a in keys
        )
        return f"[]rt.SortKey{{{text}}}"

    # ---- data -----------------------------------------------------------------------------------
    def field_type(self, item: ir.DataItem) -> str:
        if item.bytes_backed:
            return "string"
        base = (
            "*" + self.types[id(item)]
            if item.is_group
            else (self.num_type(item) if is_numeric_item(item) else "string")
        )
        return f"[]{base}" if item.occurs else base

    def initial(self, item: ir.DataItem) -> str:
        if item.bytes_backed:
            return self.initial_bytes(item)
        if item.is_group:
            name = self.types[id(item)]
            if item.occurs:
                return f"func() []*{name} {{ a := make([]*{name}, {item.occurs}); for i := range a {{ a[i] = new{name}() }}; return a }}()"  # noqa: E501
            return f"new{name}()"
        base = self.initial_value(item, item.value)
        if item.occurs:
            return (
                f"rt.Longs({item.occurs}, {base})"
                if is_numeric_item(item)
                else f"rt.Strings({item.occurs}, {base})"
            )
        return base

    def record_struct(self, group: ir.DataItem, out: list[str]) -> None:
        for child in group.children:
            if child.is_group:
                self.record_struct(child, out)
        name = self.types[id(group)]
        out.append(f"// {name} is {group.name} (COBOL line {group.line}), {group.size} bytes.")
        out.append(f"type {name} struct {{")
        for child in group.children:
            pic = f"PIC {child.picture.text}" if child.picture else "group"
            out.append(
                f"\t{self.names[id(child)]} {self.field_type(child)} // {child.name} {pic} (line {child.line})"  # noqa: E501
            )
        out.append("}")
        out.append("")
        out.append(f"func new{name}() *{name} {{")
        out.append(f"\tr := &{name}{{")
        for child in group.children:
            out.append(f"\t\t{self.names[id(child)]}: {self.initial(child)},")
        out.append("\t}")
        if group.value is not None:
            out.append(
                f"\tr.setDisplay({self.rt('fit', self.text(group.value, group.size), str(group.size))})"  # noqa: E501
            )
        out.append("\treturn r")
        out.append("}")
        out.append("")
        out.append("// toDisplay gives the record's bytes, as DISPLAY and group MOVEs see them.")
        out.append(f"func (r *{name}) toDisplay() string {{")
        out.append("\tvar s strings.Builder")
        for child in group.children:
            out.append("\t" + self.push_display(child))
        out.append("\treturn s.String()")
        out.append("}")
        out.append("")
        out.append(f"func (r *{name}) setDisplay(s string) {{")
        out.append("\tat := 0")
        for child in group.children:
            out.extend("\t" + line for line in self.take_display(child))
        out.append("\t_ = at")
        out.append("}")
        out.append("")
        out.append(f"func (r *{name}) initialize() {{")
        for child in group.children:
            if not child.is_filler:
                out.extend("\t" + line for line in self.init_field(child))
        out.append("}")
        out.append("")

    def push_display(self, child: ir.DataItem) -> str:
        name = self.names[id(child)]
        if child.occurs:
            inner = "e.toDisplay()" if child.is_group else self.elem_bytes(child, "e")
            return f"for _, e := range r.{name} {{ s.WriteString({inner}) }}"
        inner = f"r.{name}.toDisplay()" if child.is_group else self.elem_bytes(child, f"r.{name}")
        return f"s.WriteString({inner})"

    def take_display(self, child: ir.DataItem) -> list[str]:
        name = self.names[id(child)]
        n = child.size

        def assign(target: str) -> str:
            piece = f"s[at : at+{n}]"
            if child.is_group:
                return f"{target}.setDisplay({piece})"
            if is_numeric_item(child):
                return f"{target} = {self.rt(self.num_fn('unzone', child), piece)}"
            return f"{target} = {piece}"

        if child.occurs:
            return [
                f"for k := 0; k < {child.occurs}; k++ {{ {assign(f'r.{name}[k]')}; at += {n} }}"
            ]
        return [assign(f"r.{name}"), f"at += {n}"]

    def init_field(self, child: ir.DataItem) -> list[str]:
        name = self.names[id(child)]
        if child.is_group:
            if child.occurs:
                return [f"for _, e := range r.{name} {{ e.initialize() }}"]
            return [f"r.{name}.initialize()"]
        if is_numeric_item(child):
            value = self.num_literal(child, 0)
        elif is_edited(child):
            value = self.initial_value(child, None)
        else:
            value = self.rt("fill_all", '" "', str(child.size))
        if child.occurs:
            return [f"for k := range r.{name} {{ r.{name}[k] = {value} }}"]
        return [f"r.{name} = {value}"]

    # ---- program --------------------------------------------------------------------------------
    def generate(self, module: str) -> Output:
        body: list[str] = []
        for record in self.typed_records():
            self.record_struct(record, body)
        body.append(f"// program holds the working storage of {self.p.name}.")
        body.append("type program struct {")
        for record in self.stored_records():
            pic = f"PIC {record.picture.text}" if record.picture else "record"
            body.extend(f"\t// {line}" for line in self.layout_doc(record))
            body.append(
                f"\t{self.names[id(record)]} {self.field_type(record)} // {record.name} {pic} (line {record.line})"  # noqa: E501
            )
        for fd in self.p.files:
            kind = "SortFile" if fd.is_sort else "File"
            entry = f"{'SD' if fd.is_sort else 'FD'} {fd.name} (line {fd.line})"
            body.append(f"\t{self.files.file_field(fd)} *rt.{kind} // {entry}")
        body.append("}")
        body.append("")
        body.append("func newProgram() *program {")
        body.append("\treturn &program{")
        for record in self.stored_records():
            body.append(f"\t\t{self.names[id(record)]}: {self.initial(record)},")
        for fd in self.p.files:
            body.append(f"\t\t{self.files.file_field(fd)}: {self.files.file_initial(fd)},")
        body.append("\t}")
        body.append("}")
        for record in self.p.records:
            for item in record.walk():
                if item.conditions and not any(n.occurs for n in item.lineage()):
                    for cond in item.conditions:
                        body.append("")
                        body.append(
                            f"// {self.cond_method(cond)} is 88 {cond.name} (line {cond.line})."
                        )
                        body.append(f"func (p *program) {self.cond_method(cond)}() bool {{")
                        body.append(f"\treturn {self.cond88_inline(ir.Ref(item), cond)}")
                        body.append("}")
        body.append("")
        body.append("// run is the main line: paragraphs in source order until one stops the run.")
        body.append("func (p *program) run() {")
        body.extend("\t" + line for line in self.main_line())
        if not self.p.called:
            body.append(f"\t{self.stop_run_call()}")
        body.append("}")
        functions: dict[str, str] = {}
        for fn in self.p.functions:
            functions[fn.name] = self.fns[fn.name]
            body.append("")
            body.append(f"// {self.fns[fn.name]} is paragraph {fn.name} (line {fn.line}).")
            returns, plain = self.returns_of(fn)
            self.fallthrough = f" {plain}" if plain else ""
            result = f" {returns}" if returns else ""
            body.append(f"func (p *program) {self.fns[fn.name]}(){result} {{")
            if fn.restarts:
                body.append("para:")
                body.append("\tfor {")
                body.extend("\t" + _tabs(line) for line in self.block(fn.body, 2))
                body.append("\t\tbreak")
                body.append("\t}")
            else:
                body.extend(_tabs(line) for line in self.block(fn.body, 1))
            if plain:
                body.append(f"\treturn {plain} // ran to its end")
            body.append("}")
        body.extend(self.state_machine())
        body.append("")
        body.extend(self.entry_point())
        body.extend(self.accessor_lines())
        text = "\n".join(body)
        imports = [f'"{path}"' for path in sorted(self.imports)]
        if "rt." in text:
            imports.insert(0, '"' + MODULE + '/rt"')
        if "strings." in text:
            imports.insert(0, '"strings"')
        kind = f"Package {module}" if self.p.called else f"Command {module}"
        head = [
            f"// {kind} is {self.p.name}, translated from {self.p.path.split('/')[-1]}",
            "// by intheflow. Comments give the COBOL line of each statement; numbers are scaled",
            "// int64 values (see the field comments for digits and scale).",
            f"package {module if self.p.called else 'main'}",
            "",
            "import (",
            *("\t" + i for i in imports),
            ")",
            "",
        ]
        file = f"{module}/{module}.go" if self.p.called else f"{module}/main.go"
        return Output({file: "\n".join(head) + "\n" + text + "\n"}, functions, self.gaps)

    machine_fn = "runParagraphs"

    def state_name(self, cobol: str) -> str:
        return "para" + naming.pascal(cobol)

    def s_state(self, state: str) -> str:
        return state

    def s_jump_type(self) -> str:
        return "paragraph"

    def s_no_jump(self) -> str:
        return "noJump"

    def s_bool_type(self) -> str:
        return "bool"

    def s_machine_head(self) -> list[str]:
        doc = self.machine_doc()
        return [
            "",
            f"// paragraph names the paragraphs of {self.p.name}: the states of its GO TO state machine.",  # noqa: E501
            "type paragraph int",
            "",
            "const (",
            "\tnoJump paragraph = iota // a paragraph ran to its end",
            *(f"\t{state}" for state in self.all_states()),
            ")",
            "",
            f"// runParagraphs is the {doc[0]}",
            *(f"// {line}" for line in doc[1:]),
            "func (p *program) runParagraphs(start, last paragraph)"
            + (" bool {" if self.p.called else " {"),
            "\tat := start",
            "\tfor {",
            "\t\t// the paragraph returns where its GO TO leads, or noJump when it ran to its end",
            "\t\tjump := noJump",
            "\t\tswitch at {",
        ]

    def s_machine_arm(self, state: str, fn: str, jumps: bool) -> list[str]:
        return [f"\t\tcase {state}:", f"\t\t\tjump = p.{fn}()" if jumps else f"\t\t\tp.{fn}()"]

    def s_machine_step(self) -> list[str]:
        end = self.end_state()
        ended = [f"\t\tif jump == {end} {{", "\t\t\treturn true // GOBACK", "\t\t}"]
        return [
            "\t\t}",
            *(ended if end else []),
            "\t\tif jump != noJump {",
            "\t\t\tat = jump",
            "\t\t\tcontinue",
            "\t\t}",
            "\t\tif at == last {",
            "\t\t\treturn false" if end else "\t\t\treturn",
            "\t\t}",
            "\t\tswitch at {",
        ]

    def s_machine_next(self, state: str, after: str | None) -> list[str]:
        end = "return true" if self.p.called else self.stop_run_call()
        then = f"at = {after}" if after else f"{end} // the end of the program"
        return [f"\t\tcase {state}:", f"\t\t\t{then}"]

    def s_machine_end(self) -> list[str]:
        return ["\t\t}", "\t}", "}"]

    def s_machine_end_arm(self, end: str) -> list[str]:
        return [f"\t\tcase {end}:", f"\t\t\tjump = {end}"]

    def entry_point(self) -> list[str]:
        if not self.p.called:
            return ["func main() {", "\tnewProgram().run()", "}"]
        params = [(self.names[id(p)], p) for p in self.p.params]
        sig = ", ".join(
            f"{n} *{self.num_type(p) if is_numeric_item(p) else 'string'}" for n, p in params
        )
        out = [
            f'// Call is CALL "{self.p.name}"{self.using_text()}: the caller\'s items, by pointer.',
            f"func Call({sig}) int64 {{",
        ]
        if self.p.initial:
            out.append("\tp := newProgram() // IS INITIAL: fresh storage")
        else:
            out += ["\tif state == nil {", "\t\tstate = newProgram()", "\t}", "\tp := state"]
        out += ["\t" + self.linkage_copies(param, f"*{n}")[0] for n, param in params]
        out.append("\tp.run()")
        out += [f"\t*{n} = {self.linkage_copies(param, '')[1]}" for n, param in params]
        out.append(f"\treturn {self.returned_code()} // its RETURN-CODE")
        out.append("}")
        out.append("")
        if self.p.initial:
            return [*out, "// Cancel does nothing: IS INITIAL keeps nothing.", "func Cancel() {}"]
        out += [
            f'// Cancel is CANCEL "{self.p.name}": the next CALL starts from fresh storage.',
            "func Cancel() { state = nil }",
        ]
        return [
            f"// state is the working storage of {self.p.name}: it keeps its values between calls.",
            "var state *program",
            "",
            *out,
        ]


def _tabs(line: str) -> str:
    stripped = line.lstrip(" ")
    return "\t" * ((len(line) - len(stripped)) // 4) + stripped
