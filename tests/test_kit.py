"""The volunteer kit (issue 15), checked on the real PDFs the site build publishes: A5 booklets per
topic, the handbook, home-visit checklists, session plans and the tally sheet; the pre-print guard;
posters by village name."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from PIL import Image, ImageFilter
from pypdf import PdfReader

from helpers import run_sotay

pytestmark = pytest.mark.slow          # runs the commands on copies of the project

A5_PT = (419.5, 595.3)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def kit(site_dir):
    data = json.loads((site_dir / "catalog.json").read_text(encoding="utf-8"))
    return data["booklets"], site_dir


def _path(site_dir: Path, url: str, site_url: str) -> Path:
    return site_dir / url[len(site_url):]


def test_catalog_lists_every_kit_file(kit, catalog):
    entries, site_dir = kit
    kinds = {e["kind"] for e in entries}
    assert kinds == {"booklet", "handbook", "checklist", "lesson", "tally"}
    topics = {c for c in catalog.categories if catalog.in_category(c)}
    assert {e["id"] for e in entries if e["kind"] == "booklet"} == topics
    assert {e["id"] for e in entries if e["kind"] == "checklist"} == topics
    assert {e["id"] for e in entries if e["kind"] == "lesson"} == topics
    for e in entries:
        assert set(e) == {"id", "title", "url", "kind"}
        assert e["url"].startswith(catalog.config.site_url)
        f = _path(site_dir, e["url"], catalog.config.site_url)
        assert f.is_file() and f.read_bytes().startswith(b"%PDF"), e


def test_booklets_are_a5_with_every_guide_step_and_notes(kit, catalog):
    entries, site_dir = kit
    for e in entries:
        if e["kind"] not in ("booklet", "handbook"):
            continue
        reader = PdfReader(_path(site_dir, e["url"], catalog.config.site_url))
        for page in reader.pages:
            w, h = float(page.mediabox.width), float(page.mediabox.height)
            assert abs(w - A5_PT[0]) < 1 and abs(h - A5_PT[1]) < 1
        text = _squash("".join(p.extract_text() for p in reader.pages))
        guides = catalog.guides if e["kind"] == "handbook" else catalog.in_category(e["id"])
        for g in guides:
            assert _squash(g.title) in text, (e["id"], g.title)
        assert text.count("Ghichú") >= len(guides)
        assert "Bước1" in text and "Mụclục" in text and "Trang2" in text
        fonts = set()
        for page in reader.pages:
            for f in (page.get("/Resources", {}).get("/Font") or {}).values():
                fonts.add(str(f.get_object()["/BaseFont"]))
        assert fonts and all("+NotoSans" in f for f in fonts), fonts


def _outline(entries, level=0):
    for e in entries:
        if isinstance(e, list):
            yield from _outline(e, level + 1)
        else:
            yield e, level


def _contents_numbers(reader: PdfReader, last_page: int) -> list[int]:
    """The page numbers printed in the contents (pages 2..last_page), top to bottom."""
    numbers = []
    for page in reader.pages[1:last_page]:
        found = []

        def visit(text, cm, tm, _font, _size, found=found):
            m = re.fullmatch(r"[\s.]*?(\d+)\s*", text)      # " .  .  . 12": dot leaders and the number
            if m:
                found.append((-(cm[5] + tm[5] * cm[3]), int(m.group(1))))
        page.extract_text(visitor_text=visit)
        numbers += [n for _y, n in sorted(found)]
    return numbers


def test_contents_numbers_are_the_pages_the_guides_are_on(kit, catalog):
    """Each line of a booklet's contents prints the page its guide's title is on (the footer says the
    same number), and the PDF outline points there too."""
    entries, site_dir = kit
    for e in entries:
        if e["kind"] not in ("booklet", "handbook"):
            continue
        reader = PdfReader(_path(site_dir, e["url"], catalog.config.site_url))
        outline = list(_outline(reader.outline))
        pages = [reader.get_destination_page_number(o) for o, _level in outline]
        numbers = _contents_numbers(reader, min(pages))
        assert len(numbers) == len(outline), (e["id"], numbers)
        guides = 0
        for (o, level), page, number in zip(outline, pages, numbers):
            assert number == page + 1, (e["id"], o.title, number, page + 1)
            text = _squash(reader.pages[page].extract_text())
            assert f"Trang{number}" in text, (e["id"], o.title)
            if level == 1:
                guides += 1
                assert _squash(o.title) in text, (e["id"], o.title, number)
        want = catalog.guides if e["kind"] == "handbook" else catalog.in_category(e["id"])
        assert guides == len(want), e["id"]


def test_bold_words_of_the_steps_stay_bold(kit, catalog):
    """Every <b> of a step is drawn in Noto Sans Bold in every booklet, the first one built too (svglib
    registering the fonts for the pictures once remapped <b> to the regular face mid-booklet)."""
    import html
    from sotay.booklet import content
    entries, site_dir = kit
    for e in entries:
        if e["kind"] not in ("booklet", "handbook"):
            continue
        bold: list[str] = []

        def visit(text, _cm, _tm, font, _size, bold=bold):
            if font and "Bold" in str(font.get("/BaseFont", "")):
                bold.append(text)
        for page in PdfReader(_path(site_dir, e["url"], catalog.config.site_url)).pages:
            page.extract_text(visitor_text=visit)
        drawn = _squash("".join(bold))
        guides = catalog.guides if e["kind"] == "handbook" else catalog.in_category(e["id"])
        want = [html.unescape(re.sub(r"<[^>]+>", "", m)) for g in guides for s in content.print_guide(g).steps
                for p in s.paragraphs for m in re.findall(r"<b>(.*?)</b>", p.text)]
        assert want, e["id"]
        missing = [w for w in want if _squash(w) not in drawn]
        assert not missing, (e["id"], missing)


def test_each_font_is_embedded_once_per_booklet(kit, catalog):
    """The handbook is made of one document per guide, each embedding the same subset of each font
    (pdf.prime_fonts); joined, the pages share one copy of it, not one per guide (a guide using a
    letter outside pdf.CHARSET costs one more copy)."""
    entries, site_dir = kit
    handbook = next(e for e in entries if e["kind"] == "handbook")
    reader = PdfReader(_path(site_dir, handbook["url"], catalog.config.site_url))
    files: set[int] = set()
    faces: set[str] = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            desc = font["/FontDescriptor"].get_object()
            files.add((desc.get("/FontFile2") or desc.get("/FontFile")).idnum)
            faces.add(str(font["/BaseFont"]).split("+")[-1])
    assert len(catalog.guides) > 30 and len(reader.pages) > 100
    assert faces == {"NotoSans-Regular", "NotoSans-Bold"}, faces
    assert len(files) <= 6, f"{len(files)} embedded font files for {len(catalog.guides)} guides"


def _qr_texts(img: Image.Image) -> set[str]:
    import zxingcpp
    return {r.text for r in zxingcpp.read_barcodes(img)}


def test_every_booklet_qr_decodes_to_the_short_link(kit, catalog):
    """Each guide's first page carries its QR; it decodes at 150 dpi and after blur + JPEG q20."""
    import pypdfium2 as pdfium
    entries, site_dir = kit
    handbook = next(e for e in entries if e["kind"] == "handbook")
    doc = pdfium.PdfDocument(str(_path(site_dir, handbook["url"], catalog.config.site_url)))
    found: set[str] = set()
    degraded: set[str] = set()
    try:
        for i in range(len(doc)):
            img = doc[i].render(scale=150 / 72).to_pil().convert("RGB")
            codes = _qr_texts(img)
            found |= codes
            if codes:
                buf = io.BytesIO()
                img.filter(ImageFilter.GaussianBlur(1.2)).save(buf, "JPEG", quality=20)
                degraded |= _qr_texts(Image.open(io.BytesIO(buf.getvalue())))
    finally:
        doc.close()
    want = {catalog.short_url(g) for g in catalog.guides}
    assert want <= found, want - found
    assert want <= degraded, want - degraded


