"""Thin MkDocs adapter: wires the catalog (scripts/sotay) into the build. No project logic here.

Every function only hands MkDocs' objects to plain modules in scripts/sotay, so a move to another
generator means rewriting this file alone.
"""
from __future__ import annotations

import datetime as dt
import html
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from sotay import cache, practice, prerender
from sotay import search as sotay_search
from sotay.booklet import build as kit
from sotay.checks import check_content
from sotay.content.catalog import Catalog, load_catalog
from sotay.content.config import ROOT, load_config
from sotay.content.schema import escape_config
from sotay.content.shortlinks import known_paths, write_short_links
from sotay.content.vietnamese import slugify
from sotay.errors import ContentError
from sotay.poster import build as posters
from sotay.web import guide_html, page_assets, pages, print_qr, render_cache, social, theme_css, theme_js
from sotay.web.catalog_json import write_catalog_json

ASSET_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif"}
STATE: dict = {}


def _catalog() -> Catalog:
    return STATE["catalog"]


def on_startup(command, dirty):
    STATE["command"] = command


def _live() -> bool:
    """`mkdocs serve` (make serve): rebuilt after every save, so nothing slow is made there.
    SOTAY_LIVE=1 builds the same way (sotay bench-build times it)."""
    return STATE.get("command") == "serve" or os.environ.get("SOTAY_LIVE") == "1"


def _build_into_temporary_folder(config):
    """`mkdocs build` writes into a hidden sibling folder; on_post_build swaps it into place only when
    everything succeeded, so a failed or interrupted build leaves the last good site whole."""
    if STATE.get("command") != "build":
        return
    final = Path(config.site_dir).resolve()
    final.parent.mkdir(parents=True, exist_ok=True)
    for old in final.parent.glob(f".{final.name}-building-*"):      # left by an interrupted build
        shutil.rmtree(old, ignore_errors=True)
    STATE["final_site"] = final
    config.site_dir = tempfile.mkdtemp(prefix=f".{final.name}-building-", dir=final.parent)


