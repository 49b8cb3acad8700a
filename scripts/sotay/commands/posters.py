"""`make posters`: print-ready QR posters (PDF) for village halls, the one-stop desk and shops.

Ví dụ (examples):
    sotay posters                          # poster A4 của mọi hướng dẫn → posters/
    sotay posters --guide vneid-kich-hoat --png
    sotay posters --category vneid --village thon-1
    sotay posters --menu --size A3         # bảng tổng hợp mọi hướng dẫn, khổ A3
    sotay posters --all-villages           # poster riêng cho từng thôn trong config/villages.yml
    sotay posters --list                   # xem các mã hướng dẫn, chủ đề, thôn

Everything is checked before anything is written: an unknown guide, category or village, or a
broken config/villages.yml, prints what to fix (in Vietnamese) and exits 1 with no file written.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from ..content.catalog import load_catalog
from ..content.config import ROOT
from ..errors import ContentError
from ..poster import build
from ..content.suggest import did_you_mean
from ..poster.guide import LayoutError
from ..poster.villages import FILE as VILLAGES_FILE, load_villages

SIZES = ("A4", "A3")


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="posters.py", description="Tạo poster mã QR (PDF) để in và dán ở nhà văn hóa, bộ phận một cửa.")
    p.add_argument("--guide", action="extend", nargs="+", default=[], metavar="MÃ",
                   help="mã hướng dẫn (tên thư mục); có thể ghi nhiều mã")
    p.add_argument("--category", action="extend", nargs="+", default=[], metavar="CHỦ_ĐỀ",
                   help="mọi hướng dẫn của một chủ đề (khóa trong guides/categories.yml)")
    p.add_argument("--all", action="store_true", help="mọi hướng dẫn (mặc định)")
    p.add_argument("--menu", action="store_true",
                   help="bảng tổng hợp: nhiều hướng dẫn trên một tờ, mỗi hướng dẫn một mã QR")
    p.add_argument("--size", action="extend", nargs="+", default=[], metavar="A4|A3",
                   help="khổ giấy của bảng tổng hợp (mặc định: cả A4 và A3)")
    p.add_argument("--village", action="extend", nargs="+", default=[], metavar="MÃ_THÔN",
                   help=f"poster riêng của một thôn trong {VILLAGES_FILE.as_posix()}")
    p.add_argument("--all-villages", action="store_true", help="poster riêng cho mọi thôn")
    p.add_argument("--everything", action="store_true",
                   help="tất cả: poster từng hướng dẫn và bảng tổng hợp (A4, A3), chung và cho mọi thôn")
    p.add_argument("--out", default="posters", metavar="THƯ_MỤC", help="thư mục ghi poster (mặc định: posters/)")
    p.add_argument("--png", action="store_true", help="thêm ảnh PNG xem trước cho mỗi trang")
    p.add_argument("--dpi", type=int, default=100, help="độ phân giải ảnh xem trước (mặc định 100)")
    p.add_argument("--date", metavar="NĂM-THÁNG-NGÀY", help="ngày in ghi trên poster (mặc định: hôm nay)")
    p.add_argument("--list", action="store_true", help="liệt kê mã hướng dẫn, chủ đề và thôn rồi thoát")
    p.add_argument("--quiet", action="store_true", help="không hiện thanh tiến độ")
    p.add_argument("--sample", action="store_true",
                   help="cho phép in bản mẫu (ghi \"BẢN MẪU\") khi địa chỉ trang hoặc tên xã vẫn là giá trị mẫu")
    return p.parse_args(argv)


def _split(values: list[str]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _unknown(kind: str, value: str, known: list[str], where: str) -> str:
    hint = did_you_mean(value, known)
    listing = f' Các mã hợp lệ: {", ".join(known) or "(chưa có)"}.' if len(known) <= 12 else ""
    return f'{where}: không có {kind} "{value}".{hint}{listing}'


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    root = ROOT
    try:
        catalog = load_catalog(root)
        villages = load_villages(root, (catalog.config.commune or {}).get("name", ""))
    except ContentError as exc:
        print("Chưa tạo poster nào vì nội dung có lỗi.\n" + exc.report(), file=sys.stderr)
        return 1

    if args.list:
        for cat in catalog.categories.values():
            print(f"{cat.key}: {cat.title}")
            for g in catalog.in_category(cat.key):
                print(f"    {g.id}: {g.title}")
        print("Thôn:", ", ".join(villages.villages) or "(chưa có)")
        return 0

    errors: list[str] = []
    ids = [g.id for g in catalog.guides]
    guide_ids, cat_keys = _split(args.guide), _split(args.category)
    for gid in guide_ids:
        if gid not in ids:
            errors.append(_unknown("hướng dẫn", gid, ids, "--guide") +
                          " Mã là tên thư mục trong guides/<chủ-đề>/; xem danh sách: sotay posters --list")
    for key in cat_keys:
        if key not in catalog.categories:
            errors.append(_unknown("chủ đề", key, list(catalog.categories), "--category") +
                          " Xem guides/categories.yml.")
    sizes = [s.upper() for s in _split(args.size)] or list(SIZES)
    for s in sizes:
        if s not in SIZES:
            errors.append(f'--size: không có khổ giấy "{s}". Chọn A4 hoặc A3.')
    if args.size and not args.menu:
        errors.append("--size chỉ dùng cho bảng tổng hợp: thêm --menu.")
    village_ids = []
    for raw in args.village:      # a code or a name ("Thôn 1"), or several codes "thon-1,thon-2"
        found = villages.find(raw.strip())
        for vid in ([raw.strip()] if found else _split([raw])):
            v = villages.find(vid)
            if v is None:
                errors.append(_unknown("thôn", vid, list(villages.villages), VILLAGES_FILE.as_posix()) +
                              f" Ghi mã thôn hoặc tên thôn; thêm thôn vào {VILLAGES_FILE.as_posix()} nếu chưa có.")
            else:
                village_ids.append(v.id)
    placeholders = catalog.config.placeholder_settings
    if placeholders and not args.sample and not args.list:
        what = {"site_url": "site_url (địa chỉ trang, hiện vẫn là địa chỉ mẫu) trong config/site.yml",
                "commune.name": "commune: name (tên xã, hiện vẫn là \"Xã Mẫu\") trong config/site.yml"}
        errors.append("chưa thể in poster thật: hãy đặt " + " và ".join(what[p] for p in placeholders)
                      + ". Mã QR dẫn tới site_url, nên poster in với địa chỉ mẫu sẽ dẫn sai chỗ. "
                      "Chỉ muốn xem thử: chạy `make posters SAMPLE=1` (mỗi trang ghi \"BẢN MẪU\").")
    if args.all_villages and not villages.villages:
        errors.append(f"--all-villages: {VILLAGES_FILE.as_posix()} chưa có thôn nào.")
    printed = dt.date.today()
    if args.date:
        try:
            printed = dt.date.fromisoformat(args.date)
        except ValueError:
            errors.append(f'--date: "{args.date}" không phải ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2026-12-01.')
    out = Path(args.out)
    if not out.is_absolute():
        out = Path.cwd() / out
    if out.exists() and not out.is_dir():
        errors.append(f"--out: {args.out} là một tệp, không phải thư mục.")
    if not (10 <= args.dpi <= 600):
        errors.append("--dpi: chọn từ 10 đến 600.")
    if args.everything and (guide_ids or cat_keys or args.menu or village_ids or args.all_villages):
        errors.append("--everything đã gồm mọi hướng dẫn, bảng tổng hợp và mọi thôn; không kèm lựa chọn khác.")
    if (guide_ids or cat_keys) and args.all:
        errors.append("--all dùng riêng; không kèm --guide hay --category.")
    if errors:
        print("Chưa tạo poster nào. Hãy sửa:", file=sys.stderr)
        for e in errors:
            print(f"  - {e}", file=sys.stderr)
        return 1

    # selection, in catalog order
    if guide_ids or cat_keys:
        guides = [g for g in catalog.guides if g.id in guide_ids or g.category in cat_keys]
    else:
        guides = list(catalog.guides)
    if not guides:
        print("Chưa tạo poster nào: chủ đề đã chọn chưa có hướng dẫn.", file=sys.stderr)
        return 1
    targets = [None]
    if args.all_villages:
        targets = list(villages.villages.values())
    elif village_ids:
        targets = [villages.get(v) for v in dict.fromkeys(village_ids)]

    scopes = None
    if args.menu:
        if cat_keys and not guide_ids:
            scopes = [(k, catalog.categories[k].title, catalog.in_category(k))
                      for k in catalog.categories if k in cat_keys and catalog.in_category(k)]
        elif guide_ids:
            scopes = [("chon-loc", "Hướng dẫn chọn lọc", guides)]
    if args.everything:
        targets = [None, *villages.villages.values()]
        all_scopes = build.site_scopes(catalog)
        jobs = (build.plan(catalog, guides, targets)
                + build.plan(catalog, guides, targets, menu=True, sizes=SIZES, menu_scopes=all_scopes))
    else:
        jobs = build.plan(catalog, guides, targets, menu=args.menu, sizes=sizes, menu_scopes=scopes)

    progress = None
    if len(jobs) > 1 and not args.quiet:
        from tqdm import tqdm

        def progress(items):
            return tqdm(items, desc="Đang tạo poster", unit="tệp", file=sys.stderr)

    started = time.perf_counter()
    try:
        written = build.write_batch(catalog, jobs, out, printed, args.dpi if args.png else None, progress)
    except LayoutError as exc:
        print(f"Chưa tạo poster nào. Hãy sửa:\n  - {exc}", file=sys.stderr)
        return 1
    except OSError as exc:              # --out not writable, on a missing drive, a file in the way, disk full…
        import errno
        why = {errno.ENOENT: "đường dẫn không tồn tại", errno.EEXIST: "có một tệp chắn đường",
               errno.ENOTDIR: "có một tệp chắn đường", errno.EACCES: "không có quyền ghi",
               errno.EPERM: "không có quyền ghi", errno.ENOSPC: "ổ đĩa đã đầy",
               errno.EROFS: "ổ đĩa chỉ đọc"}.get(exc.errno, "lỗi hệ thống")
        print(f"Chưa tạo poster nào: không ghi được vào thư mục \"{args.out}\" ({why}). Hãy chọn một thư mục "
              "khác với --out, ví dụ --out posters.", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    shown = out
    try:
        shown = out.relative_to(Path.cwd())
    except ValueError:
        pass
    pdfs = sum(1 for w in written if w.suffix == ".pdf")
    print(f"Đã tạo {pdfs} poster PDF" + (f" và {len(written) - pdfs} ảnh PNG" if args.png else "")
          + f" trong {shown}/ ({elapsed:.2f} giây, {elapsed / max(1, len(jobs)) * 1000:.0f} ms mỗi tệp).")
    return 0
