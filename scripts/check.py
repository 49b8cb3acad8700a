#!/usr/bin/env python3
"""`make check`: validate every guide without building the site. Exit 1 with Vietnamese messages."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sotay.catalog import load_catalog  # noqa: E402
from sotay.config import ROOT  # noqa: E402
from sotay.errors import ContentError  # noqa: E402


def main(argv: list[str]) -> int:
    root = Path(argv[1]).resolve() if len(argv) > 1 else ROOT
    try:
        catalog = load_catalog(root)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(f"Tốt: {len(catalog.guides)} hướng dẫn, {len(catalog.categories)} chủ đề, không có lỗi.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
