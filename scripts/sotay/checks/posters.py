"""Check `posters`: the guide's printable poster can be laid out (title and summary leave room for
the QR code, no word wider than the page). Drawn in memory, as the build and `make posters` do, so
a title that cannot fit is reported here, naming the line, instead of stopping the build. The poster
drawn is the site's own (site/poster/<id>.pdf), so it is kept in the build cache where the build
looks for it: the build does not draw it a second time."""
from __future__ import annotations

import datetime as dt
import re

from .. import cache
from ..errors import Problem
from .base import GuideContext

ID = "posters"
TITLE = "Poster in được (tên và tóm tắt vừa trang, còn chỗ cho mã QR)"


def check(ctx: GuideContext):
    from ..poster import build as posters
    from ..poster.guide import LayoutError

    g = ctx.guide
    catalog = ctx.catalog
    if catalog is None:
        return []                          # the front matter is being fixed first
    lines = ctx.text.split("\n")
    line = next((i for i, t in enumerate(lines, 1) if re.match(r"^title\s*:", t)), 1)
    try:
        today = dt.date.today()
        job = posters.guide_job(g)
        cache.cached(catalog.root, "poster-pdf", posters.job_inputs(catalog, job, today),
                     lambda: posters.render(catalog, job, today))
    except LayoutError as exc:
        msg = str(exc).split(": ", 1)[-1]
        return [Problem(g.path, msg, line)]
    except Exception as exc:  # noqa: BLE001 — any other failure: reported in Vietnamese, never a traceback
        return [Problem(g.path, f"không vẽ được poster của hướng dẫn này ({type(exc).__name__}). Hãy rút ngắn "
                                '"title", "summary" hoặc các từ rất dài không có dấu cách.', line)]
    return []
