"""No dead ends (issue 13): a resident who strays from the happy path always has a way on.

The built site is served like a static host (tests/conftest.py: a missing path gets 404.html with
status 404, as on GitHub Pages) and opened in headless Chromium at 412 px and 320 px."""
from __future__ import annotations

import io
import re
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request

import pytest
from bs4 import BeautifulSoup

from sotay.web import guide_html, pages
from sotay.content.catalog import load_catalog
from sotay.errors import ContentError

from helpers import as_deployed

WIDTHS = [412, 320]
LONGEST = "nhan-biet-lua-dao"


def _page(browser, width, size=0, **kw):
    ctx = browser.new_context(viewport={"width": width, "height": 800 if width < 400 else 915},
                              device_scale_factor=1, locale="vi-VN", **kw)
    if size:
        ctx.add_init_script(f"localStorage.setItem('sotay.size', '{size}')")
    page = ctx.new_page()
    page.set_default_timeout(15000)
    return ctx, page


def _status(url: str) -> int:
    try:
        return urllib.request.urlopen(url).status
    except urllib.error.HTTPError as exc:
        return exc.code


# --- 404 ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("missing", ["huong-dan/khong-co/", "a/b/c/d/e", "khong-co.html"])
def test_404_page_in_vietnamese_with_search_topics_home_and_help(browser, site_url, catalog, width, missing):
    assert _status(site_url + missing) == 404
    ctx, page = _page(browser, width)
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.url != site_url + missing else None)
    try:
        resp = page.goto(site_url + missing, wait_until="networkidle")
        assert resp.status == 404
        assert page.get_attribute("html", "lang") == "vi"
        assert page.inner_text("h1") == "Không tìm thấy trang này"
        assert not failed, f"assets that did not load at /{missing}: {failed}"
        # Material's stylesheet applied (not a bare page): the header is a fixed bar
        assert page.eval_on_selector(".md-header", "el => getComputedStyle(el).position") in ("sticky", "fixed")
        assert page.locator(".sotay-help").is_visible()
        # topics: every category of the catalog, each link opens its page
        links = page.eval_on_selector_all(".sotay-topics a", "els => els.map(a => [a.textContent.trim(), a.href])")
        assert [t for t, _ in links] == [c.title for c in catalog.categories.values()]
        for _, href in links:
            assert _status(href) == 200, href
        home = page.locator(".sotay-home-link a")
        assert home.is_visible() and home.inner_text().strip() == "Về trang chủ"
        assert page.evaluate("document.querySelector('.sotay-home-link a').href") in (site_url, site_url + ".")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # the search box is pre-filled with the words of the address and submits to the home page's search
        box = page.locator("#sotay-q")
        if not missing.startswith("huong-dan/"):
            return
        assert box.input_value() == "khong co"
        box.fill("tien dien")             # (the focus runs Material's bundle, whose history updates
        box.press("Enter")                # are navigations too for Playwright: wait for the address)
        page.wait_for_url(re.compile(re.escape(site_url) + r"\?q=tien"))
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        assert "điện" in page.inner_text(".md-search-result").lower()
    finally:
        ctx.close()


def test_404_page_is_one_of_a_kind(site_dir):
    html = (site_dir / "404.html").read_text(encoding="utf-8")
    assert "404 - Not found" not in html
    soup = BeautifulSoup(html, "html.parser")
    # kept out of search engines by its status (404, test above), as stock Material's 404 page is
    assert not soup.find("meta", attrs={"name": "robots"})
    # no request to another origin: every asset and link of the page is on the site
    for el in soup.select("link[href], script[src], img[src]"):
        ref = el.get("href") or el.get("src")
        assert not ref.startswith(("http://", "https://", "//")), ref


# --- short links --------------------------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
def test_short_links_forgive_case_accents_and_missing_slash(browser, site_url, catalog, width):
    code, gid = "dien", catalog.shortlinks["dien"]
    ctx, page = _page(browser, width)
    try:
        for typed in ("q/Dien", "q/DIEN/", "Q/dien", "q/dien", "q/Điện", "q/dien.", "q/Dien/index.html"):
            page.goto(site_url + typed)
            page.wait_for_url(site_url + f"huong-dan/{gid}/", timeout=10000)
            assert page.inner_text("h1") == catalog.by_id(gid).title, typed
        # an address that is not a short link stays on the 404 page, with the search ready
        resp = page.goto(site_url + "q/khongco/", wait_until="networkidle")
        assert resp.status == 404 and page.url == site_url + "q/khongco/"
        assert page.locator("#sotay-q").input_value() == "khongco"
        # a guide address with capitals also finds its page
        page.goto(site_url + "Huong-Dan/" + gid.upper())
        page.wait_for_url(site_url + f"huong-dan/{gid}/", timeout=10000)
    finally:
        ctx.close()
    assert code in catalog.shortlinks


def test_every_published_code_is_known_to_the_404_page(site_dir, catalog):
    html = (site_dir / "404.html").read_text(encoding="utf-8")
    for code in catalog.shortlinks:
        assert f'"q/{code}/"' in html, code


# --- a way home, related guides ------------------------------------------------------------------

