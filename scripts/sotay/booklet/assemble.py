"""Booklets put together from documents (issue 17: a rebuild after editing one guide draws that guide
alone, not its topic's booklet and the whole handbook).

Each guide's pages are drawn once per content (`pdf.render_guide`), kept in the kit's cache
(parts.py), and shared by its topic's booklet and the handbook. A booklet is then its front (cover and
contents, drawn each time: it prints the page numbers) followed by its guides' pages, joined with
pypdf (`assemble`):
- every page but the cover gets its footer's page number as one more content stream
  (`pdf.number_stream`);
- the PDF outline lists the topics and the guides, and each contents line links to its guide's page;
- every document embeds the same subset of each font (`pdf.prime_fonts`), kept once in the booklet."""
from __future__ import annotations

import hashlib
import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, NameObject, TextStringObject)
from pypdf.generic import Fit

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
           counts: list[int]) -> tuple[PdfReader, list[Entry], list[int]]:
    """The front, numbered for the guides that follow it (its own length decides their numbers)."""
    def numbered(length: int):
        return _entries(guides, [length + 1 + sum(counts[:i]) for i in range(len(counts))])
    length = pdf.front_length(meta, numbered(2)[0])
    entries, targets = numbered(length)
    return PdfReader(io.BytesIO(pdf.render_front(meta, entries))), entries, targets


def _stream(writer: PdfWriter, data: bytes):
    """A new content stream in `writer` (pypdf has no public call for an object of one's own)."""
    s = DecodedStreamObject()
    s.set_data(data)
    return writer._add_object(s)


def _font_key(font) -> tuple:
    """What makes two embedded subsets of the project's fonts the same: the font, the codes, their
    widths, and which letter each code is (its text map): then they hold the same glyphs."""
    font = font.get_object()
    desc = font["/FontDescriptor"].get_object()
    return (font["/BaseFont"], font.get("/FirstChar"), font.get("/LastChar"), tuple(font.get("/Widths", ())),
            desc.get("/Flags"), hashlib.sha256(font["/ToUnicode"].get_object().get_data()).digest())


class _Fonts:
    """The fonts already in the booklet: a document's same font is pointed at the one kept, before its
    pages are copied, so it is written once."""

    def __init__(self, writer: PdfWriter):
        self.writer = writer
        self.kept: dict[tuple, object] = {}
        self.seen: dict[tuple, object] = {}           # (document, object number) → the font kept

    def share(self, fonts) -> None:
        for name in list(fonts):
            ref = fonts.raw_get(name)
            if not hasattr(ref, "idnum"):
                continue                                # not a font this code made: copied as it is
            seen = (id(ref.pdf), ref.idnum)
            if seen not in self.seen:
                try:
                    key = _font_key(ref)
                except (KeyError, AttributeError, TypeError):
                    continue
                if key not in self.kept:
                    self.kept[key] = ref.get_object().clone(self.writer).indirect_reference
                self.seen[seen] = self.kept[key]
            fonts[NameObject(name)] = self.seen[seen]


def _stamp(page, before, number: int, writer: PdfWriter) -> None:
    """Print page `number` over `page`: its own drawing is kept inside q … Q, then the number is drawn
    with the page's own regular font (the same codes in every document, pdf.prime_fonts), named
    NUMBER_FONT in its fonts (a dictionary the guide's pages share: same name, same font)."""
    fonts = page["/Resources"].get_object()["/Font"].get_object()
    regular = [fonts.raw_get(n) for n in fonts if n.endswith("+0")
               and str(fonts[n].get_object()["/BaseFont"]).endswith("+" + pdf.regular_font_name())]
    if not regular:
        raise ValueError("a guide's pages without the regular font: no page number can be printed")
    fonts[NameObject(pdf.NUMBER_FONT)] = regular[0]
    contents = page.raw_get("/Contents")
    contents = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
    page[NameObject("/Contents")] = ArrayObject([before, *contents, _stream(writer, b"Q\n" + pdf.number_stream(number))])


def assemble(meta: BookletMeta, guides: list[BookletGuide], parts: Parts) -> bytes:
    """The booklet: front, then each guide's pages numbered on, with its outline and linked contents."""
    readers = [PdfReader(io.BytesIO(parts.get(bg, meta))) for bg in guides]
    counts = [len(r.pages) for r in readers]
    front, entries, targets = _front(meta, guides, counts)
    writer = PdfWriter()
    shared = _Fonts(writer)
    before = _stream(writer, b"q\n")
    for reader in [front, *readers]:
        for page in reader.pages:
            shared.share(page["/Resources"].get_object()["/Font"].get_object())
            added = writer.add_page(page)
            if len(writer.pages) > 1:                 # the cover has no footer
                _stamp(added, before, len(writer.pages), writer)
    length = len(front.pages)
    first = [length + sum(counts[:i]) for i in range(len(guides))]      # 0-based page index
    parent = None
    for entry, target in zip(entries, targets):
        item = writer.add_outline_item(entry.title, first[target], parent=None if entry.level == 0 else parent,
                                       fit=Fit.fit())
        if entry.level == 0:
            parent = item
    for page in writer.pages[:length]:                                 # the contents' links
        for annot in page.get("/Annots", ()):
            annot = annot.get_object()
            dest = annot.get("/Dest")
            if annot.get("/Subtype") == "/Link" and dest and len(dest) > 3 and dest[1] == "/XYZ":
                target = first[targets[int(dest[3])]]
                annot[NameObject("/Dest")] = ArrayObject([writer.pages[target].indirect_reference, NameObject("/Fit")])
    writer.add_metadata(dict(front.metadata.items()))
    writer.root_object[NameObject("/Lang")] = TextStringObject("vi")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
