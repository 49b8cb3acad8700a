"""QR posters (issue 5), checked on the real PDFs made by `sotay posters` and by the site build.

Every QR is decoded with zxing-cpp from the PDF rasterised by pdfium — plain, shrunk, blurred,
tilted + JPEG-compressed, dimmed; the decoded link must lead to the guide in the built site.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import re
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image, ImageEnhance, ImageFilter
from pypdf import PdfReader

from helpers import ROOT, run_sotay

DPI = 150
PRINTED = "2026-11-20"
PRINTED_VN = "20/11/2026"


# --- helpers --------------------------------------------------------------------------------

def raster(pdf: Path | bytes, page: int = 0, dpi: int = DPI) -> Image.Image:
    doc = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        return doc[page].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        doc.close()


def qr_codes(img: Image.Image):
    return zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode)


def decode_one(img: Image.Image) -> str | None:
    found = qr_codes(img)
    return found[0].text if len(found) == 1 else None


def side_px(result) -> float:
    """Mean side length (pixels) of a decoded symbol, from zxing's corner points."""
    p = result.position
    pts = [p.top_left, p.top_right, p.bottom_right, p.bottom_left]
    sides = [((a.x - b.x) ** 2 + (a.y - b.y) ** 2) ** 0.5 for a, b in zip(pts, pts[1:] + pts[:1])]
    return sum(sides) / 4


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def flat(text: str) -> str:
    """Whitespace runs → one space (a title wrapped over lines is still the same words)."""
    return " ".join(text.split())