@pytest.mark.parametrize("width,size", [(412, 0), (320, 4)])
def test_home_link_visible_without_scrolling_on_every_guide_and_topic(browser, site_url, catalog, width, size):
    paths = [g.url_path for g in catalog.guides] + [c.url_path for c in catalog.categories.values()]
    ctx, page = _page(browser, width, size)
    try:
        for path in paths:
            page.goto(site_url + path)
            link = page.locator(".sotay-crumbs a", has_text="Trang chủ")
            assert link.is_visible(), path
            box = link.bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"], (path, box)
            assert box["height"] >= 24, "tap target"
            assert page.evaluate("document.querySelector('.sotay-crumbs a').href") in (site_url, site_url + ".")
            if path.startswith("huong-dan/"):
                g = catalog.by_id(path.split("/")[1])
                topic = catalog.categories[g.category]
                crumb = page.locator(".sotay-crumbs li").nth(1).locator("a")
                assert crumb.inner_text() == topic.title
                assert crumb.get_attribute("href").rstrip("/").endswith(topic.url_path.rstrip("/"))
        page.goto(site_url)
        assert page.locator(".sotay-crumbs").count() == 0          # not on the home page itself
    finally:
        ctx.close()


def test_related_guides_before_the_help_box(site_dir, catalog):
    for g in catalog.guides:
        soup = BeautifulSoup((site_dir / g.url_path / "index.html").read_text(encoding="utf-8"), "html.parser")
        h2 = soup.find(id="huong-dan-lien-quan")
        assert h2 is not None and h2.get_text(strip=True).startswith("Hướng dẫn liên quan"), g.id
        titles = [a.get_text(strip=True) for a in h2.find_next_sibling("ul").find_all("a")]
        expected = pages.related_guides(g, catalog)
        assert titles == [o.title for o in expected] and 1 <= len(titles) <= pages.RELATED_MAX, g.id
        alone = len(catalog.in_category(g.category)) == 1
        assert all(o.category == g.category or o.id in g.related or (alone and o.featured) for o in expected)
        assert g.id not in [o.id for o in expected]
        # order at the end: related guides, the folded sources, then the help box
        article = soup.select_one("article.md-content__inner")
        order = [el for el in article.find_all(["h2", "details", "aside"], recursive=True)
                 if el.get("id") in ("huong-dan-lien-quan", "nguon-tham-khao") or "sotay-help" in (el.get("class") or [])]
        assert [el.get("id") or "help" for el in order] == ["huong-dan-lien-quan", "nguon-tham-khao", "help"], g.id


def test_declared_related_guides_come_first(catalog):
    g = next(x for x in catalog.guides if x.category != catalog.guides[0].category)
    other = catalog.guides[0]
    g.related = [other.id]
    try:
        assert pages.related_guides(g, catalog)[0] is other
    finally:
        g.related = []


def _set_front_matter(path, extra: str):
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("\n---\n", 1)
    path.write_text(head + "\n" + extra + "\n---\n" + rest, encoding="utf-8")
    return head.count("\n") + 2                       # the line `extra` lands on


@pytest.mark.parametrize("value,words", [("[khong-co-huong-dan-nay]", 'không có hướng dẫn nào mã "khong-co-huong-dan-nay"'),
                                         ("[SELF]", "không được chứa chính hướng dẫn này"),
                                         ('"vneid-kich-hoat"', "phải là danh sách mã hướng dẫn")])
def test_related_must_name_existing_guides(tmp_repo, value, words):
    path = sorted((tmp_repo / "guides").glob("*/*/index.md"))[0]
    line = _set_front_matter(path, "related: " + value.replace("SELF", path.parent.name))
    with pytest.raises(ContentError) as err:
        load_catalog(tmp_repo)
    report = err.value.report()
    assert words in report, report
    assert f"{path.relative_to(tmp_repo)}:{line}" in report.replace("\\", "/"), report


def test_related_accepts_existing_guides(tmp_repo):
    paths = sorted((tmp_repo / "guides").glob("*/*/index.md"))
    _set_front_matter(paths[0], f"related: [{paths[-1].parent.name}]")
    cat = load_catalog(tmp_repo)
    g = cat.by_id(paths[0].parent.name)
    assert pages.related_guides(g, cat)[0].id == paths[-1].parent.name


# --- Material's bundle on the first touch ---------------------------------------------------------

def test_materials_bundle_runs_on_the_first_touch_and_search_works_from_it(browser, site_url):
    """A guide is read without running Material's bundle (a long task on a cheap phone): it is only
    prefetched. A tap on the search button, as the first touch, opens the search and runs it."""
    ctx, page = _page(browser, 412, has_touch=True, is_mobile=True)
    asked = []
    page.on("request", lambda r: asked.append(r.url))
    try:
        page.goto(site_url + "huong-dan/tien-dien/", wait_until="networkidle")
        page.wait_for_timeout(500)
        assert page.evaluate("typeof document$") == "undefined", "Material's bundle ran before any touch"
        assert [u for u in asked if re.search(r"/bundle\.[0-9a-f]+\.min\.js$", u)], "the bundle was not prefetched"
        assert page.evaluate("document.documentElement.className") == "js"
        button = page.locator('.md-header label[for="__search"]').first
        assert button.is_visible()
        button.tap()
        page.wait_for_function("document.getElementById('__search').checked")
        # the caret is in the box (a phone's keyboard comes up), and letters go there
        assert page.evaluate("document.activeElement.matches('.md-search__input')")
        page.wait_for_function("typeof document$ !== 'undefined'")
        page.keyboard.type("tien dien", delay=40)
        first = page.locator("li.md-search-result__item > a").first
        first.wait_for()
        assert "/huong-dan/tien-dien/" in first.get_attribute("href")
        # closed and opened again once Material runs: the caret is in the box again
        page.keyboard.press("Escape")
        page.wait_for_function("!document.getElementById('__search').checked")
        button.tap()
        page.wait_for_function("document.getElementById('__search').checked")
        assert page.evaluate("document.activeElement.matches('.md-search__input')")
    finally:
        ctx.close()


