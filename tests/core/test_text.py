from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from intheflow.core.text import Position, offset_to_position, position_to_offset


def test_offset_round_trip_on_multiline_text() -> None:
    text = "ab\ncdé\n\nf"
    assert offset_to_position(text, 4) == Position(1, 1)
    assert position_to_offset(text, Position(1, 1)) == 4
    assert position_to_offset(text, Position(1, 99)) == 6  # clamped to the end of the line
    assert position_to_offset(text, Position(99, 0)) == len(text)


@given(st.text(alphabet="ab\né😀", max_size=40), st.data())
def test_offset_position_inverse(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    assert position_to_offset(text, offset_to_position(text, offset)) == offset
