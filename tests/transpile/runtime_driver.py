"""Build and run a small driver program against one target's runtime (rt.rs, Rt.java, rt.go):
the runtime tests call its helpers directly this way."""

from __future__ import annotations

import subprocess
from pathlib import Path

from intheflow.transpile.backends.common import Output
from intheflow.transpile.verify.layout import planned_files, write_files
from intheflow.transpile.verify.run import build_go, build_java, build_rust
from intheflow.transpile.verify.toolchain import tool


def run_driver(
    target: str, driver: Output, tmp_path: Path, env: dict[str, str] | None = None
) -> bytes:
    """The driver's standard output; its files are `driver.rs`, `Driver.java` or
    `driver/main.go` as planned_files lays them out."""
    write_files(tmp_path, planned_files(target, "driver", driver))
    if target == "rust":
        error = build_rust(tmp_path / "rust" / "driver", tmp_path / "driver")
        cmd = [str(tmp_path / "driver")]
    elif target == "java":
        error = build_java(tmp_path / "java", tmp_path / "classes")
        cmd = [tool("java"), "-cp", str(tmp_path / "classes"), "Driver"]
    else:
        error = build_go(tmp_path / "go", tmp_path / "bin", ["driver"])
        cmd = [str(tmp_path / "bin" / "driver")]
    assert error is None, error
    return subprocess.run(cmd, capture_output=True, env=env, check=True, timeout=60).stdout
