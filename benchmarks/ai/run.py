"""AI benchmark: inline-suggestion latency through the real LSP server, cancellation, RAG.

Run from the repo root (python benchmarks/ai/run.py); writes benchmarks/results/ai.md.
- Inline latency: the real server over stdio (`intheflow serve --stdio`) with the default local
  model (bundled Gemma 3 270M Q4_K_M, llama.cpp, n_threads=2). Timed from sending
  `textDocument/inlineCompletion` to its response. Cold = a prompt that shares nothing with the
  previous one; typing = didChange one character, then an automatic request (debounce included);
  cache hit = the same request again. RAG is off in this server so that background indexing does
  not compete for the 2 cores; retrieval is measured on its own below.
- Peer for inline: llama-cpp-python called directly (same GGUF, first token), on the whole file
  (what a naive client would send) and on exactly the prompt our engine builds for the cold
  request (its 256-token cold budget), so the table separates the prompt's size from our
  pipeline's overhead (LSP + context + the rest of the suggestion + post-filter). The peer
  always runs 2 threads; the server drops to 1 while other processes use a core (ai/cpu.py).
- Cancellation: `$/cancelRequest` sent while the model is evaluating a cold prompt → time to the
  cancelled response; and in-process, cancel → the provider's generator has stopped.
- RAG: 10,000 chunks in Qdrant local mode (in memory and on disk); vectors are real MiniLM
  embeddings of the example workspace's chunks plus small perturbations of them. Peer: brute-force
  numpy dot products over the same vectors.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "benchmarks" / "results" / "ai.md"
sys.path.insert(0, str(REPO / "server"))


def pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return s[k]


def ms(x: float) -> str:
    return f"{1000 * x:.0f}" if x >= 0.01 else f"{1000 * x:.1f}"


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()
    return (
        f"{platform.machine()}, {os.cpu_count()} cores ({model or 'cpu'}), Python "
        f"{platform.python_version()}, load average at start {load[0]:.1f}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )


# ---- inline through the LSP ----------------------------------------------------------------
def synthetic_file(seed: int, helpers: int = 14) -> str:
    body = "".join(
        f"def helper_{seed}_{i}(value, rate):\n"
        f'    """Scales value by rate {i} for batch {seed}."""\n'
        f"    return value * rate + {i * seed % 97}\n\n\n"
        for i in range(helpers)
    )
    return (
        f"# module {seed}: payment helpers\nimport math\n\n\n{body}def total_{seed}(items):\n    "
    )


async def inline_latency(rounds_cold: int, typed: str) -> dict[str, Any]:
    from lsprotocol import types as lsp
    from pygls.lsp.client import LanguageClient

    ws = Path(tempfile.mkdtemp(prefix="intheflow-ai-bench-"))
    client = LanguageClient("bench", "1")
    await client.start_io(sys.executable, "-m", "intheflow", "serve", "--stdio")
    await client.initialize_async(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            root_uri=ws.as_uri(),
            # A long deadline: this measures how long a suggestion takes, not what is dropped.
            initialization_options={
                "ai": {"rag": {"enabled": False}, "inline": {"deadline_ms": 60000}}
            },
        )
    )
    client.initialized(lsp.InitializedParams())
    started = time.perf_counter()
    status = await client.protocol.send_request_async("intheflow/aiStatus", {"waitSeconds": 600})
    load_s = time.perf_counter() - started
    if not status.available:
        raise SystemExit(f"AI unavailable: {status.detail}")

    async def ask(uri: str, line: int, col: int, automatic: bool) -> tuple[float, str]:
        kind = lsp.InlineCompletionTriggerKind
        params = lsp.InlineCompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=line, character=col),
            context=lsp.InlineCompletionContext(
                trigger_kind=kind.Automatic if automatic else kind.Invoked
            ),
        )
        t = time.perf_counter()
        res = await client.text_document_inline_completion_async(params)
        dt = time.perf_counter() - t
        text = res.items[0].insert_text if res and res.items else ""
        return dt, str(text)

    cold: list[float] = []
    shown = 0
    docs: list[tuple[str, str]] = []
    for i in range(rounds_cold + 1):
        text = synthetic_file(i + 1)
        uri = (ws / f"m{i}.py").as_uri()
        client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(
                    uri=uri, language_id="python", version=1, text=text
                )
            )
        )
        lines = text.split("\n")
        dt, sug = await ask(uri, len(lines) - 1, len(lines[-1]), automatic=False)
        if i > 0:  # the first request after start-up also pays one-time costs
            cold.append(dt)
            shown += bool(sug)
        docs.append((uri, text))

    # Typing forward in the last document: one character per didChange, automatic requests.
    uri, text = docs[-1]
    version = 1
    typing: list[float] = []
    typed_shown = 0
    for ch in typed:
        version += 1
        text += ch
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        lines = text.split("\n")
        dt, sug = await ask(uri, len(lines) - 1, len(lines[-1]), automatic=True)
        typing.append(dt)
        typed_shown += bool(sug)

    # Result-cache hits: the same request again.
    lines = text.split("\n")
    hits = [(await ask(uri, len(lines) - 1, len(lines[-1]), automatic=True))[0] for _ in range(20)]

    # Cancellation through the LSP while a cold prompt is being evaluated.
    cancels: list[float] = []
    for i in range(5):
        ctext = synthetic_file(100 + i)
        curi = (ws / f"c{i}.py").as_uri()
        client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(
                    uri=curi, language_id="python", version=1, text=ctext
                )
            )
        )
        clines = ctext.split("\n")
        params = lsp.InlineCompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=curi),
            position=lsp.Position(line=len(clines) - 1, character=len(clines[-1])),
            context=lsp.InlineCompletionContext(
                trigger_kind=lsp.InlineCompletionTriggerKind.Invoked
            ),
        )
        msg_id = f"bench-cancel-{i}"
        fut = asyncio.wrap_future(
            client.protocol.send_request(lsp.TEXT_DOCUMENT_INLINE_COMPLETION, params, msg_id=msg_id)
        )
        await asyncio.sleep(0.15)
        t = time.perf_counter()
        client.protocol.notify(lsp.CANCEL_REQUEST, lsp.CancelParams(id=msg_id))
        with contextlib.suppress(Exception):
            await fut
        cancels.append(time.perf_counter() - t)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    shutil.rmtree(ws, ignore_errors=True)
    return {
        "load_s": load_s,
        "cold": cold,
        "shown": shown,
        "typing": typing,
        "typed_shown": typed_shown,
        "hits": hits,
        "cancels": cancels,
    }


def engine_cold_prompt(text: str) -> str:
    """The prompt our inline engine sends for a cold request at the end of `text`."""
    from intheflow.ai.context import build_inline_context
    from intheflow.ai.settings import InlineSettings

    lines = text.split("\n")
    ctx = build_inline_context(
        "/bench/m.py", "python", text, len(lines) - 1, len(lines[-1]), InlineSettings()
    )
    return ctx.prompt_prefix


def peer_llama(rounds: int) -> dict[str, Any]:
    """First token with llama-cpp-python directly: whole file, and our cold prompt."""
    from intheflow.ai.models import bundled_model_path
    from llama_cpp import Llama

    llm = Llama(str(bundled_model_path()), n_ctx=2048, n_threads=2, verbose=False)
    for _ in llm.create_completion("def main():\n", max_tokens=2, stream=True):
        pass

    def first_token(prompt: str) -> float:
        llm.reset()  # nothing cached: a cold prompt
        t = time.perf_counter()
        for _ in llm.create_completion(prompt, max_tokens=1, stream=True):
            break
        return time.perf_counter() - t

    whole: list[float] = []
    ours: list[float] = []
    tokens = {"whole": 0, "ours": 0}
    for i in range(rounds):
        text = synthetic_file(i + 2)
        whole.append(first_token(text))
        ours.append(first_token(engine_cold_prompt(text)))
        tokens["whole"] = len(llm.tokenize(text.encode()))
        tokens["ours"] = len(llm.tokenize(engine_cold_prompt(text).encode()))
    llm.close()
    return {"whole": whole, "ours": ours, "tokens": tokens}


def provider_cancel(samples: int) -> list[float]:
    """In-process: cancel during prompt evaluation → the provider's stream has ended."""
    import threading

    from intheflow.ai.local import LocalProvider
    from intheflow.ai.models import bundled_model_path
    from intheflow.ai.provider import CancelToken, GenerationRequest
    from intheflow.ai.settings import AISettings

    p = LocalProvider(bundled_model_path(), AISettings())
    p.load()
    out = []
    for i in range(samples):
        cancel = CancelToken()
        done = threading.Event()

        def run(i: int = i, cancel: CancelToken = cancel, done: threading.Event = done) -> None:
            for _ in p.stream(
                GenerationRequest(prompt=synthetic_file(300 + i) * 2, max_tokens=50), cancel
            ):
                pass
            done.set()

        th = threading.Thread(target=run)
        th.start()
        time.sleep(0.2)
        cancel.cancel()
        done.wait(30)
        assert cancel.cancelled_at is not None
        out.append(time.perf_counter() - cancel.cancelled_at)
        th.join()
    p.close()
    return out


