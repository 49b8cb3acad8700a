"""What every check module shares: the allow-lists, the guide's texts as `Source`s, the rendered HTML.

A guide is checked as three sources, each with its lines numbered as in its file:

* `body`   — the Markdown after the front matter;
* `front`  — the front matter's lines without "sources" and "review", plus its text fields
             (title, summary, audience, needs, keywords) as Markdown, the way pages show them;
* `images` — images.yml, whose text is drawn into mock screens (only the address checks apply).
"""
from __future__ import annotations

import functools
import html
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..content.catalog import Guide
from ..errors import ContentError, Problem
from ..content.steps import code_lines
from ..content.yamlload import YamlError, load_yaml

# Reserved for documentation (RFC 2606): addresses there cannot belong to anyone.
FAKE_EMAIL_DOMAINS = ("example.com", "example.net", "example.org")
BACKTICKS_RE = re.compile(r"(?<!\\)`+")      # a backslash-escaped backtick opens nothing


def strip_code_spans(line: str) -> str:
    """The line with each inline code span (`…`, ``…``: opening and closing runs of equal length)
    replaced by a space. Linear time, whatever the backticks (a regex with a back-reference is not)."""
    runs = [(m.start(), m.end()) for m in BACKTICKS_RE.finditer(line)]
    nxt, last = [None] * len(runs), {}
    for k in range(len(runs) - 1, -1, -1):
        n = runs[k][1] - runs[k][0]
        nxt[k] = last.get(n)
        last[n] = k
    out, pos, k = [], 0, 0
    while k < len(runs):
        j = nxt[k]
        if j is None or runs[j][0] == runs[k][1]:     # no closing run, or nothing inside
            k += 1
            continue
        out += [line[pos:runs[k][0]], " "]
        pos, k = runs[j][1], j + 1
    return "".join(out) + line[pos:]


# --- configuration ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Allowlists:
    domains: tuple[str, ...]
    phones: frozenset[str]      # digits only, e.g. "19000368"
    emails: frozenset[str]      # lower case
    press: tuple[str, ...] = ()             # config/source-domains.yml: allowed for `sources` only
    social_platforms: tuple[str, ...] = ()  # hosts where only listed pages are allowed
    social_pages: tuple[str, ...] = ()      # "host" or "host/path" of official pages on them


def digits(s: str) -> str:
    d = re.sub(r"\D", "", s)
    if d.startswith("84") and len(d) in (11, 12):   # +84 912 345 678 → 0912345678
        d = "0" + d[2:]
    return d


DOMAIN_NAME_RE = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}")


def _domain_list(data, key: str, path: Path, problems: list[Problem]) -> list[str]:
    out = []
    for d in data.get(key) or []:
        d = str(d).strip().lower().rstrip(".")
        if not DOMAIN_NAME_RE.fullmatch(d):
            problems.append(Problem(path, f'"{d}" không phải một tên miền (ví dụ đúng: dichvucong.gov.vn).'))
        else:
            out.append(d)
    return out


