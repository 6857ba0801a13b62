"""Indexing: tree-sitter symbol extraction, a shallow COBOL scanner, and graph facts."""
