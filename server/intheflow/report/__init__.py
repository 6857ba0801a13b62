"""Rendering diagnostics for humans and machines: text, JSON and SARIF 2.1.0."""
