"""Guide images: mock screens (SVG), the screenshot pipeline, image checks, and images in the built site."""
from __future__ import annotations

import io
import re
import statistics
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageDraw, ImageFont

from helpers import ROOT, run_sotay
from sotay.images import mockscreen
from sotay.content.catalog import find_guide_files, load_categories, read_guide
from sotay.images.image_checks import check_guide_images, raster_metadata
from sotay.web.images_html import MOCK_CAPTION
from sotay.images.imagespec import load_images, render
from sotay.images.screenshot import HL, process_photo

SVG_NS = "{http://www.w3.org/2000/svg}"
FONT = str(ROOT / "fonts" / "NotoSans-Regular.ttf")

ONE_OF_EACH = {
    "text": {"kind": "text", "text": "Chào mừng bạn đến với ứng dụng"},
    "heading": {"kind": "heading", "text": "Thông tin cá nhân"},
    "input": {"kind": "input", "text": "Số định danh cá nhân", "value": "001xxxxxxxxx"},
    "button": {"kind": "button", "text": "Đăng nhập"},
    "button2": {"kind": "button2", "text": "Kích hoạt tài khoản"},
    "link": {"kind": "link", "text": "Quên mật khẩu?"},
    "row": {"kind": "row", "text": "Ví giấy tờ", "detail": "Bảo hiểm y tế, giấy phép lái xe"},
    "toggle": {"kind": "toggle", "text": "Chữ cỡ lớn", "on": True},
    "notice": {"kind": "notice", "text": "Không đưa mã OTP cho bất kỳ ai."},
    "tiles": {"kind": "tiles", "items": ["CH Play", "Zalo", "VNeID", "Cài đặt", "Máy ảnh"], "target_index": 3},
    "otp": {"kind": "otp", "value": "12"},
    "qr": {"kind": "qr", "text": "Mã VietQR của người nhận"},
    "photo": {"kind": "photo", "text": "Ảnh sản phẩm"},
    "sms": {"kind": "sms", "from": "VNeID", "text": "Ma OTP cua ban la 123456"},
    "keypad": {"kind": "keypad"},
    "dialog": {"kind": "dialog", "title": "Xác nhận", "text": "Bạn muốn đăng xuất?",
               "buttons": ["Hủy", "Đồng ý"], "target_index": 2},
}


def _texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter(SVG_NS + "text")]


def _callout_numbers(svg: bytes) -> list[str]:
    """Numbers drawn inside callout circles (a <circle fill=HL> followed by its <text>)."""
    return re.findall(rf'<circle[^>]*fill="{mockscreen.HL}"[^>]*/><text[^>]*>(\d)</text>', svg.decode())


# --- mock screens --------------------------------------------------------------------------------

def test_every_kind_is_covered_here():
    assert set(ONE_OF_EACH) == set(mockscreen.KINDS)


@pytest.mark.parametrize("kind", sorted(ONE_OF_EACH))
def test_each_kind_renders_accessible_light_svg(kind):
    item = dict(ONE_OF_EACH[kind], target=1)
    svg = mockscreen.render_mock({"app": "Ứng dụng thử", "title": "Màn hình", "items": [item]})
    root = ET.fromstring(svg)                              # well-formed
    assert root.tag == SVG_NS + "svg" and root.get("role") == "img"
    title = root.find(SVG_NS + "title")
    assert title is not None and "Ứng dụng thử" in title.text
    w, h = map(float, root.get("viewBox").split()[2:])
    assert w == 360 and h >= 640                           # portrait phone
    assert len(svg) < 8 * 1024, f"{kind}: {len(svg)} bytes"
    texts = " ".join(_texts(svg))
    for key in ("text", "detail", "from", "title"):
        if key in item:
            assert item[key].split()[0] in texts, (kind, key)
    if "value" in item:                                    # input: one line; otp: one digit per box
        assert item["value"] in texts or all(ch in _texts(svg) for ch in item["value"]), kind
    for label in item.get("items", []) + item.get("buttons", []):
        assert label.split()[0] in texts
    assert _callout_numbers(svg) == ["1"], kind            # the target gets its numbered callout
    assert svg.decode().count(f'stroke="{mockscreen.HL}"') == 1  # and one highlight box
    plain = mockscreen.render_mock({"app": "Ứng dụng thử", "items": [ONE_OF_EACH[kind]]})
    assert _callout_numbers(plain) == [] and f'stroke="{mockscreen.HL}"' not in plain.decode()
    assert b"<script" not in svg and b"href" not in svg and b"<image" not in svg


