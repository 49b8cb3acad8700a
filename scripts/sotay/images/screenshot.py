"""Real screenshots (``photo:`` in images.yml) → a small, clean web image with callouts and redactions.

    buoc-4.webp:
      photo: raw/buoc-4.jpg                     # the editor's raw screenshot (kept OUT of git, see below)
      callouts:
        - {n: 1, box: [120, 840, 480, 120]}     # numbered highlight box: x, y, width, height
        - {n: 2, arrow: [600, 300]}             # numbered arrow pointing at x, y
      redact: [[40, 300, 600, 80]]              # boxes covered completely (names, ID numbers, phones)

Coordinates are pixels of the raw image as an image viewer shows it (EXIF orientation applied).

Pipeline (`process_photo`): open → apply EXIF orientation → flatten to RGB on white → cover each
redact box with a solid, hatched panel (nothing of the original pixels is kept there: blurring or
pixelating alone can be reversed for digits) → scale to at most 720 px wide → draw callouts →
encode as WebP (or PNG/JPEG if the output name says so) from a fresh pixel buffer, so no metadata
at all survives (EXIF incl. GPS and device, ICC profile, XMP, text chunks) → lower the quality, then
the width, until the file fits the budget (60 KB); `Result.over_budget` says if it still does not.

Raw screenshots may show personal data and carry GPS/device metadata, so they live in ``raw/``
beside the guide, which is git-ignored (``guides/**/raw/``) and never published: the build copies
only the top-level image files of a guide folder. What is committed and reviewed in a pull request
is the declaration in images.yml and the processed image.
"""
from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from ..content.config import ROOT

FONT_DIR = ROOT / "fonts"
MAX_WIDTH = 720
MIN_WIDTH = 360
BUDGET = 60 * 1024
HL = (194, 65, 12)            # same orange-red as the mock screens
GLOW = (255, 212, 59)
PANEL = (206, 212, 218)
HATCH = (173, 181, 189)


@dataclass
class Result:
    data: bytes
    width: int
    height: int
    quality: int
    over_budget: bool


def _font(size: int, bold: bool = True):
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    try:
        return ImageFont.truetype(str(FONT_DIR / name), size)
    except OSError:
        return ImageFont.load_default(size)


def _clamp(box, w, h):
    x, y, bw, bh = box
    x0, y0 = max(0, min(w, x)), max(0, min(h, y))
    x1, y1 = max(0, min(w, x + bw)), max(0, min(h, y + bh))
    return x0, y0, x1, y1


def load_oriented(src: Path) -> Image.Image:
    """The raw image, upright (EXIF orientation applied), as RGB on white."""
    with Image.open(src) as im:
        im.load()
        im = ImageOps.exif_transpose(im)
        if im.mode in ("RGBA", "LA", "P", "PA"):
            im = im.convert("RGBA")
            bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
            im = Image.alpha_composite(bg, im)
        return im.convert("RGB")


