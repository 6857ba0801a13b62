"""Transpile files or folders to an output tree and optionally verify: shared by the CLI, the demo
and the language server."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from intheflow.transpile.pipeline import TARGETS, Translation, module_name, translate_file
from intheflow.transpile.unit import main_programs
from intheflow.transpile.verify.boundaries import boundary_files
from intheflow.transpile.verify.layout import planned_files, write_files
from intheflow.transpile.verify.run import Job, Verdict, boundary_inputs, run_all, saved_files
from intheflow.transpile.verify.toolchain import require

COBOL_SUFFIXES = (".cbl", ".cob", ".CBL", ".COB")


def find_programs(path: Path) -> list[Path]:
    """The programs to translate; in a folder, files CALLed by another go with their caller."""
    if path.is_file():
        return [path]
    found = sorted(p for p in path.rglob("*") if p.suffix in COBOL_SUFFIXES and p.is_file())
    return main_programs(found)


@dataclass
class ProgramResult:
    source: Path
    translation: Translation
    files: list[Path] = field(default_factory=list)
    verdict: Verdict | None = None


def inputs_for(source: Path, translation: Translation) -> dict[str, bytes]:
    """stdin for verification: `<prog>.in` (and `<prog>.*.in`) next to the source, else boundaries."""  # noqa: E501
    found = sorted(source.parent.glob(f"{source.stem}.in")) + sorted(
        source.parent.glob(f"{source.stem}.*.in")
    )
    if found:
        return {p.name: p.read_bytes() for p in found}
    assert translation.program is not None
    return boundary_inputs(translation.program)


def add_boundary_files(job: Job, translation: Translation) -> None:
    """Extra runs with the records of every input file at boundary values (verify/boundaries)."""
    assert translation.program is not None
    stdin = next(iter(job.inputs.values()), b"")
    for name, files in boundary_files(translation.program).items():
        run = f"boundary-{name}-records"
        job.inputs[run] = stdin
        job.input_files[run] = {**job.files, **files}


def transpile_paths(
    paths: list[Path], out: Path, targets: tuple[str, ...] = TARGETS, verify: bool = False,
    best_effort: bool = False, workers: int = 2, progress: Callable[[str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ProgramResult]:  # fmt: skip
    results: list[ProgramResult] = []
    for source in paths:
        translation = translate_file(source, targets, best_effort)
        result = ProgramResult(source, translation)
        results.append(result)
        if translation.program is None or len(translation.outputs) != len(targets):
            continue
        for target, output in translation.outputs.items():
            files = planned_files(target, module_name(translation.program, target), output)
            result.files.extend(write_files(out, files))
    if verify:
        require("cobol", *targets)
        jobs = []
        ready = [r for r in results if r.files]
        for r in ready:
            assert r.translation.program is not None
            modules = {t: module_name(r.translation.program, t) for t in targets}
            inputs = inputs_for(r.source, r.translation)
            input_files = saved_files(r.source, "in")
            sources = r.translation.sources
            job = Job(r.source, out, modules, inputs, sources=sources, files=input_files)
            add_boundary_files(job, r.translation)
            jobs.append(job)
        with tempfile.TemporaryDirectory(prefix="intheflow-verify-") as work:
            verdicts = run_all(jobs, targets, Path(work), workers, progress, cancelled)
        for r, verdict in zip(ready, verdicts, strict=True):
            r.verdict = verdict
            write_equivalence_test(r, out, targets, jobs[ready.index(r)])
    write_manifest(results, out)
    return results


MANIFEST = "manifest.json"
RUNTIME_FILES = ("rt.rs", "Rt.java", "rt.go", "rt/files.rs", "CobFile.java", "rt/files.go")


def write_manifest(results: list[ProgramResult], out: Path) -> None:
    """What was generated from which program, and how verification went (read by facts.py)."""
    path = out / MANIFEST
    try:
        manifest = json.loads(path.read_text()) if path.is_file() else {}
    except (OSError, ValueError):
        manifest = {}
    for r in results:
        t = r.translation
        if t.program is None or not r.files:
            continue
        entry: dict[str, object] = {"program": t.program.name, "targets": {}}
        # GO TOs only a state machine could translate (the last resort; counted, not hidden).
        entry["state_machine_gotos"] = {
            p.name: p.stats["irreducible_gotos"] for p in t.unit if p.machine
        }
        entry["calls"] = [p.name for p in t.unit[1:]]
        for target, output in t.outputs.items():
            status = r.verdict.results.get(target, "not run") if r.verdict else "not verified"
            module = module_name(t.program, target)
            files = [
                str(f.relative_to(out)) for f in r.files if f.relative_to(out).parts[0] == target
            ]
            entry["targets"][target] = {  # type: ignore[index]
                "module": module,
                "files": [f for f in files if not f.endswith(RUNTIME_FILES)],
                "functions": output.functions,
                "verification": status,
            }
        manifest[str(r.source.resolve())] = entry
    out.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True))


def write_equivalence_test(
    result: ProgramResult, out: Path, targets: tuple[str, ...], job: Job
) -> None:
    """A test the user keeps: the inputs, GnuCOBOL's output for each, and a script comparing them."""  # noqa: E501
    assert result.translation.program is not None
    name = module_name(result.translation.program, "rust")
    src = result.source.resolve()
    base = out / "equivalence" / name
    (base / "inputs").mkdir(parents=True, exist_ok=True)
    for input_name, data in job.inputs.items():
        stem = Path(input_name).stem
        (base / "inputs" / f"{stem}.in").write_bytes(data)
        for file_name, content in job.input_files.get(input_name, job.files).items():
            (base / "files" / stem).mkdir(parents=True, exist_ok=True)
            (base / "files" / stem / file_name).write_bytes(content)
    m = job.modules
    runs: dict[str, str] = {}
    builds: dict[str, str] = {}
    if "rust" in m:
        crate = f'"$OUT/rust/{m["rust"]}'
        runs["rust"] = f'{crate}/target-bin"'
        builds["rust"] = f'rustc --edition 2021 -o {crate}/target-bin" {crate}/src/main.rs"'
    if "java" in m:
        runs["java"] = f'java -cp "$OUT/java/classes" {m["java"]}'
        builds["java"] = 'javac -d "$OUT/java/classes" "$OUT"/java/*.java'
    if "go" in m:
        runs["go"] = f'"$OUT/go/bin/{m["go"]}"'
        builds["go"] = f'(cd "$OUT/go" && go build -o bin/ ./{m["go"]})'
    lines = [
        "#!/bin/sh",
        f"# Equivalence test for {result.source.name}: GnuCOBOL and each translation must print",
        "# the same bytes for every input, and write the same files. Each run starts in an empty",
        "# folder holding files/<input>/*. Usage: sh run.sh [OUT_DIR]",
        "set -e",
        'HERE=$(cd "$(dirname "$0")" && pwd)',
        'OUT=$(cd "${1:-$HERE/../..}" && pwd)',
        f'cobc -x -I "{src.parent}" -I "{src.parent / "copybooks"}" -o "$HERE/original" "{src}"'
        + "".join(f' "{p.resolve()}"' for p in result.translation.sources),
    ]
    lines += [builds[t] for t in targets]
    lines += [
        "status=0",
        "fresh() {",
        '  rm -rf "$HERE/run/$1"; mkdir -p "$HERE/run/$1"',
        '  if [ -d "$HERE/files/$2" ]; then cp "$HERE/files/$2/"* "$HERE/run/$1/"; fi',
        "}",
        'for input in "$HERE"/inputs/*.in; do',
        '  name=$(basename "$input" .in)',
        '  fresh original "$name"',
        '  (cd "$HERE/run/original" && "$HERE/original" < "$input" > "$HERE/expected.out") || true',
    ]
    for t in targets:
        lines += [
            f'  fresh {t} "$name"',
            f'  (cd "$HERE/run/{t}" && {runs[t]} < "$input" > "$HERE/run/{t}.out") || true',
            f'  cmp -s "$HERE/run/{t}.out" "$HERE/expected.out" '
            f'|| {{ echo "{t}: output differs on $input"; status=1; }}',
            '  for f in "$HERE"/run/original/*; do',
            f'    [ -f "$f" ] && {{ cmp -s "$f" "$HERE/run/{t}/$(basename "$f")" '
            f'|| {{ echo "{t}: file $(basename "$f") differs on $input"; status=1; }}; }}',
            "  done",
        ]
    lines += ["done", '[ $status -eq 0 ] && echo "equivalent on all inputs"', "exit $status", ""]
    (base / "run.sh").write_text("\n".join(lines))
    (base / "run.sh").chmod(0o755)
