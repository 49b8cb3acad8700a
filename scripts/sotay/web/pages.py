"""Markdown generated from the catalog: category index pages, home tiles, a guide's header box.

Plain functions returning Markdown, so any static-site generator can use them.
"""
from __future__ import annotations

import html
import posixpath

from ..content import facts
from ..content.catalog import Catalog, Category, Guide

DATE_FMT = "{d:%d}/{d:%m}/{d:%Y}"


def vn_date(d) -> str:
    return DATE_FMT.format(d=d)


def _rel(from_src: str, to_path: str) -> str:
    """Link from a page's source file (e.g. "chu-de/vneid/index.md") to a site path ("huong-dan/x/"),
    written as a Markdown source link so MkDocs checks it."""
    return posixpath.relpath(to_path + "index.md", posixpath.dirname(from_src) or ".")


def guide_card(g: Guide, from_src: str) -> str:
    return (f"-   [**{g.title}**]({_rel(from_src, g.url_path)})\n\n"
            f"    {g.summary}\n\n"
            f"    :material-clock-outline: {g.time} phút\n")


def category_page(cat: Category, catalog: Catalog) -> str:
    here = cat.url_path + "index.md"
    guides = catalog.in_category(cat.key)
    cards = "\n".join(guide_card(g, here) for g in guides)
    return (f"---\ntitle: {cat.title}\ndescription: {cat.description}\n---\n\n"
            f"# :{cat.icon.replace('/', '-')}: {cat.title}\n\n{cat.description}\n\n"
            f'<div class="grid cards sotay-guides" markdown>\n\n{cards}\n</div>\n')


def category_tiles(catalog: Catalog, from_src: str = "index.md") -> str:
    items = []
    for cat in catalog.categories.values():
        n = len(catalog.in_category(cat.key))
        items.append(f"-   [:{cat.icon.replace('/', '-')}:{{ .lg }} **{cat.title}**]({_rel(from_src, cat.url_path)})\n\n"
                     f"    {cat.description} ({n} hướng dẫn)\n")
    return '<div class="grid cards sotay-tiles" markdown>\n\n' + "\n".join(items) + "\n</div>\n"


def featured_list(catalog: Catalog, from_src: str = "index.md") -> str:
    featured = [g for g in catalog.guides if g.featured] or catalog.guides[:6]
    return "\n".join(f"- [{g.title}]({_rel(from_src, g.url_path)})" for g in featured) + "\n"


# Shown under the last-checked date while a guide has open review items (issue 12): the date
# must not claim more than was checked.
REVIEW_PENDING = "Một vài chi tiết đang được kiểm tra lại."
REVIEW_MARKED = "Chỗ nào chưa chắc, bài ghi rõ (chưa xác nhận)."


def review_line(g: Guide) -> str:
    if not g.review:
        return ""
    marked = any(label in g.review_ids for s in facts.sentences(g.body) for label in s.refs)
    return f"  \n:material-progress-question: *{REVIEW_PENDING}{' ' + REVIEW_MARKED if marked else ''}*"


def guide_header(g: Guide, stale: bool = False) -> str:
    """The box above the steps: who it is for, time, devices, what to prepare, last checked."""
    needs = "\n".join(f"    - {n}" for n in g.needs)
    notice = ""
    if stale:
        notice = ('!!! warning "Hướng dẫn này đã lâu chưa được kiểm tra lại"\n'
                  "    Giao diện ứng dụng có thể đã thay đổi. Nếu thấy khác, hãy hỏi "
                  "Tổ công nghệ số cộng đồng hoặc báo cho chúng tôi để sửa.\n\n")
    return (f"{notice}"
            f'<div class="sotay-info" markdown>\n\n'
            f"**Dành cho:** {g.audience}\n\n"
            f":material-clock-outline: **Thời gian:** khoảng {g.time} phút  \n"
            f":material-cellphone: **Dùng trên:** {', '.join(g.device_labels)}  \n"
            f":material-calendar-check: **Kiểm tra lần cuối:** {vn_date(g.updated)}"
            f"{review_line(g)}\n\n"
            f"**Cần chuẩn bị:**\n\n{needs.replace('    - ', '- ')}\n\n"
            f"</div>\n\n")


def guide_markdown(g: Guide, before_sources: str = "") -> str:
    """A guide's body as the page shows it: unconfirmed facts marked, and the "Nguồn tham khảo"
    list made of the footnotes the body cites (sotay/content/facts.py). `before_sources`: Markdown put
    between the last section and the sources (the related guides)."""
    return facts.mark_unconfirmed(g.body, g.review_ids) + before_sources + facts.footnote_markdown(g)


RELATED_MAX = 4


def related_guides(g: Guide, catalog: Catalog, limit: int = RELATED_MAX) -> list[Guide]:
    """The guide's declared `related:` guides first, then others of the same topic, in catalog order;
    a guide alone in its topic gets the home page's featured guides."""
    out = [catalog.by_id(r) for r in g.related]
    out += [o for o in catalog.in_category(g.category) if o.id != g.id and o not in out]
    if not out:
        out = [o for o in catalog.guides if o.featured and o.id != g.id]
    return out[:limit]


def guide_related(g: Guide, catalog: Catalog) -> str:
    """A short "Hướng dẫn liên quan" list for the end of a guide (before the help box)."""
    here = g.url_path + "index.md"
    items = "\n".join(f"- [{o.title}]({_rel(here, o.url_path)})" for o in related_guides(g, catalog))
    if not items:
        return ""
    return f"\n\n## Hướng dẫn liên quan {{ #huong-dan-lien-quan }}\n\n{items}\n"


def topics(catalog: Catalog) -> list[dict]:
    """The topics as plain data for theme templates (the 404 page): title, site path, icon, count."""
    return [{"title": c.title, "url": c.url_path, "icon": c.icon, "description": c.description,
             "count": len(catalog.in_category(c.key))} for c in catalog.categories.values()]


def search_form(action: str) -> str:
    """The big "Bạn cần làm gì?" search box (home page, 404 page). It submits ?q= to the home page,
    which opens the search with the query. The example sits in a hint line under the label, not in
    a placeholder: it wraps on a small phone at the largest text instead of being cut off."""
    return (f'<form class="sotay-home-search" action="{html.escape(action, quote=True)}" method="get" role="search">\n'
            '  <label for="sotay-q">Bạn cần làm gì?</label>\n'
            '  <p class="sotay-home-search__hint" id="sotay-q-hint">Ví dụ: tiền điện, kích hoạt VNeID</p>\n'
            '  <div>\n'
            '    <input id="sotay-q" name="q" type="search" autocomplete="off" aria-describedby="sotay-q-hint">\n'
            '    <button type="submit">Tìm</button>\n'
            '  </div>\n'
            '</form>\n')


# On the "Poster để in" page in the live preview (make serve): the PDFs of what was just edited are
# made by make build, not after every save.
LIVE_PDF_NOTE = ('!!! note "Bản xem thử"\n    Đây là bản xem thử (make serve). Poster và sổ tay của phần bạn vừa '
                 "sửa chưa được tạo lại nên chưa tải được. Chạy **make build** (hoặc **make posters**) để tạo.\n\n")
