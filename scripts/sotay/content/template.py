"""The guide template `make guide` writes, and the check that none of its sample text is left.

Every sample sentence of the template is listed once in PLACEHOLDERS, with a hint on what to write
instead; `placeholder_problems` reports each one still in a guide's index.md or images.yml (file,
line, the sample text), so an untouched template never reaches the site or a poster."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..errors import Problem
from .vietnamese import fold

STEPS = 3

# (pattern, what to write instead). Patterns match the template's sample text only.
PLACEHOLDERS: list[tuple[re.Pattern, str]] = [(re.compile(p), hint) for p, hint in [
    (r"Một câu: sau khi làm theo, bạn làm được việc gì\.", "summary: một câu nói người đọc làm được việc gì"),
    (r"Ai cần hướng dẫn này, cần làm gì trước \(một câu\)\.", "audience: ai cần hướng dẫn này"),
    (r"Tên trang chính thức đã dùng để kiểm tra các bước \(thay dòng này\)",
     "sources: tên và địa chỉ trang chính thức bạn đã đối chiếu"),
    (r"Hướng dẫn mới tạo từ mẫu: thay mọi chữ mẫu", "review: điều còn chưa chắc (hoặc xóa mục review)"),
    (r"Một hoặc hai câu: sau khi làm theo hướng dẫn này, bạn sẽ làm được gì\.", "đoạn mở đầu của hướng dẫn"),
    (r"Việc cần làm ở bước \d+", "tên bước: một việc, ví dụ \"Mở ứng dụng VNeID\""),
    (r"Viết một hoặc hai câu ngắn\. Mỗi bước chỉ một việc\.", "nội dung bước: một hoặc hai câu ngắn"),
    (r"Màn hình ở bước \d+, nút Tiếp tục được đánh số 1", "mô tả ảnh: màn hình nào, nút nào được đánh số"),
    (r"\*\*Lỗi thường gặp:\*\* cách khắc phục, viết ngắn gọn\.", "một lỗi thường gặp thật và cách khắc phục"),
    (r"app: Tên ứng dụng\b", "tên ứng dụng thật trên màn hình mô phỏng"),
    (r"title: Màn hình bước \d+", "tiêu đề thật của màn hình"),
    (r"Dòng chữ trên màn hình", "chữ thật trên màn hình"),
]]


def _yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def index_md(category: str, title: str, code: str, today: dt.date) -> str:
    kw = [title.lower()]
    if fold(title).lower() != title.lower():
        kw.append(fold(title).lower())          # residents often type without diacritics
    steps = []
    for n in range(1, STEPS + 1):
        steps.append(
            f"## Bước {n}: Việc cần làm ở bước {n}\n\n"
            f"Viết một hoặc hai câu ngắn. Mỗi bước chỉ một việc. Tên nút viết đậm, đúng như trên màn hình, "
            f"ví dụ: chạm **Tiếp tục**.\n\n"
            f"![Màn hình ở bước {n}, nút Tiếp tục được đánh số 1](buoc-{n}.svg)\n")
    return f"""---
title: {_yaml_str(title)}
summary: "Một câu: sau khi làm theo, bạn làm được việc gì."
audience: "Ai cần hướng dẫn này, cần làm gì trước (một câu)."
category: {category}
devices: [android, iphone]
time: 10
needs:
  - Điện thoại thông minh có mạng Wi-Fi hoặc 4G
updated: {today.isoformat()}
code: {code}
keywords: [{", ".join(_yaml_str(k) for k in kw)}]
sources:
  - id: nguon-chinh
    title: "Tên trang chính thức đã dùng để kiểm tra các bước (thay dòng này)"
    url: https://www.gov.vn/
    checked: {today:%Y-%m}
review:
  - "Hướng dẫn mới tạo từ mẫu: thay mọi chữ mẫu, kiểm tra từng bước và tên nút với nguồn chính thức."
---

Một hoặc hai câu: sau khi làm theo hướng dẫn này, bạn sẽ làm được gì.[^nguon-chinh]

{chr(10).join(steps)}
## Nếu gặp lỗi

- **Lỗi thường gặp:** cách khắc phục, viết ngắn gọn.

## Lưu ý an toàn

- Cán bộ thật không bao giờ hỏi mã OTP, mật khẩu hay bắt chuyển tiền qua điện thoại.
- Cần giúp: hỏi Tổ công nghệ số cộng đồng ở thôn hoặc công an xã.
"""


def images_yml(title: str) -> str:
    out = ["# Ảnh của hướng dẫn: mỗi mục là một tệp ảnh cạnh index.md. Chạy `make images` sau khi sửa.",
           "# Ảnh mô phỏng (mock) hoặc ảnh chụp màn hình thật (photo): xem CONTRIBUTING.md."]
    for n in range(1, STEPS + 1):
        out += [f"buoc-{n}.svg:",
                "  mock:",
                "    app: Tên ứng dụng",
                f"    title: Màn hình bước {n}",
                "    items:",
                '      - {kind: text, text: "Dòng chữ trên màn hình"}',
                '      - {kind: button, text: "Tiếp tục", target: 1}']
    return "\n".join(out) + "\n"


def placeholder_problems(guide_dir: Path) -> list[Problem]:
    """Every sample text of the template still in the guide's index.md or images.yml."""
    problems = []
    for name in ("index.md", "images.yml"):
        path = guide_dir / name
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue                       # unreadable files are reported by the catalog
        for n, line in enumerate(lines, 1):
            for pattern, hint in PLACEHOLDERS:
                m = pattern.search(line)
                if m:
                    problems.append(Problem(path, f"còn chữ mẫu «{m.group(0)}»: thay bằng {hint}.", n))
    return problems


def template_problems(root: Path) -> list[Problem]:
    """Sample text left in any guide (what `make check` and the build refuse)."""
    from .catalog import find_guide_files
    return [p for path in find_guide_files(root) for p in placeholder_problems(path.parent)]
