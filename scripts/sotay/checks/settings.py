"""Check `settings`: the other files editors change — the synonym list (search) and the villages (posters)."""
from __future__ import annotations

from ..errors import ContentError
from .base import SiteContext

ID = "settings"
TITLE = "Từ đồng nghĩa, chữ viết tắt (tìm kiếm) và danh sách thôn (poster)"
SCOPE = "site"


def check(ctx: SiteContext):
    from ..poster.villages import load_villages
    from ..search.abbreviations import abbreviation_problems
    from ..search.index import synonym_problems

    groups, problems = synonym_problems(ctx.root)
    problems = list(problems) + abbreviation_problems(ctx.root, groups)[1]
    try:
        load_villages(ctx.root, ctx.commune)
    except ContentError as exc:
        problems += exc.problems
    return problems
