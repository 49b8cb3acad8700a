"""Accessibility and privacy budgets (issue 6): axe-core (WCAG 2.2 AA + best practice) finds nothing
on the home page, a category page, a guide page and with the search open; no request leaves the site."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from test_page_theme import _guides

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _category_with_guides(site_dir) -> str:
    for p in sorted((site_dir / "chu-de").glob("*/index.html")):
        if 'href="../../huong-dan/' in p.read_text(encoding="utf-8"):
            return p.parent.name
    raise AssertionError("no category page lists a guide")


def _views(site_dir):
    return {"home": "", "category": f"chu-de/{_category_with_guides(site_dir)}/",
            "guide": f"huong-dan/{_guides(site_dir)[0]}/"}


def _open_search(page, query="vneid"):
    page.click('label[for="__search"]')
    page.wait_for_selector(".md-search__input", state="visible")
    page.locator(".md-search__input").press_sequentially(query, delay=60)
    page.wait_for_selector(".md-search-result__item", timeout=15000)


@pytest.mark.parametrize("view", ["home", "category", "guide", "search"])
def test_axe_clean(phone, site_url, site_dir, view):
    views = _views(site_dir)
    phone.goto(site_url + views.get(view, ""), wait_until="networkidle")
    if view == "search":
        _open_search(phone)
    results = Axe().run(phone, options={"runOnly": {"type": "tag", "values": TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_no_third_party_requests(phone, site_url, site_dir):
    views = _views(site_dir)
    for path in views.values():
        phone.goto(site_url + path, wait_until="networkidle")
    phone.click('[data-sotay-action="share"]')
    _open_search(phone)
    link = phone.locator(".md-content a.glightbox")
    phone.goto(site_url + views["guide"], wait_until="networkidle")
    phone.locator(".md-content a.glightbox").first.click()
    phone.wait_for_selector(".glightbox-container")
    phone.wait_for_load_state("networkidle")
    outside = [u for u in phone.requests if not u.startswith(site_url) and not u.startswith(("data:", "blob:"))]
    assert not outside, outside
    assert link is not None
