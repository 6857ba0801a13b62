"""Process engine benchmark: durable steps/s and instances/s, intheflow vs SpiffWorkflow 3.2.

Both engines run the same BPMN file (benchmarks/process/models/loop.bpmn: start → service task
→ exclusive gateway looping back while `i < n` → end; it carries the camunda topic we read and
the spiffworkflow operator Spiff reads). A step is one BPMN flow node executed (2n + 2 per
instance). "Durable" means a crash after any step loses nothing: intheflow commits each step's
events to its store; for Spiff we serialize the workflow with its own BpmnWorkflowSerializer
after every task and commit it to SQLite with the same pragmas (WAL, synchronous=NORMAL).
Writes benchmarks/results/process.md. Run from the repo root.
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "server"))

from intheflow.process.bpmn import read_bpmn  # noqa: E402
from intheflow.process.checkpoint import Checkpointer  # noqa: E402
from intheflow.process.decisions import WorkspaceDecisions  # noqa: E402
from intheflow.process.engine import Engine  # noqa: E402
from intheflow.process.functions import Registry  # noqa: E402
from intheflow.process.runtime import Runtime  # noqa: E402
from intheflow.process.store import PostgresStore, SQLiteStore, Store  # noqa: E402

MODEL = REPO / "benchmarks" / "process" / "models" / "loop.bpmn"
OUT = REPO / "benchmarks" / "results" / "process.md"
PG = os.environ.get("INTHEFLOW_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def registry() -> Registry:
    reg = Registry()

    @reg.register("inc")
    def inc(i: int) -> dict[str, Any]:
        return {"i": i + 1}

    return reg


Run = tuple[float, float, int]  # wall seconds, CPU seconds (all threads), steps


def intheflow_run(store: Store, instances: int, n: int) -> Run:
    defs = read_bpmn(MODEL.read_text()).definitions
    assert defs is not None
    rt = Runtime(store, Engine(registry(), WorkspaceDecisions()))
    started, cpu = time.perf_counter(), time.process_time()
    steps = 0
    for _ in range(instances):
        st = rt.start(defs, "loop", {"i": 0, "n": n}, run_first=True)
        st = rt.run(st.id)
        assert st.status == "completed" and st.variables["i"] == n, st.status
        steps += st.steps
    return time.perf_counter() - started, time.process_time() - cpu, steps


def spiff_run(instances: int, n: int, durable: bool, db: Path) -> Run:
    from SpiffWorkflow.bpmn import BpmnWorkflow
    from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
    from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
    from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
    from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG

    class Env(TaskDataEnvironment):  # type: ignore[misc]
        def call_service(self, context: Any, operation_name: str = "", **kw: Any) -> str:
            return json.dumps(kw["operation_params"]["i"]["value"] + 1)

    parser = SpiffBpmnParser()
    parser.add_bpmn_file(str(MODEL))
    spec = parser.get_spec("loop")
    serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG))
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE IF NOT EXISTS wf (id TEXT PRIMARY KEY, body TEXT)")
    # the same checkpoint policy as our store: off the committing thread
    conn.execute("PRAGMA wal_autocheckpoint=0")
    checkpoints = Checkpointer(db)
    engine = PythonScriptEngine(environment=Env())
    started, cpu = time.perf_counter(), time.process_time()
    steps = 0
    for _ in range(instances):
        wid = uuid.uuid4().hex
        wf = BpmnWorkflow(spec, script_engine=engine)
        for t in wf.get_tasks():
            t.data.update({"i": 0, "n": n})
        while not wf.is_completed():
            wf.run_next()
            if durable:
                body = serializer.serialize_json(wf)
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(
                    "INSERT INTO wf VALUES (?, ?) "
                    "ON CONFLICT (id) DO UPDATE SET body = excluded.body",
                    (wid, body),
                )
                conn.execute("COMMIT")
                checkpoints.committed()
        if not durable:
            conn.execute("INSERT INTO wf VALUES (?, ?)", (wid, serializer.serialize_json(wf)))
        assert wf.last_task is not None and wf.last_task.data["i"] == n
        steps += 2 * n + 2  # the same BPMN nodes as ours (Spiff adds internal tasks)
    elapsed, cpu_used = time.perf_counter() - started, time.process_time() - cpu
    checkpoints.close()
    conn.close()
    return elapsed, cpu_used, steps


def pg_store() -> tuple[PostgresStore, Any, str]:
    import psycopg

    admin = psycopg.connect(PG, autocommit=True)
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE SCHEMA "{schema}"')
    return PostgresStore(f"{PG}?options=-csearch_path%3D{schema}"), admin, schema


def main() -> int:
    load_before = os.getloadavg()
    rows: list[tuple[str, str, float, float, float]] = []
    tmp = Path(tempfile.mkdtemp(prefix="bench-process-"))

    def best(*runs: Any, repeat: int = 5) -> list[Run]:
        # Best of five, the engines taking turns so both meet the same moments of the shared
        # 2-core machine; other work only ever slows a run down.
        results: list[list[Run]] = [[] for _ in runs]
        for _ in range(repeat):
            for out, run in zip(results, runs, strict=True):
                out.append(run())
        return [(min(r[0] for r in rs), min(r[1] for r in rs), rs[0][2]) for rs in results]

    def record(engine: str, what: str, measured: Run, instances: int) -> None:
        seconds, cpu, steps = measured
        rate, inst, per_cpu = steps / seconds, instances / seconds, instances / cpu
        rows.append((engine, what, rate, inst, per_cpu))
        print(
            f"{engine:<40} {what:<16} {rate:>9.0f} steps/s {inst:>8.1f} inst/s "
            f"{per_cpu:>8.1f}/cpu-s"
        )

    # long instances → steps/s; short instances → instances/s
    long_n, long_k = 500, 6
    short_n, short_k = 3, 400
    s_long_n, s_long_k = 100, 2
    ours_long, spiff_long = best(
        lambda: intheflow_run(SQLiteStore(tmp / f"a{uuid.uuid4().hex}.db"), long_k, long_n),
        lambda: spiff_run(s_long_k, s_long_n, True, tmp / f"s1{uuid.uuid4().hex}.db"),
    )
    ours_short, spiff_short = best(
        lambda: intheflow_run(SQLiteStore(tmp / f"b{uuid.uuid4().hex}.db"), short_k, short_n),
        lambda: spiff_run(40, short_n, True, tmp / f"s2{uuid.uuid4().hex}.db"),
    )
    record("intheflow, SQLite", f"{long_k} × n={long_n}", ours_long, long_k)
    record("intheflow, SQLite", f"{short_k} × n={short_n}", ours_short, short_k)
    pg_ok = True
    try:
        store, admin, schema = pg_store()
        record("intheflow, PostgreSQL", "2 × n=200", intheflow_run(store, 2, 200), 2)
        run = intheflow_run(store, 100, short_n)
        record("intheflow, PostgreSQL", f"100 × n={short_n}", run, 100)
        store.close()
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
    except Exception as exc:  # the section says so; the SQLite figures still stand
        pg_ok = False
        print(f"PostgreSQL not measured: {exc}")
    durable, once = "SpiffWorkflow 3.2, durable per task", "SpiffWorkflow 3.2, saved once at end"
    record(durable, f"{s_long_k} × n={s_long_n}", spiff_long, s_long_k)
    record(durable, f"40 × n={short_n}", spiff_short, 40)
    run = spiff_run(s_long_k, s_long_n, False, tmp / "s3.db")
    record(once, f"{s_long_k} × n={s_long_n}", run, s_long_k)
    record(once, f"100 × n={short_n}", spiff_run(100, short_n, False, tmp / "s4.db"), 100)

    ours_steps = rows[0][2]
    ours_inst, ours_cpu = rows[1][3], rows[1][4]
    spiff_steps = next(r for r in rows if r[0] == durable and "100" in r[1])[2]
    spiff_inst, spiff_cpu = next((r[3], r[4]) for r in rows if r[0] == durable and "40" in r[1])
    load_after = os.getloadavg()
    lines = [
        "## Process engine (durable steps and instances)",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.system()}; "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; load average (1/5/15 min) "
        f"{'/'.join(f'{x:.2f}' for x in load_before)} before, "
        f"{'/'.join(f'{x:.2f}' for x in load_after)} after (the machine is shared).",
        "Best of five runs for the intheflow SQLite rows and the durable Spiff rows alike, the "
        "two engines taking turns (one run for the others). "
        "Model: `benchmarks/process/models/loop.bpmn` (the same file for both engines). A step is "
        "one BPMN node executed. Durable: intheflow commits its event log once per function "
        "call, together with the deterministic steps around it (gateways, events), so a crash "
        "loses nothing that cannot be recomputed identically; "
        "Spiff: its serializer's JSON committed after every task. Both on SQLite WAL with "
        "synchronous=NORMAL and the same checkpoint policy: automatic checkpoints off, a "
        "background thread checkpoints about every 100 commits (`process/checkpoint.py`), so "
        "no commit stalls on the checkpoint's fsyncs.",
        "",
        "| engine | instances | durable steps/s | instances/s | instances per CPU-second |",
        "|---|---|---:|---:|---:|",
    ]
    lines += [f"| {e} | {w} | {s:,.0f} | {i:,.1f} | {c:,.1f} |" for e, w, s, i, c in rows]
    lines += [
        "",
        f"- Durable steps/s, long instances: intheflow (SQLite) {ours_steps:,.0f} vs "
        f"SpiffWorkflow {spiff_steps:,.0f} → **{ours_steps / spiff_steps:,.1f}×** "
        f"(goal ≥ 10× and ≥ 2,000 steps/s: "
        f"{'met' if ours_steps / spiff_steps >= 10 and ours_steps >= 2000 else 'NOT met'}).",
        f"- Instances/s, short instances (8 steps): intheflow (SQLite) {ours_inst:,.1f} vs "
        f"SpiffWorkflow {spiff_inst:,.1f} → **{ours_inst / spiff_inst:,.1f}×** "
        f"(goal ≥ 10×: {'met' if ours_inst / spiff_inst >= 10 else 'NOT met'}); per CPU-second "
        f"(the process's own CPU time, all threads — less sensitive to other work on the "
        f"machine) {ours_cpu:,.1f} vs {spiff_cpu:,.1f} → **{ours_cpu / spiff_cpu:,.1f}×**.",
        "- Spiff re-serializes its whole task tree after each task, so its durable cost grows "
        "with the instance's history; intheflow appends only the step's events (a snapshot "
        "every 64 steps; none for an instance that ends sooner). Committing Spiff only after "
        "its service tasks would at most halve its commits on this model.",
        "- CPU-seconds of the PostgreSQL rows leave out the server's own work.",
        "- PostgreSQL rows are bound by the WAL flush of each commit (synchronous_commit=on, "
        "≈ 5 ms per commit on this machine's disk): one worker is far below SQLite; several "
        "workers (tests/process/test_durable.py) share instances with FOR UPDATE SKIP LOCKED.",
    ]
    if not pg_ok:
        lines.append("- PostgreSQL was not reachable: its rows are missing from this run.")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
