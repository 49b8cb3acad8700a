"""`make check`: validate every guide without building the site. Exit 1 with Vietnamese messages.

Runs the catalog's front-matter validation and every content check of sotay/checks.py (structure,
raw HTML, links, personal data, images) — the same list that makes the build fail."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from ..checks import run_checks
from ..config import ROOT
from ..errors import ContentError
from ..template import template_problems


def main(argv: list[str]) -> int:
    root = Path(argv[0]).resolve() if argv else ROOT
    start = time.perf_counter()
    try:
        catalog, problems = run_checks(root)
        problems = problems + template_problems(root)     # sample text of `make guide` left in
    except ContentError as exc:          # e.g. config/site.yml unreadable
        print(exc.report(), file=sys.stderr)
        return 1
    if problems:
        print(ContentError(problems, root).report(), file=sys.stderr)
        print("\nSửa các lỗi trên rồi chạy lại `make check`. Hướng dẫn viết bài: CONTRIBUTING.md.",
              file=sys.stderr)
        return 1
    took = time.perf_counter() - start
    print(f"Tốt: {len(catalog.guides)} hướng dẫn, {len(catalog.categories)} chủ đề, không có lỗi "
          f"({took:.1f} giây).")
    return 0
