"""The inline engine: modes, block trimming, post-filters and caches, on the scripted endpoint."""

from __future__ import annotations

import time
from pathlib import Path

from intheflow.ai.blocks import block_end, completion_mode, introduces_errors, trim_to_block
from intheflow.ai.context import CHARS_PER_TOKEN, Snippet, build_inline_context
from intheflow.ai.inline import InlineEngine, InlineRequest
from intheflow.ai.provider import CancelToken
from intheflow.ai.remote import RemoteProvider
from intheflow.ai.settings import AISettings, InlineSettings, RemoteSettings
from scripted_openai import Reply, Script

SRC = "import math\n\n\ndef area(r):\n    \n\n\ndef main():\n    print(area(2))\n"


def _engine(url: str, **kw: object) -> InlineEngine:
    provider = RemoteProvider(RemoteSettings(base_url=url, retries=0))
    return InlineEngine(provider, AISettings(), **kw)  # type: ignore[arg-type]


def _req(text: str = SRC, line: int = 4, character: int = 4) -> InlineRequest:
    return InlineRequest("/ws/geo.py", "python", text, line, character, version=1)


def test_mode_is_block_after_an_opener_and_line_inside_a_line() -> None:
    assert completion_mode("python", "def f(x):\n    ", "\n") == "block"
    assert completion_mode("python", "x = f(", ")\n") == "line"
    assert completion_mode("go", "func f() int {\n\t", "\n}\n") == "block"
    assert completion_mode("python", "x = 1\n", "\n") == "line"


def test_trim_stops_at_the_end_of_the_block() -> None:
    prefix = "def f(x):\n    "
    assert trim_to_block("python", prefix, "y = x\n    return y\nprint(1)\n") == (
        "y = x\n    return y"
    )
    assert trim_to_block("java", "int f() {\n  ", "return 1;\n}\nint g() {}") == "return 1;"


def test_parse_filter_counts_only_new_errors() -> None:
    assert introduces_errors("python", "def f(x):\n    ", "return (x +", "\n")
    assert not introduces_errors("python", "def f(x):\n    ", "return x + 1", "\n")
    assert not introduces_errors("python", "x = g(", "1, 2", ")\n")


def test_block_suggestion_is_trimmed_and_shown(endpoint: str, script: Script) -> None:
    script.replies = [Reply(text="return math.pi * r ** 2\n\ndef other():\n    pass\n")]
    r = _engine(endpoint).suggest(_req(), CancelToken())
    assert r.mode == "block" and r.source == "model"
    assert r.text == "return math.pi * r ** 2"
    sent = script.requests[0]
    assert sent["prompt"].endswith("def area(r):\n    ")
    assert sent["suffix"].startswith("\n\n\ndef main():")


def test_unparseable_suggestion_is_dropped(endpoint: str, script: Script) -> None:
    script.replies = [Reply(text="return (math.pi * \n")]
    r = _engine(endpoint).suggest(_req(), CancelToken())
    assert r.text == "" and r.dropped == "does not parse when inserted"


def test_rule_post_filter_drops_a_suggestion_that_breaks_a_rule(
    endpoint: str, script: Script
) -> None:
    script.replies = [Reply(text="print(r)\n    return 3.14 * r * r\n")]

    def no_print(path: str, language: str, before: str, after: str) -> list[str]:
        return ["no print() in library code"] if "print(r)" in after else []

    r = _engine(endpoint, rule_check=no_print).suggest(_req(), CancelToken())
    assert r.text == "" and r.dropped.startswith("breaks a code rule: no print()")
    script.replies = [Reply(text="return 3.14 * r * r\n")]
    r2 = _engine(endpoint, rule_check=no_print).suggest(_req(), CancelToken())
    assert r2.text == "return 3.14 * r * r"


