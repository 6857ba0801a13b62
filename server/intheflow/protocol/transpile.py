"""Wire types of the transpiler's notification `intheflow/transpileVerdict` (server → client),
sent when a background verification (command `intheflow.transpile.verify`) finishes."""

from __future__ import annotations

import msgspec


class TranspileVerdictParams(msgspec.Struct, rename="camel", omit_defaults=True):
    uri: str
    passed: bool
    results: dict[str, str]
    summary: str
    first_difference: str = ""
    cancelled: bool = False
