"""Rule engine benchmark: this engine compiled (mypyc), this engine interpreted (pure sources in a
subprocess), zen-engine and the PyPI rule-engine package, on the same models and inputs:

  (a) a 1,000-row decision table, five inputs mixing equality and ranges, hit policy first
  (b) a realistic multi-node JDM graph (loan approval: two chained tables)
  (c) 10,000 simple JSON rules over one fact (collect: every rule is decided)

Counting: decisions/s is the primary figure. rules/s = rule rows decided per second: a row counts
once the engine has decided whether it matches. Our plan decides every row of a table with its
index masks, so it counts all rows; a row scanner with hit policy first (zen, rule-engine) decides
the rows up to the first match (or all rows when none matches), which we count per input exactly.
Also: diagnostics refresh time after an edit in a 5,000-line workspace, through the analyzer.

Writes benchmarks/results/rules.md. `--pure` (internal) measures only this engine and prints JSON.
"""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.rules.corpus import loan_approval, single_table, table  # noqa: E402

TIERS = ["gold", "silver", "bronze", "platinum", "basic", "staff", "partner", "trial"]
COUNTRIES = [f"C{k:02d}" for k in range(25)]
CHANNELS = ["web", "app", "pos", "phone"]


# -- workloads ---------------------------------------------------------------------------------


def table_1000() -> tuple[dict[str, Any], list[dict[str, Any]], list[str]]:
    """1,000 rows: tier (equality), country (equality), amount (range), age (comparison),
    channel (equality); about a fifth of the cells empty."""
    rng = random.Random(42)
    rows = []
    rule_texts = []
    for r in range(1000):
        cells = []
        conds = []
        tier = rng.choice(TIERS) if rng.random() < 0.8 else None
        cells.append(f'"{tier}"' if tier else "")
        if tier:
            conds.append(f'tier == "{tier}"')
        country = rng.choice(COUNTRIES) if rng.random() < 0.8 else None
        cells.append(f'"{country}"' if country else "")
        if country:
            conds.append(f'country == "{country}"')
        if rng.random() < 0.8:
            lo = rng.randrange(0, 9000, 50)
            hi = lo + rng.randrange(50, 2000, 50)
            cells.append(f"[{lo}..{hi})")
            conds.append(f"amount >= {lo} and amount < {hi}")
        else:
            cells.append("")
        if rng.random() < 0.8:
            age = rng.randint(18, 80)
            cells.append(f">= {age}")
            conds.append(f"age >= {age}")
        else:
            cells.append("")
        channel = rng.choice(CHANNELS) if rng.random() < 0.8 else None
        cells.append(f'"{channel}"' if channel else "")
        if channel:
            conds.append(f'channel == "{channel}"')
        rows.append((cells, [f'"row{r}"', str(r)]))
        rule_texts.append(" and ".join(conds) or "true")
    graph = single_table(
        table("first", ["tier", "country", "amount", "age", "channel"], ["label", "rank"], rows)
    )
    inputs = [
        {
            "tier": rng.choice(TIERS),
            "country": rng.choice(COUNTRIES),
            "amount": rng.randrange(0, 11000),
            "age": rng.randint(16, 90),
            "channel": rng.choice(CHANNELS),
        }
        for _ in range(2000)
    ]
    return graph, inputs, rule_texts


def graph_loan() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    graph, make = loan_approval()
    rng = random.Random(7)
    return graph, [make(rng) for _ in range(2000)]


def rules_10000() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], list[str]]:
    """10,000 rules `country == C and amount > N` as a ruleset (collect), the same as a JDM table,
    and one fact."""
    rng = random.Random(11)
    rules = []
    rows = []
    texts = []
    for r in range(10_000):
        c = rng.choice(COUNTRIES)
        n = rng.randrange(0, 10_000, 10)
        rules.append(
            {
                "id": f"r{r}",
                "when": {"country": f'"{c}"', "amount": f"> {n}"},
                "then": {"hit": f'"r{r}"'},
            }
        )
        rows.append(([f'"{c}"', f"> {n}"], [f'"r{r}"']))
        texts.append(f'country == "{c}" and amount > {n}')
    ruleset = {"kind": "ruleset", "name": "bench", "hitPolicy": "collect", "rules": rules}
    jdm = single_table(table("collect", ["country", "amount"], ["hit"], rows))
    return ruleset, jdm, {"country": "C07", "amount": 5000}, texts


# -- measurement -------------------------------------------------------------------------------


