"""AI test fixtures: the real bundled model (loaded once per session) and the scripted endpoint.

The bundled model is a real component: if it cannot be assembled or loaded, tests FAIL.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # test helpers (scripted_openai) import by name

from intheflow.ai.local import LocalProvider
from intheflow.ai.models import bundled_model_path
from intheflow.ai.settings import AISettings
from scripted_openai import Script, serve


@pytest.fixture(scope="session")
def local_provider() -> Iterator[LocalProvider]:
    # One thread here (the product default is 2): on a shared, oversubscribed CI machine
    # llama.cpp's spinning thread barriers make 2-thread prompt evaluation collapse (measured
    # 100+ s for 300 tokens at load average 14), and these tests check behaviour, not speed.
    provider = LocalProvider(bundled_model_path(), AISettings(n_threads=1))
    availability = provider.availability()
    if not availability.ok:
        pytest.fail(f"the bundled local model must load: {availability.detail}")
    yield provider
    provider.close()


@pytest.fixture
def script() -> Script:
    return Script()


@pytest.fixture
def endpoint(script: Script) -> Iterator[str]:
    with serve(script) as url:
        yield url
