"""Link-preview images (og:image): one 1200×630 PNG per guide, drawn at build time with Pillow.

Shows the guide's Vietnamese title, the site name and the guide's short link, in Noto Sans
(fonts/, OFL) — no network, no Material social plugin. `write_images()` is called after the build;
`image_path()` / `image_url()` say where each page's preview lives.
"""
from __future__ import annotations

import html
import io
import re
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

from .. import cache
from ..content.config import ROOT
from ..images.wordwrap import wrap_words

W, H = 1200, 630
BG = (11, 79, 138)          # the site's primary colour (#0b4f8a)
FG = (255, 255, 255)
ACCENT = (255, 214, 102)
DIR = "assets/social"
SITE_IMAGE = "so-tay-so.png"


def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    return ImageFont.truetype(str(ROOT / "fonts" / name), size)


def image_path(guide_id: str | None = None) -> str:
    """Site-relative path of a page's preview image (the site-wide one when guide_id is None)."""
    return f"{DIR}/{guide_id}.png" if guide_id else f"{DIR}/{SITE_IMAGE}"


def image_url(site_url: str, guide_id: str | None = None) -> str:
    return site_url.rstrip("/") + "/" + image_path(guide_id)


def page_title(meta_title: str | None, title: str | None, is_homepage: bool, site_name: str) -> str:
    """The title a page's preview shows: its own, the site's name on the home page."""
    if meta_title:
        return meta_title
    if title and not is_homepage:
        return " ".join(html.unescape(re.sub(r"<[^>]*>", "", title)).split())
    return site_name


def preview_tags(title: str, description: str, url: str | None, image: str, site_name: str, *,
                 article: bool = True, description_meta: bool = False) -> str:
    """Open Graph and Twitter card tags, the one list for every page: the theme's pages (through
    page.meta, see scripts/mkdocs_hooks.py) and the short-link redirect pages, which Zalo and
    Facebook read when a volunteer pastes /q/<code>/ in a chat. `description_meta` adds the plain
    <meta name="description"> for pages the theme does not render (it writes its own)."""
    tags = [("property", "og:type", "article" if article else "website"), ("property", "og:site_name", site_name),
            ("property", "og:locale", "vi_VN"), ("property", "og:title", title),
            ("property", "og:description", description)]
    if url:
        tags.append(("property", "og:url", url))
    tags += [("property", "og:image", image), ("property", "og:image:type", "image/png"),
             ("property", "og:image:width", str(W)), ("property", "og:image:height", str(H)),
             ("property", "og:image:alt", f"{title} — {site_name}")]
    if description_meta:
        tags.append(("name", "description", description))
    tags += [("name", "twitter:card", "summary_large_image"), ("name", "twitter:title", title),
             ("name", "twitter:description", description), ("name", "twitter:image", image)]
    return "\n".join(f'<meta {kind}="{key}" content="{html.escape(value, quote=True)}">' for kind, key, value in tags)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines, last = wrap_words(text.split(), lambda t: draw.textlength(t, font=font) <= width)
    return lines + [last] if last else lines


def _fit_title(draw, title: str, width: int, max_height: int):
    """Largest font size (72 → 40 px) at which the title fits in the box; ellipsis if it never does."""
    for size in range(72, 38, -4):
        font = _font(True, size)
        lines = _wrap(draw, title, font, width)
        if len(lines) * size * 1.25 <= max_height:
            return font, lines
    font = _font(True, 40)
    lines = _wrap(draw, title, font, width)
    keep = int(max_height // (40 * 1.25))
    if len(lines) > keep:
        lines = lines[:keep]
        lines[-1] = lines[-1].rstrip(" ,.") + "…"
    return font, lines


def _ramp(to: tuple[int, int, int]) -> list[int]:
    """SHADES colours from the background to `to`, as palette bytes."""
    return [round(b + (t - b) * i / (SHADES - 1)) for i in range(SHADES) for b, t in zip(BG, to)]


SHADES = 32                   # anti-aliasing shades per colour: 64 palette colours in all
PALETTE = _ramp(FG) + _ramp(ACCENT)


def draw_image(title: str, site_name: str, link: str, kicker: str = "") -> Image.Image:
    """The preview as a palette image of two ramps: the background to the white text (indexes
    0–31) and to the yellow accent (32–63). Each colour's text is drawn into its own anti-aliased
    mask; they never overlap, so no quantizing is needed (it cost a quarter of a preview's time)."""
    white, accent = Image.new("L", (W, H)), Image.new("L", (W, H))
    dw, da = ImageDraw.Draw(white), ImageDraw.Draw(accent)
    margin = 80
    da.rectangle([0, H - 24, W, H], fill=255)
    da.text((margin, 64), site_name, font=_font(True, 44), fill=255)
    if kicker:
        dw.text((margin, 124), kicker, font=_font(False, 32), fill=255)
    font, lines = _fit_title(dw, title, W - 2 * margin, 300)
    y = 190
    step = int(font.size * 1.25)
    for line in lines:
        dw.text((margin, y), line, font=font, fill=255)
        y += step
    dw.text((margin, H - 110), link, font=_font(False, 36), fill=255)
    shade = 256 // SHADES
    index = ImageChops.lighter(white.point(lambda v: v // shade),
                               accent.point(lambda v: SHADES + v // shade if v >= shade else 0))
    img = Image.frombytes("P", (W, H), index.tobytes())
    img.putpalette(PALETTE)
    return img


def png_bytes(root: Path, title: str, site_name: str, link: str, kicker: str) -> bytes:
    """The preview PNG, from the build cache when these texts were drawn before (sotay/cache.py)."""
    def make() -> bytes:
        # about 17 KB (a link preview on 3G)
        buf = io.BytesIO()
        draw_image(title, site_name, link, kicker=kicker).save(buf, format="PNG")
        return buf.getvalue()
    return cache.cached(root, "social-png", (title, site_name, link, kicker, W, H), make)


def write_images(catalog, site_dir: Path) -> list[Path]:
    """Write the site-wide preview and one per guide into site_dir/assets/social/."""
    out = Path(site_dir) / DIR
    out.mkdir(parents=True, exist_ok=True)
    site = catalog.config
    written = []
    home = out / SITE_IMAGE
    home.write_bytes(png_bytes(catalog.root, "Hướng dẫn từng bước cho việc số hằng ngày", site.site_name,
                               site.domain, "VNeID · Dịch vụ công · Thanh toán · Bán hàng"))
    written.append(home)
    for g in catalog.guides:
        path = out / f"{g.id}.png"
        short = catalog.short_url(g).split("://", 1)[-1].rstrip("/")
        path.write_bytes(png_bytes(catalog.root, g.title, site.site_name, short, "Hướng dẫn từng bước"))
        written.append(path)
    return written
