""""Làm thử": practise a guide's taps on a safe pretend screen (issue 14).

- spec.py   the ``practice:`` section of a guide's images.yml (validation, `make check`)
- view.py   the practice view as HTML, from the same screen descriptions as the pictures
- view.css  its styles, inlined in the view (docs/assets/javascripts/practice.js is its script)

This module gives the site what it needs: the pages to generate (huong-dan/<id>/lam-thu/), their
HTML, the "Làm thử" button on the guide page and the URL for catalog.json.
"""
from __future__ import annotations

import functools
from pathlib import Path

from .spec import check_practice, practice_steps  # noqa: F401
from .view import view_html

PATH = "lam-thu/"
SCRIPT = "assets/javascripts/practice.js"      # loads in the practice view only, from its content
STYLE = Path(__file__).with_name("view.css")  # inlined in the view's content (see `style_css`)


# The home page's "Bạn đã làm thử" list: empty and hidden; sotay.js fills it from the phone's memory.
HOME_BLOCK = ('<div class="sotay-practised" data-sotay-practised-list hidden>'
              '<h2 id="ban-da-lam-thu">Bạn đã làm thử</h2><ul></ul></div>')


def url_path(guide) -> str:
    """Site-relative URL of a guide's practice view, e.g. "huong-dan/vneid-kich-hoat/lam-thu/"."""
    return guide.url_path + PATH


def src_uri(guide) -> str:
    return url_path(guide) + "index.md"


def has_practice(guide) -> bool:
    return bool(practice_steps(guide))


def practice_url(catalog, guide) -> str | None:
    """Absolute URL of the practice view (catalog.json), or None if the guide has none."""
    return catalog.url(url_path(guide)) if has_practice(guide) else None


def page_markdown(guide) -> str:
    """The generated page's source: front matter only; its HTML comes from `page_html`."""
    title = f"Làm thử: {guide.title}".replace('"', "'")
    summary = "Tập bấm từng bước trên màn hình giả, an toàn, trước khi làm thật.".replace('"', "'")
    # practice_view: overrides/main.html leaves Material's script bundle out (see view.css)
    return f'---\ntitle: "{title}"\ndescription: "{summary}"\npractice_view: true\n---\n\n'


def pages(catalog) -> list[tuple]:
    """(guide, src_uri, markdown) of every practice view to generate."""
    return [(g, src_uri(g), page_markdown(g)) for g in catalog.guides if has_practice(g)]


def guide_for_src(catalog, src: str):
    for g in catalog.guides:
        if src == src_uri(g):
            return g
    return None


def _next_guide(catalog, guide):
    same = catalog.in_category(guide.category)
    i = same.index(guide)
    if i + 1 < len(same):
        return same[i + 1]
    rest = catalog.guides
    j = rest.index(guide)
    return rest[j + 1] if j + 1 < len(rest) else None


@functools.lru_cache(maxsize=4)
def _minified_css(path: Path, mtime_ns: int) -> str:
    from ..web.page_assets import minify_css
    return minify_css(path.read_text(encoding="utf-8")).replace("</", "<\\/")


def style_css() -> str:
    """The view's stylesheet, minified, for a <style> in its content: in the content so Material's
    instant navigation brings it, and inline so the view's first paint waits for no other file
    (a <link> there held back everything after it: Lighthouse LCP 1.6 s instead of 0.9 s)."""
    return _minified_css(STYLE, STYLE.stat().st_mtime_ns)


def page_html(catalog, guide) -> str:
    nxt = _next_guide(catalog, guide)
    return view_html(guide, practice_steps(guide), "../", nxt,
                     f"../../{nxt.id}/" if nxt else "", "../../../" + SCRIPT, style_css())


def guide_button(guide) -> str:
    """Markdown for the top of a guide page: the "Làm thử" button and the "Đã làm thử" line that
    docs/assets/javascripts/sotay.js fills from the phone's memory."""
    if not has_practice(guide):
        return ""
    return (f'<p class="sotay-practice" markdown>[:material-gesture-tap: Làm thử trên màn hình tập]'
            f'({PATH}index.md){{ .md-button .md-button--primary data-sotay-practice="{guide.id}" }} '
            f'<span class="sotay-practiced" data-sotay-practiced="{guide.id}" hidden></span></p>\n\n')
