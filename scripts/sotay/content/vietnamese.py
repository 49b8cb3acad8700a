"""Small Vietnamese text helpers shared by slugs, search and checks."""
from __future__ import annotations

import re
import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Remove every diacritic, including đ→d: "Đăng nhập" → "Dang nhap"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(value: str, separator: str = "-") -> str:
    """Heading anchors that keep Vietnamese letters readable.

    "Bước 2: Đăng nhập" → "buoc-2-dang-nhap" (the default slugify would drop "đ").
    Signature matches Python-Markdown's toc `slugify(value, separator)`.
    """
    text = fold(value).lower()
    text = re.sub(r"[^a-z0-9]+", separator, text)
    return text.strip(separator)
