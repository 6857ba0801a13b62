"""Bad input never raises out of the front end, the passes or the hover (the server calls them on
every keystroke): corpus programs cut and garbled at many places."""

from __future__ import annotations

import random
from pathlib import Path

from intheflow.transpile.hover import data_item_hover
from intheflow.transpile.pipeline import translate

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "cobol"


def test_cut_and_garbled_programs_give_diagnostics_not_exceptions() -> None:
    rng = random.Random(7)
    for source in sorted(CORPUS.glob("*.cbl"))[::4]:
        text = source.read_text()
        for _ in range(8):
            cut = rng.randrange(len(text))
            noise = rng.choice([".", "(", ")", '"', "PIC", "-", "88", "END-IF"])
            for variant in (text[:cut], text[:cut] + noise + text[cut + 5 :]):
                result = translate(variant, str(source))
                assert result.program is not None or result.problems
                lines = variant.splitlines() or [""]
                line = rng.randrange(len(lines))
                data_item_hover(
                    variant, f"{source}-{cut}", line, rng.randrange(len(lines[line]) + 1)
                )
