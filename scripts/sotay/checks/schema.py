"""Check `schema`: each front-matter and config field within its declared limits and escaping rule
(the tables in sotay/content/schema.py). Types are the catalog's job; this check adds lengths, list sizes,
"plain text" (no HTML, no Markdown code: these fields reach menus, titles and link previews as they
are) and source addresses (https, allowed domains or the reviewed press list)."""
from __future__ import annotations

import re

from ..errors import Problem
from ..content.schema import CATEGORY, FRONT_MATTER, SITE_CONFIG, Field
from ..content.yamlload import YamlError, load_yaml
from .base import GuideContext, SiteContext, domain_allowed
from .links import link_allowed

ID = "schema"
TITLE = "Giới hạn và cách viết của từng trường (phần đầu, config/site.yml)"
SCOPE = "both"

PLAIN_BAD = re.compile(r"[<>`]")
HOST_RE = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
URL_RE = re.compile(r"(https?)://([^/?#\s:@\\]+)(?::\d{1,5})?(?:[/?#][^\s\"'<>`\\]*)?")
PHONE_RE = re.compile(r"[0-9][0-9 .()+-]{1,18}[0-9]")


def _text_problem(f: Field, value: str, where: str) -> str | None:
    if not isinstance(value, str):
        return None                      # the catalog reports wrong types
    if f.max_len and len(value) > f.max_len:
        return f'{where} dài {len(value)} ký tự; tối đa {f.max_len}. Hãy rút gọn.'
    if f.escape == "plain" and PLAIN_BAD.search(value):
        ch = PLAIN_BAD.search(value).group(0)
        return (f'{where} có ký tự "{ch}": trường này là chữ thường (hiện ở menu, tiêu đề, xem trước liên kết), '
                'không dùng HTML hay dấu ` (mã). Hãy xóa ký tự này.')
    if f.escape == "plain" and f.one_line and "\n" in value.strip():
        return f"{where} chỉ được viết trên một dòng."
    return None


def url_problem(value: str, where: str, allow=None) -> str | None:
    """An https address (http too for a source: some commune portals have no https), with a plain
    host; with `allow`, the host must be an allowed domain, an official social page or reviewed press."""
    if not isinstance(value, str):
        return None
    m = URL_RE.fullmatch(value.strip())
    if not m or not HOST_RE.fullmatch(m.group(2).lower().rstrip(".")) or (allow is None and m.group(1) != "https"):
        return (f'{where} "{value[:80]}" phải là một địa chỉ https:// bình thường (tên miền chữ thường không dấu, '
                "không có dấu cách, @ hay \\), ví dụ https://dichvucong.gov.vn/.")
    host, path = m.group(2).lower().rstrip("."), value.strip()[m.end(2):]
    if allow is not None and not (link_allowed(host, path, allow) or domain_allowed(host, allow.press)):
        return (f'{where}: tên miền "{host}" không thuộc danh sách được phép (config/allowed-domains.yml '
                "cho cơ quan chính thức, config/source-domains.yml cho báo chí đã duyệt). Nếu đây là nguồn đáng "
                "tin, thêm tên miền vào danh sách đó (kèm ghi chú) để người duyệt kiểm tra. Trên mạng xã hội chỉ "
                'các trang ghi trong "social: pages".')
    return None


def _line_of(lines: list[str], key: str, value=None) -> int:
    key_line = next((i for i, t in enumerate(lines, 1) if re.match(rf"^{re.escape(key)}\s*:", t)), 1)
    if isinstance(value, str) and value.strip():
        needle = value.strip()[:30]
        for i in range(key_line - 1, len(lines)):
            if needle in lines[i]:
                return i + 1
    return key_line


def _guide(ctx: GuideContext):
    g, out = ctx.guide, []
    lines = ctx.text.split("\n")[:g.body_line - 1]
    for f in FRONT_MATTER:
        value = getattr(g, f.name, None)
        if f.type == "text":
            msg = _text_problem(f, value, f'"{f.name}"')
            if msg:
                out.append(Problem(g.path, msg, _line_of(lines, f.name)))
        elif f.type == "list" and isinstance(value, list):
            if f.max_len and len(value) > f.max_len:
                out.append(Problem(g.path, f'"{f.name}" có {len(value)} mục; tối đa {f.max_len}.', _line_of(lines, f.name)))
            for item in value:
                if f.item.type == "text":
                    text = item.get("text") if isinstance(item, dict) else item
                    msg = _text_problem(f.item, text, f'một mục của "{f.name}"')
                    if msg:
                        out.append(Problem(g.path, msg, _line_of(lines, f.name, text)))
                elif f.item.type == "object" and isinstance(item, dict):
                    for sub in f.item.fields:
                        v = item.get(sub.name)
                        where = f'"{f.name}" → "{sub.name}"'
                        msg = (url_problem(v, where, ctx.allow) if sub.type == "url"
                               else _text_problem(sub, v, where))
                        if msg is None and sub.type == "url" and isinstance(v, str) and len(v) > sub.max_len:
                            msg = f"{where} dài {len(v)} ký tự; tối đa {sub.max_len}."
                        if msg:
                            out.append(Problem(g.path, msg, _line_of(lines, f.name, v)))
    return out


