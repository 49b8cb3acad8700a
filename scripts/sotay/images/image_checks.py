"""Checks of a guide's images, for `make check` and the build (the `images` check of sotay/checks/).

`check_guide_images(guide) -> list[Problem]`, each in Vietnamese with the file and line:
- every Markdown image in the body points to a file right beside index.md (not raw/, not a subfolder);
- every image has real alt text: several words saying what it shows, not the file name;
- every published image file of the guide folder is within budget (SVG ≤ 30 KB, others ≤ 60 KB);
- raster images carry no metadata (EXIF incl. GPS and device, XMP, ICC profile, text/comments),
  read from the file's own chunks/segments, not guessed;
- (SVG safety is the `svg` check: sotay/checks/svg.py and sotay/images/svgsafe.py);
- images.yml is valid, every image it declares is up to date (rendered again in memory and compared
  byte for byte: "chạy make images") and used in the guide.
"""
from __future__ import annotations

import re
import struct
from pathlib import Path

from ..content.catalog import Guide
from ..errors import Problem
from .imagespec import IMAGES_YML, RASTER_BUDGET, SVG_BUDGET, load_images, render
from ..content.vietnamese import fold

IMAGE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif"}     # what the build publishes
MD_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
FENCE_RE = re.compile(r"^\s*(```+|~~~+)")
MIN_ALT_WORDS = 3
GENERIC_ALT = {"anh", "hinh", "hinh anh", "anh chup", "anh chup man hinh", "man hinh", "image", "picture",
               "screenshot", "photo", "minh hoa", "anh minh hoa"}


# --- metadata readers (structural, exact) ---------------------------------------------------------

def _webp_metadata(b: bytes) -> list[str]:
    found = []
    if len(b) < 12 or b[:4] != b"RIFF" or b[8:12] != b"WEBP":
        return ["không phải tệp WebP hợp lệ"]
    pos = 12
    names = {b"EXIF": "EXIF", b"XMP ": "XMP", b"ICCP": "hồ sơ màu ICC"}
    while pos + 8 <= len(b):
        tag, size = b[pos:pos + 4], struct.unpack("<I", b[pos + 4:pos + 8])[0]
        if tag in names:
            found.append(names[tag])
        if tag == b"VP8X" and size >= 1 and pos + 8 < len(b):
            flags = b[pos + 8]
            if flags & 0x08 and "EXIF" not in found:
                found.append("EXIF")
        pos += 8 + size + (size & 1)
    return sorted(set(found))


def _jpeg_metadata(b: bytes) -> list[str]:
    found = []
    if b[:2] != b"\xff\xd8":
        return ["không phải tệp JPEG hợp lệ"]
    pos = 2
    while pos + 4 <= len(b):
        if b[pos] != 0xFF:
            break
        marker = b[pos + 1]
        if marker in (0xD9, 0xDA):                 # end of image / start of scan: no more metadata
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            pos += 2
            continue
        size = struct.unpack(">H", b[pos + 2:pos + 4])[0]
        seg = b[pos + 4:pos + 2 + size]
        if marker == 0xE1 and seg.startswith(b"Exif"):
            found.append("EXIF")
        elif marker == 0xE1:
            found.append("XMP")
        elif marker == 0xE2:
            found.append("hồ sơ màu ICC")
        elif marker == 0xED:
            found.append("IPTC")
        elif marker == 0xFE:
            found.append("chú thích (comment)")
        elif 0xE3 <= marker <= 0xEF:
            found.append(f"APP{marker - 0xE0}")
        pos += 2 + size
    return sorted(set(found))


def _png_metadata(b: bytes) -> list[str]:
    found = []
    if b[:8] != b"\x89PNG\r\n\x1a\n":
        return ["không phải tệp PNG hợp lệ"]
    pos = 8
    names = {b"eXIf": "EXIF", b"iCCP": "hồ sơ màu ICC", b"tEXt": "chữ (tEXt)", b"zTXt": "chữ (zTXt)",
             b"iTXt": "chữ/XMP (iTXt)", b"tIME": "thời gian chụp (tIME)"}
    while pos + 8 <= len(b):
        size, tag = struct.unpack(">I", b[pos:pos + 4])[0], b[pos + 4:pos + 8]
        if tag in names:
            found.append(names[tag])
        if tag == b"IEND":
            break
        pos += 12 + size
    return sorted(set(found))


