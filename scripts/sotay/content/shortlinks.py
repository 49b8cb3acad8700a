"""Short links that never break: <site_url>/q/<code>/ → the guide.

shortlinks.yml is the committed registry of every code ever published (printed on a poster).
A code is never removed. A guide that is renamed keeps its code, or its old id is listed under
`redirects:` so the code still leads somewhere.

A new guide's code is only pending until the guide is published: `make guide` does not write it
here, so a draft can still be renamed, re-coded or dropped. When the guide reaches main, the
deploy workflow runs `make shortlinks`, which records the code for good. Pending codes still get
their /q/<code>/ page in every build, and may not clash with any registered code.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import Problem
from .yamlload import YamlError, load_yaml

REGISTRY = "shortlinks.yml"
HEADER = """\
# Mã link ngắn đã công bố: <địa chỉ trang>/q/<mã>/ dẫn tới hướng dẫn.
# Các mã này đã được in trên poster, nên KHÔNG BAO GIỜ xóa hoặc đổi một dòng trong "codes".
# Khi đổi tên thư mục một hướng dẫn, thêm "tên-cũ: tên-mới" vào "redirects".
"""


@dataclass
class Registry:
    path: Path
    codes: dict[str, str] = field(default_factory=dict)       # code → guide id (as published)
    redirects: dict[str, str] = field(default_factory=dict)   # old guide id → new guide id

    def target(self, guide_id: str) -> str:
        seen = set()
        while guide_id in self.redirects and guide_id not in seen:
            seen.add(guide_id)
            guide_id = self.redirects[guide_id]
        return guide_id

    def resolved(self, guides) -> dict[str, str]:
        """Every published code that leads to a guide, plus each guide's pending code."""
        ids = {g.id for g in guides}
        out = {c: self.target(i) for c, i in self.codes.items() if self.target(i) in ids}
        for g in guides:
            out.setdefault(g.code, g.id)
        return out

    def dump(self) -> str:
        body = yaml.safe_dump({"codes": dict(sorted(self.codes.items())),
                               "redirects": dict(sorted(self.redirects.items()))},
                              allow_unicode=True, sort_keys=False)
        return HEADER + body


def load_registry(root: Path) -> tuple[Registry, list[Problem]]:
    path = root / REGISTRY
    if not path.exists():
        return Registry(path), []
    try:
        data = load_yaml(path) or {}
    except YamlError as exc:
        return Registry(path), exc.problems
    if not isinstance(data, dict):
        return Registry(path), [Problem(path, 'tệp phải gồm hai mục "codes:" và "redirects:".', 1)]
    codes = data.get("codes") or {}
    redirects = data.get("redirects") or {}
    if not isinstance(codes, dict) or not isinstance(redirects, dict):
        return Registry(path), [Problem(path, '"codes" và "redirects" phải là các dòng dạng `khóa: giá trị`.')]
    return Registry(path, {str(k): str(v) for k, v in codes.items()},
                    {str(k): str(v) for k, v in redirects.items()}), []


PUBLISHED_REF_ENV = "SOTAY_PUBLISHED_REF"


def _git(root: Path, *args: str) -> str | None:
    import subprocess
    try:
        r = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return r.stdout if r.returncode == 0 else None


def published_registry(root: Path) -> tuple[Registry | None, str]:
    """shortlinks.yml as published: on the branch named by $SOTAY_PUBLISHED_REF, else origin/main, else
    main — as it was where this work forked from it (the merge base), so a branch behind main is not
    blamed for codes published since. (None, "") when there is no git history to compare with."""
    import os
    refs = [os.environ[PUBLISHED_REF_ENV]] if os.environ.get(PUBLISHED_REF_ENV) else ["origin/main", "main"]
    for ref in refs:
        base = _git(root, "merge-base", "HEAD", ref)
        text = _git(root, "show", f"{base.strip()}:{REGISTRY}") if base else None
        if text is None:
            continue
        from .yamlload import parse_yaml
        try:
            data = parse_yaml(text, root / REGISTRY) or {}
        except YamlError:
            return None, ""
        codes = (data.get("codes") or {}) if isinstance(data, dict) else {}
        return Registry(root / REGISTRY, {str(k): str(v) for k, v in codes.items()}), ref
    return None, ""


