"""Every field an editor writes, declared in one place: type, required, length limit, escaping rule, help.

Tables: FRONT_MATTER (a guide's index.md), SITE_CONFIG (config/site.yml), CATEGORY (each topic of
guides/categories.yml). The catalog takes
the field names and limits from here; the `schema` check (sotay/checks/schema.py) enforces the
limits and escaping rules; the MkDocs adapter escapes config values with `escape_config()`.

Escaping rules (`escape`):
  "plain"  — plain text shown on pages, in the menu and in link previews: no HTML, no Markdown code
             (`<`, `>` and backticks refused), one line unless noted; printed escaped;
  "markdown" — unused for now (the body is Markdown, checked by the body checks);
  "url"    — an https:// address, held to the allowed domains (sources: also the reviewed press list);
  "none"   — a value with a fixed shape (date, number, slug, code, yes/no), validated by type.
"""
from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    type: str                 # "text", "int", "date", "bool", "slug", "code", "url", "list", "object"
    required: bool
    max_len: int | None = None        # characters (text, url) or items (list)
    escape: str = "none"
    help: str = ""
    example: str = ""
    item: Field | None = None       # for lists: the type of each item
    fields: tuple = ()                # for objects: their fields
    one_line: bool = True


SOURCE = Field("sources[]", "object", True, fields=(
    Field("id", "slug", True, 60, help="mã ngắn để trích nguồn trong bài bằng [^id]", example="nd69-2024"),
    Field("title", "text", True, 300, "plain", "tên bài hoặc trang nguồn và nơi đăng", "Hướng dẫn kích hoạt VNeID"),
    Field("url", "url", True, 500, "url", ("địa chỉ https:// của nguồn (http:// chỉ khi trang không có https); "
          "tên miền cơ quan nhà nước, trang chính thức hoặc báo chí đã duyệt"),
          "https://dichvucong.gov.vn/"),
    Field("checked", "month", True, help="tháng đã đọc nguồn, NĂM-THÁNG", example="2026-11"),
    Field("replaced_by", "text", False, 200, "plain", "văn bản đã thay thế văn bản này (nếu có)",
          "Nghị định 69/2024/NĐ-CP"),
))
REVIEW_ITEM = Field("review item", "text", True, 1000, "plain", one_line=False,
                    help='một dòng chữ, hoặc {id, text} khi trong bài có chú thích [^id] trỏ tới nó')

FRONT_MATTER: tuple[Field, ...] = (
    Field("title", "text", True, 90, "plain", "tên hướng dẫn: việc cần làm", "Kích hoạt tài khoản định danh điện tử"),
    Field("summary", "text", True, 200, "plain", "một câu tóm tắt", "Các bước kích hoạt tài khoản mức 2."),
    Field("audience", "text", True, 200, "plain", "dành cho ai, một câu", "Người đã có căn cước gắn chip."),
    Field("category", "slug", True, 40, help="khóa chủ đề trong guides/categories.yml", example="vneid"),
    Field("devices", "list", True, 3, item=Field("device", "slug", True, 10), help="android, iphone, web",
          example="[android, iphone]"),
    Field("time", "int", True, help="số phút, từ 1 đến 240", example="10"),
    Field("needs", "list", True, 15, item=Field("need", "text", True, 150, "plain"),
          help="những thứ cần chuẩn bị", example="[Thẻ căn cước gắn chip]"),
    Field("updated", "date", True, help="ngày kiểm tra lần cuối", example="2026-11-20"),
    Field("code", "code", True, 12, help="mã link ngắn, 2–12 chữ thường không dấu hoặc số", example="vn2"),
    Field("keywords", "list", True, 40, item=Field("keyword", "text", True, 80, "plain"),
          help="từ người dân hay gõ", example="[kich hoat vneid]"),
    Field("sources", "list", True, 20, item=SOURCE, help="nguồn chính thức hoặc báo chí đã duyệt"),
    Field("review", "list", False, 30, item=REVIEW_ITEM,
          help='điều chưa xác nhận, cần kiểm tra lại (câu trỏ tới mục có "id" ghi "(chưa xác nhận)" trên trang)'),
    Field("featured", "bool", False, help="true để hiện ở trang chủ", example="true"),
    Field("related", "list", False, 6, item=Field("related[]", "slug", True, 60),
          help="mã các hướng dẫn liên quan, hiện ở cuối bài", example="[vneid-kich-hoat]"),
)

COMMUNE = Field("commune", "object", False, fields=(
    Field("name", "text", True, 80, "plain", "tên xã hoặc phường", "Xã Mẫu"),
    Field("team", "text", False, 120, "plain", "tên tổ hỗ trợ", "Tổ công nghệ số cộng đồng"),
    Field("hotline", "phone", False, 20, "plain", "số điện thoại của tổ (để trống nếu chưa có)", "0912 345 678"),
    Field("desk", "text", False, 200, "plain", "nơi tiếp dân", "Bộ phận một cửa"),
    Field("desk_hours", "text", False, 200, "plain", "giờ làm việc, một câu", "Sáng thứ Hai đến thứ Sáu…"),
    Field("address", "text", False, 200, "plain", "địa chỉ", "Trụ sở Ủy ban nhân dân xã"),
))

SITE_CONFIG: tuple[Field, ...] = (
    Field("site_name", "text", True, 60, "plain", "tên trang", "Sổ tay số"),
    Field("site_url", "url", True, 200, "url", "địa chỉ công khai của trang, kết thúc bằng /",
          "https://so-tay-so.github.io/"),
    Field("repo_url", "url", True, 200, "url", "kho mã nguồn", "https://github.com/so-tay-so/so-tay-so"),
    Field("repo_branch", "slug", False, 60, help="nhánh chính", example="main"),
    COMMUNE,
    Field("stale_days", "int", False, help="số ngày thì coi là cần xem lại", example="180"),
)


CATEGORY: tuple[Field, ...] = (             # each entry of guides/categories.yml
    Field("title", "text", True, 60, "plain", "tên chủ đề", "Định danh điện tử VNeID"),
    Field("icon", "icon", True, 60, help="biểu tượng Material, dạng material/tên", example="material/cellphone"),
    Field("description", "text", True, 200, "plain", "một câu giới thiệu", "Đăng ký, kích hoạt tài khoản…"),
)


def field_names(table) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(required, optional) top-level names of a table."""
    return (tuple(f.name for f in table if f.required), tuple(f.name for f in table if not f.required))


def limit(table, name: str) -> int | None:
    return next(f.max_len for f in table if f.name == name)


def escape_config(value):
    """A config value on its way into HTML templates (which print it as is): escaped text."""
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, dict):
        return {k: escape_config(v) for k, v in value.items()}
    if isinstance(value, list):
        return [escape_config(v) for v in value]
    return value
