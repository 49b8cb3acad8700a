"""The build cache (sotay/cache.py): an output is reused only when all of its inputs are the same,
and editing one guide invalidates only the posters and preview that show it."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from sotay import cache
from sotay.web import social
from sotay.poster import build as posters


def test_preview_png_is_made_once_per_input(tmp_path, monkeypatch, catalog):
    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))
    first = social.png_bytes(catalog.root, "Tiêu đề A", "Sổ tay số", "x.org/q/a", "Hướng dẫn")
    entries = list((tmp_path / "c").rglob("*"))
    again = social.png_bytes(catalog.root, "Tiêu đề A", "Sổ tay số", "x.org/q/a", "Hướng dẫn")
    assert again == first and list((tmp_path / "c").rglob("*")) == entries
    other = social.png_bytes(catalog.root, "Tiêu đề B", "Sổ tay số", "x.org/q/a", "Hướng dẫn")
    assert other != first and len([p for p in (tmp_path / "c").rglob("*") if p.is_file()]) == 2
    monkeypatch.setenv(cache.ENV, "off")
    assert social.png_bytes(catalog.root, "Tiêu đề A", "Sổ tay số", "x.org/q/a", "Hướng dẫn") == first


def test_editing_one_guide_changes_only_the_posters_that_show_it(catalog, monkeypatch):
    """A poster shows a guide's front matter (title, summary, code, time, date), never its steps:
    editing a step keeps every poster; a new title changes exactly the posters that show the guide."""
    jobs = posters.site_jobs(catalog)
    day = dt.date(2026, 1, 1)

    def keys():
        return {j.path: cache.key(catalog.root, "poster-pdf", *posters.job_inputs(catalog, j, day)) for j in jobs}

    before = keys()
    g = catalog.guides[0]
    monkeypatch.setattr(g, "body", g.body.replace("## Bước 1:", "Sửa thử.\n\n## Bước 1:", 1))
    assert keys() == before
    monkeypatch.setattr(g, "title", g.title + " (sửa)")
    after = keys()
    changed = {p for p in before if before[p] != after[p]}
    showing = {j.path for j in jobs if g in j.guides}
    assert changed == showing and 0 < len(showing) < len(jobs)
    monkeypatch.setattr(g, "updated", g.updated + dt.timedelta(days=1))    # the date printed on it
    assert {p for p, k in keys().items() if k != after[p]} == showing


def test_checks_rerun_only_for_the_edited_guide_and_never_report_stale_results(tmp_repo, tmp_path, monkeypatch):
    from sotay.checks import run_checks, structure

    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))
    monkeypatch.setenv("SOTAY_JOBS", "1")           # checked in this process, where `seen` can count
    seen: list[str] = []
    real = structure.check
    monkeypatch.setattr(structure, "check", lambda ctx: seen.append(ctx.guide.id) or real(ctx))
    catalog, problems = run_checks(tmp_repo)
    assert problems == [] and len(seen) == len(catalog.guides)
    seen.clear()
    assert run_checks(tmp_repo)[1] == [] and seen == []                   # nothing changed: nothing re-checked
    g = catalog.guides[0]
    g.path.write_text(g.path.read_text(encoding="utf-8") + "\n## Bước 99: Xem ![ảnh](http://example.com/a.png)\n",
                      encoding="utf-8")
    problems = run_checks(tmp_repo)[1]
    assert seen == [g.id] and problems and all(p.path == g.path for p in problems)
    seen.clear()
    again = run_checks(tmp_repo)[1]                                      # from the cache: the same problems
    assert seen == [] and [(p.path, p.line, p.message, p.check) for p in again] == \
        [(p.path, p.line, p.message, p.check) for p in problems]
    # a settings file every guide is checked against: everything is checked again
    allowed = tmp_repo / "config" / "allowed-domains.yml"
    allowed.write_text(allowed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    run_checks(tmp_repo)
    assert len(seen) == len(catalog.guides)


def test_checks_in_two_processes_report_what_one_reports(tmp_repo, tmp_path, monkeypatch):
    """A first check of every guide runs in forked processes that leave their results in the build
    cache: the problems (guides broken on purpose) are the same, in the same order, as in one process."""
    from sotay.checks import run_checks
    from helpers import insert_after
    guides = sorted((tmp_repo / "guides").glob("*/*/index.md"))
    for path in guides[:6:2]:
        insert_after(path, "## Bước 1:", "Xem ![ảnh](http://example.com/a.png) và <script>alert(1)</script>\n")
    found = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv(cache.ENV, str(tmp_path / f"c{jobs}"))
        monkeypatch.setenv("SOTAY_JOBS", jobs)
        found[jobs] = [(p.path, p.line, p.message, p.check) for p in run_checks(tmp_repo)[1]]
        assert len(list((tmp_path / f"c{jobs}" / "checks").iterdir())) == len(guides)
    assert found["2"] == found["1"] and {p[0] for p in found["1"]} >= set(guides[:6:2])


def test_search_index_is_rebuilt_only_when_what_it_indexes_changes(catalog, tmp_path, monkeypatch):
    import sotay.search as search

    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))
    calls = []
    real = search.build_index
    monkeypatch.setattr(search, "build_index", lambda *a, **k: calls.append(1) or real(*a, **k))
    analysed = []
    real_keys = search.doc_keys
    monkeypatch.setattr(search, "doc_keys", lambda d: analysed.append(d.location) or real_keys(d))
    first = search.site_index(catalog, tmp_path / "site")
    assert search.site_index(catalog, tmp_path / "site") == first and calls == [1]
    assert len(analysed) == len(catalog.guides)
    g = catalog.guides[0]
    monkeypatch.setattr(g, "title", g.title + " mới")
    analysed.clear()
    changed = search.site_index(catalog, tmp_path / "site")
    assert calls == [1, 1] and changed != first and " mới" in json.dumps(changed, ensure_ascii=False)
    assert analysed == [search.catalog_docs(catalog)[0].location]       # the other pages' words are kept
    monkeypatch.setenv(cache.ENV, str(tmp_path / "fresh"))
    assert search.site_index(catalog, tmp_path / "site") == changed     # the same index as made from nothing


def test_live_preview_leaves_out_of_date_posters_out_instead_of_serving_them_stale(catalog, tmp_path, monkeypatch):
    """make serve rebuilds after every save without waiting for PDFs: a poster whose inputs changed
    is not written (make build makes it); the ones still up to date are."""
    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))
    made = []
    monkeypatch.setattr(posters, "render", lambda cat, job, printed: made.append(job.path) or job.path.encode())
    day = dt.date(2026, 1, 1)
    assert posters.publish_site(catalog, tmp_path / "live", day, render_missing=False) == []   # nothing cached
    full = posters.publish_site(catalog, tmp_path / "site", day)
    assert len(made) == len(full) == len(posters.site_jobs(catalog))
    g = catalog.guides[0]
    monkeypatch.setattr(g, "summary", g.summary + " Sửa thử.")
    made.clear()
    live = posters.publish_site(catalog, tmp_path / "live", day, render_missing=False)
    showing = {j.path for j in posters.site_jobs(catalog) if g in j.guides}
    assert made == [] and {p.relative_to(tmp_path / "live" / "poster").as_posix() for p in live} == \
        {j.path for j in posters.site_jobs(catalog)} - showing
    assert not any((tmp_path / "live" / "poster" / p).exists() for p in showing)


def test_the_poster_check_leaves_the_build_each_guide_poster_it_drew(catalog, tmp_path, monkeypatch):
    """`make check` (and the build's own first check) draws each guide's poster to see that it fits
    the page; the build then finds those posters in its cache instead of drawing them again."""
    from sotay.checks import check_content
    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))
    assert check_content(catalog, only="posters") == []
    day = dt.date.today()
    monkeypatch.setattr(posters, "render", lambda *a: pytest.fail("a guide poster drawn twice"))
    live = posters.publish_site(catalog, tmp_path / "site", day, render_missing=False)
    names = {p.relative_to(tmp_path / "site" / "poster").as_posix() for p in live}
    assert names == {posters.guide_file(g) for g in catalog.guides}
    assert all(p.read_bytes().startswith(b"%PDF") for p in live)


def test_two_processes_drawing_posters_start_from_opposite_ends(catalog, tmp_path, monkeypatch):
    """The prerender process draws the posters from the last while the building process draws them
    from the first: where one has been, the other finds the posters in the cache."""
    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))
    made = []
    monkeypatch.setattr(posters, "render", lambda cat, job, printed: made.append(job.path) or job.path.encode())
    day = dt.date(2026, 1, 1)
    jobs = [j.path for j in posters.site_jobs(catalog)]
    first = posters.publish_site(catalog, tmp_path / "prerender", day, last_first=True)
    assert made == jobs[::-1] and len(first) == len(jobs)
    made.clear()
    again = posters.publish_site(catalog, tmp_path / "site", day)
    assert made == [] and [p.read_bytes().decode() for p in again] == jobs


def test_live_preview_never_renders_kit_files(catalog, tmp_path, monkeypatch):
    from sotay.booklet import build as kit, workers

    monkeypatch.setattr(workers, "render", lambda *a, **k: pytest.fail("the live preview rendered a kit file"))
    assert kit.publish_site(catalog, tmp_path / "site", dt.date(2026, 1, 1), cache=tmp_path / "k",
                            render_missing=False) == []
    assert not list((tmp_path / "site" / "so-tay").glob("*.pdf"))


def test_posters_kit_and_previews_are_made_beside_the_pages_then_only_copied(catalog, tmp_path, monkeypatch):
    """sotay/prerender.py: a forked process fills the cache with every poster, kit file and preview
    image while the pages are built; publishing then renders nothing, only copies. Drawing is
    replaced by stand-ins here (the real drawing has its own tests); the fork, the cache keys and
    the publishing are the real ones."""
    from PIL import Image

    from sotay import prerender
    from sotay.booklet import build as kit, workers

    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))
    monkeypatch.setenv("SOTAY_JOBS", "2")
    monkeypatch.setattr(kit, "CACHE_DIR", tmp_path / "k")
    monkeypatch.setattr(posters, "render", lambda cat, job, printed: b"%PDF poster " + job.path.encode())

    def kit_render(files, *args, **kwargs):
        for f, path in files:
            path.write_bytes(b"%PDF kit " + f.file.encode())
    monkeypatch.setattr(workers, "render", kit_render)
    monkeypatch.setattr(social, "draw_image", lambda *a, **k: Image.new("RGB", (2, 1)))
    day = dt.date(2026, 1, 1)

    proc = prerender.start(catalog, day)
    assert proc is not None and proc.pid
    prerender.finish(proc)
    assert proc.exitcode == 0

    monkeypatch.setattr(posters, "render", lambda *a: pytest.fail("a poster was rendered again"))
    monkeypatch.setattr(workers, "render", lambda *a, **k: pytest.fail("a kit file was rendered again"))
    monkeypatch.setattr(social, "draw_image", lambda *a, **k: pytest.fail("a preview was drawn again"))
    site = tmp_path / "site"
    assert len(posters.publish_site(catalog, site, day)) == len(posters.site_jobs(catalog))
    assert len(kit.publish_site(catalog, site, day)) == len(kit.kit_files(catalog, day))
    assert len(social.write_images(catalog, site)) == len(catalog.guides) + 1
    assert (site / "so-tay" / f"so-tay-{kit.HANDBOOK_ID}.pdf").read_bytes().startswith(b"%PDF kit ")


def test_no_process_is_started_where_it_cannot_help(catalog, monkeypatch):
    from sotay import prerender

    monkeypatch.setenv("SOTAY_JOBS", "1")                       # one CPU: it would only compete with the pages
    assert prerender.start(catalog) is None
    monkeypatch.setenv("SOTAY_JOBS", "2")
    monkeypatch.setenv(cache.ENV, "off")                        # nothing to fill: the work would be done twice
    assert prerender.start(catalog) is None


def test_compiled_templates_are_kept_and_compiled_again_when_edited(tmp_path, monkeypatch, catalog):
    """The theme's templates are compiled once, not on every build (make serve rebuilds on each save)."""
    import jinja2

    compiled = []

    class Counting(jinja2.Environment):
        def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
            compiled.append(name)
            return super().compile(source, name, filename, raw, defer_init)

    templates = tmp_path / "t"
    templates.mkdir()
    (templates / "a.html").write_text("Xin {{ x }}", encoding="utf-8")
    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))

    def render():
        env = Counting(loader=jinja2.FileSystemLoader(str(templates)), bytecode_cache=cache.template_cache(catalog.root))
        return env.get_template("a.html").render(x="chào")

    assert render() == "Xin chào" and compiled == ["a.html"]
    assert render() == "Xin chào" and compiled == ["a.html"]          # a new build: from the cache
    (templates / "a.html").write_text("Chào {{ x }}", encoding="utf-8")
    assert render() == "Chào chào" and compiled == ["a.html", "a.html"]
    monkeypatch.setenv(cache.ENV, "off")
    assert cache.template_cache(catalog.root) is None


