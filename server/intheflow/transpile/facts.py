"""Knowledge-graph facts: TRANSPILES_TO edges from a COBOL program and its paragraphs to the
generated modules and functions, with the verification status (from `transpiled/manifest.json`,
written by `intheflow transpile --out <root>/transpiled` and by the editor's code actions)."""

from __future__ import annotations

import json
from pathlib import Path

from intheflow.graph.model import Edge, EdgeType, GraphFacts, Provenance, component_id
from intheflow.transpile.service import MANIFEST

OUT_DIRS = ("transpiled",)


def facts(root: Path) -> GraphFacts:
    out = GraphFacts(nodes=[], edges=[])
    for name in OUT_DIRS:
        manifest_path = root / name / MANIFEST
        if not manifest_path.is_file():
            continue
        try:
            manifest = json.loads(manifest_path.read_text())
        except (OSError, ValueError):
            continue
        for source, entry in manifest.items():
            try:
                rel = str(Path(source).resolve().relative_to(root.resolve()))
            except ValueError:
                continue  # generated from a program outside this workspace
            program = entry.get("program", "")
            prov = Provenance(source=f"{name}/{MANIFEST}")
            for target, info in entry.get("targets", {}).items():
                status = info.get("verification", "not verified")
                files = info.get("files", [])
                main_file = next(
                    (f for f in files if not f.endswith(("Cargo.toml", "main.rs"))), ""
                )
                if not main_file:
                    continue
                module_rel = f"{name}/{main_file}"
                props = {"target": target, "verification": status}
                out.edges.append(
                    Edge(
                        component_id(rel, program),
                        component_id(module_rel),
                        EdgeType.TRANSPILES_TO,
                        props,
                        prov,
                    )
                )
                owner = (
                    "Program"
                    if target == "rust"
                    else "program"
                    if target == "go"
                    else info["module"]
                )
                for para, fn in info.get("functions", {}).items():
                    out.edges.append(
                        Edge(
                            component_id(rel, f"{program}.{para}"),
                            component_id(module_rel, f"{owner}.{fn}"),
                            EdgeType.TRANSPILES_TO,
                            props,
                            prov,
                        )
                    )
    return out
