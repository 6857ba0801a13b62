"""The runtimes' date, NUMVAL, TRIM and clock helpers (rt.rs, Rt.java, rt.go) called directly by a
small driver in each language: the integer dates against Python's own calendar (edges the corpus
does not reach: leap days, 1601, 9999, invalid dates), NUMVAL and the pinned clock against what
GnuCOBOL 3.1.2 gives for the same input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from intheflow.transpile.backends import naming
from intheflow.transpile.backends.common import Output
from intheflow.transpile.backends.go.gen import go_str
from intheflow.transpile.backends.java.gen import java_str
from intheflow.transpile.backends.rust.gen import rust_str

from tests.transpile.runtime_driver import run_driver

EPOCH = date(1600, 12, 31).toordinal()
DATES = [16010101, 16001231, 20240229, 20230229, 20241231, 99991231, 19000229, 20000229,
         20241301, 20240431, 0]  # fmt: skip
INTEGERS = [1, 0, -5, 150000, 154557, 3067671, 3067672]
DAYS = [1601001, 2024366, 2023366, 2000060, 2024000, 99993650]
# (text, NUMVAL-C?, value in hundredths) as GnuCOBOL 3.1.2 computes them.
NUMVALS = [(" -12.50 ", False, -1250), ("+ 7.5", False, 750), ("1 2", False, 0),
           ("12.5 CR", False, -1250), ("  -  3  ", False, -300), (".5", False, 50),
           ("ABC", False, 0), ("12..5", False, 0), ("+12.5-", False, 0), ("  12.  ", False, 1200),
           ("1,234", False, 0), ("$1,234.56-", True, -123456), ("1,234", True, 123400),
           ("$12.5", True, 1250)]  # fmt: skip
PINNED = "2024/12/31 23:59:59.99-0130"
# GnuCOBOL with COB_CURRENT_DATE set to PINNED.
CLOCK = {"DATE": "241231", "DATE-YYYYMMDD": "20241231", "DAY": "24366", "DAY-YYYYDDD": "2024366",
         "DAY-OF-WEEK": "2", "TIME": "23595999"}  # fmt: skip


def integer_of_date(n: int) -> int:
    try:
        d = date(n // 10000, n // 100 % 100, n % 100)
    except ValueError:
        return 0
    return d.toordinal() - EPOCH if d.year >= 1601 else 0


def date_of(n: int) -> date | None:
    return date.fromordinal(EPOCH + n) if 1 <= n <= 3067671 else None


def integer_of_day(n: int) -> int:
    year, day = n // 1000, n % 1000
    if not 1601 <= year <= 9999 or not 1 <= day <= date(year, 12, 31).timetuple().tm_yday:
        return 0
    return date(year, 1, 1).toordinal() - EPOCH + day - 1


def expected() -> list[str]:
    out = [str(integer_of_date(n)) for n in DATES]
    for n in INTEGERS:
        d = date_of(n)
        out.append(str(d.year * 10000 + d.month * 100 + d.day if d else 0))
        out.append(str(d.year * 1000 + d.timetuple().tm_yday if d else 0))
    out += [str(integer_of_day(n)) for n in DAYS]
    out += [str(hundredths) for _, _, hundredths in NUMVALS]
    out += ["[a b]", "[a b  ]", "[  a b]"]
    return out + list(CLOCK.values()) + ["2024123123595999-0130"]


def calls(target: str) -> list[str]:
    """The driver's expressions, one printed line each, in the order of `expected`."""
    quote = {"rust": rust_str, "java": java_str, "go": go_str}[target]

    def fn(name: str) -> str:
        prefix = {"rust": "rt::", "java": "Rt.", "go": "rt."}[target]
        case = {"rust": naming.snake, "java": naming.camel, "go": naming.pascal}[target]
        return prefix + case(name)

    def dec(n: int) -> str:
        return {
            "rust": f"Dec::new({n}, 0)",
            "java": f"Dec.of({n}L, 0)",
            "go": f"rt.NewDec({n}, 0)",
        }[target]

    def at(expr: str, scale: int) -> str:
        method = "AtScale" if target == "go" else "at_scale" if target == "rust" else "atScale"
        return f"{expr}.{method}({scale}, false)"

    out = [at(f"{fn('integer_of_date')}({dec(n)})", 0) for n in DATES]
    for n in INTEGERS:
        out.append(at(f"{fn('date_of_integer')}({dec(n)})", 0))
        out.append(at(f"{fn('day_of_integer')}({dec(n)})", 0))
    out += [at(f"{fn('integer_of_day')}({dec(n)})", 0) for n in DAYS]
    out += [at(f"{fn('numval')}({quote(t)}, {str(c).lower()})", 2) for t, c, _ in NUMVALS]
    padded = quote("  a b  ")
    for mode in ("", "LEADING", "TRAILING"):
        trimmed = f"{fn('trim')}({padded}, {quote(mode)})"
        bracketed = f'"[" + {trimmed} + "]"'
        out.append(f'format!("[{{}}]", {trimmed})' if target == "rust" else bracketed)
    out += [f"{fn('clock')}({quote(what)})" for what in CLOCK]
    return [*out, f"{fn('current_date')}()"]


def driver(target: str) -> Output:
    lines = calls(target)
    if target == "rust":
        body = "".join(f'    println!("{{}}", {e});\n' for e in lines)
        text = f"use crate::rt::{{self, Dec}};\n\npub fn main() {{\n{body}}}\n"
        return Output({"driver.rs": text})
    if target == "java":
        body = "".join(f"        System.out.println({e});\n" for e in lines)
        head = "public class Driver {\n    public static void main(String[] a) {\n"
        text = f"{head}{body}    }}\n}}\n"
        return Output({"Driver.java": text})
    body = "".join(f"\tfmt.Println({e})\n" for e in lines)
    text = (
        'package main\n\nimport (\n\t"fmt"\n\n\t"intheflow.local/cobol/rt"\n)\n\n'
        f"func main() {{\n{body}}}\n"
    )
    return Output({"driver/main.go": text})


@pytest.mark.parametrize("target", ["rust", "java", "go"])
def test_runtime_dates_numval_trim_and_pinned_clock(target: str, tmp_path: Path) -> None:
    env = {"COB_CURRENT_DATE": PINNED, "PATH": "/usr/bin:/bin"}
    out = run_driver(target, driver(target), tmp_path, env)
    assert out.decode().splitlines() == expected()
