"""The `sotay` command: one entry point with a subcommand per job; the Makefile calls it.

    sotay check [ROOT]            sotay guide [--category …]     sotay images [FOLDERS…]
    sotay posters [--guide …]     sotay stale [--days N]         sotay shortlinks
    sotay serve [--host --port]   sotay fix-unicode [FILES…]
    sotay bench-build | bench-search | bench-pages
Each subcommand lives in sotay/commands/<name>.py and is imported only when it runs.
"""
from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "check": ("check", "kiểm tra nội dung các hướng dẫn"),
    "guide": ("guide", "tạo một hướng dẫn mới"),
    "images": ("images", "tạo lại ảnh minh họa và xử lý ảnh chụp màn hình"),
    "posters": ("posters", "tạo poster PDF để in"),
    "stale": ("stale", "liệt kê hướng dẫn lâu chưa kiểm tra lại"),
    "shortlinks": ("shortlinks", "ghi mã ngắn cho các hướng dẫn đã xuất bản"),
    "fix-unicode": ("fix_unicode", "bỏ BOM và chuẩn hóa chữ có dấu về dạng NFC"),
    "serve": ("serve", "xây dựng và mở trang để xem thử (--host, --port)"),
    "bench-build": ("bench_build", "đo thời gian xây dựng, so với Material gốc"),
    "bench-search": ("bench_search", "đo chất lượng và tốc độ tìm kiếm"),
    "bench-pages": ("bench_pages", "đo dung lượng trang và điểm Lighthouse"),
}


def usage() -> str:
    lines = ["Cách dùng: sotay <lệnh> [tùy chọn]", "", "Các lệnh:"]
    lines += [f"  {name:<13} {help_}" for name, (_, help_) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(usage())
        return 0
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        from .content.suggest import did_you_mean
        hint = did_you_mean(name, COMMANDS)
        print(f'Không có lệnh "{name}".{hint}\n\n{usage()}', file=sys.stderr)
        return 2
    module = importlib.import_module(f".commands.{COMMANDS[name][0]}", __package__)
    return module.main(rest) or 0