def test_a_bundle_lost_on_a_weak_signal_is_fetched_again_on_the_next_touch(browser, site_url):
    """The first touch's request for Material's bundle fails (weak 3G): the page stays usable, and
    the next touch fetches it again, so the search works then."""
    ctx, page = _page(browser, 412, has_touch=True, is_mobile=True, service_workers="block")
    tries, lost = [], [True]

    def flaky(route):
        tries.append(route.request.url)
        if lost[0]:
            route.abort("connectionfailed")
        else:
            route.continue_()
    try:
        page.route(re.compile(r".*/bundle\.[0-9a-f]+\.min\.js$"), flaky)
        page.goto(site_url + "huong-dan/tien-dien/", wait_until="networkidle")
        before = len(tries)
        page.locator("h1").tap()
        for _ in range(50):                  # the touch asked for it, and gave up
            page.wait_for_timeout(100)
            if len(tries) > before and page.evaluate(
                    "!document.querySelector('[data-sotay-run]') && !document.querySelector('script[src*=\"/bundle.\"]')"):
                break
        assert len(tries) > before and page.evaluate("typeof document$") == "undefined"
        lost[0] = False
        page.locator('.md-header label[for="__search"]').first.tap()
        page.wait_for_function("typeof document$ !== 'undefined'")
        page.locator(".md-search__input").press_sequentially("tien dien", delay=40)
        assert "/huong-dan/tien-dien/" in page.locator("li.md-search-result__item > a").first.get_attribute("href")
    finally:
        ctx.close()


_BOXES = """() => [...document.querySelectorAll(`.md-header__inner > *, .sotay-crumbs a, .sotay-tools button, h1, h2,
  .tabbed-labels > label, .md-content figure, .sotay-help`)].map(e => {
    const r = e.getBoundingClientRect(); return [e.tagName + '.' + e.className, Math.round(r.x), Math.round(r.y),
                                                 Math.round(r.width), Math.round(r.height)]; })"""


def test_nothing_moves_when_materials_bundle_starts(browser, site_url, catalog):
    """The page a resident reads before the first touch is laid out as it will be after: the header,
    tools, headings, the Android/iPhone tabs (which the bundle turns into links) and the pictures
    keep their place and size. After it, links use Material's instant navigation. (The service
    worker is blocked: it would fetch sitemap.xml itself, past as_deployed's test address.)"""
    ctx, page = _page(browser, 412, has_touch=True, is_mobile=True, service_workers="block")
    try:
        as_deployed(page, site_url, catalog)
        page.goto(site_url + "huong-dan/cai-ung-dung/", wait_until="networkidle")
        assert page.locator(".tabbed-labels > label").count() >= 2
        before = page.evaluate(_BOXES)
        with page.expect_response("**/sitemap.xml"):      # Material's instant navigation starts
            page.locator("h1").tap()
        page.wait_for_function("typeof document$ !== 'undefined' && !!document.querySelector('.tabbed-labels--linked')")
        page.wait_for_timeout(300)
        after = page.evaluate(_BOXES)
        assert len(before) > 10 and before == after
        page.evaluate("window.__samePage = 1")
        topic = page.locator(".sotay-crumbs a[href*='/chu-de/']").first
        target = topic.evaluate("a => a.href")
        topic.tap()
        page.wait_for_url(target)
        page.wait_for_selector(".sotay-guides")
        assert page.evaluate("window.__samePage") == 1
        assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    finally:
        ctx.close()


_LOOK_KEPT = """() => { window.__unstyled = 0;
  const styled = () => [...document.styleSheets].some(s => s.href && s.href.endsWith('/sotay.css'));
  const look = () => { if (!styled()) window.__unstyled++; };
  new MutationObserver(look).observe(document, {attributes: true, childList: true, subtree: true});
  (function frame() { look(); requestAnimationFrame(frame); })(); }"""


def test_the_page_keeps_its_look_while_materials_bundle_starts(browser, site_url):
    """Material's bundle, as it starts, makes every relative address in the page absolute. Set on a
    stylesheet's link, that reloads the sheet, and until it came back (from the network, through the
    service worker) the page had no sotay.css: it jumped under the finger whose tap woke the
    bundle, and the tap on a picture was lost (a CI run failed on it). Here the sheet is held back
    1 s, as on weak 3G: the page must keep its look all along, and the tap must open the picture."""
    ctx, page = _page(browser, 412, has_touch=True, is_mobile=True, service_workers="block")
    asked = []

    def slow_after_first(route):
        asked.append(route.request.url)
        if len(asked) > 1:
            time.sleep(1.0)
        route.continue_()
    try:
        page.route("**/sotay.css", slow_after_first)
        page.goto(site_url + "huong-dan/tien-dien/", wait_until="networkidle")
        assert page.evaluate("typeof document$") == "undefined"
        page.evaluate(_LOOK_KEPT)
        page.locator(".md-content a.glightbox").first.tap()
        page.wait_for_selector(".glightbox-container .gslide-image img", state="visible")
        page.wait_for_function("typeof document$ !== 'undefined'")
        page.wait_for_timeout(2000)
        assert page.evaluate("window.__unstyled") == 0, "the page lost sotay.css while Material's bundle started"
        assert page.evaluate("[...document.querySelectorAll('link[rel~=stylesheet]')].every("
                             "l => /^https?:\\/\\//.test(l.getAttribute('href')))")
    finally:
        ctx.close()


