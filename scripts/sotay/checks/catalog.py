"""Check `catalog`: what `load_catalog()` refuses — front matter, categories, duplicate ids and
codes, NFC, and the short-link registry (shortlinks.yml). Read once by the runner; listed here."""
from __future__ import annotations

from .base import SiteContext

ID = "catalog"
TITLE = "Phần đầu hướng dẫn, chủ đề, mã link ngắn (shortlinks.yml)"
SCOPE = "site"


def check(ctx: SiteContext):
    return list(ctx.catalog_problems)
