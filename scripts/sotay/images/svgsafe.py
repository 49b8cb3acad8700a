"""SVG by structure: parse the file and accept only a small list of drawing elements and attributes.

Works on what a browser sees: the XML is parsed (expat), so entities and character references are
decoded and every element and attribute is known by its namespace and local name. No DOCTYPE (so
no custom entities), no processing instructions, no element outside the SVG namespace, no
namespaced attribute (xlink:href …), no script, foreignObject, animation (set/animate…), image,
use, link (a) or event attribute — none is on the list. `<style>` may only hold simple rules
(`text{…}` / `.c1{…}`) of a few text properties, checked after decoding. Attribute values cannot
call url(), so nothing is loaded from anywhere. Mock screens made by `make images` (mockscreen.py)
pass by construction: they use only these elements and attributes.
"""
from __future__ import annotations

import re
import xml.parsers.expat

SVG_NS = "http://www.w3.org/2000/svg"
ELEMENTS = {"svg", "g", "title", "desc", "style", "rect", "circle", "ellipse", "line", "polyline",
            "polygon", "path", "text", "tspan"}
ATTRIBUTES = {"viewBox", "width", "height", "role", "aria-label", "aria-hidden", "version", "id", "class",
              "preserveAspectRatio", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "d",
              "points", "dx", "dy", "fill", "fill-opacity", "fill-rule", "clip-rule", "stroke", "stroke-width",
              "stroke-opacity", "stroke-linecap", "stroke-linejoin", "stroke-dasharray", "stroke-miterlimit",
              "opacity", "transform", "text-anchor", "text-decoration", "font-size", "font-weight",
              "font-family", "dominant-baseline"}
STYLE_PROPERTIES = {"font-family", "font-size", "font-weight", "font-style", "fill", "fill-opacity", "stroke",
                    "stroke-width", "text-anchor", "text-decoration", "dominant-baseline", "opacity",
                    "text-rendering"}
# A value without parentheses, backslashes, "@", "<", ">", ":" or ";" (so no url(), no escapes).
VALUE_RE = re.compile(r"[^()\\@<>:;{}]*")
TRANSFORM_RE = re.compile(r"(?:\s*(?:matrix|translate|scale|rotate|skewX|skewY)\([-\d.,\se]*\)\s*,?)*")
_CSS_VALUE = r"[#\w .,%'\"-]*"
STYLE_RE = re.compile(r"(?:\s*(?:text|\.[\w-]+)(?:\s*,\s*(?:text|\.[\w-]+))*\s*\{\s*"
                      r"(?:[a-z-]+\s*:" + _CSS_VALUE + r";?\s*)*\})*\s*")
DECL_RE = re.compile(r"([a-z-]+)\s*:")
MAX_BYTES = 2_000_000


class _Refused(Exception):
    pass


def problems(data: bytes) -> list[str]:
    """What makes this SVG unsafe (Vietnamese, short), or [] when it passes."""
    if len(data) > MAX_BYTES:
        return [f"tệp quá lớn ({len(data) // 1024} KB)"]
    out: list[str] = []
    stack: list[str] = []
    style_text: list[str] = []
    p = xml.parsers.expat.ParserCreate(namespace_separator=" ")

    def refuse(msg):
        out.append(msg)
        raise _Refused(msg)

    def doctype(*_a):
        refuse("có khai báo DOCTYPE/ENTITY (không được dùng)")

    def pi(target, _data):
        refuse(f'có chỉ thị "<?{target}"')

    def start(name, attrs):
        ns, _, local = name.rpartition(" ")
        if ns != SVG_NS or local not in ELEMENTS:
            refuse(f'có thẻ "<{local}>"' + (f" (không gian tên {ns})" if ns and ns != SVG_NS else "")
                   + " không nằm trong danh sách thẻ vẽ được phép")
        if not stack and local != "svg":
            refuse("không phải tệp SVG")
        for key, value in attrs.items():
            ans, _, alocal = key.rpartition(" ")
            if ans or alocal not in ATTRIBUTES:
                refuse(f'có thuộc tính "{alocal}"' + (f" (không gian tên {ans})" if ans else "")
                       + f' trên thẻ <{local}> không được phép')
            ok = TRANSFORM_RE.fullmatch(value) if alocal == "transform" else VALUE_RE.fullmatch(value)
            if not ok:
                refuse(f'giá trị "{value[:40]}" của thuộc tính "{alocal}" có ký tự không được phép '
                       '(ngoặc, "\\", "@", ":" …: có thể tải nội dung từ nơi khác)')
        stack.append(local)

    def end(_name):
        stack.pop()

    def chars(text):
        if stack and stack[-1] == "style":
            style_text.append(text)

    p.StartDoctypeDeclHandler = doctype
    p.EntityDeclHandler = doctype
    p.ProcessingInstructionHandler = pi
    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = chars
    try:
        p.Parse(data, True)
    except _Refused:
        return out
    except xml.parsers.expat.ExpatError as exc:
        return [f"không đúng cú pháp XML ({xml.parsers.expat.ErrorString(exc.code)}, dòng {exc.lineno})"]
    css = "".join(style_text)
    if css and not STYLE_RE.fullmatch(css):
        out.append("thẻ <style> có nội dung ngoài các quy tắc chữ đơn giản (không dùng @import, url(), "
                   'dấu "\\" hay ngoặc)')
    else:
        bad = sorted({m.group(1) for m in DECL_RE.finditer(css)} - STYLE_PROPERTIES)
        if bad:
            out.append(f"thẻ <style> dùng thuộc tính không được phép: {', '.join(bad)}")
    return out