def test_material_search_reads_only_the_pages_our_index_takes_from_it(monkeypatch):
    """Guides and practice views come to our index from the catalog: Material's plugin need not
    parse their HTML. With Material's own search (SOTAY_SEARCH=lunr) it reads every page."""
    from sotay import search

    monkeypatch.delenv(search.ENV, raising=False)
    assert search.material_indexes("") and search.material_indexes("to-cong-nghe-so/")
    assert not search.material_indexes("huong-dan/tien-dien/")
    assert not search.material_indexes("huong-dan/tien-dien/lam-thu/")
    monkeypatch.setenv(search.ENV, "lunr")
    assert search.material_indexes("huong-dan/tien-dien/")


def _mkdocs_pages(folder, pages: dict[str, str]):
    """A tiny MkDocs project (strict, no theme extras) and its Files, as MkDocs builds them."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    (folder / "mkdocs.yml").write_text("site_name: t\nstrict: true\nmarkdown_extensions: [toc, attr_list, footnotes]\n",
                                       encoding="utf-8")
    config = load_config(str(folder / "mkdocs.yml"))
    return config, get_files(config)


def _render(config, files, name, root, calls):
    from mkdocs.structure.pages import Page
    from sotay.web import render_cache
    page = Page(None, files.get_file_from_path(name), config)
    page.read_source(config)
    real = page.render
    page.render = lambda c, f: calls.append(name) or real(c, f)
    render_cache.cached_render(page, config, files, root, render_cache.site_digest(config, files))
    page.render(config, files)
    return page


def test_unchanged_pages_are_read_back_as_markdown_made_them(tmp_path, monkeypatch):
    """A page's HTML, contents, title and anchors come back from the cache only while its Markdown,
    the files its links resolve against and the extensions are the same; a conversion that warned
    (a broken link, which fails the strict build) is never stored."""
    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))
    pages = {"index.md": "# Trang chủ\n\nXem [hướng dẫn](b.md#buoc-1) và [cũ](mat.md)[^1].\n\n[^1]: Nguồn.\n",
             "b.md": "# B\n\n## Bước 1 {#buoc-1}\n\nChữ.\n"}
    config, files = _mkdocs_pages(tmp_path / "p", pages)
    calls: list[str] = []
    first = _render(config, files, "b.md", tmp_path, calls)
    again = _render(config, files, "b.md", tmp_path, calls)
    assert calls == ["b.md"]                                   # converted once, then read back
    assert (again.content, str(again.toc), again.title, again.present_anchor_ids) == \
        (first.content, str(first.toc), first.title, first.present_anchor_ids)
    assert [a.id for a in again.toc.items[0].children] == ["buoc-1"] and again.toc.items[0].active

    calls.clear()
    warned = _render(config, files, "index.md", tmp_path, calls)     # links to a missing mat.md: a warning
    _render(config, files, "index.md", tmp_path, calls)
    assert calls == ["index.md", "index.md"] and "mat.md" in warned.content   # never stored, warned again

    (tmp_path / "p" / "docs" / "mat.md").write_text("# Mất\n", encoding="utf-8")   # another file appears
    config, files = _mkdocs_pages(tmp_path / "p", {})
    calls.clear()
    fixed = _render(config, files, "index.md", tmp_path, calls)
    assert calls == ["index.md"] and 'href="mat/"' in fixed.content and 'href="b/#buoc-1"' in fixed.content
    assert fixed.links_to_anchors[files.get_file_from_path("b.md")] == {"buoc-1": "b.md#buoc-1"}
    read = _render(config, files, "index.md", tmp_path, calls)
    assert calls == ["index.md"] and read.content == fixed.content and read.links_to_anchors == fixed.links_to_anchors

    for entry in (tmp_path / "c" / "page-html").iterdir():           # damaged entries: converted, kept again
        entry.write_bytes(b"{not json")
    calls.clear()
    assert _render(config, files, "index.md", tmp_path, calls).content == fixed.content and calls == ["index.md"]
    assert _render(config, files, "index.md", tmp_path, calls).content == fixed.content and calls == ["index.md"]

    (tmp_path / "p" / "docs" / "b.md").write_text("# B\n\n## Bước 1 {#buoc-1}\n\nChữ đã sửa.\n", encoding="utf-8")
    config, files = _mkdocs_pages(tmp_path / "p", {})
    calls.clear()
    edited = _render(config, files, "b.md", tmp_path, calls)
    assert calls == ["b.md"] and "Chữ đã sửa." in edited.content


def test_a_guide_folder_is_read_once_until_a_file_changes(tmp_path, monkeypatch):
    """cache.folder_digest: the same digest while no file changes (read once per process); any edit,
    a new file or a removed one changes it; a file changed in the last two seconds is read every time."""
    import os
    import time
    from pathlib import Path
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "index.md").write_text("Bước 1", encoding="utf-8")
    (folder / "a.svg").write_text("<svg/>", encoding="utf-8")
    old = time.time() - 60
    for p in folder.iterdir():
        os.utime(p, (old, old))
    reads: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self.name) or real(self))
    first = cache.folder_digest(folder)
    assert sorted(reads) == ["a.svg", "index.md"]
    assert cache.folder_digest(folder) == first and len(reads) == 2              # not read again
    (folder / "index.md").write_text("Bước 2", encoding="utf-8")                  # same size, just now
    edited = cache.folder_digest(folder)
    assert edited != first and cache.folder_digest(folder) == edited and len(reads) == 6   # racy: read each time
    (folder / "b.png").write_bytes(b"x")
    assert cache.folder_digest(folder) not in (first, edited)
    (folder / "b.png").unlink()
    assert cache.folder_digest(folder) == edited


def test_a_cached_file_placed_in_the_site_stays_whole_when_the_cache_changes(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))
    cache.cached(tmp_path, "kind", ("a",), lambda: b"first")
    site = tmp_path / "site"
    site.mkdir()
    cache.place(cache.stored(tmp_path, "kind", ("a",)), site / "f.pdf")
    assert (site / "f.pdf").read_bytes() == b"first" and not list(site.glob(".*tmp"))
    path = cache.stored(tmp_path, "kind", ("a",))
    path.unlink()                                                   # pruned, then made again
    cache.cached(tmp_path, "kind", ("a",), lambda: b"second")
    assert (site / "f.pdf").read_bytes() == b"first"
    assert cache.stored(tmp_path, "kind", ("b",)) is None


def test_images_yml_parse_is_kept_and_a_damaged_entry_is_parsed_again(tmp_path, monkeypatch):
    """images.yml is parsed once per content: kept in the build cache (pickled), read back with its
    line numbers; a damaged entry never breaks a build: the text is parsed and kept again."""
    from sotay.content.config import ROOT
    from sotay.images import imagespec
    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))
    text = "a.svg:\n  alt: Màn hình\n  mock:\n    app: Zalo\n"
    imagespec.parse.cache_clear()
    first = imagespec.parse(text)
    entry = cache.stored(ROOT, "images-yml", (text,))
    assert entry is not None and first == {"a.svg": {"alt": "Màn hình", "mock": {"app": "Zalo"}}}
    imagespec.parse.cache_clear()
    again = imagespec.parse(text)
    assert again == first and again["a.svg"].line == first["a.svg"].line == 2
    assert again["a.svg"].key_lines == {"alt": 2, "mock": 3}
    entry.write_bytes(b"not a pickle")
    imagespec.parse.cache_clear()
    assert imagespec.parse(text) == first and entry.read_bytes() != b"not a pickle"   # made again
    imagespec.parse.cache_clear()


def test_guide_pictures_are_linked_and_the_files_the_build_rewrites_are_new_files(site_dir, catalog):
    """The build links each guide's pictures into the site instead of copying them (the site's
    file is the guide's file); the files it then minifies or stamps are replaced by new files, so
    nothing is ever written through a link into the guides or the cache."""
    import os
    from helpers import ROOT
    linked = 0
    for g in catalog.guides:
        for asset in g.dir.iterdir():
            if asset.suffix.lower() in {".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif"}:
                assert os.path.samefile(site_dir / g.url_path / asset.name, asset), asset
                linked += 1
    assert linked > len(catalog.guides)
    for rel in ("assets/javascripts/sotay.js", "assets/stylesheets/sotay.css", "sw.js"):
        src, built = ROOT / "docs" / rel, site_dir / rel
        assert not os.path.samefile(built, src) and built.read_bytes() != src.read_bytes(), rel


def test_a_guide_page_body_is_finished_once_per_html_and_folder(tmp_path, monkeypatch):
    """A guide page's body (pictures sized and captioned, steps grouped) is kept by its HTML and its
    guide's folder: read back while both are the same, made again when a picture changes."""
    import shutil
    from helpers import ROOT
    from sotay.web import guide_html, images_html
    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))
    folder = tmp_path / "guide"
    shutil.copytree(ROOT / "guides" / "vneid" / "vneid-dang-ky", folder)
    html = ('<h2 id="buoc-1-mo-ung-dung">Bước 1: Mở ứng dụng</h2>\n<p>Chạm vào biểu tượng.</p>\n'
            '<p><img alt="Màn hình" src="buoc-2.svg"></p>\n')
    first = guide_html.page_body(html, folder, ROOT)
    assert first == guide_html.finish(images_html.enhance_images(html, folder))
    assert 'width="' in first and "sotay-step" in first
    real = images_html.enhance_images
    monkeypatch.setattr(images_html, "enhance_images", lambda *a: pytest.fail("worked through again"))
    assert guide_html.page_body(html, folder, ROOT) == first
    svg = (folder / "buoc-2.svg").read_text(encoding="utf-8")
    (folder / "buoc-2.svg").write_text(svg.replace('viewBox="0 0 360 ', 'viewBox="0 0 720 ', 1), encoding="utf-8")
    monkeypatch.setattr(images_html, "enhance_images", real)
    changed = guide_html.page_body(html, folder, ROOT)
    assert changed != first and changed == guide_html.finish(real(html, folder))


