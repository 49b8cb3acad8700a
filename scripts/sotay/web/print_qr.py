"""The QR code printed on a guide's paper copy: inline SVG drawn at build time (no network, no JS).

`qr_svg(url)` returns a compact <svg> (one <path>, dark modules only) that scales to any size;
the template puts it in a print-only block next to the short link.
"""
from __future__ import annotations

from functools import lru_cache
from html import escape

from .. import cache

QUIET = 4  # modules of white border the QR standard asks for


@lru_cache(maxsize=512)
def qr_svg(url: str, title: str = "Mã QR") -> str:
    from .. import qr                    # error correction M, as the booklets print the same link
    matrix = qr.matrix(url, "M")
    n = len(matrix)
    size = n + 2 * QUIET
    # One stroked line per row: "M<x> <y+.5>h<run>" then "m<gap> 0h<run>" for the next dark run.
    rows = []
    for y, row in enumerate(matrix):
        runs, x = [], 0
        while x < n:
            if row[x]:
                start = x
                while x < n and row[x]:
                    x += 1
                runs.append((start, x - start))
            else:
                x += 1
        if not runs:
            continue
        (x0, w0), pen = runs[0], runs[0][0] + runs[0][1]
        d = f"M{x0 + QUIET} {y + QUIET}.5h{w0}"
        for xs, w in runs[1:]:
            d += f"m{xs - pen} 0h{w}"
            pen = xs + w
        rows.append(d)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
            f'role="img" aria-label="{escape(title)}" shape-rendering="crispEdges">'
            f'<rect width="{size}" height="{size}" fill="#fff"/>'
            f'<path stroke="#000" stroke-width="1" d="{"".join(rows)}"/></svg>')


def qr_svg_cached(root, url: str, title: str = "Mã QR") -> str:
    """qr_svg, kept in the build cache (sotay/cache.py) across builds."""
    return cache.cached(root, "print-qr", (url, title), lambda: qr_svg(url, title).encode("utf-8")).decode("utf-8")