# ---- RAG -----------------------------------------------------------------------------------
def rag_latency(n: int = 10_000, queries: int = 200) -> dict[str, Any]:
    import numpy as np
    from intheflow.ai.chunking import chunk_file
    from intheflow.ai.embeddings import shared_model
    from intheflow.ai.rag import RagIndex, indexable

    root = REPO / "examples" / "payments" / "services" / "payments-api"
    chunks = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and indexable(rel):
            chunks.extend(chunk_file(rel.as_posix(), path.read_text(errors="replace")))
    model = shared_model()
    t = time.perf_counter()
    base = model.embed([c.embedding_text() for c in chunks])
    embed_per_chunk = (time.perf_counter() - t) / len(chunks)
    rng = np.random.default_rng(7)
    reps = -(-n // len(chunks))
    vectors = np.vstack(
        [base + rng.normal(0, 0.02, base.shape).astype(np.float32) for _ in range(reps)]
    )[:n]
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    all_chunks = [chunks[i % len(chunks)] for i in range(n)]
    all_chunks = [
        type(c)(
            c.path,
            c.start_line + 100_000 * (i // len(chunks)),
            c.end_line,
            c.text,
            c.node_id,
            c.kind,
            c.name,
        )
        for i, c in enumerate(all_chunks)
    ]
    qtexts = [
        "where is the card number validated",
        "post a ledger entry",
        "interest computation",
        "send a notification to the customer",
        "idempotent retry of a payment",
    ]
    qvecs = model.embed(qtexts)
    res: dict[str, Any] = {"chunks": len(chunks), "embed_ms": 1000 * embed_per_chunk}
    for label, location in (("memory", ":memory:"), ("disk", None)):
        tmp = tempfile.mkdtemp(prefix="intheflow-rag-bench-")
        rag = RagIndex(Path(tmp), location or str(Path(tmp) / "store"))
        t = time.perf_counter()
        rag.upsert_chunks(all_chunks, vectors)
        upsert = time.perf_counter() - t
        lat = []
        for q in range(queries):
            t = time.perf_counter()
            rag.search_vector(qvecs[q % len(qvecs)], 4)
            lat.append(time.perf_counter() - t)
        e2e = []
        for q in range(40):
            t = time.perf_counter()
            rag.search(qtexts[q % len(qtexts)], 4)
            e2e.append(time.perf_counter() - t)
        res[label] = {"count": rag.count(), "upsert_s": upsert, "lat": lat, "e2e": e2e}
        rag.close()
        shutil.rmtree(tmp, ignore_errors=True)
    brute = []
    for q in range(queries):
        t = time.perf_counter()
        scores = vectors @ qvecs[q % len(qvecs)]
        np.argpartition(-scores, 4)[:4]
        brute.append(time.perf_counter() - t)
    res["brute"] = brute
    return res


def main() -> int:
    header = machine()
    print("inline latency through the LSP…", flush=True)
    inline = asyncio.run(inline_latency(rounds_cold=8, typed="value = math.floor(items"))
    load_after_inline = os.getloadavg()[0]
    print("peer: llama-cpp-python directly…", flush=True)
    peers = peer_llama(8)
    peer = peers["whole"]
    load_after_peer = os.getloadavg()[0]
    print("provider cancellation…", flush=True)
    pcancel = provider_cancel(5)
    print("RAG…", flush=True)
    rag = rag_latency()

    def row(name: str, xs: list[float], target: str, peer_xs: list[float] | None = None) -> str:
        ratio = f"{statistics.median(xs) / statistics.median(peer_xs):.2f}" if peer_xs else ""
        return (
            f"| {name} | {len(xs)} | {ms(pct(xs, 50))} | {ms(pct(xs, 95))} | {target} | {ratio} |"
        )

    lines = [
        "## AI layer",
        "",
        f"Machine: {header}. Default local model: bundled Gemma 3 270M Q4_K_M through "
        "llama-cpp-python 0.3.36, n_threads=2, one shared `Llama` (KV prefix reuse). Inline "
        f"timings are end to end through `intheflow serve --stdio`; model load + warm-up took "
        f"{inline['load_s']:.1f} s. Test files: a Python file of 14 helpers (≈ 540 tokens); a "
        "cold request sends at most the 256-token cold budget (header + window), typing grows it "
        "up to 700. Load "
        f"average after the LSP part {load_after_inline:.1f}, after the peer "
        f"{load_after_peer:.1f} (2 cores shared with other engineers' test runs). A cold "
        "request here is a block (after `def total_N(items):`), which on a cold prompt shows its "
        "first line, so the cold LSP time includes generating that line; the peer times the "
        "first token only.",
        "",
        "| measurement | n | p50 ms | p95 ms | target | × peer (p50) |",
        "|---|---:|---:|---:|---|---:|",
        row("inline, cold prompt (LSP)", inline["cold"], "≤ 1000 (p95)", peer),
        row(
            f"peer: llama-cpp-python first token, whole file ({peers['tokens']['whole']} tokens)",
            peer,
            "",
            None,
        ),
        row(
            "peer: llama-cpp-python first token, our cold prompt "
            f"({peers['tokens']['ours']} tokens)",
            peers["ours"],
            "",
            None,
        ),
        row(
            "inline, typing forward on a cached prefix (LSP, 60 ms debounce incl.)",
            inline["typing"],
            "≤ 700 (p95)",
        ),
        row("inline, result-cache hit (LSP)", inline["hits"], "≤ 50"),
        row("cancel: `$/cancelRequest` → cancelled response (LSP)", inline["cancels"], "≤ 50"),
        row("cancel: token → provider stopped (in process)", pcancel, "≤ 50"),
        row(
            "RAG query, 10k chunks, Qdrant in memory (vector search)",
            rag["memory"]["lat"],
            "≤ 20 (p95)",
            rag["brute"],
        ),
        row(
            "RAG query, 10k chunks, Qdrant on disk (vector search)",
            rag["disk"]["lat"],
            "≤ 20 (p95)",
            rag["brute"],
        ),
        row("RAG query incl. MiniLM query embedding (in memory)", rag["memory"]["e2e"], ""),
        row("peer: numpy brute-force dot products, 10k × 384", rag["brute"], "", None),
        "",
        "Cold through the LSP over the bare first token on the same (cold-budget) prompt, p50: "
        f"{statistics.median(inline['cold']) / statistics.median(peers['ours']):.2f}. "
        f"Suggestions shown (parsed, passed the filters): cold {inline['shown']}/"
        f"{len(inline['cold'])}, typing {inline['typed_shown']}/{len(inline['typing'])}. The "
        "server ran with a 60 s inline deadline so that every request completes and is timed; "
        "with the default 1.5 s deadline, slower requests show nothing. "
        f"RAG: {rag['chunks']} real chunks of examples/payments/services/payments-api embedded at "
        f"{rag['embed_ms']:.0f} ms/chunk (numpy MiniLM), replicated with small perturbations to "
        f"10,000 vectors; upsert {rag['memory']['upsert_s']:.1f} s in memory, "
        f"{rag['disk']['upsert_s']:.1f} s on disk.",
        "",
        "Targets met: "
        + ", ".join(
            f"{name} {'yes' if ok else 'NO'}"
            for name, ok in (
                ("cold p95 ≤ 1 s", pct(inline["cold"], 95) <= 1.0),
                ("typing p95 ≤ 700 ms", pct(inline["typing"], 95) <= 0.7),
                ("cache hit p95 ≤ 50 ms", pct(inline["hits"], 95) <= 0.05),
                ("LSP cancel p95 ≤ 50 ms", pct(inline["cancels"], 95) <= 0.05),
                ("provider cancel p95 ≤ 50 ms", pct(pcancel, 95) <= 0.05),
                ("RAG p95 ≤ 20 ms (memory)", pct(rag["memory"]["lat"], 95) <= 0.02),
                ("RAG p95 ≤ 20 ms (disk)", pct(rag["disk"]["lat"], 95) <= 0.02),
            )
        )
        + ".",
        "",
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
