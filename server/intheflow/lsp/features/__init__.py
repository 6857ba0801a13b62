"""One module per LSP concept; each exposes register(server)."""
