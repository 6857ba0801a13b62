"""A real Prometheus (Debian's `prometheus` binary) on a loopback port, scraping given targets.

Fails, never skips, when the binary is missing (the Makefile's system-packages target installs it).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RealPrometheus:
    def __init__(self, url: str, process: subprocess.Popen[bytes], log: Path) -> None:
        self.url = url
        self.process = process
        self.log = log

    def wait_for(self, check: Callable[[], bool], timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return
            time.sleep(0.2)
        raise AssertionError(
            f"condition not met in {timeout} s; prometheus log:\n" + self.log.read_text()[-2000:]
        )


@pytest.fixture(scope="module")
def prometheus_factory(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[list[str]], RealPrometheus]]:
    binary = shutil.which("prometheus")
    if binary is None:
        pytest.fail("Debian's prometheus is required (make system-packages installs it)")
    started: list[subprocess.Popen[bytes]] = []

    def start(targets: list[str]) -> RealPrometheus:
        base = tmp_path_factory.mktemp("prometheus")
        config = base / "prometheus.yml"
        config.write_text(
            "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
            "scrape_configs:\n  - job_name: intheflow\n    static_configs:\n"
            f"      - targets: {targets!r}\n"
        )
        port = free_port()
        log = base / "prometheus.log"
        process = subprocess.Popen(
            [
                binary,
                f"--config.file={config}",
                f"--storage.tsdb.path={base / 'data'}",
                f"--web.listen-address=127.0.0.1:{port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=log.open("wb"),
        )
        started.append(process)
        prom = RealPrometheus(f"http://127.0.0.1:{port}", process, log)

        def ready() -> bool:
            try:
                with urllib.request.urlopen(f"{prom.url}/-/ready", timeout=1) as r:
                    return bool(r.status == 200)
            except OSError:
                return process.poll() is not None and False

        prom.wait_for(ready)
        return prom

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
