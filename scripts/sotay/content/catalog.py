"""The guide catalog: every guide's front matter, read and validated once.

Everything else (site pages, category indexes, catalog.json, search, short links, posters)
takes its facts from `load_catalog()`. Guides live at guides/<category>/<id>/index.md.

Front matter (YAML between two lines of "---"):

    title:     Kích hoạt tài khoản định danh điện tử mức 2      (≤ 90 characters)
    summary:   One sentence shown in lists, search and link previews (≤ 200 characters)
    audience:  Who the guide is for, one sentence
    category:  a key of guides/categories.yml (and the parent folder's name)
    devices:   [android, iphone, web]  (one or more)
    time:      minutes, a whole number from 1 to 240
    needs:     [what to have ready, ...]  (one or more)
    updated:   YYYY-MM-DD, the day the steps were last checked
    code:      short-link code, 2–12 of a-z 0-9 (must be in shortlinks.yml)
    keywords:  [words residents use for this task, ...] (one or more)
    sources:   [{id: slug, title: ..., url: https://..., checked: YYYY-MM,
                 replaced_by: "a law that replaced this one" (optional)}, ...] (one or more;
               the body cites each with a footnote [^id], see sotay/content/facts.py)
    review:    [facts an editor should verify, ...]   (optional; an item {id: slug, text: ...}
               can be cited by a footnote [^id]: the page marks that fact "chưa xác nhận")
    featured:  true to show on the home page           (optional)
    related:   [guide id, ...] shown first under "Hướng dẫn liên quan" (optional; existing guide ids)
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml

from .config import ROOT, SiteConfig, load_config
from ..errors import ContentError, Problem
from .schema import FRONT_MATTER, SOURCE, field_names, limit
from .yamlload import YamlError, load_yaml, parse_yaml

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE_RE = re.compile(r"^[a-z0-9]{2,12}$")
DEVICES = {"android": "Android", "iphone": "iPhone", "web": "Máy tính (trang web)"}
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n", re.S | re.M)
REQUIRED, OPTIONAL = field_names(FRONT_MATTER)     # the one table of fields: sotay/content/schema.py


@dataclass(frozen=True)
class Category:
    key: str
    title: str
    icon: str
    description: str
    order: int

    @property
    def url_path(self) -> str:
        return f"chu-de/{self.key}/"


@dataclass
class Guide:
    id: str
    category: str
    path: Path                  # guides/<category>/<id>/index.md
    title: str
    summary: str
    audience: str
    devices: list[str]
    time: int
    needs: list[str]
    updated: dt.date
    code: str
    keywords: list[str]
    sources: list[dict]
    review: list[str] = field(default_factory=list)      # every review item's text
    review_ids: dict[str, str] = field(default_factory=dict)  # id → text, for items a footnote can cite
    featured: bool = False
    related: list[str] = field(default_factory=list)
    related_line: int = 1       # line of "related:" in the file, for errors about its ids
    body: str = ""              # Markdown after the front matter
    body_line: int = 1          # line number of the body's first line in the file

    @property
    def dir(self) -> Path:
        return self.path.parent

    @property
    def url_path(self) -> str:
        """Site-relative URL of the guide page, e.g. "huong-dan/vneid-kich-hoat/"."""
        return f"huong-dan/{self.id}/"

    @property
    def short_path(self) -> str:
        return f"q/{self.code}/"

    @property
    def device_labels(self) -> list[str]:
        return [DEVICES[d] for d in self.devices]

    def front_matter_key(self) -> str:
        """Everything loaded from the front matter, not the steps: what posters and menus are
        drawn from, so a cache keyed on it survives an edit to a step."""
        return repr([(f.name, getattr(self, f.name)) for f in fields(self) if f.name not in ("body", "body_line")])


@dataclass
class Catalog:
    root: Path
    config: SiteConfig
    categories: dict[str, Category]
    guides: list[Guide]
    shortlinks: dict[str, str]   # every published code → guide id (see shortlinks.py)

    def by_id(self, guide_id: str) -> Guide:
        for g in self.guides:
            if g.id == guide_id:
                return g
        raise KeyError(guide_id)

    def in_category(self, key: str) -> list[Guide]:
        return [g for g in self.guides if g.category == key]

    def url(self, path: str) -> str:
        return self.config.site_url + path

    def guide_url(self, g: Guide) -> str:
        return self.url(g.url_path)

    def short_url(self, g: Guide) -> str:
        return self.url(g.short_path)


# --- reading -------------------------------------------------------------------------------

def _key_lines(text: str) -> dict[str, int]:
    """Line (1-based, in the file) of each top-level key of the front matter."""
    lines = {}
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))   # libyaml: 30× faster
    except yaml.YAMLError:
        return lines
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            lines[str(key_node.value)] = key_node.start_mark.line + 2  # +1 for "---", +1 for 1-based
    return lines


def _is_text_list(value) -> bool:
    return isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value)


def _validate(meta: dict, path: Path, folder_category: str, categories: dict, lines: dict) -> list[Problem]:
    out: list[Problem] = []

    def bad(key: str, message: str):
        out.append(Problem(path, message, lines.get(key, 1)))

    unknown = sorted(set(meta) - set(REQUIRED) - set(OPTIONAL))
    for key in unknown:
        bad(key, f'trường "{key}" không có trong mẫu. Các trường hợp lệ: {", ".join(REQUIRED + OPTIONAL)}.')
    for key in REQUIRED:
        if key not in meta or meta[key] in (None, "", []):
            out.append(Problem(path, f'thiếu trường "{key}" trong phần đầu (front matter).', 1))
    if out:
        return out

    for key in ("title", "summary", "audience"):
        if not isinstance(meta[key], str):
            bad(key, f'"{key}" phải là một dòng chữ.')
    if isinstance(meta["title"], str) and len(meta["title"]) > limit(FRONT_MATTER, "title"):
        bad("title", f'"title" dài {len(meta["title"])} ký tự; hãy rút gọn còn tối đa {limit(FRONT_MATTER, "title")}.')
    if isinstance(meta["summary"], str):
        if len(meta["summary"]) > limit(FRONT_MATTER, "summary"):
            bad("summary", f'"summary" dài {len(meta["summary"])} ký tự; hãy viết một câu ngắn, '
                           f'tối đa {limit(FRONT_MATTER, "summary")}.')
        if "\n" in meta["summary"].strip():
            bad("summary", '"summary" chỉ nên là một câu trên một dòng.')
    if meta["category"] not in categories:
        bad("category", f'chủ đề "{meta["category"]}" không có trong guides/categories.yml. '
                        f'Chọn một trong: {", ".join(categories)}.')
    elif meta["category"] != folder_category:
        bad("category", f'"category: {meta["category"]}" khác với thư mục chứa hướng dẫn '
                        f'("{folder_category}"). Hãy chuyển thư mục hoặc sửa trường này.')
    devices = meta["devices"]
    if not (isinstance(devices, list) and devices and all(d in DEVICES for d in devices)):
        bad("devices", f'"devices" phải là danh sách gồm: {", ".join(DEVICES)}; ví dụ [android, iphone].')
    elif len(set(devices)) != len(devices):
        bad("devices", '"devices" có mục bị lặp.')
    t = meta["time"]
    if not (isinstance(t, int) and not isinstance(t, bool) and 1 <= t <= 240):
        bad("time", '"time" là số phút (số nguyên từ 1 đến 240), ví dụ: time: 10')
    for key in ("needs", "keywords"):
        if not _is_text_list(meta[key]):
            bad(key, f'"{key}" phải là danh sách các dòng chữ, ví dụ: [Thẻ căn cước gắn chip]')
    if "review" in meta and meta["review"] not in (None, []):
        review = meta["review"]
        if not isinstance(review, list):
            bad("review", '"review" phải là danh sách các điều cần kiểm tra lại.')
        else:
            for item in review:
                if isinstance(item, dict):
                    if not (set(item) == {"id", "text"} and isinstance(item["id"], str) and ID_RE.match(item["id"])
                            and isinstance(item["text"], str) and item["text"].strip()):
                        bad("review", f'mục review {item!r} cần đúng hai trường "id" (chữ thường không dấu, số, '
                                      'dấu "-") và "text" (điều cần kiểm tra).')
                elif not (isinstance(item, str) and item.strip()):
                    bad("review", '"review" phải là danh sách các điều cần kiểm tra lại.')
    related = meta.get("related")
    if related not in (None, []) and not (isinstance(related, list)
                                          and all(isinstance(r, str) and ID_RE.match(r) for r in related)):
        bad("related", '"related" phải là danh sách mã hướng dẫn (tên thư mục), ví dụ: related: [vneid-kich-hoat]')
    if "featured" in meta and not isinstance(meta["featured"], bool):
        bad("featured", '"featured" chỉ nhận true hoặc false.')
    upd = meta["updated"]
    if not isinstance(upd, dt.date) or isinstance(upd, dt.datetime):
        bad("updated", '"updated" phải là ngày dạng NĂM-THÁNG-NGÀY, ví dụ: updated: 2026-11-20')
    elif upd > dt.date.today():
        bad("updated", f'"updated" ({upd}) là ngày trong tương lai.')
    code = meta["code"]
    if not (isinstance(code, str) and CODE_RE.match(code)):
        bad("code", '"code" (mã link ngắn) chỉ gồm 2–12 chữ thường không dấu hoặc số, ví dụ: code: vn2')
    sources = meta["sources"]
    if not (isinstance(sources, list) and sources):
        bad("sources", '"sources" phải là danh sách nguồn, mỗi nguồn có "title" và "url".')
    else:
        for s in sources:
            for message in _source_problems(s):
                bad("sources", message)
    ids = [s["id"] for s in sources if isinstance(s, dict) and isinstance(s.get("id"), str)]
    ids += [r["id"] for r in (meta.get("review") or []) if isinstance(r, dict) and isinstance(r.get("id"), str)]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        bad("sources", f'mã "{dup}" dùng cho hai nguồn hoặc mục review. Mỗi "id" phải khác nhau.')
    return out


SOURCE_KEYS = tuple(f.name for f in SOURCE.fields)       # sotay/content/schema.py
CHECKED_RE = re.compile(r"^(\d{4})-(\d{2})$")


def _source_problems(s) -> list[str]:
    if not isinstance(s, dict):
        return [f'nguồn {s!r} phải có các trường id, title, url, checked.']
    name = s.get("title") or s.get("id") or s
    out = []
    unknown = sorted(set(map(str, s)) - set(SOURCE_KEYS))
    if unknown:
        out.append(f'nguồn "{name}" có trường lạ {", ".join(unknown)}; chỉ dùng: {", ".join(SOURCE_KEYS)}.')
    if not (isinstance(s.get("id"), str) and ID_RE.match(s["id"]) and len(s["id"]) <= 60):
        out.append(f'nguồn "{name}" cần "id": một mã ngắn gồm chữ thường không dấu, số và "-", '
                   'ví dụ id: nd69-2024. Trong bài, trích nguồn bằng [^id].')
    if not (isinstance(s.get("title"), str) and s["title"].strip()):
        out.append(f'nguồn "{name}" cần "title": tên bài hoặc văn bản và nơi đăng.')
    if not (isinstance(s.get("url"), str) and s["url"].startswith(("https://", "http://"))):
        out.append(f'nguồn "{name}" cần "url" bắt đầu bằng https://.')
    checked = s.get("checked")
    m = CHECKED_RE.match(checked) if isinstance(checked, str) else None
    if not (m and 1 <= int(m.group(2)) <= 12):
        out.append(f'nguồn "{name}" cần "checked": tháng bạn đọc nguồn, dạng NĂM-THÁNG, ví dụ checked: 2026-11.')
    elif (int(m.group(1)), int(m.group(2))) > (dt.date.today().year, dt.date.today().month):
        out.append(f'nguồn "{name}": "checked: {checked}" là tháng trong tương lai.')
    if "replaced_by" in s and not (isinstance(s["replaced_by"], str) and s["replaced_by"].strip()):
        out.append(f'nguồn "{name}": "replaced_by" ghi tên văn bản đã thay thế văn bản này.')
    return out


def load_categories(root: Path) -> tuple[dict[str, Category], list[Problem]]:
    path = root / "guides" / "categories.yml"
    try:
        data = load_yaml(path) or {}
    except YamlError as exc:
        return {}, exc.problems
    except OSError as exc:
        return {}, [Problem(path, f"không đọc được danh sách chủ đề: {exc}")]
    if not isinstance(data, dict):
        return {}, [Problem(path, "tệp phải gồm các dòng dạng `khóa-chủ-đề:` rồi title, icon, description.", 1)]
    cats, problems = {}, []
    for i, (key, c) in enumerate(data.items()):
        if not (isinstance(c, dict) and all(isinstance(c.get(k), str) for k in ("title", "icon", "description"))):
            problems.append(Problem(path, f'chủ đề "{key}" cần có "title", "icon" và "description".'))
            continue
        if not ID_RE.match(str(key)):
            problems.append(Problem(path, f'khóa chủ đề "{key}" chỉ gồm chữ thường không dấu, số và dấu "-".'))
            continue
        cats[key] = Category(key, c["title"], c["icon"], c["description"], i)
    return cats, problems


def read_guide(path: Path, categories: dict[str, Category]) -> tuple[Guide | None, list[Problem]]:
    folder_category, guide_id = path.parent.parent.name, path.parent.name
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None, [Problem(path, "tệp không ở dạng UTF-8. Hãy lưu lại với bảng mã UTF-8.")]
    text = raw.replace("\r\n", "\n")
    problems: list[Problem] = []
    if text.startswith("\ufeff"):            # a byte-order mark some editors save: not "missing front matter"
        problems.append(Problem(path, "tệp bắt đầu bằng ký tự ẩn BOM. Chạy `make fix-unicode` để bỏ nó "
                                      "(hoặc lưu lại với bảng mã UTF-8 không BOM).", 1))
        text = text.lstrip("\ufeff")
    if unicodedata.normalize("NFC", text) != text:
        line = next(n for n, ln in enumerate(text.split("\n"), 1) if unicodedata.normalize("NFC", ln) != ln)
        problems.append(Problem(path, "chữ tiếng Việt chưa ở dạng chuẩn NFC (dấu gõ tách rời). "
                                      "Chạy `make fix-unicode` hoặc gõ lại bằng bộ gõ Unicode dựng sẵn.", line))
        text = unicodedata.normalize("NFC", text)
    if not ID_RE.match(guide_id):
        problems.append(Problem(path, f'tên thư mục "{guide_id}" chỉ được gồm chữ thường không dấu, số và "-".'))
    m = FRONT_MATTER_RE.match(text)
    if not m:
        return None, problems + [Problem(path, 'thiếu phần đầu (front matter): tệp phải bắt đầu bằng một dòng '
                                               '"---", các trường title, summary…, rồi một dòng "---".', 1)]
    fm = m.group(1)
    try:
        meta = parse_yaml(fm, path, first_line=2) or {}      # line 1 is "---"
    except YamlError as exc:
        return None, problems + [Problem(p.path, "phần đầu " + p.message, p.line) for p in exc.problems]
    if not isinstance(meta, dict):
        return None, problems + [Problem(path, "phần đầu phải là các dòng dạng `tên: giá trị`.", 1)]
    lines = _key_lines(fm)
    problems += _validate(meta, path, folder_category, categories, lines)
    if problems:
        return None, problems
    body = text[m.end():]
    guide = Guide(
        id=guide_id, category=meta["category"], path=path,
        title=meta["title"].strip(), summary=meta["summary"].strip(), audience=meta["audience"].strip(),
        devices=list(meta["devices"]), time=meta["time"], needs=list(meta["needs"]),
        updated=meta["updated"], code=meta["code"], keywords=list(meta["keywords"]),
        sources=list(meta["sources"]),
        review=[r["text"] if isinstance(r, dict) else r for r in meta.get("review") or []],
        review_ids={r["id"]: r["text"] for r in meta.get("review") or [] if isinstance(r, dict)},
        featured=bool(meta.get("featured", False)),
        related=list(meta.get("related") or []), related_line=lines.get("related", 1),
        body=body, body_line=fm.count("\n") + 3,
    )
    return guide, []


def find_guide_files(root: Path) -> list[Path]:
    return sorted((root / "guides").glob("*/*/index.md"))


def _check_related(guides: list[Guide]) -> list[Problem]:
    """Every id under `related:` names another existing guide, once."""
    ids = {g.id for g in guides}
    out = []
    for g in guides:
        for r in g.related:
            if r == g.id:
                out.append(Problem(g.path, f'"related" không được chứa chính hướng dẫn này ("{r}"). Hãy bỏ mục đó.',
                                   g.related_line))
            elif r not in ids:
                out.append(Problem(g.path, f'"related": không có hướng dẫn nào mã "{r}". Mã là tên thư mục trong '
                                           f'guides/<chủ đề>/, ví dụ: related: [{next(iter(sorted(ids - {g.id})), "vneid-kich-hoat")}]',
                                   g.related_line))
        if len(set(g.related)) != len(g.related):
            out.append(Problem(g.path, '"related" có mục bị lặp.', g.related_line))
    return out


def load_catalog(root: Path = ROOT, config: SiteConfig | None = None) -> Catalog:
    """Read and validate every guide; raise ContentError listing every problem found."""
    from .shortlinks import load_registry, check_registry  # local import: shortlinks uses Catalog types

    root = Path(root)
    config = config or load_config(root)
    categories, problems = load_categories(root)
    guides: list[Guide] = []
    files = find_guide_files(root)
    for path in files:
        guide, found = read_guide(path, categories)
        problems += found
        if guide:
            guides.append(guide)
    registry, reg_problems = load_registry(root)
    seen_code: dict[str, Guide] = {}
    for g in guides:
        if g.code in seen_code:
            first, other = seen_code[g.code], g
            if registry.codes.get(g.code) == g.id:          # never point at the guide that owns the code
                first, other = other, first
            problems.append(Problem(other.path, f'mã link ngắn "{g.code}" đã dùng cho hướng dẫn "{first.id}". '
                                                "Mã đã công bố không bao giờ đổi: hướng dẫn này cần một mã "
                                                "chưa ai dùng."))
        seen_code.setdefault(g.code, g)
    ids = [g.id for g in guides]
    for gid in {i for i in ids if ids.count(i) > 1}:
        dup = [g.path for g in guides if g.id == gid]
        problems.append(Problem(dup[1], f'mã hướng dẫn "{gid}" bị trùng với {dup[0]}. Tên thư mục phải khác nhau.'))
    problems += _check_related(guides)
    problems += reg_problems + check_registry(root, registry, guides, {p.parent.name for p in files})
    if problems:
        raise ContentError(problems, root)
    order = {k: c.order for k, c in categories.items()}
    guides.sort(key=lambda g: (order[g.category], g.id))
    return Catalog(root=root, config=config, categories=categories, guides=guides,
                   shortlinks=registry.resolved(guides))
