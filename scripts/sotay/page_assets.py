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