def test_full_screen_with_every_kind_and_two_targets_is_deterministic():
    items = [dict(v) for v in ONE_OF_EACH.values()]
    items[3]["target"], items[9]["target"] = 1, 2
    mock = {"app": "VNeID", "title": "Tất cả", "items": items}
    a = mockscreen.render_mock(mock)
    assert a == mockscreen.render_mock(mock)
    assert sorted(_callout_numbers(a)) == ["1", "2"]
    assert len(a) < 30 * 1024
    # a fresh interpreter (other hash seed) produces the very same bytes
    code = ("import sys; from sotay.images import mockscreen; import json; "
            "sys.stdout.buffer.write(mockscreen.render_mock(json.loads(sys.stdin.read())))")
    import json
    import subprocess
    import sys
    r = subprocess.run([sys.executable, "-c", code], input=json.dumps(mock).encode(), capture_output=True,
                       env={"PYTHONHASHSEED": "123"}, check=True)
    assert r.stdout == a


def _grey(drawing) -> Image.Image:
    """A Drawing as the printer gets it: a one-page PDF, rendered by pdfium at 2 px per point."""
    import pypdfium2 as pdfium
    from reportlab.graphics import renderPDF
    doc = pdfium.PdfDocument(renderPDF.drawToString(drawing))
    try:
        return doc[0].render(scale=2).to_pil().convert("L")
    finally:
        doc.close()


def _dark_differences(a: Image.Image, b: Image.Image) -> int:
    from PIL import ImageChops
    assert a.size == b.size
    return sum(ImageChops.difference(a, b).point(lambda v: 255 if v > 64 else 0).histogram()[255:])


def test_booklet_draws_every_kind_of_mock_screen_as_svglib_does():
    """mockdraw (the booklets' fast path) prints a mock screen of every kind, two callouts and a
    dialog the way svglib does, pixel for pixel at 2 px per point, and adds the link's underline
    that svglib leaves out."""
    from svglib.svglib import svg2rlg
    from sotay.booklet import mockdraw, pictures
    items = [dict(v) for v in ONE_OF_EACH.values()]
    items[3]["target"], items[9]["target"] = 1, 2
    svg = mockscreen.render_mock({"app": "VNeID", "title": "Tất cả", "items": items})
    plain = svg.replace(b' text-decoration="underline"', b"")
    assert plain != svg
    pictures._svg_fonts()
    ours, ours_plain = mockdraw.drawing(svg), mockdraw.drawing(plain)
    assert ours is not None and ours_plain is not None
    assert _dark_differences(_grey(ours_plain), _grey(svg2rlg(io.BytesIO(plain)))) == 0
    underline = _dark_differences(_grey(ours), _grey(ours_plain))
    width = mockdraw.stringWidth(ONE_OF_EACH["link"]["text"], pictures.REGULAR, 17) * 2
    assert 0.8 * width < underline < 2 * 3 * width             # one line under the link, 1–3 px thick


def test_every_mock_screen_of_the_guides_takes_the_fast_path():
    """Each guide's mock screens (what images.yml draws) are drawn by mockdraw, not left to svglib:
    a new element or attribute in mockscreen.py must be taught to mockdraw too."""
    from sotay.booklet import mockdraw
    from sotay.content.catalog import load_catalog
    catalog = load_catalog(ROOT)
    mocks = [spec.out_path for g in catalog.guides for spec in load_images(g.dir)[0] if spec.kind == "mock"]
    assert len(mocks) > len(catalog.guides) and all(p.is_file() for p in mocks)
    slow = [str(p.relative_to(ROOT)) for p in mocks if mockdraw.drawing(p.read_bytes()) is None]
    assert slow == []


