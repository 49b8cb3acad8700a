"""The volunteer kit from the catalog (issue 15): one A5 booklet per topic, the handbook of every
guide, and one-page sheets (home-visit checklist, session plan per topic; the tally sheet).

Each file is cached under .cache/sotay/kit/ by a hash of everything it is made from (the guides'
files and pictures, the sheet texts, this package's code, the site settings), so a rebuild after
editing one guide remakes only the files that hold it; and each guide's pages are cached on their
own (assemble.py), so remaking the booklet and the handbook draws that one guide and puts the rest
together again. Files reach site/so-tay/ whole (written to a temporary name, then renamed)."""
from __future__ import annotations

import datetime as dt
import hashlib
import html
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

from .. import cache as build_cache      # `cache` below is the kit's folder
from ..content.catalog import Catalog, Guide
from ..web.pages import vn_date
from . import content, parts as guide_parts
from .content import BookletGuide, BookletMeta

SITE_DIR = "so-tay"                 # site/so-tay/<file>.pdf
HANDBOOK_ID = "tat-ca"
TALLY_ID = "phieu-dem"
CACHE_DIR = Path(".cache") / "sotay" / "kit"


@dataclass(frozen=True)
class KitFile:
    id: str
    kind: str                       # booklet | handbook | checklist | lesson | tally
    title: str
    file: str                       # name under site/so-tay/
    guides: tuple[Guide, ...]
    render: Callable[[], bytes]


def _meta(catalog: Catalog, title: str, subtitle: str, printed: dt.date) -> BookletMeta:
    cfg = catalog.config
    return BookletMeta(title=title, subtitle=subtitle, commune=(cfg.commune or {}).get("name", ""),
                       printed=vn_date(printed), footer=f"{cfg.site_name} — {cfg.domain}", sample=cfg.is_sample)


def _booklet_guides(catalog: Catalog, guides) -> list[BookletGuide]:
    return [BookletGuide(content.print_guide(g), catalog.categories[g.category].title,
                         catalog.short_url(g), f"{catalog.config.domain}/q/{g.code}") for g in guides]


def _booklet(meta: BookletMeta, guides: list[BookletGuide], parts: guide_parts.Parts) -> bytes:
    from . import assemble                # ReportLab and pikepdf: only when a booklet is made
    return assemble.assemble(meta, guides, parts)


def _sheet(name: str, *args) -> bytes:
    from . import sheets
    return getattr(sheets, name)(*args)


def kit_files(catalog: Catalog, printed: dt.date, parts: guide_parts.Parts | None = None) -> list[KitFile]:
    """Every kit file, each with how to render it; the booklets rendered in one run share their
    guides' pages (`parts`)."""
    out: list[KitFile] = []
    parts = parts or guide_parts.Parts(root=catalog.root)
    for cat in catalog.categories.values():
        guides = tuple(catalog.in_category(cat.key))
        if not guides:
            continue
        title = f"Sổ tay: {cat.title}"
        out.append(KitFile(cat.key, "booklet", title, f"so-tay-{cat.key}.pdf", guides,
                           lambda g=guides, t=title, c=cat: _booklet(
                               _meta(catalog, t, c.description, printed), _booklet_guides(catalog, g), parts)))
    everything = tuple(catalog.guides)
    out.append(KitFile(HANDBOOK_ID, "handbook", "Sổ tay tất cả hướng dẫn", f"so-tay-{HANDBOOK_ID}.pdf", everything,
                       lambda: _booklet(
                           _meta(catalog, "Sổ tay việc số", f"Tất cả {len(everything)} hướng dẫn, theo chủ đề.",
                                 printed), _booklet_guides(catalog, everything), parts)))
    for cat in catalog.categories.values():
        guides = tuple(catalog.in_category(cat.key))
        if not guides:
            continue
        out.append(KitFile(cat.key, "checklist", f"Phiếu đến nhà: {cat.title}", f"phieu-den-nha-{cat.key}.pdf",
                           guides, lambda c=cat, g=guides: _sheet("checklist", catalog, c, list(g), printed)))
        out.append(KitFile(cat.key, "lesson", f"Giáo án buổi học: {cat.title}", f"giao-an-{cat.key}.pdf",
                           guides, lambda c=cat, g=guides: _sheet("lesson", catalog, c, list(g), printed)))
    out.append(KitFile(TALLY_ID, "tally", "Phiếu đếm lượt hỗ trợ", f"{TALLY_ID}.pdf", everything,
                       lambda: _sheet("tally", catalog, printed)))
    return out


