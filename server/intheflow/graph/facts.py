"""Knowledge-graph facts of the graph capability itself (plug-in entry point, see plugins.py):
the Backstage catalog (every catalog-info.yaml under the root) and the taxonomy's Term nodes.

Never raises on bad input: a broken catalog file or taxonomy is logged and left out, so indexing
goes on (`intheflow graph import-catalog` and `intheflow taxonomy` report such errors precisely).
The IMPLEMENTS edges need the code facts, so the indexer gets them from taxonomy.map_workspace.
"""

from __future__ import annotations

import logging
from pathlib import Path

from intheflow.graph.backstage import (
    CATALOG_FILENAME,
    CatalogError,
    import_catalog,
    import_catalog_text,
)
from intheflow.graph.model import GraphFacts
from intheflow.graph.taxonomy import (
    DEFAULT_TAXONOMY,
    TaxonomyError,
    load_taxonomy,
    parse_taxonomy,
    term_facts,
)

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


def source_facts(root: Path, relpath: str, text: str) -> GraphFacts | None:
    """Facts of one edited graph input (a catalog-info.yaml or the taxonomy), for
    `store.replace_source(relpath, …)` on save; None when `relpath` is not such a file. Invalid
    content gives empty facts (the analyzers report why), so a broken edit removes stale facts
    instead of raising. Catalog placeholders are left to the next full index."""
    name = Path(relpath).name
    if name == CATALOG_FILENAME:
        try:
            return import_catalog_text(text, relpath)
        except CatalogError as exc:
            log.info("catalog %s not imported: %s", relpath, exc)
            return GraphFacts(nodes=[], edges=[])
    if relpath == DEFAULT_TAXONOMY:
        try:
            return term_facts(parse_taxonomy(text, relpath))
        except TaxonomyError as exc:
            log.info("taxonomy not imported: %s", exc)
            return GraphFacts(nodes=[], edges=[])
    return None
