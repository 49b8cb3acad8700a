"""Markdown → HTML of each page, cached (issue 17: a rebuild redoes only what an edit touches).

MkDocs converts every page's Markdown on every build, the largest part of a build with nothing to
redo. A page's HTML depends on its final Markdown (after the hooks), on where it sits and which
files exist (relative links are resolved against them), on the Markdown extensions and their
settings, and on the code of Markdown, its extensions, MkDocs and this package. All of that is the
key; an unchanged page is then read back rather than converted.

A conversion that logged a warning is never stored: the site is built with `strict: true`, so a
warning fails the build, and it must fail again on the next build rather than be read back silent.

`cached_render(page, config, files, root)` replaces one page's `render` (the adapter calls it from
`on_page_markdown`, after the last change to the Markdown). The stored form is JSON: the HTML,
the table of contents, the title found in it and the anchor ids (what MkDocs' `Page.render` sets)."""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
from functools import cache as memo

from .. import cache

KIND = "page-html"
DISTRIBUTIONS = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material", "properdocs")


@memo
def _versions() -> tuple:
    out = []
    for name in DISTRIBUTIONS:
        try:
            out.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            out.append((name, None))
    return tuple(out)


def _stable(value) -> object:
    """`value` with functions and classes named rather than printed with their address."""
    if isinstance(value, dict):
        return sorted((str(k), _stable(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [_stable(v) for v in value]
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"
    return value


def site_digest(config, files) -> str:
    """What every page's HTML depends on besides its own Markdown: the extensions with their settings
    and every file's place (links are resolved against them). Computed once per build."""
    h = hashlib.sha256(repr((_versions(), _stable(config["markdown_extensions"]),
                             _stable(config["mdx_configs"]), config["use_directory_urls"])).encode())
    for f in sorted(files, key=lambda f: f.src_uri):
        h.update(f"{f.src_uri}\0{f.dest_uri}\0{f.url}\0{f.inclusion}\n".encode())
    return h.hexdigest()


def _toc_tokens(items) -> list[dict]:
    return [{"level": a.level, "id": a.id, "name": a.title, "children": _toc_tokens(a.children)} for a in items]


class _Warnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def cached_render(page, config, files, root, digest: str) -> None:
    """Make `page.render(config, files)` read an unchanged page back from the cache."""
    from mkdocs.structure.toc import get_toc

    render = page.render
    inputs = (digest, type(page).__module__, page.file.src_uri, page.file.dest_uri, page.url)  # the engine too

    def render_cached(config, files):
        stored = cache.get(root, KIND, (*inputs, page.markdown), touch=True)
        if stored is not None:
            try:
                data = json.loads(stored)
                page.content = data["content"]
                page.toc = get_toc(data["toc"])
                page._title_from_render = data["title"]
                page.present_anchor_ids = set(data["anchors"])
                links = {}
                for src_uri, anchors in data["links"].items():
                    target = files.get_file_from_path(src_uri)
                    if target is None:
                        raise KeyError(src_uri)
                    links[target] = anchors
                page.links_to_anchors = links
                return
            except (ValueError, KeyError, TypeError):
                cache.forget(root, KIND, (*inputs, page.markdown))   # damaged: converted and kept again below
        seen = _Warnings()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(seen)
        try:
            render(config, files)
        finally:
            logger.removeHandler(seen)
        if seen.count:
            return
        data = {"content": page.content, "toc": _toc_tokens(page.toc), "title": page._title_from_render,
                "anchors": sorted(page.present_anchor_ids or ()),
                "links": {f.src_uri: anchors for f, anchors in (page.links_to_anchors or {}).items()}}
        cache.cached(root, KIND, (*inputs, page.markdown), lambda: json.dumps(data, ensure_ascii=False).encode())

    page.render = render_cached
