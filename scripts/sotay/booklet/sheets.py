"""One-page sheets for volunteers (issue 15), A4, from the catalog:

- the home-visit checklist of a topic: what the resident has ready, what the volunteer checks, the
  privacy rules;
- the plan of a 45–60 minute group session on a topic: aims, order of guides, practice time,
  common mistakes (the bold labels of each guide's "Nếu gặp lỗi"), a closing check;
- the tally sheet for a day at the desk or in a village: date, place, task, count — no names.
"""
from __future__ import annotations

import datetime as dt
import html
import io
import re

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..content.catalog import Catalog, Category, Guide
from ..web.pages import vn_date
from ..poster.draw import BOLD, BRAND, BRAND_LIGHT, INK, MUTED, REGULAR, register_fonts, sample_mark
from . import content

VOLUNTEER_CHECKS = [
    "Điện thoại của người dân còn pin (trên một nửa) và có mạng Wi-Fi hoặc 4G.",
    "Ứng dụng cần dùng đã cài từ CH Play hoặc App Store, đúng tên nhà phát triển chính thức.",
    "Số điện thoại đang dùng là SIM đứng tên người dân (SIM chính chủ) và nhận được tin nhắn.",
    "Người dân biết hoặc tự đặt được mật khẩu; bạn không giữ hộ.",
    "Có đủ thời gian: làm chậm, từng bước, để người dân tự chạm.",
]
PRIVACY_RULES = [
    "Không ghi lại số căn cước, mật khẩu, mã OTP hay số tài khoản của người dân — ở đâu cũng vậy.",
    "Người dân tự gõ mật khẩu và mã OTP; bạn quay mặt đi khi họ gõ.",
    "Không chụp ảnh giấy tờ, màn hình có thông tin cá nhân bằng máy của bạn.",
    "Không cài ứng dụng từ đường link lạ; không đăng nhập tài khoản của người dân trên máy của bạn.",
    "Xong việc: nhắc người dân đăng xuất ở máy dùng chung và cất giấy tờ.",
]
_LABEL_RE = re.compile(r"<b>([^<]{3,80}?)[:：]?</b>")

STYLE = {
    "title": ParagraphStyle("t", fontName=BOLD, fontSize=17, leading=22, textColor=BRAND, spaceAfter=2 * mm),
    "sub": ParagraphStyle("s", fontName=REGULAR, fontSize=9.5, leading=13, textColor=MUTED, spaceAfter=3 * mm),
    "h": ParagraphStyle("h", fontName=BOLD, fontSize=12, leading=16, textColor=INK, spaceBefore=3 * mm,
                        spaceAfter=1.5 * mm),
    "p": ParagraphStyle("p", fontName=REGULAR, fontSize=10, leading=13.5, textColor=INK, spaceAfter=1 * mm),
    "box": ParagraphStyle("b", fontName=REGULAR, fontSize=10, leading=13.5, textColor=INK, leftIndent=6 * mm,
                          bulletIndent=0, bulletFontName=REGULAR, spaceAfter=1.2 * mm),
    "cell": ParagraphStyle("c", fontName=REGULAR, fontSize=9.5, leading=12, textColor=INK),
    "cellb": ParagraphStyle("cb", fontName=BOLD, fontSize=9.5, leading=12, textColor=INK),
}


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _doc(title: str, catalog: Catalog, pagesize=A4) -> tuple[io.BytesIO, SimpleDocTemplate]:
    register_fonts()
    registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    buf = io.BytesIO()
    cfg = catalog.config
    doc = SimpleDocTemplate(buf, pagesize=pagesize, leftMargin=14 * mm, rightMargin=14 * mm, topMargin=12 * mm,
                            bottomMargin=14 * mm, title=title, author=f"{cfg.site_name} — {cfg.domain}",
                            creator="Sổ tay số", initialFontName=REGULAR, lang="vi", invariant=1)
    return buf, doc


