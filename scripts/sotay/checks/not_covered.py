"""Check `not-covered`: the guide writes no phrase of config/not-covered.yml (the tasks the search
answers "Chưa có hướng dẫn" for), or the search would hide it. Per guide: it runs with the guide's
other checks, in parallel, and its result is kept in the build cache with theirs (the list, in
config/, is part of what they are checked against). The list's own mistakes: the `settings` check."""
from __future__ import annotations

from .base import GuideContext

ID = "not-covered"
TITLE = "Việc ghi là chưa có hướng dẫn mà bài đã viết (tìm kiếm)"
SCOPE = "guide"


def check(ctx: GuideContext):
    from ..search import doc_keys_cached, not_covered
    from ..search.index import guide_doc
    found = not_covered.read(ctx.root)[0]
    if not found or ctx.catalog is None:
        return []
    doc = guide_doc(ctx.catalog, ctx.guide)
    return not_covered.held_problems(ctx.root, found, [doc], [doc_keys_cached(ctx.root, doc)])
