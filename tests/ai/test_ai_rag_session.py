"""The RAG session follows editor events: a saved file is searchable at once, no polling."""

from __future__ import annotations

import time
from pathlib import Path

from intheflow.ai.rag_session import start_rag
from intheflow.ai.service import AIService

UNREACHABLE = {"provider": "remote", "remote": {"base_url": "http://127.0.0.1:9/v1"}}


def test_a_saved_file_is_found_at_once_and_a_deleted_one_is_gone(tmp_path: Path) -> None:
    (tmp_path / "cards.py").write_text(
        "def luhn_valid(number):\n    return sum(map(int, number)) % 10 == 0\n"
    )
    svc = AIService(tmp_path, {**UNREACHABLE, "rag": {"path": ":memory:"}})
    session = start_rag(svc)
    assert session is not None and session.ready.wait(120)
    assert "component:cards.py#refund_fee" not in {s.node_id for s in svc.retrieve("refund", 4)}

    saved = tmp_path / "fees.py"
    text = "def refund_fee(amount):\n    return round(amount * 0.015, 2)\n"
    saved.write_text(text)
    started = time.perf_counter()
    session.document_saved(saved, text)
    assert session.flush(30)
    indexed_in = time.perf_counter() - started
    hits = svc.retrieve("fee charged when a payment is refunded", 4)
    assert "component:fees.py#refund_fee" in {s.node_id for s in hits}
    assert indexed_in < 3.0  # one file's chunks, not a poll interval plus a rescan

    saved.unlink()
    session.file_changed(saved)
    assert session.flush(30)
    assert "component:fees.py#refund_fee" not in {s.node_id for s in svc.retrieve("refund", 4)}
    svc.close()


def test_events_outside_the_workspace_or_unindexable_are_ignored(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    svc = AIService(ws, {**UNREACHABLE, "rag": {"path": ":memory:"}})
    session = start_rag(svc)
    assert session is not None and session.ready.wait(120)
    session.document_saved(tmp_path / "outside.py", "def outside():\n    pass\n")
    session.document_saved(ws / "image.png", "binary")
    assert session.flush(30)
    assert svc.rag is not None and svc.rag.count() == 0
    svc.close()
