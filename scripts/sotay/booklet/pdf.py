"""A5 booklets and the handbook (issue 15): cover, contents, then each guide — who it is for, what to
prepare, QR code and short link, every step with its picture, safety notes — and a ruled "Ghi chú"
space for the resident's own notes. ReportLab's platypus lays it out; the mock screens stay vector
(svglib), so the text on them is selectable and sharp on any printer."""
from __future__ import annotations

import functools
import html
import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.colors import HexColor, white
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, Image, KeepTogether, PageBreak,
                                PageTemplate, Paragraph, Spacer, Table, TableStyle)
from reportlab.platypus.tableofcontents import TableOfContents

from ..poster.draw import BOLD, BRAND, BRAND_LIGHT, INK, MUTED, QUIET_MODULES, REGULAR, WARN, WARN_LIGHT
from ..poster.draw import qr_matrix, register_fonts, sample_mark
from .content import PrintGuide

PAGE_W, PAGE_H = A5
MARGIN = 12 * mm
FOOT = 9 * mm
FRAME_W = PAGE_W - 2 * MARGIN
PICTURE_W = 42 * mm              # a mock screen 42 mm wide: its 17 px text prints at about 5.6 pt
NOTE_LINES = 9

STYLES = {
    "cover_title": ParagraphStyle("cover_title", fontName=BOLD, fontSize=24, leading=30, textColor=BRAND,
                                  spaceAfter=6 * mm),
    "cover": ParagraphStyle("cover", fontName=REGULAR, fontSize=12, leading=17, textColor=INK, spaceAfter=3 * mm),
    "h1": ParagraphStyle("h1", fontName=BOLD, fontSize=15, leading=19, textColor=BRAND, spaceAfter=3 * mm),
    "h2": ParagraphStyle("h2", fontName=BOLD, fontSize=11.5, leading=15, textColor=INK, spaceBefore=1 * mm,
                         spaceAfter=1.5 * mm),
    "body": ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=14, textColor=INK, spaceAfter=1.5 * mm),
    "bullet": ParagraphStyle("bullet", fontName=REGULAR, fontSize=10, leading=14, textColor=INK, leftIndent=4 * mm,
                             bulletIndent=0, bulletFontName=REGULAR, spaceAfter=1 * mm),
    "small": ParagraphStyle("small", fontName=REGULAR, fontSize=8.5, leading=11, textColor=MUTED),
    "link": ParagraphStyle("link", fontName=BOLD, fontSize=9.5, leading=12, textColor=INK, alignment=TA_CENTER),
    "toc0": ParagraphStyle("toc0", fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=2 * mm, textColor=BRAND),
    "toc1": ParagraphStyle("toc1", fontName=REGULAR, fontSize=10, leading=13.5, leftIndent=4 * mm,
                           rightIndent=10 * mm),
}


@dataclass(frozen=True)
class BookletMeta:
    title: str             # "Sổ tay: Định danh điện tử VNeID"
    subtitle: str          # what it holds
    commune: str
    printed: str           # "29/11/2026"
    footer: str            # "Sổ tay số — example.org"
    sample: bool = False   # watermark every page "BẢN MẪU"


@dataclass(frozen=True)
class BookletGuide:
    content: PrintGuide
    topic: str             # the guide's topic title (a contents heading)
    short_url: str         # encoded in the QR code
    short_text: str        # printed under it, to type


# --- flowables ----------------------------------------------------------------------------------

class QRCode(Flowable):
    """A vector QR code with its quiet zone, `size` wide (error correction M: short links are short)."""

    def __init__(self, data: str, size: float):
        super().__init__()
        self.matrix = qr_matrix(data, "M")
        self.size = size
        self.width = self.height = size

    def draw(self):
        n = len(self.matrix) + 2 * QUIET_MODULES
        cell = self.size / n
        c = self.canv
        c.setFillColor(white)
        c.rect(0, 0, self.size, self.size, stroke=0, fill=1)
        c.setFillColor(HexColor("#000000"))
        for r, row in enumerate(self.matrix):
            for k, dark in enumerate(row):
                if dark:
                    c.rect((k + QUIET_MODULES) * cell, self.size - (r + QUIET_MODULES + 1) * cell,
                           cell * 1.02, cell * 1.02, stroke=0, fill=1)


