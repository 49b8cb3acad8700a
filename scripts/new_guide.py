#!/usr/bin/env python3
"""`make guide`: create a new guide from the template, ready to fill in.

    scripts/new_guide.py                                   # asks (in Vietnamese)
    scripts/new_guide.py --category vneid --id vneid-doi-so-dien-thoai \
        --title "Đổi số điện thoại trên VNeID" [--code vsdt] [--root /path/to/repo]

Creates guides/<category>/<id>/index.md (complete front matter, 3 steps, "Nếu gặp lỗi",
"Lưu ý an toàn"), images.yml with a mock screen per step (rendered by scripts/images.py), and
registers the short-link code in shortlinks.yml. The result passes `make check` and builds.
Refuses an existing id or code, or a bad id, with a clear message, and then writes nothing.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sotay.catalog import CODE_RE, ID_RE, find_guide_files, load_categories, read_guide  # noqa: E402
from sotay.config import ROOT  # noqa: E402
from sotay.shortlinks import load_registry, register_missing  # noqa: E402
from sotay.vietnamese import fold, slugify  # noqa: E402

STEPS = 3


class Refused(Exception):
    """A Vietnamese message explaining why nothing was created."""


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


def suggest_code(guide_id: str, taken: set[str]) -> str:
    words = [w for w in guide_id.split("-") if w]
    base = "".join(w[0] for w in words)[:6]
    if len(base) < 2:
        base = guide_id.replace("-", "")[:6]
    if base not in taken and CODE_RE.match(base):
        return base
    for i in range(2, 1000):
        c = f"{base}{i}"
        if c not in taken and CODE_RE.match(c):
            return c
    raise Refused("không tìm được mã link ngắn còn trống; hãy tự chọn bằng --code.")


def plan(root: Path, category: str, guide_id: str, title: str, code: str | None):
    """Validate everything; return (folder, code) or raise Refused. Writes nothing."""
    cats, _ = load_categories(root)
    if category not in cats:
        raise Refused(f'chủ đề "{category}" không có. Chọn một trong: {", ".join(cats)}.')
    if not ID_RE.match(guide_id) or len(guide_id) > 60:
        raise Refused(f'mã hướng dẫn "{guide_id}" không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu "-" '
                      f'(ví dụ: {slugify(title) or "vneid-doi-so-dien-thoai"}), tối đa 60 ký tự.')
    title = unicodedata.normalize("NFC", title.strip())
    if not title or len(title) > 90 or "\n" in title:
        raise Refused("tên hướng dẫn (title) phải là một dòng, từ 1 đến 90 ký tự.")
    existing = [p for p in find_guide_files(root) if p.parent.name == guide_id]
    existing += [d for d in (root / "guides").glob(f"*/{guide_id}") if d.exists()]
    if existing:
        raise Refused(f'đã có hướng dẫn "{guide_id}" ({existing[0].relative_to(root).as_posix()}). '
                      "Hãy chọn mã khác hoặc sửa hướng dẫn đó.")
    registry, problems = load_registry(root)
    if problems:
        raise Refused(problems[0].format(root))
    if guide_id in registry.redirects:
        raise Refused(f'mã "{guide_id}" là tên cũ của một hướng dẫn đã đổi tên (mục "redirects" trong '
                      "shortlinks.yml). Hãy chọn mã khác.")
    guides = [g for g in (read_guide(p, cats)[0] for p in find_guide_files(root)) if g]
    taken = set(registry.codes) | {g.code for g in guides}
    if code is None:
        code = suggest_code(guide_id, taken)
    elif not CODE_RE.match(code):
        raise Refused(f'mã link ngắn "{code}" không hợp lệ: 2–12 chữ thường không dấu hoặc số, ví dụ: vsdt.')
    elif code in taken:
        owner = registry.codes.get(code) or next(g.id for g in guides if g.code == code)
        raise Refused(f'mã link ngắn "{code}" đã dùng cho hướng dẫn "{owner}" (mã đã in trên poster không '
                      "bao giờ được dùng lại). Hãy chọn mã khác.")
    return root / "guides" / category / guide_id, code, title


def create(root: Path, category: str, guide_id: str, title: str, code: str | None,
           today: dt.date | None = None) -> Path:
    folder, code, title = plan(root, category, guide_id, title, code)
    today = today or dt.date.today()
    folder.mkdir(parents=True)
    try:
        (folder / "index.md").write_text(index_md(category, title, code, today), encoding="utf-8")
        (folder / "images.yml").write_text(images_yml(title), encoding="utf-8")
        _render_images(root, folder)
        cats, _ = load_categories(root)
        guide, problems = read_guide(folder / "index.md", cats)
        if guide is None:  # the template itself is wrong: a bug, not the editor's fault
            raise RuntimeError("; ".join(p.format(root) for p in problems))
        register_missing(root, [guide])
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def _render_images(root: Path, folder: Path) -> None:
    script = root / "scripts" / "images.py"
    if script.exists():
        r = subprocess.run([sys.executable, str(script), "--root", str(root), str(folder)],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"scripts/images.py không tạo được ảnh:\n{r.stdout}{r.stderr}")
        return
    for n in range(1, STEPS + 1):   # no image tool in this copy: a plain placeholder screen
        (folder / f"buoc-{n}.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="360" height="640" viewBox="0 0 360 640">'
            '<rect width="360" height="640" rx="24" fill="#f4f6f8" stroke="#9aa5b1"/>'
            f'<text x="180" y="320" font-size="24" text-anchor="middle" fill="#334">Bước {n}</text></svg>\n',
            encoding="utf-8")


def ask(prompt: str, default: str | None = None) -> str:
    shown = f"{prompt}" + (f" [{default}]" if default else "") + ": "
    answer = input(shown).strip()
    return answer or (default or "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Tạo một hướng dẫn mới từ mẫu.")
    ap.add_argument("--category", help="chủ đề, ví dụ: vneid")
    ap.add_argument("--id", dest="guide_id", help="mã hướng dẫn = tên thư mục, ví dụ: vneid-doi-so-dien-thoai")
    ap.add_argument("--title", help="tên hướng dẫn, ví dụ: Đổi số điện thoại trên VNeID")
    ap.add_argument("--code", help="mã link ngắn cho mã QR (tự đề xuất nếu bỏ trống)")
    ap.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    opts = ap.parse_args(argv)
    root = Path(opts.root).resolve()
    category, guide_id, title, code = opts.category, opts.guide_id, opts.title, opts.code
    try:
        if not (category and guide_id and title):
            cats, _ = load_categories(root)
            print("Tạo hướng dẫn mới. Nhấn Enter để nhận giá trị trong [ ].")
            print("Các chủ đề: " + ", ".join(f"{k} ({c.title})" for k, c in cats.items()))
            category = category or ask("Chủ đề")
            title = title or ask("Tên hướng dẫn (ví dụ: Đổi số điện thoại trên VNeID)")
            guide_id = guide_id or ask("Mã hướng dẫn (tên thư mục, chữ thường không dấu)", slugify(title))
            code = code or ask("Mã link ngắn cho mã QR (Enter để tự chọn)") or None
        folder = create(root, category, guide_id, title, code)
    except Refused as exc:
        print(f"Chưa tạo hướng dẫn: {exc}", file=sys.stderr)
        return 1
    except EOFError:
        print("\nChưa tạo hướng dẫn: cần đủ --category, --id và --title "
              "(hoặc trả lời các câu hỏi khi chạy `make guide`).", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nĐã hủy, chưa tạo gì.", file=sys.stderr)
        return 1
    rel = folder.relative_to(root).as_posix()
    text = (folder / "index.md").read_text(encoding="utf-8")
    code = re.search(r"^code: (\S+)$", text, re.M).group(1)
    print(f"Đã tạo {rel}/index.md, {rel}/images.yml và ảnh mẫu; mã link ngắn: {code} (đã thêm vào shortlinks.yml).")
    print("Tiếp theo: viết nội dung vào index.md, sửa images.yml rồi chạy `make images`, "
          "`make check` và `make serve` để xem trước.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
