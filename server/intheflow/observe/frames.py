"""Stack frames in log text: Python tracebacks, Java/Kotlin stack traces and Go panics."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PYTHON = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+), in (?P<func>[\w<>.]+)')
_JAVA = re.compile(r"at (?P<func>[\w$.]+)\((?P<file>[\w$]+\.(?:java|kt)):(?P<line>\d+)\)")
_GO = re.compile(r"^\s*(?P<file>[\w./\-]+\.go):(?P<line>\d+)", re.M)
_GO_FUNC = re.compile(r"^(?P<func>[\w./\-]+\.[\w.()*]+)\(", re.M)
_EXCEPTION = re.compile(
    r"(?P<type>(?:[\w.]+\.)?(?:[A-Z]\w*(?:Error|Exception|Panic))|panic)(?::\s*(?P<msg>.*))?"
)


@dataclass(frozen=True)
class Frame:
    file: str  # as printed (absolute or package path)
    line: int
    function: str


def frames(text: str) -> list[Frame]:
    found = [Frame(m["file"], int(m["line"]), m["func"]) for m in _PYTHON.finditer(text)]
    found += [Frame(m["file"], int(m["line"]), m["func"]) for m in _JAVA.finditer(text)]
    go_funcs = [m["func"] for m in _GO_FUNC.finditer(text)]
    for i, m in enumerate(_GO.finditer(text)):
        found.append(Frame(m["file"], int(m["line"]), go_funcs[i] if i < len(go_funcs) else ""))
    return found


def exception_signature(text: str) -> str:
    """A stable name for the error in a log message: the exception type, else the first line."""
    last = None
    for m in _EXCEPTION.finditer(text):
        last = m
    if last is not None:
        return last["type"]
    first = text.strip().splitlines()[0] if text.strip() else ""
    return re.sub(r"\d+", "N", first)[:80]