def check_published(reg: Registry, published: Registry, ref: str) -> list[Problem]:
    """A code printed on a poster leads to one guide forever: no published line removed or changed."""
    problems = []
    for code, gid in published.codes.items():
        now = reg.codes.get(code)
        if now == gid:
            continue
        what = f'bị đổi thành "{now}"' if now is not None else "bị xóa"
        problems.append(Problem(reg.path, f'dòng "{code}: {gid}" đã công bố (có trên {ref}) nên không bao giờ được '
                                          f'đổi hay xóa, nhưng ở đây {what}: mã này đã in trên poster và phải luôn '
                                          f'dẫn tới "{gid}". Hãy trả lại đúng dòng "{code}: {gid}".'))
    return problems


def check_registry(root: Path, reg: Registry, guides, present_ids: set[str] | None = None) -> list[Problem]:
    """`present_ids`: guide folders on disk, valid or not (an invalid guide is reported on its own)."""
    by_id = {g.id: g for g in guides}
    present = set(by_id) | set(present_ids or ())
    problems = []
    published, ref = published_registry(root)
    if published is not None:
        problems += check_published(reg, published, ref)
    for code, gid in reg.codes.items():
        target = reg.target(gid)
        if target not in present:
            problems.append(Problem(
                reg.path, f'mã "{code}" đã in trên poster dẫn tới hướng dẫn "{gid}", nhưng hướng dẫn này '
                          f'không còn. Nếu đã đổi tên thư mục, thêm "{gid}: tên-mới" vào mục "redirects".'))
    for g in guides:
        published = reg.codes.get(g.code)     # None: pending until the guide is published
        if published is not None and reg.target(published) != g.id:
            taken = set(reg.codes) | {x.code for x in guides}
            free = next(f"{g.code}{i}" for i in range(2, 1000) if f"{g.code}{i}" not in taken)
            problems.append(Problem(g.path, f'mã link ngắn "{g.code}" đã công bố cho "{published}" và dẫn tới '
                                            f'hướng dẫn đó mãi mãi. Hướng dẫn này cần một mã chưa ai dùng, '
                                            f'ví dụ "{free}" (không đổi dòng "{g.code}" trong {REGISTRY}).'))
    return problems


def register_missing(root: Path, guides) -> list[str]:
    """Add every guide's code that the registry lacks; return the codes added."""
    reg, problems = load_registry(root)
    if problems:
        raise ValueError(problems[0].format(root))
    added = [g.code for g in guides if g.code not in reg.codes]
    for g in guides:
        reg.codes.setdefault(g.code, g.id)
    if added:
        tmp = reg.path.with_suffix(".yml.tmp")
        tmp.write_text(reg.dump(), encoding="utf-8")
        tmp.replace(reg.path)
    return added


def redirect_page(target_url: str, title: str, relative_url: str, head: str = "") -> str:
    """A static page that sends the visitor on at once, without JavaScript if need be.

    It goes to `relative_url` so it works on any host (a preview, `make serve`), and names the
    absolute `target_url` as canonical. `head`: more tags for <head> (the link preview)."""
    t, u = html.escape(title), html.escape(target_url, quote=True)
    r = html.escape(relative_url, quote=True)
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<title>{t}</title>
<meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="canonical" href="{u}">{chr(10) + head if head else ""}
<meta http-equiv="refresh" content="0; url={r}">
<script>location.replace({relative_url!r} + location.hash)</script>
</head><body style="font:20px/1.5 sans-serif;padding:1em">
<p>Đang mở hướng dẫn <a href="{r}">{t}</a>…</p>
</body></html>
"""


def write_short_links(catalog, site_dir: Path) -> list[Path]:
    """Write site/q/<code>/index.html for every published code (and each guide's own code)."""
    from ..web import social  # Pillow: only at build time, not for `make check`
    by_id = {g.id: g for g in catalog.guides}
    written = []
    for code, gid in sorted(catalog.shortlinks.items()):
        g = by_id[gid]
        out = Path(site_dir) / "q" / code / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        url = catalog.guide_url(g)
        head = social.preview_tags(g.title, g.summary, url, social.image_url(catalog.config.site_url, g.id),
                                   catalog.config.site_name, description_meta=True)
        out.write_text(redirect_page(url, g.title, "../../" + g.url_path, head), encoding="utf-8")
        written.append(out)
    return written


def known_paths(catalog) -> list[str]:
    """Site paths the 404 page may send a mistyped address to once it is lower-cased and its
    diacritics dropped (phone keyboards capitalise the first letter): every published short link,
    every guide and every topic. Embedded in the 404 page at build time."""
    paths = {f"q/{code}/" for code in catalog.shortlinks}
    paths |= {g.url_path for g in catalog.guides} | {c.url_path for c in catalog.categories.values()}
    return sorted(paths)
