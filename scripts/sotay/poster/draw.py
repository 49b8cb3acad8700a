"""Drawing helpers for the posters: fonts, wrapped text, the vector QR code, small icons.

Coordinates: millimetres, measured from the TOP-left corner of the page (reportlab's origin is
bottom-left; `Pen` converts), so layouts read from top to bottom like the poster itself.
"""
from __future__ import annotations

import collections
import functools
import re
from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .. import qr
from ..content.config import ROOT
from ..images.wordwrap import split_chars, wrap_words

REGULAR, BOLD = "NotoSans", "NotoSans-Bold"
FONT_FILES = {REGULAR: ROOT / "fonts" / "NotoSans-Regular.ttf", BOLD: ROOT / "fonts" / "NotoSans-Bold.ttf"}

# Colours chosen to stay readable when photocopied in grey.
BRAND = HexColor("#0b5394")
BRAND_LIGHT = HexColor("#e6eef8")
INK = HexColor("#111111")
MUTED = HexColor("#444444")
WARN = HexColor("#a61b1b")
WARN_LIGHT = HexColor("#fdf0ee")
QR_DARK = HexColor("#000000")

QUIET_MODULES = 4            # quiet zone around every QR symbol, in modules


@functools.cache
def register_fonts() -> None:
    """Register Noto Sans (OFL, every Vietnamese glyph) once; reportlab embeds only the used glyphs."""
    for name, path in FONT_FILES.items():
        font = TTFont(name, str(path))
        _keep_subsets(font.face)
        pdfmetrics.registerFont(font)


SUBSETS_KEPT = 16


def _keep_subsets(face) -> None:
    """Keep the last SUBSETS_KEPT font subsets ReportLab made (`makeSubset`: the glyphs a PDF
    embeds, a pure function of the font and the glyph list): a booklet's parts all embed the same
    subset (booklet/pdf.py primes every letter of Vietnamese in order), so it is cut once, not once
    a part."""
    make, kept = face.makeSubset, collections.OrderedDict()

    def make_subset(subset):
        key = tuple(subset)
        if key in kept:
            kept.move_to_end(key)
        else:
            kept[key] = make(subset)
            if len(kept) > SUBSETS_KEPT:
                kept.popitem(last=False)
        return kept[key]
    face.makeSubset = make_subset


def text_width(text: str, font: str, size: float) -> float:
    """Width in mm."""
    return pdfmetrics.stringWidth(text, font, size) / mm


def _pieces(word: str) -> list[str]:
    """A long word (a web address) split after ".", "/" or "-", where a reader expects a break."""
    return [p for p in re.split(r"(?<=[./\-])", word) if p]


def wrap(text: str, font: str, size: float, width_mm: float) -> list[str]:
    """Greedy word wrap to `width_mm`. A word longer than the line is split after ".", "/" or "-",
    and only as a last resort between characters; nothing is ever wider than `width_mm`."""
    def fits(t: str) -> bool:
        return text_width(t, font, size) <= width_mm

    def break_word(word: str) -> tuple[list[str], str]:       # pieces of an address, joined as they were
        return wrap_words(_pieces(word), fits, lambda piece: split_chars(piece, fits), sep="")

    lines, last = wrap_words(text.split(), fits, break_word)
    return lines + [last] if last else lines


def widest_word(text: str, font: str, size: float) -> float:
    return max((text_width(w, font, size) for w in text.split()), default=0.0)


@dataclass(frozen=True)
class Block:
    """Text fitted into a box: its size, lines and height (mm)."""
    font: str
    size: float
    lines: list[str]
    leading: float

    @property
    def line_mm(self) -> float:
        return self.size * self.leading / mm

    @property
    def height(self) -> float:
        return self.line_mm * len(self.lines)


def fit(text: str, font: str, width_mm: float, max_size: float, min_size: float, max_lines: int,
        leading: float = 1.2, step: float = 1.0) -> Block:
    """The largest size (≤ max_size) at which `text` wraps into at most `max_lines` lines.

    Below `min_size` the text is still wrapped (more lines), never cut and never wider than the box."""
    size = max_size
    while size >= min_size:
        lines = wrap(text, font, size, width_mm)
        if len(lines) <= max_lines:
            return Block(font, size, lines, leading)
        size -= step
    return Block(font, min_size, wrap(text, font, min_size, width_mm), leading)