def _config(ctx: SiteContext):
    path = ctx.root / "config" / "site.yml"
    try:
        data = load_yaml(path) or {}
    except (YamlError, OSError):
        return []                        # the catalog (load_config) reports it
    if not isinstance(data, dict):
        return []
    lines = path.read_text(encoding="utf-8").split("\n")
    out = []

    def walk(table, values: dict, prefix: str):
        known = {f.name for f in table}
        for key in values:
            if key not in known:
                out.append(Problem(path, f'trường "{prefix}{key}" không có trong mẫu. Các trường hợp lệ: '
                                         f'{", ".join(sorted(known))}.', _line_of(lines, str(key).strip())))
        for f in table:
            v = values.get(f.name)
            where = f'"{prefix}{f.name}"'
            if v in (None, ""):
                continue
            if f.type == "object":
                if isinstance(v, dict):
                    walk(f.fields, v, f"{f.name}.")
                else:
                    out.append(Problem(path, f"{where} phải gồm các dòng thụt lề bên dưới.", _line_of(lines, f.name)))
                continue
            if f.type in ("text", "phone", "url", "slug") and not isinstance(v, str):
                out.append(Problem(path, f"{where} phải là một dòng chữ.", _line_of(lines, f.name)))
                continue
            if f.type == "int" and (not isinstance(v, int) or isinstance(v, bool) or not 1 <= v <= 100000):
                out.append(Problem(path, f"{where} phải là một số nguyên dương.", _line_of(lines, f.name)))
                continue
            msg = None
            if f.type == "url":
                msg = url_problem(v, where, None)
            elif f.type == "phone" and not PHONE_RE.fullmatch(v.strip()):
                msg = f'{where} "{v[:30]}" phải là một số điện thoại (chỉ chữ số, dấu cách, dấu chấm), ví dụ 0912 345 678.'
            elif f.type == "slug" and not re.fullmatch(r"[A-Za-z0-9._/-]{1,60}", v):
                msg = f'{where} chỉ gồm chữ không dấu, số, "-", "_", "/" và ".".'
            else:
                msg = _text_problem(f, v, where)
            if msg:
                out.append(Problem(path, msg, _line_of(lines, f.name) if not prefix else
                                   next((i for i, t in enumerate(lines, 1)
                                         if re.match(rf"^\s+{re.escape(f.name)}\s*:", t)), 1)))

    walk(SITE_CONFIG, data, "")
    return out


ICON_RE = re.compile(r"material/[a-z0-9-]{1,60}")


def _categories(ctx: SiteContext):
    """Topic titles and descriptions reach the menu, the topic pages' generated front matter and tiles."""
    path = ctx.root / "guides" / "categories.yml"
    try:
        data = load_yaml(path) or {}
    except (YamlError, OSError):
        return []                        # the catalog reports it
    if not isinstance(data, dict):
        return []
    lines = path.read_text(encoding="utf-8").split("\n")
    out = []
    for key, entry in data.items():
        if not isinstance(entry, dict):
            continue
        key_line = _line_of(lines, str(key))
        for f in CATEGORY:
            v = entry.get(f.name)
            where = f'"{key}" → "{f.name}"'
            if f.type == "icon":
                msg = None if isinstance(v, str) and ICON_RE.fullmatch(v) else \
                    f'{where} phải có dạng material/tên-biểu-tượng, ví dụ {f.example}.'
            else:
                msg = _text_problem(f, v, where)
            if msg:
                line = next((i for i in range(key_line, len(lines) + 1)
                             if re.match(rf"^\s+{f.name}\s*:", lines[i - 1])), key_line)
                out.append(Problem(path, msg, line))
    return out


def check(ctx):
    return _config(ctx) + _categories(ctx) if isinstance(ctx, SiteContext) else _guide(ctx)
