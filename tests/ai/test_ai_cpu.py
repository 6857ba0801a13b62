"""CpuWatch: another process busy on a core means fewer llama.cpp threads."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from intheflow.ai.cpu import CpuWatch


def test_a_busy_process_elsewhere_takes_a_thread_away() -> None:
    watch = CpuWatch(interval_s=0.2)
    cores = os.cpu_count() or 1
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(1.2)
        assert watch.others() >= 0.6  # the child spins on (most of) a core
        assert watch.threads(cores) < cores
        assert watch.threads(1) == 1  # never fewer than one
    finally:
        busy.kill()
        busy.wait()
