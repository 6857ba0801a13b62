from __future__ import annotations

import io
from pathlib import Path

from intheflow.commands.demo import DemoContext
from intheflow.graph import demo


def test_demo_section_indexes_maps_and_queries(example_workspace: Path) -> None:
    out = io.StringIO()
    ctx = DemoContext(workspace=example_workspace, out=out)
    demo.section(ctx)
    text = out.getvalue()
    assert "Business taxonomy → code" in text
    assert "PaymentService.refund (name 'refund' matches keyword 'refund')" in text
    assert "team-ledger    interest-batch, ledger" in text
    store = ctx.shared["graph_store"]
    try:
        assert store.counts().edges["IMPLEMENTS"] > 0
    finally:
        store.close()
