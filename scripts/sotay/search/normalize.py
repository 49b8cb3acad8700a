"""Vietnamese token normalisation for search — the Python half of a pair.

The browser worker (overrides/assets/javascripts/sotay-search-worker.js) implements the very same
functions; both are tested against one table of cases (scripts/sotay/search/cases.json).

Every word becomes two keys:

* the *exact key* keeps the letters' shape marks (â ă ê ô ơ ư đ) and records the tone as one
  trailing capital letter, Telex style (S sắc, F huyền, R hỏi, X ngã, J nặng), wherever the tone
  mark sat. So old and new tone placement give the same key: "hoá"/"hóa" → "hoaS",
  "thuỷ"/"thủy" → "thuyR". A syllable whose only vowel is "y" after a consonant (or alone) is
  spelled with "i": "kí"/"ký" → "kiS", "lí"/"lý" → "liS", "mĩ"/"mỹ" → "miX".
* the *folded key* drops every diacritic including đ→d: "Điện" → "dien", "kỹ" → "ki".

A query word matches a document word when the folded keys are equal; it matches *exactly* (and
ranks higher) when the exact keys are equal too.
"""
from __future__ import annotations

import functools
import re
import unicodedata

TONES = {"\u0300": "F", "\u0301": "S", "\u0303": "X", "\u0309": "R", "\u0323": "J"}
_TONE_END = re.compile(r"[SFRXJ]$")
_Y_ONLY = re.compile(r"^(qu|[bcdđghklmnprstvx]*)y$")


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LNM"


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Words of an NFC text as (surface, start, end); a word is a run of letters, digits, marks."""
    out, start = [], None
    for i, ch in enumerate(text):
        if _is_word_char(ch):
            if start is None:
                start = i
        elif start is not None:
            out.append((text[start:i], start, i))
            start = None
    if start is not None:
        out.append((text[start:], start, len(text)))
    return out


def words(text: str) -> list[str]:
    return [w for w, _, _ in tokens(unicodedata.normalize("NFC", text))]


@functools.lru_cache(maxsize=1 << 16)   # a site has a few thousand distinct words, each seen many times
def exact_key(word: str) -> str:
    """"Hoá" → "hoaS"; "thuỷ" → "thuyR"; "Ký" → "kiS"; "đường" → "đươngF"."""
    tone = ""
    kept = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        t = TONES.get(ch)
        if t is not None:
            tone = tone or t
        else:
            kept.append(ch)
    base = unicodedata.normalize("NFC", "".join(kept))
    m = _Y_ONLY.match(base)
    if m:
        base = m.group(1) + "i"
    return base + tone


@functools.lru_cache(maxsize=1 << 16)
def fold_key(key: str) -> str:
    """Folded key of an exact key: "đươngF" → "duong", "kiS" → "ki"."""
    base = _TONE_END.sub("", key).replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFD", base) if not unicodedata.combining(ch))


def keys(text: str) -> list[tuple[str, str]]:
    """(exact, folded) keys of every word of `text`, in order."""
    out = []
    for w in words(text):
        e = exact_key(w)
        out.append((e, fold_key(e)))
    return out


@functools.lru_cache(maxsize=1 << 16)
def fits(q: str, d: str) -> bool:
    """Exact key `q` is exact key `d` typed with fewer marks, or `d` itself: "bao" and "bảo" fit
    "bảo", "bão" does not; "d" fits "đ", never the reverse. The worker's `fits`, on the same table."""
    qt = q[-1] if _TONE_END.search(q) else ""
    dt = d[-1] if _TONE_END.search(d) else ""
    if qt and qt != dt:
        return False
    qb = unicodedata.normalize("NFD", q[:-1] if qt else q)
    db = unicodedata.normalize("NFD", d[:-1] if dt else d)
    j = 0
    for ch in qb:
        while j < len(db) and db[j] != ch and unicodedata.combining(db[j]):
            j += 1                                   # skip marks the query lacks
        if j >= len(db) or db[j] != ch:
            if ch == "d" and j < len(db) and db[j] == "đ":
                j += 1
                continue
            return False
        j += 1
    return all(unicodedata.combining(c) for c in db[j:])
