"""The runtimes' byte helpers for records held as bytes (rt.rs, Rt.java, rt.go), called directly
by a small driver in each language: packed, binary and signed zoned encodings compared byte for
byte with the Python encodings the translator uses for starting values (GnuCOBOL's layouts), the
decodings as round trips, and the slicing, JUSTIFIED and OCCURS DEPENDING ON helpers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from intheflow.transpile.backends import naming
from intheflow.transpile.backends import shared_bytes as sb
from intheflow.transpile.backends.common import Output
from intheflow.transpile.backends.go.gen import go_str
from intheflow.transpile.backends.java.gen import java_str
from intheflow.transpile.backends.rust.gen import rust_str

from tests.transpile.runtime_driver import run_driver

PACKED = [(-12345, 4, True), (0, 1, True), (987, 2, False), (1234567, 5, True), (-5, 3, True)]
BINARY = [(-2, 2, True), (258, 2, True), (258, 2, False), (-1, 4, True), (123456789, 8, True)]
ZONED = [(-12, 3, True, False), (-12, 3, False, True), (7, 3, True, True), (-1250, 5, True, False),
         (305, 3, False, True)]  # fmt: skip


def expected() -> bytes:
    lines = [sb.packed(v, size, signed) for v, size, signed in PACKED]
    lines += [str(v) for v, _, _ in PACKED]
    lines += [sb.binary(v, size, big) for v, size, big in BINARY]
    lines += [str(v) for v, _, _ in BINARY]
    lines += [sb.zoned(v, digits, True, lead, sep) for v, digits, lead, sep in ZONED]
    lines += [str(v) for v, _, _, _ in ZONED]
    lines += ["ABxyEF", "ABx", "BCD", "  AB", "CDEF", "0", "7", "012.50-"]
    lines += ["01250", "-01255", "+   "]
    return "".join(line + "\n" for line in lines).encode("latin-1")


def calls(target: str) -> list[str]:
    """The driver's string expressions, one displayed line each, in the order of `expected`."""
    quote = {"rust": rust_str, "java": java_str, "go": go_str}[target]
    prefix = {"rust": "rt::", "java": "Rt.", "go": "rt."}[target]
    case: Callable[[str], str] = {"rust": naming.snake, "java": naming.camel, "go": naming.pascal}[
        target
    ]

    def fn(name: str, *args: object) -> str:
        text = [a if isinstance(a, str) else str(a).lower() for a in args]
        return f"{prefix}{case(name)}({', '.join(text)})"

    def number(expr: str) -> str:
        return {"rust": f"format!(\"{{}}\", {expr})", "java": f"String.valueOf({expr})",
                "go": f"fmt.Sprint({expr})"}[target]  # fmt: skip

    out = [fn("pack", v, size, signed) for v, size, signed in PACKED]
    out += [number(fn("unpack", fn("pack", v, size, signed))) for v, size, signed in PACKED]
    out += [fn("to_binary", v, size, big) for v, size, big in BINARY]
    out += [
        number(fn("from_binary", fn("to_binary", v, size, big), True, big))
        for v, size, big in BINARY
    ]
    out += [fn("zoned_sign", v, digits, lead, sep) for v, digits, lead, sep in ZONED]
    out += [
        number(fn("unzone_sign", fn("zoned_sign", v, digits, lead, sep), lead, sep))
        for v, digits, lead, sep in ZONED
    ]
    dec = {"rust": "Dec::new({}, 0)", "java": "Dec.of({}L, 0)", "go": "rt.NewDec({}, 0)"}[target]
    out += [
        fn("put_bytes", quote("ABCDEF"), 2, quote("xy")),
        fn("put_bytes", quote("ABC"), 2, quote("xyz")),
        fn("get_bytes", quote("ABCDEF"), 1, 3),
        fn("fit_right", quote("AB"), 4),
        fn("fit_right", quote("ABCDEF"), 4),
        number(fn("occurrences", dec.format(-3))),
        number(fn("occurrences", dec.format(7))),
        fn("num_display_trailing", -1250, 5, 2),
        fn("display_zoned", quote("01250"), 0, False),
        fn("display_zoned", quote("0125u"), 0, True),
        fn("display_zoned", quote("   "), 0, True),
    ]
    return out


def driver(target: str) -> Output:
    pattern = {
        "rust": "    rt::display(&{}, true);",
        "java": "        Rt.display({}, true);",
        "go": "\trt.Display({}, true)",
    }[target]
    shown = [pattern.format(e) for e in calls(target)]
    body = "\n".join(shown) + "\n"
    if target == "rust":
        text = f"use crate::rt::{{self, Dec}};\n\npub fn main() {{\n{body}    rt::stop_run();\n}}\n"
        return Output({"driver.rs": text})
    if target == "java":
        head = "public class Driver {\n    public static void main(String[] a) {\n"
        return Output({"Driver.java": f"{head}{body}        Rt.stopRun();\n    }}\n}}\n"})
    head = 'package main\n\nimport (\n\t"fmt"\n\n\t"intheflow.local/cobol/rt"\n)\n\n'
    return Output({"driver/main.go": f"{head}func main() {{\n{body}\trt.StopRun()\n}}\n"})


@pytest.mark.parametrize("target", ["rust", "java", "go"])
def test_runtime_byte_helpers_match_the_translators_encodings(target: str, tmp_path: Path) -> None:
    assert run_driver(target, driver(target), tmp_path) == expected()
