"""Material's stylesheet without the rules this site can never match (the first view of every page
is about 4 KB gzip smaller, and the browser matches fewer rules).

A rule is dropped only when every one of its selectors needs a class that appears nowhere in the
built site: not as a word in any page and not in any script (Material's bundle, ours, the search
worker), not even as the start of a name a script completes (`md-source__fact--` + a key). Classes
inside `:not()`, `:is()`, `:where()` and `:has()` never decide. Everything that is not a style rule
(@font-face, @keyframes, @page…) is kept as it is; @media and @supports blocks are filtered inside
and dropped when nothing is left. The site's own pages and scripts are the whole list of what can
appear, so a new guide that uses a class (an admonition kind, say) brings its rules back on the
next build; the service worker's cache name follows the file's content (page_assets.py).
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import tinycss2

from .. import cache
from .page_assets import rewrite

_WORD = re.compile(r"[A-Za-z_][\w-]*")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_FUNCTIONAL = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(")
WORDS = "page-words"    # the build cache's kind for each file's words
PREFIX_MIN = 8          # a script's "md-source__fact--" completes names; a bare "md-" does not count


def theme_stylesheets(site_dir: Path) -> list[Path]:
    """Material's compiled stylesheet(s) in a built site (main.<hash>.min.css, palette.<hash>.min.css)."""
    return sorted((Path(site_dir) / "assets" / "stylesheets").glob("*.*.min.css"))


def site_words(site_dir: Path, root: Path | None = None) -> set[str]:
    """Every word of every page and script of the built site (class names are among them). With the
    project's root, each file's words are kept in its build cache by the file's bytes: most files
    (Material's scripts, unchanged pages) are the same from one build to the next."""
    words: set[str] = set()
    files = [p for p in Path(site_dir).rglob("*") if p.suffix in (".html", ".js") and p.is_file()]
    for path in files:
        data = path.read_bytes()
        if root is None:
            words.update(_file_words(data))
            continue
        inputs = (hashlib.sha256(data).digest(),)
        found = cache.get(root, WORDS, inputs, touch=True) or cache.cached(
            root, WORDS, inputs, lambda data=data: "\n".join(sorted(_file_words(data))).encode("utf-8"))
        words.update(found.decode("utf-8").split("\n"))
    if root is not None:
        cache.prune(root, WORDS, keep=4 * len(files))     # this build's files, and room for edits
    words.discard("")
    return words


def _file_words(data: bytes) -> set[str]:
    return set(_WORD.findall(data.decode("utf-8", errors="ignore")))


def _outside_functions(selector: str) -> str:
    """The selector without the arguments of :not() and friends (their classes never decide)."""
    out, i = [], 0
    for m in _FUNCTIONAL.finditer(selector):
        if m.start() < i:
            continue
        out.append(selector[i:m.start()])
        depth, j = 1, m.end()
        while j < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[j], 0)
            j += 1
        i = j
    out.append(selector[i:])
    return "".join(out)


class Usage:
    """Which class names the site can show."""

    def __init__(self, words: set[str]):
        self.words = words
        self.prefixes = tuple(w for w in words if len(w) >= PREFIX_MIN and w.endswith(("-", "_")))
        self._seen: dict[str, bool] = {}

    def used(self, name: str) -> bool:
        hit = self._seen.get(name)
        if hit is None:
            hit = self._seen[name] = name in self.words or name.startswith(self.prefixes)
        return hit

    def can_match(self, selectors: str) -> bool:
        return any(all(self.used(c) for c in _CLASS.findall(_outside_functions(sel)))
                   for sel in selectors.split(","))


def _filter(rules, usage: Usage) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            if usage.can_match(tinycss2.serialize(rule.prelude)):
                out.append(rule.serialize())
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            inner = _filter(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                            usage)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif rule.type == "at-rule":
            out.append(rule.serialize())
    return "".join(out)


def purge(css: str, usage: Usage) -> str:
    """`css` without the style rules `usage` says can never match."""
    return _filter(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), usage)


def purge_cached(css: str, usage: Usage, root: Path | None) -> str:
    """`purge`, kept in the build cache (sotay/cache.py) under the stylesheet and which of its class
    names the site uses: all that decides the result, so an edit that adds no class costs nothing."""
    if root is None:
        return purge(css, usage)
    used = sorted(name for name in set(_CLASS.findall(css)) if usage.used(name))
    return cache.cached(root, "theme-css", (css, used), lambda: purge(css, usage).encode("utf-8")).decode("utf-8")


def purge_site(site_dir: Path, root: Path | None = None) -> list[Path]:
    """Rewrite Material's stylesheet(s) in a built site in place (atomically); returns them.
    With the project's root, results come from its build cache when nothing they depend on changed."""
    sheets = theme_stylesheets(site_dir)
    if not sheets:
        return []
    usage = Usage(site_words(site_dir, root))
    for path in sheets:
        rewrite(path, purge_cached(path.read_text(encoding="utf-8"), usage, root))
    return sheets
