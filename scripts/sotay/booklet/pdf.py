"""A5 booklets and the handbook (issue 15): cover, contents, then each guide — who it is for, what to
prepare, QR code and short link, every step with its picture, safety notes — and a ruled "Ghi chú"
space for the resident's own notes. ReportLab's platypus lays it out; the mock screens stay vector
(pictures.py), so the text on them is selectable and sharp on any printer.

This module draws the documents a booklet is made of: each guide's pages (`render_guide`) and the
front (`render_front`: cover and contents); assemble.py puts them together and prints the page
numbers (`number_stream`)."""
from __future__ import annotations

import functools
import html
import io

from reportlab.lib.colors import HexColor, white
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont, registerFontFamily
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, KeepTogether, PageBreak,
                                PageTemplate, Paragraph, Spacer, Table, TableStyle)
from reportlab.platypus.tableofcontents import TableOfContents

from ..poster.draw import BOLD, BRAND, BRAND_LIGHT, INK, MUTED, QUIET_MODULES, REGULAR, WARN, WARN_LIGHT
from .. import qr
from ..poster.draw import register_fonts, sample_mark
from .content import BookletGuide, BookletMeta, Entry
from .pictures import Pictures

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


# Every letter of Vietnamese and the punctuation the guides use, given to each font in this order
# before anything is drawn: every document then embeds the same subset of each font (same glyphs,
# same codes), which assemble.py keeps once in a booklet made of many documents. A letter outside
# this list still prints (appended after it), at the cost of one more copy of the font.
VIETNAMESE = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
CHARSET = ("".join(chr(c) for c in range(32, 127)) + VIETNAMESE + VIETNAMESE.upper()
           + "–—‘’“”…•→·«»°×₫")
NUMBER_FONT = "/SotayPageNo"           # the page number's font on a guide's pages (assemble.py)


def prime_fonts(doc) -> None:
    """Give both fonts every letter of CHARSET, in order, in a document (ReportLab's PDFDocument, a
    canvas's `_doc`) before it draws anything."""
    for name in (BOLD, REGULAR):
        getFont(name).splitString(CHARSET, doc)


# --- flowables ----------------------------------------------------------------------------------

class QRCode(Flowable):
    """A vector QR code with its quiet zone, `size` wide (error correction M: short links are short)."""

    def __init__(self, data: str, size: float):
        super().__init__()
        self.matrix = qr.matrix(data, "M")
        self.size = size
        self.width = self.height = size

    def draw(self):
        n = len(self.matrix) + 2 * QUIET_MODULES
        cell = self.size / n
        c = self.canv
        c.setFillColor(white)
        c.rect(0, 0, self.size, self.size, stroke=0, fill=1)
        c.saveState()
        c.setFillColor(HexColor("#000000"))
        c.transform(cell, 0, 0, -cell, QUIET_MODULES * cell, self.size - QUIET_MODULES * cell)
        c.addLiteral(qr.pdf_path(self.matrix) + " f")            # a module a unit, rows downwards
        c.restoreState()


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


class Destinations(Flowable):
    """Zero-size, at the end of a booklet's front: one destination per contents line for its links to
    point at, told apart by their position (`top` = the line's index). assemble.py points each link at
    its guide's page once the guide's pages follow the front."""

    def __init__(self, count: int):
        super().__init__()
        self.count = count
        self.width = self.height = 0

    def draw(self):
        for i in range(self.count):
            self.canv.bookmarkPage(f"e{i}", fit="XYZ", left=0, top=i, zoom=0)


# --- the document --------------------------------------------------------------------------------

class _Doc(BaseDocTemplate):
    """One A5 document: a booklet's front (`cover`: its first page has no footer) or one guide's
    pages. The footer's page numbers are printed by assemble.py once the pages are in place."""

    def __init__(self, buf, meta: BookletMeta, cover: bool = False):
        super().__init__(buf, pagesize=A5, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN + FOOT, title=meta.title, author=meta.footer,
                         subject=meta.subtitle, creator="Sổ tay số", initialFontName=REGULAR, lang="vi",
                         invariant=1)     # no clock in the file: the same guide makes the same bytes
        self.meta = meta
        self.cover = cover
        frame = Frame(MARGIN, MARGIN + FOOT, FRAME_W, PAGE_H - 2 * MARGIN - FOOT, id="f",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])

    def beforeDocument(self):
        prime_fonts(self.canv._doc)

    def _decorate(self, canv, doc):
        canv.saveState()
        if self.meta.sample:
            sample_mark(canv, PAGE_W, PAGE_H)
        if doc.page > 1 or not self.cover:
            canv.setFont(REGULAR, 8)
            canv.setFillColor(MUTED)
            canv.drawString(MARGIN, MARGIN, self.meta.footer)
        canv.restoreState()


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


