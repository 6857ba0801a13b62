"""The AI worker: one thread, jobs in order, and leaving the process never waits for a job."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from intheflow.ai.worker import ModelWorker

SERVER = Path(__file__).resolve().parents[2] / "server"


def test_jobs_run_in_order_on_one_named_thread() -> None:
    worker = ModelWorker("intheflow-ai-test")
    seen: list[tuple[int, str]] = []
    futures = [
        worker.submit(lambda i=i: seen.append((i, threading.current_thread().name)) or i)
        for i in range(5)
    ]
    assert [f.result(5) for f in futures] == [0, 1, 2, 3, 4]
    assert seen == [(i, "intheflow-ai-test") for i in range(5)]
    failing = worker.submit(lambda: 1 / 0)
    assert isinstance(failing.exception(5), ZeroDivisionError)
    worker.shutdown()


def test_shutdown_cancels_queued_jobs() -> None:
    worker = ModelWorker()
    gate, started = threading.Event(), threading.Event()
    running = worker.submit(lambda: started.set() or gate.wait(5))
    queued = worker.submit(lambda: "never")
    assert started.wait(5)
    worker.shutdown(wait=False, cancel_futures=True)
    gate.set()
    assert running.result(5) is True and queued.cancelled()


def test_exit_does_not_wait_for_a_running_job() -> None:
    code = (
        "import sys, time; sys.path.insert(0, sys.argv[1])\n"
        "from intheflow.ai.worker import ModelWorker\n"
        "w = ModelWorker(); w.submit(time.sleep, 30); time.sleep(0.1)\n"
    )
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(SERVER)], check=True, timeout=20)
    assert time.perf_counter() - started < 10  # not the job's 30 s
