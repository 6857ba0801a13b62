"""Write docs/lsp-extensions.md from the method schemas (`--check`: fail if stale)."""

from __future__ import annotations

import sys

from contract import DOCS_OUT, load_methods, render_docs


def main(argv: list[str]) -> int:
    text = render_docs(load_methods())
    if "--check" in argv:
        current = DOCS_OUT.read_text(encoding="utf-8") if DOCS_OUT.exists() else ""
        if current != text:
            print(f"{DOCS_OUT} is stale: run python shared/tools/gen_docs.py", file=sys.stderr)
            return 1
        return 0
    DOCS_OUT.parent.mkdir(parents=True, exist_ok=True)
    DOCS_OUT.write_text(text, encoding="utf-8")
    print(f"wrote {DOCS_OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
