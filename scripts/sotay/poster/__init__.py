"""QR posters for village halls (issue 5): print-ready A4 posters and A4/A3 "menu" posters.

- `guide.render_guide`  — the A4 poster of one guide (≥ 12 cm QR, error correction H).
- `menu.render_menu`    — all guides of a category (or all), one QR (≥ 3.5 cm) each.
- `villages.load_villages` — config/villages.yml, validated with Vietnamese errors.
- `build`               — batches written atomically; `publish_site` for site/poster/;
                          `page_markdown` for the "Poster để in" page.
The CLI is sotay posters; the site build calls `build.publish_site` from the hooks.
"""
from .build import page_markdown, publish_site  # noqa: F401
