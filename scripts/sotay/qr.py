"""QR codes: the modules of a code, one rule for every output that prints one (posters, booklets,
the printed copy of a page).

`matrix(data, level)` is the smallest code that holds `data` (UTF-8) at error-correction `level`,
with the mask qrcode judges best. qrcode draws the code eight times to score each mask (ISO/IEC 18004
penalty rules) in pure Python, about 7 ms a code; `_QRCode` places the data once and scores each
mask on rows held as integers and strings (regular expressions for runs and finder-like patterns,
bit operations for 2×2 blocks): the same penalties, so the same mask and the same modules
(tests/test_qr.py compares both on many inputs), a code in half the time. Codes are kept in memory and in
the build cache (sotay/cache.py): a guide's short link is drawn on its poster by `make check`, on its
villages' posters and menus by the build, on its booklet page by the prerender process and on its
page's printed copy, each in its own process."""
from __future__ import annotations

import functools
import re

from . import cache
from .content.config import ROOT

LEVELS = ("L", "M", "Q", "H")
_RUN = re.compile(r"0{5,}|1{5,}")                           # rule 1: five or more alike in a line
_FINDER = re.compile(r"(?=10111010000|00001011101)")        # rule 3: 1:1:3:1:1 beside four light


def penalty(rows: list[str]) -> int:
    """qrcode's `util.lost_point` of a square matrix given as rows of "0"/"1" (dark = "1")."""
    n = len(rows)
    lines = " ".join(rows + ["".join(col) for col in zip(*rows)])   # every row and column, apart
    runs = _RUN.findall(lines)
    points = sum(map(len, runs)) - 2 * len(runs) + 40 * len(_FINDER.findall(lines))
    full = (1 << n) - 1
    ints = [int(row, 2) for row in rows]
    for a, b in zip(ints, ints[1:]):                         # rule 2: 2×2 blocks of one colour
        same = ~(a ^ b) & full
        points += 3 * (same & (same >> 1) & ~(a ^ (a >> 1)) & (full >> 1)).bit_count()
    dark = sum(row.count("1") for row in rows)
    return points + int(abs(float(dark) / (n ** 2) * 100 - 50) / 5) * 10   # rule 4, as qrcode rounds


@functools.lru_cache(maxsize=64)
def _mask_rows(version: int) -> tuple[tuple[int, ...], ...]:
    """For each of the 8 masks, per row, the data modules it darkens (bit n-1-c for column c)."""
    from qrcode import main, util
    q = main.QRCode(version=version, box_size=1, border=0)
    q.makeImpl(True, 0)                                 # fills qrcode's blank for this version
    q.modules = [list(row) for row in main.precomputed_qr_blanks[version]]
    q.setup_type_info(True, 0)
    if version >= 7:
        q.setup_type_number(True)
    n = q.modules_count
    masks = []
    for k in range(8):
        is_dark = util.mask_func(k)
        masks.append(tuple(sum(1 << (n - 1 - c) for c in range(n) if q.modules[r][c] is None and is_dark(r, c))
                           for r in range(n)))
    return tuple(masks)


@functools.cache
def _qrcode_class():
    """qrcode's QRCode with the faster mask choice (the class made once, on the first code)."""
    import qrcode

    class _QRCode(qrcode.QRCode):
        def best_mask_pattern(self):
            """qrcode's choice (the first mask with the fewest penalty points), data placed once."""
            self.makeImpl(True, 0)
            n, masks = self.modules_count, _mask_rows(self.version)
            plain = [int("".join("1" if v else "0" for v in row), 2) ^ m for row, m in zip(self.modules, masks[0])]
            points = [penalty([format(row ^ m, f"0{n}b") for row, m in zip(plain, masks[k])]) for k in range(8)]
            return points.index(min(points))
    return _QRCode


def _make(data: str, level: str) -> bytes:
    from qrcode import constants           # loaded only when a code is made
    q = _qrcode_class()(version=None, error_correction=getattr(constants, f"ERROR_CORRECT_{level}"),
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


@functools.lru_cache(maxsize=512)
def pdf_path(modules: tuple[tuple[bool, ...], ...]) -> str:
    """PDF path operators for the dark modules of `matrix(...)`: one rectangle per run of dark
    modules in a row, in module units with the first row at the top (y grows downwards), to be
    filled under a transform that places and scales the code. One path: no seam between modules."""
    out = []
    for r, row in enumerate(modules):
        n, col = len(row), 0
        while col < n:
            if not row[col]:
                col += 1
                continue
            start = col
            while col < n and row[col]:
                col += 1
            out.append(f"{start} {r} {col - start} 1 re")
    return "\n".join(out)