def test_a_stalled_stylesheet_does_not_hold_materials_bundle_back(browser, site_url):
    """The copy of the stylesheet's link (above) never loads or fails (a stalled request): the
    bundle starts all the same, a few seconds later, and the search answers."""
    ctx, page = _page(browser, 412, has_touch=True, is_mobile=True, service_workers="block")
    held = []

    def stall_after_first(route):
        held.append(route)
        if len(held) == 1:
            route.continue_()
    try:
        page.route("**/sotay.css", stall_after_first)
        page.goto(site_url + "huong-dan/tien-dien/", wait_until="networkidle")
        page.locator('.md-header label[for="__search"]').first.tap()
        page.wait_for_function("typeof document$ !== 'undefined'", timeout=8000)
        assert len(held) == 2, "the stylesheet's copy was not asked for"
        page.locator(".md-search__input").press_sequentially("tien dien", delay=40)
        first = page.locator("li.md-search-result__item > a").first
        first.wait_for()
        assert "/huong-dan/tien-dien/" in first.get_attribute("href")
    finally:
        for route in held[1:]:
            route.abort()
        ctx.close()


def test_search_key_runs_materials_bundle_at_once(browser, site_url):
    """"/" on a keyboard opens the search although it was the key that woke the bundle."""
    ctx, page = _page(browser, 1280)
    try:
        page.goto(site_url, wait_until="networkidle")
        assert page.evaluate("typeof document$") == "undefined"
        page.keyboard.press("/")
        page.wait_for_function("document.getElementById('__search').checked")
        page.wait_for_function("document.activeElement && document.activeElement.matches('.md-search__input')")
        page.keyboard.type("vneid", delay=40)
        page.locator("li.md-search-result__item > a").first.wait_for()
    finally:
        ctx.close()


def test_shared_search_the_page_cannot_answer_runs_materials_bundle_at_once(browser, site_url):
    """Where the header does not open the search for "?q=" (a build with Material's own search,
    SOTAY_SEARCH=lunr, has no such line: `make bench-search` compares it), Material's bundle runs at
    once and answers the address itself, as every page did before the shared search was drawn early."""
    ctx, page = _page(browser, 412, has_touch=True, is_mobile=True, service_workers="block")
    try:
        def without_header_line(route):
            html = route.fetch().text()
            line = re.search(r"<script>/\[\?&\]q=/\.test\(location\.search\).*?</script>", html)
            assert line, "the header's line for ?q= was not found"
            route.fulfill(body=html.replace(line.group(0), ""), content_type="text/html; charset=utf-8")
        page.route(site_url + "?q=vneid", without_header_line)
        page.goto(site_url + "?q=vneid", wait_until="networkidle")
        page.wait_for_function("typeof document$ !== 'undefined'")
        page.locator("li.md-search-result__item > a").first.wait_for()
        assert page.is_checked("#__search") and page.input_value(".md-search__input") == "vneid"
    finally:
        ctx.close()


_RESULTS = """() => { const meta = document.querySelector('.md-search-result__meta');
  const list = document.querySelector('.md-search-result__list');
  return [meta.textContent.trim(), list.innerHTML, list.getAttribute('role'), list.hidden]; }"""
_LOCK = "[document.body.hasAttribute('data-md-scrolllock'), document.body.style.top, document.documentElement.scrollWidth]"
_MARK = "() => { document.querySelector('.md-search-result__meta').firstChild.__early = 1; }"
_REDRAWN = "() => !document.querySelector('.md-search-result__meta').firstChild.__early"


@pytest.mark.parametrize("query", ["vneid", "luong huu", "qqqqq", "tieenf ddieenj", "dien", "<b>zalo</b> & 'x'",
                                   "Đổi mật khẩu VNeID", ""])
