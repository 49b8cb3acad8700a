"""QR codes: the modules of a code, one rule for every output that prints one (posters, booklets,
the printed copy of a page).

`matrix(data, level)` is the smallest code that holds `data` (UTF-8) at error-correction `level`,
with the mask qrcode judges best (the slow part: about 9 ms a code). Codes are kept in memory and in
the build cache (sotay/cache.py): a guide's short link is drawn on its poster by `make check`, on its
villages' posters and menus by the build, on its booklet page by the prerender process and on its
page's printed copy, each in its own process."""
from __future__ import annotations

import functools

from . import cache
from .content.config import ROOT

LEVELS = ("L", "M", "Q", "H")


def _make(data: str, level: str) -> bytes:
    import qrcode                          # loaded only when a code is made
    from qrcode import constants
    q = qrcode.QRCode(version=None, error_correction=getattr(constants, f"ERROR_CORRECT_{level}"),
                      box_size=1, border=0)
    q.add_data(data.encode("utf-8"))
    q.make(fit=True)
    return "\n".join("".join("1" if v else "0" for v in row) for row in q.get_matrix()).encode("ascii")


@functools.lru_cache(maxsize=512)
def matrix(data: str, level: str = "H") -> tuple[tuple[bool, ...], ...]:
    """The QR modules (True = dark) of `data`, without quiet zone, smallest version that fits."""
    if level not in LEVELS:
        raise ValueError(f"QR error-correction level {level!r}: one of {LEVELS}")
    rows = cache.cached(ROOT, "qr", (data, level), lambda: _make(data, level)).decode("ascii").split("\n")
    return tuple(tuple(c == "1" for c in row) for row in rows)
