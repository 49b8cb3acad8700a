"""Content checks as a registry, one small module per kind of check (like MDN yari's flaw checks).

Each module in REGISTRY has an `ID` (what `make check ONLY=<id>` takes), a Vietnamese `TITLE`, an
optional `SCOPE` ("guide", the default: `check(GuideContext)` runs once per guide; "site":
`check(SiteContext)` runs once; "both") and a `check()` returning `Problem`s. The runner tags each problem
with its check's id, so an editor sees every problem of every kind in one run.

`run_checks(root)` is `make check`; `check_content(catalog)` is what the build refuses.
"""
from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path

from ..catalog import Catalog, Guide, find_guide_files, load_catalog, load_categories, read_guide
from ..errors import ContentError, Problem
from . import catalog as _catalog
from . import facts, html_tags, images, links, personal_data, posters, sanitizer, schema, settings, structure, svg, template, text
from .base import Allowlists, GuideContext, SiteContext, domain_allowed, load_allowlists, render

REGISTRY = (_catalog, text, schema, template, structure, html_tags, links, personal_data, facts, sanitizer, images,
            svg, posters, settings)

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
    for g in guides:
        ctx = GuideContext(g, root, allow, catalog)
        blocked = text.blocks_other_checks(ctx)      # a huge file or line: fixed first, nothing slow runs on it
        for m in modules:
            if blocked and m is not text:
                continue
            if getattr(m, "SCOPE", "guide") in ("guide", "both"):
                problems += _tag(m.check(ctx), m.ID)
    return _dedupe(problems)


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
