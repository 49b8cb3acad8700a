"""The guide page for a resident on a cheap phone (issue 6), in headless Chromium on the built site:
text size, Android/iPhone tabs, share fallback, read aloud, lightbox, print, offline, budgets."""
from __future__ import annotations

import io
import urllib.parse

import pytest
from bs4 import BeautifulSoup

from helpers import ANDROID_UA, PHONE, as_deployed, guides_in, page_soup

IPHONE_UA = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
             "Version/17.5 Mobile/15E148 Safari/604.1")


def _soup(path) -> BeautifulSoup:
    return page_soup(path.read_text(encoding="utf-8"))


def _tab_guides(site_dir) -> list[str]:
    """Guides whose page has an Android / iPhone tab set."""
    out = []
    for gid in guides_in(site_dir):
        soup = _soup(site_dir / "huong-dan" / gid / "index.html")
        for labels in soup.select(".tabbed-set .tabbed-labels"):
            names = {lab.get_text(strip=True) for lab in labels.find_all("label")}
            if {"Android", "iPhone"} <= names:
                out.append(gid)
                break
    return out


@pytest.fixture(scope="session")
def guide(site_dir) -> str:
    guides = guides_in(site_dir)
    assert guides, "the build has no guide pages"
    tabbed = _tab_guides(site_dir)
    return tabbed[0] if tabbed else guides[0]


def _new_page(browser, ua=ANDROID_UA, **kw):
    kw.setdefault("viewport", PHONE)
    ctx = browser.new_context(device_scale_factor=1, locale="vi-VN", user_agent=ua, **kw)
    page = ctx.new_page()
    page.set_default_timeout(15000)
    return ctx, page


def instant_click(page, href):
    """Follow a link inside the page (Material instant navigation) and wait for the new page."""
    page.evaluate("window.__navs = 0; document$.subscribe(() => window.__navs++)")
    page.evaluate("""(href) => { const a = document.createElement('a'); a.href = href;
                                 document.querySelector('.md-content__inner').append(a); a.click(); }""", href)
    page.wait_for_function("window.__navs >= 2")
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1, "the page was reloaded"


def _px(page, selector, prop) -> float:
    return page.eval_on_selector(selector, f"el => parseFloat(getComputedStyle(el).{prop})")


# --- reading -------------------------------------------------------------------------------------

def test_body_text_large_and_tap_targets_48px(browser, site_url, guide):
    ctx, page = _new_page(browser)
    try:
        page.set_viewport_size({"width": 360, "height": 780})
        page.goto(f"{site_url}huong-dan/{guide}/")
        size = _px(page, ".md-content__inner > p", "fontSize")
        line = _px(page, ".md-content__inner > p", "lineHeight")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, "page wider than a 360 px phone"
        assert size >= 18, f"body text {size}px"
        assert line / size >= 1.5, f"line height {line / size:.2f}"
        step = page.locator('h2[id^="buoc-"]').first
        num = page.evaluate("""() => { const h = document.querySelector('h2[id^="buoc-"]');
                                       const s = getComputedStyle(h, '::before');
                                       return [s.content, parseFloat(s.width), s.backgroundColor]; }""")
        assert num[0] == "counter(sotay-step)" or num[0].strip('"') == "1", num
        assert num[1] >= 36, f"step number circle {num[1]}px"
        assert step.is_visible()
        # every visible control in the header, the tools row and the tabs is ≥ 48 × 48 px
        small = page.evaluate("""() => [...document.querySelectorAll(
              '.md-header__button, .sotay-tools button:not([hidden]), .tabbed-labels > label, .md-content__button')]
            .filter(el => el.offsetParent !== null)
            .map(el => [el.outerHTML.slice(0, 60), el.getBoundingClientRect()])
            .filter(([h, r]) => r.width < 47.5 || r.height < 47.5)
            .map(([h, r]) => `${h} ${Math.round(r.width)}x${Math.round(r.height)}`)""")
        assert not small, small
        # the drawer's links are ≥ 48 px tall too
        page.click('.md-header label[for="__drawer"]')
        page.wait_for_timeout(400)
        heights = page.evaluate("""() => [...document.querySelectorAll('.md-nav--primary .md-nav__link')]
            .filter(el => el.offsetParent !== null && el.getBoundingClientRect().height > 0)
            .map(el => el.getBoundingClientRect().height)""")
        assert heights and min(heights) >= 47.5, heights
    finally:
        ctx.close()


