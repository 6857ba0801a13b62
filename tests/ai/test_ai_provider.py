"""The provider contract on the real bundled model and on the scripted HTTP endpoint."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from intheflow.ai.local import LocalProvider
from intheflow.ai.provider import (
    CancelToken,
    GenerationRequest,
    Message,
    StopMatcher,
    drain,
)
from intheflow.ai.providers import make_provider
from intheflow.ai.remote import RemoteProvider
from intheflow.ai.settings import AISettings, RemoteSettings, parse_settings
from scripted_openai import Reply, Script

# Generous deadlines where the deadline is not what is tested: CI machines are shared and busy.
SLOW = 120.0
PY_PREFIX = "import os\n\n" + "".join(
    f"def helper_{i}(value):\n    return value * {i} + len(os.sep)\n\n" for i in range(12)
)


def test_stop_matcher_holds_back_partial_stop_across_pieces() -> None:
    m = StopMatcher(("\ndef ",))
    assert m.feed("return 1\n") == "return 1"
    assert m.feed("de") == ""
    assert m.feed("f main") == ""
    assert m.stopped
    m2 = StopMatcher(("\ndef ",))
    assert m2.feed("x\nde") == "x"
    assert m2.feed("lta") == "\ndelta"


def test_local_model_loads_and_streams_pieces(local_provider: LocalProvider) -> None:
    r = drain(
        local_provider,
        GenerationRequest(prompt=PY_PREFIX + "def main():\n", max_tokens=12, deadline_s=SLOW),
    )
    assert r.finish in ("length", "stop")
    assert r.first_token_s is not None
    assert len(r.pieces) >= 2  # streamed, not one blob
    assert r.text.strip()


def test_local_stop_sequence_is_never_emitted(local_provider: LocalProvider) -> None:
    r = drain(
        local_provider,
        GenerationRequest(
            prompt=PY_PREFIX + "def add(a, b):\n", max_tokens=60, stop=("\n",), deadline_s=SLOW
        ),
    )
    assert r.finish == "stop"
    assert "\n" not in r.text


def test_local_hard_deadline_holds(local_provider: LocalProvider) -> None:
    # The deadline must cut prompt evaluation at the next 32-token batch, not wait for the end.
    # Relative to one batch measured now, because shared CI machines vary a lot in speed.
    one = drain(
        local_provider,
        GenerationRequest(prompt="# one batch\nx = 1\n", max_tokens=1, deadline_s=SLOW),
    )
    started = time.perf_counter()
    prompt = "# deadline\n" + PY_PREFIX * 5  # ≈ 1,500 tokens: ~47 batches
    r = drain(local_provider, GenerationRequest(prompt=prompt, max_tokens=200, deadline_s=0.05))
    elapsed = time.perf_counter() - started
    assert r.finish == "deadline" and r.text == ""
    assert elapsed < 0.05 + 4 * one.total_s + 0.2


def test_local_cancellation_stops_mid_stream(local_provider: LocalProvider) -> None:
    cancel = CancelToken()
    pieces: list[str] = []
    stopped_at = 0.0
    req = GenerationRequest(
        prompt=PY_PREFIX + "class Ledger:\n", max_tokens=400, stop=(), deadline_s=SLOW
    )
    finish = None
    for chunk in local_provider.stream(req, cancel):
        if chunk.text:
            pieces.append(chunk.text)
            if len(pieces) == 5:
                cancel.cancel()
        if chunk.finish:
            finish = chunk.finish
            stopped_at = time.perf_counter()
    assert finish == "cancelled"
    assert len(pieces) == 5  # not one more piece after the cancel
    assert cancel.cancelled_at is not None and stopped_at - cancel.cancelled_at < 0.5


def test_local_cancel_before_first_token_frees_the_model(local_provider: LocalProvider) -> None:
    # Bound relative to one short request measured now: shared CI machines vary a lot in speed.
    one = drain(
        local_provider,
        GenerationRequest(prompt="# one batch\ny = 2\n", max_tokens=1, deadline_s=SLOW),
    )
    cancel = CancelToken()
    prompt = "# cancel during prompt evaluation\n" + PY_PREFIX * 4
    result: dict[str, object] = {}

    def run() -> None:
        req = GenerationRequest(prompt=prompt, max_tokens=50, deadline_s=SLOW)
        result["r"] = drain(local_provider, req, cancel)

    t = threading.Thread(target=run)
    t.start()
    time.sleep(0.1)
    cancel.cancel()
    t.join(timeout=60)
    assert not t.is_alive()
    assert cancel.cancelled_at is not None
    assert time.perf_counter() - cancel.cancelled_at < 4 * one.total_s + 0.2
    assert result["r"].finish == "cancelled"  # type: ignore[attr-defined]


def test_local_shared_prefix_is_measurably_faster(local_provider: LocalProvider) -> None:
    base = "# kv reuse\n" + PY_PREFIX
    p1, p2 = base + "def a():\n", base + "def ab():\n"
    cold = drain(local_provider, GenerationRequest(prompt=p1, max_tokens=1, deadline_s=SLOW))
    warm = drain(local_provider, GenerationRequest(prompt=p2, max_tokens=1, deadline_s=SLOW))
    assert cold.first_token_s is not None and warm.first_token_s is not None
    # Typing forward re-evaluates a handful of tokens instead of ~600.
    assert warm.first_token_s * 3 < cold.first_token_s


def test_local_chat_messages_render_with_gemma_turns(local_provider: LocalProvider) -> None:
    prompt = local_provider.prompt_of(
        GenerationRequest(messages=(Message("system", "Be brief."), Message("user", "Hi")))
    )
    assert prompt.startswith("<start_of_turn>user\nBe brief.\n\nHi<end_of_turn>")
    assert prompt.endswith("<start_of_turn>model\n")


def test_missing_model_reports_unavailable_without_raising(tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    settings, _ = parse_settings({"model_path": str(tmp_path / "nope.gguf")})
    with caplog.at_level(logging.ERROR):
        p = make_provider(settings)
    a = p.availability()
    assert not a.ok and "does not exist" in a.detail
    r = drain(p, GenerationRequest(prompt="x"))
    assert r.finish == "error" and r.error


def test_corrupt_model_reports_unavailable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"GGUF" + b"\0" * 4096)  # right magic, garbage body
    settings, _ = parse_settings({"model_path": str(bad), "warmup": False})
    p = make_provider(settings)
    a = p.availability()
    assert not a.ok and "failed to load" in a.detail
    assert drain(p, GenerationRequest(prompt="x")).finish == "error"


def test_invalid_settings_are_reported_and_defaulted() -> None:
    s, problems = parse_settings(
        {"provider": "gpt", "inline": {"deadline_ms": -3, "bogus": 1}, "n_threads": "two"}
    )
    assert s.provider == "local" and s.inline.deadline_ms == 1500 and s.n_threads == 2
    assert len(problems) == 4


def _remote(url: str, **kw: object) -> RemoteProvider:
    return RemoteProvider(RemoteSettings(base_url=url, model="m", backoff_s=0.01, **kw))  # type: ignore[arg-type]


def test_remote_streams_sse_and_applies_stops(endpoint: str, script: Script) -> None:
    script.replies = [Reply(text="return a + b\n\ndef other():\n    pass\n")]
    r = drain(_remote(endpoint), GenerationRequest(prompt="def add(a, b):\n    ", stop=("\n\n",)))
    assert r.text == "return a + b" and r.finish == "stop"
    assert script.requests[0]["prompt"] == "def add(a, b):\n    "
    assert script.requests[0]["stream"] is True


def test_remote_chat_uses_chat_endpoint(endpoint: str, script: Script) -> None:
    script.replies = [Reply(text="Hello there")]
    r = drain(_remote(endpoint), GenerationRequest(messages=(Message("user", "hi"),)))
    assert r.text == "Hello there"
    assert script.requests[0]["messages"] == [{"role": "user", "content": "hi"}]


def test_remote_retries_with_backoff_then_succeeds(endpoint: str, script: Script) -> None:
    script.replies = [Reply(status=503), Reply(status=429), Reply(text="ok")]
    p = _remote(endpoint, retries=2)
    r = drain(p, GenerationRequest(prompt="x"))
    assert r.text == "ok" and p.attempts == 3


def test_remote_gives_up_after_retries(endpoint: str, script: Script) -> None:
    script.replies = [Reply(status=502)]
    p = _remote(endpoint, retries=1)
    r = drain(p, GenerationRequest(prompt="x"))
    assert r.finish == "error" and "HTTP 502" in (r.error or "")
    assert p.attempts == 2


def test_remote_hard_deadline_on_hung_endpoint(endpoint: str, script: Script) -> None:
    script.replies = [Reply(text="late", before_headers_s=3.0)]
    started = time.perf_counter()
    r = drain(_remote(endpoint, retries=3), GenerationRequest(prompt="x", deadline_s=0.3))
    assert time.perf_counter() - started < 1.0
    assert r.finish == "deadline" and r.text == ""


def test_remote_cancel_mid_stream(endpoint: str, script: Script) -> None:
    script.replies = [Reply(pieces=[f"w{i} " for i in range(50)], piece_delay_s=0.02)]
    cancel = CancelToken()
    got: list[str] = []
    finish = None
    for chunk in _remote(endpoint).stream(GenerationRequest(prompt="x", max_tokens=100), cancel):
        if chunk.text:
            got.append(chunk.text)
            if len(got) == 3:
                cancel.cancel()
        finish = chunk.finish or finish
    assert finish == "cancelled" and len(got) == 3


def test_remote_unreachable_is_unavailable_quickly() -> None:
    started = time.perf_counter()
    p = _remote("http://127.0.0.1:9/v1", retries=1)
    assert not p.availability().ok
    r = drain(p, GenerationRequest(prompt="x", deadline_s=2))
    assert r.finish == "error"
    assert time.perf_counter() - started < 2.5


def test_api_key_is_sent_but_never_logged(
    endpoint: str, script: Script, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "sk-test-very-secret-123"
    monkeypatch.setenv("MY_KEY", secret)
    script.replies = [Reply(status=500), Reply(text="fine")]
    with caplog.at_level(logging.DEBUG):
        p = _remote(endpoint, api_key_env="MY_KEY", retries=1)
        r = drain(p, GenerationRequest(prompt="x"))
        p.availability()
    assert r.text == "fine"
    assert script.headers[0].get("Authorization") == f"Bearer {secret}"
    assert secret not in caplog.text
    assert secret not in repr(p.settings)


def test_settings_pick_known_fim_tokens() -> None:
    s = AISettings()
    assert s.fim_tokens("gemma-3-270m-q4_k_m.gguf") is None  # prefix-only prompts
    fim = s.fim_tokens("qwen2.5-coder-1.5b-q4.gguf")
    assert fim is not None and fim.prefix == "<|fim_prefix|>"
