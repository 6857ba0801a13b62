"""Python completion through jedi, with the workspace as jedi's project.

jedi is not thread-safe, so every call runs on one dedicated worker thread (which also keeps
jedi's parser cache warm for the file being edited). Source roots (folders that hold top-level
packages, e.g. services/payments-api) are added to the project's sys.path so that workspace
imports resolve.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from intheflow.index.intel import MAX_COMPLETIONS, CompletionEntry, CompletionList

log = logging.getLogger(__name__)

_KINDS = {
    "module": "module",
    "class": "class",
    "instance": "variable",
    "function": "function",
    "param": "variable",
    "path": "file",
    "keyword": "keyword",
    "property": "property",
    "statement": "variable",
    "namespace": "module",
}


def source_roots(root: Path, python_files: list[str]) -> list[str]:
    """Folders that contain top-level packages or modules: the parent of the outermost folder
    with an __init__.py above each file."""
    roots: set[str] = set()
    for rel in python_files:
        folder = (root / rel).parent
        while (folder / "__init__.py").is_file() and folder != root:
            folder = folder.parent
        roots.add(str(folder))
    return sorted(roots)


class JediCompleter:
    def __init__(self, root: Path, extra_paths: list[str] | None = None) -> None:
        self.root = root
        self.extra_paths = extra_paths or []
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jedi")
        self._project: Any = None

    def set_paths(self, extra_paths: list[str]) -> None:
        if extra_paths != self.extra_paths:
            self.extra_paths = extra_paths
            self._project = None

    def submit(self, path: str, text: str, line: int, column: int) -> Any:
        """A concurrent.futures.Future of the CompletionList (line, column: 0-based)."""
        return self._pool.submit(self.complete, path, text, line, column)

    def complete(self, path: str, text: str, line: int, column: int) -> CompletionList:
        import jedi

        try:
            if self._project is None:
                self._project = jedi.Project(
                    path=str(self.root), added_sys_path=self.extra_paths, smart_sys_path=True
                )
            script = jedi.Script(code=text, path=path, project=self._project)
            completions = script.complete(line + 1, column)
        except Exception:  # jedi on broken code or an out-of-range position
            log.debug("jedi completion failed at %s:%d:%d", path, line, column, exc_info=True)
            return CompletionList([])
        items = []
        for i, c in enumerate(completions[:MAX_COMPLETIONS]):
            items.append(
                CompletionEntry(
                    label=c.name,
                    kind=_KINDS.get(c.type, "text"),
                    detail=c.type,
                    sort_text=f"{i:05d}",
                )
            )
        return CompletionList(items, incomplete=len(completions) > MAX_COMPLETIONS)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