def _decorate(catalog: Catalog, printed: dt.date):
    cfg = catalog.config

    def on_page(canv, doc):
        w, h = doc.pagesize
        canv.saveState()
        if cfg.is_sample:
            sample_mark(canv, w, h)
        canv.setFont(REGULAR, 8)
        canv.setFillColor(MUTED)
        canv.drawString(14 * mm, 8 * mm, f"{cfg.site_name} — {cfg.domain} · In ngày {vn_date(printed)}")
        canv.restoreState()
    return on_page


def _boxes(items: list[str]) -> list:
    return [Paragraph(_e(t), STYLE["box"], bulletText="☐") for t in items]


def _subtitle(catalog: Catalog, extra: str) -> Paragraph:
    commune = (catalog.config.commune or {}).get("name", "")
    team = (catalog.config.commune or {}).get("team") or "Tổ công nghệ số cộng đồng"
    return Paragraph(_e(" · ".join(p for p in (team, commune, extra) if p)), STYLE["sub"])


def _guide_table(catalog: Catalog, guides: list[Guide], with_time: bool = False) -> Table:
    rows = [[Paragraph("Hướng dẫn", STYLE["cellb"]), Paragraph("Link ngắn", STYLE["cellb"])]
            + ([Paragraph("Phút", STYLE["cellb"])] if with_time else [])]
    for g in guides:
        rows.append([Paragraph(_e(g.title), STYLE["cell"]),
                     Paragraph(_e(f"{catalog.config.domain}/q/{g.code}"), STYLE["cell"])]
                    + ([Paragraph(str(g.time), STYLE["cell"])] if with_time else []))
    widths = [112 * mm, 58 * mm] if not with_time else [100 * mm, 56 * mm, 14 * mm]
    t = Table(rows, colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), ("GRID", (0, 0), (-1, -1), 0.4, HexColor("#9aa5b1")),
                           ("BACKGROUND", (0, 0), (-1, 0), BRAND_LIGHT), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return t


def checklist(catalog: Catalog, cat: Category, guides: list[Guide], printed: dt.date) -> bytes:
    title = f"Phiếu đến nhà: {cat.title}"
    buf, doc = _doc(title, catalog)
    needs: list[str] = []
    for g in guides:
        for n in g.needs:
            if n.casefold() not in {x.casefold() for x in needs}:
                needs.append(n)
    story = [Paragraph(_e(title), STYLE["title"]), _subtitle(catalog, "Mang theo khi đến nhà người dân"),
             Paragraph("Người dân cần có sẵn", STYLE["h"]), *_boxes(needs),
             Paragraph("Tình nguyện viên kiểm tra trước khi bắt đầu", STYLE["h"]), *_boxes(VOLUNTEER_CHECKS),
             Paragraph("Quy tắc riêng tư", STYLE["h"]), *_boxes(PRIVACY_RULES),
             Paragraph("Các hướng dẫn của chủ đề (quét mã trên poster hoặc gõ link ngắn)", STYLE["h"]),
             _guide_table(catalog, guides)]
    doc.build(story, onFirstPage=_decorate(catalog, printed), onLaterPages=_decorate(catalog, printed))
    return buf.getvalue()


def common_mistakes(g: Guide, limit: int = 3) -> list[str]:
    """The bold labels of a guide's "Nếu gặp lỗi" items ("Không nhận được mã OTP")."""
    out = []
    for p in content.print_guide(g).trouble:
        m = _LABEL_RE.search(p.text)
        if m:
            out.append(html.unescape(m.group(1)).rstrip(":： "))
    return out[:limit]