def test_vietnamese_words_drawn_in_one_font_the_mock_screens_font(browser, site_url, guide):
    """Every marked letter comes from the same font as the rest of its word, and that font is the one
    the step pictures name first (images/mockscreen.py FONT_STACK). Material's own stack ends at
    Helvetica/Arial, which on a Linux PC is Liberation Sans 1.x: it has no "ể", so such letters came
    from another font (patched-looking words, and a slower first layout of a long guide)."""
    from sotay.images.mockscreen import FONT_STACK
    ctx, page = _new_page(browser)
    try:
        page.goto(f"{site_url}huong-dan/{guide}/")
        page.evaluate("""(stack) => { const s = document.createElement('span'); s.id = 'font-probe';
                                      s.style.fontFamily = stack; s.textContent = 'Hướng dẫn';
                                      document.querySelector('.md-content__inner').append(s); }""", FONT_STACK)
        cdp = ctx.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]

        def fonts(selector):
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
            return sorted({f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]})

        picture_font = fonts("#font-probe")
        assert len(picture_font) == 1, picture_font
        for selector in (".md-content__inner > p", 'h2[id^="buoc-"]', ".md-header__topic .md-ellipsis"):
            assert fonts(selector) == picture_font, (selector, fonts(selector), picture_font)
    finally:
        ctx.close()


@pytest.mark.parametrize("width", [320, 360])
def test_no_page_scrolls_sideways_on_a_small_phone(browser, site_url, site_dir, width):
    pages = sorted(p.parent.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html")
                   if p.relative_to(site_dir).parts[0] not in ("q", "search"))
    assert len(pages) >= 20
    ctx, page = _new_page(browser, viewport={"width": width, "height": 740})
    wide = []
    try:
        for rel in pages:
            page.goto(site_url + ("" if rel == "." else rel + "/"), wait_until="load")
            if page.evaluate("document.documentElement.scrollWidth") > width:
                wide.append(rel)
    finally:
        ctx.close()
    assert not wide, f"wider than {width} px: {wide}"


def test_text_size_control_persists_across_pages(browser, site_url, site_dir, catalog, guide):
    ctx, page = _new_page(browser, service_workers="block")
    try:
        as_deployed(page, site_url, catalog)
        page.goto(f"{site_url}huong-dan/{guide}/")
        base = _px(page, ".md-content__inner > p", "fontSize")
        smaller = page.locator('[data-sotay-action="smaller"]')
        assert smaller.get_attribute("aria-disabled") == "true"        # already the smallest size
        page.click('[data-sotay-action="larger"]')
        page.click('[data-sotay-action="larger"]')
        bigger = _px(page, ".md-content__inner > p", "fontSize")
        assert bigger >= base * 1.2, (base, bigger)
        assert page.evaluate("localStorage.getItem('sotay.size')") == "2"
        # instant navigation (Material swaps the page without reloading): size kept
        page.wait_for_load_state("networkidle")
        instant_click(page, site_url)
        page.wait_for_function("!location.pathname.includes('/huong-dan/')")
        assert page.evaluate("document.documentElement.getAttribute('data-sotay-size')") == "2"
        assert page.locator('[data-sotay-action="smaller"]').get_attribute("aria-disabled") == "false"
        # a full page load of another page: size applied before first paint by the head script
        other = [g for g in guides_in(site_dir) if g != guide] or [guide]
        page.goto(f"{site_url}huong-dan/{other[0]}/")
        assert page.evaluate("document.documentElement.getAttribute('data-sotay-size')") == "2"
        assert _px(page, ".md-content__inner > p", "fontSize") == pytest.approx(bigger, abs=0.5)
        page.click('[data-sotay-action="smaller"]')
        page.click('[data-sotay-action="smaller"]')
        assert _px(page, ".md-content__inner > p", "fontSize") == pytest.approx(base, abs=0.5)
        page.reload()
        assert _px(page, ".md-content__inner > p", "fontSize") == pytest.approx(base, abs=0.5)
    finally:
        ctx.close()


def _checked_tab(page) -> str:
    return page.evaluate("""() => { const set = document.querySelector('.tabbed-set');
        const input = set.querySelector(':scope > input:checked');
        return set.querySelector(`label[for="${input.id}"]`).innerText.trim(); }""")


