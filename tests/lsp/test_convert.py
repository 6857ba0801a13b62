from __future__ import annotations

from intheflow.lsp.convert import from_utf16_col, to_utf16_col


def test_utf16_columns_count_astral_characters_twice() -> None:
    line = "a😀b"
    assert to_utf16_col(line, 2) == 3
    assert from_utf16_col(line, 3) == 2
    assert from_utf16_col(line, 99) == len(line)
