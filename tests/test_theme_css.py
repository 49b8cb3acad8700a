"""Material's stylesheet without the rules the site can never match (sotay/web/theme_css.py): what is
dropped and what must stay, then, on the real build, that no page looks different for it."""
from __future__ import annotations

import gzip
from pathlib import Path

from sotay.web import theme_css

CSS = (".used{color:red}"
       ".gone{color:blue}"
       ".used .gone{margin:0}"                         # needs a class the site never has
       ".gone,.used>p{padding:1px}"                    # one selector of the list can match: kept
       "a:not(.gone){color:green}"                     # :not(.absent) always matches: kept
       ".used:is(.gone,.used){top:0}"                  # classes in :is() never decide: kept
       "kbd{font:inherit}"                             # no class at all: kept
       ".md-source__fact--stars{x:y}"                  # a script completes "md-source__fact--" + key
       ".md-other--stars{x:y}"
       "@media (min-width:10em){.gone{a:b}}"           # nothing left inside: the block goes
       "@media print{.gone{a:b}.used{c:d}}"
       "@supports (display:grid){.used{display:grid}}"
       "@font-face{font-family:X;src:url(x.woff2)}"
       "@keyframes spin{0%{opacity:0}to{opacity:1}}")


def _site(tmp_path: Path) -> Path:
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "index.html").write_text('<p class="used other">x</p>', encoding="utf-8")
    (tmp_path / "assets" / "javascripts" / "app.js").write_text(
        'el.className = `md-source__fact--${key}`; el.classList.add("md-");', encoding="utf-8")
    return tmp_path


def test_only_rules_that_can_never_match_are_dropped(tmp_path):
    out = theme_css.purge(CSS, theme_css.Usage(theme_css.site_words(_site(tmp_path))))
    for kept in (".used{color:red}", ".gone,.used>p{padding:1px}", "a:not(.gone){color:green}",
                 ".used:is(.gone,.used){top:0}", "kbd{font:inherit}", ".md-source__fact--stars{x:y}",
                 "@media print{.used{c:d}}", "@supports (display:grid){.used{display:grid}}",
                 "@font-face{font-family:X;src:url(x.woff2)}", "@keyframes spin{0%{opacity:0}to{opacity:1}}"):
        assert kept in out
    for dropped in (".gone{color:blue}", ".used .gone{margin:0}", ".md-other--stars", "(min-width:10em)"):
        assert dropped not in out
    assert "md-other" not in out      # "md-" alone is too short to complete names


def test_purge_site_rewrites_only_materials_hashed_stylesheets(tmp_path):
    site = _site(tmp_path)
    sheets = site / "assets" / "stylesheets"
    sheets.mkdir()
    (sheets / "main.1a2b3c4d.min.css").write_text(CSS, encoding="utf-8")
    (sheets / "sotay.css").write_text(".gone{color:blue}", encoding="utf-8")
    assert theme_css.purge_site(site) == [sheets / "main.1a2b3c4d.min.css"]
    assert ".gone{color:blue}" not in (sheets / "main.1a2b3c4d.min.css").read_text(encoding="utf-8")
    assert (sheets / "sotay.css").read_text(encoding="utf-8") == ".gone{color:blue}"   # ours: untouched
    assert not list(sheets.glob("*.tmp"))


def test_cached_purge_is_the_same_and_a_new_class_brings_its_rules_back(tmp_path, monkeypatch, catalog):
    """Kept in the build cache under the stylesheet and the class names the site uses: the cached
    result is the purge itself, and a page that starts using a class gets its rules on the next build."""
    from sotay import cache

    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))
    site = _site(tmp_path / "site")
    usage = theme_css.Usage(theme_css.site_words(site))
    first = theme_css.purge_cached(CSS, usage, catalog.root)
    assert first == theme_css.purge(CSS, usage) and ".gone{color:blue}" not in first
    assert theme_css.purge_cached(CSS, usage, catalog.root) == first
    assert len([p for p in (tmp_path / "c").rglob("*") if p.is_file()]) == 1
    (site / "index.html").write_text('<p class="used gone">x</p>', encoding="utf-8")
    again = theme_css.purge_cached(CSS, theme_css.Usage(theme_css.site_words(site)), catalog.root)
    assert ".gone{color:blue}" in again and ".used .gone{margin:0}" in again


def _original(site_dir: Path) -> tuple[str, bytes]:
    """The built stylesheet's name, and Material's own file of that name (before the purge)."""
    import material
    [built] = list((site_dir / "assets" / "stylesheets").glob("main.*.min.css"))
    return built.name, (Path(material.__file__).parent / "templates" / "assets" / "stylesheets" / built.name).read_bytes()