def measure(fn: Callable[[Any], Any], inputs: list[Any], budget_s: float, max_n: int) -> dict:
    lat: list[float] = []
    clock = time.perf_counter
    started = clock()
    i = 0
    while i < max_n and (clock() - started < budget_s or i < 20):
        x = inputs[i % len(inputs)]
        t0 = clock()
        fn(x)
        lat.append(clock() - t0)
        i += 1
    total = sum(lat)
    lat.sort()
    return {
        "n": i,
        "decisions_per_s": i / total,
        "p50_us": lat[len(lat) // 2] * 1e6,
        "p99_us": lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1e6,
    }


def ours(budget: float) -> dict[str, Any]:
    from intheflow_rules import engine_info, load_text

    out: dict[str, Any] = {"build": engine_info().describe()}
    graph, inputs, _ = table_1000()
    started = time.perf_counter()
    model = load_text(json.dumps(graph))
    out["compile_a_ms"] = (time.perf_counter() - started) * 1e3
    out["a"] = measure(model.evaluate, inputs, budget, 200_000)
    out["a_outputs"] = [model.evaluate(x) for x in inputs[:300]]
    g, ins = graph_loan()
    m = load_text(json.dumps(g))
    out["b"] = measure(m.evaluate, ins, budget, 200_000)
    out["b_outputs"] = [m.evaluate(x) for x in ins[:300]]
    ruleset, _, fact, _ = rules_10000()
    started = time.perf_counter()
    rs = load_text(json.dumps(ruleset))
    out["compile_c_ms"] = (time.perf_counter() - started) * 1e3
    out["c"] = measure(rs.evaluate, [fact], budget, 100_000)
    out["c_outputs"] = [h["hit"] for h in rs.evaluate(fact)]
    return out


def first_hit_rows(model_json: dict[str, Any], inputs: list[dict[str, Any]]) -> float:
    """Mean rows a sequential first-hit scanner decides per input (up to and including the hit)."""
    from intheflow_rules import load_text
    from intheflow_rules.jdm import Graph
    from intheflow_rules.values import from_json

    model = load_text(json.dumps(model_json))
    assert isinstance(model.body, Graph)
    plan = next(n.table for n in model.body.nodes if n.table is not None)
    total = 0
    for x in inputs:
        rows = plan.matching_rows(from_json(x))
        total += rows[0] + 1 if rows else len(plan.rows)
    return total / len(inputs)


def zen_engine(budget: float) -> dict[str, Any]:
    import zen

    models: dict[str, str] = {}
    eng = zen.ZenEngine({"loader": lambda key: models[key]})
    out: dict[str, Any] = {}
    graph, inputs, _ = table_1000()
    models["a"] = json.dumps(graph)
    out["a"] = measure(lambda x: eng.evaluate("a", x), inputs, budget, 5_000)
    out["a_outputs"] = [eng.evaluate("a", x)["result"] for x in inputs[:300]]
    g, ins = graph_loan()
    models["b"] = json.dumps(g)
    out["b"] = measure(lambda x: eng.evaluate("b", x), ins, budget, 100_000)
    out["b_outputs"] = [eng.evaluate("b", x)["result"] for x in ins[:300]]
    _, jdm, fact, _ = rules_10000()
    models["c"] = json.dumps(jdm)
    out["c"] = measure(lambda x: eng.evaluate("c", x), [fact], budget, 2_000)
    out["c_outputs"] = [h["hit"] for h in eng.evaluate("c", fact)["result"]]
    return out


def rule_engine_pkg(budget: float) -> dict[str, Any]:
    import rule_engine

    out: dict[str, Any] = {}
    _, inputs, texts = table_1000()
    rules = [rule_engine.Rule(t) for t in texts]

    def first(x: dict[str, Any]) -> int:
        for n, r in enumerate(rules):
            if r.matches(x):
                return n
        return -1

    out["a"] = measure(first, inputs, budget, 2_000)
    _, _, fact, ctexts = rules_10000()
    crules = [rule_engine.Rule(t) for t in ctexts]
    out["c"] = measure(
        lambda x: [n for n, r in enumerate(crules) if r.matches(x)], [fact], budget, 200
    )
    out["c_outputs"] = [f"r{n}" for n, r in enumerate(crules) if r.matches(fact)]
    return out


def diagnostics_refresh() -> dict[str, Any]:
    """A 5,000-line Python workspace plus code rules; re-analyse one edited file."""
    from intheflow.analysis import AnalysisContext, analyze_document
    from intheflow.coderules.analyzers import CodeRuleAnalyzer
    from intheflow.core.documents import Document

    rules = json.loads((REPO / "examples/payments/rules/code-rules.json").read_text())
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "code-rules.json").write_text(json.dumps(rules))
        body = []
        for f in range(50):
            lines = ["import logging", ""]
            for k in range(16):
                lines += [
                    f"def handle_{k}(request):",
                    "    if request.new:",
                    "        validate_payment(request)",
                    "    else:",
                    "        validate_card(request.card)",
                    f"    charge_card(request, {k})",
                    "",
                ]
            text = "\n".join(lines[:100]) + "\n"
            body.append(text)
            (root / f"svc_{f}.py").write_text(text)
        total_lines = sum(t.count("\n") for t in body)
        ctx = AnalysisContext(root=root)
        target = root / "svc_7.py"
        analyzers = [CodeRuleAnalyzer()]
        analyze_document(Document(path=str(target), text=body[7]), ctx, analyzers)  # warm cache
        lat = []
        lat_all = []
        for v in range(40):
            edited = body[7].replace("charge_card(request, 3)", f"charge_card(request, {v})")
            doc = Document(path=str(target), text=edited, version=v)
            t0 = time.perf_counter()
            analyze_document(doc, ctx, analyzers)
            lat.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            analyze_document(doc, ctx)
            lat_all.append(time.perf_counter() - t0)
    return {
        "lines": total_lines,
        "p50_ms": statistics.median(lat) * 1e3,
        "max_ms": max(lat) * 1e3,
        "all_p50_ms": statistics.median(lat_all) * 1e3,
    }