def test_shared_search_shows_results_before_materials_bundle_as_material_draws_them(browser, site_url, query):
    """A link or poster to "?q=…" (and the 404 page's form) opens the search with its results
    without running Material's bundle (the page's one long task). Those results are drawn as
    Material draws them: when the first key wakes the bundle, Material answers the same address
    again, and its list and count are the same HTML for HTML."""
    ctx, page = _page(browser, 412, has_touch=True, is_mobile=True, service_workers="block")
    try:
        page.goto(site_url + "?" + urllib.parse.urlencode({"q": query}), wait_until="networkidle")
        page.wait_for_function("!/Đang chuẩn bị/.test(document.querySelector('.md-search-result__meta').textContent)")
        page.wait_for_timeout(300)
        assert page.evaluate("typeof document$") == "undefined", "Material's bundle ran before any touch"
        assert page.is_checked("#__search")
        assert page.evaluate("[document.activeElement.matches('.md-search__input'), "
                             "document.querySelector('.md-search__input').value]") == [True, query]
        # the page under the dialog is held still, as Material holds it on a phone: nothing to pan sideways
        assert page.evaluate(_LOCK) == [True, "0px", 412]
        early = page.evaluate(_RESULTS)
        if query.strip():
            assert page.locator("li.md-search-result__item > a").count() > 0
        page.evaluate(_MARK)
        page.keyboard.press("Shift")                     # a key: the bundle runs, and answers again
        page.wait_for_function("typeof document$ !== 'undefined'")
        page.wait_for_function(_REDRAWN)
        page.wait_for_timeout(600)                       # Material locks the page 400 ms after it opens
        assert page.evaluate(_RESULTS) == early
        assert page.evaluate(_LOCK) == [True, "0px", 412]
        assert page.evaluate("document.querySelector('.md-search__input').value") == query
    finally:
        ctx.close()


def test_shared_search_closed_or_retyped_before_materials_bundle_stays_so(browser, site_url):
    """Before the bundle runs, the phone's Back closes the shared search and stays on the page,
    and Material, once it runs, does not open it again; letters typed after the shared query are
    searched as typed, not reset to the address's query; its X empties it; Enter opens the best
    result."""
    ctx, page = _page(browser, 412, has_touch=True, is_mobile=True, service_workers="block")
    try:
        page.goto(site_url + "?q=vneid", wait_until="networkidle")
        page.locator("li.md-search-result__item > a").first.wait_for()
        page.go_back()
        page.wait_for_function("!document.getElementById('__search').checked")
        page.wait_for_function("typeof document$ !== 'undefined'")   # closing it was the first touch
        page.wait_for_timeout(500)
        assert not page.is_checked("#__search")
        assert page.url == site_url
        assert page.evaluate(_LOCK) == [False, "", 412]     # unlocked, at the phone's width
        assert page.evaluate("performance.getEntriesByType('navigation').length") == 1

        page.goto(site_url + "?q=tien", wait_until="networkidle")
        page.locator("li.md-search-result__item > a").first.wait_for()
        assert page.evaluate("typeof document$") == "undefined"
        page.locator(".md-search__input").press("End")
        page.keyboard.type(" dien", delay=60)
        page.wait_for_function("typeof document$ !== 'undefined'")
        page.wait_for_function("document.querySelector('.md-search__input').value === 'tien dien'")
        page.wait_for_function("(document.querySelector('li.md-search-result__item > a') || {}).href"
                               "?.includes('/huong-dan/tien-dien/')")
        assert page.evaluate("document.querySelector('.md-search__input').value") == "tien dien"

        # its X (the form's reset) empties the box, and Material does not fill it in again
        page.goto(site_url + "?q=vneid", wait_until="networkidle")
        page.locator("li.md-search-result__item > a").first.wait_for()
        assert page.evaluate("typeof document$") == "undefined"
        page.locator('.md-search__form button[type="reset"]').tap()
        page.wait_for_function("typeof document$ !== 'undefined'")
        page.wait_for_timeout(500)
        assert page.evaluate("document.querySelector('.md-search__input').value") == ""
        assert page.locator("li.md-search-result__item").count() == 0

        # Enter before the bundle runs opens the best result, as Material's Enter does (no reload)
        page.goto(site_url + "?q=tien+dien", wait_until="networkidle")
        page.locator("li.md-search-result__item > a").first.wait_for()
        assert page.evaluate("typeof document$") == "undefined"
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r".*/huong-dan/tien-dien/\?h=.*"))
    finally:
        ctx.close()


# --- Back closes overlays -------------------------------------------------------------------------

def _open_guide_from_home(page, site_url, gid):
    page.goto(site_url, wait_until="networkidle")
    page.goto(site_url + f"huong-dan/{gid}/", wait_until="networkidle")


