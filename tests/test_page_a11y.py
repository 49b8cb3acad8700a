"""Accessibility and privacy budgets (issue 6): axe-core (WCAG 2.2 AA + best practice) finds nothing
on the home page, a category page, a guide page, the 404 page (issue 13, at a missing address two
levels deep) and with the search open; no request leaves the site."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from helpers import AXE_TAGS, guides_in



def _category_with_guides(site_dir) -> str:
    for p in sorted((site_dir / "chu-de").glob("*/index.html")):
        if 'href="../../huong-dan/' in p.read_text(encoding="utf-8"):
            return p.parent.name
    raise AssertionError("no category page lists a guide")


def _views(site_dir):
    return {"home": "", "404": "huong-dan/khong-co/", "category": f"chu-de/{_category_with_guides(site_dir)}/",
            "guide": f"huong-dan/{guides_in(site_dir)[0]}/"}


def _open_search(page, query="vneid"):
    page.click('label[for="__search"]')
    page.wait_for_selector(".md-search__input", state="visible")
    page.locator(".md-search__input").press_sequentially(query, delay=60)
    page.wait_for_selector(".md-search-result__item", timeout=15000)


@pytest.mark.parametrize("view", ["home", "category", "guide", "404", "search", "guide+share+menu"])
def test_axe_clean(phone, site_url, site_dir, view):
    views = _views(site_dir)
    phone.goto(site_url + views.get(view.split("+")[0], ""), wait_until="networkidle")
    if view == "search":
        _open_search(phone)
    if view == "guide+share+menu":
        phone.add_init_script("delete Navigator.prototype.share")
        phone.reload(wait_until="networkidle")
        phone.click('[data-sotay-action="share"]')
        phone.click('.md-header label[for="__drawer"]')
        phone.wait_for_timeout(400)
    results = Axe().run(phone, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_no_third_party_requests(phone, site_url, site_dir):
    views = _views(site_dir)
    for path in views.values():
        phone.goto(site_url + path, wait_until="networkidle")
    phone.click('[data-sotay-action="share"]')
    _open_search(phone)
    phone.goto(site_url + views["guide"], wait_until="networkidle")
    links = phone.locator(".md-content a.glightbox")
    assert links.count() > 0, "the guide page has no zoomable picture to open"
    links.first.click()
    phone.wait_for_selector(".glightbox-container .gslide-image img")
    phone.wait_for_load_state("networkidle")
    shown = phone.locator(".glightbox-container .gslide-image img").first.evaluate("img => img.currentSrc || img.src")
    assert shown.startswith(site_url), shown                 # the lightbox shows the site's own picture
    outside = [u for u in phone.requests if not u.startswith(site_url) and not u.startswith(("data:", "blob:"))]
    assert not outside, outside


def test_keyboard_focus_is_visible(phone, site_url, site_dir):
    phone.goto(site_url + _views(site_dir)["guide"], wait_until="networkidle")
    seen = []
    for _ in range(15):                     # the closed menu drawer and search box are skipped
        phone.keyboard.press("Tab")
        seen.append(phone.evaluate("document.activeElement.outerHTML.slice(0, 70)"))
        if phone.evaluate("document.activeElement.matches('[data-sotay-action]')"):
            break
    else:
        raise AssertionError(f"the reader tools are not near the top of the tab order: {seen}")
    assert phone.locator(".md-sidebar--primary").get_attribute("inert") is not None
    phone.click('.md-header label[for="__drawer"]')
    phone.wait_for_function("!document.querySelector('.md-sidebar--primary').hasAttribute('inert')")
    phone.keyboard.press("Escape")
    phone.locator('[data-sotay-action="larger"]').focus()
    phone.keyboard.press("Shift+Tab")
    phone.keyboard.press("Tab")
    style = phone.evaluate("""(() => { const s = getComputedStyle(document.activeElement);
                                      return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()""")
    assert style[0] != "none" and style[1] >= 2, style
