"""A mock screen (the SVG that images/mockscreen.py writes) as a ReportLab Drawing, without svglib.

svglib reads any SVG and takes about 15 ms a picture doing it (CSS matching, inherited attributes,
font look-ups): in a cold build, the kit's largest single cost (issue 17). The mock screens use a
small, fixed part of SVG: one style sheet of classes for text, `rect`, `circle`, `text` (one line,
no `tspan`) and paths of straight lines (M, L, H, V and Z, absolute or relative). `drawing` draws
exactly that part and returns None for anything else (a hand-made SVG, or an element or attribute
the mock screens have started to write), which the caller then gives to svglib.

Text is set in the embedded Noto Sans as svglib sets it (the font stack maps to it), and a link's
`text-decoration="underline"` is drawn, which svglib leaves out."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from reportlab.graphics.shapes import FILL_EVEN_ODD, FILL_NON_ZERO, Circle, Drawing, Line, Path, Rect, String
from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..poster.draw import BOLD, REGULAR, register_fonts

NS = "{http://www.w3.org/2000/svg}"
# The attributes each element may carry; any other makes the picture svglib's.
SHAPE = {"fill", "stroke", "stroke-width", "fill-opacity", "stroke-opacity"}
ALLOWED = {
    "svg": {"viewBox", "role"},
    "title": set(),
    "style": set(),
    "rect": SHAPE | {"x", "y", "width", "height", "rx", "ry"},
    "circle": SHAPE | {"cx", "cy", "r"},
    "path": SHAPE | {"d", "fill-rule"},
    "text": {"x", "y", "class", "text-decoration"},
}
TEXT_PROPS = {"font-size", "fill", "font-weight", "text-anchor"}
_RULE_RE = re.compile(r"\s*([A-Za-z.][\w.-]*)\s*\{([^{}]*)\}")
_PATH_RE = re.compile(r"([MmLlHhVvZz])|(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|([\s,]+)|(.)")
_HEX_RE = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_PX_RE = re.compile(r"(-?(?:\d+\.?\d*|\.\d+))(?:px)?")
_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "Z": 0}


class Unsupported(ValueError):
    """The SVG uses something this module does not draw."""


def drawing(data: bytes) -> Drawing | None:
    """The SVG `data` as a Drawing in its own units (viewBox), or None if it is not a mock screen."""
    if b"<!" in data.replace(b"<![CDATA[", b""):
        return None                      # a DOCTYPE or an entity: never in a mock screen, and not parsed here
    try:
        return _draw(ET.fromstring(data))
    except (Unsupported, ET.ParseError, ValueError):
        return None


def _draw(root: ET.Element) -> Drawing:
    if root.tag != NS + "svg":
        raise Unsupported(root.tag)
    _attrs(root, "svg")
    box = [float(v) for v in root.get("viewBox", "").replace(",", " ").split()]
    if len(box) != 4 or box[0] or box[1] or box[2] <= 0 or box[3] <= 0:
        raise Unsupported("viewBox")
    width, height = box[2], box[3]
    d = Drawing(width, height)
    classes: dict[str, dict[str, str]] = {}
    for el in root:
        tag = el.tag[len(NS):] if el.tag.startswith(NS) else ""
        if tag not in ALLOWED or tag == "svg":
            raise Unsupported(el.tag)
        _attrs(el, tag)
        if tag == "title":
            continue
        if len(el):
            raise Unsupported(f"{tag} with children")
        if tag == "style":
            classes.update(_style_sheet(el.text or ""))
        elif tag == "rect":
            _rect(d, el, height)
        elif tag == "circle":
            _circle(d, el, height)
        elif tag == "path":
            _path(d, el, height)
        else:
            _text(d, el, height, classes)
    return d


def _attrs(el: ET.Element, tag: str) -> None:
    extra = set(el.attrib) - ALLOWED[tag]
    if extra:
        raise Unsupported(f"{tag} {sorted(extra)}")


def _style_sheet(css: str) -> dict[str, dict[str, str]]:
    """`.cN{…}` rules by class name; the `text{…}` rule may only name the font (Noto Sans here)."""
    out: dict[str, dict[str, str]] = {}
    pos = 0
    css = css.strip()
    while pos < len(css):
        m = _RULE_RE.match(css, pos)
        if not m:
            raise Unsupported("style sheet")
        selector, body = m.group(1), m.group(2)
        props = dict(_declaration(p) for p in body.split(";") if p.strip())
        if selector == "text":
            if set(props) - {"font-family", "text-rendering"}:
                raise Unsupported("text rule")
        elif selector.startswith(".") and "." not in selector[1:] and not set(props) - TEXT_PROPS:
            out[selector[1:]] = props
        else:
            raise Unsupported(selector)
        pos = m.end()
    return out


def _declaration(p: str) -> tuple[str, str]:
    name, sep, value = p.partition(":")
    if not sep:
        raise Unsupported(p)
    return name.strip(), value.strip()


def _num(v: str | None, default: float | None = None) -> float:
    if v is None:
        if default is None:
            raise Unsupported("missing number")
        return default
    m = _PX_RE.fullmatch(v.strip())
    if not m:
        raise Unsupported(v)
    return float(m.group(1))


def _color(v: str | None, default: str | None) -> Color | None:
    v = default if v is None else v.strip()
    if v is None or v == "none":
        return None
    m = _HEX_RE.fullmatch(v)
    if not m:
        raise Unsupported(v)
    h = m.group(1)
    return HexColor("#" + (h if len(h) == 6 else "".join(c * 2 for c in h)))


def _paint(shape, el: ET.Element) -> None:
    """SVG's defaults: filled black, not stroked, stroke 1 wide."""
    shape.fillColor = _color(el.get("fill"), "#000")
    shape.strokeColor = _color(el.get("stroke"), None)
    shape.strokeWidth = _num(el.get("stroke-width"), 1)
    shape.fillOpacity = _num(el.get("fill-opacity"), 1)
    shape.strokeOpacity = _num(el.get("stroke-opacity"), 1)


