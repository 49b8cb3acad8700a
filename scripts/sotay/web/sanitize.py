"""The allowlist for every page body built from content: what a guide's HTML may contain.

`nh3` (the Python binding of the Rust sanitizer ammonia) removes anything else. The site never
relies on that removal silently: `make check` (check `sanitizer`) and the build refuse any page
body the sanitizer would change, so what an editor wrote is exactly what residents get.
Material's own templates are trusted and are not passed through here.
"""
from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import nh3

HEADINGS = {f"h{n}" for n in range(2, 7)}
TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
        "figcaption", "figure", "hr", "i", "img", "input", "kbd", "label", "li", "mark", "ol", "p", "pre",
        "s", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
        "tr", "ul", "svg", "path"} | HEADINGS           # svg/path: Material's icons (:material-…:)
ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title", "width", "height", "loading", "decoding", "class"},
    "div": {"class", "data-tabs"},
    "input": {"id", "name", "checked"},          # content tabs (pymdownx.tabbed): radio buttons only
    "label": {"for"},
    "code": {"class"}, "pre": {"class"}, "span": {"class"}, "p": {"class"},
    "details": {"class", "open"}, "figure": {"class", "id"}, "figcaption": {"class"},
    "svg": {"xmlns", "viewBox"}, "path": {"d"},
    "sup": {"id"}, "li": {"id"},               # footnotes (cited facts)
    "th": {"align"}, "td": {"align"}, "ol": {"start"}, "abbr": {"title"},
    **{h: {"id"} for h in HEADINGS},
}
TAG_ATTRIBUTE_VALUES = {"input": {"type": {"radio"}}}
URL_SCHEMES = {"https", "tel", "mailto"}     # and relative links; the `links` check narrows domains


def clean(html: str) -> str:
    return nh3.clean(html, tags=TAGS, clean_content_tags={"script", "style"}, attributes=ATTRIBUTES,
                     tag_attribute_values=TAG_ATTRIBUTE_VALUES, url_schemes=URL_SCHEMES,
                     strip_comments=True, link_rel=None)


class _Markup(HTMLParser):
    """Elements with their attributes (entities decoded, attributes sorted) and any other markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple]] = []
        self.other: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag.lower(), tuple(sorted((k.lower(), v or "") for k, v in attrs))))

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.other.append("<!--" + data[:40])

    def handle_decl(self, decl):
        self.other.append("<!" + decl[:40])

    def unknown_decl(self, data):
        self.other.append("<![" + data[:40])

    def handle_pi(self, data):
        self.other.append("<?" + data[:40])


def _markup(html: str) -> _Markup:
    m = _Markup()
    m.feed(html)
    m.close()
    return m


def differences(html: str) -> list[str]:
    """What the sanitizer would remove or change in `html`, as short descriptions (empty: nothing).

    Compared element by element after parsing both (so quoting and entity spelling do not count)."""
    before, after = _markup(html), _markup(clean(html))
    out = [f"{o}…" for o in before.other]
    removed = Counter(before.elements) - Counter(after.elements)
    kept_tags = Counter(t for t, _ in after.elements)
    for (tag, attrs), _n in removed.items():
        if kept_tags[tag] <= 0 or tag not in TAGS:
            out.append(f"<{tag}>")
            continue
        allowed = ATTRIBUTES.get(tag, set()) | set(TAG_ATTRIBUTE_VALUES.get(tag, {}))
        bad = [k for k, _v in attrs if k not in allowed]
        if bad:
            out += [f'<{tag} {k}="…">' for k in bad]
        else:
            urls = [f'{k}="{v[:60]}"' for k, v in attrs if k in ("href", "src")]
            out.append(f"<{tag} {' '.join(urls) or '…'}>")
    return out