@pytest.mark.parametrize("width", WIDTHS)
def test_back_closes_zoomed_picture_and_stays_on_the_guide(browser, site_url, width):
    ctx, page = _page(browser, width)
    guide_url = site_url + f"huong-dan/{LONGEST}/"
    try:
        _open_guide_from_home(page, site_url, LONGEST)
        page.locator(".md-content a.glightbox").first.click()
        page.wait_for_selector(".glightbox-container")
        page.go_back()
        page.wait_for_selector(".glightbox-container", state="detached")
        assert page.url == guide_url and page.inner_text("h1").startswith("Nhận biết lừa đảo")
        # closed with its X: no dead history entry left, Back then leaves for the previous page
        page.locator(".md-content a.glightbox").nth(1).click()
        page.wait_for_selector(".glightbox-container .gclose")
        page.wait_for_timeout(500)
        page.click(".glightbox-container .gclose")
        page.wait_for_selector(".glightbox-container", state="detached")
        page.wait_for_timeout(300)
        assert page.url == guide_url
        page.go_back()
        page.wait_for_url(site_url)
    finally:
        ctx.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_back_closes_share_panel_menu_and_search(browser, site_url, width):
    ctx, page = _page(browser, width)
    guide_url = site_url + f"huong-dan/{LONGEST}/"
    try:
        page.add_init_script("delete Navigator.prototype.share")
        _open_guide_from_home(page, site_url, LONGEST)
        page.click('[data-sotay-action="share"]')
        page.wait_for_selector("#sotay-share", state="visible", timeout=5000)   # a wait, not one read: a loaded CI once read it hidden
        page.go_back()
        page.wait_for_selector("#sotay-share", state="hidden")
        assert page.url == guide_url
        assert page.get_attribute('[data-sotay-action="share"]', "aria-expanded") == "false"

        page.click('.md-header label[for="__drawer"]')
        page.wait_for_function("document.getElementById('__drawer').checked")
        page.go_back()
        page.wait_for_function("!document.getElementById('__drawer').checked")
        assert page.url == guide_url

        page.click('.md-header label[for="__search"]')
        page.wait_for_function("document.getElementById('__search').checked")
        page.go_back()
        page.wait_for_function("!document.getElementById('__search').checked")
        assert page.url == guide_url

        # closing with the button itself leaves no entry behind
        page.click('[data-sotay-action="share"]')
        page.click('[data-sotay-action="share"]')
        assert page.locator("#sotay-share").is_hidden()
        page.wait_for_timeout(300)
        # a link followed from the open menu goes on, and Back returns to the guide
        page.click('.md-header label[for="__drawer"]')
        page.wait_for_function("document.getElementById('__drawer').checked")
        other = page.locator(".md-sidebar--primary a.md-nav__link[href*='/huong-dan/']:not([href*='/" + LONGEST + "/'])").filter(visible=True).first
        target = other.evaluate("a => a.href")
        other.click()
        page.wait_for_url(target)
        page.go_back()
        page.wait_for_url(guide_url)
        page.go_back()
        page.wait_for_url(site_url)
    finally:
        ctx.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_closing_the_search_on_a_phone_leaves_the_page_at_the_phones_width(browser, site_url, width):
    """Material's search opens from a circle scaled 45 times; while it shrank back on closing, a
    phone widened the page for good (412 → 498 px: smaller text, a page that pans sideways)."""
    ctx, page = _page(browser, width, has_touch=True, is_mobile=True, service_workers="block")
    try:
        page.goto(site_url + f"huong-dan/{LONGEST}/", wait_until="networkidle")
        for close in ("back", "arrow"):
            page.locator('.md-header label[for="__search"]').first.tap()
            page.wait_for_function("document.getElementById('__search').checked")
            page.wait_for_timeout(1000)                   # opened, and the page under it held still
            if close == "back":
                page.go_back()
            else:
                page.locator('.md-search__inner label[for="__search"]').tap()
            page.wait_for_function("!document.getElementById('__search').checked")
            page.wait_for_timeout(1000)                   # Material's closing transition is over
            assert page.evaluate("[innerWidth, document.documentElement.scrollWidth]") == [width, width], close
    finally:
        ctx.close()


# --- print ----------------------------------------------------------------------------------------

def _print_pdf(browser, site_url, gid) -> bytes:
    ctx, page = _page(browser, 412)
    try:
        page.goto(site_url + f"huong-dan/{gid}/", wait_until="networkidle")
        page.evaluate("""Promise.all([...document.querySelectorAll('.md-content img')].map(i => {
            i.loading = 'eager'; return i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r; }); }))""")
        return page.pdf(format="A4", prefer_css_page_size=True)
    finally:
        ctx.close()


def _ink_bottom(img) -> float:
    """How far down the page (0–1) the last non-white pixel is."""
    gray = img.convert("L").point(lambda v: 255 if v < 240 else 0)
    box = gray.getbbox()
    return box[3] / img.height if box else 0.0


def test_longest_guide_prints_on_four_pages_without_empty_ones(browser, site_url, catalog):
    import pypdfium2 as pdfium
    import zxingcpp
    from pypdf import PdfReader
    pdf = _print_pdf(browser, site_url, LONGEST)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) <= 4, f"{len(reader.pages)} A4 pages"
    short = catalog.short_url(catalog.by_id(LONGEST))
    assert short.split("://", 1)[1].rstrip("/") in reader.pages[0].extract_text()
    doc = pdfium.PdfDocument(pdf)
    first = doc[0].render(scale=2).to_pil()
    assert short in [r.text for r in zxingcpp.read_barcodes(first)]
    for i in range(len(doc) - 1):                      # every page but the last is at least 70 % used
        assert _ink_bottom(doc[i].render(scale=0.5).to_pil()) > 0.7, f"page {i + 1} is mostly empty"
    # every step's screen is printed beside its step at a sensible width (25–45 mm)
    text = re.sub(r"\s+", "", unicodedata.normalize("NFC", "".join(p.extract_text() for p in reader.pages)))
    for n in range(1, 10):
        assert f"Bước{n}:" in text, n


def test_screens_print_beside_their_step(browser, site_url):
    ctx, page = _page(browser, 412)
    try:
        page.goto(site_url + f"huong-dan/{LONGEST}/", wait_until="networkidle")
        page.emulate_media(media="print")
        rows = page.evaluate("""[...document.querySelectorAll('.sotay-step')].map(s => {
            const h = s.querySelector('h2').getBoundingClientRect(), f = s.querySelector('figure').getBoundingClientRect();
            return [f.left >= h.right - 1, f.top - h.top, f.width]; })""")
        assert len(rows) == 9
        for beside, dy, w in rows:
            assert beside and abs(dy) < 5, rows             # to the right of the step heading, level with it
            assert 25 * 3.78 <= w <= 45 * 3.78, w           # 25–45 mm wide
    finally:
        ctx.close()