@pytest.mark.parametrize("ua, expected", [(ANDROID_UA, "Android"), (IPHONE_UA, "iPhone")])
def test_tabs_follow_the_phone(browser, site_url, site_dir, ua, expected):
    tabbed = _tab_guides(site_dir)
    assert tabbed, "no guide with Android / iPhone tabs in the build"
    ctx, page = _new_page(browser, ua)
    try:
        page.goto(f"{site_url}huong-dan/{tabbed[0]}/")
        assert _checked_tab(page) == expected
        visible = page.locator(".tabbed-set").first.locator(".tabbed-block").filter(has=page.locator(":visible"))
        assert visible.count() >= 1
    finally:
        ctx.close()


LAYOUT_READS = ("innerText", "offsetWidth", "offsetHeight", "offsetTop", "clientWidth", "clientHeight",
                "scrollHeight", "scrollWidth", "getBoundingClientRect", "getClientRects", "getComputedStyle")


def test_inline_scripts_never_force_a_layout_while_the_page_is_parsed(site_dir):
    """A script inside the HTML runs mid-parse: reading layout there (Material's tab memory used
    label.innerText) lays out the whole half-styled page, the largest task of a guide's first load."""
    pages = [p for p in site_dir.rglob("index.html") if "/q/" not in p.as_posix()] + [site_dir / "404.html"]
    assert len(pages) > 40
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in soup.select("script:not([src])"):
            if script.get("type", "text/javascript") != "text/javascript":
                continue
            used = [name for name in LAYOUT_READS if name in script.get_text()]
            assert not used, f"{path.relative_to(site_dir)}: inline script reads layout ({used})"


def test_manual_tab_choice_remembered_across_guides(browser, site_url, site_dir, catalog):
    tabbed = _tab_guides(site_dir)
    assert tabbed, "no guide with Android / iPhone tabs in the build"
    ctx, page = _new_page(browser, ANDROID_UA, service_workers="block")
    try:
        as_deployed(page, site_url, catalog)
        page.goto(f"{site_url}huong-dan/{tabbed[0]}/")
        assert _checked_tab(page) == "Android"
        page.locator(".tabbed-set").first.locator("label", has_text="iPhone").click()
        assert _checked_tab(page) == "iPhone"
        target = tabbed[1] if len(tabbed) > 1 else tabbed[0]
        page.wait_for_load_state("networkidle")
        instant_click(page, f"{site_url}huong-dan/{target}/")           # Material's instant navigation
        assert page.url.endswith(f"/huong-dan/{target}/")
        assert _checked_tab(page) == "iPhone"
        page.goto(f"{site_url}huong-dan/{tabbed[-1]}/")                 # a full page load
        assert _checked_tab(page) == "iPhone"
        page.goto(f"{site_url}huong-dan/{tabbed[0]}/")
        assert _checked_tab(page) == "iPhone"
    finally:
        ctx.close()


def test_read_aloud_hidden_without_vietnamese_voice_and_reads_steps_with_one(browser, site_url, guide):
    ctx, page = _new_page(browser)
    try:
        page.add_init_script("""
            Object.defineProperty(window, 'speechSynthesis', { value: {
                getVoices: () => [], speak() {}, cancel() {}, addEventListener() {} } });""")
        page.goto(f"{site_url}huong-dan/{guide}/")
        assert page.locator('[data-sotay-action="speak"]').is_hidden()
    finally:
        ctx.close()
    ctx, page = _new_page(browser)
    try:
        page.add_init_script("""
            window.__spoken = [];
            window.SpeechSynthesisUtterance = function (text) { this.text = text; };
            Object.defineProperty(window, 'speechSynthesis', { value: {
                getVoices: () => [{ lang: 'en-US', name: 'English' }, { lang: 'vi-VN', name: 'Tiếng Việt' }],
                speak(u) { window.__spoken.push([u.text, u.lang]); u.onstart && u.onstart(); },
                cancel() {}, addEventListener() {} } });""")
        page.goto(f"{site_url}huong-dan/{guide}/")
        btn = page.locator('[data-sotay-action="speak"]')
        assert btn.is_visible()
        btn.click()
        spoken = page.evaluate("window.__spoken")
        texts = [t for t, _ in spoken]
        assert all(lang == "vi-VN" for _, lang in spoken)
        title = page.locator(".md-content__inner h1").inner_text().replace("¶", "").strip()
        first_step = page.locator('h2[id^="buoc-"]').first.inner_text().replace("¶", "").strip()
        assert texts[0] == title
        assert first_step in texts
        assert not any("Nguồn tham khảo" in t for t in texts)
        assert not any("Cần giúp đỡ" in t for t in texts)
        assert btn.get_attribute("aria-pressed") == "true"
        btn.click()                                                    # stop
        assert btn.get_attribute("aria-pressed") == "false"
    finally:
        ctx.close()