def apply_redactions(im: Image.Image, boxes) -> Image.Image:
    """Cover each box with an opaque hatched panel labelled "đã che"; the original pixels are gone."""
    im = im.copy()
    d = ImageDraw.Draw(im)
    for box in boxes:
        x0, y0, x1, y1 = _clamp(box, im.width, im.height)
        if x1 <= x0 or y1 <= y0:
            continue
        d.rectangle((x0, y0, x1 - 1, y1 - 1), fill=PANEL)
        step = max(12, round(min(im.width, 1080) / 40))
        lw = max(2, step // 5)
        panel = Image.new("RGB", (x1 - x0, y1 - y0), PANEL)
        pd = ImageDraw.Draw(panel)
        for k in range(-(y1 - y0), x1 - x0, step):
            pd.line((k, y1 - y0, k + (y1 - y0), 0), fill=HATCH, width=lw)
        label_size = min(max(12, (y1 - y0) // 2), round(im.width / 22))
        font = _font(label_size, bold=False)
        text = "đã che"
        tw = pd.textlength(text, font=font)
        if tw + 16 < x1 - x0 and label_size + 8 < y1 - y0:
            tx, ty = (x1 - x0 - tw) / 2, (y1 - y0 - label_size) / 2 - label_size * 0.15
            pd.rectangle((tx - 6, ty - 2, tx + tw + 6, ty + label_size * 1.25), fill=PANEL)
            pd.text((tx, ty), text, font=font, fill=(73, 80, 87))
        im.paste(panel, (x0, y0))
    return im


def _badge(d: ImageDraw.ImageDraw, cx, cy, n: int, r: int):
    d.ellipse((cx - r - 3, cy - r - 3, cx + r + 3, cy + r + 3), fill=(255, 255, 255))
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=HL)
    font = _font(round(r * 1.25))
    d.text((cx, cy), str(n), font=font, fill=(255, 255, 255), anchor="mm")


def draw_callouts(im: Image.Image, callouts, scale: float) -> Image.Image:
    """Numbered highlight boxes / arrows; coordinates in raw pixels, drawn on the scaled image."""
    im = im.copy()
    d = ImageDraw.Draw(im)
    unit = max(1.0, im.width / 360)          # ≈ CSS px when shown 360 px wide
    r = round(15 * unit)
    for c in sorted(callouts, key=lambda c: c["n"]):
        if "box" in c:
            x, y, w, h = (v * scale for v in c["box"])
            pad = 3 * unit
            rect = (x - pad, y - pad, x + w + pad, y + h + pad)
            d.rounded_rectangle(rect, radius=round(8 * unit), outline=GLOW, width=round(6 * unit))
            d.rounded_rectangle(rect, radius=round(8 * unit), outline=HL, width=round(3 * unit))
            cx = min(rect[2], im.width - r - 4)
            cy = max(rect[1], r + 4)
            _badge(d, cx, cy, c["n"], r)
        else:
            px, py = (v * scale for v in c["arrow"])
            # the arrow comes from the side with more room (towards the image centre)
            vx, vy = im.width / 2 - px, im.height / 2 - py
            norm = math.hypot(vx, vy) or 1.0
            vx, vy = vx / norm, vy / norm
            length = 60 * unit
            sx, sy = px + vx * length, py + vy * length
            head = 14 * unit
            bx, by = px + vx * head, py + vy * head
            nx, ny = -vy, vx
            tri = [(px, py), (bx + nx * head * 0.7, by + ny * head * 0.7), (bx - nx * head * 0.7, by - ny * head * 0.7)]
            d.line((sx, sy, bx, by), fill=GLOW, width=round(9 * unit))
            d.polygon(tri, fill=GLOW)
            d.line((sx, sy, bx, by), fill=HL, width=round(5 * unit))
            d.polygon(tri, fill=HL)
            cx = min(max(sx + vx * r, r + 4), im.width - r - 4)
            cy = min(max(sy + vy * r, r + 4), im.height - r - 4)
            _badge(d, cx, cy, c["n"], r)
    return im


def _clean(im: Image.Image) -> Image.Image:
    """A fresh image holding only the pixels (no info dict, no EXIF, no ICC, no XMP)."""
    return Image.frombytes("RGB", im.size, im.convert("RGB").tobytes())


def _encode(im: Image.Image, fmt: str, quality: int) -> bytes:
    buf = io.BytesIO()
    if fmt == "webp":
        im.save(buf, "WEBP", quality=quality, method=6)
    elif fmt == "png":
        q = im.quantize(colors=max(16, min(256, quality * 3)), method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        q.save(buf, "PNG", optimize=True)
    else:
        im.save(buf, "JPEG", quality=quality, optimize=True, progressive=True)
    return buf.getvalue()


def encode_within_budget(im: Image.Image, fmt: str, budget: int = BUDGET) -> tuple[bytes, Image.Image, int, bool]:
    im = _clean(im)
    while True:
        for q in (80, 70, 60, 50, 42):
            data = _encode(im, fmt, q)
            if len(data) <= budget:
                return data, im, q, False
        if im.width <= MIN_WIDTH:
            return data, im, q, True
        w = max(MIN_WIDTH, round(im.width * 0.85))
        im = _clean(im.resize((w, round(im.height * w / im.width)), Image.Resampling.LANCZOS))


class OutsidePicture(ValueError):
    """A callout or redaction that does not lie inside the raw screenshot (Vietnamese message)."""


def outside_picture(callouts, redact, width: int, height: int) -> list[str]:
    """Each callout or redaction that reaches outside a width × height picture, in Vietnamese."""
    def out(x, y, w=0, h=0):
        return x + w > width or y + h > height
    found = []
    for c in callouts:
        if "box" in c and out(*c["box"]):
            found.append(f"khung chú thích số {c['n']} {c['box']}")
        if "arrow" in c and out(*c["arrow"]):
            found.append(f"mũi tên chú thích số {c['n']} {c['arrow']}")
    found += [f"vùng che {list(b)}" for b in redact if out(*b)]
    return found


def process_photo(src: Path, out_name: str, callouts=(), redact=(), budget: int = BUDGET) -> Result:
    """Raw screenshot → bytes of the published image (format from out_name's extension)."""
    fmt = Path(out_name).suffix.lower().lstrip(".")
    fmt = {"jpeg": "jpg"}.get(fmt, fmt)
    if fmt not in ("webp", "png", "jpg"):
        raise ValueError(f"định dạng không hỗ trợ: {out_name}")
    im = load_oriented(Path(src))
    outside = outside_picture(callouts, redact, im.width, im.height)
    if outside:
        raise OutsidePicture(f"{'; '.join(outside)} nằm ngoài ảnh gốc (rộng {im.width}, cao {im.height} "
                             "điểm ảnh). Đo lại tọa độ [x, y, rộng, cao] trên chính ảnh gốc này.")
    im = apply_redactions(im, redact)
    scale = min(1.0, MAX_WIDTH / im.width)
    if scale < 1.0:
        im = im.resize((MAX_WIDTH, round(im.height * scale)), Image.Resampling.LANCZOS)
    im = draw_callouts(im, callouts, scale)
    data, final, q, over = encode_within_budget(im, fmt, budget)
    return Result(data, final.width, final.height, q, over)
