"""Grounded chat on the scripted endpoint and a small in-memory RAG index."""

from __future__ import annotations

from pathlib import Path

import pytest
from intheflow.ai.chat import ChatRequest, answer, split_command
from intheflow.ai.provider import CancelToken
from intheflow.ai.rag import RagIndex
from intheflow.ai.service import AIService
from scripted_openai import Reply, Script


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "pay").mkdir()
    (tmp_path / "pay" / "cards.py").write_text(
        "def luhn_valid(number: str) -> bool:\n"
        '    """Checks a card number with the Luhn checksum."""\n'
        "    digits = [int(d) for d in number]\n"
        "    return sum(digits) % 10 == 0\n\n\n"
        "def mask(number: str) -> str:\n    return '*' * 12 + number[-4:]\n"
    )
    (tmp_path / "docs.md").write_text("# Refunds\nRefunds go to the ledger.\n\n# Fees\nNone.\n")
    return tmp_path


def _service(root: Path, url: str) -> AIService:
    svc = AIService(
        root, {"provider": "remote", "remote": {"base_url": url}, "rag": {"path": ":memory:"}}
    )
    svc.wait_ready(10)
    rag = RagIndex(root, ":memory:")
    rag.refresh()
    svc.attach_rag(rag)
    return svc


def test_slash_commands_are_recognised() -> None:
    assert split_command("/tests for the parser") == ("tests", "for the parser")
    assert split_command("/nope x") == ("", "/nope x")
    assert split_command("why?") == ("", "why?")


def test_chat_streams_and_cites_files_and_graph_nodes(
    workspace: Path, endpoint: str, script: Script
) -> None:
    script.replies = [Reply(text="It checks the Luhn checksum [1].")]
    svc = _service(workspace, endpoint)
    pieces: list[str] = []
    result = answer(
        svc, ChatRequest("how are card numbers validated?"), CancelToken(), pieces.append
    )
    assert result.text.startswith("It checks the Luhn checksum [1].")
    assert "".join(pieces) == result.text  # every byte was streamed
    top = result.citations[0]
    assert top.path == "pay/cards.py" and top.node_id == "component:pay/cards.py#luhn_valid"
    assert "Sources:\n[1] pay/cards.py:1-4 (component:pay/cards.py#luhn_valid)" in result.text
    prompt = script.requests[0]["messages"][1]["content"]
    assert "[1] pay/cards.py line 1 (component:pay/cards.py#luhn_valid)" in prompt
    svc.close()


def test_slash_tests_puts_the_task_and_selection_in_the_prompt(
    workspace: Path, endpoint: str, script: Script
) -> None:
    script.replies = [Reply(text="```python\ndef test_mask(): ...\n```")]
    svc = _service(workspace, endpoint)
    req = ChatRequest(
        "/tests",
        path=str(workspace / "pay/cards.py"),
        text="def mask(n): ...",
        language="python",
        selection=True,
    )
    result = answer(svc, req, CancelToken())
    assert result.command == "tests"
    prompt = script.requests[0]["messages"][1]["content"]
    assert "Write unit tests" in prompt and "Selected code (pay/cards.py, python)" in prompt
    svc.close()


def test_chat_cancel_stops_the_stream(workspace: Path, endpoint: str, script: Script) -> None:
    script.replies = [Reply(pieces=[f"w{i} " for i in range(40)], piece_delay_s=0.02)]
    svc = _service(workspace, endpoint)
    cancel = CancelToken()
    got: list[str] = []

    def on_piece(p: str) -> None:
        got.append(p)
        if len(got) == 3:
            cancel.cancel()

    result = answer(svc, ChatRequest("x"), cancel, on_piece)
    assert result.finish == "cancelled" and len(got) == 3
    svc.close()


def test_chat_when_unavailable_says_why(tmp_path: Path) -> None:
    svc = AIService(
        tmp_path, {"provider": "remote", "remote": {"base_url": "http://127.0.0.1:9/v1"}}
    )
    svc.wait_ready(10)
    result = answer(svc, ChatRequest("hi"), CancelToken())
    assert not result.available and "unreachable" in result.text
    svc.close()


def test_rag_refresh_is_incremental(workspace: Path) -> None:
    rag = RagIndex(workspace, ":memory:")
    first = rag.refresh()
    assert first["changed"] == 2 and rag.count() == first["chunks"]
    assert rag.refresh()["changed"] == 0
    (workspace / "docs.md").write_text("# Refunds\nRefunds are reversed in the ledger.\n")
    again = rag.refresh()
    assert again["changed"] == 1
    (workspace / "pay" / "cards.py").unlink()
    assert rag.refresh()["removed"] == 1
    assert {h.path for h in rag.search("card", 5)} == {"docs.md"}


def test_rag_on_disk_survives_a_restart(workspace: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    rag = RagIndex(workspace, store)
    rag.refresh()
    n = rag.count()
    rag.close()
    rag2 = RagIndex(workspace, store)
    assert rag2.count() == n and rag2.refresh()["changed"] == 0
    rag2.close()
