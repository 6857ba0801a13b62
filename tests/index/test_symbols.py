"""Symbol extraction per language: the plain-data contract the rule engine and the graph use."""

from __future__ import annotations

from intheflow.core.text import Position
from intheflow.index.symbols import FileIndex, extract


def by_qual(fi: FileIndex) -> dict[str, object]:
    return {s.qualname: s for s in fi.symbols}


PY = '''"""Payments."""
import os
import a.b as c
from .models import Money, Card as C

@app.route("/p")
def charge(card: str) -> bool:
    """Charge it."""
    ok = charge_card(validate(card))
    self.repo.save(ok)
    return ok

class Svc(Base):
    def m(self):
        def inner():
            foo()
        bar()
'''


def test_python_symbols_signatures_docstrings_decorators() -> None:
    fi = extract("pkg/pay.py", PY, "python")
    assert fi.module == "pkg.pay"
    assert fi.docstring == "Payments."
    assert [s.qualname for s in fi.symbols] == ["charge", "Svc", "Svc.m", "Svc.m.inner"]
    charge = fi.symbols[0]
    assert charge.kind == "function"
    assert charge.signature == "def charge(card: str) -> bool"
    assert charge.docstring == "Charge it."
    assert charge.decorators == ['app.route("/p")']
    assert charge.range.start == Position(5, 0)  # the decorator line
    assert charge.selection_range.start == Position(6, 4)
    kinds = {s.qualname: s.kind for s in fi.symbols}
    assert kinds == {
        "charge": "function",
        "Svc": "class",
        "Svc.m": "method",
        "Svc.m.inner": "function",
    }
    assert fi.symbols[2].parent == "Svc"


def test_python_calls_are_per_function_in_source_order() -> None:
    fi = extract("pkg/pay.py", PY, "python")
    charge, _, m, inner = fi.symbols
    assert [(c.name, c.short) for c in charge.calls] == [
        ("charge_card", "charge_card"),
        ("validate", "validate"),
        ("self.repo.save", "save"),
    ]
    assert charge.calls[0].range.start == Position(8, 9)
    assert [c.name for c in m.calls] == ["bar"]  # inner()'s call belongs to inner
    assert [c.name for c in inner.calls] == ["foo"]
    assert [c.name for c in fi.module_calls] == ["app.route"]


def test_python_imports() -> None:
    fi = extract("pkg/pay.py", PY, "python")
    got = [(i.module, i.names, i.alias) for i in fi.imports]
    assert got == [("os", [], None), ("a.b", [], "c"), (".models", ["Money", "Card"], None)]


def test_go_package_methods_and_doc_comments() -> None:
    src = """package ledger

import (
\t"fmt"
\tdb "database/sql"
)

// Post posts an entry.
func Post(a int) error { fmt.Println(a); return nil }

// Book is a ledger book.
type Book struct{ x int }

func (b *Book) Balance() int { return helper(b.x) }
"""
    fi = extract("svc/ledger/post.go", src, "go")
    assert fi.module == "ledger"
    assert [(i.module, i.alias) for i in fi.imports] == [("fmt", None), ("database/sql", "db")]
    syms = {s.qualname: s for s in fi.symbols}
    assert syms["Post"].docstring == "Post posts an entry."
    assert syms["Post"].signature == "func Post(a int) error"
    assert [c.name for c in syms["Post"].calls] == ["fmt.Println"]
    assert syms["Book"].kind == "struct" and syms["Book"].docstring == "Book is a ledger book."
    assert syms["Book.Balance"].kind == "method" and syms["Book.Balance"].parent == "Book"
    assert syms["Book.Balance"].name == "Balance"


