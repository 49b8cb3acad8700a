"""`make images`: render every guide's images.yml (mock screens → SVG, screenshots → WebP).

    sotay images                       # every guide under guides/
    sotay images guides/vneid/vneid-kich-hoat [more guide folders, index.md or images.yml]
    sotay images --check               # only report images that are out of date (exit 1)
    sotay images --root /path/to/repo  # another copy of the repository

Each guide is validated and rendered in memory first; if its images.yml has a mistake, nothing of
that guide is written (other guides still are) and the command exits 1 with Vietnamese messages
naming the file and line. Files are written atomically (temporary file, then rename) and only when
their bytes change.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


from ..content.catalog import find_guide_files
from ..content.config import ROOT
from ..errors import Problem
from ..images.screenshot import OutsidePicture
from ..images.imagespec import RASTER_BUDGET, SVG_BUDGET, load_images, render


def budget_of(path: Path) -> int:
    return SVG_BUDGET if path.suffix == ".svg" else RASTER_BUDGET


def write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def guide_dirs(root: Path, args: list[str]) -> tuple[list[Path], list[str]]:
    if not args:
        return [p.parent for p in find_guide_files(root)], []
    dirs, missing = [], []
    for a in args:
        p = Path(a)
        if not p.is_absolute():
            p = (Path.cwd() / p) if (Path.cwd() / p).exists() else root / p
        if p.is_file():
            p = p.parent
        if p.is_dir():
            dirs.append(p.resolve())
        else:
            missing.append(a)
    return dirs, missing


def render_guide(d: Path, root: Path, skipped: list[str]) -> tuple[list[Problem], list[tuple[Path, bytes]]]:
    """Validate and render one guide's images.yml in memory: (problems, [(output path, bytes)])."""
    specs, problems = load_images(d)
    outputs: list[tuple[Path, bytes]] = []
    for spec in specs:
        if not spec.renderable:
            raw = spec.data["photo"]
            if spec.out_path.is_file():
                skipped.append(f"  bỏ qua {spec.out_path.relative_to(root)}: không có ảnh gốc {raw} "
                               "trên máy này, giữ nguyên ảnh đã xử lý.")
            else:
                problems.append(Problem(spec.source, f'ảnh "{spec.name}": không thấy ảnh gốc "{raw}" và cũng '
                                                     'chưa có ảnh đã xử lý. Đặt ảnh chụp màn hình vào thư mục '
                                                     'raw/ cạnh index.md rồi chạy lại make images.', spec.line))
            continue
        try:
            outputs.append((spec.out_path, render(spec)))
        except OutsidePicture as exc:    # a callout or redaction measured on another picture
            problems.append(Problem(spec.source, f'ảnh "{spec.name}": {exc}', spec.line))
        except Exception as exc:  # a broken raw photo, for instance
            problems.append(Problem(spec.source, f'ảnh "{spec.name}": không tạo được ảnh ({exc}).', spec.line))
    return problems, outputs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Tạo ảnh minh họa và xử lý ảnh chụp màn hình từ images.yml.")
    ap.add_argument("guides", nargs="*", help="thư mục hướng dẫn (mặc định: tất cả)")
    ap.add_argument("--root", default=str(ROOT), help="thư mục gốc của kho (mặc định: kho này)")
    ap.add_argument("--check", action="store_true", help="chỉ kiểm tra ảnh đã cập nhật chưa, không ghi gì")
    opts = ap.parse_args(argv)
    root = Path(opts.root).resolve()
    dirs, missing = guide_dirs(root, opts.guides)
    for m in missing:
        print(f"Không thấy thư mục hướng dẫn: {m}", file=sys.stderr)
    if missing:
        return 2

    problems: list[Problem] = []
    outputs: list[tuple[Path, bytes]] = []
    skipped: list[str] = []
    for d in dirs:
        found, made = render_guide(d, root, skipped)
        problems += found
        if not found:                      # a guide with any mistake gets nothing written
            outputs += made
    if problems:
        print(f"Có {len(problems)} lỗi trong images.yml cần sửa (chưa ghi ảnh nào của hướng dẫn có lỗi):",
              file=sys.stderr)
        for p in problems:
            print(f"  - {p.format(root)}", file=sys.stderr)

    for line in skipped:
        print(line)
    for p, data in outputs:
        if len(data) > budget_of(p):
            print(f"  CẢNH BÁO: {p.relative_to(root)} nặng {len(data) / 1024:.0f} KB, quá mức "
                  f"{budget_of(p) // 1024} KB — hãy cắt bớt ảnh gốc hoặc rút gọn màn hình.", file=sys.stderr)
    changed = [(p, data) for p, data in outputs if not p.is_file() or p.read_bytes() != data]
    if opts.check:
        for p, _ in changed:
            print(f"  - {p.relative_to(root)}: chưa cập nhật theo images.yml — chạy make images", file=sys.stderr)
        if changed or problems:
            return 1
        print(f"Tốt: {len(outputs)} ảnh đều khớp với images.yml.")
        return 0
    for p, data in changed:
        write_atomic(p, data)
        print(f"  đã tạo {p.relative_to(root)} ({len(data) / 1024:.1f} KB)")
    print(f"Xong: {len(changed)} ảnh được tạo mới, {len(outputs) - len(changed)} ảnh không đổi.")
    return 1 if problems else 0
