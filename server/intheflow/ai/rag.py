"""Retrieval over the workspace: chunks → MiniLM vectors → Qdrant (embedded, or a server).

Local mode keeps the collection on disk under `.intheflow/qdrant` (or in memory for tests); a
`url` points at a team's Qdrant server instead. A manifest of file content hashes makes
`refresh()` incremental: only files whose hash changed are re-chunked and re-embedded, and a
deleted file's points are removed. Every hit carries its chunk's graph node id.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from intheflow.ai.chunking import CODE_LANGUAGES, TEXT_SUFFIXES, Chunk, chunk_file
from intheflow.core.documents import language_of

log = logging.getLogger(__name__)

COLLECTION = "intheflow_chunks"
SKIP_PARTS = frozenset({".git", ".intheflow", "node_modules", ".venv", "__pycache__", "target"})
MAX_FILE_BYTES = 400_000


@dataclass(frozen=True)
class Hit:
    path: str
    start_line: int
    end_line: int
    text: str
    node_id: str
    kind: str
    name: str
    score: float


class Embedder:
    """What RAG needs of an embedding model; MiniLM in production, anything in benchmarks."""

    dim: int

    def embed(self, texts: list[str]) -> Any: ...


def _file_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def indexable(path: Path) -> bool:
    if any(part in SKIP_PARTS or part.startswith(".") for part in path.parts):
        return False
    return language_of(path) in CODE_LANGUAGES or path.suffix.lower() in TEXT_SUFFIXES


class RagIndex:
    def __init__(
        self, root: Path, location: str = ":memory:", embedder: Any = None, dim: int = 384
    ) -> None:
        from qdrant_client import QdrantClient, models

        self.root = root
        self.models = models
        self.location = location
        if location.startswith(("http://", "https://")):
            self.client = QdrantClient(url=location, timeout=5)
            self.manifest_path: Path | None = None
        elif location == ":memory:":
            self.client = QdrantClient(location=":memory:")
            self.manifest_path = None
        else:
            Path(location).mkdir(parents=True, exist_ok=True)
            self.client = QdrantClient(path=location)
            self.manifest_path = Path(location) / "intheflow-manifest.json"
        self._embedder = embedder
        self.dim = dim
        self._lock = threading.RLock()
        self.manifest: dict[str, str] = self._load_manifest()
        if not self.client.collection_exists(COLLECTION):
            self.client.create_collection(
                COLLECTION,
                vectors_config=models.VectorParams(size=dim, distance=models.Distance.COSINE),
            )
            self.manifest = {}

    @property
    def embedder(self) -> Any:
        if self._embedder is None:
            from intheflow.ai.embeddings import shared_model

            self._embedder = shared_model()
        return self._embedder

    def _load_manifest(self) -> dict[str, str]:
        if self.manifest_path is None or not self.manifest_path.is_file():
            return {}
        try:
            data = json.loads(self.manifest_path.read_text())
            return {str(k): str(v) for k, v in data.items()}
        except (OSError, ValueError):
            return {}

    def _save_manifest(self) -> None:
        if self.manifest_path is not None:
            tmp = self.manifest_path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self.manifest))
            tmp.replace(self.manifest_path)

    def count(self) -> int:
        return int(self.client.count(COLLECTION, exact=True).count)

    # ---- writing --------------------------------------------------------------------------
    def _delete_path(self, relpath: str) -> None:
        m = self.models
        self.client.delete(
            COLLECTION,
            points_selector=m.FilterSelector(
                filter=m.Filter(
                    must=[m.FieldCondition(key="path", match=m.MatchValue(value=relpath))]
                )
            ),
        )

    def upsert_chunks(self, chunks: list[Chunk], vectors: Any = None, batch: int = 256) -> None:
        if not chunks:
            return
        if vectors is None:
            vectors = self.embedder.embed([c.embedding_text() for c in chunks])
        m = self.models
        for i in range(0, len(chunks), batch):
            points = [
                m.PointStruct(
                    id=str(uuid.UUID(c.key)),
                    vector=[float(x) for x in vectors[i + j]],
                    payload={
                        "path": c.path,
                        "start_line": c.start_line,
                        "end_line": c.end_line,
                        "text": c.text,
                        "node_id": c.node_id,
                        "kind": c.kind,
                        "name": c.name,
                    },
                )
                for j, c in enumerate(chunks[i : i + batch])
            ]
            self.client.upsert(COLLECTION, points=points, wait=True)

    def update_file(self, relpath: str, text: str) -> int:
        """Re-indexes one file (e.g. on save); returns its number of chunks."""
        digest = _file_hash(text.encode("utf-8"))
        with self._lock:
            if self.manifest.get(relpath) == digest:
                return -1
            chunks = chunk_file(relpath, text)
            self._delete_path(relpath)
            self.upsert_chunks(chunks)
            self.manifest[relpath] = digest
            self._save_manifest()
            return len(chunks)

    def remove_file(self, relpath: str) -> None:
        with self._lock:
            self._delete_path(relpath)
            self.manifest.pop(relpath, None)
            self._save_manifest()

    def refresh(
        self,
        should_stop: Callable[[], bool] = lambda: False,
        pause: Callable[[], bool] = lambda: False,
    ) -> dict[str, int]:
        """Brings the index up to date with the files on disk; returns counts.

        `pause()` true = wait before the next file (an inline suggestion is being generated and
        must not share the 2 cores with embedding work)."""
        stats = {"files": 0, "changed": 0, "removed": 0, "chunks": 0}
        seen: set[str] = set()
        store = self.manifest_path.parent.resolve() if self.manifest_path else None
        for path in sorted(self.root.rglob("*")):
            if should_stop():
                break
            rel = path.relative_to(self.root)
            if not path.is_file() or not indexable(rel):
                continue
            if store is not None and path.resolve().is_relative_to(store):
                continue  # our own store, when it lives inside the workspace
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if len(data) > MAX_FILE_BYTES or b"\0" in data[:4096]:
                continue
            relpath = rel.as_posix()
            seen.add(relpath)
            waited = 0
            while pause() and waited < 200 and not should_stop():
                time.sleep(0.01)
                waited += 1
            stats["files"] += 1
            if self.manifest.get(relpath) == _file_hash(data):
                continue
            n = self.update_file(relpath, data.decode("utf-8", "replace"))
            if n >= 0:
                stats["changed"] += 1
                stats["chunks"] += n
        if not should_stop():
            for gone in set(self.manifest) - seen:
                self.remove_file(gone)
                stats["removed"] += 1
        return stats

    # ---- reading --------------------------------------------------------------------------
    def search_vector(self, vector: Iterable[float], k: int) -> list[Hit]:
        res = self.client.query_points(
            COLLECTION, query=[float(x) for x in vector], limit=k, with_payload=True
        )
        out = []
        for p in res.points:
            pl = p.payload or {}
            out.append(
                Hit(
                    path=str(pl.get("path", "")),
                    start_line=int(pl.get("start_line", 0)),
                    end_line=int(pl.get("end_line", 0)),
                    text=str(pl.get("text", "")),
                    node_id=str(pl.get("node_id", "")),
                    kind=str(pl.get("kind", "")),
                    name=str(pl.get("name", "")),
                    score=float(p.score),
                )
            )
        return out

    def search(self, query: str, k: int = 4) -> list[Hit]:
        if not self.manifest and self.count() == 0:
            return []  # nothing indexed yet: skip embedding the query (≈ 15 ms of CPU)
        started = time.perf_counter()
        vector = self.embedder.embed([query])[0]
        hits = self.search_vector(vector, k)
        log.debug("rag search %.1f ms", 1000 * (time.perf_counter() - started))
        return hits

    def close(self) -> None:
        try:
            self.client.close()
        except Exception:
            log.debug("qdrant close failed", exc_info=True)
