"""Check `personal-data`: no one's private details in a guide (front matter, body, images.yml).

12-digit citizen ID numbers, phone numbers other than the official hotlines of
config/official-contacts.yml (and the commune's hotline), e-mail addresses other than the official
ones listed there (addresses at the reserved example.com/.net/.org are obviously fake)."""
from __future__ import annotations

import html
import re
from pathlib import Path

from ..errors import Problem
from .base import FAKE_EMAIL_DOMAINS, Allowlists, GuideContext, digits

ID = "personal-data"
TITLE = "Thông tin cá nhân (số căn cước, số điện thoại, e-mail)"

EMAIL_RE = re.compile(r"(?i)(?<![\w.+-])[a-z0-9._%+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,}(?![\w-])")
_URL_RE = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://[^\s<>()\[\]\"'`]+")
SEP = r"[ .\-]?"
ID_RE = re.compile(r"(?<![\d])\d(?:" + SEP + r"\d){11}(?![\d])")
PHONE_RES = (
    re.compile(r"(?<![\d+])\(?(?:\+84|84|0)" + SEP + r"\(?[35789]\)?(?:" + SEP + r"\d){8}(?!\d)"),   # mobile
    re.compile(r"(?<![\d+])\(?(?:\+84|84|0)" + SEP + r"\(?2\d\)?(?:" + SEP + r"\d){8}(?!\d)"),     # landline
    re.compile(r"(?<![\d])1[89]00(?:" + SEP + r"\d){4,6}(?!\d)"),                               # 1900/1800
)


def find_personal_data(path: Path, text: str, first_line: int, allow: Allowlists) -> list[Problem]:
    """ID numbers, phone numbers and e-mail addresses in `text` (URLs are skipped)."""
    out = []
    for k, line in enumerate(text.split("\n")):
        n = first_line + k
        line = html.unescape(line)       # "&#48;912…" shows as "0912…" on the page
        emails = []
        for m in EMAIL_RE.finditer(line):
            addr = m.group(0).lower()
            emails.append(m.group(0))
            if addr not in allow.emails and addr.split("@")[-1] not in FAKE_EMAIL_DOMAINS:
                out.append(Problem(path, f'có địa chỉ e-mail "{m.group(0)}". Không ghi e-mail thật của ai; '
                                         'dùng ví dụ giả như "nguyenvana@example.com". Nếu đây là e-mail chính '
                                         "thức của cơ quan, thêm vào config/official-contacts.yml kèm nguồn.", n))
        clean = _URL_RE.sub(" ", line)
        for e in emails:
            clean = clean.replace(e, " ")
        ids = []
        for m in ID_RE.finditer(clean):
            ids.append(m.span())
            out.append(Problem(path, f'có dãy 12 chữ số "{m.group(0)}" giống số định danh cá nhân (số căn cước). '
                                     'Không ghi số thật; dùng ví dụ giả như "001xxxxxxxxx".', n))
        for rx in PHONE_RES:
            for m in rx.finditer(clean):
                if any(a <= m.start() < b for a, b in ids):
                    continue
                if digits(m.group(0)) not in allow.phones:
                    out.append(Problem(path, f'có số điện thoại "{m.group(0).strip()}". Không ghi số điện thoại '
                                             'cá nhân; dùng ví dụ giả như "0xx xxx xxxx". Nếu đây là tổng đài chính '
                                             "thức, thêm vào config/official-contacts.yml kèm nguồn.", n))
    return out


def check(ctx: GuideContext):
    out = find_personal_data(ctx.guide.path, ctx.text, 1, ctx.allow)
    if ctx.images is not None:
        out += find_personal_data(ctx.images.path, "\n".join(ctx.images.lines), 1, ctx.allow)
    return out
