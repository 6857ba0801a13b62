"""The in-memory index of a workspace: every file's FileIndex plus the lookup tables that turn
names into graph ids (call targets, imported modules, the service a file belongs to).

Plain data and pure functions; the Indexer (indexer.py) owns one and keeps it current.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from intheflow.index.symbols import FileIndex, Symbol

log = logging.getLogger(__name__)

CATALOG_FILE = "catalog-info.yaml"


@dataclass(frozen=True)
class ServiceInfo:
    name: str
    folder: str  # workspace-relative, "" for the root
    owner: str | None = None
    system: str | None = None


def _entities(path: Path) -> list[dict[str, Any]]:
    try:
        docs = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        log.warning("%s: cannot read the catalog (%s); its files belong to no service", path, exc)
        return []
    return [d for d in docs if isinstance(d, dict)]


def find_services(root: Path, catalog_files: list[Path]) -> list[ServiceInfo]:
    """Components of every catalog-info.yaml; the component's folder defines membership."""
    out: list[ServiceInfo] = []
    for path in catalog_files:
        folder = path.parent.relative_to(root).as_posix()
        folder = "" if folder == "." else folder
        for entity in _entities(path):
            if entity.get("kind") != "Component":
                continue
            meta = entity.get("metadata") or {}
            spec = entity.get("spec") or {}
            name = meta.get("name") if isinstance(meta, dict) else None
            if not isinstance(name, str):
                continue
            owner = spec.get("owner") if isinstance(spec, dict) else None
            system = spec.get("system") if isinstance(spec, dict) else None
            out.append(
                ServiceInfo(
                    name,
                    folder,
                    str(owner).removeprefix("group:") if owner else None,
                    str(system) if system else None,
                )
            )
            break  # one component per folder: the first one defines membership
    return out


@dataclass
class WorkspaceIndex:
    root: Path
    files: dict[str, FileIndex] = field(default_factory=dict)
    services: list[ServiceInfo] = field(default_factory=list)
    # Lookup tables, rebuilt per file on change.
    _by_short: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    _modules: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _dirs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    # --- updates ---------------------------------------------------------------------------
    def put(self, fi: FileIndex) -> None:
        self.remove(fi.path)
        self.files[fi.path] = fi
        for s in fi.symbols:
            self._by_short[_short_key(s.name, fi.language)].add((fi.path, s.qualname))
        for key in _module_keys(fi):
            self._modules[key].add(fi.path)
        parent = PurePosixPath(fi.path).parent.as_posix()
        for key in _suffixes(parent.split("/")):
            self._dirs[key].add(fi.path)

    def remove(self, relpath: str) -> None:
        old = self.files.pop(relpath, None)
        if old is None:
            return
        for s in old.symbols:
            key = _short_key(s.name, old.language)
            self._by_short[key].discard((relpath, s.qualname))
            if not self._by_short[key]:
                del self._by_short[key]
        for key in _module_keys(old):
            self._modules[key].discard(relpath)
        parent = PurePosixPath(relpath).parent.as_posix()
        for key in _suffixes(parent.split("/")):
            self._dirs[key].discard(relpath)

    # --- lookups ---------------------------------------------------------------------------
    def service_of(self, relpath: str) -> ServiceInfo | None:
        """The service whose catalog folder is the deepest one containing relpath."""
        best: ServiceInfo | None = None
        for s in self.services:
            inside = not s.folder or relpath == s.folder or relpath.startswith(s.folder + "/")
            if inside and (best is None or len(s.folder) > len(best.folder)):
                best = s
        return best

    def symbol(self, relpath: str, qualname: str) -> Symbol | None:
        fi = self.files.get(relpath)
        return fi.symbol(qualname) if fi else None

    def candidates(self, short: str, language: str) -> set[tuple[str, str]]:
        return self._by_short.get(_short_key(short, language), set())

    def resolve_call(
        self, fi: FileIndex, short: str, imported: set[str] | None = None
    ) -> tuple[str, str] | None:
        """Best-effort target (relpath, qualname) of a call by its last name segment: the same
        file first, then files this one imports, then the same service, then a unique match."""
        found = self.candidates(short, fi.language)
        if not found:
            return None
        same_file = sorted(c for c in found if c[0] == fi.path)
        if same_file:
            return same_file[0]
        if imported is None:
            imported = self.imported_files(fi)
        via_import = sorted(c for c in found if c[0] in imported)
        if via_import:
            return via_import[0]
        # Same folder: Go and Java packages see each other's names without imports.
        folder = PurePosixPath(fi.path).parent
        same_dir = sorted(c for c in found if PurePosixPath(c[0]).parent == folder)
        if len(same_dir) == 1:
            return same_dir[0]
        service = self.service_of(fi.path)
        if service is not None:
            ours = sorted(c for c in found if self.service_of(c[0]) == service)
            if len(ours) == 1:
                return ours[0]
        if len(found) == 1:
            return next(iter(found))
        return None

    def imported_files(self, fi: FileIndex) -> set[str]:
        out: set[str] = set()
        for imp in fi.imports:
            out |= self.resolve_import(fi, imp.module, imp.names)
        out.discard(fi.path)
        return out

    def resolve_import(self, fi: FileIndex, module: str, names: list[str]) -> set[str]:
        """Workspace files an import refers to (empty for third-party and standard modules)."""
        lang = fi.language
        if lang == "go":
            # The module path prefix is not in the tree: match the longest directory suffix of
            # at least two segments (a single segment would match standard-library names).
            parts = module.strip("/").split("/")
            for i in range(len(parts) - 1):
                hit = self._dirs.get("/".join(parts[i:]))
                if hit:
                    return set(hit)
            return set()
        if lang == "cobol":
            return {p for p in self._modules.get(f"cobol:{module.upper()}", set())}
        if lang in ("javascript", "typescript", "typescriptreact") and module.startswith("."):
            base = PurePosixPath(fi.path).parent
            target = _normalise(base / module)
            return {p for p in self.files if p.rsplit(".", 1)[0] in (target, target + "/index")}
        sep = "::" if lang == "rust" else "."
        if lang == "python" and module.startswith("."):
            module = _absolute_python(fi, module)
        keys = [module.replace(sep, ".")]
        keys += [f"{keys[0]}.{n}" for n in names if n != "*"]
        hits: set[str] = set()
        for key in keys:
            hits |= {p for p in self._modules.get(f"{lang}:{key}", set())}
        return hits


