"""The workspace's services, read from Backstage `catalog-info.yaml` files (kind: Component).

A service lives in the folder of its catalog file; its language comes from the build files found
there (or the `intheflow.dev/language` annotation). Bad YAML never raises: it becomes a Problem with
the file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SKIP_DIRS = frozenset({".git", ".venv", "node_modules", ".intheflow", "target", "build", "dist"})

# Build file → language, in order of precedence.
LANGUAGE_MARKERS = (
    ("pyproject.toml", "python"),
    ("setup.py", "python"),
    ("requirements.txt", "python"),
    ("go.mod", "go"),
    ("pom.xml", "java"),
    ("build.gradle", "java"),
    ("Cargo.toml", "rust"),
    ("package.json", "node"),
)
COBOL_SUFFIXES = frozenset({".cbl", ".cob", ".cpy"})


@dataclass(frozen=True)
class Problem:
    path: str
    line: int  # 1-based
    column: int  # 1-based
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True)
class Service:
    name: str
    directory: Path  # absolute
    relative: str  # to the workspace root, "." for the root
    owner: str
    system: str
    lifecycle: str
    language: str  # python | go | java | rust | node | cobol | unknown
    has_cobol: bool
    catalog_file: Path
    annotations: dict[str, str] = field(default_factory=dict)


def catalog_files(root: Path) -> list[Path]:
    found: list[Path] = []
    for path in sorted(root.rglob("catalog-info.y*ml")):
        if not any(part in SKIP_DIRS for part in path.relative_to(root).parts[:-1]):
            found.append(path)
    return found


def _language(directory: Path, annotations: dict[str, str]) -> tuple[str, bool]:
    has_cobol = any(
        p.suffix.lower() in COBOL_SUFFIXES
        for p in directory.rglob("*")
        if p.is_file() and not any(part in SKIP_DIRS for part in p.parts)
    )
    if annotations.get("intheflow.dev/language"):
        return annotations["intheflow.dev/language"], has_cobol
    for marker, language in LANGUAGE_MARKERS:
        if (directory / marker).exists():
            return language, has_cobol
    return ("cobol" if has_cobol else "unknown"), has_cobol


def read_services(root: Path) -> tuple[list[Service], list[Problem]]:
    root = root.resolve()
    services: list[Service] = []
    problems: list[Problem] = []
    for path in catalog_files(root):
        shown = str(path.relative_to(root))
        try:
            docs = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problems.append(
                Problem(
                    shown,
                    (mark.line + 1) if mark else 1,
                    (mark.column + 1) if mark else 1,
                    f"invalid YAML: {exc.problem or exc}",
                )
            )
            continue
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            problems.append(Problem(shown, 1, 1, f"cannot read catalog file: {exc}"))
            continue
        for index, doc in enumerate(docs):
            service = _service(root, path, doc, index, shown, problems)
            if service is not None:
                services.append(service)
    seen: dict[str, Service] = {}
    for s in services:
        if s.name in seen:
            problems.append(
                Problem(
                    str(s.catalog_file.relative_to(root)),
                    1,
                    1,
                    f"component {s.name!r} is also defined in "
                    f"{seen[s.name].catalog_file.relative_to(root)}",
                )
            )
        seen.setdefault(s.name, s)
    return list(seen.values()), problems


def _service(
    root: Path, path: Path, doc: Any, index: int, shown: str, problems: list[Problem]
) -> Service | None:
    if not isinstance(doc, dict) or doc.get("kind") != "Component":
        return None
    meta = doc.get("metadata") or {}
    spec = doc.get("spec") or {}
    name = meta.get("name") if isinstance(meta, dict) else None
    if not isinstance(name, str) or not name:
        problems.append(
            Problem(shown, 1, 1, f"document {index + 1}: Component has no metadata.name")
        )
        return None
    annotations = {str(k): str(v) for k, v in (meta.get("annotations") or {}).items()}
    language, has_cobol = _language(path.parent, annotations)
    relative = path.parent.relative_to(root).as_posix() or "."
    return Service(
        name=name,
        directory=path.parent,
        relative=relative,
        owner=str(spec.get("owner", "unknown")),
        system=str(spec.get("system", "")),
        lifecycle=str(spec.get("lifecycle", "")),
        language=language,
        has_cobol=has_cobol,
        catalog_file=path,
        annotations=annotations,
    )