def test_unconfirmed_facts_stay_off_paper(catalog):
    """A sentence that cites a review item (shown "(chưa xác nhận)" on the page) is not printed, while
    the guide's confirmed facts are: each such guide printed alone by the booklet code."""
    import datetime as dt
    from sotay.content import facts
    from sotay.booklet import assemble, build, parts as guide_parts
    from sotay.content.steps import sections
    checked = 0
    for g in catalog.guides:
        unconfirmed = [s for s in facts.sentences(g.body) if any(r in g.review_ids for r in s.refs)]
        printed = "\n".join(line for sec in sections(g.body) if sec.heading != "Nếu gặp lỗi" for line in sec.lines)
        confirmed = [s for s in facts.sentences(printed) if s.refs and not any(r in g.review_ids for r in s.refs)
                     and facts.fact_kinds(s.text) and "**" not in s.text and "[" not in s.text.split("[^")[0]]
        if not unconfirmed:
            continue
        meta = build._meta(catalog, g.title, "", dt.date(2026, 11, 29))
        doc = PdfReader(io.BytesIO(assemble.assemble(meta, build._booklet_guides(catalog, [g]), guide_parts.Parts())))
        text = _squash("".join(p.extract_text() for p in doc.pages))

        def words(s):
            return _squash(facts.FOOTNOTE_REF_RE.sub("", s.text).lstrip("-* ").replace("**", ""))
        for s in unconfirmed:
            assert words(s) not in text, (g.id, s.text)
            checked += 1
        assert any(words(s) in text for s in confirmed) or not confirmed, (g.id, [s.text for s in confirmed])
    assert checked, "no unconfirmed fact in the guides to check against"


