"""`intheflow demo` AI section: a grounded completion, a chat answer with citations, and a
closed-loop generation, all on the bundled local model (Gemma 3 270M) over examples/payments.

A 270M model writes poor code; the point is the machinery, so the loop's rounds are printed as
they happen and a failure is reported as a failure.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

ORDER = 70
RAG_SUBTREE = "services/payments-api"  # keeps the demo's embedding work to a few seconds


def section(ctx: Any) -> None:
    from intheflow.ai.chat import ChatRequest, answer
    from intheflow.ai.generate import generate
    from intheflow.ai.inline import InlineRequest
    from intheflow.ai.provider import CancelToken
    from intheflow.ai.rag import RagIndex
    from intheflow.ai.rules_bridge import code_rule_check
    from intheflow.ai.service import AIService

    ctx.heading("AI layer: completion, grounded chat, closed-loop generation (local model)")
    ws: Path = ctx.workspace
    svc = AIService(ws, {"rag": {"path": ":memory:"}, "inline": {"deadline_ms": 20000}})
    status = svc.wait_ready(600)
    if not status.available:
        raise RuntimeError(f"AI unavailable: {status.detail}")
    ctx.line(f"model: {status.detail}; loaded and warmed up in {status.load_seconds:.1f} s")
    ctx.shared["ai"] = svc

    started = time.perf_counter()
    rag = RagIndex(ws / RAG_SUBTREE, ":memory:")
    stats = rag.refresh()
    ctx.line(
        f"RAG: {stats['chunks']} chunks of {RAG_SUBTREE} embedded (MiniLM, numpy) into Qdrant "
        f"in {time.perf_counter() - started:.1f} s"
    )
    svc.attach_rag(rag)

    # 1. An inline completion inside a real function body of the example service.
    path = ws / RAG_SUBTREE / "payments_api" / "validation.py"
    text = path.read_text()
    anchor = text.index("def card_expired")
    body = text.index("\n", anchor) + 1
    cut = text[:body] + "    " + text[body:].split("\n", 1)[1]
    line = cut[:body].count("\n")
    req = InlineRequest(str(path), "python", cut, line, 4)
    result = svc.engine.suggest(req, CancelToken())
    again = svc.engine.quick(req)
    ctx.line(f"\ncompletion in {path.relative_to(ws)} line {line + 1} ({result.mode} mode):")
    ctx.line(
        f"  prompt ≈ {result.prompt_tokens} tokens, context snippets: "
        f"{', '.join(result.snippets) or 'none'}"
    )
    shown = result.text.replace("\n", "\n  | ") if result.text else "(nothing shown)"
    ctx.line(f"  | {shown}")
    ctx.line(
        f"  first token {1000 * (result.first_token_s or 0):.0f} ms, total "
        f"{1000 * result.total_s:.0f} ms; "
        + (f"dropped: {result.dropped}; " if result.dropped else "")
        + f"repeat answered from cache: {again is not None}"
    )

    # 2. Chat with citations.
    ctx.line("\nchat: /explain luhn_valid")
    res = answer(
        svc,
        ChatRequest("/explain how luhn_valid checks a card number", max_tokens=120),
        CancelToken(),
    )
    ctx.line("  " + res.text.strip().replace("\n", "\n  "))

    # 3. Closed loop: plan → code → tests → run → rules → repair.
    out = Path(tempfile.mkdtemp(prefix="intheflow-demo-gen-"))
    requirement = "a function is_leap_year(year) that returns True for Gregorian leap years"
    ctx.line(f"\ngenerate (python, up to 3 rounds): {requirement}")
    report = generate(
        svc.provider,
        requirement,
        "python",
        out,
        max_rounds=3,
        rule_check=code_rule_check(ws),
        on_log=lambda s: ctx.line("  " + s.replace("\n", "\n  ")),
        max_tokens=400,
    )
    ctx.table(
        ["round", "model", "tests", "rules", "accepted", "seconds"],
        [
            [
                r.number,
                r.model_finish,
                "pass" if r.test_ok else "fail",
                len(r.rule_problems),
                "yes" if r.accepted else "no",
                r.seconds,
            ]
            for r in report.rounds
        ],
    )
    if report.accepted:
        ctx.line(f"accepted: code, tests and docs in {out} ({', '.join(report.docs)})")
    else:
        ctx.line(
            f"NOT accepted after {len(report.rounds)} rounds (honest result of a 270M model); "
            f"round log: {out / 'generation-log.jsonl'}"
        )
        shutil.rmtree(out / "__pycache__", ignore_errors=True)
    rag.close()
