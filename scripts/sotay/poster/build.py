"""Plan, render and write poster files: for the CLI (sotay posters) and the site build.

Nothing is written until every poster of a batch has been rendered: the batch goes to a temporary
folder next to the output folder, then each file is moved into place with os.replace.
"""
from __future__ import annotations

import datetime as dt
import html
import os
import posixpath
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable, Iterable

from .. import cache
from ..content.catalog import Catalog, Guide
from .texts import PosterText
from .villages import Village

SITE_DIR = "poster"           # site/poster/<id>.pdf (catalog.json's "poster" URL)
MENU_ALL = "tat-ca"


@dataclass(frozen=True)
class Job:
    """One PDF to make. `path` is relative to the output folder."""
    path: str
    guides: tuple[Guide, ...]
    village: Village | None = None
    menu_size: str | None = None     # None: a guide poster; "A4"/"A3": a menu poster
    heading: str = ""

    @property
    def label(self) -> str:
        return self.path


def guide_file(g: Guide) -> str:
    return f"{g.id}.pdf"


def guide_job(g: Guide, village: Village | None = None) -> Job:
    """The job of one guide's poster (the generic one, or a village's)."""
    return Job((f"{village.id}/" if village else "") + guide_file(g), (g,), village)


def menu_file(scope: str, size: str) -> str:
    return f"menu-{scope}-{size.lower()}.pdf"


def plan(catalog: Catalog, guides: list[Guide], villages: list[Village | None], *, menu: bool = False,
         sizes: Iterable[str] = ("A4",), menu_scopes: list[tuple[str, str, list[Guide]]] | None = None) -> list[Job]:
    """The jobs for `guides` × `villages`. With `menu`, one menu per scope (name, heading, guides) and size."""
    jobs: list[Job] = []
    for v in villages:
        prefix = f"{v.id}/" if v else ""
        if menu:
            for scope, heading, scope_guides in (menu_scopes or [(MENU_ALL, "Tất cả hướng dẫn", guides)]):
                for size in sizes:
                    jobs.append(Job(prefix + menu_file(scope, size), tuple(scope_guides), v, size, heading))
        else:
            jobs += [guide_job(g, v) for g in guides]
    return jobs


def render(catalog: Catalog, job: Job, printed: dt.date) -> bytes:
    from . import guide as guide_poster     # ReportLab: loaded only when a poster is drawn
    from . import menu as menu_poster
    from . import overview
    ctx = PosterText(catalog, job.village, printed)
    if job.menu_size:
        guides = list(job.guides)
        if job.menu_size == "A3" and menu_poster.page_count(ctx, guides, "A3", job.heading) > 1:
            pdf, _ = overview.render_overview(ctx, guides, job.heading)   # one sheet (issue 15)
        else:
            pdf, _ = menu_poster.render_menu(ctx, guides, job.menu_size, job.heading)
    else:
        pdf, _ = guide_poster.render_guide(ctx, job.guides[0])
    return pdf


def png_pages(pdf: bytes, dpi: int = 100):
    """Render every page of a PDF to a PIL image (pypdfium2: no system tools needed)."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(doc))]
    finally:
        doc.close()


def png_names(pdf_path: str, pages: int) -> list[str]:
    stem = pdf_path[:-4]
    return [f"{stem}.png" if i == 0 else f"{stem}-{i + 1}.png" for i in range(pages)]


def _write_job(catalog: Catalog, job: Job, into: Path, printed: dt.date, png_dpi: int | None) -> list[str]:
    pdf = render(catalog, job, printed)
    written = [job.path]
    target = into / job.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pdf)
    if png_dpi:
        images = png_pages(pdf, png_dpi)
        for name, img in zip(png_names(job.path, len(images)), images):
            img.save(into / name)
            written.append(name)
    return written


def write_batch(catalog: Catalog, jobs: list[Job], out: Path, printed: dt.date, png_dpi: int | None = None,
                progress: Callable | None = None) -> list[Path]:
    """Render every job into a temporary folder, then move the files into `out` (atomic per file).

    If anything fails, the temporary folder is removed and `out` is left exactly as it was."""
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", suffix=".tmp", dir=out.parent))
    try:
        names: list[str] = []
        iterator = progress(jobs) if progress else jobs
        for job in iterator:
            names += _write_job(catalog, job, tmp, printed, png_dpi)
        if not out.exists():
            os.replace(tmp, out)            # a new folder appears whole, in one step
            return [out / n for n in names]
        for n in names:
            (out / n).parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp / n, out / n)
        return [out / n for n in names]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --- the site: site/poster/<id>.pdf, menus, and the "Poster để in" page ----------------------

def site_scopes(catalog: Catalog) -> list[tuple[str, str, list[Guide]]]:
    scopes = [(MENU_ALL, "Tất cả hướng dẫn", catalog.guides)]
    scopes += [(c.key, c.title, catalog.in_category(c.key)) for c in catalog.categories.values()
               if catalog.in_category(c.key)]
    return scopes


def site_villages(catalog: Catalog) -> list[Village]:
    from .villages import load_villages
    return list(load_villages(catalog.root, (catalog.config.commune or {}).get("name", "")).villages.values())


def site_jobs(catalog: Catalog) -> list[Job]:
    """Generic posters and menus, then each village's own (issue 15: no command line needed)."""
    jobs = plan(catalog, catalog.guides, [None])
    jobs += plan(catalog, catalog.guides, [None], menu=True, sizes=("A4", "A3"), menu_scopes=site_scopes(catalog)[:1])
    jobs += plan(catalog, catalog.guides, [None], menu=True, sizes=("A4",), menu_scopes=site_scopes(catalog)[1:])
    villages = site_villages(catalog)
    jobs += plan(catalog, catalog.guides, villages)
    jobs += plan(catalog, catalog.guides, villages, menu=True, sizes=("A4", "A3"), menu_scopes=site_scopes(catalog)[:1])
    return jobs


