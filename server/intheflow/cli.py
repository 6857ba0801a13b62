"""The `intheflow` command line.

Each capability contributes its own sub-commands through `intheflow/<pkg>/cli.py` with
`register(subparsers) -> None` (see plugins.py), so this file stays a small router.
Exit codes (documented in the README):
  0 success · 1 findings at or above --fail-on (check) or a failed verification ·
  2 bad usage or bad input (printed as `file:line:col: message`) ·
  3 a required external component is missing (compiler, model, database) · 70 internal error.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from intheflow import __version__
from intheflow.core.errors import UserError
from intheflow.logs import setup_logging
from intheflow.plugins import discover

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_MISSING_COMPONENT = 3
EXIT_INTERNAL = 70

# Cross-cutting sub-commands; capability packages add theirs through a cli.py (see plugins.py).
CORE_COMMANDS: list[str] = [
    "intheflow.commands.serve",
    "intheflow.commands.check",
    "intheflow.commands.demo",
]

Handler = Callable[[argparse.Namespace], int]


class MissingComponent(Exception):
    """A real external component (compiler, model, database) is not installed or not reachable."""

    def __init__(self, component: str, hint: str) -> None:
        super().__init__(f"{component} is not available: {hint}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="intheflow",
        description="AI-assisted developer portal: language server, checks, knowledge graph, "
        "transpiler, rule engine and process engine.",
    )
    parser.add_argument("--version", action="version", version=f"intheflow {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    parser.add_argument("--log-file", type=Path, help="also write logs to this file")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for mod_name in CORE_COMMANDS:
        importlib.import_module(mod_name).register(sub)
    for module in discover("cli"):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(verbosity=args.verbose, log_file=args.log_file)
    handler: Handler | None = getattr(args, "func", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return handler(args)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except MissingComponent as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_MISSING_COMPONENT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        logging.getLogger("intheflow").debug("internal error", exc_info=True)
        print(
            f"internal error: {type(exc).__name__}: {exc} (run with -v for details)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())
