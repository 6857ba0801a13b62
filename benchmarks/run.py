"""Run every benchmark and write benchmarks/RESULTS.md.

Each area has `benchmarks/<area>/run.py`, run as its own process (so one area's imports and threads
do not disturb another's timings) with the repo root as working directory. Each writes its section
to `benchmarks/results/<area>.md`; this script joins them, in area order, into RESULTS.md.
Usage: python benchmarks/run.py [AREA ...]
"""

from __future__ import annotations

import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def areas() -> list[str]:
    return sorted(p.parent.name for p in HERE.glob("*/run.py"))


def main(argv: list[str]) -> int:
    wanted = argv or areas()
    failed = []
    for area in wanted:
        print(f"== benchmark {area}", flush=True)
        started = time.perf_counter()
        rc = subprocess.call([sys.executable, str(HERE / area / "run.py")], cwd=REPO)
        print(f"   {area}: exit {rc} in {time.perf_counter() - started:.1f} s", flush=True)
        if rc != 0:
            failed.append(area)
    parts = [
        "# Benchmark results\n",
        f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python "
        f"{platform.python_version()}; written by `python benchmarks/run.py` on "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.\n",
    ]
    for area in areas():
        section = HERE / "results" / f"{area}.md"
        if section.exists():
            parts.append(section.read_text(encoding="utf-8").rstrip() + "\n")
    (HERE / "RESULTS.md").write_text("\n".join(parts), encoding="utf-8")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
