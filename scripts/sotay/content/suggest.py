""""Did you mean …?" for ids, categories and codes an editor typed (difflib, accents ignored)."""
from __future__ import annotations

import difflib
from collections.abc import Iterable

from .vietnamese import fold


def closest(value: str, known: Iterable[str]) -> str | None:
    """The known value nearest to `value` (compared without accents and case), if any is close."""
    known = list(known)
    folded = {fold(k).lower(): k for k in known}
    hit = difflib.get_close_matches(fold(value).lower(), list(folded), n=1, cutoff=0.6)
    return folded[hit[0]] if hit else None


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """' Có phải ý bạn là "x"?' or an empty string."""
    hit = closest(value, known)
    return f' Có phải ý bạn là "{hit}"?' if hit and hit != value else ""