def test_each_guide_is_drawn_once_and_shared_by_its_booklet_and_the_handbook(catalog, tmp_path):
    """A guide's pages are drawn once per content: its topic's booklet draws them, the handbook reuses
    them, and the next build reads them back from the kit's cache, the same booklet to the byte (its
    pictures converted once too)."""
    import datetime as dt
    from sotay.booklet import assemble, build, parts as guide_parts
    day = dt.date(2026, 11, 29)
    vneid = build._booklet_guides(catalog, catalog.in_category("vneid"))
    everything = build._booklet_guides(catalog, catalog.guides)
    parts = guide_parts.Parts(tmp_path, catalog.root)
    booklet = assemble.assemble(build._meta(catalog, "Sổ tay: VNeID", "", day), vneid, parts)
    assert parts.drawn == [bg.content.guide.id for bg in vneid]
    assemble.assemble(build._meta(catalog, "Sổ tay việc số", "", day), everything, parts)
    assert sorted(parts.drawn) == sorted(g.id for g in catalog.guides)          # each guide once
    stored = sorted((tmp_path / guide_parts.PICTURES).glob("*.pickle"))
    assert len(stored) == len({s.image.read_bytes() for g in everything for s in g.content.steps
                               if s.image and s.image.suffix == ".svg"})
    again = guide_parts.Parts(tmp_path, catalog.root)      # the next build
    assert assemble.assemble(build._meta(catalog, "Sổ tay: VNeID", "", day), vneid, again) == booklet
    assert again.drawn == []


def test_two_processes_render_the_same_files_as_one(catalog, tmp_path):
    """workers.render in two forked processes writes the same bytes as in this process alone, and
    a file carries no clock (no creation time, no random id), so a cold build and a warm one
    publish the same kit."""
    import datetime as dt
    from sotay.booklet import build, parts as guide_parts, workers
    day = dt.date(2026, 11, 29)
    made = {}
    for jobs in (1, 2):
        parts = guide_parts.Parts(tmp_path / f"cache-{jobs}", catalog.root)
        files = [f for f in build.kit_files(catalog, day, parts) if f.id == "vneid"]
        assert {f.kind for f in files} == {"booklet", "checklist", "lesson"}
        todo = [(f, tmp_path / f"{jobs}-{f.file}") for f in files]
        workers.render(todo, parts, build._booklet_guides(catalog, list(files[0].guides)),
                       build._meta(catalog, "", "", day), jobs)
        assert sorted(parts.drawn) == sorted(g.id for g in files[0].guides)
        made[jobs] = {f.file: path.read_bytes() for f, path in todo}
    assert made[1] == made[2]
    import pikepdf
    today = dt.date.today().strftime("%Y%m%d")
    for name, data in made[1].items():
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert today not in str(pdf.docinfo.get("/CreationDate", "")), name


