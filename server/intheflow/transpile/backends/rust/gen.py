"""Rust back end: one module per program, a struct per record, a method per paragraph."""

from __future__ import annotations

from intheflow.transpile.backends import naming
from intheflow.transpile.backends.common import (
    Generator,
    Output,
    holds_struct,
    is_edited,
    is_numeric_item,
)
from intheflow.transpile.ir import model as ir


def rust_str(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif 32 <= ord(ch) < 127:
            out.append(ch)
        else:
            out.append(f"\\u{{{ord(ch):x}}}")
    return '"' + "".join(out) + '"'


class RustGen(Generator):
    def field_name(self, cobol: str) -> str:
        return naming.snake(cobol)

    def fn_name(self, cobol: str) -> str:
        return naming.snake(cobol)

    def rt(self, name: str, *args: str) -> str:
        return f"rt::{name}({', '.join(args)})"

    def s_str(self, text: str) -> str:
        return rust_str(text)

    def s_dec(self, m: int, s: int) -> str:
        return f"Dec::new({m}, {s})"

    def s_dec_of(self, path: str, scale: int) -> str:
        return f"Dec::of({path}, {scale})"

    def s_op(self, a: str, method: str, b: str) -> str:
        return f"{a}.{method}({b})"

    def s_read_str(self, path: str) -> str:
        return f"&{path}"

    def s_self(self) -> str:
        return "self"

    def s_index(self, path: str, dec: str) -> str:
        return f"{path}[rt::index({dec})]"

    def s_if(self, cond: str) -> str:
        return f"if {cond} {{"

    def s_while(self, cond: str) -> str:
        return f"while {cond} {{"

    def s_loop(self) -> str:
        return "loop {"

    def s_times(self, var: str, count: str) -> str:
        return f"for _{var} in 0..{count} {{"

    def s_let(self, name: str, value: str, kind: str) -> str:
        if kind == "owned":  # a copy, so fields it was read from can be assigned meanwhile
            return f"let {name} = String::from({value});"
        mutable = kind in ("bool", "obj", "dec-var")
        return f"let mut {name} = {value};" if mutable else f"let {name} = {value};"

    def num_type(self, item: ir.DataItem) -> str:
        return "i128" if self.is_wide(item) else "i64"

    def num_literal(self, item: ir.DataItem, value: int) -> str:
        return str(value)

    def s_wide_dec_of(self, path: str, scale: int) -> str:
        return f"Dec::new({path}, {scale})"

    def s_dec_list(self, items: list[str]) -> str:
        return f"&[{', '.join(items)}]"

    def s_restart(self) -> str:
        return "continue 'para;"

    def s_sentence(self, label: str) -> list[str]:
        return [f"'{label}: {{"]

    def s_leave_sentence(self, label: str) -> str:
        return f"break '{label};"

    def s_cell(self, name: str, value: str, number: bool, wide: bool = False) -> str:
        return f"let mut {name} = {value};"

    def s_cell_arg(self, name: str) -> str:
        return f"&mut {name}"

    def s_call_program(self, module: str, args: list[str]) -> str:
        return f"crate::{module}::call({', '.join(args)})"

    def s_cancel_program(self, module: str) -> str:
        return f"crate::{module}::cancel()"

    def s_concat(self, parts: list[str]) -> str:
        return f'&format!("{"{}" * len(parts)}", {", ".join(parts)})'

    def s_getter(self, name: str, params: list[str], kind: str, expr: str, doc: str) -> list[str]:
        args = "".join(f", {p}: usize" for p in params)
        result = "i64" if kind == "num" else "String"
        return [
            f"    /// {doc}",
            f"    fn {name}(&self{args}) -> {result} {{",
            f"        {expr}",
            "    }",
        ]

    def s_setter(self, name: str, params: list[str], kind: str, stmt: str, doc: str) -> list[str]:
        args = "".join(f", {p}: usize" for p in params)
        value = "i64" if kind == "num" else "impl AsRef<str>"
        head = f"    fn {name}(&mut self{args}, v: {value}) {{"
        return [f"    /// {doc}", head, f"        {stmt}", "    }"]

    def cond_method(self, cond: ir.Condition88) -> str:
        return "is_" + naming.snake(cond.name).rstrip("_")

    def display_method(self) -> str:
        return "to_display"

    def set_display_method(self) -> str:
        return "set_display"

    def s_new_file(self, args: list[str]) -> str:
        return f"rt::CobFile::new({', '.join(args)})"

    def s_new_sort_file(self, size: int) -> str:
        return f"rt::SortFile::new({size})"

    def s_sort_keys(self, keys: list[tuple[int, int, bool, bool]]) -> str:
        text = ", ".join(
            f"({o}, {n}, {self.s_bool(num)}, {self.s_bool(a)})" for o, n, num, a in keys
        )
        return f"&[{text}]"

    def s_file_arg(self, path: str) -> str:
        return f"&mut {path}"

    # ---- data -----------------------------------------------------------------------------------
    def field_type(self, item: ir.DataItem) -> str:
        if item.bytes_backed:
            return "String"
        base = (
            self.types[id(item)]
            if item.is_group
            else (self.num_type(item) if is_numeric_item(item) else "String")
        )
        return f"Vec<{base}>" if item.occurs else base

    def initial(self, item: ir.DataItem) -> str:
        if item.bytes_backed:
            return self.initial_bytes(item)
        if item.is_group:
            base = f"{self.types[id(item)]}::new()"
        else:
            base = self.initial_value(item, item.value)
        return f"vec![{base}; {item.occurs}]" if item.occurs else base

    def record_struct(self, group: ir.DataItem, out: list[str]) -> None:
        for child in group.children:
            if child.is_group:
                self.record_struct(child, out)
        name = self.types[id(group)]
        out.append(f"/// {group.name} (COBOL line {group.line}), {group.size} bytes.")
        out.append("#[derive(Clone, Debug)]")
        out.append(f"pub struct {name} {{")
        for child in group.children:
            pic = f"PIC {child.picture.text}" if child.picture else "group"
            out.append(f"    /// {child.name} {pic} (line {child.line})")
            out.append(f"    pub {self.names[id(child)]}: {self.field_type(child)},")
        out.append("}")
        out.append("")
        out.append(f"impl {name} {{")
        out.append("    pub fn new() -> Self {")
        out.append(f"        let mut r = {name} {{")
        for child in group.children:
            out.append(f"            {self.names[id(child)]}: {self.initial(child)},")
        out.append("        };")
        if group.value is not None:
            out.append(
                f"        r.set_display(&{self.rt('fit', self.text(group.value, group.size), str(group.size))});"  # noqa: E501
            )
        out.append("        r")
        out.append("    }")
        out.append("")
        out.append("    /// The record's bytes, as DISPLAY and group MOVEs see them.")
        out.append("    pub fn to_display(&self) -> String {")
        out.append("        let mut s = String::new();")
        for child in group.children:
            out.append("        " + self.push_display(child))
        out.append("        s")
        out.append("    }")
        out.append("")
        out.append("    pub fn set_display(&mut self, s: impl AsRef<str>) {")
        out.append("        let c: Vec<char> = s.as_ref().chars().collect();")
        out.append("        let mut at = 0usize;")
        for child in group.children:
            out.extend("        " + line for line in self.take_display(child))
        out.append("        let _ = at;")
        out.append("    }")
        out.append("")
        out.append("    pub fn initialize(&mut self) {")
        for child in group.children:
            if child.is_filler:
                continue
            out.extend("        " + line for line in self.init_field(child))
        out.append("    }")
        out.append("}")
        out.append("")

    def push_display(self, child: ir.DataItem) -> str:
        name = self.names[id(child)]
        if child.occurs:
            inner = (
                "e.to_display()"
                if child.is_group
                else self.elem_bytes(child, "*e" if is_numeric_item(child) else "e")
            )
            return f"for e in &self.{name} {{ s.push_str(&{inner}); }}"
        inner = (
            f"self.{name}.to_display()"
            if child.is_group
            else self.elem_bytes(child, f"self.{name}")
        )
        return f"s.push_str(&{inner});"

    def take_display(self, child: ir.DataItem) -> list[str]:
        name = self.names[id(child)]
        n = child.size

        def assign(target: str) -> str:
            piece = f"c[at..at + {n}].iter().collect::<String>()"
            if child.is_group:
                return f"{target}.set_display(&{piece});"
            if is_numeric_item(child):
                return f"{target} = rt::{self.num_fn('unzone', child)}(&{piece});"
            return f"{target} = {piece};"

        if child.occurs:
            return [f"for k in 0..{child.occurs} {{ {assign(f'self.{name}[k]')} at += {n}; }}"]
        return [assign(f"self.{name}"), f"at += {n};"]

    def init_field(self, child: ir.DataItem) -> list[str]:
        name = self.names[id(child)]
        if child.is_group:
            value = None
        elif is_numeric_item(child):
            value = "0"
        elif is_edited(child):
            value = self.initial_value(child, None)
        else:
            value = self.rt("fill_all", '" "', str(child.size))
        if child.occurs:
            if value is None:
                return [f"for e in self.{name}.iter_mut() {{ e.initialize(); }}"]
            return [f"for e in self.{name}.iter_mut() {{ *e = {value}; }}"]
        return [f"self.{name}.initialize();" if value is None else f"self.{name} = {value};"]

    def state_name(self, cobol: str) -> str:
        return naming.pascal(cobol)

    def s_state(self, state: str) -> str:
        return f"Paragraph::{state}"

    def s_jump_type(self) -> str:
        return "Option<Paragraph>"

    def s_no_jump(self) -> str:
        return "None"

    def s_bool_type(self) -> str:
        return "bool"

    def s_jump_to(self, state: str) -> str:
        return f"Some(Paragraph::{state})"

    def states_enum(self) -> list[str]:
        if not self.p.machine:
            return []
        return [
            f"/// The paragraphs of {self.p.name} as states of its GO TO state machine.",
            "#[derive(Clone, Copy, PartialEq, Eq, Debug)]",
            "enum Paragraph {",
            *(f"    {state}," for state in self.all_states()),
            "}",
            "",
        ]

    def s_machine_head(self) -> list[str]:
        return [
            "",
            *(f"    /// {line}" for line in self.machine_doc()),
            "    fn run_paragraphs(&mut self, start: Paragraph, last: Paragraph)"
            + (" -> bool {" if self.p.called else " {"),
            "        let mut at = start;",
            "        loop {",
            "            // Some(p): the paragraph ended with GO TO p; None: it ran to its end.",
            "            let jump = match at {",
        ]

    def s_machine_arm(self, state: str, fn: str, jumps: bool) -> list[str]:
        call = f"self.{fn}()" if jumps else f"{{ self.{fn}(); None }}"
        return [f"                Paragraph::{state} => {call},"]

    def s_machine_step(self) -> list[str]:
        end = self.end_state()
        ended = [f"                (Some(Paragraph::{end}), _) => return true, // GOBACK"]
        return [
            "            };",
            "            at = match (jump, at) {",
            *(ended if end else []),
            "                (Some(target), _) => target,",
            f"                (None, here) if here == last => return{' false' if end else ''},",
        ]

    def s_machine_end_arm(self, end: str) -> list[str]:
        return [f"                Paragraph::{end} => Some(Paragraph::{end}),"]

    def s_machine_next(self, state: str, after: str | None) -> list[str]:
        end = "return true," if self.p.called else f"{self.stop_run_call()},"
        then = f"Paragraph::{after}," if after else f"{end} // the end of the program"
        return [f"                (None, Paragraph::{state}) => {then}"]

    def s_machine_end(self) -> list[str]:
        return ["            };", "        }", "    }"]

    def entry_point(self) -> list[str]:
        if not self.p.called:
            return ["pub fn main() {", "    Program::new().run();", "}"]
        params = [(self.names[id(p)], p) for p in self.p.params]
        sig = ", ".join(
            f"{n}: &mut {self.num_type(p) if is_numeric_item(p) else 'String'}" for n, p in params
        )
        body: list[str] = []
        for name, param in params:
            value = f"*{name}" if is_numeric_item(param) else f"{name}.clone()"
            struct = holds_struct(param)
            copy_in, _ = self.linkage_copies(param, f"{name}.as_str()" if struct else value)
            body.append(copy_in)
        body.append("p.run();")
        for name, param in params:
            _, back = self.linkage_copies(param, "")
            clone = "" if holds_struct(param) or is_numeric_item(param) else ".clone()"
            body.append(f"*{name} = {back}{clone};")
        head = [
            f'/// CALL "{self.p.name}"{self.using_text()}: the caller\'s items, by reference.',
            f"pub fn call({sig}) -> i64 {{",
        ]
        if self.p.initial:
            fresh = "    let mut p = Program::new(); // IS INITIAL: fresh storage"
            code = f"    {self.returned_code()}"
            cancel = [
                "",
                "/// CANCEL: nothing to reset, IS INITIAL keeps nothing.",
                "pub fn cancel() {}",
            ]
            return [*head, fresh, *("    " + line for line in body), code, "}", *cancel]
        return [
            "thread_local! {",
            f"    /// Working storage of {self.p.name}: it keeps its values from one CALL to the next.",  # noqa: E501
            "    static STATE: RefCell<Program> = RefCell::new(Program::new());",
            "}",
            "",
            *head,
            "    STATE.with(|state| {",
            "        let mut p = state.borrow_mut();",
            *("        " + line for line in body),
            f"        {self.returned_code()} // its RETURN-CODE",
            "    })",
            "}",
            "",
            f'/// CANCEL "{self.p.name}": the next CALL starts from fresh working storage.',
            "pub fn cancel() {",
            "    STATE.with(|state| *state.borrow_mut() = Program::new());",
            "}",
        ]

    # ---- program --------------------------------------------------------------------------------
    def generate(self, module: str) -> Output:
        out = [
            f"//! {self.p.name}: translated from {self.p.path.split('/')[-1]} by intheflow.",
            "//! Comments give the COBOL line of each statement; numbers are scaled integers",
            "//! (see the field docs for digits and scale).",
            "#![allow(dead_code, unused_mut, unused_variables, unused_parens, non_snake_case)]",
            "#![allow(unreachable_code, unused_imports)]",
            "#![allow(clippy::all)]",
            "",
            "use crate::rt::{self, Dec};",
            "use std::cell::RefCell;",
            "",
        ]
        for record in self.typed_records():
            self.record_struct(record, out)
        out.append(f"/// Working storage and procedures of {self.p.name}.")
        out.append("pub struct Program {")
        for record in self.stored_records():
            pic = f"PIC {record.picture.text}" if record.picture else "record"
            out.append(f"    /// {record.name} {pic} (line {record.line})")
            out.extend(f"    /// {line}" for line in self.layout_doc(record))
            out.append(f"    pub {self.names[id(record)]}: {self.field_type(record)},")
        for fd in self.p.files:
            kind = "SortFile" if fd.is_sort else "CobFile"
            out.append(f"    /// {'SD' if fd.is_sort else 'FD'} {fd.name} (line {fd.line})")
            out.append(f"    pub {self.files.file_field(fd)}: rt::{kind},")
        out.append("}")
        out.append("")
        out.append("impl Program {")
        out.append("    pub fn new() -> Self {")
        out.append("        Program {")
        for record in self.stored_records():
            out.append(f"            {self.names[id(record)]}: {self.initial(record)},")
        for fd in self.p.files:
            out.append(f"            {self.files.file_field(fd)}: {self.files.file_initial(fd)},")
        out.append("        }")
        out.append("    }")
        for record in self.p.records:
            for item in record.walk():
                if item.conditions and not any(n.occurs for n in item.lineage()):
                    for cond in item.conditions:
                        out.append("")
                        out.append(f"    /// 88 {cond.name} (line {cond.line})")
                        out.append(f"    pub fn {self.cond_method(cond)}(&self) -> bool {{")
                        out.append(f"        {self.cond88_inline(ir.Ref(item), cond)}")
                        out.append("    }")
        out.append("")
        out.append("    /// The main line: paragraphs in source order until one stops the run.")
        out.append("    pub fn run(&mut self) {")
        out.extend("        " + line for line in self.main_line())
        if not self.p.called:
            out.append(f"        {self.stop_run_call()};")
        out.append("    }")
        functions: dict[str, str] = {}
        for fn in self.p.functions:
            functions[fn.name] = self.fns[fn.name]
            out.append("")
            out.append(f"    /// Paragraph {fn.name} (line {fn.line}).")
            returns, plain = self.returns_of(fn)
            self.fallthrough = f" {plain}" if plain else ""
            arrow = f" -> {returns}" if returns else ""
            out.append(f"    fn {self.fns[fn.name]}(&mut self){arrow} {{")
            if fn.restarts:
                out.append("        'para: loop {")
                out.extend("    " + line for line in self.block(fn.body, 3))
                out.append("            break;")
                out.append("        }")
            else:
                out.extend(self.block(fn.body, 2))
            if plain:
                out.append(f"        {plain} // ran to its end")
            out.append("    }")
        out.extend(self.state_machine())
        out.append("}")
        out.append("")
        out.extend(self.states_enum())
        out.extend(self.entry_point())
        accessors = self.accessor_lines()
        if accessors:
            out += ["/// Items of the records held as bytes, read and written at their offsets."]
            out += ["impl Program {", *accessors[1:], "}", ""]
        return Output({f"{module}.rs": "\n".join(out) + "\n"}, functions, self.gaps)
