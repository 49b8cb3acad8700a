"""Material's page bundle as the site ships it (sotay/web/theme_js.py): the element helper appends
HTML strings with insertAdjacentHTML instead of `innerHTML +=`, and the search results it builds
are the same DOM."""
from __future__ import annotations

from pathlib import Path

from sotay.web import theme_js


def _material_bundle(site_dir: Path | None = None) -> tuple[str, str]:
    """(name, text) of Material's own page bundle, as installed (before the patch)."""
    import material
    folder = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    if site_dir is not None:
        [built] = theme_js.bundles(site_dir)
        return built.name, (folder / built.name).read_text(encoding="utf-8")
    [path] = folder.glob("bundle.*.min.js")
    return path.name, path.read_text(encoding="utf-8")


def test_the_helper_in_materials_bundle_is_patched_once_and_nothing_else_changes():
    _, text = _material_bundle()
    assert text.count("innerHTML+=") == 1
    patched, n = theme_js.patch(text)
    assert n == 1 and "innerHTML+=" not in patched
    body, _, tail = text.rpartition("//# sourceMappingURL=")
    assert "\n" not in tail.strip()                               # the map comment is the last line
    assert patched.rstrip("\n") == body.replace(
        "e.innerHTML+=t.toString()", 'e.insertAdjacentHTML("beforeend",t.toString())').rstrip("\n")
    assert theme_js.patch("function x(e,t){e.innerHTML=t}") == ("function x(e,t){e.innerHTML=t}", 0)


def test_built_site_ships_the_patched_bundle(site_dir):
    [path] = theme_js.bundles(site_dir)
    text = path.read_text(encoding="utf-8")
    assert "innerHTML+=" not in text and 'insertAdjacentHTML("beforeend",t.toString())' in text


RESULTS = "() => document.querySelector('.md-search-result').innerHTML"


def _results(browser, url: str, query: str, swap: tuple[str, str] | None) -> str:
    ctx = browser.new_context(viewport={"width": 412, "height": 915}, service_workers="block")
    try:
        page = ctx.new_page()
        if swap:
            page.route(f"**/assets/javascripts/{swap[0]}", lambda route: route.fulfill(
                status=200, content_type="text/javascript", body=swap[1]))
        page.goto(url, wait_until="networkidle")
        page.locator('.md-header label[for="__search"]').first.click()
        page.keyboard.type(query)
        page.wait_for_selector("li.md-search-result__item")
        page.wait_for_timeout(400)
        return page.evaluate(RESULTS)
    finally:
        ctx.close()


def test_search_results_are_the_same_dom_with_materials_own_bundle(browser, site_url, site_dir):
    """Many results with highlighted words, one result, the honest "not yet" answer with guesses:
    the list is the same markup with the patched bundle as with Material's own."""
    original = _material_bundle(site_dir)
    for query in ("tien dien", "chuyển tiền bằng mã QR", "luong huu", "qqqqq"):
        mine = _results(browser, site_url, query, None)
        theirs = _results(browser, site_url, query, original)
        assert "md-search-result__item" in mine, query
        assert mine == theirs, query
