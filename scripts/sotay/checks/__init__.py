"""Content checks as a registry, one small module per kind of check (like MDN yari's flaw checks).

Each module in REGISTRY has an `ID` (what `make check ONLY=<id>` takes), a Vietnamese `TITLE`, an
optional `SCOPE` ("guide", the default: `check(GuideContext)` runs once per guide; "site":
`check(SiteContext)` runs once; "both") and a `check()` returning `Problem`s. The runner tags each problem
with its check's id, so an editor sees every problem of every kind in one run.

`run_checks(root)` is `make check`; `check_content(catalog)` is what the build refuses.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
from pathlib import Path

from .. import cache

from ..content.catalog import Catalog, Guide, find_guide_files, load_catalog, load_categories, read_guide
from ..errors import ContentError, Problem
from . import catalog as _catalog
from . import (facts, html_tags, images, links, not_covered, personal_data, posters, sanitizer, schema, settings,
               structure, svg, template, text)
from .base import Allowlists, GuideContext, SiteContext, domain_allowed, load_allowlists, render

REGISTRY = (_catalog, text, schema, template, structure, html_tags, links, personal_data, facts, sanitizer, images,
            svg, posters, settings, not_covered)

__all__ = ["REGISTRY", "Allowlists", "check_content", "check_ids", "domain_allowed", "load_allowlists",
           "render", "run_checks", "select"]


def check_ids() -> list[str]:
    return [m.ID for m in REGISTRY]


def select(only: str | None):
    """The registry modules to run: all, or those named in `only` ("links" or "links,html")."""
    if not only:
        return REGISTRY
    wanted = [w.strip() for w in only.split(",") if w.strip()]
    unknown = [w for w in wanted if w not in check_ids()]
    if unknown:
        hints = []
        for w in unknown:
            close = difflib.get_close_matches(w, check_ids(), n=1)
            hints.append(f'"{w}"' + (f' (có phải "{close[0]}"?)' if close else ""))
        raise ContentError([Problem(Path("ONLY=" + only), f"không có loại kiểm tra {', '.join(hints)}. "
                                                      f"Các loại: {', '.join(check_ids())}.")])
    return tuple(m for m in REGISTRY if m.ID in wanted)


def _tag(problems, check_id: str) -> list[Problem]:
    return [p if p.check else dataclasses.replace(p, check=check_id) for p in problems]


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        key = (str(p.path), p.line, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _run(root: Path, catalog: Catalog | None, catalog_problems: list[Problem], guides: list[Guide],
         commune: str, only: str | None) -> list[Problem]:
    modules = select(only)
    allow, problems = load_allowlists(root)
    problems = _tag(problems, "config")
    site = SiteContext(root, catalog, catalog_problems, guides, allow, commune)
    for m in modules:
        if getattr(m, "SCOPE", "guide") in ("site", "both"):
            problems += _tag(m.check(site), m.ID)
    per_guide = [m for m in modules if getattr(m, "SCOPE", "guide") in ("guide", "both")]
    salt = _site_inputs(root, catalog, per_guide) if catalog is not None else None
    contexts = [GuideContext(g, root, allow, catalog) for g in guides]
    if salt is not None:
        _check_in_parallel(contexts, per_guide, salt)
    for ctx in contexts:
        if salt is None:
            problems += _guide_problems(ctx, per_guide)
        else:
            problems += _cached_guide_problems(ctx, per_guide, salt)
    return _dedupe(problems)


def _guide_problems(ctx: GuideContext, modules) -> list[Problem]:
    if text.blocks_other_checks(ctx):          # a huge file or line: fixed first, nothing slow runs on it
        modules = [m for m in modules if m is text]
    out: list[Problem] = []
    for m in modules:
        out += _tag(m.check(ctx), m.ID)
    return out


def _site_inputs(root: Path, catalog: Catalog, modules) -> bytes:
    """What a guide's checks read besides the guide's own folder: the settings and lists in config/,
    mkdocs.yml's Markdown settings, the other guides' ids, codes and topics, which checks run, and
    the day (posters print it)."""
    parts = [repr([m.ID for m in modules]), dt.date.today().isoformat(), repr(catalog.config),
             repr(sorted(catalog.categories)), repr(sorted(catalog.shortlinks.items())),
             repr([(g.id, g.code, g.category, g.title) for g in catalog.guides])]
    blob = "\0".join(parts).encode()
    for p in sorted((root / "config").rglob("*")) + [root / "shortlinks.yml", root / "mkdocs.yml"]:
        if p.is_file():
            blob += b"\0" + p.name.encode() + b"\0" + p.read_bytes()
    return blob


def _inputs(ctx: GuideContext, salt: bytes) -> tuple:
    return (salt, str(ctx.guide.dir.relative_to(ctx.root)), cache.folder_digest(ctx.guide.dir))


_RUN: tuple = ()                # (contexts, modules, salt): what forked checkers inherit


def _check_one(i: int) -> None:
    contexts, modules, salt = _RUN
    _cached_guide_problems(contexts[i], modules, salt)


def _check_in_parallel(contexts: list[GuideContext], modules, salt: bytes) -> None:
    """Check the guides whose results are not in the build cache in forked processes (one per CPU),
    which store them there; the caller then reads every result back in order. A first `make check`
    or build after a clone checks 36 guides in about half the time on two cores."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from ..jobs import default_jobs
    global _RUN
    todo = [i for i, ctx in enumerate(contexts) if cache.stored(ctx.root, "checks", _inputs(ctx, salt)) is None]
    jobs = min(default_jobs(), len(todo))
    if jobs < 2 or len(todo) < 4 or cache.cache_dir(contexts[0].root) is None \
            or "fork" not in multiprocessing.get_all_start_methods():
        return
    _RUN = (contexts, modules, salt)
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            list(pool.map(_check_one, todo))
    finally:
        _RUN = ()


def _cached_guide_problems(ctx: GuideContext, modules, salt: bytes) -> list[Problem]:
    """A guide's problems, reused while nothing it is checked against has changed (sotay/cache.py):
    `make serve` and `make check` re-check only the guides that were edited."""
    root = ctx.root
    inputs = _inputs(ctx, salt)

    def make() -> bytes:
        found = _guide_problems(ctx, modules)
        return json.dumps([[_rel(p.path, root), p.message, p.line, p.check] for p in found],
                          ensure_ascii=False).encode()

    return [Problem(root / path, message, line, check)
            for path, message, line, check in json.loads(cache.cached(root, "checks", inputs, make))]


def _rel(path: Path, root: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def check_content(catalog: Catalog, only: str | None = None) -> list[Problem]:
    """Every content problem of a valid catalog (what the build refuses)."""
    return _run(catalog.root, catalog, [], catalog.guides, catalog.config.commune.get("name", ""), only)


def run_checks(root: Path, only: str | None = None) -> tuple[Catalog | None, list[Problem]]:
    """The catalog's problems plus every content problem, for `make check`.

    When the catalog itself is invalid, the guides whose front matter is fine are still checked,
    so an editor sees everything to fix at once."""
    root = Path(root)
    try:
        catalog = load_catalog(root)
    except ContentError as exc:
        cats, _ = load_categories(root)
        guides = [g for g in (read_guide(p, cats)[0] for p in find_guide_files(root)) if g]
        return None, _run(root, None, list(exc.problems), guides, "", only)
    return catalog, check_content(catalog, only)
