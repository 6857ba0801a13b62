"""intheflow: an AI-assisted developer portal delivered through a language server."""

__version__ = "0.1.0"
