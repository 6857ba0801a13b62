"""A text document as the analyzers see it: path, language, text and version."""

from __future__ import annotations

from pathlib import Path

import msgspec

LANGUAGE_BY_SUFFIX: dict[str, str] = {
    ".py": "python",
    ".go": "go",
    ".java": "java",
    ".rs": "rust",
    ".js": "javascript",
    ".mjs": "javascript",
    ".ts": "typescript",
    ".tsx": "typescriptreact",
    ".cbl": "cobol",
    ".cob": "cobol",
    ".cpy": "cobol",
    ".bpmn": "bpmn",
    ".dmn": "dmn",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".md": "markdown",
}


def language_of(path: str | Path) -> str:
    return LANGUAGE_BY_SUFFIX.get(Path(path).suffix.lower(), "plaintext")


class Document(msgspec.Struct, frozen=True):
    path: str
    text: str
    version: int | None = None
    language: str = ""

    def __post_init__(self) -> None:
        if not self.language:
            # frozen struct: set through msgspec's structs helper
            msgspec.structs.force_setattr(self, "language", language_of(self.path))

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()