class Pen:
    """A reportlab canvas addressed in millimetres from the top-left corner."""

    def __init__(self, canvas, page_h_mm: float):
        self.c = canvas
        self.h = page_h_mm

    def _y(self, top_mm: float) -> float:
        return (self.h - top_mm) * mm

    def fill(self, color: Color):
        self.c.setFillColor(color)

    def rect(self, x, top, w, h, fill: Color | None = None, stroke: Color | None = None,
             radius: float = 0.0, line: float = 0.8):
        c = self.c
        if fill is not None:
            c.setFillColor(fill)
        if stroke is not None:
            c.setStrokeColor(stroke)
            c.setLineWidth(line)
        args = (x * mm, self._y(top + h), w * mm, h * mm)
        if radius:
            c.roundRect(*args, radius * mm, stroke=int(stroke is not None), fill=int(fill is not None))
        else:
            c.rect(*args, stroke=int(stroke is not None), fill=int(fill is not None))

    def text(self, x, baseline_top, s: str, font: str, size: float, color: Color = INK, align: str = "left"):
        c = self.c
        c.setFillColor(color)
        c.setFont(font, size)
        y = self._y(baseline_top)
        if align == "center":
            c.drawCentredString(x * mm, y, s)
        elif align == "right":
            c.drawRightString(x * mm, y, s)
        else:
            c.drawString(x * mm, y, s)

    def block(self, x, top, block: Block, color: Color = INK, align: str = "left", width: float = 0.0) -> float:
        """Draw a fitted block with its first line's top at `top`; return the bottom (mm)."""
        ascent = block.size * 0.78 / mm          # Noto Sans cap height ≈ 0.71 em, accents above
        y = top + ascent + (block.line_mm - block.size / mm) / 2
        ax = x + width / 2 if align == "center" else x + width if align == "right" else x
        for ln in block.lines:
            self.text(ax, y, ln, block.font, block.size, color, align)
            y += block.line_mm
        return top + block.height

    def circle(self, cx, cy, r, fill: Color):
        self.c.setFillColor(fill)
        self.c.circle(cx * mm, self._y(cy), r * mm, stroke=0, fill=1)

    def qr(self, x, top, side, matrix: tuple[tuple[bool, ...], ...]):
        """The QR symbol as vector squares: one filled path, runs of dark modules merged per row.

        `x`, `top`, `side`: the symbol itself (without the quiet zone), in mm. The path is written
        in whole modules under one transform (`qr.pdf_path`), not as ReportLab rectangles: the same
        shapes, a fraction of the work (a poster draws hundreds of runs)."""
        m = side / len(matrix) * mm
        c = self.c
        c.saveState()
        c.setFillColor(QR_DARK)
        c.transform(m, 0, 0, -m, x * mm, self._y(top))        # a module a unit, rows downwards
        c.addLiteral(qr.pdf_path(matrix) + " f")
        c.restoreState()

    def phone_icon(self, x, top, h, body: Color = BRAND, screen: Color = white):
        """A simple phone (h tall) — the site's logo shape."""
        w = h * 0.6
        self.rect(x, top, w, h, fill=body, radius=h * 0.12)
        self.rect(x + w * 0.13, top + h * 0.11, w * 0.74, h * 0.68, fill=screen, radius=h * 0.04)
        for i, frac in enumerate((0.74, 0.74, 0.5)):
            self.rect(x + w * 0.25, top + h * (0.2 + i * 0.14), w * 0.5 * frac / 0.74, h * 0.06, fill=body)
        self.circle(x + w / 2, top + h * 0.895, h * 0.05, screen)

    def check_icon(self, cx, cy, r, color: Color = BRAND):
        """A filled circle with a white tick."""
        self.circle(cx, cy, r, color)
        c = self.c
        c.setStrokeColor(white)
        c.setLineWidth(r * mm * 0.28)
        c.setLineCap(1)
        c.setLineJoin(1)
        p = c.beginPath()
        p.moveTo((cx - r * 0.45) * mm, self._y(cy + r * 0.02))
        p.lineTo((cx - r * 0.12) * mm, self._y(cy + r * 0.35))
        p.lineTo((cx + r * 0.5) * mm, self._y(cy - r * 0.35))
        c.drawPath(p, stroke=1, fill=0)

    def warn_icon(self, x, top, h, color: Color = WARN):
        """A warning triangle with "!"."""
        c = self.c
        c.setFillColor(color)
        p = c.beginPath()
        p.moveTo((x + h * 0.577) * mm, self._y(top))
        p.lineTo((x + h * 1.155) * mm, self._y(top + h))
        p.lineTo(x * mm, self._y(top + h))
        p.close()
        c.drawPath(p, stroke=0, fill=1)
        cx = x + h * 0.577          # "!" drawn as shapes, so it stays out of the text layer
        self.rect(cx - h * 0.055, top + h * 0.3, h * 0.11, h * 0.38, fill=white, radius=h * 0.04)
        self.circle(cx, top + h * 0.8, h * 0.07, white)

    def safety_and_help(self, x, top, half, gap, box_h, pad, warn: tuple, help: tuple,
                        icons: tuple[float, float], indent: float, line: float, nudge: float = 0.0):
        """The two boxes every poster ends with: safety (red, left) and where to get help (blue, right).

        `warn`/`help` are (heading Block, text Block); `icons` the heights of the warning and phone
        icons; `indent` where the text starts after the icon; `nudge` shifts the icons sideways."""
        self.rect(x, top, half, box_h, fill=WARN_LIGHT, stroke=WARN, radius=2.5, line=line)
        self.warn_icon(x + pad + nudge, top + pad + 0.5, icons[0])
        yy = self.block(x + pad + indent, top + pad, warn[0], WARN)
        self.block(x + pad + indent, yy, warn[1], INK)
        hx = x + half + gap
        self.rect(hx, top, half, box_h, fill=BRAND_LIGHT, stroke=BRAND, radius=2.5, line=line)
        self.phone_icon(hx + pad + 0.5 - nudge, top + pad, icons[1])
        yy = self.block(hx + pad + indent, top + pad, help[0], BRAND)
        self.block(hx + pad + indent, yy, help[1], INK)

    def arrow(self, x1, y, x2, color: Color = BRAND, width: float = 1.6):
        """A horizontal arrow from x1 to x2 at height y (mm)."""
        c = self.c
        c.setStrokeColor(color)
        c.setFillColor(color)
        c.setLineWidth(width * mm)
        c.setLineCap(0)
        head = width * 2.6
        c.line(x1 * mm, self._y(y), (x2 - head * 0.9) * mm, self._y(y))
        p = c.beginPath()
        p.moveTo(x2 * mm, self._y(y))
        p.lineTo((x2 - head * 1.3) * mm, self._y(y - head * 0.75))
        p.lineTo((x2 - head * 1.3) * mm, self._y(y + head * 0.75))
        p.close()
        c.drawPath(p, stroke=0, fill=1)


SAMPLE_MARK = "BẢN MẪU"
SAMPLE_GREY = HexColor("#e3e7eb")


def sample_mark(canvas, width_pt: float, height_pt: float) -> None:
    """A large pale "BẢN MẪU" across the page, drawn first so everything else covers it (issue 15):
    posters and booklets made while site_url or the commune is still the sample value."""
    register_fonts()
    canvas.saveState()
    canvas.setFillColor(SAMPLE_GREY)
    size = min(width_pt, height_pt) / 4.2
    canvas.setFont(BOLD, size)
    canvas.translate(width_pt / 2, height_pt / 2)
    canvas.rotate(55 if height_pt > width_pt else 30)
    canvas.drawCentredString(0, -size / 3, SAMPLE_MARK)
    canvas.restoreState()
