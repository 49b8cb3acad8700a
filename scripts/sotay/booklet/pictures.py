"""The step pictures of the booklets. A mock screen (SVG) stays vector: mockdraw.py (or svglib, for
an SVG that is not a mock screen) turns it into a ReportLab Drawing, so its text is selectable and
sharp on any printer.

Each Drawing is made once per run (kept in memory) and once per content (pickled under
.cache/sotay/kit/pictures/, keyed by the SVG's bytes and the converting code): a guide whose pages
are drawn again (assemble.py) reads its unchanged pictures back."""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from importlib import metadata
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.platypus import Flowable, Image

from ..poster.draw import BOLD, FONT_FILES, REGULAR, register_fonts
from . import mockdraw

class Picture(Flowable):
    """A converted mock screen, drawn as vector graphics."""

    def __init__(self, drawing: Drawing):
        super().__init__()
        self.drawing = drawing
        self.width, self.height = drawing.width, drawing.height

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        renderPDF.draw(self.drawing, self.canv, 0, 0)


@functools.cache
def _svg_fonts() -> None:
    """Every family the mock screens ask for maps to the embedded Noto Sans (no fontconfig look-ups:
    the mock screens write font-weight:700, so 700 is registered beside "bold")."""
    from svglib.fonts import get_global_font_map
    from ..images.mockscreen import FONT_STACK
    register_fonts()
    fm = get_global_font_map()
    for family in [f.strip().strip("'\"") for f in FONT_STACK.split(",")]:
        fm.register_font(family, str(FONT_FILES[REGULAR]), weight="normal", style="normal", rlgFontName=REGULAR)
        for weight in ("bold", "700", 700):
            fm.register_font(family, str(FONT_FILES[BOLD]), weight=weight, style="normal", rlgFontName=BOLD)
    # svglib registers each font again, which maps <b> in NotoSans to NotoSans itself: map the family
    # back, or every paragraph made after the first converted picture would lose its bold.
    registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


@functools.cache
def _code_version() -> bytes:
    """What a cached Drawing depends on besides the SVG: this code, the fonts' names, the libraries."""
    h = hashlib.sha256(Path(__file__).read_bytes() + Path(mockdraw.__file__).read_bytes())
    h.update(repr((REGULAR, BOLD, sys.version_info[:2], metadata.version("svglib"),
                   metadata.version("reportlab"))).encode())
    return h.digest()


def convert(path: Path, width: float) -> Drawing:
    """An SVG file as a Drawing `width` points wide: a mock screen by mockdraw (7× faster), any
    other SVG by svglib."""
    d = mockdraw.drawing(path.read_bytes())
    if d is None:
        from svglib.svglib import svg2rlg
        _svg_fonts()
        d = svg2rlg(str(path))
    s = width / d.width
    d.scale(s, s)
    d.width, d.height = d.width * s, d.height * s
    d.initialFontName = REGULAR       # not Times-Roman: only the embedded font in the file
    return d


class Pictures:
    """The pictures of one build run; `cache` (a folder: parts.PICTURES in the kit's cache) keeps
    converted SVGs between runs."""

    def __init__(self, cache: Path | None = None):
        self.cache = Path(cache) if cache else None
        self._drawings: dict[str, Drawing] = {}

    def drawing(self, path: Path, width: float) -> Drawing:
        data = path.read_bytes()
        key = hashlib.sha256(_code_version() + repr(width).encode() + data).hexdigest()[:32]
        if key not in self._drawings:
            self._drawings[key] = self._load(key) or self._store(key, convert(path, width))
        return self._drawings[key]

    def _load(self, key: str) -> Drawing | None:
        if self.cache is None:
            return None
        f = self.cache / f"{key}.pickle"
        try:
            d = pickle.loads(f.read_bytes())      # written by _store below, never from elsewhere
            os.utime(f)                           # last used: pruning keeps what builds still use
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        return d if isinstance(d, Drawing) else None

    def _store(self, key: str, d: Drawing) -> Drawing:
        if self.cache is not None:
            self.cache.mkdir(parents=True, exist_ok=True)
            f = self.cache / f"{key}.pickle"
            tmp = f.with_name(f"{f.name}.{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(d, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, f)
        return d

    def flowable(self, path: Path | None, width: float) -> Flowable:
        if path is None or not path.is_file():
            d = Drawing(width, 1)
            d.add(Rect(0, 0, 0, 0))
            return d
        if path.suffix.lower() == ".svg":
            return Picture(self.drawing(path, width))
        img = Image(str(path))
        ratio = img.imageHeight / img.imageWidth
        return Image(str(path), width=width, height=width * ratio)