def _rect(d: Drawing, el: ET.Element, height: float) -> None:
    x, y = _num(el.get("x"), 0), _num(el.get("y"), 0)
    w, h = _num(el.get("width")), _num(el.get("height"))
    rx = el.get("rx", el.get("ry"))
    ry = el.get("ry", rx)
    rx, ry = min(_num(rx, 0), w / 2), min(_num(ry, 0), h / 2)
    r = Rect(x, height - y - h, w, h, rx=rx, ry=ry)
    _paint(r, el)
    d.add(r)


def _circle(d: Drawing, el: ET.Element, height: float) -> None:
    c = Circle(_num(el.get("cx"), 0), height - _num(el.get("cy"), 0), _num(el.get("r")))
    _paint(c, el)
    d.add(c)


def _path(d: Drawing, el: ET.Element, height: float) -> None:
    rule = el.get("fill-rule", "nonzero")
    if rule not in ("nonzero", "evenodd"):
        raise Unsupported(rule)
    p = Path(fillMode=FILL_EVEN_ODD if rule == "evenodd" else FILL_NON_ZERO)
    for x, y, move in _points(el.get("d") or ""):
        (p.moveTo if move else p.lineTo)(x, height - y)
        if move is None:
            p.closePath()
    _paint(p, el)
    d.add(p)


def _tokens(d: str) -> list[str | float]:
    """A path's commands (letters) and numbers, in order."""
    tokens: list[str | float] = []
    for m in _PATH_RE.finditer(d):
        if m.group(4):
            raise Unsupported(m.group(4))
        if m.group(1):
            tokens.append(m.group(1))
        elif m.group(2):
            tokens.append(float(m.group(2)))
    return tokens


def _points(d: str):
    """(x, y, move) per point of a straight-line path; move is None for a close (Z)."""
    tokens = _tokens(d)
    x = y = sx = sy = 0.0
    i, op = 0, None
    while i < len(tokens):
        t = tokens[i]
        if isinstance(t, str):
            op, i = t, i + 1
            if op in "Zz":
                x, y = sx, sy
                yield x, y, None
                continue
        elif op is None or op in "Zz":
            raise Unsupported("number without a command")
        n = _ARGS[op.upper()]
        args = tokens[i:i + n]
        if len(args) != n or not all(isinstance(a, float) for a in args):
            raise Unsupported("path arguments")
        i += n
        rel = op.islower()
        kind = op.upper()
        if kind in "ML":
            x, y = (x + args[0], y + args[1]) if rel else (args[0], args[1])
        elif kind == "H":
            x = x + args[0] if rel else args[0]
        else:
            y = y + args[0] if rel else args[0]
        if kind == "M":
            sx, sy = x, y
            yield x, y, True
            op = "l" if rel else "L"        # more pairs after a move are lines
        else:
            yield x, y, False


def _text(d: Drawing, el: ET.Element, height: float, classes: dict[str, dict[str, str]]) -> None:
    props = classes.get(el.get("class", ""))
    if props is None:
        raise Unsupported(f"class {el.get('class')!r}")
    decoration = el.get("text-decoration", "none")
    if decoration not in ("none", "underline"):
        raise Unsupported(decoration)
    text = " ".join((el.text or "").split())
    if not text:
        return
    register_fonts()
    font = BOLD if props.get("font-weight") in ("700", "bold") else REGULAR
    size = _num(props.get("font-size"), 16)
    anchor = props.get("text-anchor", "start")
    if anchor not in ("start", "middle", "end"):
        raise Unsupported(anchor)
    x, y = _num(el.get("x"), 0), height - _num(el.get("y"), 0)
    fill = _color(props.get("fill"), "#000")
    d.add(String(x, y, text, fontName=font, fontSize=size, fillColor=fill, textAnchor=anchor))
    if decoration == "underline":
        w = stringWidth(text, font, size)
        x0 = x - {"start": 0, "middle": w / 2, "end": w}[anchor]
        d.add(Line(x0, y - size * 0.12, x0 + w, y - size * 0.12, strokeColor=fill, strokeWidth=size / 16))
