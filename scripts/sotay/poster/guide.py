"""The A4 poster of one guide: title, summary, three "what you will do" points, a ≥ 12 cm QR code.

    ┌──────────────────────────────────────────┐
    │ ▣ Sổ tay số · Xã …           Chủ đề      │  header band
    │ Tiêu đề lớn (≤ 3 dòng, đọc được từ 2 m)  │
    │ Một câu tóm tắt                          │
    │ Bạn sẽ làm   ┌───────────────┐           │
    │ ✔ bước …     │               │           │
    │ ✔ bước …     │     QR        │  ≥ 12 cm  │
    │ ✔ bước …     │               │           │
    │ ▯ Mở camera →└───────────────┘           │
    │        Không quét được? Gõ: domain/q/code│
    │ ⚠ Chỉ mở nếu địa chỉ bắt đầu bằng domain │
    │ Cần người giúp? nhà văn hóa, lịch, người │
    │ In ngày …                                │
    └──────────────────────────────────────────┘
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.colors import white
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from .. import qr
from ..content.steps import guide_steps, pick
from . import draw, texts
from .draw import BOLD, BRAND, INK, MUTED, QUIET_MODULES, REGULAR, Pen, fit

W, H = 210.0, 297.0
M = 11.0                # side margin for text (mm)
EDGE = 4.0              # the quiet zone may reach this close to the paper's edge (it is blank paper)
MIN_QR = 120.0          # symbol side, mm (issue 5: at least 12 cm)
MAX_QR = 124.0          # larger only narrows the column beside it
# (title max pt, title min pt, title max lines, summary max pt), most generous first
TOP_STYLES = [(46, 36, 2, 15), (38, 32, 3, 15), (36, 30, 3, 14), (33, 28, 3, 13), (30, 26, 4, 12),
              (28, 22, 5, 11.5)]
EC_LEVEL = "H"          # error correction: survives dirt, glare, a torn corner


class LayoutError(Exception):
    pass


@dataclass(frozen=True)
class Geometry:
    """Where the QR symbol was drawn (mm from the top-left), for tests and previews."""
    qr_x: float
    qr_top: float
    qr_side: float
    modules: int

    @property
    def quiet(self) -> float:
        return self.qr_side / self.modules * QUIET_MODULES


def _header(pen: Pen, ctx: texts.PosterText, right_text: str, y: float = 8.0, h: float = 16.0) -> float:
    pen.rect(M, y, W - 2 * M, h, fill=BRAND, radius=3)
    pen.phone_icon(M + 4.5, y + 2.5, h - 5, body=white, screen=BRAND)
    pen.text(M + 14, y + 8.0, ctx.site_name, BOLD, 18, white)
    pen.text(M + 14, y + 12.9, ctx.place_line, REGULAR, 10, white)
    cat = fit(right_text, BOLD, 78, 11.5, 9.5, 2, leading=1.15)
    pen.block(M, y + (h - cat.height) / 2, cat, white, "right", W - 2 * M - 5)
    return y + h


def render_guide(ctx: texts.PosterText, g, canvas: Canvas | None = None) -> tuple[bytes, Geometry]:
    """Draw the poster of guide `g` (a catalog Guide); return the PDF bytes and the QR geometry."""
    draw.register_fonts()
    buf = io.BytesIO()
    c = canvas or Canvas(buf, pagesize=A4, pageCompression=1, invariant=1, initialFontName=REGULAR, lang="vi")
    c.setTitle(g.title)
    c.setSubject(g.summary)
    c.setAuthor(ctx.author)
    c.setCreator("Sổ tay số — sotay posters")
    c.setKeywords(ctx.short_text(g))
    if ctx.sample:
        draw.sample_mark(c, *A4)
    pen = Pen(c, H)
    width = W - 2 * M

    # --- measure the bottom first (footer, safety, help) to know the space left for the QR ----
    foot_y = H - 8.0
    pad, gap = 3.0, 3.0
    half = (width - gap) / 2
    tw = half - 2 * pad - 10.5
    warn1 = fit(ctx.safety_line, BOLD, tw, 12.5, 10.5, 2, leading=1.2)
    warn2 = fit(ctx.secret_line, REGULAR, tw, 11, 9.5, 4, leading=1.22)
    help1 = fit(ctx.help_title, BOLD, tw, 12.5, 10.5, 2, leading=1.2)
    help2 = fit(ctx.help_text, REGULAR, tw, 11, 9.5, 5, leading=1.22)
    box_h = max(warn1.height + warn2.height, help1.height + help2.height) + 2 * pad
    box_top = foot_y - 3.2 - 2.5 - box_h
    bottom_start = box_top - 1.5

    # --- then draw in reading order (the PDF's text layer follows it) -------------------------
    header_end = _header(pen, ctx, ctx.category_title(g)) + 6.0

    # --- top: the largest title (then summary) that leaves a QR of at least MIN_QR ----------
    matrix = qr.matrix(ctx.short_url(g), EC_LEVEL)
    n = len(matrix)
    link_h = 10.0                                   # the typed short link under the quiet zone
    for t_max, t_min, t_lines, s_max in TOP_STYLES:
        title = fit(g.title, BOLD, width, t_max, t_min, t_lines, leading=1.08)
        summary = fit(g.summary, REGULAR, width, s_max, 11.5, 3, leading=1.25)
        top_end = header_end + title.height + 2.5 + summary.height + 1.0
        space = bottom_start - top_end              # quiet zone + symbol + quiet zone + link
        side = min(MAX_QR, (space - link_h) * n / (n + 8))
        if side >= MIN_QR + 1 and len(title.lines) <= t_lines:
            break
    y = pen.block(M, header_end, title, INK) + 2.5
    pen.block(M, y, summary, MUTED)

    # --- where the QR goes: at the right, as large as the space allows ----------------------
    qz = side / n * QUIET_MODULES
    if side < MIN_QR:
        raise LayoutError(f'{g.path.relative_to(ctx.catalog.root).as_posix() if g.path.is_absolute() else g.path}: '
                          f'poster không đủ chỗ cho mã QR 12 cm (chỉ còn {side:.0f} mm). '
                          f'Hãy rút ngắn "title" hoặc "summary" của hướng dẫn.')
    qr_right = W - EDGE - qz
    qr_x = qr_right - side
    extra = space - link_h - (side + 2 * qz)
    qr_top = top_end + qz + extra / 2

    # --- left column, beside the QR: what you will do, and how to scan ----------------------
    col_x, col_w = M, (qr_x - qz - 2.5) - M
    steps = guide_steps(g)
    points = [s.title for s in pick(steps, 3)]
    scan = fit(texts.SCAN, BOLD, col_w, 17, 13, 4, leading=1.15)
    scan_h = 15 + scan.height
    col_top, col_bottom = max(top_end + 2.0, qr_top - qz + 2.0), qr_top + side
    y = col_top
    avail = col_bottom - col_top - scan_h - 6
    for size in (13.5, 13, 12.5, 12, 11.5, 11, 10.5, 10):
        head = fit(texts.YOU_WILL_DO if points else "Thời gian", BOLD, col_w, 16, 12, 1)
        sub = fit(ctx.steps_line(g, len(steps)), REGULAR, col_w, 11, 9.5, 2)
        blocks = [fit(p, REGULAR, col_w - 8, size, size, 99, leading=1.2) for p in points]
        need = head.height + sub.height + 3 + sum(b.height + 2.5 for b in blocks)
        whole = all(draw.widest_word(p, REGULAR, size) <= col_w - 8 for p in points)
        if need <= avail and (whole or size <= 10):
            break
    while need > avail and len(blocks) > 1:     # very long step titles: keep the first and last
        blocks.pop(len(blocks) // 2 if len(blocks) > 2 else -1)
        need = head.height + sub.height + 3 + sum(b.height + 2.5 for b in blocks)
    y = pen.block(col_x, y, head, BRAND)
    y = pen.block(col_x, y, sub, MUTED) + 3
    for b in blocks:
        pen.check_icon(col_x + 2.8, y + b.line_mm / 2, 2.6)
        y = pen.block(col_x + 7.5, y, b, INK) + 2.5

    # how to scan: phone, words, an arrow pointing at the code
    ys = col_bottom - scan_h
    pen.phone_icon(col_x, ys, 13)
    pen.arrow(col_x + 10, ys + 6.5, qr_x - qz - 1.5, BRAND, 1.4)
    pen.block(col_x, ys + 15, scan, INK)

    # --- the QR at the right, on white, with its quiet zone ---------------------------------
    pen.rect(qr_x - qz, qr_top - qz, side + 2 * qz, side + 2 * qz, fill=white)
    pen.qr(qr_x, qr_top, side, matrix)

    # the short link, centred under the symbol, below its quiet zone: "Gõ địa chỉ: domain/q/code"
    yl = qr_top + side + qz
    room = side + 2 * qz - 6
    for size in (22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12):
        label_size = min(13.0, size * 0.62)
        lw = draw.text_width(texts.TYPE_IT + " ", REGULAR, label_size)
        kw = draw.text_width(ctx.short_text(g), BOLD, size)
        if lw + kw <= room:
            break
    x0 = min(qr_x + side / 2 - (lw + kw) / 2, W - M - (lw + kw))   # never past the right margin
    base = yl + 7.5
    pen.text(x0, base, texts.TYPE_IT, REGULAR, label_size, MUTED)
    pen.text(x0 + lw, base, ctx.short_text(g), BOLD, size, BRAND)

    # --- safety (left) and help (right), side by side, then the footer ------------------------
    top = box_top
    pen.safety_and_help(M, top, half, gap, box_h, pad, (warn1, warn2), (help1, help2),
                        icons=(8.0, 9.0), indent=10.5, line=1.2, nudge=-0.3)
    foot = ctx.footer(g)
    pen.text(M, foot_y, foot[0], REGULAR, 9, MUTED)
    pen.text(W - M, foot_y, foot[1], REGULAR, 9, MUTED, "right")

    c.showPage()
    if canvas is None:
        c.save()
    return buf.getvalue(), Geometry(qr_x, qr_top, side, n)
