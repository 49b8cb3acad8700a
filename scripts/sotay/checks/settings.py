"""Check `settings`: the other files editors change — the synonym, abbreviation and not-covered
lists (search) and the villages (posters)."""
from __future__ import annotations

from ..errors import ContentError
from .base import SiteContext

ID = "settings"
TITLE = "Từ đồng nghĩa, chữ viết tắt, việc chưa có hướng dẫn (tìm kiếm) và danh sách thôn (poster)"
SCOPE = "site"


def check(ctx: SiteContext):
    from ..poster.villages import load_villages
    from ..search.abbreviations import abbreviation_problems
    from ..search.index import synonym_problems

    groups, problems = synonym_problems(ctx.root)
    problems = list(problems) + abbreviation_problems(ctx.root, groups)[1] + _not_covered(ctx)
    try:
        load_villages(ctx.root, ctx.commune)
    except ContentError as exc:
        problems += exc.problems
    return problems


def _not_covered(ctx: SiteContext):
    """config/not-covered.yml, and each phrase of it a guide already writes (when the catalog loaded)."""
    from ..search import doc_keys_cached, not_covered
    from ..search.index import catalog_docs
    if ctx.catalog is None:
        return not_covered.problems(ctx.root)
    docs = catalog_docs(ctx.catalog)
    return not_covered.problems(ctx.root, docs, [doc_keys_cached(ctx.root, d) for d in docs])