def test_editing_one_guide_draws_that_guide_alone(catalog, tmp_path):
    """After one guide is edited, its topic's booklet and the handbook are made again by drawing that
    guide's pages alone (in a forked worker); the others are read back, and the contents and outline
    follow the edited guide's new length."""
    import dataclasses
    import datetime as dt
    from sotay.booklet import assemble, build, parts as guide_parts, workers
    meta = build._meta(catalog, "", "", dt.date(2026, 11, 29))
    everything = build._booklet_guides(catalog, catalog.guides)
    first, second = [bg for bg in everything if bg.content.guide.category == "thanh-toan"][:2]

    def make(run: str, guides: list) -> dict[str, PdfReader]:
        parts = guide_parts.Parts(tmp_path, catalog.root)
        topic = [bg for bg in guides if bg.topic == first.topic]
        files = [build.KitFile("thanh-toan", "booklet", "", "booklet.pdf", (),
                               lambda: assemble.assemble(meta, topic, parts)),
                 build.KitFile(build.HANDBOOK_ID, "handbook", "", "handbook.pdf", (),
                               lambda: assemble.assemble(meta, guides, parts))]
        todo = [(f, tmp_path / f"{run}-{f.file}") for f in files]
        workers.render(todo, parts, guides, meta, 2)
        made[run] = parts.drawn
        return {f.file: PdfReader(path) for f, path in todo}

    made: dict[str, list] = {}
    cold = make("cold", everything)
    assert sorted(made["cold"]) == sorted(g.id for g in catalog.guides)
    longer = dataclasses.replace(first, content=dataclasses.replace(first.content, intro=first.content.intro * 12))
    warm = make("warm", [longer if bg is first else bg for bg in everything])
    assert made["warm"] == [first.content.guide.id]
    for name, after in warm.items():
        before = cold[name]
        grown = len(after.pages) - len(before.pages)
        assert grown > 0, name

        def pages(doc):
            return {o.title: doc.get_destination_page_number(o) for o in _flat(doc.outline)}
        title = second.content.guide.title
        assert pages(after)[title] == pages(before)[title] + grown, name
        assert f"Trang{pages(after)[title] + 1}" in _squash(after.pages[pages(after)[title]].extract_text())


def _flat(outline):
    for o in outline:
        if isinstance(o, list):
            yield from _flat(o)
        else:
            yield o


def test_sheets_say_what_they_must(kit, catalog):
    entries, site_dir = kit

    def text(kind, id_=None):
        e = next(e for e in entries if e["kind"] == kind and (id_ is None or e["id"] == id_))
        reader = PdfReader(_path(site_dir, e["url"], catalog.config.site_url))
        return reader, " ".join(" ".join(p.extract_text().split()) for p in reader.pages)

    reader, t = text("checklist", "vneid")
    assert len(reader.pages) == 1
    assert "Người dân cần có sẵn" in t and "Quy tắc riêng tư" in t and "mã OTP" in t
    assert all(" ".join(n.split()) in t for g in catalog.in_category("vneid") for n in g.needs[:1])
    reader, t = text("lesson", "vneid")
    assert "Mục tiêu" in t and "Thực hành" in t and "Lỗi hay gặp" in t and "Kiểm tra cuối buổi" in t
    reader, t = text("tally")
    assert "Không ghi tên" in t.replace("không", "Không") and "Tổng" in t
    assert float(reader.pages[0].mediabox.width) > float(reader.pages[0].mediabox.height)   # landscape


