"""`make fix-unicode`: remove a byte-order mark (BOM) and put Vietnamese text in NFC form.

    sotay fix-unicode                 # every .md/.yml under guides/, docs/, config/ and shortlinks.yml
    sotay fix-unicode FILE [FILE…]    # only these files

Some editors save a BOM at the start of a file, and some keyboards type a letter and its accent
as two characters (decomposed, NFD); `make check` refuses both. This rewrites only the files that
change (atomically), keeps line endings, and prints what it fixed."""
from __future__ import annotations

import os
import sys
import tempfile
import unicodedata
from pathlib import Path

from ..content.config import ROOT

SUFFIXES = {".md", ".yml", ".yaml"}
BOM = "\ufeff"


def files_to_fix(root: Path) -> list[Path]:
    out = [p for d in ("guides", "docs", "config") for p in sorted((root / d).rglob("*"))
           if p.suffix in SUFFIXES and p.is_file()]
    return out + [p for p in (root / "shortlinks.yml",) if p.is_file()]


def fixed_text(text: str) -> tuple[str, list[str]]:
    """The text without BOM and in NFC, and what was changed (Vietnamese, for the editor)."""
    changes = []
    if text.startswith(BOM):
        text = text.lstrip(BOM)
        changes.append("bỏ ký tự BOM ở đầu tệp")
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        lines = sum(1 for a, b in zip(text.split("\n"), nfc.split("\n")) if a != b)
        changes.append(f"chuẩn hóa chữ có dấu về dạng NFC ({lines} dòng)")
    return nfc, changes


def write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    paths = [Path(a).resolve() for a in (argv or [])] or files_to_fix(ROOT)
    fixed = 0
    for path in paths:
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{path}: không đọc được dưới dạng UTF-8 ({exc}); hãy lưu lại với bảng mã UTF-8.",
                  file=sys.stderr)
            return 1
        new, changes = fixed_text(text)
        if changes:
            write_atomic(path, new)
            fixed += 1
            rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            print(f"Đã sửa {rel}: {', '.join(changes)}.")
    print(f"Xong: đã sửa {fixed} tệp." if fixed else "Không có tệp nào cần sửa.")
    return 0
