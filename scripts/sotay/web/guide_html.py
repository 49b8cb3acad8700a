"""A guide's rendered HTML, finished for reading and printing (issue 13).

- `fold_sources(html)`: the sources list folds behind one line, "Nguồn tham khảo (N)", that opens on
  tap (<details>), so the help box comes right after the last section. It takes whatever the
  Markdown rendered: an `## Nguồn tham khảo {#nguon-tham-khao}` heading with its list, or the
  footnote list (`<div class="footnote">`), or both.
- `group_steps(html)`: each "Bước N" heading and what follows it, up to the next section, in one
  <section class="sotay-step">, so print can lay a step's screen beside its text and keep a step on
  one page. On screen the wrapper changes nothing.
- `break_addresses(html)`: a web address in the text ("binhdanhocvuso.gov.vn") may break only before
  a dot, never inside a name. At 320 px with the largest text a long address is wider than the line,
  and the browser cut it anywhere ("binhdanhocvuso.go" / "v.vn"), which a resident then types as
  seen. A <wbr> before each dot gives the browser better places; the text, the link and what is
  read aloud or copied stay the same.

Plain string in, string out, like images_html.py: the Markdown renderer's top-level structure
(headings only at the top level, one footnote <div>) is all it relies on.
"""
from __future__ import annotations

import re
from pathlib import Path

SOURCES_ID = "nguon-tham-khao"
SOURCES_LABEL = "Nguồn tham khảo"

_SOURCES_H2 = re.compile(r'<h2 id="' + SOURCES_ID + r'"[^>]*>.*?</h2>\s*', re.S)
_FOOTNOTES = re.compile(r'<div class="footnote">.*?</ol>\s*</div>', re.S)
_LIST = re.compile(r'<(ul|ol)>.*?</\1>', re.S)
_STEP_H2 = re.compile(r'<h2 id="buoc-')
# where a step ends: the next heading of its level or above, the sources, the end
_STEP_END = re.compile(r'<h[12][\s>]|<div class="footnote">|<details class="sotay-sources"')


def _count(block: str) -> int:
    footnotes = len(re.findall(r'<li id="fn:', block))
    return footnotes or len(re.findall(r"<li[\s>]", block))


def _details(block: str) -> str:
    return (f'<details class="sotay-sources" id="{SOURCES_ID}">'
            f"<summary>{SOURCES_LABEL} ({_count(block)})</summary>\n{block}\n</details>")


def fold_sources(html: str) -> str:
    h2 = _SOURCES_H2.search(html)
    notes = _FOOTNOTES.search(html)
    if h2:
        start = h2.start()
        after = html[h2.end():]
        block = _FOOTNOTES.match(after) or _LIST.match(after)
        if not block:
            return html
        end = h2.end() + block.end()
        inner = block.group(0)
        if notes and notes.start() >= end:      # heading, its list, and the footnotes further on
            inner += "\n" + notes.group(0)
            html = html[:notes.start()] + html[notes.end():]
        return html[:start] + _details(inner) + html[end:]
    if notes:
        return html[:notes.start()] + _details(notes.group(0)) + html[notes.end():]
    return html


def group_steps(html: str) -> str:
    out, pos = [], 0
    for m in _STEP_H2.finditer(html):
        if m.start() < pos:
            continue
        nxt = _STEP_END.search(html, m.end())
        end = nxt.start() if nxt else len(html)
        out += [html[pos:m.start()], '<section class="sotay-step">', html[m.start():end].rstrip(), "</section>\n"]
        pos = end
    out.append(html[pos:])
    return "".join(out)


# A host name of 2+ labels ending in a top-level domain, not part of an e-mail address, a path or a
# longer dotted token; only in text, never inside a tag.
_ADDRESS = re.compile(r"(?<![\w@/.-])[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:vn|com|net|org|gov|edu|info)\b(?![.@-]?\w)")
_TAG = re.compile(r"(<[^>]*>)")
_RAW = re.compile(r"<(script|style|code|pre)\b", re.I)


def break_addresses(html: str) -> str:
    out, raw = [], None
    for part in _TAG.split(html):
        if part.startswith("<"):
            if raw is None and (m := _RAW.match(part)):
                raw = m.group(1).lower()
            elif raw is not None and part.lower().startswith(f"</{raw}"):
                raw = None
        elif raw is None and "." in part:
            part = _ADDRESS.sub(lambda m: m.group(0).replace(".", "<wbr>."), part)
        out.append(part)
    return "".join(out)


def finish(html: str) -> str:
    return break_addresses(group_steps(fold_sources(html)))


def page_body(html: str, guide_dir: Path, root: Path) -> str:
    """A guide page's body as residents get it: its pictures sized and captioned (images_html.py),
    then `finish`. Kept in the build cache by the HTML and the guide's folder (its pictures and
    images.yml: all the pictures' sizes and captions come from), so an unchanged guide is not
    worked through again."""
    from .. import cache
    from .images_html import enhance_images
    return cache.cached(root, "page-body", (html, cache.folder_digest(guide_dir)),
                        lambda: finish(enhance_images(html, guide_dir)).encode("utf-8")).decode("utf-8")