def raster_metadata(path: Path) -> list[str]:
    """Names of the metadata blocks left in a raster image file (empty list: clean)."""
    b = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".webp":
        return _webp_metadata(b)
    if suffix in (".jpg", ".jpeg"):
        return _jpeg_metadata(b)
    if suffix == ".png":
        return _png_metadata(b)
    from PIL import Image                          # GIF and anything else: ask Pillow
    with Image.open(path) as im:
        keys = [k for k in ("exif", "icc_profile", "xmp", "comment") if im.info.get(k)]
        if im.getexif():
            keys.append("exif")
    return sorted(set(keys))


MAX_SIDE = 4096                      # pixels: far more than a phone screenshot needs
MAX_PIXELS = MAX_SIDE * MAX_SIDE


def raster_size_problem(path: Path) -> str | None:
    """Width and height read from the file's header only (nothing decoded): a "decompression bomb"
    (a small file that unpacks into gigabytes) or any image too large is refused by name."""
    import warnings

    from PIL import Image
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                w, h = im.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return (f"ảnh có kích thước khổng lồ (hơn {Image.MAX_IMAGE_PIXELS // 1_000_000} triệu điểm ảnh): mở ra sẽ làm "
                "hết bộ nhớ. Hãy dùng ảnh chụp màn hình bình thường, khai báo trong images.yml (photo:) để `make "
                "images` thu nhỏ.")
    except Exception as exc:  # noqa: BLE001 — not an image Pillow can read
        return f"không đọc được ảnh ({type(exc).__name__}). Hãy lưu lại ảnh dạng PNG, JPEG hoặc WebP."
    if w > MAX_SIDE or h > MAX_SIDE or w * h > MAX_PIXELS:
        return (f"ảnh {w}×{h} điểm ảnh, quá mức {MAX_SIDE}×{MAX_SIDE}. Khai báo ảnh trong images.yml (photo: raw/…) "
                "để `make images` thu nhỏ, hoặc thu nhỏ ảnh trước khi thêm.")
    return None


# --- the guide ------------------------------------------------------------------------------------

def body_images(guide: Guide) -> list[tuple[int, str, str]]:
    """(file line, alt, src) of every Markdown image in the body, outside code blocks."""
    out, fence = [], None
    for k, line in enumerate(guide.body.split("\n")):
        m = FENCE_RE.match(line)
        if m:
            mark = m.group(1)[0] * 3
            fence = None if fence and mark == fence else (fence or mark)
            continue
        if fence:
            continue
        for im in MD_IMAGE_RE.finditer(line):
            out.append((guide.body_line + k, im.group(1).strip(), im.group(2)))
    return out


def _alt_problem(alt: str, src: str) -> str | None:
    example = ('ví dụ: ![Màn hình đăng nhập VNeID, nút Đăng nhập được đánh số 1]'
               f'({src})')
    if not alt:
        return f'ảnh "{src}" chưa có mô tả (alt). Viết trong [ ] ảnh cho thấy gì và chạm vào đâu, {example}'
    folded = fold(alt).lower().strip(" .:-")
    name = Path(src).name
    stem = fold(Path(src).stem).lower()
    words = [w for w in re.split(r"[\s,.;:()\"'“”/]+", folded) if re.search(r"[a-z]", w)]
    if (folded in GENERIC_ALT or fold(name).lower() in folded or folded.replace(" ", "-") == stem
            or len(words) < MIN_ALT_WORDS):
        return (f'mô tả (alt) của ảnh "{src}" quá ngắn hoặc chỉ là tên tệp ("{alt}"). Hãy viết vài từ nói ảnh '
                f'cho thấy gì và chạm vào đâu, {example}')
    return None


