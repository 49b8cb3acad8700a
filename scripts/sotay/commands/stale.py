"""`make stale`: list guides whose steps were last checked (`updated`) too long ago, the facts whose
source was read more than a year ago, facts citing a legal text the source says was replaced, and
every guide's open review items (issue 18, issue 12).

    sotay stale              # older than stale_days in config/site.yml (default 180)
    sotay stale --days 90    # another age
    sotay stale --fail       # exit 1 when any guide is stale (for a scheduled CI job)

The same age decides the "đã lâu chưa được kiểm tra lại" notice on the guide page.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..content.catalog import Catalog, Guide, load_catalog
from ..content.config import ROOT
from ..errors import ContentError
from ..content.facts import old_sources, open_reviews, replaced_citations
from ..web.pages import vn_date


def is_stale(g: Guide, days: int, today: dt.date) -> bool:
    """Same rule as the guide page notice (scripts/mkdocs_hooks.py): more than `days` days old."""
    return (today - g.updated).days > days


def stale_guides(catalog: Catalog, days: int, today: dt.date | None = None) -> list[Guide]:
    today = today or dt.date.today()
    return sorted((g for g in catalog.guides if is_stale(g, days, today)), key=lambda g: g.updated)


def facts_report(catalog: Catalog, today: dt.date) -> None:
    """Facts to check again: old sources, replaced legal texts, open review items."""
    for g in catalog.guides:
        rel = g.path.relative_to(catalog.root).as_posix()
        old = old_sources(g, today)
        replaced = replaced_citations(g)
        reviews = open_reviews(g)
        if not (old or replaced or reviews):
            continue
        print(f"{g.id} ({rel}):")
        for src, lines in old:
            print(f"  - nguồn \"{src['id']}\" đọc tháng {src['checked']}, đã hơn một năm: đọc lại nguồn, "
                  f"kiểm tra {len(lines)} câu trích nó (dòng {', '.join(map(str, lines))}), rồi đổi \"checked\".")
        for src, lines in replaced:
            print(f"  - nguồn \"{src['id']}\" đã được thay bằng {src['replaced_by']}: sửa các câu trích nó "
                  f"(dòng {', '.join(map(str, lines))}) theo văn bản mới.")
        for rid, text in reviews:
            print(f"  - cần kiểm tra{f' [^{rid}]' if rid else ''}: {text}")
        print()


def _days(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f'"{value}" không phải số ngày (viết số, ví dụ --days 90)')
    return int(value)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Liệt kê hướng dẫn lâu chưa được kiểm tra lại.")
    ap.add_argument("--days", type=_days, help="số ngày (mặc định: stale_days trong config/site.yml)")
    ap.add_argument("--fail", action="store_true", help="thoát với mã 1 nếu có hướng dẫn cần xem lại")
    ap.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    opts = ap.parse_args(argv)
    try:
        catalog = load_catalog(Path(opts.root).resolve())
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    days = opts.days if opts.days is not None else catalog.config.stale_days
    today = dt.date.today()
    old = stale_guides(catalog, days, today)
    facts_report(catalog, today)
    if not old:
        print(f"Tốt: cả {len(catalog.guides)} hướng dẫn đều được kiểm tra trong {days} ngày qua.")
        return 0
    print(f"{len(old)}/{len(catalog.guides)} hướng dẫn đã hơn {days} ngày chưa được kiểm tra lại "
          f"(cũ nhất trước):\n")
    for g in old:
        rel = g.path.relative_to(catalog.root).as_posix()
        print(f"  - {g.id}: kiểm tra lần cuối {vn_date(g.updated)} ({(today - g.updated).days} ngày trước)\n"
              f"    {g.title}\n    {rel}")
    print("\nKiểm tra lại các bước với nguồn chính thức, sửa nội dung nếu cần, "
          "rồi đổi \"updated\" thành ngày kiểm tra.")
    return 1 if opts.fail else 0
