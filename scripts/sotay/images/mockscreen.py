"""Mock phone screens: a small description of a screen (``mock:`` in a guide's images.yml) → SVG.

The SVG is an honest, simple illustration: a phone frame, a top bar with the app or screen name,
the items stacked from top to bottom, and every item with ``target: N`` outlined in a thick
orange-red box with a numbered circle N. No logos, no copied artwork.

    mock:
      app: VNeID                  # top bar text (required)
      title: Đăng nhập            # optional heading on the screen
      items:                      # 1–12 items (aim for 3–8)
        - {kind: input, text: "Số định danh cá nhân", value: "001xxxxxxxxx"}
        - {kind: button, text: "Đăng nhập", target: 1}

Item kinds and their fields are in ``KINDS`` below. Every item may have ``target: N`` (1–9); ``tiles``
and ``dialog`` also take ``target_index: i`` (1-based) to mark one tile / one dialog button.

Output is deterministic (same description → same bytes): text widths come from the metrics of the
Noto Sans font shipped in fonts/ (read by reportlab, pure Python), not from the machine's fonts.
The SVG asks for the phone's own sans-serif font; Noto Sans is at least as wide as Roboto, so the
wrapping is safe.
"""
from __future__ import annotations

import functools
import hashlib
import unicodedata
from xml.sax.saxutils import escape

from ..content.config import ROOT
from .wordwrap import split_chars, wrap_words

FONT_DIR = ROOT / "fonts"
FONT_STACK = "Roboto,'Noto Sans','Segoe UI',system-ui,-apple-system,'Helvetica Neue',Arial,sans-serif"

# Geometry (SVG user units; the site shows the image 300 CSS px wide).
W = 360
BEZEL = 12
SX0, SX1 = BEZEL, W - BEZEL              # screen left/right
PAD = 20
CX0, CX1 = SX0 + PAD, SX1 - PAD          # content left/right
CW = CX1 - CX0                           # content width (296)
STATUS_H = 26
BAR_H = 56
MIN_H = 640
GAP = 16

# Colours (contrast checked against white / their backgrounds).
INK = "#1f2933"
MUTED = "#52606d"
LINE = "#9aa5b1"
SOFT = "#e4e7eb"
PRIMARY = "#1a56db"
HL = "#c2410c"        # highlight / callout (5.2:1 on white)
GLOW = "#ffd43b"
TILE_COLOURS = ["#3b5bdb", "#0c8599", "#2b8a3e", "#5f3dc4", "#c2255c", "#a61e4d", "#1864ab", "#862e9c"]

# kind → (required fields, optional fields)
COMMON = {"kind", "target"}
KINDS: dict[str, tuple[set[str], set[str]]] = {
    "text": ({"text"}, set()),
    "heading": ({"text"}, set()),
    "input": ({"text"}, {"value"}),
    "button": ({"text"}, set()),
    "button2": ({"text"}, set()),
    "link": ({"text"}, set()),
    "row": ({"text"}, {"detail"}),
    "toggle": ({"text"}, {"on"}),
    "notice": ({"text"}, set()),
    "tiles": ({"items"}, {"target_index"}),
    "otp": (set(), {"value"}),
    "qr": (set(), {"text"}),
    "photo": (set(), {"text"}),
    "sms": ({"text"}, {"from"}),
    "keypad": (set(), set()),
    "dialog": (set(), {"title", "text", "buttons", "target_index"}),
}
KIND_HELP = {
    "text": "đoạn chữ", "heading": "dòng chữ đậm", "input": "ô nhập (text = nhãn, value = nội dung)",
    "button": "nút chính", "button2": "nút phụ", "link": "liên kết", "row": "dòng danh sách (detail = dòng phụ)",
    "toggle": "công tắc (on: true/false)", "notice": "khung thông báo", "tiles": "lưới biểu tượng (items: [...])",
    "otp": "6 ô mã OTP (value)", "qr": "mã QR minh họa", "photo": "ô ảnh xám (text = nhãn)",
    "sms": "tin nhắn (from, text)", "keypad": "bàn phím số", "dialog": "hộp thoại (title, text, buttons)",
}
MOCK_KEYS = {"app", "title", "items"}


# --- text metrics -----------------------------------------------------------------------------

