"""Text placed inside generated Markdown so that it shows exactly as written.

Front-matter values (a source's title, a replaced law's name…) are written into the Markdown the
build generates; `md_text()` escapes HTML and backslash-escapes Markdown punctuation, so such a
value can never become a link, code, emphasis or raw HTML on the page."""
from __future__ import annotations

import html
import re

MD_PUNCT_RE = re.compile(r"([\\`*_{}\[\]()#+\-.!|^])")


def md_text(text: str) -> str:
    return MD_PUNCT_RE.sub(r"\\\1", html.escape(str(text), quote=False))
