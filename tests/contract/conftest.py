"""The contract tooling lives in shared/tools (plain scripts); make it importable here."""

from __future__ import annotations

import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[2] / "shared" / "tools"
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))
