"""`make guide`: create a new guide from the template, ready to fill in.

    sotay guide                                   # asks (in Vietnamese)
    sotay guide --category vneid --id vneid-doi-so-dien-thoai \
        --title "Đổi số điện thoại trên VNeID" [--code vsdt] [--root /path/to/repo]

Creates guides/<category>/<id>/index.md (complete front matter, 3 steps, "Nếu gặp lỗi",
"Lưu ý an toàn"), images.yml with a mock screen per step (rendered by sotay images), and
chooses a short-link code. The code stays pending (not written to shortlinks.yml) until the guide
is published, so a draft can be renamed or dropped freely. The result builds, but `make check`
refuses it until every sample sentence of the template is replaced (sotay/content/template.py).
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

from ..content.catalog import CODE_RE, ID_RE, find_guide_files, load_categories, read_guide
from ..content.config import ROOT
from ..content.shortlinks import load_registry
from ..content.suggest import did_you_mean
from ..content.template import images_yml, index_md
from ..content.vietnamese import slugify


class Refused(Exception):
    """A Vietnamese message explaining why nothing was created."""


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


class Answers:
    """What is already in the repository, to check each answer on its own as it is typed."""

    def __init__(self, root: Path):
        self.root = root
        self.cats, _ = load_categories(root)
        self.registry, problems = load_registry(root)
        if problems:
            raise Refused(problems[0].format(root))
        self.guides = [g for g in (read_guide(p, self.cats)[0] for p in find_guide_files(root)) if g]
        self.ids = {p.parent.name for p in find_guide_files(root)} | {
            d.name for d in (root / "guides").glob("*/*") if d.is_dir()}
        self.taken = set(self.registry.codes) | {g.code for g in self.guides}

    def category(self, category: str) -> str | None:
        if category in self.cats:
            return None
        return (f'chủ đề "{category}" không có.{did_you_mean(category, self.cats)} '
                f'Chọn một trong: {", ".join(self.cats)}.')

    @staticmethod
    def title(title: str) -> str | None:
        title = title.strip()
        if not title or len(title) > 90 or "\n" in title:
            return "tên hướng dẫn (title) phải là một dòng, từ 1 đến 90 ký tự."
        return None

    def guide_id(self, guide_id: str, title: str = "") -> str | None:
        if not ID_RE.match(guide_id) or len(guide_id) > 60:
            return (f'mã hướng dẫn "{guide_id}" không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu "-" '
                    f'(ví dụ: {slugify(guide_id) or slugify(title) or "vneid-doi-so-dien-thoai"}), tối đa 60 ký tự.')
        if guide_id in self.ids:
            where = next((d.relative_to(self.root).as_posix() for d in (self.root / "guides").glob(f"*/{guide_id}")), "")
            return (f'đã có hướng dẫn "{guide_id}" ({where}). Hãy chọn mã khác hoặc sửa hướng dẫn đó, '
                    f'ví dụ "{self.free_id(guide_id)}".')
        if guide_id in self.registry.redirects:
            return (f'mã "{guide_id}" là tên cũ của một hướng dẫn đã đổi tên (mục "redirects" trong '
                    "shortlinks.yml). Hãy chọn mã khác.")
        return None

    def free_id(self, guide_id: str) -> str:
        return next(f"{guide_id}-{i}" for i in range(2, 1000) if f"{guide_id}-{i}" not in self.ids)

    def code(self, code: str) -> str | None:
        if not CODE_RE.match(code):
            return f'mã link ngắn "{code}" không hợp lệ: 2–12 chữ thường không dấu hoặc số, ví dụ: vsdt.'
        if code in self.taken:
            owner = self.registry.codes.get(code) or next(g.id for g in self.guides if g.code == code)
            return (f'mã link ngắn "{code}" đã dùng cho hướng dẫn "{owner}" (mã đã in trên poster không '
                    f'bao giờ được dùng lại). Hãy chọn mã khác, ví dụ "{suggest_code(code, self.taken)}".')
        return None


def plan(root: Path, category: str, guide_id: str, title: str, code: str | None):
    """Validate everything; return (folder, code, title) or raise Refused. Writes nothing."""
    a = Answers(root)
    title = unicodedata.normalize("NFC", title.strip())
    for problem in (a.category(category), a.guide_id(guide_id, title), a.title(title),
                    a.code(code) if code is not None else None):
        if problem:
            raise Refused(problem)
    return root / "guides" / category / guide_id, code or suggest_code(guide_id, a.taken), title


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
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def _render_images(root: Path, folder: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "sotay", "images", "--root", str(root), str(folder)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"`sotay images` không tạo được ảnh:\n{r.stdout}{r.stderr}")


def ask(prompt: str, default: str | None = None, check=None) -> str:
    """Ask until the answer passes `check` (which returns a Vietnamese problem or None)."""
    while True:
        shown = f"{prompt}" + (f" [{default}]" if default else "") + ": "
        answer = unicodedata.normalize("NFC", input(shown).strip()) or (default or "")
        problem = check(answer) if check else None
        if not problem:
            return answer
        print(f"  → Chưa được: {problem} Nhập lại.")


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
            a = Answers(root)
            print("Tạo hướng dẫn mới. Nhấn Enter để nhận giá trị trong [ ].")
            print("Các chủ đề: " + ", ".join(f"{k} ({c.title})" for k, c in a.cats.items()))
            category = category or ask("Chủ đề", check=a.category)
            title = title or ask("Tên hướng dẫn (ví dụ: Đổi số điện thoại trên VNeID)", check=a.title)
            guide_id = guide_id or ask("Mã hướng dẫn (tên thư mục, chữ thường không dấu)", slugify(title),
                                       check=lambda v: a.guide_id(v, title))
            code = code or ask("Mã link ngắn cho mã QR (Enter để tự chọn)",
                               check=lambda v: a.code(v) if v else None) or None
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
    print(f"Đã tạo {rel}/index.md, {rel}/images.yml và ảnh mẫu; mã link ngắn: {code} "
          "(được ghi vào shortlinks.yml khi hướng dẫn được xuất bản).")
    print("Tiếp theo: thay mọi chữ mẫu trong index.md và images.yml (`make check` chỉ ra từng chỗ), "
          "chạy `make images`, `make check` và `make serve` để xem trước.")
    return 0
