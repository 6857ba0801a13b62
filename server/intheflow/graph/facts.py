"""Knowledge-graph facts of the graph capability itself (plug-in entry point, see plugins.py):
the Backstage catalog (every catalog-info.yaml under the root) and the taxonomy's Term nodes.

Never raises on bad input: a broken catalog file or taxonomy is logged and left out, so indexing
goes on (`intheflow graph import-catalog` and `intheflow taxonomy` report such errors precisely).
The IMPLEMENTS edges need the code facts, so the indexer gets them from taxonomy.map_workspace.
"""

from __future__ import annotations

import logging
from pathlib import Path

from intheflow.graph.backstage import import_catalog
from intheflow.graph.model import GraphFacts
from intheflow.graph.taxonomy import DEFAULT_TAXONOMY, TaxonomyError, load_taxonomy, term_facts

log = logging.getLogger(__name__)


def facts(root: Path) -> GraphFacts:
    out = import_catalog(root, strict=False)
    path = root / DEFAULT_TAXONOMY
    if path.is_file():
        try:
            out.extend(term_facts(load_taxonomy(path, DEFAULT_TAXONOMY)))
        except TaxonomyError as exc:
            log.warning("taxonomy left out of the graph: %s", exc)
    return out
