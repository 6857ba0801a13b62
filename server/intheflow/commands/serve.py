"""`intheflow serve --stdio | --tcp HOST:PORT`: run the language server."""

from __future__ import annotations

import argparse

from intheflow.core.errors import UserError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help="run the language server (stdio or TCP)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--stdio", action="store_true", help="speak LSP on stdin/stdout (default)")
    mode.add_argument("--tcp", metavar="HOST:PORT", help="listen for one client on HOST:PORT")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here so `intheflow --help` and `check` never pay for pygls.
    from intheflow.lsp.server import build_server

    server = build_server()
    if args.tcp:
        host, _, port = args.tcp.rpartition(":")
        if not host or not port.isdigit():
            raise UserError(f"--tcp expects HOST:PORT, got {args.tcp!r}")
        server.start_tcp(host, int(port))
    else:
        server.start_io()
    return 0