def _hash(catalog: Catalog, f: KitFile, printed: dt.date) -> str:
    h = hashlib.sha256()
    h.update(repr((f.id, f.kind, f.title, printed.isoformat(), catalog.config)).encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.read_bytes())
    for g in f.guides:
        h.update(build_cache.folder_digest(g.dir))
    return h.hexdigest()[:24]


def publish_site(catalog: Catalog, site_dir: Path, printed: dt.date | None = None,
                 cache: Path | None = None, jobs: int | None = None,
                 render_missing: bool = True) -> list[tuple[KitFile, Path]]:
    """Write every kit file into <site_dir>/so-tay/, reusing cached PDFs whose inputs are unchanged;
    the missing ones are rendered in `jobs` processes (default: one per CPU, see workers.py), or,
    with `render_missing=False` (the live preview), left out rather than served stale."""
    printed = printed or dt.date.today()
    cache = Path(cache) if cache else catalog.root / CACHE_DIR
    cache.mkdir(parents=True, exist_ok=True)
    out = Path(site_dir) / SITE_DIR
    out.mkdir(parents=True, exist_ok=True)
    written = []
    parts = guide_parts.Parts(cache, catalog.root)
    files = [(f, cache / f"{f.file[:-4]}-{_hash(catalog, f, printed)}.pdf")
             for f in kit_files(catalog, printed, parts)]
    missing = [(f, cached) for f, cached in files if not cached.exists()]
    if not render_missing:
        files, missing = [(f, c) for f, c in files if c.exists()], []
    if missing:
        needed = {g.id: g for f, _ in missing if f.kind in ("booklet", "handbook") for g in f.guides}
        from . import workers
        workers.render(missing, parts, _booklet_guides(catalog, list(needed.values())),
                       _meta(catalog, "", "", printed), jobs)
    for f, cached in files:
        target = out / f.file
        build_cache.place(cached, target)
        written.append((f, target))
    if render_missing:                    # the live preview skips files: it must not prune as if they were gone
        build_cache.prune_folder(cache, "*.pdf", keep=len(written) * 3)     # the cache stays small
        build_cache.prune_folder(cache / guide_parts.PICTURES, "*.pickle",
                                 keep=2 * sum(len(list(g.dir.glob("*.svg"))) for g in catalog.guides))
        parts.prune(keep=2 * len(catalog.guides))
    return written


def catalog_entries(catalog: Catalog) -> list[dict]:
    """catalog.json's "booklets": [{id, title, url, kind}]."""
    return [{"id": f.id, "title": f.title, "url": catalog.url(f"{SITE_DIR}/{f.file}"), "kind": f.kind}
            for f in kit_files(catalog, dt.date.today())]


KIND_HEADINGS = [("booklet", "Sổ tay theo chủ đề (A5)"), ("handbook", "Sổ tay tất cả hướng dẫn (A5)"),
                 ("checklist", "Phiếu đến nhà (A4, một trang mỗi chủ đề)"),
                 ("lesson", "Giáo án buổi học nhóm 45–60 phút (A4)"), ("tally", "Phiếu đếm lượt hỗ trợ (A4 ngang)")]
HOW_TO_PRINT = ("**Cách in sổ tay A5:** chọn in hai mặt, lật theo cạnh dài. Nếu máy in có chế độ in sổ "
                "(\"Booklet\"), in lên giấy A4, gập đôi rồi dập ghim ở gáy. Không có chế độ đó: in lên "
                "giấy A5 (hoặc A4, chọn \"Vừa trang\"), xếp theo số trang rồi dập ghim ở góc trái.")


def page_markdown(catalog: Catalog, page_url: str = "poster/") -> str:
    """The kit's part of the "Poster để in" page: every file, grouped by kind, with how to print."""
    import posixpath
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
    files = kit_files(catalog, dt.date.today())
    out = ["## Sổ tay và phiếu cho tình nguyện viên\n", HOW_TO_PRINT + "\n"]
    if catalog.config.is_sample:
        out.append('!!! warning "Bản mẫu"\n    Địa chỉ trang hoặc tên xã trong config/site.yml vẫn là giá trị mẫu, '
                   'nên mọi tệp đều ghi "BẢN MẪU". Đặt giá trị thật trước khi in để phát.\n')
    for kind, heading in KIND_HEADINGS:
        items = [f for f in files if f.kind == kind]
        if not items:
            continue
        out.append(f"### {heading}\n")
        for f in items:
            href = posixpath.relpath(f"{SITE_DIR}/{f.file}", base.rstrip("/") or ".")
            out.append(f'- <a href="{href}">{html.escape(f.title)}</a> (PDF)')
        out.append("")
    return "\n".join(out) + "\n"