def test_poster_page_offers_everything(site_dir, catalog):
    page = (site_dir / "poster" / "index.html").read_text(encoding="utf-8")
    assert "Cách in sổ tay A5" in page
    for e in json.loads((site_dir / "catalog.json").read_text(encoding="utf-8"))["booklets"]:
        assert e["url"].split("/")[-1] in page, e
    assert "thon-1/menu-tat-ca-a3.pdf" in page and (site_dir / "poster/thon-1/menu-tat-ca-a3.pdf").is_file()


def test_sample_settings_mark_every_page(kit, catalog):
    entries, site_dir = kit
    assert catalog.config.is_sample       # the repository ships the sample address and commune
    e = next(e for e in entries if e["kind"] == "booklet")
    reader = PdfReader(_path(site_dir, e["url"], catalog.config.site_url))
    assert all("BẢN MẪU" in p.extract_text() for p in reader.pages)


# --- the pre-print guard and village names (make posters) ------------------------------------------

def test_posters_refuse_the_sample_address(tmp_path):
    out = tmp_path / "out"
    r = run_sotay("posters", "--guide", "zalo-co-ban", "--out", out)
    assert r.returncode == 1
    assert "site_url" in r.stderr and "SAMPLE=1" in r.stderr and "Xã Mẫu" in r.stderr
    assert not out.exists()
    r = run_sotay("posters", "--sample", "--guide", "zalo-co-ban", "--out", out, "--quiet")
    assert r.returncode == 0, r.stderr
    assert "BẢN MẪU" in PdfReader(out / "zalo-co-ban.pdf").pages[0].extract_text()


def test_real_settings_print_without_mark_and_village_by_name(tmp_repo, tmp_path):
    cfg = tmp_repo / "config" / "site.yml"
    text = cfg.read_text(encoding="utf-8")
    text = text.replace("site_url: https://so-tay-so.github.io/", "site_url: https://soTaySo.example.vn/")
    cfg.write_text(text.replace("name: Xã Mẫu", "name: Xã Thử Nghiệm"), encoding="utf-8")
    out = tmp_path / "out"
    r = run_sotay("posters", "--guide", "zalo-co-ban", "--village", "thôn 2",
               "--out", out, "--quiet", cwd=tmp_repo)
    assert r.returncode == 0, r.stderr
    assert "out/" in r.stdout or str(out) in r.stdout
    page = PdfReader(out / "thon-2" / "zalo-co-ban.pdf").pages[0].extract_text()
    assert "BẢN MẪU" not in page and "Thôn 2" in page


def test_kit_is_rebuilt_only_where_a_guide_changed(tmp_repo, tmp_path):
    """The cache keys on every input: a second build renders nothing; editing one guide re-renders
    only the files that hold it (its topic's booklet, checklist and plan, the handbook, the tally)."""
    import datetime as dt
    from sotay.booklet import build
    from sotay.content.catalog import load_catalog
    day = dt.date(2026, 11, 29)
    cache = tmp_path / "cache"
    catalog = load_catalog(tmp_repo)
    build.publish_site(catalog, tmp_path / "a", day, cache)
    first = {p.name for p in cache.glob("*.pdf")}
    build.publish_site(load_catalog(tmp_repo), tmp_path / "b", day, cache)
    assert {p.name for p in cache.glob("*.pdf")} == first
    g = next(g for g in catalog.guides if g.category == "thanh-toan")
    g.path.write_text(g.path.read_text(encoding="utf-8").replace("\n## Bước 1:", "\nThêm một câu.\n\n## Bước 1:", 1),
                      encoding="utf-8")
    build.publish_site(load_catalog(tmp_repo), tmp_path / "c", day, cache)
    made = {p.name for p in cache.glob("*.pdf")} - first
    remade = {n.rsplit("-", 1)[0] for n in made}
    assert remade == {"so-tay-thanh-toan", "so-tay-tat-ca", "phieu-den-nha-thanh-toan", "giao-an-thanh-toan",
                      "phieu-dem"}, remade