def check_guide_images(guide: Guide) -> list[Problem]:
    problems: list[Problem] = []
    gdir = guide.dir
    used: set[str] = set()

    for line, alt, src in body_images(guide):
        if "://" in src or src.startswith(("data:", "//", "mailto:")):
            continue                                  # external: the `links` check (sotay/checks/links.py) refuses it
        name = src.split("#", 1)[0].split("?", 1)[0]
        if "/" in name or "\\" in name:
            hint = (" Ảnh gốc trong raw/ không được đăng lên trang: khai báo nó trong images.yml (photo:) rồi "
                    "dùng ảnh đã xử lý." if name.startswith("raw/") else "")
            problems.append(Problem(guide.path, f'ảnh "{src}" phải nằm ngay cạnh index.md (chỉ ghi tên tệp, '
                                                f'ví dụ buoc-1.svg).{hint}', line))
            continue
        used.add(name)
        if Path(name).suffix.lower() not in IMAGE_SUFFIXES:
            problems.append(Problem(guide.path, f'"{src}" không phải ảnh (.svg, .webp, .png, .jpg).', line))
        elif not (gdir / name).is_file():
            problems.append(Problem(guide.path, f'không tìm thấy tệp ảnh "{src}" cạnh index.md. Khai báo ảnh trong '
                                                'images.yml rồi chạy `make images`, hoặc sửa tên tệp.', line))
        msg = _alt_problem(alt, src)
        if msg:
            problems.append(Problem(guide.path, msg, line))

    # every image file the build publishes (top level of the guide folder)
    for f in sorted(gdir.iterdir()):
        if not (f.is_file() and f.suffix.lower() in IMAGE_SUFFIXES):
            continue
        size = f.stat().st_size
        if f.suffix.lower() == ".svg":
            if size > SVG_BUDGET:
                problems.append(Problem(f, f"ảnh nặng {size / 1024:.0f} KB, quá mức {SVG_BUDGET // 1024} KB. Rút gọn "
                                           "màn hình (ít thành phần hơn) hoặc làm ảnh đơn giản hơn."))
        else:
            if size > RASTER_BUDGET:
                problems.append(Problem(f, f"ảnh nặng {size / 1024:.0f} KB, quá mức {RASTER_BUDGET // 1024} KB. Khai "
                                           "báo ảnh trong images.yml (photo: raw/…) để `make images` thu nhỏ, hoặc cắt "
                                           "bớt ảnh."))
            dims = raster_size_problem(f)
            if dims:
                problems.append(Problem(f, dims))
                continue                                   # nothing else reads a file that may not fit in memory
            try:
                meta = raster_metadata(f)
            except Exception as exc:  # noqa: BLE001 — a broken file: reported, never a traceback
                meta = [f"không đọc được ({type(exc).__name__})"]
            if meta:
                problems.append(Problem(f, "ảnh còn thông tin ẩn (" + ", ".join(meta) + ") — có thể lộ vị trí GPS, "
                                           "máy chụp, thời gian. Đặt ảnh gốc vào raw/, khai báo trong images.yml "
                                           "(photo:) rồi chạy `make images` để xóa sạch."))

    # images.yml: valid, up to date, used
    specs, found = load_images(gdir)
    problems += found
    for spec in specs:
        if spec.name not in used:
            problems.append(Problem(spec.source, f'ảnh "{spec.name}" được khai báo nhưng không dùng trong index.md. '
                                                 f'Thêm ![mô tả]({spec.name}) vào bước tương ứng hoặc xóa mục này.',
                                    spec.line))
        if not spec.renderable:                        # a photo whose raw/ file is not on this machine
            if not spec.out_path.is_file():
                problems.append(Problem(spec.source, f'ảnh "{spec.name}": chưa có ảnh đã xử lý và không thấy ảnh '
                                                     f'gốc "{spec.data["photo"]}". Chạy `make images` trên máy có '
                                                     'ảnh gốc.', spec.line))
            continue
        try:
            want = render(spec)
        except Exception as exc:
            problems.append(Problem(spec.source, f'ảnh "{spec.name}": không tạo được ảnh ({exc}).', spec.line))
            continue
        if not spec.out_path.is_file():
            problems.append(Problem(spec.source, f'chưa có tệp "{spec.name}": chạy `make images`.', spec.line))
        elif spec.out_path.read_bytes() != want:
            problems.append(Problem(spec.source, f'ảnh "{spec.name}" chưa khớp với mô tả trong {IMAGES_YML} '
                                                 '(đã sửa mô tả mà chưa tạo lại ảnh): chạy `make images`.', spec.line))
    from ..practice import check_practice  # images.yml's "practice:" section (issue 14)
    return problems + check_practice(guide)
