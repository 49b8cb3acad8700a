"""Offline reading (issue 6): after one visit a guide reopens with no network, through the service
worker at the site root; with the network there, the page is always fresh.

Playwright's `context.set_offline(True)` does not cut a service worker's own fetches in Chromium, so
each test serves the site itself and really stops the server to be offline (and sets the context
offline too)."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from helpers import Server, go_offline, guides_in, offline_ctx, wait_cached, open_controlled


@pytest.fixture
def server(site_dir):
    s = Server(site_dir)
    yield s
    s.stop()


_open = open_controlled


def test_guide_reopens_offline_after_one_visit(browser, server, site_dir, catalog):
    site_url = server.url
    gid = guides_in(site_dir)[0]
    url = f"{site_url}huong-dan/{gid}/"
    short = f"{site_url}q/{catalog.by_id(gid).code}/"
    ctx, page = offline_ctx(browser)
    try:
        _open(page, url)
        scope = page.evaluate("navigator.serviceWorker.controller.scriptURL")
        assert scope == f"{site_url}sw.js"
        images = page.evaluate("[...document.querySelectorAll('.md-content img')].map(i => i.src)")
        assert images, "the guide has no images"
        wait_cached(page, [url, *images, short])      # all images, also the lazy ones, and its short link
        title = page.title()

        go_offline(ctx, server)
        page.reload(wait_until="load")
        assert page.title() == title
        assert page.locator(".md-content__inner h1").is_visible()
        # theme styles applied (from cache) and the step images are there
        assert page.eval_on_selector(".md-header", "el => getComputedStyle(el).position") in ("sticky", "fixed")
        for img in page.locator(".md-content img:visible").all():       # the reader scrolls down
            img.scroll_into_view_if_needed()
            page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=img.element_handle(), timeout=10000)
        # the poster's QR (the short link) opens it too, though it was first opened another way
        page.goto(short, wait_until="load")
        page.wait_for_url(url)
        assert page.title() == title
        # a page never opened: a clear Vietnamese message, not the browser's error
        others = [g for g in guides_in(site_dir) if g != gid]
        if others:
            page.goto(f"{site_url}huong-dan/{others[-1]}/?never-opened")
            assert "không có mạng" in page.inner_text("body")
    finally:
        ctx.close()


def test_data_saver_keeps_only_the_images_already_seen(browser, server, site_dir, catalog):
    """With the phone's data saver on, remembering a page does not download the lazy images ahead."""
    site_url = server.url
    gid = max(guides_in(site_dir), key=lambda g: len(list((site_dir / "huong-dan" / g).glob("buoc-*.svg"))))
    url = f"{site_url}huong-dan/{gid}/"
    ctx, page = offline_ctx(browser)
    try:
        page.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
        _open(page, url)
        page.reload(wait_until="networkidle")                  # now the page and its images go through the worker
        seen = page.evaluate("[...document.querySelectorAll('.md-content img')].filter(i => i.complete && i.naturalWidth > 0).map(i => i.src)")
        ahead = page.evaluate("[...document.querySelectorAll('.md-content img')].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
        assert seen and ahead
        wait_cached(page, [url, *seen, f"{site_url}q/{catalog.by_id(gid).code}/"])
        page.wait_for_timeout(1000)
        cached = page.evaluate("""async (urls) => { const out = [];
            for (const u of urls) if (await caches.match(u)) out.push(u); return out; }""", ahead)
        assert cached == [], f"lazy images downloaded despite the data saver: {cached}"
    finally:
        ctx.close()


def test_online_page_is_never_stale(browser, server, site_dir):
    site_url = server.url
    gid = guides_in(site_dir)[0]
    url = f"{site_url}huong-dan/{gid}/"
    path = site_dir / "huong-dan" / gid / "index.html"
    original = path.read_text(encoding="utf-8")
    ctx, page = offline_ctx(browser)
    try:
        _open(page, url)
        wait_cached(page, [url])
        path.write_text(original.replace("</h1>", " — BẢN MỚI</h1>", 1), encoding="utf-8")
        page.reload(wait_until="load")
        assert "BẢN MỚI" in page.inner_text(".md-content__inner h1")
        go_offline(ctx, server)
        page.reload(wait_until="load")                                  # the cache now holds the new page
        assert "BẢN MỚI" in page.inner_text(".md-content__inner h1")
    finally:
        path.write_text(original, encoding="utf-8")
        ctx.close()


def test_save_category_for_offline(browser, server, site_dir):
    site_url = server.url
    cats = sorted(p.parent.name for p in (site_dir / "chu-de").glob("*/index.html")
                  if (p.parent / "index.html").read_text(encoding="utf-8").count('href="../../huong-dan/') > 0)
    assert cats, "no category page lists a guide"
    cat_url = f"{site_url}chu-de/{cats[0]}/"
    ctx, page = offline_ctx(browser)
    try:
        _open(page, cat_url)
        links = page.evaluate("[...new Set([...document.querySelectorAll('.sotay-guides a[href]')].map(a => a.href.split('#')[0]))]")
        assert links
        btn = page.locator('[data-sotay-action="save-offline"]')
        assert btn.is_visible()
        btn.click()
        page.wait_for_function("document.querySelector('.sotay-offline__status').textContent.startsWith('Đã lưu')",
                               timeout=20000)
        go_offline(ctx, server)
        page.goto(links[-1], wait_until="load")                          # never opened before
        assert page.locator(".md-content__inner h1").is_visible()
        page.wait_for_function("""() => [...document.querySelectorAll('.md-content img')]
                                   .every(i => { i.loading = 'eager'; return true; })""")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_function("""() => [...document.querySelectorAll('.md-content img')]
                                   .every(i => i.complete && i.naturalWidth > 0)""", timeout=10000)
        # search works offline too (its index and engine were saved), never used online before
        title = page.inner_text(".md-content__inner h1")
        page.click('.md-header label[for="__search"]')
        page.locator(".md-search__input").press_sequentially(title, delay=20)
        first = page.locator(".md-search-result__item a").first
        first.wait_for(timeout=10000)
        assert urlsplit(first.get_attribute("href")).path == urlsplit(links[-1]).path
    finally:
        ctx.close()
