"""PICTURE strings decoded into category, digits, scale, sign and size; storage sizes by USAGE."""

from __future__ import annotations

import re

from intheflow.transpile.ir.model import Picture

EDIT_CHARS = set("Z*$,.+-B0/") | {"C", "D", "R"}
# GnuCOBOL's limit; items above 18 digits are "wide" (i128 / BigInteger / big.Int in the targets).
MAX_DIGITS = 31


def expand(text: str) -> str:
    """9(4)V9(2) → 9999V99."""
    return re.sub(r"(.)\((\d+)\)", lambda m: m.group(1) * int(m.group(2)), text.upper())


class PictureError(ValueError):
    pass


def decode(text: str) -> Picture:
    pic = expand(text)
    if not pic or re.search(r"[^9XASVPZ*$,.+\-B0/CRD]", pic):
        raise PictureError(f"invalid PICTURE {text}")
    if "P" in pic:
        raise PictureError("unsupported: PICTURE with P scaling")
    if set(pic) <= set("9SV"):
        if pic.count("S") > 1 or (pic.count("S") == 1 and not pic.startswith("S")):
            raise PictureError(f"invalid PICTURE {text}: S must come first")
        if pic.count("V") > 1:
            raise PictureError(f"invalid PICTURE {text}: more than one V")
        int_part, _, frac = pic.lstrip("S").partition("V")
        digits = int_part.count("9") + frac.count("9")
        if digits > MAX_DIGITS:
            raise PictureError(f"unsupported: numeric PICTURE with more than 31 digits ({text})")
        return Picture(text, "numeric", digits, frac.count("9"), pic.startswith("S"), digits)
    if set(pic) <= set("X9A"):
        cat = "alphabetic" if set(pic) == {"A"} else "alphanumeric"
        return Picture(text, cat, size=len(pic))
    if "X" in pic or "A" in pic:
        raise PictureError(f"unsupported: alphanumeric-edited PICTURE {text}")
    return _decode_edited(text, pic)


def _decode_edited(text: str, pic: str) -> Picture:
    body = pic.replace("CR", "").replace("DB", "")
    if ("CR" in pic and not pic.endswith("CR")) or ("DB" in pic and not pic.endswith("DB")):
        raise PictureError(f"invalid PICTURE {text}: CR/DB must end it")
    if body.count(".") > 1 or body.count("V") > 1 or ("." in body and "V" in body):
        raise PictureError(f"invalid PICTURE {text}: more than one decimal point")
    digits = 0
    scale = 0
    after_point = False
    seen_float: dict[str, bool] = {}
    for i, ch in enumerate(body):
        if ch in ".V":
            after_point = True
            continue
        is_digit = ch in "9Z*"
        # The first symbol of a floating string is a sign/currency position, the rest digits.
        if ch in "$+-" and (seen_float.get(ch) or (i + 1 < len(body) and _repeats(body, i, ch))):
            is_digit = seen_float.get(ch, False)
            seen_float[ch] = True
        if is_digit:
            digits += 1
            if after_point:
                scale += 1
    if digits > MAX_DIGITS:
        raise PictureError(f"unsupported: edited PICTURE with more than 31 digits ({text})")
    mask = pic.replace("V", "")
    return Picture(text, "numeric-edited", digits, scale, True, len(mask), edit=mask)


def _repeats(body: str, i: int, ch: str) -> bool:
    rest = body[i + 1 :]
    return any(c == ch for c in rest.replace(",", "").replace(".", "")[:1])


def storage_size(pic: Picture, usage: str) -> int:
    if pic.category != "numeric":
        return pic.size
    if usage == "comp-3":
        return pic.digits // 2 + 1
    if usage in ("comp", "comp-5"):
        for limit, size in ((2, 1), (4, 2), (9, 4), (18, 8)):
            if pic.digits <= limit:
                return size
    return pic.digits
