"""The real compilers: where they are and which Debian package provides each."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

PACKAGES = {
    "cobc": "gnucobol3 (apt-get install gnucobol3)",
    "rustc": "rustc (apt-get install rustc, or rustup)",
    "javac": "openjdk-17-jdk-headless (apt-get install openjdk-17-jdk-headless)",
    "java": "openjdk-17-jdk-headless (apt-get install openjdk-17-jdk-headless)",
    "go": "golang-go (apt-get install golang-go)",
}
NEEDED = {"cobol": ["cobc"], "rust": ["rustc"], "java": ["javac", "java"], "go": ["go"]}


class ToolMissing(Exception):
    def __init__(self, tool: str) -> None:
        super().__init__(f"{tool} not found on PATH: install {PACKAGES[tool]}")
        self.tool = tool
        self.hint = f"install {PACKAGES[tool]}"


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        # rustup installs outside the default PATH of some shells.
        candidate = Path.home() / ".cargo" / "bin" / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
        raise ToolMissing(name)
    return found


def require(*languages: str) -> None:
    for language in languages:
        for name in NEEDED[language]:
            tool(name)