def snapshot(folder: Path) -> dict:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def degrade_quarter(img):
    return img.resize((img.width // 4, img.height // 4), Image.LANCZOS)


def degrade_blur(img):
    return img.filter(ImageFilter.GaussianBlur(4))


def degrade_tilt_jpeg(img):
    rot = img.rotate(6, resample=Image.BICUBIC, expand=True, fillcolor=255)
    w, h = rot.size
    # keystone: the top edge narrower than the bottom, as when a phone looks up at a wall
    k = 0.04 * w
    tilted = rot.transform((w, h), Image.Transform.QUAD, (k, 0, 0, h, w, h, w - k, 0),
                           resample=Image.BICUBIC, fillcolor=255)
    buf = io.BytesIO()
    tilted.save(buf, "JPEG", quality=20)
    return Image.open(io.BytesIO(buf.getvalue())).convert("L")


def degrade_dim(img):
    dim = ImageEnhance.Brightness(ImageEnhance.Contrast(img).enhance(0.25)).enhance(0.6)
    lo, hi = dim.getextrema()
    assert hi - lo <= 70, (lo, hi)      # really low contrast
    return dim


DEGRADATIONS = {"quarter": degrade_quarter, "blur": degrade_blur, "tilt+jpeg20": degrade_tilt_jpeg,
                "dim": degrade_dim}


# --- fixtures: the real CLI, once per module ----------------------------------------------

@pytest.fixture(scope="module")
def posters_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("posters") / "out"
    r = run_sotay("posters", "--sample", "--all", "--out", out, "--date", PRINTED, "--quiet")
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture(scope="module")
def menus_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("menus") / "out"
    r = run_sotay("posters", "--sample", "--menu", "--out", out, "--date", PRINTED, "--quiet")
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture(scope="module")
def guides(catalog):
    assert catalog.guides, "no guides yet"
    return catalog.guides


@pytest.fixture(scope="module")
def sample(guides):
    """A few guides for the slower checks: the longest title, the shortest, and the first."""
    by_len = sorted(guides, key=lambda g: len(g.title))
    return list({g.id: g for g in (by_len[-1], by_len[0], guides[0])}.values())


# --- the QR -------------------------------------------------------------------------------

def test_every_guide_poster_qr_decodes_at_150dpi(posters_dir, guides, catalog):
    for g in guides:
        pdf = posters_dir / f"{g.id}.pdf"
        assert pdf.is_file(), pdf
        found = qr_codes(raster(pdf))
        assert len(found) == 1, f"{g.id}: {len(found)} QR codes decoded"
        r = found[0]
        assert r.text == catalog.short_url(g), g.id
        assert r.ec_level in ("Q", "H"), (g.id, r.ec_level)
        side_cm = side_px(r) / DPI * 2.54
        assert side_cm >= 12.0, f"{g.id}: QR symbol {side_cm:.2f} cm"


def dark_in_quiet_zone(img: Image.Image, result, url: str) -> list:
    """Dark pixels within 4 modules around a decoded symbol (module size from the symbol's own
    module count, for the error correction level zxing read)."""
    from sotay.qr import matrix as qr_matrix
    p = result.position
    x0, y0 = min(p.top_left.x, p.bottom_left.x), min(p.top_left.y, p.top_right.y)
    x1, y1 = max(p.top_right.x, p.bottom_right.x), max(p.bottom_left.y, p.bottom_right.y)
    module = ((x1 - x0) + (y1 - y0)) / 2 / len(qr_matrix(url, result.ec_level))
    q, tol = 4 * module, 4          # tol: anti-aliased edge of the symbol
    box = (round(x0 - q), round(y0 - q), round(x1 + q), round(y1 + q))
    if box[0] < 0 or box[1] < 0 or box[2] > img.width or box[3] > img.height:
        return [("quiet zone off the page", box)]
    px = img.load()
    return [(x, y) for x in range(box[0], box[2]) for y in range(box[1], box[3])
            if not (x0 - tol <= x <= x1 + tol and y0 - tol <= y <= y1 + tol) and px[x, y] < 200]


def test_quiet_zone_is_blank(posters_dir, guides, catalog):
    """Four modules of white all around the symbol, measured in the raster."""
    for g in guides:
        img = raster(posters_dir / f"{g.id}.pdf")
        dark = dark_in_quiet_zone(img, qr_codes(img)[0], catalog.short_url(g))
        assert not dark, f"{g.id}: {len(dark)} dark pixels in the quiet zone, e.g. {dark[:3]}"


def test_qr_survives_degradations(posters_dir, sample, catalog):
    failures = []
    for g in sample:
        img = raster(posters_dir / f"{g.id}.pdf")
        for name, fn in DEGRADATIONS.items():
            got = decode_one(fn(img))
            if got != catalog.short_url(g):
                failures.append(f"{g.id}/{name}: {got!r}")
    assert not failures, failures


def test_decoded_link_leads_to_the_guide(posters_dir, guides, catalog, site_dir):
    for g in guides:
        url = decode_one(raster(posters_dir / f"{g.id}.pdf"))
        assert url and url.startswith(catalog.config.site_url)
        path = url[len(catalog.config.site_url):]
        assert path == f"q/{g.code}/"
        page = site_dir / path / "index.html"
        assert page.is_file(), page
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
        target = refresh.split("url=", 1)[1]
        guide_page = (page.parent / target / "index.html").resolve()
        assert guide_page == (site_dir / g.url_path / "index.html").resolve(), (g.id, target)
        assert soup.find("link", rel="canonical")["href"] == catalog.guide_url(g)
        h1 = BeautifulSoup(guide_page.read_text(encoding="utf-8"), "html.parser").find("h1")
        assert flat(h1.get_text()).rstrip("¶").strip() == g.title


# --- text and fonts -----------------------------------------------------------------------

def test_text_layer_has_the_words(posters_dir, guides, catalog):
    from sotay.content.steps import key_points
    domain = catalog.config.domain
    for g in guides:
        text = pdf_text(posters_dir / f"{g.id}.pdf")
        assert unicodedata.normalize("NFC", text) == text, g.id
        words = flat(text)
        assert g.title in words, g.id
        assert g.summary in words, g.id
        for point in key_points(g):      # in a narrow column, a web address may break after "."
            assert "".join(point.split()) in "".join(words.split()), (g.id, point)
        assert "Mở camera hoặc Zalo, hướng vào mã" in words
        assert f"Chỉ mở nếu địa chỉ bắt đầu bằng {domain}" in words
        assert "OTP" in words and "mật khẩu" in words
        assert f"{domain}/q/{g.code}" in words
        assert f"In ngày {PRINTED_VN}" in words
        assert catalog.categories[g.category].title in words
        reader = PdfReader(str(posters_dir / f"{g.id}.pdf"))
        assert reader.metadata.title == g.title
        assert reader.trailer["/Root"]["/Lang"] == "vi"     # screen readers speak Vietnamese


def test_fonts_are_embedded_subsets(posters_dir, menus_dir, guides):
    pdfs = [posters_dir / f"{g.id}.pdf" for g in guides] + sorted(menus_dir.glob("*.pdf"))
    for pdf in pdfs:
        for page in PdfReader(str(pdf)).pages:
            fonts = page["/Resources"]["/Font"]
            assert fonts, pdf
            for ref in fonts.values():
                font = ref.get_object()
                desc = font.get("/FontDescriptor")
                if desc is None and "/DescendantFonts" in font:
                    desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                assert desc is not None, f"{pdf.name}: font {font.get('/BaseFont')} is not embedded"
                desc = desc.get_object()
                assert "/FontFile2" in desc, f"{pdf.name}: {font['/BaseFont']} has no embedded TrueType data"
                assert re.match(r"^/[A-Z]{6}\+NotoSans", str(font["/BaseFont"])), font["/BaseFont"]


def test_village_poster_names_hall_contact_and_schedule(tmp_path, guides):
    from sotay.content.catalog import load_catalog
    from sotay.poster.villages import load_villages
    catalog = load_catalog(ROOT)
    villages = load_villages(ROOT, catalog.config.commune.get("name", ""))
    assert villages.villages, "config/villages.yml has no village"
    v = next(iter(villages.villages.values()))
    g = guides[-1]
    out = tmp_path / "out"
    r = run_sotay("posters", "--sample", "--guide", g.id, "--village", v.id, "--out", out, "--png", "--dpi", "60")
    assert r.returncode == 0, r.stderr
    pdf = out / v.id / f"{g.id}.pdf"
    words = flat(pdf_text(pdf))
    for expected in (v.name, v.hall, v.contact, v.schedule):
        assert expected in words, expected
    assert decode_one(raster(pdf)) == catalog.short_url(g)
    png = Image.open(out / v.id / f"{g.id}.png")
    assert abs(png.width - 210 / 25.4 * 60) <= 2 and abs(png.height - 297 / 25.4 * 60) <= 2


def test_long_title_wraps_inside_the_page(guides, catalog):
    """A 90-character title, a 200-character summary and long step headings stay on the page."""
    from sotay.poster.guide import H, W, render_guide
    from sotay.poster.texts import PosterText
    g = guides[0]
    # real settings: no "BẢN MẪU" mark, whose letters would count as text over the QR code
    catalog = dataclasses.replace(catalog, config=dataclasses.replace(
        catalog.config, site_url="https://xa-thu.example.vn/", commune={**catalog.config.commune, "name": "Xã Thử"}))
    assert not catalog.config.is_sample
    title = "Hướng dẫn đăng ký, kích hoạt và sử dụng tài khoản định danh điện tử mức hai trên VNeID"[:90]
    summary = ("Làm từng bước trên điện thoại: cài ứng dụng, nhập số định danh, quét thẻ căn cước gắn chip, "
               "chụp ảnh chân dung, chờ công an duyệt hồ sơ rồi kích hoạt tài khoản và đặt mật khẩu an toàn.")[:200]
    steps = "".join(f"\n## Bước {i}: Chạm vào nút rất dài có tên là Xác nhận thông tin đăng ký số {i}\n\nLàm.\n"
                    for i in range(1, 10))
    long = dataclasses.replace(g, title=title, summary=summary, body=steps)
    pdf, geo = render_guide(PosterText(catalog, None, dt.date(2026, 11, 20)), long)
    assert geo.qr_side >= 120
    words = flat(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert title in words and summary in words
    doc = pdfium.PdfDocument(pdf)
    page = doc[0]
    pw, ph = page.get_size()
    tp = page.get_textpage()
    qz = geo.quiet * 72 / 25.4
    qr = (geo.qr_x * 72 / 25.4 - qz, (H - geo.qr_top - geo.qr_side) * 72 / 25.4 - qz,
          (geo.qr_x + geo.qr_side) * 72 / 25.4 + qz, (H - geo.qr_top) * 72 / 25.4 + qz)
    for i in range(tp.count_chars()):
        left, bottom, right, top = tp.get_charbox(i)
        if right - left <= 0:
            continue                          # spaces
        assert 0 <= left and right <= pw and 0 <= bottom and top <= ph, (i, tp.get_text_range(i, 1))
        inside_qr = left < qr[2] and right > qr[0] and bottom < qr[3] and top > qr[1]
        assert not inside_qr, f"text {tp.get_text_range(i, 1)!r} inside the QR or its quiet zone"
    assert pw == pytest.approx(W * 72 / 25.4, abs=1)
    doc.close()
    assert decode_one(raster(pdf)) == catalog.short_url(g)


# --- menus ----------------------------------------------------------------------------------

def _menu_qr_codes(pdf: Path, reader) -> tuple[list[str], list[float]]:
    decoded, sides = [], []
    for i in range(len(reader.pages)):
        img = raster(pdf, i)
        for r in qr_codes(img):
            decoded.append(r.text)
            sides.append(side_px(r) / DPI * 2.54)
            assert r.ec_level in ("Q", "H")
            dark = dark_in_quiet_zone(img, r, r.text)
            assert not dark, f"{r.text}: {len(dark)} dark pixels in the quiet zone, e.g. {dark[:3]}"
    return decoded, sides


def test_a3_overview_of_every_guide_is_one_sheet(menus_dir, guides, catalog):
    """Issue 15: "Tất cả hướng dẫn" fits one A3 sheet: a QR code per topic (≥ 3.5 cm, to the topic's
    page) and every guide with the short link to type."""
    pdf = menus_dir / "menu-tat-ca-a3.pdf"
    reader = PdfReader(str(pdf))
    w, h = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(w) / 72 * 25.4), round(float(h) / 72 * 25.4)) == (297, 420)
    assert len(reader.pages) == 1
    decoded, sides = _menu_qr_codes(pdf, reader)
    topics = [c for c in catalog.categories.values() if catalog.in_category(c.key)]
    assert sorted(decoded) == sorted(catalog.url(c.url_path) for c in topics)
    assert min(sides) >= 3.5, f"smallest QR {min(sides):.2f} cm"
    words = flat(pdf_text(pdf))
    for g in guides:
        assert g.title in words and f"{catalog.config.domain}/q/{g.code}" in words, g.id
    for c in topics:
        assert c.title in words
    assert f"Chỉ mở nếu địa chỉ bắt đầu bằng {catalog.config.domain}" in words


@pytest.mark.parametrize("size,mm_wh", [("a4", (210, 297))])
def test_menu_poster_has_every_guide(menus_dir, guides, catalog, size, mm_wh):
    pdf = menus_dir / f"menu-tat-ca-{size}.pdf"
    reader = PdfReader(str(pdf))
    w, h = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(w) / 72 * 25.4), round(float(h) / 72 * 25.4)) == mm_wh
    decoded, sides = _menu_qr_codes(pdf, reader)
    assert sorted(decoded) == sorted(catalog.short_url(g) for g in guides)
    assert min(sides) >= 3.5, f"smallest QR {min(sides):.2f} cm"
    words = flat(pdf_text(pdf))
    for g in guides:
        assert g.title in words, g.id
    for cat in catalog.categories.values():
        if catalog.in_category(cat.key):
            assert cat.title in words
    assert f"Chỉ mở nếu địa chỉ bắt đầu bằng {catalog.config.domain}" in words