@pytest.mark.parametrize("svg", [
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><ellipse cx="50" cy="25" rx="40" ry="20"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><g transform="scale(2)">'
    b'<rect width="10" height="10"/></g></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><path d="M0 0C10 10 20 20 30 0z"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><rect width="10" height="10" fill="red"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><style>text{fill:red}</style></svg>',
    b'<!DOCTYPE svg [<!ENTITY a "x">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">'
    b'<rect width="10" height="10"/></svg>',
])
def test_an_svg_that_is_not_a_mock_screen_goes_to_svglib(svg, tmp_path):
    from sotay.booklet import mockdraw, pictures
    assert mockdraw.drawing(svg) is None
    f = tmp_path / "hand-made.svg"
    f.write_bytes(svg)
    d = pictures.convert(f, 200)
    assert d.width == 200 and d.height == 100


def test_mock_screen_paths_follow_svg_rules():
    """Relative moves start from the closed subpath's start; pairs after a move are lines."""
    from sotay.booklet.mockdraw import _points
    assert list(_points("M10 20h3v-3h-3zm5 0l1 1 2-2")) == [
        (10, 20, True), (13, 20, False), (13, 17, False), (10, 17, False), (10, 20, None),
        (15, 20, True), (16, 21, False), (18, 19, False)]
    assert list(_points("M1 2 3 4H5V6")) == [(1, 2, True), (3, 4, False), (5, 4, False), (5, 6, False)]


def test_long_vietnamese_labels_wrap_inside_the_screen():
    long = ("Kích hoạt tài khoản định danh điện tử mức hai cho công dân Việt Nam bằng thẻ căn cước "
            "gắn chíp và số điện thoại chính chủ")
    chrome = ("9:41", "VNeID", "1")
    svg = mockscreen.render_mock({"app": "VNeID", "items": [{"kind": "text", "text": long}]})
    lines = [t for t in _texts(svg) if t and t not in chrome]
    assert len(lines) >= 3
    assert " ".join(lines) == long                         # every word kept, in order
    for t in lines:
        assert mockscreen.text_width(t, 17) <= mockscreen.CW, t
    svg = mockscreen.render_mock({"app": "VNeID", "items": [{"kind": "button", "text": long[:70], "target": 1}]})
    lines = [t for t in _texts(svg) if t and t not in chrome]
    assert len(lines) >= 2 and " ".join(lines) == long[:70].strip()
    for t in lines:
        assert mockscreen.text_width(t, 18, True) <= mockscreen.CW - 32, t
    # a single over-long "word" is split rather than overflowing
    words = mockscreen.wrap("x" * 80, mockscreen.CW, 17)
    assert len(words) > 1 and "".join(words) == "x" * 80


def test_mock_text_stays_on_screen_in_a_real_browser(browser):
    """Chromium with the system font: no text of any guide's mock screen sticks out of the screen."""
    svgs = sorted(ROOT.glob("guides/*/*/*.svg"))
    extra = mockscreen.render_mock({"app": "Một tên ứng dụng rất dài để thử cắt chữ trên thanh tiêu đề",
                                    "items": list(ONE_OF_EACH.values())[:8]})
    page = browser.new_page(viewport={"width": 400, "height": 800})
    try:
        checked = 0
        for data in [extra] + [p.read_bytes() for p in svgs]:
            if b'role="img"' not in data:
                continue
            page.set_content("<!doctype html><body style='margin:0'>" + data.decode() + "</body>")
            boxes = page.evaluate("""() => [...document.querySelectorAll('svg text')].map(t => {
                const b = t.getBBox(); return [t.textContent, b.x, b.x + b.width]; })""")
            for text, x0, x1 in boxes:
                assert x0 >= mockscreen.SX0 - 0.5 and x1 <= mockscreen.SX1 + 0.5, (text, x0, x1)
            checked += 1
        assert checked >= 1
    finally:
        page.close()


def test_every_guide_images_yml_is_valid_and_renders_within_budget():
    dirs = [p.parent for p in find_guide_files(ROOT)]
    rendered = 0
    for d in dirs:
        specs, problems = load_images(d)
        assert not problems, "\n".join(p.format(ROOT) for p in problems)
        for s in specs:
            if s.renderable:
                data = render(s)
                assert len(data) <= (30 if s.name.endswith(".svg") else 60) * 1024, s.name
                rendered += 1
    assert rendered >= 3


# --- images.yml errors and the CLI ---------------------------------------------------------------

def _guide_dir(tmp_path: Path, images_yml: str) -> Path:
    d = tmp_path / "guides" / "vneid" / "thu-anh"
    d.mkdir(parents=True)
    (d / "images.yml").write_text(images_yml, encoding="utf-8")
    return d


