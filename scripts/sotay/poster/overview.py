"""The one-sheet overview (A3): every topic's QR code, and under each topic its guides with the
short link to type.

A QR code per guide stops fitting on one A3 sheet at about 30 guides (each symbol ≥ 3.5 cm with its
4-module quiet zone), so when the menu poster of every guide would need more than one sheet, the
A3 "Tất cả hướng dẫn" is this overview instead: one QR code per topic (≥ 3.5 cm, to the topic's
page, which lists its guides) and every guide's title with its typed short link. The A4 menus keep
one QR code per guide.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.colors import white
from reportlab.pdfgen.canvas import Canvas

from .. import qr
from . import draw, texts
from .draw import BOLD, BRAND, INK, QUIET_MODULES, REGULAR, Block, Pen, fit
from .menu import EC_LEVEL, M, MIN_QR, SIZES, Cell, page_frame

QR_SIDE = 40.0          # mm, every topic's symbol (≥ MIN_QR)
GAP = 6.0               # between the two columns
INTRO = "Quét mã QR của chủ đề bạn cần, rồi chọn hướng dẫn. Hoặc gõ địa chỉ ngắn ghi dưới mỗi hướng dẫn."


@dataclass(frozen=True)
class _Topic:
    key: str
    title: Block
    lines: list[tuple[Block, Block]]       # per guide: its title, its short link

    @property
    def text_height(self) -> float:
        return self.title.height + 1.5 + sum(t.height + s.height + 1.2 for t, s in self.lines)


def _topics(ctx: texts.PosterText, guides: list, text_w: float, pt: float) -> list[_Topic]:
    out = []
    for key, cat in ctx.catalog.categories.items():
        group = [g for g in guides if g.category == key]
        if not group:
            continue
        lines = [(fit(g.title, BOLD, text_w, pt, pt, 9, leading=1.15),
                  fit(ctx.short_text(g), REGULAR, text_w, pt - 1, 6, 1)) for g in group]
        out.append(_Topic(key, fit(cat.title, BOLD, text_w, pt + 3, pt + 1, 2, leading=1.15), lines))
    return out


def _columns(heights: list[float]) -> tuple[list[int], list[int]]:
    """Topics (by index) for the left and right column, each column in topic order, so that the
    taller column is as short as possible (a handful of topics: every split is tried)."""
    n, best = len(heights), None
    for mask in range(1 << n):
        left = [i for i in range(n) if mask >> i & 1]
        right = [i for i in range(n) if not mask >> i & 1]
        tall = max(sum(heights[i] for i in left), sum(heights[i] for i in right))
        if best is None or tall < best[0] - 1e-9:
            best = (tall, left, right)
    return best[1], best[2]


def render_overview(ctx: texts.PosterText, guides: list, heading: str = "") -> tuple[bytes, list[Cell]]:
    """One A3 sheet; `Cell` per topic QR code (its `guide_id` is the topic key), for tests."""
    draw.register_fonts()
    size = SIZES["A3"]
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=size.pagesize, pageCompression=1, invariant=1, initialFontName=REGULAR, lang="vi")
    heading = heading or "Tất cả hướng dẫn"
    c.setTitle(f"{ctx.site_name}: {heading}")
    c.setAuthor(ctx.author)
    c.setCreator("Sổ tay số — sotay posters")
    pen = Pen(c, size.h)
    if ctx.sample:
        draw.sample_mark(c, *size.pagesize)
    top, bottom = page_frame(pen, ctx, size, heading, 1, 1, intro=INTRO)

    col_w = (size.w - 2 * M - GAP) / 2
    urls = {key: ctx.catalog.url(cat.url_path) for key, cat in ctx.catalog.categories.items()}
    n = min(len(qr.matrix(u, EC_LEVEL)) for u in urls.values())
    side = max(QR_SIDE, MIN_QR)
    qz = side / n * QUIET_MODULES
    text_w = col_w - side - 2 * qz - 2
    # the largest type at which both columns fit the sheet (never below 8 pt)
    for pt in (14.0, 13.0, 12.0, 11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0):
        topics = _topics(ctx, guides, text_w, pt)
        heights = [max(side + 2 * qz, t.text_height) + 3 for t in topics]
        columns = _columns(heights)
        if max(sum(heights[i] for i in col) for col in columns) <= bottom - top:
            break
    cells: list[Cell] = []
    for col, indices in enumerate(columns):
        x, y = M + col * (col_w + GAP), top
        for t, h in ((topics[i], heights[i]) for i in indices):
            pen.rect(x, y, side + 2 * qz, side + 2 * qz, fill=white)
            pen.qr(x + qz, y + qz, side, qr.matrix(urls[t.key], EC_LEVEL))
            cells.append(Cell(t.key, 1, x + qz, y + qz, side))
            tx = x + side + 2 * qz + 2
            yy = pen.block(tx, y + qz - 0.5, t.title, BRAND) + 1.5
            for title, link in t.lines:
                yy = pen.block(tx, yy, title, INK)
                yy = pen.block(tx, yy, link, BRAND) + 1.2
            y += h
    c.showPage()
    c.save()
    return buf.getvalue(), cells
