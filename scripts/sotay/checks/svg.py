"""Check `svg`: every SVG committed beside a guide (and under docs/) is parsed and held to a small
allowlist of drawing elements and attributes (sotay/images/svgsafe.py). Anyone can send residents the
direct link to an .svg file, so a script in one would run on the site's own origin."""
from __future__ import annotations

import json
from pathlib import Path

from .. import cache
from ..errors import Problem
from ..images.svgsafe import problems as svg_problems
from .base import GuideContext, SiteContext

ID = "svg"
TITLE = "Ảnh SVG an toàn (chỉ thẻ vẽ, không mã, không tải gì từ nơi khác)"
SCOPE = "both"          # a guide's own SVGs with its other checks (cached with them); the rest once


def _svgs(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern)) + sorted(folder.glob(pattern[:-3] + "SVG"))


def check(ctx: GuideContext | SiteContext):
    if isinstance(ctx, GuideContext):
        return _verdicts(ctx.root, _svgs(ctx.guide.dir, "*.svg"))
    guides = {g.dir.resolve() for g in ctx.guides}
    files = [f for f in _svgs(ctx.root, "guides/*/*/*.svg") if f.parent.resolve() not in guides]  # not a guide's
    return _verdicts(ctx.root, files + sorted(ctx.root.glob("docs/**/*.svg"))
                     + sorted(ctx.root.glob("overrides/**/*.svg")))


def _verdicts(root: Path, files: list[Path]) -> list[Problem]:
    out = []
    for f in files:
        data = f.read_bytes()        # each file's verdict is kept by its bytes (sotay/cache.py)
        bad = json.loads(cache.cached(root, "svg-check", (data,),
                                      lambda data=data: json.dumps(svg_problems(data), ensure_ascii=False).encode()))
        if bad:
            out.append(Problem(f, "tệp SVG không an toàn hoặc hỏng: " + "; ".join(bad) + ". Chỉ dùng ảnh do "
                                  "`make images` tạo, hoặc SVG đơn giản chỉ có hình vẽ (không mã, không liên kết, "
                                  "không tải gì thêm)."))
    return out
