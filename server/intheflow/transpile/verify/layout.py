"""Where generated files go under --out, and the runtime files shipped next to them.

out/rust/<module>/Cargo.toml, src/main.rs, src/<module>.rs, src/rt.rs, src/rt/files.rs
out/java/<Class>.java, out/java/Rt.java, out/java/CobFile.java
out/go/go.mod, out/go/rt/rt.go, out/go/rt/files.go, out/go/<module>/main.go
out/equivalence/<module>/ (run.sh, inputs, expected GnuCOBOL output)
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from intheflow.transpile.backends.common import Output
from intheflow.transpile.backends.go.gen import MODULE


def runtime_text(target: str, name: str = "") -> str:
    """A runtime file of a target: its main file, or another (e.g. the file module) by name."""
    main = {"rust": "rt.rs", "java": "Rt.java", "go": "rt/rt.go"}[target]
    pkg = resources.files("intheflow.transpile.backends").joinpath(target, name or main)
    return pkg.read_text()


def planned_files(target: str, module: str, output: Output) -> dict[str, str]:
    """Relative path under --out → text."""
    files: dict[str, str] = {}
    if target == "rust":
        base = f"rust/{module}"
        files[f"{base}/Cargo.toml"] = (
            f'[package]\nname = "{module.replace("_", "-")}"\nversion = "0.1.0"\nedition = "2021"\n\n'  # noqa: E501
            "[dependencies]\n"
        )
        # The program's module and those of the programs it calls, all in one crate.
        mods = "".join(f"mod {Path(name).stem};\n" for name in output.files)
        files[f"{base}/src/main.rs"] = f"mod rt;\n{mods}\nfn main() {{\n    {module}::main();\n}}\n"
        files[f"{base}/src/rt.rs"] = runtime_text("rust")
        files[f"{base}/src/rt/files.rs"] = runtime_text("rust", "rt/files.rs")
        for name, text in output.files.items():
            files[f"{base}/src/{name}"] = text
    elif target == "java":
        files["java/Rt.java"] = runtime_text("java")
        files["java/CobFile.java"] = runtime_text("java", "CobFile.java")
        for name, text in output.files.items():
            files[f"java/{name}"] = text
    elif target == "go":
        files["go/go.mod"] = f"module {MODULE}\n\ngo 1.19\n"
        files["go/rt/rt.go"] = runtime_text("go")
        files["go/rt/files.go"] = runtime_text("go", "rt/files.go")
        for name, text in output.files.items():
            files[f"go/{name}"] = text
    return files


def write_files(root: Path, files: dict[str, str]) -> list[Path]:
    written = []
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        written.append(path)
    return written
