"""Check `text`: characters and sizes every other check can trust.

Refused in guides (index.md, images.yml) and in the files of config/, shortlinks.yml and
guides/categories.yml: invisible and direction-changing characters (zero-width spaces and joiners,
soft hyphens, right-to-left overrides and isolates, BOM inside text, control characters, private
use), which can hide a fake address or make text read differently from what it is. A line longer
than MAX_LINE characters or a guide larger than MAX_GUIDE_BYTES is refused with a clear message,
and the guide's other checks wait until it is fixed (so nothing runs for minutes on it).
"""
from __future__ import annotations

import re
import unicodedata

from ..errors import Problem
from .base import GuideContext, SiteContext

ID = "text"
TITLE = "Ký tự vô hình, ký tự đổi chiều chữ, dòng và tệp quá dài"
SCOPE = "both"

MAX_LINE = 2000
MAX_GUIDE_BYTES = 300_000
HIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
                       "\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0e\ufeff\uffa0\ufff0-\ufffb"
                       "\ue000-\uf8ff\U000e0000-\U000e0fff]")
SETTINGS_FILES = ("config/*.yml", "shortlinks.yml", "guides/categories.yml")


def _name(ch: str) -> str:
    return unicodedata.name(ch, "ký tự điều khiển")


def file_problems(path, text: str, first_line: int = 1) -> list[Problem]:
    out = []
    for k, line in enumerate(text.split("\n")):
        n = first_line + k
        if len(line) > MAX_LINE:
            out.append(Problem(path, f"dòng dài {len(line)} ký tự, quá mức {MAX_LINE}. Hãy ngắt thành nhiều dòng hoặc "
                                     "nhiều đoạn ngắn (mỗi bước chỉ một việc); các kiểm tra khác của tệp này sẽ chạy "
                                     "khi dòng đã ngắn lại.", n))
            continue
        seen = set()
        for m in HIDDEN_RE.finditer(line):
            ch = m.group(0)
            if ch in seen:
                continue
            seen.add(ch)
            if ch == "\ufeff" and n == 1 and m.start() == 0:
                what = "ký tự BOM ở đầu tệp"
            else:
                what = f"ký tự vô hình hoặc đổi chiều chữ U+{ord(ch):04X} ({_name(ch)})"
            out.append(Problem(path, f"có {what} ở cột {m.start() + 1}. Ký tự này không nhìn thấy được nhưng có thể "
                                     "che giấu một địa chỉ giả hoặc làm chữ hiện khác đi. Hãy xóa nó (gõ lại đoạn "
                                     "chữ đó bằng bàn phím, không dán từ nơi khác).", n))
    return out


def blocks_other_checks(ctx: GuideContext) -> bool:
    """A guide too large or with a line too long: only this check runs for it."""
    if ctx.guide.path.stat().st_size > MAX_GUIDE_BYTES:
        return True
    return any(len(line) > MAX_LINE for line in ctx.text.split("\n"))


def _guide(ctx: GuideContext):
    g = ctx.guide
    size = g.path.stat().st_size
    if size > MAX_GUIDE_BYTES:
        return [Problem(g.path, f"tệp nặng {size // 1024} KB, quá mức {MAX_GUIDE_BYTES // 1000} KB cho một hướng dẫn. "
                                "Hãy tách thành nhiều hướng dẫn ngắn hơn; các kiểm tra khác của tệp này sẽ chạy khi "
                                "tệp đã nhỏ lại.", 1)]
    out = file_problems(g.path, ctx.text)
    if ctx.images is not None:
        out += file_problems(ctx.images.path, "\n".join(ctx.images.lines))
    return out


def _site(ctx: SiteContext):
    out = []
    for pattern in SETTINGS_FILES:
        for path in sorted(ctx.root.glob(pattern)):
            try:
                text = path.read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                continue                   # the loaders report it
            out += file_problems(path, text.replace("\r\n", "\n"))
    return out


def check(ctx):
    return _site(ctx) if isinstance(ctx, SiteContext) else _guide(ctx)
