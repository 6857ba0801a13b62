"""How many cores other processes keep busy: decides how many threads llama.cpp may use now.

llama.cpp's threads meet at an OpenMP barrier after every graph node and spin there. With the
cores free, spinning threads are fastest (measured here, 260-token prompt: first token 480 ms,
15 ms per token; with sleeping waits 620 ms and 25 ms). When another process holds a core, a
spinning thread burns its time slice waiting for a descheduled partner: a 540-token prompt took
10-60 s at load average 6-11 instead of 3-5 s. One thread has no barrier at all, so a request
runs on fewer threads while other processes use the cores.
Linux: /proc/stat minus this process's own CPU time, sampled twice a second by a daemon thread;
elsewhere, the load average.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

PROC_STAT = Path("/proc/stat")
BUSY_FIELDS = (0, 1, 2, 5, 6, 7)  # user nice system irq softirq steal (not idle, iowait)


def _sample() -> tuple[float, float, float] | None:
    """(monotonic time, CPU seconds of all processes, CPU seconds of this process)."""
    try:
        fields = PROC_STAT.read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    busy = sum(int(fields[i]) for i in BUSY_FIELDS if i < len(fields)) / ticks
    mine = os.times()
    return time.monotonic(), busy, mine.user + mine.system


class CpuWatch:
    def __init__(self, interval_s: float = 0.5) -> None:
        self._others = 0.0
        self._previous = _sample()
        if self._previous is not None:
            threading.Thread(
                target=self._run, args=(interval_s,), name="intheflow-cpu", daemon=True
            ).start()

    def _run(self, interval_s: float) -> None:
        while True:
            time.sleep(interval_s)
            current = _sample()
            if current is None or self._previous is None:
                return
            elapsed = current[0] - self._previous[0]
            others = (current[1] - self._previous[1]) - (current[2] - self._previous[2])
            self._others = max(0.0, others / elapsed) if elapsed > 0 else self._others
            self._previous = current

    def others(self) -> float:
        """Cores used by other processes over the last interval."""
        if self._previous is None:
            return max(0.0, os.getloadavg()[0] - 1.0)  # ours counts too: a rough guess
        return self._others

    def threads(self, wanted: int) -> int:
        """`wanted`, or fewer so that no thread waits for a core another process holds."""
        free = (os.cpu_count() or 1) - self.others()
        return max(1, min(wanted, int(free + 0.5)))
