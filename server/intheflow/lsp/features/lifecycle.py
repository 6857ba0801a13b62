"""initialize: read the workspace root and the settings sent as initializationOptions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp

from intheflow.lsp.convert import uri_to_path

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer


def register(server: IntheflowServer) -> None:
    @server.feature(lsp.INITIALIZE)
    def on_initialize(ls: IntheflowServer, params: lsp.InitializeParams) -> None:
        root: Path | None = None
        if params.workspace_folders:
            root = Path(uri_to_path(params.workspace_folders[0].uri))
        elif params.root_uri:
            root = Path(uri_to_path(params.root_uri))
        elif params.root_path:
            root = Path(params.root_path)
        opts: Any = params.initialization_options
        ls.configure(root, opts if isinstance(opts, dict) else {})