# --- the site -------------------------------------------------------------------------------

def test_site_publishes_every_poster_and_lists_them(site_dir, guides, catalog):
    data = json.loads((site_dir / "catalog.json").read_text(encoding="utf-8"))
    posters = {r["id"]: r["poster"] for r in data["guides"]}
    page = BeautifulSoup((site_dir / "poster" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = page.find("article") or page
    hrefs = {a["href"] for a in article.find_all("a", href=True)}
    for g in guides:
        pdf = site_dir / "poster" / f"{g.id}.pdf"
        assert pdf.is_file(), pdf
        assert posters[g.id] == catalog.url(f"poster/{g.id}.pdf")
        assert f"{g.id}.pdf" in hrefs, g.id
        assert pdf.read_bytes()[:5] == b"%PDF-"
    for g in guides[:2]:
        assert decode_one(raster(site_dir / "poster" / f"{g.id}.pdf")) == catalog.short_url(g)
    for name in ("menu-tat-ca-a4.pdf", "menu-tat-ca-a3.pdf"):
        assert name in hrefs and (site_dir / "poster" / name).is_file()
    for href in hrefs:
        if href.endswith(".pdf"):
            assert (site_dir / "poster" / href).is_file(), href
    text = flat(article.get_text(" "))
    for cat in catalog.categories.values():
        if catalog.in_category(cat.key):
            assert cat.title in text


# --- errors write nothing --------------------------------------------------------------------

@pytest.mark.parametrize("args,needle", [
    (["--guide", "khong-co-huong-dan-nay"], 'không có hướng dẫn "khong-co-huong-dan-nay"'),
    (["--category", "khong-co"], 'không có chủ đề "khong-co"'),
    (["--village", "thon-khong-co"], 'không có thôn "thon-khong-co"'),
    (["--menu", "--size", "A5"], 'không có khổ giấy "A5"'),
])
def test_bad_arguments_write_nothing(tmp_path, guides, args, needle):
    out = tmp_path / "out"
    out.mkdir()
    (out / "cu.pdf").write_bytes(b"poster in tuan truoc")
    before = snapshot(out)
    r = run_sotay("posters", "--sample", *args, "--guide", guides[0].id, "--out", out) if args[0] != "--guide" \
        else run_sotay("posters", "--sample", *args, "--out", out)
    assert r.returncode != 0
    assert needle in r.stderr, r.stderr
    assert "Chưa tạo poster nào" in r.stderr
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]     # no temporary folder left


BROKEN_VILLAGES = [
    # (file text, line the error must name, words of the message)
    ("villages:\n  thon-1:\n    name: Thôn 1\n   hall: Nhà văn hóa\n", 4, "cú pháp YAML"),
    ("villages:\n  thon-1:\n    name: Thôn 1\n    contact: Tổ trưởng\n    schedule: Tối thứ Bảy\n", 2,
     'thiếu "hall"'),
    ("villages:\n  Thôn 1:\n    name: Thôn 1\n    hall: Nhà văn hóa\n    contact: Tổ trưởng\n"
     "    schedule: Tối thứ Bảy\n", 2, "chữ thường không dấu"),
    ("villages:\n  thon-1:\n    name: Thôn 1\n    hall: Nhà văn hóa\n    contact: Tổ trưởng\n"
     "    schedule: Tối thứ Bảy\n    phone: gọi anh Ba\n", 7, '"phone" phải là số điện thoại'),
    ("villages:\n  thon-1:\n    name: Thôn 1\n    hall: Nhà văn hóa\n    contact: Tổ trưởng\n"
     "    schedule: Tối thứ Bảy\n    lich: Tối\n", 7, 'trường "lich" không dùng được'),
]


@pytest.mark.parametrize("text,line,words", BROKEN_VILLAGES)
def test_broken_villages_yml_is_reported_and_writes_nothing(tmp_repo, tmp_path, text, line, words):
    (tmp_repo / "config" / "villages.yml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    r = run_sotay("posters", "--sample", "--all-villages", "--out", out, cwd=tmp_repo)
    assert r.returncode != 0
    assert f"config/villages.yml:{line}:" in r.stderr, r.stderr
    assert words in r.stderr, r.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo"]     # the copy of the repo only


def test_failure_midway_leaves_output_untouched(tmp_path, monkeypatch, guides, catalog):
    """Rendering fails on the second poster: nothing of the batch reaches the output folder."""
    from sotay.poster import build
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{guides[0].id}.pdf").write_bytes(b"old")
    before = snapshot(out)
    real = build.render
    calls = []

    def flaky(cat, job, printed):
        calls.append(job.path)
        if len(calls) == 2:
            raise RuntimeError("mất điện")
        return real(cat, job, printed)

    monkeypatch.setattr(build, "render", flaky)
    jobs = build.plan(catalog, guides[:3], [None])
    with pytest.raises(RuntimeError):
        build.write_batch(catalog, jobs, out, dt.date(2026, 11, 20))
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# --- steps ---------------------------------------------------------------------------------

def test_step_headings_are_parsed_in_one_place():
    from sotay.content.steps import parse_steps, pick
    body = ("Mở đầu.\n\n## Bước 1: Mở **VNeID** { #mo }\n\nchữ\n\n```\n## Bước 9: trong khối mã\n```\n"
            "## Bước 2: Chạm [Đăng nhập](x.md)\n## Nếu gặp lỗi\n## Bước 3: Nhập mã :material-cellphone: OTP\n"
            "## Bước 4 – không đúng mẫu (make check báo lỗi)\n")
    steps = parse_steps(body, first_line=10)
    assert [(s.number, s.title, s.line) for s in steps] == [
        (1, "Mở VNeID", 12), (2, "Chạm Đăng nhập", 19), (3, "Nhập mã OTP", 21)]
    assert pick(list(range(9)), 3) == [0, 4, 8]
    assert pick(list(range(2)), 3) == [0, 1]


def test_selection_by_category_and_by_several_ids(tmp_path, guides, catalog):
    key = guides[-1].category
    out = tmp_path / "cat"
    r = run_sotay("posters", "--sample", "--category", key, "--out", out)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{g.id}.pdf" for g in catalog.in_category(key))
    two = [guides[0].id, guides[-1].id]
    out = tmp_path / "ids"
    r = run_sotay("posters", "--sample", "--guide", *two, "--out", out, "--png", "--dpi", "30")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{i}.pdf" for i in two] + [f"{i}.png" for i in two])
    assert "Đang tạo poster" in r.stderr          # the progress bar of a batch
