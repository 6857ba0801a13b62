"""Builds the configured provider; any failure becomes an `Unavailable` provider with one reason."""

from __future__ import annotations

import logging
from pathlib import Path

from intheflow.ai.provider import Provider, Unavailable
from intheflow.ai.settings import AISettings

log = logging.getLogger(__name__)


def make_provider(settings: AISettings, root: Path | None = None) -> Provider:
    if settings.provider == "off":
        return Unavailable("AI is off (ai.provider = off)")
    if settings.provider == "remote":
        from intheflow.ai.remote import RemoteProvider

        return RemoteProvider(settings.remote)
    from intheflow.ai.models import ModelMissing, resolve_model_path

    try:
        path = resolve_model_path(settings.model_path, root)
    except ModelMissing as exc:
        log.error("AI unavailable: %s", exc)
        return Unavailable(str(exc))
    try:
        from intheflow.ai.local import LocalProvider
    except ImportError as exc:  # llama-cpp-python not installed
        return Unavailable(f"llama-cpp-python is not installed: {exc}")
    return LocalProvider(path, settings)