def job_inputs(catalog: Catalog, job: Job, printed: dt.date, shared: tuple | None = None) -> tuple:
    """Everything a site poster is made of: its guides' front matter and short links (not their
    steps: no poster shows them), the site settings, the categories and the print date (the cache
    key, with the package's code). `shared`: `_shared_inputs`, made once for many jobs."""
    config, categories, guides = shared or _shared_inputs(catalog)
    return (job.path, job.menu_size, job.heading, repr(job.village), config, printed.isoformat(), categories,
            tuple(guides[g.id] for g in job.guides))


def _shared_inputs(catalog: Catalog) -> tuple:
    return (repr(catalog.config), (catalog.root / "guides" / "categories.yml").read_bytes(),
            {g.id: (g.front_matter_key(), catalog.short_url(g)) for g in catalog.guides})


def publish_site(catalog: Catalog, site_dir: Path, printed: dt.date | None = None,
                 render_missing: bool = True, last_first: bool = False) -> list[Path]:
    """Write the generic poster of every guide and the menu posters into <site_dir>/poster/.

    With `render_missing=False` (the live preview of `make serve`), only posters already in the
    cache are written: an out-of-date one is left out, never served stale. `last_first`: in the
    reverse order, for a second process drawing them at the same time (prerender.py): the two
    meet in the middle instead of drawing the same posters side by side."""
    out = Path(site_dir) / SITE_DIR
    out.mkdir(parents=True, exist_ok=True)
    printed = printed or dt.date.today()
    written = []
    shared = _shared_inputs(catalog)
    jobs = site_jobs(catalog)
    for job in reversed(jobs) if last_first else jobs:
        inputs = job_inputs(catalog, job, printed, shared)
        target = out / job.path
        target.parent.mkdir(parents=True, exist_ok=True)
        found = cache.stored(catalog.root, "poster-pdf", inputs)
        if found is not None:
            cache.place(found, target)               # made before (often by the prerender process)
        elif render_missing:
            data = cache.cached(catalog.root, "poster-pdf", inputs, lambda job=job: render(catalog, job, printed))
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
        else:
            continue
        written.append(target)
    return written


def page_markdown(catalog: Catalog, page_src: str = "poster.md", page_url: str = "poster/") -> str:
    """The list on the "Poster để in" page: menus, then every guide's poster, grouped by category.

    PDF links are plain HTML (the PDFs are written after MkDocs checks links); guide links are
    Markdown links to the guide's source, so MkDocs checks them."""
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"

    def pdf(name: str) -> str:
        return posixpath.relpath(f"{SITE_DIR}/{name}", base.rstrip("/") or ".")

    def guide_link(g: Guide) -> str:
        return posixpath.relpath(g.url_path + "index.md", posixpath.dirname(page_src) or ".")

    domain = catalog.config.domain
    out = ["## Bảng tổng hợp nhiều mã\n",
           "Một tờ có mã QR của nhiều hướng dẫn, xếp theo chủ đề — hợp để dán ở nhà văn hóa hoặc bộ phận một cửa.\n"]
    all_a4, all_a3 = pdf(menu_file(MENU_ALL, "A4")), pdf(menu_file(MENU_ALL, "A3"))
    out.append(f'- Tất cả hướng dẫn: <a href="{all_a4}">khổ A4 (PDF)</a> (mã QR của từng hướng dẫn, nhiều trang) · '
               f'<a href="{all_a3}">khổ A3 (PDF)</a> (một tờ: mã QR của từng chủ đề, dưới mỗi chủ đề là các '
               'hướng dẫn và địa chỉ ngắn để gõ)')
    for key, heading, guides in site_scopes(catalog)[1:]:
        out.append(f'- {heading}: <a href="{pdf(menu_file(key, "A4"))}">khổ A4 (PDF)</a> ({len(guides)} hướng dẫn)')
    villages = site_villages(catalog)
    if villages:
        out.append("\n## Poster của từng thôn\n")
        out.append("Giống poster chung, thêm nơi hỏi trực tiếp ở thôn: nhà văn hóa, người liên hệ, giờ hỗ trợ "
                   "(lấy từ config/villages.yml).\n")
        for v in villages:
            links = " · ".join(f'<a href="{pdf(v.id + "/" + guide_file(g))}">{html.escape(g.title)}</a>'
                               for g in catalog.guides)
            out.append(f"??? note \"{html.escape(v.name)} — {html.escape(v.hall)}\"\n")
            out.append(f'    Bảng tổng hợp: <a href="{pdf(v.id + "/" + menu_file(MENU_ALL, "A4"))}">khổ A4</a> · '
                       f'<a href="{pdf(v.id + "/" + menu_file(MENU_ALL, "A3"))}">khổ A3</a>\n')
            out.append(f"    Từng hướng dẫn: {links}\n")
    out.append("\n## Poster cho từng hướng dẫn\n")
    out.append("Mỗi poster khổ A4 có tên hướng dẫn chữ lớn, ba việc chính, mã QR lớn và link ngắn để gõ.\n")
    for cat in catalog.categories.values():
        guides = catalog.in_category(cat.key)
        if not guides:
            continue
        out.append(f"### {cat.title}\n")
        for g in guides:
            out.append(f'- <a href="{pdf(guide_file(g))}"><strong>{html.escape(g.title)}</strong></a> (PDF, A4) · '
                       f"[xem hướng dẫn]({guide_link(g)}) · link ngắn `{domain}/q/{g.code}`")
        out.append("")
    return "\n".join(out) + "\n"
