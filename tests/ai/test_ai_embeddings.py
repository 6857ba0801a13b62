"""The numpy MiniLM forward pass against reference vectors from Hugging Face transformers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from intheflow.ai.embeddings import DIM, shared_model

REFERENCE = Path(__file__).parent / "data" / "minilm_reference.json"


def test_numpy_minilm_matches_transformers_reference() -> None:
    ref = json.loads(REFERENCE.read_text())
    got = shared_model().embed(ref["texts"])
    want = np.array(ref["vectors"], dtype=np.float32)
    assert got.shape == (len(ref["texts"]), DIM)
    assert np.abs(got - want).max() < 1e-4
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_batching_does_not_change_vectors() -> None:
    m = shared_model()
    texts = ["short", "a much longer sentence about payment refunds and the ledger"]
    together = m.embed(texts)
    alone = np.vstack([m.embed([t]) for t in texts])
    assert np.abs(together - alone).max() < 1e-5  # padding is masked out


def test_similarity_is_sensible() -> None:
    v = shared_model().embed(
        ["refund a card payment", "reverse a charge on a credit card", "compile the kernel"]
    )
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.2
