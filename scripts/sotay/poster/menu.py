"""The "menu" poster (A4 or A3): every guide of a category, or all, each with its own QR code.

Grouped by category; each cell is a QR code (symbol ≥ 3.5 cm, 4-module quiet zone) with the
guide's title and typed short link beside it. Pages are added as needed; every page repeats the
header, the scan instruction and the anti-fake line.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.colors import white
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .. import qr
from . import draw, texts
from .draw import BOLD, BRAND, BRAND_LIGHT, INK, MUTED, QUIET_MODULES, REGULAR, Pen, fit


@dataclass(frozen=True)
class MenuSize:
    name: str
    pagesize: tuple
    columns: int
    qr: float            # symbol side, mm (the densest layout)
    title_pt: float
    heading_pt: float
    big_pt: float
    max_qr: float = 0.0  # largest symbol tried when few guides leave room on one page

    @property
    def w(self) -> float:
        return self.pagesize[0] / mm

    @property
    def h(self) -> float:
        return self.pagesize[1] / mm


SIZES = {
    "A4": MenuSize("A4", A4, 2, 36.0, 13.0, 15.0, 26.0, max_qr=60.0),
    "A3": MenuSize("A3", A3, 3, 38.0, 14.5, 18.0, 34.0, max_qr=70.0),
}
MIN_QR = 35.0
EC_LEVEL = "Q"          # smaller symbols: Q keeps the modules larger than H would
M = 11.0


@dataclass(frozen=True)
class Cell:
    """Where one guide's QR was drawn (mm from the top-left of its page), for tests."""
    guide_id: str
    page: int
    x: float
    top: float
    side: float


def page_frame(pen: Pen, ctx: texts.PosterText, size: MenuSize, heading: str, page: int, pages: int,
                intro: str = "") -> tuple[float, float]:
    """Header and footer of a page; returns the (top, bottom) of the space left for cells."""
    W, H = size.w, size.h
    width = W - 2 * M
    band = 20.0 if size.name == "A4" else 26.0
    pen.rect(M, 8, width, band, fill=BRAND, radius=3)
    pen.phone_icon(M + 4, 8 + 3, band - 6, body=white, screen=BRAND)
    tx = M + 4 + (band - 6) * 0.6 + 4.5
    pen.text(tx, 8 + band * 0.5, ctx.site_name, BOLD, size.big_pt * 0.78, white)
    pen.text(tx, 8 + band * 0.8, ctx.place_line, REGULAR, size.heading_pt * 0.72, white)
    right = fit(heading, BOLD, width * 0.5, size.heading_pt, 10, 2, leading=1.15)
    pen.block(M, 8 + (band - right.height) / 2, right, white, "right", width - 5)
    y = 8 + band + 4
    intro = fit(intro or texts.SCAN + " của việc bạn cần làm.", BOLD, width - 12, size.heading_pt + 1, 11, 2)
    pen.phone_icon(M, y, 9 if size.name == "A4" else 11)
    y = pen.block(M + 9, y + 0.5, intro, INK) + 3

    # footer: anti-fake line, OTP line, print date, page number
    fy = H - 8
    left, right_txt = ctx.footer()
    if pages > 1:
        left += f" · Trang {page}/{pages}"
    pen.text(M, fy, left, REGULAR, 9, MUTED)
    pen.text(W - M, fy, right_txt, REGULAR, 9, MUTED, "right")
    # safety (left) and help (right), side by side, same height
    pad, gap = 2.5, 3.0
    half = (width - gap) / 2
    tw = half - 2 * pad - 10
    w1 = fit(ctx.safety_line, BOLD, tw, size.title_pt - 1, 10, 2, leading=1.2)
    w2 = fit(ctx.secret_line, REGULAR, tw, size.title_pt - 2.5, 9, 4, leading=1.2)
    h1 = fit(ctx.help_title, BOLD, tw, size.title_pt - 1, 10, 2, leading=1.2)
    h2 = fit(ctx.help_text, REGULAR, tw, size.title_pt - 2.5, 9, 5, leading=1.2)
    box_h = max(w1.height + w2.height, h1.height + h2.height) + 2 * pad
    top = fy - 4.5 - box_h
    pen.safety_and_help(M, top, half, gap, box_h, pad, (w1, w2), (h1, h2),
                        icons=(7, 8.5), indent=10, line=1.1)
    return y, top - 3


def _layout(ctx, guides, columns: int, cell_h: float, heading_h: float,
            space_top: float, space_bottom: float, categories, qz: float) -> list[list[tuple]]:
    """Place category headings and cells on pages. Returns pages: [("heading", cat, y) | ("cell", g, col, y)].

    A cell is the top quiet zone + the symbol (`cell_h`); rows of one category share the quiet
    zone between them, and the last row keeps its bottom quiet zone before the next heading."""
    pages: list[list[tuple]] = [[]]
    y = space_top
    for key in categories:
        group = [g for g in guides if g.category == key]
        if not group:
            continue
        rows = [group[i:i + columns] for i in range(0, len(group), columns)]
        first = True
        for row in rows:
            need = cell_h + qz + (heading_h if first else 0)
            if y + need > space_bottom and pages[-1]:
                pages.append([])
                y = space_top
                first = True                 # repeat the heading on the new page
            if first:
                pages[-1].append(("heading", key, y, row is not rows[0]))
                y += heading_h
                first = False
            for col, g in enumerate(row):
                pages[-1].append(("cell", g, col, y))
            y += cell_h
        y += qz + 1
    return pages


