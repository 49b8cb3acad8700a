"""Material's page bundle with one fix: its element helper appends an HTML string with
`insertAdjacentHTML("beforeend", …)` instead of `innerHTML +=`.

`innerHTML +=` serialises everything the element already holds and parses it all again, once per
string. Material builds every search result that way (title, then text, then each part). So the
result list cost grew with each string added, and it was the largest single cost of a keystroke
(search/README.md, "Where a keystroke's time goes"). `insertAdjacentHTML` parses only the new
string and keeps the nodes already there. A list built either way is the same DOM.

The bundle keeps its name. Its content changes, so the service worker's cache name changes with it
(page_assets.stamp_service_worker). The source map comment is dropped, because the map no longer
matches the line. If a Material release changes the helper, nothing is patched and `patch` says so
(tests/test_theme_js.py fails, on Material's bundle and on the built site).
"""
from __future__ import annotations

import re
from pathlib import Path

from .page_assets import rewrite

# function sn(e,t){if(typeof t=="string"||typeof t=="number")e.innerHTML+=t.toString();else …
_APPEND = re.compile(r'(typeof (\w+)=="string"\|\|typeof \2=="number"\)(\w+))\.innerHTML\+=\2\.toString\(\)')
_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")


def bundles(site_dir: Path) -> list[Path]:
    return sorted((Path(site_dir) / "assets" / "javascripts").glob("bundle.*.min.js"))


def patch(text: str) -> tuple[str, int]:
    """(patched bundle, number of helpers patched)."""
    text, n = _APPEND.subn(lambda m: f'{m[1]}.insertAdjacentHTML("beforeend",{m[2]}.toString())', text)
    if n:
        text = _MAP.sub("\n", text)
    return text, n


def patch_site(site_dir: Path) -> int:
    """Patch the built bundle(s) in place (atomically); returns how many helpers were patched."""
    total = 0
    for path in bundles(site_dir):
        text, n = patch(path.read_text(encoding="utf-8"))
        if n:
            rewrite(path, text)
        total += n
    return total