class RuledLines(Flowable):
    """Ruled lines for handwritten notes."""

    def __init__(self, lines: int, width: float, gap: float = 8 * mm):
        super().__init__()
        self.lines, self.width, self.gap = lines, width, gap
        self.height = lines * gap

    def draw(self):
        c = self.canv
        c.setStrokeColor(HexColor("#9aa5b1"))
        c.setLineWidth(0.6)
        for i in range(self.lines):
            y = self.height - (i + 1) * self.gap
            c.line(0, y, self.width, y)


class Anchor(Flowable):
    """Zero-size marker that puts a guide in the contents and the PDF outline."""

    def __init__(self, key: str, title: str, level: int):
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.width = self.height = 0

    def draw(self):
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level)


@functools.lru_cache(maxsize=512)
def _svg_drawing(path: str, mtime: float, width: float) -> Drawing:
    from svglib.svglib import svg2rlg
    d = svg2rlg(path)
    s = width / d.width
    d.scale(s, s)
    d.width, d.height = d.width * s, d.height * s
    d.initialFontName = REGULAR       # not Times-Roman: only the embedded font in the file
    return d


@functools.cache
def _svg_fonts() -> None:
    """Every family the mock screens ask for maps to the embedded Noto Sans (no fontconfig look-ups)."""
    from svglib.fonts import get_global_font_map
    from ..mockscreen import FONT_STACK
    from ..poster.draw import FONT_FILES
    register_fonts()
    fm = get_global_font_map()
    for family in [f.strip().strip("'\"") for f in FONT_STACK.split(",")]:
        fm.register_font(family, str(FONT_FILES[REGULAR]), weight="normal", style="normal", rlgFontName=REGULAR)
        for weight in ("bold", "700", 700):     # the mock screens write font-weight:700
            fm.register_font(family, str(FONT_FILES[BOLD]), weight=weight, style="normal", rlgFontName=BOLD)


def picture(path: Path | None, width: float = PICTURE_W) -> Flowable:
    if path is None or not path.is_file():
        d = Drawing(width, 1)
        d.add(Rect(0, 0, 0, 0))
        return d
    if path.suffix.lower() == ".svg":
        _svg_fonts()
        return _svg_drawing(str(path), path.stat().st_mtime, width)
    img = Image(str(path))
    ratio = img.imageHeight / img.imageWidth
    return Image(str(path), width=width, height=width * ratio)


# --- the document --------------------------------------------------------------------------------

class _Doc(BaseDocTemplate):
    def __init__(self, buf, meta: BookletMeta):
        super().__init__(buf, pagesize=A5, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN + FOOT, title=meta.title, author=meta.footer,
                         subject=meta.subtitle, creator="Sổ tay số", initialFontName=REGULAR, lang="vi")
        self.meta = meta
        frame = Frame(MARGIN, MARGIN + FOOT, FRAME_W, PAGE_H - 2 * MARGIN - FOOT, id="f",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])

    def _decorate(self, canv, doc):
        canv.saveState()
        if self.meta.sample:
            sample_mark(canv, PAGE_W, PAGE_H)
        if doc.page > 1:
            canv.setFont(REGULAR, 8)
            canv.setFillColor(MUTED)
            canv.drawString(MARGIN, MARGIN, self.meta.footer)
            canv.drawRightString(PAGE_W - MARGIN, MARGIN, f"Trang {doc.page}")
        canv.restoreState()

    def afterFlowable(self, flowable):
        if isinstance(flowable, Anchor):
            self.notify("TOCEntry", (flowable.level, flowable.title, self.page, flowable.key))


def _info(bg: BookletGuide) -> Table:
    g = bg.content.guide
    st = STYLES
    left = [Paragraph(f"<b>Dành cho:</b> {_esc(g.audience)}", st["body"]),
            Paragraph(f"<b>Thời gian:</b> khoảng {g.time} phút", st["body"]),
            Paragraph("<b>Cần chuẩn bị:</b>", st["body"])]
    left += [Paragraph(_esc(n), st["bullet"], bulletText="•") for n in g.needs]
    right = [QRCode(bg.short_url, 30 * mm), Spacer(1, 1 * mm), Paragraph(_esc(bg.short_text), st["link"])]
    t = Table([[left, right]], colWidths=[FRAME_W - 36 * mm, 36 * mm])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("BACKGROUND", (0, 0), (-1, -1), BRAND_LIGHT),
                           ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm), ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                           ("TOPPADDING", (0, 0), (-1, -1), 3 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
                           ("ALIGN", (1, 0), (1, 0), "CENTER")]))
    return t


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _paras(items, style="body") -> list[Flowable]:
    out = []
    for p in items:
        if p.bullet:
            out.append(Paragraph(p.text, STYLES["bullet"], bulletText="•"))
        else:
            out.append(Paragraph(p.text, STYLES[style]))
    return out


