"""Check `facts` (issue 18): every fact a resident acts on cites a source by footnote; footnotes
match the front matter's sources and review items; every source is cited (sotay/content/facts.py)."""
from __future__ import annotations

from ..content.facts import check_guide_facts
from .base import GuideContext

ID = "facts"
TITLE = "Dẫn nguồn cho từng thông tin (chú thích [^mã-nguồn])"


def check(ctx: GuideContext):
    return check_guide_facts(ctx.guide)
