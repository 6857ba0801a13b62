"""Logging setup: always stderr (stdout belongs to the LSP in stdio mode), optionally a file.

INTHEFLOW_LOG_LEVEL overrides the level; INTHEFLOW_PROFILE=1 logs one line per request with its
duration (used by the LSP adapter).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path


def setup_logging(verbosity: int = 0, log_file: Path | None = None) -> None:
    level = logging.WARNING - 10 * min(verbosity, 2)
    env = os.environ.get("INTHEFLOW_LOG_LEVEL", "").upper()
    if env in logging.getLevelNamesMapping():
        level = logging.getLevelNamesMapping()[env]
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_file, encoding="utf-8"))
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers,
        force=True,
    )
