"""Plain data shared by every layer: positions, documents, diagnostics, fixes, workspace files.

Nothing here imports pygls/lsprotocol; the LSP adapter converts these types by hand.
"""
