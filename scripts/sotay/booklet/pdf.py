"""A5 booklets and the handbook (issue 15): cover, contents, then each guide — who it is for, what to
prepare, QR code and short link, every step with its picture, safety notes — and a ruled "Ghi chú"
space for the resident's own notes. ReportLab's platypus lays it out; the mock screens stay vector
(svglib), so the text on them is selectable and sharp on any printer."""
from __future__ import annotations

import html
import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor, white
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, KeepTogether, PageBreak,
                                PageTemplate, Paragraph, Spacer, Table, TableStyle)
from reportlab.platypus.tableofcontents import TableOfContents

from .. import cache
from ..poster.draw import BOLD, BRAND, BRAND_LIGHT, INK, MUTED, QUIET_MODULES, REGULAR, WARN, WARN_LIGHT
from ..poster.draw import qr_matrix, register_fonts, sample_mark
from .content import PrintGuide, folder_files
from .pictures import LayoutCanvas, Pictures

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


# --- the document --------------------------------------------------------------------------------

class _Doc(BaseDocTemplate):
    def __init__(self, buf, meta: BookletMeta):
        super().__init__(buf, pagesize=A5, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN + FOOT, title=meta.title, author=meta.footer,
                         subject=meta.subtitle, creator="Sổ tay số", initialFontName=REGULAR, lang="vi")
        self.meta = meta
        self.anchor_pages: dict[str, int] = {}
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
            self.anchor_pages[flowable.key] = self.page
            self.notify("TOCEntry", _entry(flowable, self.page))


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


def _entry(anchor: Anchor, page: int) -> tuple:
    """The contents line of an anchor, as TableOfContents keeps it (its text is paragraph markup)."""
    return (anchor.level, _esc(anchor.title), page, anchor.key)


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


def _guides(guides: list[BookletGuide], layout: Layout) -> list[list[Flowable]]:
    """Each guide's flowables: a new page, its anchor (the first guide of a topic also carries the
    topic's), then its body. Bodies are made anew for each document (a laid-out table is not reusable
    in another one); the pictures' drawings are shared."""
    out, topic = [], None
    for i, bg in enumerate(guides):
        anchors = [Anchor(f"g{i}", bg.content.guide.title, 1)]
        if bg.topic != topic:
            topic = bg.topic
            anchors.insert(0, Anchor(f"t{i}", topic, 0))
        out.append([PageBreak(), *anchors, *guide_body(bg, layout.pictures)])
    return out


def _fonts() -> None:
    register_fonts()
    registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


def _layout(meta: BookletMeta, story: list[Flowable]) -> _Doc:
    """Lay `story` out without drawing its pictures, to learn where things fall."""
    doc = _Doc(io.BytesIO(), meta)
    doc._doSave = 0                   # as multiBuild's passes before the last: nothing is written
    doc.build(story, canvasmaker=LayoutCanvas)
    return doc


class Layout:
    """What the booklets of one build share: the pictures, and how many pages each guide takes.

    Every guide starts on a new page in the same frame, so it takes the same pages in its topic's
    booklet and in the handbook: each guide is laid out once (pictures sized, not drawn), the contents
    are numbered from those counts, and ReportLab's multiBuild then draws the booklet in one pass
    (it checks the numbers and makes another pass should one be wrong)."""

    def __init__(self, pictures: Pictures | None = None, root: Path | None = None):
        self.pictures = pictures or Pictures()
        self.root = root                  # with the project's root, page counts are kept in its build cache
        self._pages: dict[str, int] = {}
        self.passes: list[int] = []       # multiBuild passes per booklet rendered (1 when the numbers hold)

    def learn(self, pages: dict[str, int]) -> None:
        """Page counts found by another process (workers.py)."""
        self._pages.update(pages)

    def _inputs(self, bg: BookletGuide, meta: BookletMeta) -> tuple:
        """All a guide's page count depends on besides the code (sotay/cache.py adds it): its printed
        content, its pictures (the files of its folder) and the booklet's settings."""
        return (repr((bg, meta)), *folder_files(bg.content.guide))

    def stored_pages(self, bg: BookletGuide, meta: BookletMeta) -> int | None:
        """The guide's page count from this run or an earlier build (None: it must be laid out)."""
        key = bg.content.guide.id
        if key not in self._pages and self.root is not None:
            data = cache.get(self.root, "booklet-pages", self._inputs(bg, meta))
            if data is not None and data.isdigit():
                self._pages[key] = int(data)
        return self._pages.get(key)

    def guide_pages(self, bg: BookletGuide, meta: BookletMeta) -> int:
        key = bg.content.guide.id
        if key not in self._pages:           # cache.cached reads an earlier build's count itself
            def count() -> bytes:
                _fonts()
                doc = _layout(meta, _guides([bg], self)[0])
                return str(doc.page - doc.anchor_pages["g0"] + 1).encode()
            made = count() if self.root is None else cache.cached(self.root, "booklet-pages",
                                                                  self._inputs(bg, meta), count)
            self._pages[key] = int(made)
        return self._pages[key]

    def contents(self, meta: BookletMeta, guides: list[BookletGuide], flows: list[list[Flowable]]) -> list[tuple]:
        """The contents entries, numbered from each guide's page count."""
        anchors = [[f for f in flow if isinstance(f, Anchor)] for flow in flows]
        toc = _contents_table()
        toc.addEntries([_entry(a, 0) for group in anchors for a in group])
        toc.beforeBuild()                 # the entries become the ones it lays out
        page = _layout(meta, _front(meta, toc)).page + 1
        entries = []
        for bg, group in zip(guides, anchors):
            entries += [_entry(a, page) for a in group]
            page += self.guide_pages(bg, meta)
        return entries


def render_booklet(meta: BookletMeta, guides: list[BookletGuide], layout: Layout | None = None) -> bytes:
    """The booklet as PDF bytes: cover, contents (with page numbers), every guide in order."""
    _fonts()
    layout = layout or Layout()
    flows = _guides(guides, layout)
    toc = _contents_table()
    toc.addEntries(layout.contents(meta, guides, flows))
    buf = io.BytesIO()
    doc = _Doc(buf, meta)
    layout.passes.append(doc.multiBuild(_front(meta, toc) + [f for flow in flows for f in flow]))
    return buf.getvalue()