def _short_key(name: str, language: str) -> str:
    # COBOL names are case-insensitive; everything else is exact.
    return f"{_family(language)}:{name.upper() if language == 'cobol' else name}"


def _family(language: str) -> str:
    return "js" if language in ("javascript", "typescript", "typescriptreact") else language


def _suffixes(parts: list[str]) -> list[str]:
    return ["/".join(parts[i:]) for i in range(len(parts)) if parts[i:]]


def _module_keys(fi: FileIndex) -> list[str]:
    lang = fi.language
    if lang == "cobol":
        stem = PurePosixPath(fi.path).stem.upper()
        return [f"cobol:{stem}"] + [f"cobol:{s.name}" for s in fi.symbols if s.kind == "program"]
    if lang == "java":
        stem = PurePosixPath(fi.path).stem
        return [f"java:{fi.module}.{stem}"]
    if lang == "go":
        return []  # Go imports name directories; see _dirs
    # Python/Rust/JS: every dotted suffix of the path-derived module name, so that
    # `payments_api.models` finds services/payments-api/payments_api/models.py.
    parts = fi.module.split(".")
    return [f"{lang}:{'.'.join(parts[i:])}" for i in range(len(parts))]


def _absolute_python(fi: FileIndex, module: str) -> str:
    """`from ..models import X` in pkg/sub/mod.py → pkg.models."""
    dots = len(module) - len(module.lstrip("."))
    package = fi.module.split(".")
    if not fi.path.endswith("__init__.py"):
        package = package[:-1]
    base = package[: len(package) - (dots - 1)] if dots > 1 else package
    rest = module.lstrip(".")
    return ".".join([*base, rest] if rest else base)


def _normalise(p: PurePosixPath) -> str:
    out: list[str] = []
    for part in p.parts:
        if part == "..":
            if out:
                out.pop()
        elif part != ".":
            out.append(part)
    return "/".join(out)
