"""User-facing errors: a message with a location, never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Bad input from the user. The CLI prints `path:line:col: message` and exits non-zero."""

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line  # 1-based, as humans and compilers print it
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return f"{where}{self.message}"
