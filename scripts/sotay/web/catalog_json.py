"""site/catalog.json: the catalog for other tools (posters, a commune's Zalo page, a chatbot)."""
from __future__ import annotations

import json
from pathlib import Path

from ..booklet.build import catalog_entries as kit_entries
from ..content.catalog import Catalog, Guide


def guide_record(catalog: Catalog, g: Guide) -> dict:
    from ..practice import practice_url
    cat = catalog.categories[g.category]
    record = {
        "id": g.id,
        "title": g.title,
        "summary": g.summary,
        "category": g.category,
        "category_title": cat.title,
        "url": catalog.guide_url(g),
        "short_url": catalog.short_url(g),
        "code": g.code,
        "poster": catalog.url(f"poster/{g.id}.pdf"),
        "updated": g.updated.isoformat(),
        "time": g.time,
        "devices": g.devices,
        "needs": g.needs,
        "keywords": g.keywords,
        "sources": g.sources,
    }
    practice = practice_url(catalog, g)             # the "Làm thử" view, if the guide has one (issue 14)
    if practice:
        record["practice"] = practice
    return record


def catalog_data(catalog: Catalog) -> dict:
    return {
        "site_url": catalog.config.site_url,
        "site_name": catalog.config.site_name,
        "categories": [{"id": c.key, "title": c.title, "description": c.description,
                        "url": catalog.url(c.url_path)} for c in catalog.categories.values()],
        "guides": [guide_record(catalog, g) for g in catalog.guides],
        "booklets": kit_entries(catalog),
    }


def write_catalog_json(catalog: Catalog, site_dir: Path) -> Path:
    out = Path(site_dir) / "catalog.json"
    out.write_text(json.dumps(catalog_data(catalog), ensure_ascii=False, indent=1), encoding="utf-8")
    return out
