"""`make shortlinks`: add every guide's code that shortlinks.yml lacks (codes are never removed)."""
from __future__ import annotations

from ..content.catalog import find_guide_files, load_categories, read_guide
from ..content.config import ROOT
from ..content.shortlinks import register_missing


def main(argv: list[str] | None = None) -> int:
    cats, _ = load_categories(ROOT)
    guides = [g for g in (read_guide(p, cats)[0] for p in find_guide_files(ROOT)) if g]
    added = register_missing(ROOT, guides)
    print(f"Đã thêm {len(added)} mã: {', '.join(added)}" if added else "Mọi mã đã có trong shortlinks.yml.")
    return 0