# --- sources --------------------------------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
def test_sources_fold_behind_one_line_and_help_follows(browser, site_url, catalog, width):
    g = catalog.by_id("tien-dien")
    ctx, page = _page(browser, width)
    try:
        page.goto(site_url + g.url_path, wait_until="networkidle")
        summary = page.locator("details.sotay-sources > summary")
        cited = page.evaluate("new Set([...document.querySelectorAll('.md-content a.footnote-ref')].map(a => a.hash)).size")
        assert cited >= 1
        assert summary.inner_text().strip() == f"Nguồn tham khảo ({cited})"
        items = page.locator("details.sotay-sources li")
        assert items.count() == cited and not items.first.is_visible()
        box = summary.bounding_box()
        assert box["height"] >= 44 and box["height"] <= 110                 # one line (two at most at 320 px)
        assert page.evaluate("document.querySelector('details.sotay-sources').nextElementSibling.className") == "sotay-help"
        summary.click()
        assert items.first.is_visible()
        # a link to the sources opens them
        summary.click()
        page.evaluate("location.hash = '#nguon-tham-khao'")
        page.wait_for_function("document.querySelector('details.sotay-sources').open")
    finally:
        ctx.close()


FOOTNOTES = """<p>Gọi tổng đài<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>.</p>
<div class="footnote">
<hr />
<ol>
<li id="fn:1">
<p>Nguồn một (evn.com.vn)&#160;<a class="footnote-backref" href="#fnref:1" title="Jump back">&#8617;</a></p>
</li>
<li id="fn:2">
<p>Nguồn hai&#160;<a class="footnote-backref" href="#fnref:2" title="Jump back">&#8617;</a></p>
</li>
</ol>
</div>
"""


@pytest.mark.parametrize("html,count", [
    (FOOTNOTES, 2),
    ('<h2 id="nguon-tham-khao">Nguồn tham khảo<a class="headerlink" href="#nguon-tham-khao">¶</a></h2>\n'
     "<ul>\n<li>A (a.vn)</li>\n<li>B (b.vn)</li>\n<li>C (c.vn)</li>\n</ul>\n", 3),
    ('<h2 id="nguon-tham-khao">Nguồn tham khảo</h2>\n' + FOOTNOTES.split("\n", 1)[1], 2),
])
def test_fold_sources_takes_a_list_or_footnotes(html, count):
    out = guide_html.fold_sources(html)
    soup = BeautifulSoup(out, "html.parser")
    d = soup.select_one("details.sotay-sources#nguon-tham-khao")
    assert d is not None and d.summary.get_text() == f"Nguồn tham khảo ({count})"
    assert len(d.select("li")) == count
    assert soup.find("h2", id="nguon-tham-khao") is None
    assert len(soup.select("li")) == count                           # nothing lost, nothing doubled


def test_group_steps_keeps_every_element_once():
    html = ('<p>intro</p>\n<h2 id="buoc-1-a">Bước 1: A</h2>\n<p>a</p>\n<figure>x</figure>\n'
            '<h2 id="buoc-2-b">Bước 2: B</h2>\n<p>b</p>\n<h2 id="neu-gap-loi">Nếu gặp lỗi</h2>\n<p>c</p>\n')
    out = guide_html.group_steps(html)
    soup = BeautifulSoup(out, "html.parser")
    steps = soup.select("section.sotay-step")
    assert [s.h2["id"] for s in steps] == ["buoc-1-a", "buoc-2-b"]
    assert [el.name for el in steps[0].find_all(recursive=False)] == ["h2", "p", "figure"]
    assert soup.find(id="neu-gap-loi").parent.name == "[document]"
    assert [s.h2.get_text() for s in steps] == ["Bước 1: A", "Bước 2: B"]
    assert out.replace('<section class="sotay-step">', "").replace("</section>\n", "").replace("\n", "") \
        == html.replace("\n", "")


@pytest.mark.parametrize("html,expected", [
    ("<h2 id=\"buoc-1-mo-binhdanhocvusogovvn\">Bước 1: Mở binhdanhocvuso.gov.vn</h2>",
     "<h2 id=\"buoc-1-mo-binhdanhocvusogovvn\">Bước 1: Mở binhdanhocvuso<wbr>.gov<wbr>.vn</h2>"),
    ('<p>Gõ <a href="https://dichvucong.gov.vn/p/home">dichvucong.gov.vn</a>, rồi (dean06.hanam.gov.vn).</p>',
     '<p>Gõ <a href="https://dichvucong.gov.vn/p/home">dichvucong<wbr>.gov<wbr>.vn</a>, rồi (dean06<wbr>.hanam<wbr>.gov<wbr>.vn).</p>'),
    ("<p>tinnhiemmang.vn/website-lua-dao</p>", "<p>tinnhiemmang<wbr>.vn/website-lua-dao</p>"),
    # not addresses, or not text: an e-mail, a number, a version, the end ".gov.vn", code, attributes
    ("<p>hotro@abc.gov.vn, 1.5 kg, bản 2.1, kết thúc bằng .gov.vn</p>",
     "<p>hotro@abc.gov.vn, 1.5 kg, bản 2.1, kết thúc bằng .gov.vn</p>"),
    ('<code>abc.gov.vn</code><img alt="x.gov.vn" src="a.svg">', '<code>abc.gov.vn</code><img alt="x.gov.vn" src="a.svg">'),
])
def test_break_addresses_only_before_dots_in_text(html, expected):
    out = guide_html.break_addresses(html)
    assert out == expected
    assert BeautifulSoup(out, "html.parser").get_text() == BeautifulSoup(html, "html.parser").get_text()


