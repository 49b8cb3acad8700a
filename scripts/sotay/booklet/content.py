"""What a guide puts on paper: its printable parts, read through the catalog's one Markdown reader
(sotay/content/steps.py) and the facts rules (sotay/content/facts.py: unconfirmed sentences never reach paper)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from ..content import facts
from ..content.catalog import Guide
from ..content.steps import STEP_RE, TAB_RE, sections

SAFETY, TROUBLE = "Lưu ý an toàn", "Nếu gặp lỗi"
_IMAGE_RE = re.compile(r"!\[([^\]\n]*)\]\(([^)\s]+)\)")
_BOLD_RE = re.compile(r"\*\*([^*\n]+)\*\*|__([^_\n]+)__")
_ITALIC_RE = re.compile(r"(?<![*\w])\*([^*\n]+)\*(?!\*)")
_LINK_RE = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_ICON_RE = re.compile(r":[a-z0-9]+(?:-[a-z0-9]+)+:")
_CODE_RE = re.compile(r"`([^`\n]*)`")
_ITEM_RE = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_ATTRS_RE = re.compile(r"\{[^{}\n]*\}")



def markup(md: str) -> str:
    """One Markdown paragraph → ReportLab paragraph markup (bold, italic; links become their text)."""
    text = _ICON_RE.sub("", _ATTRS_RE.sub("", md))
    text = _LINK_RE.sub(r"\1", text)
    text = _CODE_RE.sub(r"\1", text)
    text = html.escape(text, quote=False)
    text = _BOLD_RE.sub(lambda m: f"<b>{m.group(1) or m.group(2)}</b>", text)
    text = _ITALIC_RE.sub(r"<i>\1</i>", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Paragraph:
    text: str          # ReportLab markup
    bullet: bool = False


@dataclass(frozen=True)
class PrintStep:
    number: int
    title: str
    paragraphs: tuple[Paragraph, ...]
    image: Path | None        # the step's first picture (SVG or raster) beside the guide
    alt: str = ""


@dataclass(frozen=True)
class PrintGuide:
    guide: Guide
    intro: tuple[Paragraph, ...]
    steps: tuple[PrintStep, ...]
    safety: tuple[Paragraph, ...]
    trouble: tuple[Paragraph, ...]


# --- what a booklet is made of (drawn by pdf.py, put together by assemble.py) -----------------

@dataclass(frozen=True)
class BookletMeta:
    title: str             # "Sổ tay: Định danh điện tử VNeID"
    subtitle: str          # what it holds
    commune: str
    printed: str           # "29/11/2026"
    footer: str            # "Sổ tay số — example.org"
    sample: bool = False   # watermark every page "BẢN MẪU"


@dataclass(frozen=True)
class BookletGuide:
    content: PrintGuide
    topic: str             # the guide's topic title (a contents heading)
    short_url: str         # encoded in the QR code
    short_text: str        # printed under it, to type


@dataclass(frozen=True)
class Entry:
    level: int             # 0: a topic, 1: a guide
    title: str
    page: int              # where it starts in the booklet (1: the cover)


def _paragraphs(lines: tuple[str, ...], review_ids) -> tuple[Paragraph, ...]:
    out = []
    kept = []
    for line in lines:
        m = TAB_RE.match(line)
        if m:   # content tabs ("=== \"Android\"") become a bold label
            kept.append("")
            kept.append(f"**{m.group(1)}:**")
            kept.append("")
        else:
            kept.append(line.strip() if line.startswith("    ") else line)
    for block in facts.printable_blocks("\n".join(kept), review_ids):
        bullet = bool(_ITEM_RE.match(block))
        text = markup(_ITEM_RE.sub("", block, count=1))
        if text:
            out.append(Paragraph(text, bullet))
    return tuple(out)


def print_guide(g: Guide) -> PrintGuide:
    intro, steps, safety, trouble = (), [], (), ()
    for sec in sections(g.body, g.body_line):
        if not sec.heading:
            intro = _paragraphs(sec.lines, g.review_ids)
            continue
        m = STEP_RE.match("## " + sec.heading)
        if m:
            image, alt = None, ""
            for line in sec.lines:
                im = _IMAGE_RE.search(line)
                if im and "://" not in im.group(2):
                    image, alt = g.dir / im.group(2), im.group(1)
                    break
            steps.append(PrintStep(int(m.group(1)), m.group(2), _paragraphs(sec.lines, g.review_ids), image, alt))
        elif sec.heading == SAFETY:
            safety = _paragraphs(sec.lines, g.review_ids)
        elif sec.heading == TROUBLE:
            trouble = _paragraphs(sec.lines, g.review_ids)
    return PrintGuide(g, intro, tuple(steps), safety, trouble)