def load_allowlists(root: Path) -> tuple[Allowlists, list[Problem]]:
    problems: list[Problem] = []
    dom_path = root / "config" / "allowed-domains.yml"
    domains: list[str] = []
    data = {}
    try:
        data = load_yaml(dom_path) or {}
        domains = _domain_list(data, "domains", dom_path, problems)
    except YamlError as exc:
        problems += exc.problems
    except (OSError, AttributeError) as exc:
        problems.append(Problem(dom_path, f"không đọc được danh sách tên miền được phép: {exc}"))
    social_platforms: list[str] = []
    social_pages: list[str] = []
    if isinstance(data, dict) and isinstance(data.get("social"), dict):
        social_platforms = _domain_list(data["social"], "platforms", dom_path, problems)
        for page in data["social"].get("pages") or []:
            page = str(page).strip().lower().rstrip("/")
            if not re.fullmatch(r"(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[a-z0-9._~-]+)*", page):
                problems.append(Problem(dom_path, f'"{page}" trong "social: pages:" phải có dạng '
                                                  '"help.zalo.me" hoặc "www.facebook.com/ten-trang".'))
            else:
                social_pages.append(page)
    press: list[str] = []
    src_path = root / "config" / "source-domains.yml"
    if src_path.exists():
        try:
            sdata = load_yaml(src_path) or {}
            if isinstance(sdata, dict):
                press = _domain_list(sdata, "press", src_path, problems) + _domain_list(sdata, "other", src_path,
                                                                                        problems)
        except YamlError as exc:
            problems += exc.problems
    con_path = root / "config" / "official-contacts.yml"
    phones, emails = set(), set()
    if con_path.exists():
        try:
            data = load_yaml(con_path) or {}
            for kind in ("phones", "emails"):
                for item in data.get(kind) or []:
                    if not (isinstance(item, dict) and item.get("name") and item.get("source")
                            and (item.get("number") if kind == "phones" else item.get("address"))):
                        problems.append(Problem(con_path, f'mỗi mục trong "{kind}" cần "name", "source" và '
                                                          f'{"number" if kind == "phones" else "address"}: {item!r}'))
                        continue
                    if kind == "phones":
                        phones.add(digits(str(item["number"])))
                    else:
                        emails.add(str(item["address"]).strip().lower())
        except YamlError as exc:
            problems += exc.problems
        except (OSError, AttributeError) as exc:
            problems.append(Problem(con_path, f"không đọc được danh sách liên hệ chính thức: {exc}"))
    try:   # the commune's own hotline (config/site.yml) is official by definition
        from ..content.config import load_config
        hotline = (load_config(root).commune or {}).get("hotline")
        if hotline:
            phones.add(digits(str(hotline)))
    except ContentError as exc:
        problems += exc.problems
    return Allowlists(tuple(domains), frozenset(phones), frozenset(emails), tuple(press),
                      tuple(social_platforms), tuple(social_pages)), problems


def domain_allowed(host: str, domains) -> bool:
    """Suffix match on a dot boundary: "gov.vn" allows "dichvucong.gov.vn", not "dichvucong-gov.vn"."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)


# --- Markdown rendering, the same way the site does ------------------------------------------

@functools.lru_cache(maxsize=4)
def _markdown_setup(root: str):
    """The site's Markdown extensions (from mkdocs.yml)."""
    exts, configs = [], {}
    try:
        from mkdocs.utils import yaml_load
        with open(Path(root) / "mkdocs.yml", encoding="utf-8") as f:
            cfg = yaml_load(f) or {}
        for e in cfg.get("markdown_extensions") or []:
            if isinstance(e, dict):
                (name, conf), = e.items()
                exts.append(name)
                configs[name] = conf or {}
            else:
                exts.append(e)
    except Exception:  # noqa: BLE001 — fall back to the essentials if mkdocs.yml cannot be read
        exts = ["toc", "admonition", "attr_list", "md_in_html", "tables", "pymdownx.superfences",
                "pymdownx.tabbed"]
        configs = {"pymdownx.tabbed": {"alternate_style": True}}
    return exts, configs


@functools.lru_cache(maxsize=4)
def _markdown(root: str):
    """One converter per process: setting up the extensions costs more than converting a guide."""
    import markdown
    exts, configs = _markdown_setup(root)
    return markdown.Markdown(extensions=exts, extension_configs=configs)


def render(root: Path, markdown_text: str) -> str:
    md = _markdown(str(root))
    try:
        return md.convert(markdown_text)
    finally:
        md.reset()                       # footnotes, heading ids, stashed HTML: nothing carries over


