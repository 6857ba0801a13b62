"""Semgrep findings merged into the code-rule diagnostics.

When the workspace holds Semgrep rule files (`.semgrep.yml`, `.semgrep.yaml`, `.semgrep/*.yml`,
`semgrep/*.yml`), the real `semgrep` CLI runs with them. `intheflow check` runs it once over the
whole workspace (cached for the run). In the editor the findings come from disk: a file is
re-scanned only when its modification time changes, i.e. on save, never on each keystroke.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from intheflow.core.diagnostics import Diagnostic, Severity
from intheflow.core.text import Range

log = logging.getLogger(__name__)
_SEVERITY = {"ERROR": Severity.ERROR, "WARNING": Severity.WARNING, "INFO": Severity.INFO}
TIMEOUT_S = 300


def config_files(root: Path) -> list[Path]:
    found = [root / ".semgrep.yml", root / ".semgrep.yaml"]
    for folder in (root / ".semgrep", root / "semgrep"):
        if folder.is_dir():
            found.extend(sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml")))
    return [p for p in found if p.is_file()]


def semgrep_command() -> str | None:
    local = Path(sys.executable).with_name("semgrep")
    return str(local) if local.exists() else shutil.which("semgrep")


@dataclass
class SemgrepCache:
    """Findings per absolute path, with the mtime of the file they were computed from."""

    configs: list[Path]
    scanned: dict[str, int] = field(default_factory=dict)
    findings: dict[str, list[Diagnostic]] = field(default_factory=dict)
    whole_run: bool = False
    error: str | None = None


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


def run_semgrep(configs: list[Path], targets: list[Path], root: Path) -> dict[str, Any]:
    cmd = semgrep_command()
    if cmd is None:
        raise FileNotFoundError("semgrep is not installed (pip install semgrep)")
    args = [cmd, "scan", "--json", "--quiet", "--metrics=off", "--disable-version-check"]
    for c in configs:
        args += ["--config", str(c)]
    args += [str(t) for t in targets]
    proc = subprocess.run(
        args, capture_output=True, text=True, cwd=root, timeout=TIMEOUT_S, check=False
    )
    if proc.returncode not in (0, 1):  # 1: findings with --error; anything else is a failure
        raise RuntimeError(f"semgrep exited {proc.returncode}: {proc.stderr.strip()[:500]}")
    data: dict[str, Any] = json.loads(proc.stdout or "{}")
    return data


def to_diagnostics(data: dict[str, Any], root: Path) -> dict[str, list[Diagnostic]]:
    out: dict[str, list[Diagnostic]] = {}
    for r in data.get("results", []):
        path = str((root / r["path"]).resolve())
        start = r.get("start", {})
        end = r.get("end", {})
        extra = r.get("extra", {})
        rng = Range.of(
            max(0, start.get("line", 1) - 1),
            max(0, start.get("col", 1) - 1),
            max(0, end.get("line", 1) - 1),
            max(0, end.get("col", 1) - 1),
        )
        rule = str(r.get("check_id", "semgrep"))
        out.setdefault(path, []).append(
            Diagnostic(
                path=path,
                range=rng,
                severity=_SEVERITY.get(str(extra.get("severity", "WARNING")), Severity.WARNING),
                code=rule,
                message=str(extra.get("message", rule)).strip(),
                source="semgrep",
                properties={"rule": rule, "engine": "semgrep"},
            )
        )
    return out


def findings_for(path: Path, root: Path, cache: SemgrepCache) -> list[Diagnostic]:
    key = str(path.resolve())
    if cache.error is not None:
        return []
    if not cache.whole_run:
        cache.whole_run = True
        try:
            data = run_semgrep(cache.configs, [root], root)
        except (OSError, RuntimeError, ValueError, subprocess.TimeoutExpired) as exc:
            cache.error = str(exc)
            log.warning("semgrep failed: %s", exc)
            return []
        cache.findings = to_diagnostics(data, root)
        for p in data.get("paths", {}).get("scanned", []):
            full = (root / p).resolve()
            cache.scanned[str(full)] = _mtime(full)
    now = _mtime(path)
    if key in cache.scanned and cache.scanned[key] != now:
        # Saved since the last scan: re-scan just this file.
        try:
            data = run_semgrep(cache.configs, [path], root)
        except (OSError, RuntimeError, ValueError, subprocess.TimeoutExpired) as exc:
            log.warning("semgrep failed on %s: %s", path, exc)
            return cache.findings.get(key, [])
        cache.findings[key] = to_diagnostics(data, root).get(key, [])
        cache.scanned[key] = now
    return cache.findings.get(key, [])
