"""Check `template`: sample text that `make guide` wrote and the editor has not replaced yet."""
from __future__ import annotations

from .base import SiteContext

ID = "template"
TITLE = "Chữ mẫu của `make guide` chưa được thay"
SCOPE = "site"


def check(ctx: SiteContext):
    from ..content.template import template_problems
    return template_problems(ctx.root)
