#!/usr/bin/env python3
"""`make shortlinks`: add every guide's code that shortlinks.yml lacks (codes are never removed)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sotay.catalog import find_guide_files, load_categories, read_guide  # noqa: E402
from sotay.config import ROOT  # noqa: E402
from sotay.shortlinks import register_missing  # noqa: E402


def main() -> int:
    cats, _ = load_categories(ROOT)
    guides = [g for g in (read_guide(p, cats)[0] for p in find_guide_files(ROOT)) if g]
    added = register_missing(ROOT, guides)
    print(f"Đã thêm {len(added)} mã: {', '.join(added)}" if added else "Mọi mã đã có trong shortlinks.yml.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
