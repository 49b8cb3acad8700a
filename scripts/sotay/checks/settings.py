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
    """config/not-covered.yml itself (a phrase a guide already writes: the `not-covered` check)."""
    from ..search import not_covered
    return not_covered.read(ctx.root)[1]
