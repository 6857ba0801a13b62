"""The GitOps model client is the AI layer's provider interface: streamed answers, JSON mode,
the provider's retries, over real HTTP to the scripted OpenAI-compatible stand-in."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from intheflow.gitops.advisor import ModelError, OpenAIChat
from intheflow.gitops.standin import ScriptedChatServer

FIX = json.dumps({"action": "retry", "reason": "flaky network"})


@pytest.fixture
def chat() -> Iterator[ScriptedChatServer]:
    server = ScriptedChatServer([FIX])
    server.start()
    yield server
    server.stop()
    assert server.violations == []


def test_an_answer_streams_through_the_remote_provider(chat: ScriptedChatServer) -> None:
    answer = OpenAIChat(chat.url, model="m").complete(
        [{"role": "system", "content": "fix CI"}, {"role": "user", "content": "log tail"}],
        max_tokens=100,
    )
    assert answer == FIX
    sent = chat.requests[0]
    assert sent["stream"] is True and sent["model"] == "m" and sent["max_tokens"] == 100
    assert sent["response_format"] == {"type": "json_object"}


def test_a_busy_endpoint_is_retried_then_reported(chat: ScriptedChatServer) -> None:
    model = OpenAIChat(chat.url)
    model.complete([{"role": "user", "content": "first"}])
    with pytest.raises(ModelError, match="503"):  # the script is exhausted: 503 each time
        model.complete([{"role": "user", "content": "second"}])
    assert len(chat.requests) == 1 + 3  # the provider's two retries before the first token