class HtmlScan(HTMLParser):
    """Collects every element and attribute of rendered HTML (names lower-cased, entities decoded)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag.lower(), [(k.lower(), v or "") for k, v in attrs]))

    handle_startendtag = handle_starttag


# --- one text of a guide, with its file's line numbers --------------------------------------------

@dataclass
class Source:
    path: Path
    lines: list[str]
    first: int                   # file line of lines[0]
    markdown: str                # what is rendered (the body, or the front matter's text fields)
    kind: str                    # "body", "front" or "images"
    root: Path
    _rendered: tuple | None = field(default=None, repr=False)

    @functools.cached_property
    def code_lines(self) -> set[int]:
        return code_lines(self.lines)

    def file_line(self, i: int) -> int:
        return self.first + i

    def problem(self, i: int | None, message: str) -> Problem:
        return Problem(self.path, message, self.file_line(i) if i is not None else self.first)

    def text_lines(self):
        """(index, line without inline code) for lines outside fenced code."""
        for i, line in enumerate(self.lines):
            if i not in self.code_lines:
                yield i, strip_code_spans(line)

    def locate(self, needles: list[str], used: dict) -> int | None:
        """Index of the first not-yet-used line containing one of `needles` (case-insensitive)."""
        for needle in needles:
            if not needle:
                continue
            n = needle.lower()
            for i, line in enumerate(self.lines):
                if (n in line.lower() or n in html.unescape(line).lower()) and (n, i) not in used:
                    used[(n, i)] = True
                    return i
        return None

    def rendered(self) -> tuple[str, list | None, str]:
        """(html, elements, error): the source as the site renders it, parsed once and kept."""
        if self._rendered is None:
            try:
                out = render(self.root, self.markdown)
                scan = HtmlScan()
                scan.feed(out)
                scan.close()
                self._rendered = (out, scan.elements, "")
            except Exception as exc:  # noqa: BLE001 — a Markdown extension crashed on this input
                self._rendered = ("", None, str(exc))
        return self._rendered


def _front_matter_source(guide: Guide, root: Path) -> Source:
    """The front matter's lines (numbered as in the file) without "sources" (shown as plain text
    by the build, and may name any credible site) and "review" (notes for editors), and its text
    fields as Markdown, as pages show them."""
    text = unicodedata.normalize("NFC", guide.path.read_text(encoding="utf-8").replace("\r\n", "\n"))
    lines = text.split("\n")[:guide.body_line - 1]
    key = None
    for k, line in enumerate(lines):
        m = re.match(r"^([A-Za-z_]+)\s*:", line)
        if m:
            key = m.group(1)
        if line.startswith("---") or key in ("sources", "review"):
            lines[k] = ""
    fields = [guide.title, guide.summary, guide.audience, *guide.needs, *guide.keywords]
    return Source(guide.path, lines, 1, "\n\n".join(f.replace("\n", " ") for f in fields) + "\n", "front", root)


@dataclass
class GuideContext:
    """One guide as the guide checks see it."""
    guide: Guide
    root: Path
    allow: Allowlists
    catalog: object | None = None      # None while the catalog itself has problems

    @functools.cached_property
    def text(self) -> str:
        """The whole index.md, NFC, with "\\n" line ends."""
        return unicodedata.normalize("NFC", self.guide.path.read_text(encoding="utf-8").replace("\r\n", "\n"))

    @functools.cached_property
    def body(self) -> Source:
        g = self.guide
        return Source(g.path, g.body.split("\n"), g.body_line, g.body, "body", self.root)

    @functools.cached_property
    def front(self) -> Source:
        return _front_matter_source(self.guide, self.root)

    @functools.cached_property
    def images(self) -> Source | None:
        yml = self.guide.dir / "images.yml"
        if not yml.exists():
            return None
        return Source(yml, yml.read_text(encoding="utf-8").split("\n"), 1, "", "images", self.root)


@dataclass
class SiteContext:
    """What the site-wide checks see: the catalog (None when its front matter is invalid)."""
    root: Path
    catalog: object | None
    catalog_problems: list[Problem]
    guides: list[Guide]
    allow: Allowlists
    commune: str = ""