def lesson(catalog: Catalog, cat: Category, guides: list[Guide], printed: dt.date) -> bytes:
    title = f"Giáo án buổi học: {cat.title}"
    buf, doc = _doc(title, catalog)
    chosen = guides[:3]                       # a 45–60 minute session holds about three tasks
    practice = max(10, min(25, sum(min(g.time, 15) for g in chosen)))
    story = [Paragraph(_e(title), STYLE["title"]),
             _subtitle(catalog, "Buổi học nhóm 45–60 phút, theo cách Bình dân học vụ số: làm mẫu, rồi tự làm"),
             Paragraph("Mục tiêu: sau buổi học, mỗi người tự làm được", STYLE["h"]),
             *[Paragraph(_e(g.title), STYLE["box"], bulletText="•") for g in chosen],
             Paragraph("Trình tự", STYLE["h"]),
             Paragraph("5 phút — Làm quen, hỏi mỗi người đã dùng điện thoại làm gì; nhắc quy tắc: "
                       "không đọc mã OTP, mật khẩu cho ai, kể cả trong lớp.", STYLE["p"])]
    for k, g in enumerate(chosen, start=1):
        story.append(Paragraph(f"{min(g.time, 15)} phút — Hướng dẫn {k}: <b>{_e(g.title)}</b>. Làm mẫu trên "
                               "màn hình lớn hoặc poster, từng bước, rồi cả lớp làm theo trên máy của mình.",
                               STYLE["p"]))
    story += [Paragraph(f"{practice} phút — Thực hành: từng người tự làm lại, tình nguyện viên đi quanh, chỉ "
                        "nói, không chạm máy hộ. Ai xong trước giúp người bên cạnh.", STYLE["p"]),
              Paragraph("5 phút — Kiểm tra cuối buổi (bên dưới) và phát sổ tay hoặc poster mang về.", STYLE["p"]),
              Paragraph("Lỗi hay gặp và cách gỡ (xem mục \"Nếu gặp lỗi\" của từng hướng dẫn)", STYLE["h"])]
    for g in chosen:
        for label in common_mistakes(g):
            story.append(Paragraph(f"{_e(label)} — <i>{_e(g.title)}</i>", STYLE["box"], bulletText="•"))
    story += [Paragraph("Kiểm tra cuối buổi: mỗi người tự làm, không nhìn hướng dẫn", STYLE["h"])]
    for g in chosen:
        pg = content.print_guide(g)
        last = pg.steps[-1].title if pg.steps else g.title
        story.append(Paragraph(f"Tự làm đến bước cuối của «{_e(g.title)}»: {_e(last)}.", STYLE["box"],
                               bulletText="☐"))
    story += [Paragraph("Các hướng dẫn dùng trong buổi", STYLE["h"]), _guide_table(catalog, guides, with_time=True)]
    doc.build(story, onFirstPage=_decorate(catalog, printed), onLaterPages=_decorate(catalog, printed))
    return buf.getvalue()


def tally(catalog: Catalog, printed: dt.date) -> bytes:
    title = "Phiếu đếm lượt hỗ trợ"
    buf, doc = _doc(title, catalog, pagesize=landscape(A4))
    head = ["Việc người dân cần làm", "Gạch một vạch cho mỗi lượt", "Tổng"]
    rows = [[Paragraph(h, STYLE["cellb"]) for h in head]]
    for g in catalog.guides:
        rows.append([Paragraph(_e(g.title), STYLE["cell"]), "", ""])
    rows.append([Paragraph("Việc khác (ghi tên việc, không ghi tên người):", STYLE["cell"]), "", ""])
    rows.append([Paragraph("Tổng cộng", STYLE["cellb"]), "", ""])
    t = Table(rows, colWidths=[120 * mm, 120 * mm, 25 * mm], repeatRows=1)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), ("GRID", (0, 0), (-1, -1), 0.4, HexColor("#9aa5b1")),
                           ("BACKGROUND", (0, 0), (-1, 0), BRAND_LIGHT), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story = [Paragraph(title, STYLE["title"]),
             _subtitle(catalog, "Ngày: ........................   Nơi (thôn, điểm một cửa): "
                                "..........................................   Người ghi: ...................."),
             Paragraph("Chỉ đếm số lượt. <b>Không</b> ghi tên, số căn cước, số điện thoại hay địa chỉ của "
                       "người dân. Cuối ngày cộng cột Tổng để báo cáo, ví dụ: \"60 lượt, 20 tài khoản VNeID\".",
                       STYLE["p"]),
             Spacer(1, 2 * mm), t]
    doc.build(story, onFirstPage=_decorate(catalog, printed), onLaterPages=_decorate(catalog, printed))
    return buf.getvalue()
