"""A guide's steps, read from its step headings ("## Bước N: …") — the one parser for them.

Used by the posters (three "what you will do" points) and by anything else that needs the list of
steps (checks, previews). It only reads `Guide.body` as given by the catalog.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# "## Bước 3: Nhập số điện thoại", optional "{ #id }" at the end. The one form a step heading
# takes; sotay/checks/structure.py refuses any other (and uses this same expression).
STEP_RE = re.compile(r"^##[ \t]+Bước[ \t]+(\d+)[ \t]*:[ \t]*(\S.*?)[ \t]*#*[ \t]*$")
FENCE_RE = re.compile(r"^\s*(```+|~~~+)")
# A content tab ('=== "Android"'), as pymdownx.tabbed writes it; its label is group 1.
TAB_RE = re.compile(r'^\s*===[+!]*\s+"(.*)"\s*$')
_ATTRS_RE = re.compile(r"\s*\{[^{}]*\}\s*$")          # attr_list: { #id .class }
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")     # [text](url) → text; images too
_ICON_RE = re.compile(r":[a-z0-9]+(?:-[a-z0-9]+)+:")  # :material-cellphone:
_TAG_RE = re.compile(r"<[^>]+>")
_EMPH_RE = re.compile(r"(\*\*|__|\*|`|~~|==|\^\^)")
# A footnote reference, "[^nd69-2024]": its label (a source or review id, see sotay/content/facts.py) is group 1.
FOOTNOTE_REF_RE = re.compile(r"\[\^([a-z0-9][a-z0-9-]{0,59})\]")


@dataclass(frozen=True)
class Step:
    number: int     # as written in the heading
    title: str      # plain text, no Markdown
    line: int       # line in the guide's file


def plain(text: str) -> str:
    """Markdown heading text → plain text (links, emphasis, icons and attributes removed)."""
    text = _ATTRS_RE.sub("", text)
    text = FOOTNOTE_REF_RE.sub("", text)
    text = _LINK_RE.sub(r"\1", text)
    text = _ICON_RE.sub("", text)
    text = _TAG_RE.sub("", text)
    text = _EMPH_RE.sub("", text)
    return unicodedata.normalize("NFC", " ".join(text.split()))


def code_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines of fenced code blocks, fences included (a block closes with a fence of
    the same character, at least as long)."""
    inside, fence, out = False, "", set()
    for i, line in enumerate(lines):
        m = FENCE_RE.match(line)
        if m and (not inside or m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence)):
            out.add(i)
            inside = not inside
            fence = m.group(1) if inside else ""
        elif inside:
            out.add(i)
    return out


def parse_steps(body: str, first_line: int = 1) -> list[Step]:
    """Every "## Bước N: title" heading of a Markdown body, outside code blocks, in order."""
    steps: list[Step] = []
    lines = body.splitlines()
    code = code_lines(lines)
    for i, line in enumerate(lines):
        if i in code:
            continue
        m = STEP_RE.match(line)
        if m:
            title = plain(m.group(2))
            if title:
                steps.append(Step(int(m.group(1)), title, first_line + i))
    return steps


def guide_steps(guide) -> list[Step]:
    """The steps of a catalog `Guide`, with line numbers in its index.md."""
    return parse_steps(guide.body, guide.body_line)


def pick(steps: list, n: int = 3) -> list:
    """A representative `n` of the steps: all if there are few, else evenly spaced from the first
    to the last (so the points cover the start, the middle and the outcome)."""
    if len(steps) <= n:
        return list(steps)
    if n == 1:
        return [steps[0]]
    idx = sorted({round(k * (len(steps) - 1) / (n - 1)) for k in range(n)})
    return [steps[i] for i in idx]


def key_points(guide, n: int = 3) -> list[str]:
    """Up to `n` short "what you will do" points for a guide (empty if it has no step headings)."""
    return [s.title for s in pick(guide_steps(guide), n)]


@dataclass(frozen=True)
class Section:
    heading: str         # plain text of the "## …" heading ("" for the text before the first one)
    line: int            # line in the guide's file of the heading (or of the body's first line)
    lines: tuple[str, ...]   # the section's Markdown lines, heading excluded


_H2_RE = re.compile(r"^##[ \t]+(\S.*?)[ \t]*#*[ \t]*$")


def sections(body: str, first_line: int = 1) -> list[Section]:
    """A body cut at its "## " headings (outside code blocks), in order."""
    lines = body.splitlines()
    code = code_lines(lines)
    out: list[Section] = []
    heading, start, buf = "", first_line, []
    for i, line in enumerate(lines):
        m = None if i in code else _H2_RE.match(line)
        if m and not line.startswith("###"):
            if heading or any(x.strip() for x in buf):
                out.append(Section(heading, start, tuple(buf)))
            heading, start, buf = plain(m.group(1)), first_line + i, []
        else:
            buf.append(line)
    if heading or any(x.strip() for x in buf):
        out.append(Section(heading, start, tuple(buf)))
    return out