def test_result_cache_and_typing_forward_skip_the_model(endpoint: str, script: Script) -> None:
    script.replies = [Reply(text="return math.pi * r ** 2\n")]
    engine = _engine(endpoint)
    first = engine.suggest(_req(), CancelToken())
    assert first.source == "model"
    again = engine.suggest(_req(), CancelToken())
    assert again.source == "cache" and again.text == first.text
    repeat = engine.quick(_req())  # the same document and position: before any debounce
    assert repeat is not None and repeat.text == first.text
    typed = SRC.replace("def area(r):\n    \n", "def area(r):\n    return ma\n")
    quick = engine.quick(_req(typed, 4, 13))
    assert quick is not None and quick.text == "th.pi * r ** 2"
    assert len(script.requests) == 1  # neither the cache nor typing forward asked the model


def test_cancelled_or_late_suggestions_show_nothing(endpoint: str, script: Script) -> None:
    script.replies = [Reply(pieces=["return ", "1", "\n"], piece_delay_s=0.3)]
    settings = AISettings(inline=InlineSettings(deadline_ms=200))
    engine = InlineEngine(RemoteProvider(RemoteSettings(base_url=endpoint)), settings)
    r = engine.suggest(_req(), CancelToken())
    assert r.text == "" and r.finish == "deadline"
    cancel = CancelToken()
    cancel.cancel()
    r2 = _engine(endpoint).suggest(_req(SRC + "\n"), cancel)
    assert r2.text == "" and r2.finish == "cancelled"


def test_a_newer_request_cancels_the_previous_one() -> None:
    engine = InlineEngine(None, AISettings())  # type: ignore[arg-type]
    old = engine.begin("/ws/a.py")
    new = engine.begin("/ws/a.py")
    other = engine.begin("/ws/b.py")
    assert old.cancelled and not new.cancelled and not other.cancelled


def test_context_header_is_stable_while_typing_and_fits_the_budget() -> None:
    body = "".join(f"def f{i}(x):\n    return x + {i}\n\n" for i in range(200))
    text = body + "def g(y):\n    ret"
    settings = InlineSettings(budget_tokens=400)
    calls: list[str] = []

    def retrieve(query: str, k: int) -> list[Snippet]:
        calls.append(query)
        return [
            Snippet("lib/other.py", "def helper(z):\n    return z", "component:lib/other.py#helper")
        ]

    cache: dict[str, tuple[str, tuple[Snippet, ...]]] = {}
    lines = text.split("\n")
    a = build_inline_context(
        "/ws/m.py", "python", text, len(lines) - 1, 7, settings, retrieve, cache
    )
    text2 = text + "urn y"
    b = build_inline_context(
        "/ws/m.py", "python", text2, len(lines) - 1, 12, settings, retrieve, cache
    )
    assert b.prompt_prefix.startswith(a.prompt_prefix)  # typing forward only appends
    assert len(calls) == 1  # retrieval once per scope, not per keystroke
    assert "# From lib/other.py:" in a.header
    assert len(a.prompt_prefix) + len(a.suffix) <= 400 * CHARS_PER_TOKEN + 50


def test_real_code_rules_drop_a_suggestion(
    endpoint: str, script: Script, example_workspace: Path
) -> None:
    from intheflow.ai.rules_bridge import code_rule_check

    check = code_rule_check(example_workspace)
    assert check is not None, "the code-rules capability must be importable"
    path = example_workspace / "services/payments-api/payments_api/geo.py"
    req = InlineRequest(str(path), "python", SRC, 4, 4, version=1)
    script.replies = [Reply(text='print("area", r)\n')]
    r = _engine(endpoint, rule_check=check).suggest(req, CancelToken())
    assert r.text == "" and "no-print-in-services" in r.dropped


def test_completion_items_never_wait_and_use_the_warmed_cache(
    endpoint: str, script: Script, tmp_path: Path
) -> None:
    from intheflow.ai.completion_items import ai_completion_items
    from intheflow.ai.service import AIService

    script.replies = [Reply(text="th.pi * r ** 2\n")]
    svc = AIService(tmp_path, {"provider": "remote", "remote": {"base_url": endpoint}})
    svc.wait_ready(10)
    typed = SRC.replace("def area(r):\n    \n", "def area(r):\n    return ma\n")
    req = _req(typed, 4, 13)
    first = ai_completion_items(svc, req)  # nothing cached yet: starts one, returns now
    assert first.items == [] and first.pending
    svc.worker.submit(lambda: None).result(10)  # the background suggestion has finished
    again = ai_completion_items(svc, req)
    assert not again.pending
    [item] = again.items
    # The item replaces the word before the cursor, so clients filtering on "ma" keep it.
    assert item.insert_text == "math.pi * r ** 2" and item.word_start == 11
    assert item.label == "math.pi * r ** 2"
    svc.close()