# --- 320 px at the largest text -----------------------------------------------------------------

LINES_JS = """el => {
  const words = [], walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest('.headerlink')) continue;
    const re = /\\S+/g; let m;
    while ((m = re.exec(node.data))) {
      const r = document.createRange(); r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
      const rect = r.getClientRects()[0]; if (rect) words.push([Math.round(rect.top), m[0], rect.width]);
    }
  }
  const lines = new Map();
  for (const [top, w, width] of words) { const k = [...lines.keys()].find(t => Math.abs(t - top) < 6);
    lines.set(k ?? top, [...(lines.get(k ?? top) || []), [w, width]]); }
  const inner = el.clientWidth - parseFloat(getComputedStyle(el).paddingLeft) - parseFloat(getComputedStyle(el).paddingRight);
  return [...lines.values()].map(ws => [ws.map(x => x[0]).join(' '), ws.reduce((a, x) => a + x[1], 0) / inner]);
}"""


PLACEHOLDER_FITS = """el => { const c = document.createElement('canvas').getContext('2d');
    const s = getComputedStyle(el), h = getComputedStyle(el, '::placeholder'); c.font = h.fontSize + ' ' + h.fontFamily;
    return c.measureText(el.placeholder).width <= el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }"""


# Words (8+ characters, within one text node) that the browser cut between two letters or digits
# inside a piece that fits on one line. A break after "-" or "/" is a normal one. A web address is
# made of pieces, each starting at a dot: it may break at the <wbr> before a dot
# (guide_html.break_addresses), not inside "binhdanhocvuso". A piece wider than the whole line
# ("vietnamlawmagazine" at 320 px, largest text) has to be cut somewhere.
CUT_WORDS_JS = """() => {
  const cut = [], root = document.querySelector('.md-content'), alnum = /[\\p{L}\\p{N}]/u;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = (node, i, j) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, j); return r; };
  const top = (node, i) => { const q = range(node, i, i + 1).getClientRects()[0]; return q ? Math.round(q.top) : null; };
  const width = (node, i, j) => [...range(node, i, j).getClientRects()].reduce((w, q) => w + q.width, 0);
  while (walker.nextNode()) {
    const node = walker.currentNode, re = /\\S{8,}/g; let m;
    const block = node.parentElement.closest('h1, h2, h3, p, li');
    if (!block || !node.parentElement.offsetParent) continue;
    const cs = getComputedStyle(block);
    const line = block.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    while ((m = re.exec(node.data))) {
      const end = m.index + m[0].length;
      for (let i = m.index + 1; i < end; i++) {
        if (!alnum.test(node.data[i - 1]) || !alnum.test(node.data[i]) || top(node, i - 1) === top(node, i)) continue;
        const from = Math.max(m.index, node.data.lastIndexOf('.', i)), dot = node.data.indexOf('.', i);
        const to = dot < 0 || dot > end ? end : dot;
        if (width(node, from, to) <= line) { cut.push(m[0]); break; }
      }
    }
  }
  return cut;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_largest_text_headings_and_tools_stay_readable(browser, site_url, catalog, width):
    ctx, page = _page(browser, width, size=4)
    try:
        for g in catalog.guides:
            page.goto(site_url + g.url_path)
            assert page.get_attribute("html", "data-sotay-size") == "4"
            page.evaluate("document.querySelectorAll('[data-sotay-action=\"speak\"]').forEach(b => b.hidden = false)")
            tops = page.eval_on_selector_all(".sotay-tools .sotay-btn",
                                             "bs => [...new Set(bs.map(b => Math.round(b.getBoundingClientRect().top)))]")
            assert len(tops) <= 2, f"{g.id}: the tools take {len(tops)} rows"
            for h in page.locator(".md-content h1, .md-content h2").all():
                if not h.is_visible():
                    continue
                lines = h.evaluate(LINES_JS)
                if len(lines) > 1:      # a short word alone on a line (a long address may fill one)
                    alone = [text for text, share in lines if " " not in text and share < 0.6]
                    assert not alone, f"{g.id}: heading with a word alone on a line: {lines}"
            assert page.evaluate("document.documentElement.scrollWidth") <= width, g.id
            cut = page.evaluate(CUT_WORDS_JS)
            assert not cut, f"{g.id}: words cut across two lines: {cut}"
        page.goto(site_url)
        box = page.locator("#sotay-q")
        assert box.evaluate(PLACEHOLDER_FITS), box.get_attribute("placeholder")
        hint = page.locator(".sotay-home-search__hint")
        assert hint.is_visible() and "tiền điện" in hint.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # the search dialog's box, open with the caret in it (no "…" then)
        page.locator('.md-header label[for="__search"]').first.click()
        page.wait_for_function("document.activeElement.matches('.md-search__input')")
        assert page.locator(".md-search__input").evaluate(PLACEHOLDER_FITS)
    finally:
        ctx.close()