GAP = 4.0               # between columns


def _plan(ctx: texts.PosterText, guides: list, size: MenuSize, heading: str):
    """(columns, QR side, quiet zone, heading height, pages) of the menu, without drawing it."""
    width = size.w - 2 * M
    # every QR in a menu has the same size; the quiet zone is 4 of the largest modules
    n = min(len(qr.matrix(ctx.short_url(g), EC_LEVEL)) for g in guides)
    heading_h = size.heading_pt * 0.3528 * 1.25 + 5
    categories = list(ctx.catalog.categories)
    # the frame's space is the same on every page: measure it on a throwaway canvas
    probe = Canvas(io.BytesIO(), pagesize=size.pagesize, initialFontName=REGULAR)
    space_top, space_bottom = page_frame(Pen(probe, size.h), ctx, size, heading, 1, 2)
    # a few guides (one category): larger codes and text, if they all fit on one page
    # (largest code first, then fewest columns; the text beside a code keeps at least 45 mm)
    candidates = [(c, float(sd)) for sd in range(int(size.max_qr), int(size.qr), -2)
                  for c in range(1, size.columns + 1)]
    for columns, side in (*candidates, (size.columns, size.qr)):
        cell_w = (width - GAP * (columns - 1)) / columns
        qz = side / n * QUIET_MODULES
        if cell_w - (side + 2 * qz) < 45 and (columns, side) != (size.columns, size.qr):
            continue
        cell_h = side + qz + 1.0             # top quiet zone (+1 mm to spare) + symbol
        pages = _layout(ctx, guides, columns, cell_h, heading_h, space_top, space_bottom, categories, qz)
        if len(pages) == 1:
            break
    return columns, side, qz, heading_h, pages


def page_count(ctx: texts.PosterText, guides: list, size_name: str = "A4", heading: str = "") -> int:
    """How many pages the menu of `guides` takes (nothing is drawn)."""
    draw.register_fonts()
    return len(_plan(ctx, guides, SIZES[size_name], heading or "Tất cả hướng dẫn")[4])


def render_menu(ctx: texts.PosterText, guides: list, size_name: str = "A4", heading: str = "",
                canvas: Canvas | None = None) -> tuple[bytes, list[Cell]]:
    """Draw the menu poster for `guides` (catalog order), grouped by category."""
    draw.register_fonts()
    size = SIZES[size_name]
    buf = io.BytesIO()
    c = canvas or Canvas(buf, pagesize=size.pagesize, pageCompression=1, invariant=1, initialFontName=REGULAR, lang="vi")
    heading = heading or "Tất cả hướng dẫn"
    c.setTitle(f"{ctx.site_name}: {heading}")
    c.setAuthor(ctx.author)
    c.setCreator("Sổ tay số — sotay posters")
    pen = Pen(c, size.h)
    width, gap = size.w - 2 * M, GAP
    columns, side, qz, heading_h, pages = _plan(ctx, guides, size, heading)
    cell_w = (width - gap * (columns - 1)) / columns
    title_pt = size.title_pt * min(1.35, side / size.qr)

    cells: list[Cell] = []
    for p, items in enumerate(pages, start=1):
        if ctx.sample:
            draw.sample_mark(c, *size.pagesize)
        page_frame(pen, ctx, size, heading, p, len(pages))
        for item in items:
            if item[0] == "heading":
                _, key, y, cont = item
                cat = ctx.catalog.categories[key]
                label = cat.title + (" (tiếp)" if cont else "")
                pen.rect(M, y + 1, width, heading_h - 3, fill=BRAND_LIGHT, radius=2)
                pen.text(M + 3, y + 1 + (heading_h - 3) * 0.72, label, BOLD, size.heading_pt, BRAND)
                continue
            _, g, col, y = item
            x = M + col * (cell_w + gap)
            qx, qtop = x + qz, y + qz
            pen.rect(x, y, side + 2 * qz, side + 2 * qz, fill=white)   # symbol and its quiet zone
            pen.qr(qx, qtop, side, qr.matrix(ctx.short_url(g), EC_LEVEL))
            cells.append(Cell(g.id, p, qx, qtop, side))
            tx = x + side + 2 * qz + 0.5
            tw = cell_w - (side + 2 * qz) - 1
            link = fit(ctx.short_text(g), BOLD, tw, title_pt - 3, 7.5, 1)
            title = fit(g.title, BOLD, tw, title_pt, 9, 4, leading=1.15)
            summary_room = side - title.height - link.height - 1.5
            yy = pen.block(tx, qtop - 0.5, title, INK) + 1
            summary = fit(g.summary, REGULAR, tw, title_pt - 3.5, title_pt - 3.5, 99, leading=1.2)
            keep = int(max(0, summary_room) // summary.line_mm)
            if keep:
                lines = summary.lines[:keep]
                if len(summary.lines) > keep:
                    lines[-1] = _ellipsize(lines[-1], summary, tw)
                pen.block(tx, yy, draw.Block(summary.font, summary.size, lines, summary.leading), MUTED)
            pen.block(tx, qtop + side - link.height, link, BRAND)
        c.showPage()
    if canvas is None:
        c.save()
    return buf.getvalue(), cells


def _ellipsize(line: str, block, width: float) -> str:
    words = line.split()
    while words and draw.text_width(" ".join(words) + "…", block.font, block.size) > width:
        words.pop()
    return " ".join(words) + "…"