def _step(step) -> Flowable:
    text = [Paragraph(f"Bước {step.number}: {_esc(step.title)}", STYLES["h2"]), *_paras(step.paragraphs)]
    t = Table([[text, picture(step.image)]], colWidths=[FRAME_W - PICTURE_W - 3 * mm, PICTURE_W + 3 * mm])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (0, 0), 3 * mm), ("RIGHTPADDING", (1, 0), (1, 0), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm),
                           ("LINEBELOW", (0, 0), (-1, 0), 0.4, HexColor("#cbd2d9"))]))
    return t


def _safety(items) -> Flowable:
    cell = [Paragraph("Lưu ý an toàn", STYLES["h2"]), *_paras(items)]
    t = Table([[cell]], colWidths=[FRAME_W])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), ("BACKGROUND", (0, 0), (-1, -1), WARN_LIGHT),
                           ("BOX", (0, 0), (-1, -1), 0.8, WARN),
                           ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm), ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                           ("TOPPADDING", (0, 0), (-1, -1), 2 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm)]))
    return t


def guide_flowables(bg: BookletGuide, index: int) -> list[Flowable]:
    pg = bg.content
    g = pg.guide
    out: list[Flowable] = [PageBreak(), Anchor(f"g{index}", g.title, 1),
                           Paragraph(_esc(g.title), STYLES["h1"]), _info(bg), Spacer(1, 3 * mm)]
    out += _paras(pg.intro)
    out += [Spacer(1, 2 * mm)] + [_step(s) for s in pg.steps]
    if pg.safety:
        out.append(KeepTogether([_safety(pg.safety)]))
    out.append(Spacer(1, 4 * mm))
    out.append(KeepTogether([Paragraph("Ghi chú", STYLES["h2"]),
                             Paragraph("Viết lại những gì bạn cần nhớ. Không ghi mật khẩu, mã OTP hay số thẻ.",
                                       STYLES["small"]),
                             Spacer(1, 2 * mm), RuledLines(NOTE_LINES, FRAME_W)]))
    return out


def render_booklet(meta: BookletMeta, guides: list[BookletGuide]) -> bytes:
    """The booklet as PDF bytes: cover, contents (with page numbers), every guide in order."""
    register_fonts()
    registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    buf = io.BytesIO()
    doc = _Doc(buf, meta)
    toc = TableOfContents(levelStyles=[STYLES["toc0"], STYLES["toc1"]], dotsMinLevel=1)
    toc.rightColumnWidth = 12 * mm
    toc.tableStyle = TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                 ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
    story: list[Flowable] = [
        Spacer(1, 25 * mm),
        Paragraph(_esc(meta.title), STYLES["cover_title"]),
        Paragraph(_esc(meta.subtitle), STYLES["cover"]),
        Paragraph(_esc(meta.commune), STYLES["cover"]) if meta.commune else Spacer(1, 0),
        Paragraph(f"In ngày {meta.printed}", STYLES["cover"]),
        Spacer(1, 10 * mm),
        Paragraph("Mỗi hướng dẫn có mã QR: mở camera hoặc Zalo, hướng vào mã để xem trên điện thoại. "
                  "Sau mỗi hướng dẫn có chỗ trống để bạn tự ghi chú.", STYLES["cover"]),
        Paragraph(_esc(meta.footer), STYLES["small"]),
        PageBreak(),
        Paragraph("Mục lục", STYLES["h1"]),
        toc,
    ]
    topic = None
    for i, bg in enumerate(guides):
        flow = guide_flowables(bg, i)
        if bg.topic != topic:
            topic = bg.topic
            flow.insert(1, Anchor(f"t{i}", topic, 0))
        story += flow
    doc.multiBuild(story)
    return buf.getvalue()