def test_java_classes_methods_annotations_javadoc() -> None:
    src = """package com.acme.notify;

import java.util.List;

/** Sends notifications. */
@Service
public class Sender {
    public Sender() {}

    /** Sends one. */
    @Override
    public void send(String s) { log.info(s); new Foo(); }
}
"""
    fi = extract("Sender.java", src, "java")
    assert fi.module == "com.acme.notify"
    assert [(i.module, i.names) for i in fi.imports] == [("java.util", ["List"])]
    syms = {s.qualname: s for s in fi.symbols}
    assert syms["Sender"].docstring == "Sends notifications."
    assert syms["Sender"].decorators == ["Service"]
    assert syms["Sender.Sender"].kind == "constructor"
    send = syms["Sender.send"]
    assert send.kind == "method" and send.decorators == ["Override"]
    assert send.docstring == "Sends one."
    assert [(c.name, c.short) for c in send.calls] == [("log.info", "info"), ("new Foo", "Foo")]


def test_rust_impl_methods_attributes_and_doc() -> None:
    src = """use std::collections::HashMap;

/// A ledger.
struct Ledger {}

impl Ledger {
    #[inline]
    fn post(&self) { helper(); println!("x"); }
}

fn main() { Ledger::new(); }
"""
    fi = extract("src/main.rs", src, "rust")
    syms = {s.qualname: s for s in fi.symbols}
    assert syms["Ledger"].kind == "struct" and syms["Ledger"].docstring == "A ledger."
    post = syms["Ledger.post"]
    assert post.kind == "method" and post.decorators == ["inline"]
    assert [c.short for c in post.calls] == ["helper", "println!"]
    assert [c.name for c in syms["main"].calls] == ["Ledger::new"]
    assert fi.imports[0].module == "std::collections" and fi.imports[0].names == ["HashMap"]


def test_typescript_classes_arrow_functions_interfaces() -> None:
    src = """import { a, b } from "./x";

/** A thing. */
export class A {
  m(x: number): void { foo(x); }
}

export const f = (x: number) => bar(x);

interface I { y: string }
"""
    fi = extract("web/a.ts", src, "typescript")
    syms = {s.qualname: s for s in fi.symbols}
    assert set(syms) == {"A", "A.m", "f", "I"}
    assert syms["A"].docstring == "A thing."
    assert syms["A.m"].kind == "method" and [c.name for c in syms["A.m"].calls] == ["foo"]
    assert syms["f"].kind == "function" and [c.name for c in syms["f"].calls] == ["bar"]
    assert syms["I"].kind == "interface"
    assert fi.imports[0].module == "./x" and fi.imports[0].names == ["a", "b"]


def test_javascript_functions() -> None:
    fi = extract("a.js", "function go(x) { return run(x); }\n", "javascript")
    assert [(s.qualname, [c.name for c in s.calls]) for s in fi.symbols] == [("go", ["run"])]


def test_non_ascii_columns_are_code_points() -> None:
    src = 'x = "é€😀"; y = call()\ndef f(): pass\n'
    fi = extract("u.py", src, "python")
    assert fi.module_calls[0].range.start == Position(0, 15)  # 21 in UTF-8 bytes


def test_syntax_errors_are_reported_and_the_rest_is_indexed() -> None:
    src = "def ok():\n    run()\n\ndef broken(:\n    pass\n\nclass Later:\n    pass\n"
    fi = extract("bad.py", src, "python")
    assert fi.errors, "a syntax error is reported"
    assert fi.errors[0].range.start.line == 3
    assert "ok" in [s.qualname for s in fi.symbols]
    assert "Later" in [s.qualname for s in fi.symbols]


def test_unknown_language_and_garbage_give_an_empty_index() -> None:
    assert extract("a.txt", "hello", "plaintext").symbols == []
    fi = extract("g.go", "\x00\x01 }}}} func ((( ", "go")
    assert fi.errors


def test_symbol_at_returns_the_innermost() -> None:
    fi = extract("pkg/pay.py", PY, "python")
    inner = fi.symbol_at(Position(15, 12))
    assert inner is not None and inner.qualname == "Svc.m.inner"
    assert fi.symbol_at(Position(0, 0)) is None