def test_step_image_opens_full_screen_lightbox_loaded_on_demand(phone, site_url, guide):
    phone.goto(f"{site_url}huong-dan/{guide}/", wait_until="networkidle")
    assert not any("glightbox" in u for u in phone.requests), "GLightbox must not load before a tap"
    link = phone.locator(".md-content a.glightbox").first
    link.scroll_into_view_if_needed()
    link.click()
    phone.wait_for_selector(".glightbox-container .gslide-image img", state="visible")
    assert any(u.endswith("glightbox.min.js") for u in phone.requests)
    phone.keyboard.press("Escape")
    phone.wait_for_selector(".glightbox-container", state="detached")


def test_step_images_keep_their_place_and_load_only_near_the_screen(phone, site_url, site_dir, catalog):
    """Before an image arrives its box already has the image's height (the page does not jump and
    the browser does not see every image as close); images far below the first view are not
    fetched until the reader scrolls to them."""
    g = max(catalog.guides, key=lambda g: len(list((site_dir / g.url_path).glob("buoc-*.svg"))))
    phone.goto(f"{site_url}{g.url_path}", wait_until="networkidle")
    boxes = phone.evaluate("""[...document.querySelectorAll('.md-content article img[loading=lazy]')]
        .filter(i => i.offsetParent).map(i => ({src: i.getAttribute('src'), h: i.getBoundingClientRect().height,
        w: i.getBoundingClientRect().width, aw: +i.getAttribute('width'), ah: +i.getAttribute('height'),
        room: i.parentElement.getBoundingClientRect().width,
        top: i.getBoundingClientRect().top, loaded: i.complete && i.naturalWidth > 0}))""")
    assert len(boxes) >= 6, boxes
    for b in boxes:
        assert abs(b["w"] - min(b["aw"], b["room"])) <= 2, b           # reserved even when not loaded
        assert abs(b["h"] - b["w"] * b["ah"] / b["aw"]) <= 2, b
    far = [b for b in boxes if b["top"] > 3 * PHONE["height"]]
    assert far, "the longest guide has no image far below the first view"
    asked = [u.rsplit("/", 1)[-1] for u in phone.requests]
    assert not any(b["src"] in asked for b in far), "images far below the first view were fetched"
    last = far[-1]["src"]
    phone.locator(f'img[src="{last}"]').scroll_into_view_if_needed()
    phone.wait_for_function(f"""(() => {{ const i = document.querySelector('img[src="{last}"]');
                                           return i.complete && i.naturalWidth > 0; }})()""")


# --- sharing -------------------------------------------------------------------------------------

def test_share_fallback_copies_the_short_link(browser, site_url, site_dir, catalog, guide):
    g = catalog.by_id(guide)
    short = catalog.short_url(g)
    ctx, page = _new_page(browser)
    try:
        ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
        page.add_init_script("delete Navigator.prototype.share; delete navigator.share;")
        page.goto(f"{site_url}huong-dan/{guide}/")
        panel = page.locator("#sotay-share")
        assert panel.is_hidden()
        page.click('[data-sotay-action="share"]')
        assert panel.is_visible()
        assert page.locator('[data-sotay-action="share"]').get_attribute("aria-expanded") == "true"
        assert page.input_value("#sotay-share-url") == short
        page.click('[data-sotay-action="copy"]')
        page.wait_for_function("document.querySelector('.sotay-share__status').textContent.length > 0")
        assert "Đã sao chép" in page.inner_text(".sotay-share__status")
        assert page.evaluate("navigator.clipboard.readText()") == short
        # direct links for Facebook and SMS carry the short link (Zalo: copy-paste, see the template)
        fb = page.get_attribute('#sotay-share a[href*="facebook.com"]', "href")
        split = urllib.parse.urlsplit(fb)
        assert (split.scheme, split.netloc, split.path) == ("https", "www.facebook.com", "/sharer/sharer.php")
        assert urllib.parse.parse_qs(split.query)["u"] == [short]
        sms = page.get_attribute('#sotay-share a[href^="sms:"]', "href")
        body = urllib.parse.parse_qs(sms.split("?", 1)[1])["body"][0]
        assert body == f"{catalog.by_id(guide).title} {short}"
        for link in page.locator("#sotay-share a").all():
            box = link.bounding_box()
            assert box["height"] >= 48 and link.is_visible()
    finally:
        ctx.close()