def test_a_qr_code_is_made_once_for_every_process_that_prints_it(tmp_path, monkeypatch):
    """The checks' processes, the building process and the prerender process print the same short
    links: a code made by one is read back by the others (here: after the memory cache is emptied),
    and it is the code zxing reads back as the link."""
    import zxingcpp
    from PIL import Image
    from sotay import qr
    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))
    url = "https://so-tay-so.example.vn/q/vn1/"
    qr.matrix.cache_clear()
    first = qr.matrix(url, "H")
    monkeypatch.setattr(qr, "_make", lambda *a: pytest.fail("the code was made again"))
    qr.matrix.cache_clear()
    assert qr.matrix(url, "H") == first
    n, scale, quiet = len(first), 8, 4
    img = Image.new("L", ((n + 2 * quiet) * scale,) * 2, 255)
    for y, row in enumerate(first):
        for x, dark in enumerate(row):
            if dark:
                img.paste(0, ((x + quiet) * scale, (y + quiet) * scale, (x + quiet + 1) * scale, (y + quiet + 1) * scale))
    assert [r.text for r in zxingcpp.read_barcodes(img)] == [url]
    qr.matrix.cache_clear()


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_build_from_an_empty_cache_and_a_rebuild_publish_the_same_bytes(tmp_repo, tmp_path):
    """Issue 17: the cache only saves work. A build with no cache (as after `make clean`), a rebuild
    with everything cached, and a rebuild after a guide is edited and put back publish the same
    files, byte for byte: no clock, no random id, no output that depends on what the cache held."""
    from helpers import run_py
    guide = sorted((tmp_repo / "guides").glob("*/*/index.md"))[0]
    original = guide.read_text(encoding="utf-8")
    sites = []
    for run in ("cold", "warm", "edited", "restored"):
        if run == "edited":
            guide.write_text(original.replace("\n## Bước 1:", "\nSửa thử.\n\n## Bước 1:", 1), encoding="utf-8")
        elif run == "restored":
            guide.write_text(original, encoding="utf-8")
        out = tmp_path / run
        r = run_py("-m", "mkdocs", "build", "--strict", "--site-dir", out, cwd=tmp_repo)
        assert r.returncode == 0, r.stderr[-2000:]
        sites.append(_files(out))
    cold, warm, edited, restored = sites
    assert len(cold) > 600 and warm == cold and restored == cold
    changed = sorted(name for name in cold if edited.get(name) != cold[name])
    assert changed and any(guide.parent.name in name for name in changed)   # the edit did reach the site