def _swap_into_place(config):
    final = STATE.pop("final_site", None)
    if final is None:
        return
    built = Path(config.site_dir)
    os.chmod(built, 0o755)                        # mkdtemp makes it private; a site folder is not
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}-old-{os.getpid()}")
        os.replace(final, old)
    os.replace(built, final)
    config.site_dir = str(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def on_build_error(error):
    prerender.stop(STATE.pop("prerender", None))
    final = STATE.pop("final_site", None)
    building = STATE.pop("building", None)
    if final is not None and building:
        shutil.rmtree(building, ignore_errors=True)


def on_config(config):
    try:
        site = load_config(ROOT)
        catalog = load_catalog(ROOT, site)
    except ContentError as exc:
        raise PluginError("Nội dung chưa hợp lệ, chưa thể xây dựng trang.\n" + exc.report()) from None
    problems = check_content(catalog)  # the same checks as `make check` (sotay/checks/)
    if problems:
        raise PluginError("Nội dung chưa hợp lệ, chưa thể xây dựng trang.\n"
                          + ContentError(problems, ROOT).report())
    STATE["catalog"] = catalog
    STATE.pop("render_digest", None)
    config.site_name = site.site_name
    config.site_url = site.site_url
    config.repo_url = site.repo_url
    config.repo_name = "Mã nguồn"
    config.extra["commune"] = escape_config(site.commune)   # templates print it as is (no autoescape)
    config.extra["site"] = {"domain": site.domain, "repo_url": site.repo_url,
                            "issue_url": site.issue_form("bao-loi.yml")}
    try:
        config.extra["sotay_search"] = sotay_search.search_extra(ROOT)  # our search worker (issue 4)
    except ContentError as exc:
        raise PluginError("Danh sách từ đồng nghĩa chưa hợp lệ, chưa thể xây dựng trang.\n" + exc.report()) from None
    config.extra["sotay_404"] = {"paths": known_paths(catalog), "topics": pages.topics(catalog),  # issue 13
                                 "search_form": pages.search_form(urlsplit(site.site_url).path or "/")}
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    config.nav = [
        {"Trang chủ": "index.md"},
        *[{c.title: [c.url_path + "index.md", *[g.url_path + "index.md" for g in catalog.in_category(c.key)]]}
          for c in catalog.categories.values()],
        {"Tổ công nghệ số cộng đồng": "to-cong-nghe-so.md"},
        {"Dành cho tình nguyện viên": "tinh-nguyen-vien.md"},
        {"Poster để in": "poster.md"},
        {"Đóng góp hướng dẫn": "dong-gop.md"},
    ]
    _build_into_temporary_folder(config)              # only once the content passed every check
    if not _live():                                   # posters, kit and previews: rendered beside the pages
        STATE["prerender"] = prerender.start(catalog)
    STATE["building"] = config.site_dir if "final_site" in STATE else None
    return config


def on_env(env, config, files):
    env.bytecode_cache = cache.template_cache(ROOT)
    return env


def on_files(files: Files, config):
    catalog = _catalog()
    site = catalog.config
    for f in files:
        f.edit_uri = f"docs/{f.src_uri}"
    for cat in catalog.categories.values():
        files.append(File.generated(config, cat.url_path + "index.md", content=pages.category_page(cat, catalog)))
    for g in catalog.guides:
        page = File.generated(config, g.url_path + "index.md", content=g.body)
        page.edit_uri = g.path.relative_to(ROOT).as_posix()
        files.append(page)
        for asset in sorted(g.dir.iterdir()):
            if asset.suffix.lower() in ASSET_SUFFIXES and asset.is_file():
                files.append(_linked(File.generated(config, g.url_path + asset.name, abs_src_path=str(asset))))
    for g, uri, markdown in practice.pages(catalog):          # "Làm thử" views (issue 14)
        page = File.generated(config, uri, content=markdown)
        page.edit_uri = (g.dir / "images.yml").relative_to(ROOT).as_posix()
        files.append(page)
    STATE["edit_base"] = site.edit_url("")
    STATE["page_count"] = len(files.documentation_pages())
    return files


def _linked(f: File) -> File:
    """A guide's picture reaches the site by hard link, not by copy (a copy where the disks differ):
    about 300 files that no build step writes (site files are replaced, never written in place)."""
    def copy_file(dirty: bool = False) -> None:
        dest = Path(f.abs_dest_path)
        dest.parent.mkdir(parents=True, exist_ok=True)
        cache.place(Path(f.abs_src_path), dest)
    f.copy_file = copy_file
    return f


def _guide_for(page):
    src = page.file.src_uri
    for g in _catalog().guides:
        if src == g.url_path + "index.md":
            return g
    return None


def on_page_markdown(markdown: str, page, config, files):
    catalog = _catalog()
    if "render_digest" not in STATE:                  # once per build, with every file in place
        STATE["render_digest"] = render_cache.site_digest(config, files)
    render_cache.cached_render(page, config, files, ROOT, STATE["render_digest"])  # unchanged pages: read back
    if page.file.edit_uri:
        page.edit_url = STATE["edit_base"] + page.file.edit_uri
    if not sotay_search.material_indexes(page.url):
        page.meta["search"] = {"exclude": True}
    g = _guide_for(page)
    if g is None:
        here = page.file.src_uri
        blocks = {"search": lambda: pages.search_form("./"),
                  "categories": lambda: pages.category_tiles(catalog, here),
                  "featured": lambda: pages.featured_list(catalog, here),
                  "practised": lambda: practice.HOME_BLOCK,
                  "posters": lambda: (pages.LIVE_PDF_NOTE if _live() else "") + posters.page_markdown(catalog, here, page.url),
                  "kit": lambda: kit.page_markdown(catalog, page.url)}
        for name, block in blocks.items():        # each made only for the page that shows it
            marker = f"<!-- sotay:{name} -->"
            if marker in markdown:
                markdown = markdown.replace(marker, block())
        return markdown
    stale = (dt.date.today() - g.updated).days > catalog.config.stale_days
    topic = catalog.categories[g.category]
    # Material prints page.meta title/description as they are (in <title>, the menu, a meta attribute):
    # escaped here, on the way in.
    page.meta.update({"title": html.escape(g.title), "description": html.escape(g.summary),
                      "sotay_guide": {"id": g.id, "title": g.title, "code": g.code, "short_url": catalog.short_url(g),
                                      "stale": stale, "topic": topic.title, "topic_url": topic.url_path}})
    return (f"# {g.title}\n\n" + pages.guide_header(g, stale) + practice.guide_button(g)
            + pages.guide_markdown(g, before_sources=pages.guide_related(g, catalog)))


def on_page_content(html: str, page, config, files):
    """Step images: width/height, lazy loading, "Ảnh minh họa" caption (sotay/web/images_html.py);
    a practice view's HTML (sotay/practice); steps grouped for print and sources folded (sotay/web/guide_html.py)."""
    pg = practice.guide_for_src(_catalog(), page.file.src_uri)
    if pg is not None:
        return practice.page_html(_catalog(), pg)
    g = _guide_for(page)
    return guide_html.page_body(html, g.dir, ROOT) if g else html


@event_priority(-100)        # last: after every plugin has written its files, then swap into place
def on_post_build(config):
    catalog = _catalog()
    site_dir = Path(config.site_dir)
    live = _live()
    # first what needs no PDF or preview image, while the prerender process may still be drawing them
    write_catalog_json(catalog, site_dir)
    write_short_links(catalog, site_dir)
    sotay_search.write_search_index(catalog, site_dir)  # after Material's search plugin wrote its own
    if not (live or config.extra.get("sotay_stock")):  # bytes for residents: not worth 0.5 s per save
        theme_css.purge_site(site_dir, ROOT)            # after every page (short links too) and script is written
    if not config.extra.get("sotay_stock"):
        theme_js.patch_site(site_dir)                   # Material's result list without innerHTML +=
    # The posters are made here while the prerender process draws the kit (it comes to the posters last,
    # so they are often cached by then). The live preview (make serve) does not wait for PDFs: those out
    # of date are left out until make build.
    posters.publish_site(catalog, site_dir, render_missing=not live)  # site/poster/<id>.pdf + menus (issue 5)
    prerender.finish(STATE.pop("prerender", None))    # what it made is in the cache; the rest is made now
    kit.publish_site(catalog, site_dir, render_missing=not live)      # site/so-tay/: booklets, sheets (issue 15)
    social.write_images(catalog, site_dir)
    page_assets.stamp_service_worker(site_dir)          # after every hashed file exists, before minifying
    page_assets.minify_own_assets(site_dir)
    cache.prune(ROOT, render_cache.KIND, keep=3 * STATE["page_count"])   # this build's pages, and room for edits
    cache.prune(ROOT, "images-yml", keep=3 * len(catalog.guides))
    cache.prune(ROOT, "search-doc", keep=3 * STATE["page_count"])     # each indexed page's words
    cache.prune(ROOT, "page-body", keep=3 * STATE["page_count"])      # each guide page's finished body
    cache.prune(ROOT, "qr", keep=8 * (len(catalog.guides) + len(catalog.categories)))   # codes at two levels
    _swap_into_place(config)


def on_page_context(context, page, config, nav):
    """Link-preview tags and the printout's QR code for the page template (issue 6)."""
    g = page.meta.get("sotay_guide")
    page.meta["sotay_preview"] = social.preview_tags(
        social.page_title(html.unescape(page.meta.get("title") or "") or None, page.title, page.is_homepage,
                          config.site_name),
        html.unescape(page.meta.get("description") or "") or config.site_description, page.canonical_url,
        social.image_url(config.site_url, g["id"] if g else None), config.site_name, article=bool(g))
    if g:
        page.meta["sotay_print_qr"] = print_qr.qr_svg_cached(ROOT, g["short_url"], f"Mã QR dẫn tới {g['short_url']}")
    return context


def on_post_page(output: str, page, config):
    if config.extra.get("sotay_stock"):          # sotay bench-pages's stock-Material comparison
        return output
    return page_assets.post_page(output)


def on_post_template(output: str, template_name: str, config):
    """The 404 page (overrides/404.html) gets the same finishing as every other page."""
    if template_name == "404.html" and not config.extra.get("sotay_stock"):
        return page_assets.post_page(output)
    return output


def on_serve(server, config, builder):
    server.watch(str(ROOT / "guides"))
    server.watch(str(ROOT / "config"))
    server.watch(str(ROOT / "shortlinks.yml"))
    return server