def test_built_site_ships_a_smaller_material_stylesheet(site_dir):
    name, original = _original(site_dir)
    shipped = (site_dir / "assets" / "stylesheets" / name).read_bytes()
    assert len(gzip.compress(shipped, 6)) <= len(gzip.compress(original, 6)) - 3000


# Every element's (and ::before / ::after's) full computed style, in document order. Custom
# properties (--md-…) are left out: they are the inputs (kept as written, so "<" may come back as
# the equivalent escape "\\3c "); the properties that use them are compared. A hash per element,
# the properties themselves only to report a difference.
STYLES = """(full) => {
  const out = [];
  const fnv = (str) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < str.length; i++) { h ^= str.charCodeAt(i); h = Math.imul(h, 0x01000193); }
    return h >>> 0;
  };
  for (const el of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const cs = getComputedStyle(el, pseudo);
      if (pseudo && (cs.content === 'none' || cs.content === 'normal')) continue;
      const s = [];
      // A pseudo-element the site hides draws nothing: its display is all there is to compare. (The
      // tab indicator, hidden by sotay.css, takes its width from Material's JS measuring the label:
      // 108 px in one CI load, 114 px in another, a timing the reader never sees.)
      if (pseudo && cs.display === 'none') s.push('display:none');
      else for (let i = 0; i < cs.length; i++) if (!cs[i].startsWith('--')) s.push(cs[i] + ':' + cs.getPropertyValue(cs[i]));
      s.sort();
      const label = (el.tagName + '.' + (el.getAttribute('class') || '') + '#' + el.id).slice(0, 90) + (pseudo || '');
      out.push(full ? [label, s] : [label, fnv(s.join(';'))]);
    }
  }
  return out;
}"""
STILL = "*,*::before,*::after{transition:none!important;animation:none!important;caret-color:auto!important}"


def _states(catalog):
    g = next(g for g in catalog.guides if g.id == "chuyen-tien-qr")
    guide = g.url_path
    return [
        ("trang chủ", "", 412, None), ("chủ đề", f"chu-de/{g.category}/", 412, None),
        ("hướng dẫn", guide, 412, None), ("hướng dẫn 320 px", guide, 320, None),
        ("hướng dẫn khi in", guide, 412, "print"), ("làm thử", guide + "lam-thu/", 412, None),
        ("trang 404", "404.html", 412, None),
        ("tìm kiếm có kết quả", guide, 412, "search:tien dien"), ("tìm kiếm không có", guide, 412, "search:qqqqq"),
        ("menu mở", guide, 412, "drawer"),
    ]


def _dump(browser, url: str, width: int, action, swap: tuple[str, bytes] | None, full: bool = False):
    ctx = browser.new_context(viewport={"width": width, "height": 915}, service_workers="block")
    try:
        page = ctx.new_page()
        if swap:
            page.route(f"**/assets/stylesheets/{swap[0]}",
                       lambda route: route.fulfill(status=200, content_type="text/css", body=swap[1]))
        page.goto(url, wait_until="networkidle")
        page.add_style_tag(content=STILL)
        if action == "print":
            page.emulate_media(media="print")
        elif action == "drawer":
            page.locator('.md-header label[for="__drawer"]').first.click()
        elif action and action.startswith("search:"):
            page.locator('.md-header label[for="__search"]').first.click()
            page.keyboard.type(action[7:])
            page.wait_for_selector("li.md-search-result__item")
        if action and action != "print":              # the tap ran Material's bundle
            page.wait_for_function("typeof document$ !== 'undefined'")
        page.wait_for_timeout(300)
        # layout settled: fonts loaded and two frames drawn
        page.evaluate("document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))")
        return page.evaluate(STYLES, full)
    finally:
        ctx.close()


def test_no_page_looks_different_without_the_dropped_rules(browser, site_url, site_dir, catalog):
    """Every element of every kind of page, in the states a resident reaches (search with and
    without results, the menu, print, 320 px), has the same computed style with the purged
    stylesheet as with Material's whole one."""
    swap = _original(site_dir)
    for label, path, width, action in _states(catalog):
        before = _dump(browser, site_url + path, width, action, swap)
        after = _dump(browser, site_url + path, width, action, None)
        assert len(before) == len(after) > 50, label
        if before != after:           # say which element and which properties
            before = _dump(browser, site_url + path, width, action, swap, full=True)
            after = _dump(browser, site_url + path, width, action, None, full=True)
            for (el, a), (_, b) in zip(before, after):
                diff = sorted(set(a) ^ set(b))[:6]
                assert not diff, f"{label}: {el} looks different without the dropped rules: {diff}"
