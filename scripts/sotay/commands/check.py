"""`make check`: validate every guide without building the site. Exit 1 with Vietnamese messages.

Runs every check of the registry in sotay/checks/ (front matter, structure, raw HTML, links,
personal data, images, settings …) — the same list that makes the build fail — and reports every
problem at once, each tagged with its check's id. `make check ONLY=<id>` runs one kind."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..checks import REGISTRY, run_checks
from ..content.config import ROOT
from ..errors import ContentError


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="make check", description="Kiểm tra nội dung các hướng dẫn.")
    ap.add_argument("root", nargs="?", default=None)
    ap.add_argument("--only", default=None,
                    help="chỉ chạy một loại kiểm tra: " + ", ".join(m.ID for m in REGISTRY))
    args = ap.parse_args(argv)
    root = Path(args.root).resolve() if args.root else ROOT
    start = time.perf_counter()
    try:
        catalog, problems = run_checks(root, args.only)
    except ContentError as exc:          # e.g. config/site.yml unreadable, or an unknown ONLY=
        print(exc.report(), file=sys.stderr)
        return 1
    if problems:
        print(ContentError(problems, root).report(), file=sys.stderr)
        print("\nSửa các lỗi trên rồi chạy lại `make check`. Hướng dẫn viết bài: CONTRIBUTING.md.",
              file=sys.stderr)
        return 1
    took = time.perf_counter() - start
    which = f" (chỉ: {args.only})" if args.only else ""
    if catalog is None:
        print(f"Tốt{which}: không có lỗi ({took:.1f} giây).")
        return 0
    print(f"Tốt{which}: {len(catalog.guides)} hướng dẫn, {len(catalog.categories)} chủ đề, không có lỗi "
          f"({took:.1f} giây).")
    return 0