def test_cold_prompt_fits_the_cold_budget_and_typing_keeps_its_start() -> None:
    body = "".join(f"def f{i}(x):\n    return x + {i}\n\n" for i in range(200))
    text = body + "def g(y):\n    ret"
    settings = InlineSettings(budget_tokens=700, cold_budget_tokens=150)
    lines = text.split("\n")
    cold = build_inline_context("/ws/m.py", "python", text, len(lines) - 1, 7, settings)
    assert cold.cold and len(cold.prompt_prefix) <= 150 * CHARS_PER_TOKEN
    assert cold.prefix.endswith("def g(y):\n    ret")
    # Typing forward with the cold prompt in the model's cache: same start, longer window.
    typed = text + "urn y + 1\n    z = y\n" + "    z += 1\n" * 30 + "    "
    tlines = typed.split("\n")
    warm = build_inline_context(
        "/ws/m.py", "python", typed, len(tlines) - 1, 4, settings, previous=cold
    )
    assert not warm.cold and warm.start_line == cold.start_line
    assert warm.prompt_prefix.startswith(cold.prompt_prefix)
    assert len(warm.prompt_prefix) > 150 * CHARS_PER_TOKEN  # the warm budget lets the window grow
    # Without that prompt cached (another document was completed since), it is cold again.
    again = build_inline_context("/ws/m.py", "python", typed, len(tlines) - 1, 4, settings)
    assert again.cold and len(again.prompt_prefix) <= 150 * CHARS_PER_TOKEN


def test_block_ends_after_a_return_or_a_dedent_not_before() -> None:
    prefix = "def f(x):\n    "
    assert block_end("python", prefix, "return x") is None  # the line is still growing
    assert block_end("python", prefix, "return x\n") == len("return x")
    assert block_end("python", prefix, "y = x\n    return y\n    z = 1") == len(
        "y = x\n    return y"
    )
    assert block_end("python", prefix, "if x:\n        return 1\n") is None  # nested return
    assert block_end("python", prefix, "return (x,\n") is None  # an open bracket continues
    assert block_end("python", prefix, "y = 1\nprint(y)") == len("y = 1")  # dedent ended it
    assert block_end("go", "func f() int {\n\t", "return 1\n}") == len("return 1")


def test_block_suggestion_stops_the_model_when_the_block_is_complete(
    endpoint: str, script: Script
) -> None:
    # The model would go on for 2 s after the return line: the engine stops reading at once.
    script.replies = [
        Reply(pieces=["return math.pi", " * r ** 2\n", "    x = 1\n"], piece_delay_s=1.0)
    ]
    settings = AISettings(inline=InlineSettings(deadline_ms=10_000, cold_first_line=False))
    engine = InlineEngine(RemoteProvider(RemoteSettings(base_url=endpoint, retries=0)), settings)
    started = time.perf_counter()
    r = engine.suggest(_req(), CancelToken())
    assert r.text == "return math.pi * r ** 2" and r.finish == "stop"
    assert time.perf_counter() - started < 2.9  # two pieces' delay, not the third's


def test_a_cold_block_shows_its_first_line_and_a_warm_one_the_whole_block(
    endpoint: str, script: Script
) -> None:
    script.replies = [Reply(text="y = r * r\n    return math.pi * y\n")]
    engine = _engine(endpoint)
    cold = engine.suggest(_req(), CancelToken())
    assert cold.mode == "block" and cold.text == "y = r * r"
    # The same document again (only the text after the cursor differs): its prompt is cached.
    warm = engine.suggest(_req(SRC + "\n# end\n"), CancelToken())
    assert warm.text == "y = r * r\n    return math.pi * y"
    assert len(script.requests) == 2
