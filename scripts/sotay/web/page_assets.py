"""Post-processing of built pages that keeps the first view small.

`defer_lightbox(html)` removes the render-blocking GLightbox <script>/<link> that mkdocs-glightbox
puts in <head> (≈18 KB gzip on every page) and its init script; docs/assets/javascripts/sotay.js
loads GLightbox on the first tap on a step image instead. Without JS the image link still opens
the full image, which the phone's browser can zoom.
"""
from __future__ import annotations

import re

_GLB_CSS = re.compile(r'<link\b[^>]*glightbox\.min\.css[^>]*>\s*')
_GLB_JS = re.compile(r'<script\b[^>]*src="[^"]*glightbox\.min\.js"[^>]*>\s*</script>\s*')
_GLB_INIT = re.compile(r'<script id="init-glightbox">.*?</script>', re.S)


def defer_lightbox(html: str) -> str:
    if "glightbox" not in html:
        return html
    html = _GLB_CSS.sub("", html, count=1)
    html = _GLB_JS.sub("", html, count=1)
    return _GLB_INIT.sub("", html, count=1)


_NAV_TOGGLE = re.compile(
    r'(<label class="md-nav__link[^"]*" for="(__nav_[\w]+)" id="\2_label" tabindex="0">\s*'
    r'<span class="md-nav__icon md-icon"></span>)(\s*</label>)')
_TAGS = re.compile(r"<[^>]+>")


def name_nav_toggles(html: str) -> str:
    """With navigation.indexes, Material's section toggles are empty <label>s, and each sub-<nav> is
    `aria-labelledby` that empty label: no accessible name (axe: landmark-unique). Give each toggle a
    visually hidden name taken from its section title."""
    def fix(m: re.Match) -> str:
        title = re.search(rf'<label class="md-nav__title" for="{re.escape(m.group(2))}">(.*?)</label>',
                          html[m.end():], re.S)
        if not title:
            return m.group(0)
        text = " ".join(_TAGS.sub(" ", title.group(1)).split())
        return f'{m.group(1)}<span class="sotay-sr">{text}</span>{m.group(3)}'
    html = _NAV_TOGGLE.sub(fix, html)

    def orphan(m: re.Match) -> str:           # a section without pages has no toggle label at all
        if f'id="{m.group(1)}"' in html:
            return m.group(0)
        title = re.search(rf'<label class="md-nav__title" for="{re.escape(m.group(1)[:-6])}">(.*?)</label>',
                          html[m.end():], re.S)
        text = " ".join(_TAGS.sub(" ", title.group(1)).split()) if title else "Mục"
        return f'aria-label="{text}"'
    return re.sub(r'aria-labelledby="(__nav_\w+_label)"', orphan, html)


def name_search_dialog(html: str) -> str:
    """Material's search overlay is role="dialog" without a name (axe: aria-dialog-name)."""
    return html.replace('<div class="md-search" data-md-component="search" role="dialog">',
                        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Tìm kiếm">', 1)


def post_page(html: str) -> str:
    """Everything this module does to a finished page."""
    html = name_search_dialog(name_nav_toggles(defer_lightbox(html)))
    return collapse_whitespace(drop_palette(html))


_PALETTE = re.compile(r'<link rel="stylesheet" href="[^"]*assets/stylesheets/palette\.[0-9a-f]{8}\.min\.css">\s*')
_KEEP = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>)", re.S | re.I)


def drop_palette(html: str) -> str:
    """Material's palette.css only holds its named colours and the dark scheme; with
    `primary: custom` the colours are in sotay.css, so the request is pure cost (≈2 KB gzip)."""
    return _PALETTE.sub("", html, count=1)


def collapse_whitespace(html: str) -> str:
    """Drop indentation and blank lines Jinja leaves (HTML collapses them anyway); <pre>,
    <textarea> and <script> are kept as they are."""
    parts = _KEEP.split(html)
    for i in range(0, len(parts), 2):
        parts[i] = re.sub(r"\n\s+", "\n", parts[i])
    return "".join(parts)


def minify_text_asset(text: str) -> str:
    """Our own CSS/JS (no `//` comments, no "/*" inside strings): drop comments and indentation."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip()) + "\n"


def _minifiers():
    """(css, js) minifiers: rcssmin/rjsmin (pure Python, pinned), else the stripper above."""
    try:
        from rcssmin import cssmin
        from rjsmin import jsmin
    except ImportError:                               # pragma: no cover - pinned in requirements.txt
        return minify_text_asset, minify_text_asset
    return cssmin, jsmin


def minify_css(text: str) -> str:
    """Our own CSS as served (sotay.css, and the practice view's inline stylesheet)."""
    return _minifiers()[0](text)


def minify_own_assets(site_dir) -> None:
    """sotay.js, sotay.css, sw.js and practice.js as served."""
    from pathlib import Path
    cssmin, jsmin = _minifiers()
    for rel in ("assets/javascripts/sotay.js", "assets/stylesheets/sotay.css", "sw.js",
                "assets/javascripts/practice.js"):
        path = Path(site_dir) / rel
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            rewrite(path, (cssmin if rel.endswith(".css") else jsmin)(text))


def rewrite(path, text: str) -> None:
    """A site file replaced by a new one, never written in place: a site file may be a hard link
    (to a cached PDF, or to a guide's picture: mkdocs_hooks.py), which must not change."""
    import os
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


BUILD_TOKEN = "__SOTAY_BUILD__"


def cache_first_pattern(sw_text: str):
    """The service worker's HASHED regex (the one definition of a content-hashed path), in Python."""
    m = re.search(r"^var HASHED = /(.+)/;\s*$", sw_text, re.M)
    if not m:
        raise ValueError("sw.js: no `var HASHED = /…/;` line")
    return re.compile(m.group(1).replace("\\/", "/"))


def stamp_service_worker(site_dir) -> str:
    """Tie the worker's cache-first cache to this build: its name carries a digest of every file the
    worker serves cache-first (so a new build never serves an older build's copy first)."""
    import hashlib
    from pathlib import Path
    site = Path(site_dir)
    sw = site / "sw.js"
    text = sw.read_text(encoding="utf-8")
    hashed = cache_first_pattern(text)
    digest = hashlib.sha256()
    for f in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = "/" + f.relative_to(site).as_posix()
        if hashed.search(rel):
            digest.update(rel.encode() + b"\0" + f.read_bytes())
    token = digest.hexdigest()[:12]
    rewrite(sw, text.replace(BUILD_TOKEN, token))
    return token
