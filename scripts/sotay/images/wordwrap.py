"""Greedy word wrap shared by everything that draws text (mock screens, posters, preview images).

The caller says what fits (`fits(text) -> bool`, usually a measured width) and how a word too long
for a line of its own is broken (`break_word`); plain Python, no drawing library.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

Fits = Callable[[str], bool]


def split_chars(text: str, fits: Fits) -> tuple[list[str], str]:
    """Cut `text` between characters into full lines that fit; returns (full lines, the rest)."""
    full = []
    while not fits(text):
        cut = len(text)
        while cut > 1 and not fits(text[:cut]):
            cut -= 1
        full.append(text[:cut])
        text = text[cut:]
    return full, text


def wrap_words(words: Iterable[str], fits: Fits,
               break_word: Callable[[str], tuple[list[str], str]] | None = None,
               sep: str = " ") -> tuple[list[str], str]:
    """Join words (with `sep`) into lines while `fits`. A word that does not fit on a line of its own goes to
    `break_word` (→ full lines and the rest, which the next words may join) or, without one, stands
    alone. Returns (full lines, the last line, possibly "")."""
    lines: list[str] = []
    line = ""
    for word in words:
        candidate = f"{line}{sep}{word}" if line else word
        if fits(candidate):
            line = candidate
            continue
        if line:
            lines.append(line)
        if break_word is None or fits(word):
            line = word
            continue
        full, line = break_word(word)
        lines.extend(full)
    return lines, line
