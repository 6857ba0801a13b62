"""`intheflow serve --stdio | --tcp HOST:PORT`: run the language server."""

from __future__ import annotations

import argparse
import os
import sys
from typing import BinaryIO

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
        server.start_io(sys.stdin.buffer, _protocol_stdout())
    return 0


def _protocol_stdout() -> BinaryIO:
    """Keep the real stdout for LSP messages only and point fd 1 at stderr: native libraries
    (llama.cpp, BLAS, tokenizers) and stray prints write to fd 1, and one byte there breaks the
    client's Content-Length framing, leaving it waiting for a reply forever."""
    sys.stdout.flush()
    protocol = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return protocol