def _step(step, pictures: Pictures) -> Flowable:
    text = [Paragraph(f"Bước {step.number}: {_esc(step.title)}", STYLES["h2"]), *_paras(step.paragraphs)]
    t = Table([[text, pictures.flowable(step.image, PICTURE_W)]], colWidths=[FRAME_W - PICTURE_W - 3 * mm, PICTURE_W + 3 * mm])
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


def guide_body(bg: BookletGuide, pictures: Pictures) -> list[Flowable]:
    """A guide's pages after its anchors: title, who and what, steps, safety, room for notes."""
    pg = bg.content
    g = pg.guide
    out: list[Flowable] = [Paragraph(_esc(g.title), STYLES["h1"]), _info(bg), Spacer(1, 3 * mm)]
    out += _paras(pg.intro)
    out += [Spacer(1, 2 * mm)] + [_step(s, pictures) for s in pg.steps]
    if pg.safety:
        out.append(KeepTogether([_safety(pg.safety)]))
    out.append(Spacer(1, 4 * mm))
    out.append(KeepTogether([Paragraph("Ghi chú", STYLES["h2"]),
                             Paragraph("Viết lại những gì bạn cần nhớ. Không ghi mật khẩu, mã OTP hay số thẻ.",
                                       STYLES["small"]),
                             Spacer(1, 2 * mm), RuledLines(NOTE_LINES, FRAME_W)]))
    return out


def _contents_table() -> TableOfContents:
    toc = TableOfContents(levelStyles=[STYLES["toc0"], STYLES["toc1"]], dotsMinLevel=1)
    toc.rightColumnWidth = 12 * mm
    toc.tableStyle = TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                 ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
    return toc


def _front(meta: BookletMeta, toc: TableOfContents) -> list[Flowable]:
    """The cover and the contents."""
    return [
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


def _fonts() -> None:
    register_fonts()
    registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


def render_guide(bg: BookletGuide, meta: BookletMeta, pictures: Pictures) -> bytes:
    """One guide's pages as a PDF of their own, without page numbers: the same pages in its topic's
    booklet and in the handbook (every guide starts on a new page in the same frame)."""
    _fonts()
    buf = io.BytesIO()
    _Doc(buf, meta).build(guide_body(bg, pictures))
    return buf.getvalue()


def _front_doc(meta: BookletMeta, entries: list[Entry], buf) -> tuple[_Doc, list[Flowable]]:
    toc = _contents_table()
    toc.addEntries([(e.level, _esc(e.title), e.page, f"e{i}") for i, e in enumerate(entries)])
    toc.beforeBuild()                     # the entries become the ones it lays out (one pass)
    doc = _Doc(buf, meta, cover=True)
    return doc, _front(meta, toc) + [Destinations(len(entries))]


def front_length(meta: BookletMeta, entries: list[Entry]) -> int:
    """How many pages the front takes (laid out, not written: the numbers do not change it)."""
    _fonts()
    doc, story = _front_doc(meta, entries, io.BytesIO())
    doc._doSave = 0
    doc.build(story)
    return doc.page


def render_front(meta: BookletMeta, entries: list[Entry]) -> bytes:
    """The cover and the contents, their lines numbered from `entries` and linked to destinations
    that assemble.py points at the guides."""
    _fonts()
    buf = io.BytesIO()
    doc, story = _front_doc(meta, entries, buf)
    doc.build(story)
    return buf.getvalue()


@functools.cache
def _primed():
    """A document state whose fonts were primed as every booklet document's are."""
    from reportlab.pdfbase.pdfdoc import PDFDocument
    _fonts()
    doc = PDFDocument()
    prime_fonts(doc)
    return doc


@functools.cache
def regular_font_name() -> str:
    """The regular font's PostScript name ("NotoSans-Regular"), as an embedded subset is named after it."""
    _fonts()
    return getFont(REGULAR).face.name.decode()


def number_stream(number: int) -> bytes:
    """The footer's page number ("Trang 12", right of the footer) as PDF drawing operators for a page
    whose fonts were primed (`prime_fonts`), naming its font NUMBER_FONT: assemble.py draws it over
    every page but the cover and points NUMBER_FONT at that page's regular font."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    text = f"Trang {number}"
    (subset, codes), = getFont(REGULAR).splitString(text, _primed())
    assert subset == 0, text
    x = PAGE_W - MARGIN - stringWidth(text, REGULAR, 8)
    r, g, b = MUTED.rgb()
    escaped = codes.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return (f"q {r:.6f} {g:.6f} {b:.6f} rg BT 1 0 0 1 {x:.4f} {MARGIN:.4f} Tm {NUMBER_FONT} 8 Tf (".encode()
            + escaped + b") Tj ET Q\n")
