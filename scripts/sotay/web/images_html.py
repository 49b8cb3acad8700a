"""Step images in a built guide page: intrinsic size, lazy loading, and the "minh họa" caption.

`enhance_images(html, guide_dir)` takes the HTML of a guide page (as rendered from Markdown, before
the theme) and, for every <img> whose src is a file beside the guide:
- adds width/height (from the SVG viewBox or the raster's pixel size; portrait phone screens are
  shown 300 CSS px wide, CSS keeps them within the column) so the page does not jump while loading;
- adds loading="lazy" and decoding="async";
- for illustrations (an images.yml entry under `mock:`, or any SVG: a real screenshot is never an
  SVG) wraps the image (and its lightbox link) in <figure class="sotay-figure sotay-mock"> with
  <figcaption>Ảnh minh họa — giao diện thật có thể khác</figcaption>. Real screenshots get the figure
  without that caption.

Plain string in, string out; targeted regular expressions over the <img> tags only, so the rest of
the page is left byte-for-byte as the Markdown renderer wrote it. Fast: sizes are cached per file.
"""
from __future__ import annotations

import functools
import html as htmllib
import re
from html.parser import HTMLParser
from pathlib import Path

from ..images.imagespec import mock_names

MOCK_CAPTION = "Ảnh minh họa — giao diện thật có thể khác"
PHONE_WIDTH = 300            # CSS px for portrait phone screens
MAX_WIDTH = 640              # other images: natural size up to this
RASTER = {".png", ".jpg", ".jpeg", ".webp", ".gif"}

_IMG = re.compile(r"<img\b[^>]*>", re.I)
# a paragraph ending with an image (optionally inside its lightbox link), maybe after some text
_SOLE = re.compile(r"<p>((?:(?!</?p\b).)*?)(?:\s*<br\s*/?>)?\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)\s*</p>",
                   re.I | re.S)
_VIEWBOX = re.compile(r'viewBox\s*=\s*["\']\s*([-\d.]+)[\s,]+([-\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)', re.I)
_SVG_WH = re.compile(r'<svg\b[^>]*?\bwidth\s*=\s*["\']([\d.]+)(?:px)?["\'][^>]*?\bheight\s*=\s*["\']([\d.]+)(?:px)?["\']',
                     re.I | re.S)


class _Attrs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.attrs = attrs

    handle_startendtag = handle_starttag


def _parse_img(tag: str) -> list[tuple[str, str | None]]:
    p = _Attrs()
    p.feed(tag)
    p.close()
    return p.attrs


def _build_img(attrs: list[tuple[str, str | None]]) -> str:
    parts = []
    for k, v in attrs:
        parts.append(k if v is None else f'{k}="{htmllib.escape(v, quote=True)}"')
    return "<img " + " ".join(parts) + ">"


@functools.lru_cache(maxsize=1024)
def _intrinsic(path: str, mtime_ns: int) -> tuple[float, float] | None:
    p = Path(path)
    if p.suffix.lower() == ".svg":
        head = p.read_bytes()[:4096].decode("utf-8", "replace")
        m = _VIEWBOX.search(head)
        if m:
            return float(m.group(3)), float(m.group(4))
        m = _SVG_WH.search(head)
        return (float(m.group(1)), float(m.group(2))) if m else None
    if p.suffix.lower() in RASTER:
        from PIL import Image
        try:
            with Image.open(p) as im:
                return float(im.width), float(im.height)
        except OSError:
            return None
    return None


def intrinsic_size(path: Path) -> tuple[float, float] | None:
    """(width, height) of an image file: SVG viewBox (or width/height) or raster pixels."""
    try:
        st = path.stat()
    except OSError:
        return None
    return _intrinsic(str(path), st.st_mtime_ns)


def display_size(w: float, h: float) -> tuple[int, int]:
    if w <= 0 or h <= 0:
        return 0, 0
    if h > w * 1.3:                                # a portrait phone screen
        dw = PHONE_WIDTH
    else:
        dw = min(w, MAX_WIDTH)
    return round(dw), round(dw * h / w)


def _local_file(src: str | None, guide_dir: Path) -> Path | None:
    if not src or "/" in src or "\\" in src or ":" in src or src.startswith((".", "#")):
        return None
    src = src.split("?", 1)[0].split("#", 1)[0]
    p = guide_dir / src
    return p if p.is_file() else None


def is_illustration(name: str, mocks: frozenset[str]) -> bool:
    return name in mocks or name.lower().endswith(".svg")


def _figure(inner: str, illustration: bool) -> str:
    cls = "sotay-figure sotay-mock" if illustration else "sotay-figure sotay-photo"
    cap = f"<figcaption>{MOCK_CAPTION}</figcaption>" if illustration else ""
    return f'<figure class="{cls}">{inner}{cap}</figure>'


def enhance_images(html: str, guide_dir: Path) -> str:
    guide_dir = Path(guide_dir)
    if "<img" not in html:
        return html
    mocks = mock_names(guide_dir)

    def fix_img(m: re.Match) -> str:
        tag = m.group(0)
        attrs = _parse_img(tag)
        d = dict(attrs)
        f = _local_file(d.get("src"), guide_dir)
        if f is None:
            return tag
        size = intrinsic_size(f)
        add = []
        if size and "width" not in d and "height" not in d:
            w, h = display_size(*size)
            if w and h:
                add += [("width", str(w)), ("height", str(h))]
        if "loading" not in d:
            add.append(("loading", "lazy"))
        if "decoding" not in d:
            add.append(("decoding", "async"))
        return _build_img(attrs + add) if add else tag

    def src_of(fragment: str) -> str | None:
        m = _IMG.search(fragment)
        return dict(_parse_img(m.group(0))).get("src") if m else None

    def wrap_sole(m: re.Match) -> str:
        text, inner = m.group(1), m.group(2)
        if _IMG.search(text):                       # several images in one paragraph: leave it
            return m.group(0)
        f = _local_file(src_of(inner), guide_dir)
        if f is None:
            return m.group(0)
        before = f"<p>{text.rstrip()}</p>\n" if text.strip() else ""
        return before + _figure(inner, is_illustration(f.name, mocks))

    html = _SOLE.sub(wrap_sole, html)
    html = _IMG.sub(fix_img, html)
    return html
