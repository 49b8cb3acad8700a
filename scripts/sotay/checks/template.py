"""Check `template`: sample text that `make guide` wrote and the editor has not replaced yet. Per
guide: kept in the build cache with the guide's other results, so a rebuild reads only the edited
guide's files again."""
from __future__ import annotations

from .base import GuideContext

ID = "template"
TITLE = "Chữ mẫu của `make guide` chưa được thay"
SCOPE = "guide"


def check(ctx: GuideContext):
    from ..content.template import placeholder_problems
    return placeholder_problems(ctx.guide.dir)