GOOD = """buoc-1.svg:
  mock:
    app: VNeID
    items:
      - {kind: button, text: "Đăng nhập", target: 1}
"""


@pytest.mark.slow
def test_cli_renders_and_is_idempotent(tmp_path):
    d = _guide_dir(tmp_path, GOOD)
    r = run_sotay("images", d, "--root", tmp_path)
    assert r.returncode == 0, r.stderr
    svg = (d / "buoc-1.svg").read_bytes()
    assert b"\xc4\x90\xc4\x83ng nh\xe1\xba\xadp" in svg          # "Đăng nhập" in UTF-8
    mtime = (d / "buoc-1.svg").stat().st_mtime_ns
    r = run_sotay("images", d, "--root", tmp_path)
    assert r.returncode == 0 and "0 ảnh được tạo mới" in r.stdout
    assert (d / "buoc-1.svg").stat().st_mtime_ns == mtime      # unchanged files are not rewritten
    assert run_sotay("images", "--check", d, "--root", tmp_path).returncode == 0
    assert not [p for p in d.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("bad,expect", [
    ('      - {kind: buton, text: "Đăng nhập"}\n', 'loại "buton" không có'),
    ("      - {kind: button}\n", 'thiếu "text"'),
    ("      - {kind: input, text: 123456}\n", "dấu ngoặc kép"),
    ('      - {kind: button, txt: "Đăng nhập"}\n', 'không có trường "txt"'),
    ('      - {kind: button, text: "A", target: 0}\n', '"target"'),
    ('      - {kind: tiles, items: ["A", "B"], target_index: 5, target: 1}\n', "target_index"),
    ('      - {kind: button, text: "A"\n', "cú pháp YAML"),
])
def test_cli_refuses_bad_images_yml_and_writes_nothing(tmp_path, bad, expect):
    yml = GOOD.replace("buoc-1.svg", "buoc-2.svg") + "buoc-3.svg:\n  mock:\n    app: Thử\n    items:\n" + bad
    d = _guide_dir(tmp_path, yml)
    old = b"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'/>"
    (d / "buoc-3.svg").write_bytes(old)
    r = run_sotay("images", d, "--root", tmp_path)
    assert r.returncode == 1
    assert "guides/vneid/thu-anh/images.yml:" in r.stderr and expect in r.stderr, r.stderr
    assert (d / "buoc-3.svg").read_bytes() == old              # existing output untouched
    assert not (d / "buoc-2.svg").exists()                     # the valid entry is not written either
    assert sorted(p.name for p in d.iterdir()) == ["buoc-3.svg", "images.yml"]


def test_cli_one_broken_guide_does_not_block_the_others(tmp_path):
    bad = _guide_dir(tmp_path, GOOD + "buoc-2.svg:\n  mock: {app: X, items: [{kind: nut}]}\n")
    good = tmp_path / "guides" / "vneid" / "khac"
    good.mkdir()
    (good / "images.yml").write_text(GOOD, encoding="utf-8")
    r = run_sotay("images", bad, good, "--root", tmp_path)
    assert r.returncode == 1 and "thu-anh/images.yml:7" in r.stderr, r.stderr
    assert not (bad / "buoc-1.svg").exists() and (good / "buoc-1.svg").is_file()


def test_yaml_words_are_not_booleans_and_errors_name_the_line(tmp_path):
    d = _guide_dir(tmp_path, GOOD + "buoc-2.svg:\n  mock:\n    app: Cài đặt\n    items:\n"
                              "      - {kind: toggle, text: Yes, on: false}\n"
                              "      - {kind: otp, value: 1234567}\n")
    specs, problems = load_images(d)
    assert [p.line for p in problems] == [11]                   # only the otp value (a number)
    assert "thành phần thứ 2" in problems[0].message


def test_photo_must_come_from_raw_folder(tmp_path):
    d = _guide_dir(tmp_path, "buoc-1.webp:\n  photo: anh.jpg\n")
    _, problems = load_images(d)
    assert problems and "raw/" in problems[0].message


# --- screenshot pipeline -------------------------------------------------------------------------

def _raw_screenshot(path: Path, size=(1080, 2340), orientation: int | None = None, gps=True):
    im = Image.new("RGB", size, (248, 249, 250))
    d = ImageDraw.Draw(im)
    f = ImageFont.truetype(FONT, 60)
    for i in range(14):
        d.text((60, 260 + i * 140), f"Nguyễn Văn A 0912 345 6{i:02d}", font=f, fill=(15, 15, 15))
    d.rounded_rectangle((100, 2050, 980, 2200), 30, fill=(26, 86, 219))
    exif = Image.Exif()
    exif[0x010F] = "Samsung"
    exif[0x0110] = "SM-A135F"
    if orientation:
        exif[0x0112] = orientation
    if gps:
        g = exif.get_ifd(0x8825)
        g[1], g[2], g[3], g[4] = "N", (21.0, 1.0, 30.0), "E", (105.0, 50.0, 10.0)
    im.save(path, "JPEG", quality=90, exif=exif, icc_profile=b"\0" * 200)
    return im


@pytest.mark.slow
def test_screenshot_loses_all_metadata_gps_included(tmp_path):
    raw = tmp_path / "raw.jpg"
    _raw_screenshot(raw)
    src = Image.open(raw)
    assert src.getexif().get_ifd(0x8825)[1] == "N"             # the raw really carries GPS
    assert "EXIF" in raster_metadata(raw)                      # and the checker sees it
    res = process_photo(raw, "buoc-1.webp")
    out = Image.open(io.BytesIO(res.data))
    assert out.format == "WEBP" and out.width <= 720 and res.width == out.width
    assert len(out.getexif()) == 0
    assert not any(k in out.info for k in ("exif", "icc_profile", "xmp"))
    for needle in (b"GPS", b"Exif", b"EXIF", b"ICCP", b"XMP", b"Samsung", b"SM-A135F"):
        assert needle not in res.data, needle
    assert len(res.data) <= 60 * 1024 and not res.over_budget
    p = tmp_path / "buoc-1.webp"
    p.write_bytes(res.data)
    assert raster_metadata(p) == []
    for fmt in ("png", "jpg"):                                 # the fallback formats are clean too
        other = process_photo(raw, f"buoc-1.{fmt}").data
        q = tmp_path / f"o.{fmt}"
        q.write_bytes(other)
        assert raster_metadata(q) == [] and b"GPS" not in other and b"Exif" not in other


def test_screenshot_orientation_applied_first(tmp_path):
    raw = tmp_path / "sideways.jpg"
    _raw_screenshot(raw, size=(2340, 1080), orientation=6, gps=False)   # stored sideways, shown upright
    res = process_photo(raw, "x.webp")
    assert res.height > res.width and res.width == 720


@pytest.mark.slow
def test_redaction_makes_the_box_unreadable(tmp_path):
    raw = tmp_path / "r.jpg"
    _raw_screenshot(raw, gps=False)
    box = [40, 240, 1000, 700]
    plain = Image.open(io.BytesIO(process_photo(raw, "a.webp").data)).convert("L")
    red = Image.open(io.BytesIO(process_photo(raw, "a.webp", redact=[box]).data)).convert("L")
    assert plain.size == red.size
    s = red.width / 1080
    region = tuple(round(v * s) for v in (box[0] + 6, box[1] + 6, box[0] + box[2] - 6, box[1] + box[3] - 6))
    before, after = list(plain.crop(region).getdata()), list(red.crop(region).getdata())
    assert sum(v < 80 for v in before) > 1000                  # the text was there: many dark pixels
    assert min(after) > 40 and sum(v < 40 for v in before) > 1000   # none of the ink is left
    assert statistics.pstdev(after) < statistics.pstdev(before) / 2
    # outside the box nothing changed
    below = (0, round(1200 * s), red.width, round(1700 * s))      # outside the box: the same text
    diff = [abs(a - b) for a, b in zip(plain.crop(below).getdata(), red.crop(below).getdata())]
    assert statistics.mean(diff) < 2


@pytest.mark.slow
def test_callouts_box_and_arrow_are_drawn(tmp_path):
    raw = tmp_path / "c.jpg"
    _raw_screenshot(raw, gps=False)

    def hl_pixels(data: bytes) -> int:
        im = Image.open(io.BytesIO(data)).convert("RGB")
        return sum(1 for p in im.getdata() if all(abs(a - b) < 40 for a, b in zip(p, HL)))

    none = process_photo(raw, "c.webp").data
    boxed = process_photo(raw, "c.webp", callouts=[{"n": 1, "box": [100, 2050, 880, 150]}]).data
    arrow = process_photo(raw, "c.webp", callouts=[{"n": 2, "arrow": [540, 300]}]).data
    assert hl_pixels(none) == 0
    assert hl_pixels(boxed) > 2000 and hl_pixels(arrow) > 800
    im = Image.open(io.BytesIO(boxed)).convert("RGB")
    s = im.width / 1080                                            # the box outline runs along the button's edge
    y = round((2050 + 75) * s)
    left = [im.getpixel((x, y)) for x in range(round(100 * s) - 8, round(100 * s) + 2)]
    assert any(all(abs(a - b) < 40 for a, b in zip(p, HL)) for p in left)


@pytest.mark.slow
def test_photo_entry_through_cli(tmp_path):
    d = _guide_dir(tmp_path, "buoc-4.webp:\n  photo: raw/buoc-4.jpg\n"
                             "  callouts: [{n: 1, box: [100, 2050, 880, 150]}]\n"
                             "  redact: [[40, 240, 1000, 700]]\n")
    (d / "raw").mkdir()
    _raw_screenshot(d / "raw" / "buoc-4.jpg")
    r = run_sotay("images", d, "--root", tmp_path)
    assert r.returncode == 0, r.stderr
    out = d / "buoc-4.webp"
    assert raster_metadata(out) == [] and out.stat().st_size <= 60 * 1024
    # without the raw file (it is git-ignored), the processed image is kept, not an error
    (d / "raw" / "buoc-4.jpg").unlink()
    r = run_sotay("images", d, "--root", tmp_path)
    assert r.returncode == 0 and "bỏ qua" in r.stdout
    assert "guides/**/raw/" in (ROOT / ".gitignore").read_text()


# --- image checks --------------------------------------------------------------------------------

FRONT = """---
title: Thử ảnh
summary: Thử các kiểm tra ảnh.
audience: Người thử.
category: vneid
devices: [android]
time: 5
needs: [Điện thoại]
updated: 2026-01-10
code: thuanh
keywords: [thử]
sources:
  - id: nguon
    title: Nguồn
    url: https://vneid.gov.vn/
    checked: 2026-01
---

"""


def _guide(d: Path, body: str):
    (d / "index.md").write_text(FRONT + body, encoding="utf-8")
    cats, _ = load_categories(ROOT)
    g, problems = read_guide(d / "index.md", cats)
    assert g is not None, problems
    return g


def test_image_checks_report_each_problem_with_file_and_line(tmp_path):
    d = _guide_dir(tmp_path, GOOD + "buoc-9.svg:\n  mock:\n    app: Thừa\n    items:\n"
                                    "      - {kind: text, text: \"Không dùng\"}\n")
    assert run_sotay("images", d, "--root", tmp_path).returncode == 0
    body = ("## Bước 1: Đăng nhập\n\n![buoc-1.svg](buoc-1.svg)\n\n"          # alt = file name
            "## Bước 2: Mở\n\n![Màn hình mở ứng dụng VNeID](thieu.svg)\n\n"   # missing file
            "## Bước 3: Ảnh\n\n![Ảnh chụp màn hình ngân hàng, nút Xác nhận](anh.jpg)\n\n"
            "## Bước 4: Độc\n\n![Hình minh họa có mã độc bên trong](doc.svg)\n")
    _raw_screenshot(d / "anh.jpg", size=(300, 600))                         # EXIF + GPS left in
    (d / "doc.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    g = _guide(d, body)
    probs = check_guide_images(g)
    text = "\n".join(p.format(tmp_path) for p in probs)
    file_lines = (d / "index.md").read_text(encoding="utf-8").split("\n")

    def line_of(s):
        return next(i for i, t in enumerate(file_lines, 1) if s in t)
    assert f"index.md:{line_of('](buoc-1.svg)')}: mô tả (alt)" in text     # the image's line in the file
    assert f"index.md:{line_of('](thieu.svg)')}: không tìm thấy tệp ảnh \"thieu.svg\"" in text
    assert "anh.jpg: ảnh còn thông tin ẩn (EXIF" in text
    from sotay.images.svgsafe import problems as svg_problems          # SVG safety: the `svg` check (checks/svg.py)
    assert any("<script>" in p for p in svg_problems((d / "doc.svg").read_bytes()))
    assert "images.yml:6: ảnh \"buoc-9.svg\" được khai báo nhưng không dùng" in text
    # now edit the description without re-rendering: stale
    (d / "images.yml").write_text(GOOD.replace("Đăng nhập", "Đăng nhập ngay"), encoding="utf-8")
    text = "\n".join(p.format(tmp_path) for p in check_guide_images(g))
    assert "images.yml:1: ảnh \"buoc-1.svg\" chưa khớp" in text and "make images" in text


def test_image_checks_accept_a_good_guide_and_budget(tmp_path):
    d = _guide_dir(tmp_path, GOOD)
    run_sotay("images", d, "--root", tmp_path, check=True)
    g = _guide(d, "## Bước 1: Đăng nhập\n\n![Màn hình VNeID, nút Đăng nhập được đánh số 1](buoc-1.svg)\n")
    assert check_guide_images(g) == []
    (d / "to.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<!-- x -->" * 3200 + b"</svg>")
    probs = check_guide_images(g)
    assert any(p.path.name == "to.svg" and "quá mức 30 KB" in p.message for p in probs)


def test_repository_guides_pass_image_checks(catalog):
    problems = [p for g in catalog.guides for p in check_guide_images(g)]
    assert not problems, "\n".join(p.format(ROOT) for p in problems)


# --- the built site ------------------------------------------------------------------------------

def test_built_guide_images_have_size_lazy_loading_and_caption(site_dir, catalog):
    checked = 0
    for g in catalog.guides:
        html = (site_dir / "huong-dan" / g.id / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        article = soup.find("article") or soup
        for img in article.find_all("img"):
            src = img.get("src", "")
            if not (g.dir / src).is_file():
                continue
            assert img.get("loading") == "lazy" and img.get("decoding") == "async", (g.id, src)
            w, h = int(img["width"]), int(img["height"])
            if src.endswith(".svg"):
                vb = re.search(rb'viewBox="0 0 ([\d.]+) ([\d.]+)"', (g.dir / src).read_bytes())
                if vb and float(vb.group(2)) > float(vb.group(1)) * 1.3:
                    assert w == 300 and abs(h - 300 * float(vb.group(2)) / float(vb.group(1))) <= 1
                fig = img.find_parent("figure")
                assert fig is not None and MOCK_CAPTION in fig.figcaption.get_text(), (g.id, src)
                assert img.get("alt", "").strip()
            else:
                fig = img.find_parent("figure")
                assert fig is None or fig.figcaption is None or MOCK_CAPTION not in fig.get_text()
            checked += 1
        # raw screenshots are never published
        assert not (site_dir / "huong-dan" / g.id / "raw").exists()
    assert checked >= 3 * len(catalog.guides)


@pytest.mark.slow
def test_callout_or_redaction_outside_the_screenshot_is_refused(tmp_path):
    """Measured on another picture, a callout would point at nothing and a redaction cover nothing."""
    d = _guide_dir(tmp_path, "buoc-4.webp:\n  photo: raw/buoc-4.jpg\n"
                             "  callouts: [{n: 1, box: [100, 2300, 880, 150]}, {n: 2, arrow: [1200, 300]}]\n"
                             "  redact: [[40, 240, 1000, 700]]\n")
    (d / "raw").mkdir()
    _raw_screenshot(d / "raw" / "buoc-4.jpg")                       # 1080 × 2340
    r = run_sotay("images", d, "--root", tmp_path)
    assert r.returncode == 1
    assert ("khung chú thích số 1 [100, 2300, 880, 150]; mũi tên chú thích số 2 [1200, 300] nằm ngoài ảnh gốc "
            "(rộng 1080, cao 2340 điểm ảnh)") in r.stdout + r.stderr, r.stdout + r.stderr
    assert "images.yml:1:" in r.stdout + r.stderr
    assert not (d / "buoc-4.webp").exists()
    (d / "images.yml").write_text("buoc-4.webp:\n  photo: raw/buoc-4.jpg\n  redact: [[40, 2000, 1000, 700]]\n",
                                  encoding="utf-8")
    r = run_sotay("images", d, "--root", tmp_path)
    assert r.returncode == 1 and "vùng che [40, 2000, 1000, 700] nằm ngoài ảnh gốc" in r.stdout + r.stderr
