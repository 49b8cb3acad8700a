"""Fuzzing `make check`'s code (Hypothesis): random front matter, Markdown and SVG are either refused
with a Vietnamese message naming the file, or what the build makes of them passes the allowlist
sanitizer unchanged. Never a crash. Examples are few and derandomized, so this runs in seconds in CI."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import SCAFFOLD_GUIDE

CAT, GID = SCAFFOLD_GUIDE[:2]
REL = f"guides/{CAT}/{GID}/index.md"
FUZZ = settings(max_examples=10, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Pieces an attacker (or a careless editor) would combine.
TRICKS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "`<svg onload=alert(1)>`",
          "\\`<b>x</b>\\`", "[x](javascript:alert(1))", "[x](https://vneid-gov.com/)", "<!-- ẩn -->",
          "{ onclick=alert(1) }", "&#106;avascript:", "\u200b", "\u202e", "vneid\uff0ecom", "zalo.me/0912345678",
          "**đậm**", "*nghiêng*", "Chạm **Tiếp tục**.", "1900 0368", "<kbd>OK</kbd>", "\"", "'", "&", ":", "#",
          "\n", "  ", "-", "[^a]", "https://dichvucong.gov.vn/", "www.evil.top", "==", "!!! note", "=== \"Android\""]
pieces = st.one_of(st.sampled_from(TRICKS), st.text(max_size=12))
snippet = st.lists(pieces, min_size=1, max_size=6).map("".join)


@pytest.fixture(scope="module")
def base(scaffolded_repo, tmp_path_factory) -> Path:
    dst = tmp_path_factory.mktemp("fuzz") / "repo"
    shutil.copytree(scaffolded_repo, dst)
    return dst


def _restore(base: Path, scaffolded_repo: Path):
    for rel in (REL, f"guides/{CAT}/{GID}/buoc-1.svg"):
        shutil.copy(scaffolded_repo / rel, base / rel)


def _problems(repo: Path, only: str):
    from sotay.checks import run_checks
    _catalog, problems = run_checks(repo, only)
    for p in problems:                              # refused: a message naming a file of the repository
        assert p.message and Path(p.path).resolve().is_relative_to(repo.resolve()), p
    return problems


def _page_passes_sanitizer(repo: Path):
    """What the build makes of the guide (header box, body, footnotes) passes the sanitizer unchanged."""
    from sotay.web import pages
    from sotay.content.catalog import load_catalog
    from sotay.checks.base import render
    from sotay.web.sanitize import differences
    g = load_catalog(repo).by_id(GID)
    html = render(repo, pages.guide_header(g, stale=True) + pages.guide_markdown(g))
    assert differences(html) == [], html[:2000]
    assert differences(render(repo, g.title)) == []          # the page's H1 (added by the build)


@FUZZ
@given(text=snippet)
def test_fuzz_markdown_body(base, scaffolded_repo, text):
    _restore(base, scaffolded_repo)
    path = base / REL
    body = path.read_text(encoding="utf-8")
    at = body.index("## Bước 2:")
    path.write_text(body[:at] + text + "\n\n" + body[at:], encoding="utf-8")
    if not _problems(base, "catalog,text,structure,html,links,personal-data,sanitizer"):
        _page_passes_sanitizer(base)


@FUZZ
@given(field=st.sampled_from(["title", "summary", "audience"]), text=snippet)
def test_fuzz_front_matter(base, scaffolded_repo, field, text):
    _restore(base, scaffolded_repo)
    path = base / REL
    value = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    src = path.read_text(encoding="utf-8")
    src, n = re.subn(rf'^{field}: .*$', lambda m: f'{field}: "{value}"', src, count=1, flags=re.M)
    assert n == 1
    path.write_text(src, encoding="utf-8")
    if not _problems(base, "catalog,text,schema,html,links,sanitizer"):
        _page_passes_sanitizer(base)
        from sotay.content.catalog import load_catalog
        g = load_catalog(base).by_id(GID)
        assert not re.search(r"[<>`]", g.title + g.summary + g.audience)   # plain text reaches templates


ELEMENTS = ["rect", "circle", "text", "g", "path", "script", "set", "animate", "foreignObject", "image", "use", "a",
            "style", "x:script", "title"]
ATTRS = ["x", "y", "fill", "d", "onload", "href", "xlink:href", "style", "transform", "class", "attributeName",
         "to", "begin", "viewBox"]
VALUES = ["10", "#fff", "red", "url(#a)", "url(https://e.example/a)", "javascript&#58;alert(1)", "alert(1)",
          "translate(1 2)", "expression(x)", "\\75rl(x)", "@import", "a:b", ""]
CSS = ["text{fill:#000}", ".c1{font-size:14px}", "@import url(//e.example/x.css);", "text{fill:u\\72l(x)}",
       "a{b:c}", "text{behavior:url(x)}"]


@st.composite
def svgs(draw):
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        el = draw(st.sampled_from(ELEMENTS))
        attrs = " ".join(f'{a}="{draw(st.sampled_from(VALUES))}"' for a in draw(st.lists(st.sampled_from(ATTRS),
                                                                                       max_size=3, unique=True)))
        inner = draw(st.sampled_from(CSS)) if el == "style" else draw(st.sampled_from(["", "chữ", "&lt;b&gt;"]))
        parts.append(f"<{el} {attrs}>{inner}</{el}>")
    head = draw(st.sampled_from(['<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/2000/svg" '
                                 'xmlns:xlink="http://www.w3.org/1999/xlink">',
                                 '<!DOCTYPE svg [<!ENTITY e "x">]><svg xmlns="http://www.w3.org/2000/svg">',
                                 '<svg xmlns="http://www.w3.org/2000/svg">']))
    return head + "".join(parts) + "</svg>"


@FUZZ
@given(svg=svgs())
def test_fuzz_svg(base, scaffolded_repo, svg):
    import xml.etree.ElementTree as ET

    from sotay.images import svgsafe
    _restore(base, scaffolded_repo)
    (base / f"guides/{CAT}/{GID}/buoc-1.svg").write_text(svg, encoding="utf-8")
    problems = _problems(base, "svg")
    if problems:
        assert all(p.path.name == "buoc-1.svg" for p in problems)
        return
    root = ET.fromstring(svg)                     # accepted: only drawing elements, no script, no loading
    for el in root.iter():
        assert el.tag.split("}")[-1] in svgsafe.ELEMENTS, el.tag
        for k, v in el.attrib.items():
            assert "}" not in k and k in svgsafe.ATTRIBUTES and not k.startswith("on"), k
            assert "(" not in v or k == "transform", (k, v)
        if el.tag.endswith("style"):
            assert "@" not in (el.text or "") and "\\" not in (el.text or "") and "(" not in (el.text or "")
