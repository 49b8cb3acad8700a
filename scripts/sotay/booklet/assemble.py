"""Booklets put together from documents (issue 17: a rebuild after editing one guide draws that guide
alone, not its topic's booklet and the whole handbook).

Each guide's pages are drawn once per content (`pdf.render_guide`), kept in the kit's cache
(parts.py), and shared by its topic's booklet and the handbook. A booklet is then its front (cover and
contents, drawn each time: it prints the page numbers) followed by its guides' pages, joined with
pikepdf (qpdf) (`assemble`):
- every page but the cover gets its footer's page number as one more content stream
  (`pdf.number_stream`);
- the PDF outline lists the topics and the guides, and each contents line links to its guide's page;
- every document embeds the same subset of each font (`pdf.prime_fonts`), kept once in the booklet."""
from __future__ import annotations

import hashlib
import io

import pikepdf
from pikepdf import Array, Name, OutlineItem, PageLocation

from . import pdf
from .content import BookletGuide, BookletMeta, Entry
from .parts import Parts


def _entries(guides: list[BookletGuide], first: list[int]) -> tuple[list[Entry], list[int]]:
    """The contents lines (a topic's before its first guide) and the index of the guide each points at."""
    entries, targets, topic = [], [], None
    for i, bg in enumerate(guides):
        if bg.topic != topic:
            topic = bg.topic
            entries.append(Entry(0, topic, first[i]))
            targets.append(i)
        entries.append(Entry(1, bg.content.guide.title, first[i]))
        targets.append(i)
    return entries, targets


def _front(meta: BookletMeta, guides: list[BookletGuide],
           counts: list[int]) -> tuple[pikepdf.Pdf, list[Entry], list[int]]:
    """The front, numbered for the guides that follow it (its own length decides their numbers)."""
    def numbered(length: int):
        return _entries(guides, [length + 1 + sum(counts[:i]) for i in range(len(counts))])
    length = pdf.front_length(meta, numbered(2)[0])
    entries, targets = numbered(length)
    return pikepdf.open(io.BytesIO(pdf.render_front(meta, entries))), entries, targets


def _font_key(font: pikepdf.Dictionary) -> tuple:
    """What makes two embedded subsets of the project's fonts the same: the font, the codes, their
    widths, and which letter each code is (its text map): then they hold the same glyphs."""
    desc = font.FontDescriptor
    return (str(font.BaseFont), int(font.get("/FirstChar", -1)), int(font.get("/LastChar", -1)),
            tuple(float(w) for w in font.get("/Widths", ())), int(desc.get("/Flags", 0)),
            hashlib.sha256(font.ToUnicode.read_bytes()).digest())


class _Fonts:
    """The fonts in the booklet, each document's copy pointed at the first of its kind, so it is
    written once (an object no page points at is not saved)."""

    def __init__(self):
        self.kept: dict[tuple, pikepdf.Object] = {}
        self.seen: dict[tuple[int, int], pikepdf.Object] = {}      # object number → the font kept

    def share(self, fonts: pikepdf.Dictionary) -> None:
        for name in list(fonts.keys()):
            font = fonts[name]
            if not font.is_indirect:
                continue                                # not a font this code made: kept as it is
            seen = font.objgen
            if seen not in self.seen:
                try:
                    key = _font_key(font)
                except (AttributeError, KeyError, TypeError, ValueError):
                    continue
                self.seen[seen] = self.kept.setdefault(key, font)
            fonts[name] = self.seen[seen]


def _stamp(page: pikepdf.Page, before: pikepdf.Stream, number: int, out: pikepdf.Pdf) -> None:
    """Print page `number` over `page`: its own drawing is kept inside q … Q, then the number is drawn
    with the page's own regular font (the same codes in every document, pdf.prime_fonts), named
    NUMBER_FONT in its fonts (a dictionary the guide's pages share: same name, same font)."""
    fonts = page.Resources.Font
    suffix = "+" + pdf.regular_font_name()
    regular = [fonts[n] for n in fonts.keys() if n.endswith("+0") and str(fonts[n].BaseFont).endswith(suffix)]
    if not regular:
        raise ValueError("a guide's pages without the regular font: no page number can be printed")
    fonts[pdf.NUMBER_FONT] = regular[0]
    page.contents_add(before, prepend=True)
    page.contents_add(out.make_stream(b"Q\n" + pdf.number_stream(number)))


def assemble(meta: BookletMeta, guides: list[BookletGuide], parts: Parts) -> bytes:
    """The booklet: front, then each guide's pages numbered on, with its outline and linked contents."""
    docs = [pikepdf.open(io.BytesIO(parts.get(bg, meta))) for bg in guides]
    counts = [len(d.pages) for d in docs]
    front, entries, targets = _front(meta, guides, counts)
    out = pikepdf.new()
    for doc in [front, *docs]:
        out.pages.extend(doc.pages)
    shared = _Fonts()
    before = out.make_stream(b"q\n")
    for i, page in enumerate(out.pages):
        shared.share(page.Resources.Font)
        if i:                                           # the cover has no footer
            _stamp(page, before, i + 1, out)
    length = len(front.pages)
    first = [length + sum(counts[:i]) for i in range(len(guides))]      # 0-based page index
    with out.open_outline() as outline:
        parent = None
        for entry, target in zip(entries, targets):
            item = OutlineItem(entry.title, first[target], PageLocation.Fit)
            if entry.level == 0:
                outline.root.append(item)
                parent = item
            else:
                parent.children.append(item)
    for page in out.pages[:length]:                                     # the contents' links
        for annot in page.get("/Annots", ()):
            dest = annot.get("/Dest")
            if annot.get("/Subtype") == "/Link" and dest is not None and len(dest) > 3 and dest[1] == "/XYZ":
                target = first[targets[int(dest[3])]]
                annot.Dest = Array([out.pages[target].obj, Name.Fit])
    for key, value in front.docinfo.items():
        out.docinfo[key] = value
    out.Root.Lang = pikepdf.String("vi")
    buf = io.BytesIO()
    out.save(buf, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buf.getvalue()
