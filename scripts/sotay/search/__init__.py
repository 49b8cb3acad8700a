"""Sổ tay số's own Vietnamese search: index built here, queried by a small Web Worker.

Material's search dialog, result markup, keyboard handling and `?q=` deep links stay as they
are; only the worker behind them is ours (overrides/assets/javascripts/sotay-search-worker.js,
same message protocol: setup → ready, query → result). See README.md beside this file for the
design and the measurements behind it.

Entry points for the MkDocs adapter (scripts/mkdocs_hooks.py):
    search_extra(root)            -> dict | None   for config.extra["sotay_search"] (on_config)
    write_search_index(catalog, site_dir) -> Path | None                         (on_post_build)
The index (search/sotay-index.<hash>.json) and the engine (sotay-search-engine.<hash>.min.js) are
loaded on the first query by a small loader worker; the page
only downloads a stub search/search_index.json that says where it is.
Set SOTAY_SEARCH=lunr to build the stock Material search instead (used by `make bench-search`).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from .. import cache
from ..content.catalog import Catalog
from . import not_covered
from .abbreviations import load_abbreviations
from .index import (build_index, catalog_docs, doc_keys, dumps, help_details, load_synonyms, pages_from_material_index,
                    taken_from_material)

WORKER = "assets/javascripts/sotay-search-worker.js"
ENV = "SOTAY_SEARCH"


def enabled() -> bool:
    return os.environ.get(ENV, "sotay").strip().lower() not in ("lunr", "material", "stock")


def worker_path(root: Path) -> Path:
    return Path(root) / "overrides" / WORKER


def search_extra(root: Path) -> dict | None:
    """What the theme override needs: the worker's URL with a content hash against stale caches."""
    if not enabled():
        return None
    load_synonyms(root)                      # raise ContentError early, with the file and line
    load_abbreviations(root)
    not_covered.load(root)
    digest = hashlib.sha256(worker_path(root).read_bytes()).hexdigest()[:10]
    return {"worker": f"{WORKER}?v={digest}"}


def material_indexes(path: str) -> bool:
    """Whether Material's search plugin must read this page: every page under its own search
    (SOTAY_SEARCH=lunr), else only those our index takes from it. The rest (every guide and
    practice view) it would parse for nothing."""
    return not enabled() or taken_from_material(path)


def site_index(catalog: Catalog, site_dir: Path) -> dict:
    """Guides from the catalog, other pages from the index Material's plugin wrote (if any)."""
    docs = catalog_docs(catalog)
    stock = Path(site_dir) / "search" / "search_index.json"
    if stock.exists():
        data = json.loads(stock.read_text(encoding="utf-8"))
        if isinstance(data.get("docs"), list):     # Material's, not ours from an earlier build
            docs += pages_from_material_index(data, {d.location for d in docs})
    synonyms, abbreviations, help_ = load_synonyms(catalog.root), load_abbreviations(catalog.root), help_details(catalog)
    gaps = not_covered.load(catalog.root)
    # cached by everything it is built from (sotay/cache.py): an edit that no page's text sees costs nothing
    inputs = (repr(docs), repr(synonyms), repr(abbreviations), repr(help_), repr(gaps))
    built = cache.cached(catalog.root, "search-index", inputs, lambda: dumps(
        build_index(docs, synonyms, abbreviations=abbreviations, help=help_, not_covered=gaps,
                    analysed=[doc_keys_cached(catalog.root, d) for d in docs])).encode("utf-8"))
    return json.loads(built)


def doc_keys_cached(root: Path, doc) -> list:
    """One page's `doc_keys`, from the build cache when the page is unchanged: after an edit, only
    the edited page's words are analysed again."""
    return json.loads(cache.cached(root, "search-doc", (repr(doc),),
                                   lambda: json.dumps(doc_keys(doc), ensure_ascii=False).encode("utf-8")))


def minify_js(text: str) -> str:
    """rjsmin (pinned, pure Python) if installed; else drop our worker's /* */ comments and
    indentation (it has none inside strings or regexes). The built worker is tested in Node."""
    try:
        from rjsmin import jsmin
    except ImportError:
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        return "\n".join(line.strip() for line in text.splitlines() if line.strip()) + "\n"
    return jsmin(text) + "\n"


INDEX_GLOB = "sotay-index.*.json"


def index_files(index: dict, engine: str | None = None) -> tuple[str, str, str]:
    """(stub text, index path relative to the site root, index text) for a built index.

    The index goes to a content-hashed file, fetched by the worker on the first query; the stub
    stays at search/search_index.json, which Material's page bundle fetches on every page and
    posts to the worker as {config, docs}: `config` for its on-page highlighter (?h=), and in
    `docs` only where the index is (relative to the site root)."""
    body = dumps(index["docs"])
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:10]
    rel = f"search/{INDEX_GLOB.replace('*', digest)}"
    docs = {"v": index["docs"]["v"], "src": rel}
    if engine:              # the engine's address, for "Lưu để xem khi không có mạng" (sotay.js)
        docs["engine"] = engine
    stub = dumps({"config": index["config"], "docs": docs})
    return stub, rel, body


ENGINE_GLOB = "sotay-search-engine.*.min.js"
# The worker Material starts on every page: answers READY at once and imports the engine (%s) on
# the first query with a letter or digit in it, which then answers everything (and loads the index).
LOADER = """"use strict";
var sotayBoot = true, sotaySetup = null, sotayHandle = null;
addEventListener("message", function (ev) {
  var m = ev.data;
  if (!sotayHandle && m.type === 2 && sotaySetup && /[\\p{L}\\p{N}]/u.test(String(m.data || ""))) {
    try { importScripts("%s"); sotayHandle = handle; handle(sotaySetup); } catch (err) { sotayHandle = null; }
  }
  if (sotayHandle) return postMessage(sotayHandle(m));
  if (m.type === 0) sotaySetup = m;
  postMessage(m.type === 0 ? { type: 1 } : { type: 3, data: { items: [] } });
});
"""


def write_search_index(catalog: Catalog, site_dir: Path) -> Path | None:
    """Our index (content-hashed file) and its stub over the file Material's plugin wrote; the
    worker split into a small loader (at the address Material starts) and the minified engine
    (content-hashed, imported on the first query). Returns the index file."""
    if not enabled():
        return None
    site_dir = Path(site_dir)
    engine_rel = None
    worker = site_dir / WORKER
    if worker.is_file():
        engine = minify_js(worker.read_text(encoding="utf-8"))
        for old in worker.parent.glob(ENGINE_GLOB):
            old.unlink()
        name = ENGINE_GLOB.replace("*", hashlib.sha256(engine.encode("utf-8")).hexdigest()[:8])
        (worker.parent / name).write_text(engine, encoding="utf-8")
        worker.write_text(minify_js(LOADER % name), encoding="utf-8")
        engine_rel = f"{Path(WORKER).parent.as_posix()}/{name}"
    stub_path = site_dir / "search" / "search_index.json"
    stub, rel, body = index_files(site_index(catalog, site_dir), engine_rel)
    stub_path.parent.mkdir(parents=True, exist_ok=True)
    for old in stub_path.parent.glob(INDEX_GLOB):          # from an earlier build into the same dir
        old.unlink()
    out = site_dir / rel
    out.write_text(body, encoding="utf-8")
    stub_path.write_text(stub, encoding="utf-8")
    return out


def engine_path(site_dir: Path) -> Path:
    """The built engine (the minified worker source) in a built site."""
    return next((Path(site_dir) / WORKER).parent.glob(ENGINE_GLOB))
