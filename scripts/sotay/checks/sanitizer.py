"""Check `sanitizer`: the rendered page body must pass the allowlist sanitizer (sotay/web/sanitize.py) unchanged.

The `html` and `links` checks explain the usual mistakes in plain words; this one is the safety net
behind them: anything not on the allowlist (tags, attributes, URL schemes, comments) is refused,
whatever trick put it there, so nothing is silently removed from what residents see."""
from __future__ import annotations

import re

from ..content import facts
from ..web import pages
from ..web.sanitize import differences
from .base import GuideContext, render

ID = "sanitizer"
TITLE = "Trang tạo ra chỉ gồm thẻ và thuộc tính được phép (bộ lọc nh3)"

_NEEDLE_RE = re.compile(r'^<!?-*\[?([A-Za-z0-9:_-]*)(?: ([A-Za-z0-9:_-]+)=)?')


def check(ctx: GuideContext):
    out = []
    for src in (ctx.body, ctx.front):
        html, elements, _error = src.rendered()
        if elements is None:
            continue                      # the `html` check reports it
        used: dict = {}
        for what in differences(html):
            m = _NEEDLE_RE.match(what)
            needles = []
            if what.startswith("<!--"):
                needles = ["<!--"]
            elif m and m.group(2):
                needles = [f"{m.group(2)}=", m.group(2)]
            elif m and m.group(1):
                needles = [f"<{m.group(1)}", m.group(1)]
            i = src.locate(needles, used)
            if what.startswith("<!--"):
                msg = ('có ghi chú ẩn "<!-- … -->": phần bị ẩn không hiện cho người dân nhưng vẫn nằm trong trang. '
                       "Hãy xóa ghi chú (việc cần kiểm tra lại ghi vào trường \"review\").")
            else:
                msg = (f'trang tạo ra "{what}", không nằm trong danh sách thẻ và thuộc tính được phép nên sẽ bị '
                       "bộ lọc an toàn xóa. Hãy viết bằng Markdown thường (không HTML, không thuộc tính lạ).")
            out.append(src.problem(i, msg))
    # what the build adds around the body from the front matter: the header box and the footnotes
    # listing the sources (rendered with one reference to each, so every definition is drawn)
    g = ctx.guide
    try:
        refs = " ".join(sorted({f"[^{label}]" for s in facts.sentences(g.body) for label in s.refs}))
        extra = differences(render(ctx.root, pages.guide_header(g, stale=True) + "\n\nx " + refs + "\n"
                                   + facts.footnote_markdown(g)))
    except Exception as exc:  # noqa: BLE001 — reported, not raised
        extra = [f"({type(exc).__name__})"]
    if extra:
        out.append(ctx.front.problem(None, f"phần đầu (audience, needs, sources…) tạo ra {', '.join(extra[:5])} "
                                                      "trên trang, không nằm trong danh sách được phép. Chỉ viết chữ "
                                                      "thường trong các trường này."))
    return out
