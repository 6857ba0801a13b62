"""`intheflow demo` transpiler section: the example COBOL batch to Rust, Java and Go, verified
by running GnuCOBOL and each translation on the same input.

The program is INTPOST, the interest posting batch: it reads the account master file, CALLs
DATEUTIL and writes the new master and a postings file; every run gets a fresh folder holding
`INTPOST.files/in/ACCTIN`, and the files written are compared byte for byte like stdout."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

ORDER = 40
PROGRAM = "legacy/cobol/INTPOST.cbl"


def section(ctx: Any) -> None:
    from intheflow.transpile.pipeline import translate_file
    from intheflow.transpile.service import transpile_paths

    ctx.heading("Transpiler: COBOL → Rust, Java, Go, verified against GnuCOBOL")
    ws: Path = ctx.workspace
    source = ws / PROGRAM
    if not source.is_file():
        raise RuntimeError(f"example program {PROGRAM} is missing")
    for other in sorted((ws / "legacy" / "cobol").glob("*.cbl")):
        if other == source:
            continue
        t = translate_file(other)
        gaps = [p for p in t.problems if p.kind == "unsupported"]
        if gaps:
            first = gaps[0]
            ctx.line(
                f"{other.name}: not translated, {len(gaps)} unsupported construct(s), first: "
                f"{first.message} at line {first.line + 1}"
            )
    with tempfile.TemporaryDirectory(prefix="intheflow-demo-transpile-") as tmp:
        started = time.perf_counter()
        results = transpile_paths([source], Path(tmp), verify=True)
        r = results[0]
        if r.verdict is None:
            problems = "; ".join(p.message for p in r.translation.problems[:3])
            raise RuntimeError(f"{source.name} did not translate: {problems}")
        program = r.translation.program
        assert program is not None
        ctx.line(
            f"{source.name}: {program.source_lines} COBOL lines, {len(program.functions)} "
            f"functions, translated in {1000 * r.translation.seconds:.0f} ms"
        )
        rows = []
        for target in ("rust", "java", "go"):
            files = [f for f in r.files if f"/{target}/" in str(f)]
            lines = sum(len(f.read_text().splitlines()) for f in files)
            rows.append([target, len(files), lines, r.verdict.results.get(target, "not run")])
        ctx.table(["target", "files", "lines (with runtime)", "GnuCOBOL comparison"], rows)
        for m in r.verdict.mismatches:
            ctx.line(f"  {m.target}: {m.first_field}")
        ctx.line(f"verified in {time.perf_counter() - started:.1f} s")
        if not r.verdict.passed:
            raise RuntimeError("a translation differs from GnuCOBOL")
