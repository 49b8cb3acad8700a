"""Check `posters`: the guide's printable poster can be laid out (title and summary leave room for
the QR code, no word wider than the page). Drawn in memory, as the build and `make posters` do, so
a title that cannot fit is reported here, naming the line, instead of stopping the build."""
from __future__ import annotations

import datetime as dt
import re

from ..errors import Problem
from .base import GuideContext

ID = "posters"
TITLE = "Poster in được (tên và tóm tắt vừa trang, còn chỗ cho mã QR)"


def check(ctx: GuideContext):
    from ..poster.guide import LayoutError, render_guide
    from ..poster.texts import PosterText

    g = ctx.guide
    catalog = ctx.catalog
    if catalog is None:
        return []                          # the front matter is being fixed first
    lines = ctx.text.split("\n")
    line = next((i for i, t in enumerate(lines, 1) if re.match(r"^title\s*:", t)), 1)
    try:
        render_guide(PosterText(catalog, None, dt.date.today()), g)
    except LayoutError as exc:
        msg = str(exc).split(": ", 1)[-1]
        return [Problem(g.path, msg, line)]
    except Exception as exc:  # noqa: BLE001 — any other failure: reported in Vietnamese, never a traceback
        return [Problem(g.path, f"không vẽ được poster của hướng dẫn này ({type(exc).__name__}). Hãy rút ngắn "
                                '"title", "summary" hoặc các từ rất dài không có dấu cách.', line)]
    return []