# -- report ------------------------------------------------------------------------------------


def run_pure(budget: float) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(REPO / "rules"), INTHEFLOW_RULES_PURE="1")
    proc = subprocess.run(
        [sys.executable, __file__, "--pure", str(budget)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=True,
    )
    return json.loads(proc.stdout)


def fmt(x: float) -> str:
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}"


def main() -> int:
    budget = 3.0
    print("compiled…", flush=True)
    mine = ours(budget)
    print("pure…", flush=True)
    pure = run_pure(budget / 2)
    print("zen…", flush=True)
    zen_r = zen_engine(budget)
    print("rule-engine…", flush=True)
    re_r = rule_engine_pkg(budget)
    print("diagnostics…", flush=True)
    diag = diagnostics_refresh()

    graph_a, inputs_a, _ = table_1000()
    scan_rows_a = first_hit_rows(graph_a, inputs_a)
    same_a = mine["a_outputs"] == zen_r["a_outputs"]
    same_b = _same(mine["b_outputs"], zen_r["b_outputs"])
    same_c = mine["c_outputs"] == zen_r["c_outputs"] == re_r["c_outputs"]

    rows = {"a": 1000, "b": None, "c": 10_000}
    lines = [
        "## Rule engine",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, "
        f"one core per engine, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. "
        f"Ours: {mine['build']}. zen-engine 2.1.3 through `ZenEngine.evaluate` with a loader "
        "(its fastest Python path here); rule-engine 5.x, one `Rule` per table row.",
        "",
        "rules/s counts rule rows decided per second. Our plan decides every row of the table per "
        "decision through its index masks (equality hash, sorted interval segments); for a "
        "first-hit scanner (zen, rule-engine) a row counts when scanned, i.e. up to the first "
        "match "
        f"(on (a) that is {scan_rows_a:.0f} rows per input on average). (c) is a collect: every "
        "engine decides all 10,000 rows.",
        "",
        "| workload | engine | decisions/s | rules/s | p50 µs | p99 µs | × zen |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for key, title in (
        ("a", "(a) 1,000-row table"),
        ("b", "(b) loan-approval graph"),
        ("c", "(c) 10,000 JSON rules"),
    ):
        zen_dps = zen_r[key]["decisions_per_s"]
        entries = [
            ("intheflow compiled", mine[key], rows[key]),
            ("intheflow interpreted", pure[key], rows[key]),
            ("zen-engine", zen_r[key], scan_rows_a if key == "a" else rows[key]),
        ]
        if key in re_r:
            entries.append(("rule-engine", re_r[key], scan_rows_a if key == "a" else rows[key]))
        for name, m, nrows in entries:
            rps = f"{fmt(m['decisions_per_s'] * nrows)}" if nrows else "n/a"
            lines.append(
                f"| {title} | {name} | {fmt(m['decisions_per_s'])} | {rps} | {m['p50_us']:.1f} | "
                f"{m['p99_us']:.1f} | {m['decisions_per_s'] / zen_dps:.2f} |"
            )
        if key not in re_r:
            lines.append(f"| {title} | rule-engine | n/a (no decision graphs) | | | | |")
    lines += [
        "",
        f"Same outputs as zen on the measured inputs: (a) {'yes' if same_a else 'NO'}, "
        f"(b) {'yes' if same_b else 'NO'}, (c) {'yes' if same_c else 'NO'} (also rule-engine). "
        f"Compile time: (a) {mine['compile_a_ms']:.0f} ms, (c) {mine['compile_c_ms']:.0f} ms.",
        "",
        f"Diagnostics refresh after an edit ({diag['lines']:,}-line workspace, 50 files, code "
        f"rules): code-rule analyzer p50 {diag['p50_ms']:.1f} ms (max {diag['max_ms']:.1f} ms); "
        f"all analyzers on the file p50 {diag['all_p50_ms']:.1f} ms. Goal: < 50 ms. Measured "
        "through the analyzer API (the LSP adds its 30 ms debounce and transport).",
        "",
        f"Goals: ≥ 10M rules/s on (a): {fmt(mine['a']['decisions_per_s'] * 1000)} rules/s; "
        "≥ 1.0× zen on every workload: "
        + ", ".join(
            f"{k} {mine[k]['decisions_per_s'] / zen_r[k]['decisions_per_s']:.1f}×" for k in "abc"
        )
        + ".",
    ]
    out = REPO / "benchmarks" / "results" / "rules.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--pure":
        result = ours(float(sys.argv[2]))
        print(json.dumps(result))
        raise SystemExit(0)
    raise SystemExit(main())