@functools.cache
def _register_fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    names = ("SotayMockRegular", "SotayMockBold")
    for name, file in zip(names, ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")):
        try:
            pdfmetrics.getFont(name)
        except KeyError:
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    return names


@functools.lru_cache(maxsize=4096)
def text_width(s: str, size: float, bold: bool = False) -> float:
    from reportlab.pdfbase import pdfmetrics
    regular, boldname = _register_fonts()
    return pdfmetrics.stringWidth(s, boldname if bold else regular, size)


def wrap(s: str, width: float, size: float, bold: bool = False, max_lines: int = 0) -> list[str]:
    """Greedy word wrap by measured width; over-long words are split; `max_lines` truncates with …"""
    width *= 0.97                           # margin for fonts slightly wider than Noto Sans

    def fits(t: str) -> bool:
        return text_width(t, size, bold) <= width

    lines: list[str] = []
    for para in s.split("\n"):
        full, last = wrap_words(para.split(), fits, lambda word: split_chars(word, fits))
        lines += full + [last]
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_width(last + "…", size, bold) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def _n(v: float) -> str:
    """Compact, deterministic number formatting."""
    r = round(v, 1)
    return str(int(r)) if r == int(r) else f"{r:.1f}"


# --- the drawing ------------------------------------------------------------------------------

class _Canvas:
    def __init__(self):
        self.parts: list[str] = []
        self.styles: dict[tuple, str] = {}
        self.highlights: list[tuple[float, float, float, float, int]] = []

    def cls(self, size: float, bold: bool, fill: str, anchor: str = "start") -> str:
        key = (size, bold, fill, anchor)
        if key not in self.styles:
            self.styles[key] = f"c{len(self.styles)}"
        return self.styles[key]

    def add(self, s: str):
        self.parts.append(s)

    def text(self, x, y, s, size, bold=False, fill=INK, anchor="start", extra=""):
        c = self.cls(size, bold, fill, anchor)
        self.add(f'<text x="{_n(x)}" y="{_n(y)}" class="{c}"{extra}>{escape(s)}</text>')

    def lines(self, x, top, lines, size, bold=False, fill=INK, anchor="start", lh=None, extra="") -> float:
        """Draw lines whose first line box starts at `top`; return the bottom."""
        lh = lh or round(size * 1.35)
        for i, line in enumerate(lines):
            base = top + i * lh + (lh - size) / 2 + size * 0.8
            self.text(x, base, line, size, bold, fill, anchor, extra)
        return top + len(lines) * lh

    def rect(self, x, y, w, h, rx=0, fill="none", stroke=None, sw=None, extra=""):
        a = f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"'
        if rx:
            a += f' rx="{_n(rx)}"'
        a += f' fill="{fill}"'
        if stroke:
            a += f' stroke="{stroke}" stroke-width="{_n(sw or 1)}"'
        self.add(a + extra + "/>")

    def target(self, item: dict, box: tuple[float, float, float, float]):
        n = item.get("target")
        if n:
            self.highlights.append((*box, int(n)))

    def style_sheet(self) -> str:
        # geometricPrecision asks the browser to keep the text's exact geometry when the picture is
        # scaled (it is drawn at 300 CSS px × the phone's pixel ratio) rather than fit the font to
        # each drawn size. Measured in Chromium (issue 13): laying out the first step picture took
        # 135 ms without it and 42 ms with it at CPU ×3.7, median of 5; it looks the same at pixel
        # ratio 1 and 2.6.
        rules = [f"text{{font-family:{FONT_STACK};text-rendering:geometricPrecision}}"]
        for (size, bold, fill, anchor), c in self.styles.items():
            r = f"font-size:{_n(size)}px;fill:{fill}"
            if bold:
                r += ";font-weight:700"
            if anchor != "start":
                r += f";text-anchor:{anchor}"
            rules.append(f".{c}{{{r}}}")
        return "<style>" + "".join(rules) + "</style>"


def _text(c: _Canvas, it: dict, y: float) -> float:
    lines = wrap(it["text"], CW, 17)
    bottom = c.lines(CX0, y, lines, 17)
    c.target(it, (CX0, y, min(CW, max(text_width(t, 17) for t in lines) / 0.97), bottom - y))
    return bottom


def _heading(c: _Canvas, it: dict, y: float) -> float:
    lines = wrap(it["text"], CW, 19, True)
    bottom = c.lines(CX0, y, lines, 19, True)
    c.target(it, (CX0, y, min(CW, max(text_width(t, 19, True) for t in lines) / 0.97), bottom - y))
    return bottom


def _input(c: _Canvas, it: dict, y: float) -> float:
    y0 = y
    y = c.lines(CX0, y, wrap(it["text"], CW, 15), 15, fill=MUTED) + 4
    value = it.get("value")
    vlines = wrap(value, CW - 28, 17, max_lines=2) if value else [""]
    h = max(48, 22 + 23 * len(vlines))
    c.rect(CX0, y, CW, h, 8, "#fff", LINE, 1.5)
    if value:
        c.lines(CX0 + 14, y + (h - 23 * len(vlines)) / 2, vlines, 17, lh=23)
    y += h
    c.target(it, (CX0, y0, CW, y - y0))
    return y


def _button(c: _Canvas, it: dict, y: float, secondary=False) -> float:
    lines = wrap(it["text"], CW - 32, 18, True, max_lines=3)
    h = max(50, 24 + 24 * len(lines))
    if secondary:
        c.rect(CX0 + 1, y + 1, CW - 2, h - 2, 10, "#fff", PRIMARY, 2)
    else:
        c.rect(CX0, y, CW, h, 10, PRIMARY)
    c.lines(CX0 + CW / 2, y + (h - 24 * len(lines)) / 2, lines, 18, True,
            PRIMARY if secondary else "#fff", "middle", 24)
    c.target(it, (CX0, y, CW, h))
    return y + h


def _link(c: _Canvas, it: dict, y: float) -> float:
    lines = wrap(it["text"], CW, 17)
    bottom = c.lines(CX0, y, lines, 17, fill=PRIMARY, extra=' text-decoration="underline"')
    w = max(text_width(line, 17) for line in lines)
    c.target(it, (CX0, y, min(CW, w + 2), bottom - y))
    return bottom


def _row(c: _Canvas, it: dict, y: float) -> float:
    main = wrap(it["text"], CW - 30, 17, max_lines=3)
    detail = wrap(it["detail"], CW - 30, 15, max_lines=2) if it.get("detail") else []
    content = 23 * len(main) + 20 * len(detail)
    h = max(52, content + 20)
    top = y + (h - content) / 2
    top = c.lines(CX0, top, main, 17, lh=23)
    c.lines(CX0, top, detail, 15, fill=MUTED, lh=20)
    c.text(CX1 - 4, y + h / 2 + 8, "›", 26, fill=MUTED, anchor="end")
    c.add(f'<path d="M{_n(CX0)} {_n(y + h)}H{_n(CX1)}" stroke="{SOFT}" stroke-width="1.5"/>')
    c.target(it, (CX0, y, CW, h))
    return y + h


def _toggle(c: _Canvas, it: dict, y: float) -> float:
    lines = wrap(it["text"], CW - 70, 17, max_lines=3)
    h = max(44, 23 * len(lines) + 12)
    c.lines(CX0, y + (h - 23 * len(lines)) / 2, lines, 17, lh=23)
    on = bool(it.get("on"))
    tx, ty = CX1 - 52, y + h / 2 - 14
    c.rect(tx, ty, 52, 28, 14, PRIMARY if on else "#cbd2d9")
    kx = tx + (38 if on else 14)
    c.add(f'<circle cx="{_n(kx)}" cy="{_n(ty + 14)}" r="11" fill="#fff"/>')
    c.target(it, (CX0, y, CW, h))
    return y + h


def _notice(c: _Canvas, it: dict, y: float) -> float:
    lines = wrap(it["text"], CW - 58, 16)
    h = 24 + 22 * len(lines)
    c.rect(CX0, y, CW, h, 10, "#fff4d6", "#e0a800", 1.5)
    c.add(f'<circle cx="{_n(CX0 + 22)}" cy="{_n(y + 23)}" r="11" fill="#b35c00"/>')
    c.text(CX0 + 22, y + 29, "!", 16, True, "#fff", "middle")
    c.lines(CX0 + 42, y + 12, lines, 16, lh=22)
    c.target(it, (CX0, y, CW, h))
    return y + h


def _tiles(c: _Canvas, it: dict, y: float) -> float:
    labels = it["items"]
    n = len(labels)
    cols = 3 if n in (3, 6, 9) else 4
    cell = CW / cols
    icon = 56
    wrapped = [wrap(lab, cell - 4, 14, max_lines=2) for lab in labels]
    row_h = icon + 8 + 19 * max(len(w) for w in wrapped) + 12
    ti = it.get("target_index")
    for i, (lab, lines) in enumerate(zip(labels, wrapped)):
        r, col = divmod(i, cols)
        x = CX0 + col * cell
        top = y + r * row_h
        ix = x + (cell - icon) / 2
        c.rect(ix, top, icon, icon, 14, TILE_COLOURS[i % len(TILE_COLOURS)])
        initial = (lab.strip()[:1] or "•").upper()
        c.text(ix + icon / 2, top + icon / 2 + 9, initial, 26, True, "#fff", "middle")
        c.lines(x + cell / 2, top + icon + 6, lines, 14, fill=INK, anchor="middle", lh=19)
        if ti == i + 1:
            c.target(it, (x + 2, top - 2, cell - 4, row_h - 6))
    rows = (n + cols - 1) // cols
    if it.get("target") and not ti:
        c.target(it, (CX0, y, CW, rows * row_h - 8))
    return y + rows * row_h - 8


def _otp(c: _Canvas, it: dict, y: float) -> float:
    value = str(it.get("value") or "")
    bw, gap = 40, (CW - 6 * 40) / 5
    for i in range(6):
        x = CX0 + i * (bw + gap)
        c.rect(x, y, bw, 50, 8, "#fff", PRIMARY if i == len(value) else LINE, 2 if i == len(value) else 1.5)
        if i < len(value):
            c.text(x + bw / 2, y + 34, value[i], 24, True, INK, "middle")
    c.target(it, (CX0, y, CW, 50))
    return y + 50


def _qr(c: _Canvas, it: dict, y: float) -> float:
    """A QR-like square: finder patterns and a pseudo-random pattern. Deliberately not scannable."""
    m, size = 7, 21
    side = m * size
    x0 = CX0 + (CW - side - 20) / 2
    c.rect(x0, y, side + 20, side + 20, 8, "#fff", LINE, 1.5)
    ox, oy = x0 + 10, y + 10
    seed = hashlib.sha256(("sotay-qr:" + str(it.get("text") or "")).encode()).digest()
    bits = "".join(f"{b:08b}" for b in seed * 4)
    finders = [(0, 0), (0, size - 7), (size - 7, 0)]

    def in_finder(r, col):
        return any(fr - 1 <= r <= fr + 7 and fc - 1 <= col <= fc + 7 for fr, fc in finders)

    d = []
    k = 0
    for r in range(size):
        col = 0
        while col < size:
            if in_finder(r, col):
                col += 1
                continue
            k += 1
            if bits[(r * size + col) % len(bits)] == "1":
                run = 1
                while col + run < size and not in_finder(r, col + run) and \
                        bits[(r * size + col + run) % len(bits)] == "1" and run < 3:
                    run += 1
                d.append(f"M{_n(ox + col * m)} {_n(oy + r * m)}h{run * m}v{m}h-{run * m}z")
                col += run
            else:
                col += 1
    for fr, fc in finders:
        fx, fy = ox + fc * m, oy + fr * m
        d.append(f"M{_n(fx)} {_n(fy)}h49v49h-49zM{_n(fx + 7)} {_n(fy + 7)}v35h35v-35z"
                 f"M{_n(fx + 14)} {_n(fy + 14)}h21v21h-21z")
    c.add(f'<path fill="{INK}" fill-rule="evenodd" d="{"".join(d)}"/>')
    bottom = y + side + 20
    if it.get("text"):
        bottom = c.lines(CX0 + CW / 2, bottom + 12, wrap(it["text"], CW, 15), 15, fill=MUTED, anchor="middle")
    c.target(it, (x0, y, side + 20, side + 20))
    return bottom


def _photo(c: _Canvas, it: dict, y: float) -> float:
    h = 150
    c.rect(CX0, y, CW, h, 10, "#e9ecef")
    mx, my = CX0 + CW / 2, y + 70
    c.add(f'<circle cx="{_n(mx + 22)}" cy="{_n(my - 22)}" r="10" fill="#adb5bd"/>')
    c.add(f'<path d="M{_n(mx - 45)} {_n(my + 25)}l30-38 20 24 12-12 28 26z" fill="#adb5bd"/>')
    if it.get("text"):
        c.lines(mx, y + 112, wrap(it["text"], CW - 20, 14, max_lines=1), 14, fill=MUTED, anchor="middle")
    c.target(it, (CX0, y, CW, h))
    return y + h


def _sms(c: _Canvas, it: dict, y: float) -> float:
    y0 = y
    if it.get("from"):
        y = c.lines(CX0, y, wrap(it["from"], CW, 15, True, max_lines=1), 15, True, MUTED) + 4
    lines = wrap(it["text"], CW - 60, 16)
    bw = min(CW - 30, max(text_width(line, 16) for line in lines) / 0.97 + 28)
    h = 20 + 22 * len(lines)
    c.rect(CX0, y, bw, h, 16, "#e9ecef")
    c.lines(CX0 + 14, y + 10, lines, 16, lh=22)
    c.target(it, (CX0, y0, bw, y + h - y0))
    return y + h


def _keypad(c: _Canvas, it: dict, y: float) -> float:
    keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", "Xóa"]
    kw, kh, gap = (CW - 16) / 3, 46, 8
    for i, k in enumerate(keys):
        r, col = divmod(i, 3)
        x, top = CX0 + col * (kw + gap), y + r * (kh + gap)
        if not k:
            continue
        c.rect(x, top, kw, kh, 10, "#f1f3f5", LINE, 1)
        if k == "Xóa":
            c.text(x + kw / 2, top + 29, k, 16, False, MUTED, "middle")
        else:
            c.text(x + kw / 2, top + 32, k, 24, False, INK, "middle")
    h = 4 * kh + 3 * gap
    c.target(it, (CX0, y, CW, h))
    return y + h


def _dialog(c: _Canvas, it: dict, y: float) -> float:
    inner = CW - 40
    title = wrap(it["title"], inner, 19, True) if it.get("title") else []
    text = wrap(it["text"], inner, 16) if it.get("text") else []
    buttons = list(it.get("buttons") or [])
    bws = [text_width(b, 16, True) / 0.97 + 24 for b in buttons]
    stacked = sum(bws) > inner
    h = 20 + 26 * len(title) + (6 if title and text else 0) + 22 * len(text)
    if buttons:
        h += 14 + (44 * len(buttons) if stacked else 44)
    h += 10
    c.rect(CX0, y, CW, h, 14, "#fff")
    ty = c.lines(CX0 + 20, y + 20, title, 19, True, lh=26)
    ty = c.lines(CX0 + 20, ty + (6 if title and text else 0), text, 16, fill=MUTED, lh=22)
    ti = it.get("target_index")
    by = ty + 14
    bx = CX1 - 10 - (sum(bws) + 8 * (len(bws) - 1))      # right-aligned row, in the given order
    for i, (b, bw) in enumerate(zip(buttons, bws)):
        if stacked:
            box = (CX1 - 10 - bw, by + i * 44, bw, 40)
        else:
            box = (bx, by, bw, 40)
            bx += bw + 8
        c.lines(box[0] + bw / 2, box[1] + 8, [b], 16, True, PRIMARY, "middle", 24)
        if ti == i + 1:
            c.target(it, box)
    if it.get("target") and not ti:
        c.target(it, (CX0, y, CW, h))
    return y + h


RENDER = {"text": _text, "heading": _heading, "input": _input, "button": _button,
          "button2": lambda c, it, y: _button(c, it, y, True), "link": _link, "row": _row,
          "toggle": _toggle, "notice": _notice, "tiles": _tiles, "otp": _otp, "qr": _qr,
          "photo": _photo, "sms": _sms, "keypad": _keypad}


def _nfc(v):
    if isinstance(v, str):
        return unicodedata.normalize("NFC", v)
    if isinstance(v, list):
        return [_nfc(x) for x in v]
    if isinstance(v, dict):
        return {k: _nfc(x) for k, x in v.items()}
    return v


def _draw_highlight(c: _Canvas, x, y, w, h, n):
    p = 8
    x, y, w, h = x - p, y - p, w + 2 * p, h + 2 * p
    c.rect(x, y, w, h, 12, "none", GLOW, 9, ' stroke-opacity=".75"')
    c.rect(x, y, w, h, 12, "none", HL, 4)
    cx = min(x + w, SX1 - 18)
    cy = max(y, STATUS_H + BEZEL + 18)
    c.add(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="17" fill="{HL}" stroke="#fff" stroke-width="3"/>')
    c.text(cx, cy + 7, str(n), 20, True, "#fff", "middle")


def render_mock(mock: dict) -> bytes:
    """Render a validated ``mock:`` mapping (see validate in imagespec.py) to SVG bytes."""
    mock = _nfc(mock)
    c = _Canvas()
    body = _Canvas()
    body.styles = c.styles                  # share class names
    body.highlights = c.highlights
    y = BEZEL + STATUS_H + BAR_H + 18
    if mock.get("title"):
        y = body.lines(CX0, y, wrap(mock["title"], CW, 22, True), 22, True, lh=30) + 10
    items = mock.get("items") or []
    dialogs = []
    for it in items:
        if it["kind"] == "dialog":
            dialogs.append((it, len(body.parts)))
            body.parts.append("")           # placeholder, drawn once the screen height is known
            continue
        room = 6 if it.get("target") else 0        # space for the highlight outside the item
        y = RENDER[it["kind"]](body, it, y + room) + GAP + room
    content_end = y
    # Dialogs float over the screen, centred: measure them first, then draw over a dark overlay.
    heights = []
    for it, _ in dialogs:
        probe = _Canvas()
        heights.append(_dialog(probe, it, 0))
    top = BEZEL + STATUS_H + BAR_H + 40
    total = sum(heights) + GAP * (len(heights) - 1) if dialogs else 0
    dy = max(top, (max(MIN_H, content_end + 30) - total) / 2)
    content_end = max(content_end, dy + total + GAP)
    H = max(MIN_H, round(content_end + 30 + 24 + BEZEL))
    screen_top = BEZEL
    screen_h = H - 2 * BEZEL
    for it, idx in dialogs:
        d = _Canvas()
        d.styles = c.styles
        d.highlights = c.highlights
        d.add(f'<rect x="{_n(SX0)}" y="{_n(screen_top)}" width="{_n(SX1 - SX0)}" height="{_n(screen_h)}"'
              f' rx="24" fill="#000" fill-opacity=".38"/>')
        dy = _dialog(d, it, dy) + GAP
        body.parts[idx] = "".join(d.parts)

    title = f"Ảnh minh họa màn hình {mock.get('app', '')}"
    if mock.get("title"):
        title += f" — {mock['title']}"
    c.add(f'<rect width="{W}" height="{H}" rx="36" fill="#2d3339"/>')
    c.rect(SX0, screen_top, SX1 - SX0, screen_h, 24, "#fff")
    # status bar
    sy = BEZEL + 18
    c.text(SX0 + 22, sy, "9:41", 13, True, INK)
    c.add(f'<path d="M{SX1 - 62} {sy}h3v-3h-3zm5 0h3v-6h-3zm5 0h3v-9h-3zm5 0h3v-12h-3z" fill="{INK}"/>')
    c.rect(SX1 - 38, sy - 11, 20, 11, 2.5, "none", INK, 1.5)
    c.rect(SX1 - 36, sy - 9, 13, 7, 1, INK)
    # top bar
    by = BEZEL + STATUS_H
    c.rect(SX0, by, SX1 - SX0, BAR_H, 0, "#eef2f7")
    c.add(f'<path d="M{SX0} {by + BAR_H}H{SX1}" stroke="#cbd2d9" stroke-width="1.5"/>')
    app = wrap(mock.get("app", ""), CW, 19, True, max_lines=1)
    c.lines(CX0, by + (BAR_H - 26) / 2, app, 19, True, lh=26)
    c.parts += body.parts
    for x, yy, w, h, n in sorted(c.highlights, key=lambda t: t[4]):
        _draw_highlight(c, x, yy, w, h, n)
    c.add(f'<rect x="{W / 2 - 50:.0f}" y="{H - BEZEL - 14}" width="100" height="5" rx="2.5" fill="#9aa5b1"/>')
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img">'
            f"<title>{escape(title)}</title>")
    return (head + c.style_sheet() + "".join(c.parts) + "</svg>\n").encode("utf-8")