def test_share_uses_web_share_api_with_the_short_link(browser, site_url, catalog, guide):
    short = catalog.short_url(catalog.by_id(guide))
    ctx, page = _new_page(browser)
    try:
        page.add_init_script("navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };")
        page.goto(f"{site_url}huong-dan/{guide}/")
        page.click('[data-sotay-action="share"]')
        shared = page.evaluate("window.__shared")
        assert shared["url"] == short
        assert shared["title"] == catalog.by_id(guide).title
        assert page.locator("#sotay-share").is_hidden()
    finally:
        ctx.close()


def test_link_preview_tags_on_every_page(site_dir, catalog):
    from PIL import Image
    pages = [p for p in site_dir.rglob("index.html") if p.relative_to(site_dir).parts[0] not in ("q", "search")]
    assert len(pages) >= 5
    site_url = catalog.config.site_url
    for path in pages:
        soup = _soup(path)
        meta = {m.get("property") or m.get("name"): m.get("content") for m in soup.find_all("meta")}
        rel = path.relative_to(site_dir).as_posix()
        for key in ("og:title", "og:description", "og:image", "og:url", "twitter:card", "twitter:title",
                    "twitter:description", "twitter:image", "description"):
            assert meta.get(key), f"{rel}: no {key}"
        assert meta["twitter:card"] == "summary_large_image"
        for key in ("og:image", "og:url", "twitter:image"):
            assert meta[key].startswith(site_url), f"{rel}: {key} is not absolute: {meta[key]}"
        image = site_dir / meta["og:image"][len(site_url):]
        assert image.is_file(), f"{rel}: {image} missing"
        with Image.open(image) as im:
            assert im.format == "PNG" and im.size == (1200, 630), (rel, im.format, im.size)
    for g in catalog.guides:
        soup = _soup(site_dir / g.url_path / "index.html")
        meta = {m.get("property") or m.get("name"): m.get("content") for m in soup.find_all("meta")}
        assert meta["description"] == g.summary
        assert meta["og:description"] == g.summary
        assert meta["og:title"] == g.title
        assert meta["og:url"] == catalog.guide_url(g)
        assert meta["og:image"] == f"{site_url}assets/social/{g.id}.png"


def test_short_links_carry_the_guides_link_preview(site_dir, catalog):
    """"Chia sẻ" shares /q/<code>/: Zalo and Facebook build the preview from that page itself."""
    site_url = catalog.config.site_url
    codes = sorted(catalog.shortlinks.items())
    assert codes
    for code, gid in codes:
        g = catalog.by_id(gid)
        soup = _soup(site_dir / "q" / code / "index.html")
        meta = {m.get("property") or m.get("name"): m.get("content") for m in soup.find_all("meta")}
        assert meta["og:title"] == meta["twitter:title"] == g.title, code
        assert meta["og:description"] == meta["description"] == g.summary, code
        assert meta["og:url"] == catalog.guide_url(g), code
        assert meta["og:image"] == meta["twitter:image"] == f"{site_url}assets/social/{g.id}.png", code
        assert (site_dir / meta["og:image"][len(site_url):]).is_file()
        assert meta["twitter:card"] == "summary_large_image"


