"""Write extension/src/protocol.generated.ts from the method schemas (`--check`: fail if stale)."""

from __future__ import annotations

import sys

from contract import TS_OUT, load_methods, render_ts


def main(argv: list[str]) -> int:
    text = render_ts(load_methods())
    if "--check" in argv:
        current = TS_OUT.read_text(encoding="utf-8") if TS_OUT.exists() else ""
        if current != text:
            print(f"{TS_OUT} is stale: run python shared/tools/gen_ts.py", file=sys.stderr)
            return 1
        return 0
    TS_OUT.parent.mkdir(parents=True, exist_ok=True)
    TS_OUT.write_text(text, encoding="utf-8")
    print(f"wrote {TS_OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
