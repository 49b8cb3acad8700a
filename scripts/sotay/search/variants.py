"""A query as residents also type it: without marks, with the Vietnamese keyboard off (Telex, VNI)
and with one slip. `sotay bench-search` compares what each form finds with the answer to the query
typed with its marks (no label needed); the tests hold the keyboard-off forms to it exactly."""
from __future__ import annotations

import random
import re
import unicodedata

from ..content.vietnamese import fold

# the shape keys typed after the letter, the tone key after the word, as most people type
IME = {"telex": ({"â": "aa", "ă": "aw", "ê": "ee", "ô": "oo", "ơ": "ow", "ư": "uw", "đ": "dd"},
                 {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}),
       "vni": ({"â": "a6", "ă": "a8", "ê": "e6", "ô": "o6", "ơ": "o7", "ư": "u7", "đ": "d9"},
               {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"})}
WORD = re.compile(r"\w+")


def ime_off(text: str, ime: str = "telex") -> str:
    """"Tiền điện" → "tieenf ddieenj" (telex) or "tie6n2 d9ie6n5" (vni)."""
    shapes, tones = IME[ime]

    def word(m: re.Match) -> str:
        tone, kept = "", []
        for ch in unicodedata.normalize("NFD", m.group(0).lower()):
            if ch in tones:
                tone = tones[ch]
            else:
                kept.append(ch)
        return "".join(shapes.get(c, c) for c in unicodedata.normalize("NFC", "".join(kept))) + tone
    return WORD.sub(word, text)


def one_slip(text: str, rng: random.Random) -> str | None:
    """One letter left out, swapped with the one before, or doubled, inside one word of four
    letters or more (the slips the worker corrects); None if the text has no such word."""
    found = [m for m in WORD.finditer(text) if len(m.group(0)) >= 4 and m.group(0).isalpha()]
    if not found:
        return None
    m = rng.choice(found)
    w, j = m.group(0), rng.randrange(1, len(m.group(0)) - 1)
    w = {"drop": w[:j] + w[j + 1:], "swap": w[:j - 1] + w[j] + w[j - 1] + w[j + 1:],
         "double": w[:j] + w[j] + w[j:]}[rng.choice(("drop", "swap", "double"))]
    return text[:m.start()] + w + text[m.end():]


def forms(text: str, rng: random.Random) -> dict[str, str | None]:
    """Every form of `text` the bench compares, by name."""
    return {"no marks": fold(text), "telex": ime_off(text, "telex"), "vni": ime_off(text, "vni"),
            "one slip": one_slip(text, rng)}