def test_preview_image_shows_the_title(site_dir, catalog):
    """The preview is not blank: drawn text covers the title area (and differs between guides)."""
    from PIL import Image, ImageChops
    if len(catalog.guides) < 2:
        pytest.skip("needs two guides")
    a, b = catalog.guides[:2]
    with Image.open(site_dir / f"assets/social/{a.id}.png") as ia, Image.open(site_dir / f"assets/social/{b.id}.png") as ib:
        title_box = (80, 190, 1120, 490)
        diff = ImageChops.difference(ia.convert("RGB").crop(title_box), ib.convert("RGB").crop(title_box))
        assert diff.getbbox() is not None
        white = sum(1 for px in ia.convert("L").crop(title_box).getdata() if px > 200)
        assert white > 5000, "no title text drawn"


def test_preview_is_drawn_in_two_ramps_of_anti_aliased_shades():
    """The preview is a palette image drawn without quantizing: the background, 32 shades to white
    (title, kicker, link) and 32 to yellow (site name, bottom bar), the edges anti-aliased."""
    from sotay.web import social
    img = social.draw_image("Kích hoạt tài khoản định danh điện tử mức 2", "Sổ tay số",
                            "sotayso.example.vn/q/abc", kicker="Hướng dẫn từng bước")
    assert img.mode == "P" and img.size == (social.W, social.H)
    rgb = img.convert("RGB")
    colours = {c for _, c in rgb.getcolors(64)}
    ramps = {tuple(social.PALETTE[i:i + 3]) for i in range(0, len(social.PALETTE), 3)}
    assert colours <= ramps and len(colours) > 40                     # many edge shades, nothing else
    assert {rgb.getpixel((x, social.H - 5)) for x in range(0, social.W, 37)} == {social.ACCENT}
    assert rgb.getpixel((5, 5)) == social.BG
    title = rgb.crop((80, 190, 1120, 490))
    assert sum(1 for px in title.getdata() if px == social.FG) > 5000        # the title, in white
    name = rgb.crop((80, 64, 600, 120))
    assert sum(1 for px in name.getdata() if px == social.ACCENT) > 1000     # the site name, in yellow


# --- print ---------------------------------------------------------------------------------------

def test_print_stylesheet(browser, site_url, catalog, guide):
    import zxingcpp
    from PIL import Image
    short = catalog.short_url(catalog.by_id(guide))
    ctx, page = _new_page(browser)
    try:
        page.goto(f"{site_url}huong-dan/{guide}/")
        assert page.locator(".sotay-print").is_hidden()                # not on screen
        page.emulate_media(media="print")
        for sel in (".md-header", ".md-sidebar--primary", ".md-footer", ".sotay-tools"):
            assert page.eval_on_selector(sel, "el => getComputedStyle(el).display") == "none", sel
        qr = page.locator(".sotay-print__qr svg")
        assert qr.is_visible()
        box = qr.bounding_box()
        assert box["width"] >= 100 and box["height"] >= 100
        assert short.split("://", 1)[1].rstrip("/") in page.inner_text(".sotay-print")
        png = qr.screenshot(scale="css")
        img = Image.open(io.BytesIO(png)).convert("L").resize((int(box["width"]) * 3, int(box["height"]) * 3))
        from PIL import ImageOps
        img = ImageOps.expand(img, border=40, fill=255)
        decoded = [r.text for r in zxingcpp.read_barcodes(img)]
        assert short in decoded, decoded
        # steps and their images stay large on paper
        width = page.evaluate("() => document.querySelector('.md-content__inner').getBoundingClientRect().width")
        pdf = page.pdf(format="A4")
        assert pdf[:4] == b"%PDF"
        assert width > 300
    finally:
        ctx.close()


def test_print_button_prints_with_every_step_image_loaded(browser, site_url, guide):
    """"In" loads the lazy images the reader has not scrolled to before opening the print dialog."""
    ctx, page = _new_page(browser)
    try:
        page.add_init_script("""window.print = () => { window.__printed = [...document.querySelectorAll('.md-content img')]
                                  .map(i => i.complete && i.naturalWidth > 0); };""")
        page.goto(f"{site_url}huong-dan/{guide}/", wait_until="networkidle")
        count = page.locator(".md-content img").count()
        loaded = page.evaluate("[...document.querySelectorAll('.md-content img')].filter(i => i.complete && i.naturalWidth > 0).length")
        assert loaded < count, "every image was already loaded: nothing to prove"
        page.click('[data-sotay-action="print"]')
        page.wait_for_function("window.__printed !== undefined")
        assert page.evaluate("window.__printed") == [True] * count
    finally:
        ctx.close()
