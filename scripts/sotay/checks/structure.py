"""Check `structure`: the shape every guide shares.

No H1 in the body; steps `## Bước N: …` numbered 1, 2, 3 … (at least 3), each with at least one
image; sections `## Nếu gặp lỗi` and `## Lưu ý an toàn` after the steps; tab labels "Android" /
"iPhone" (or "Máy tính"); no hand-written "Nguồn tham khảo" section (the build adds it).
The sections and steps must also be headings of the rendered page, not only lines of the source."""
from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser

from ..content.steps import STEP_RE, TAB_RE
from ..content.vietnamese import fold
from .base import GuideContext

ID = "structure"
TITLE = "Cấu trúc hướng dẫn (bước, mục bắt buộc, nhãn thẻ)"

TAB_LABELS = ("Android", "iPhone", "Máy tính")
SECTION_TROUBLE = "Nếu gặp lỗi"
SECTION_SAFETY = "Lưu ý an toàn"
REQUIRED_SECTIONS = (SECTION_TROUBLE, SECTION_SAFETY)
MIN_STEPS = 3

H2_RE = re.compile(r"^##(?!#)\s*(.*?)\s*(?:\{[^}]*\})?\s*#*\s*$")
H1_RE = re.compile(r"^ {0,3}#(?!#)")   # Python-Markdown needs no space: "#Tiêu đề" is an H1
SETEXT_H1_RE = re.compile(r"^ {0,3}=+\s*$")
IMAGE_RE = re.compile(r"!\[")


class _Headings(HTMLParser):
    """Text of every <h2> of rendered HTML (without the "¶" permalink)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.h2: list[str] = []
        self._in, self._skip = False, 0

    def handle_starttag(self, tag, attrs):
        if tag == "h2":
            self._in = True
            self.h2.append("")
        elif self._in and tag == "a" and "headerlink" in (dict(attrs).get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "h2":
            self._in = False
        elif tag == "a" and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if self._in and not self._skip:
            self.h2[-1] += data


def rendered_h2(html: str) -> list[str]:
    p = _Headings()
    p.feed(html)
    p.close()
    return [" ".join(htmllib.unescape(t).split()) for t in p.h2]


def _rendered(src, steps, sections) -> list:
    """What residents get: the sections and steps found in the source must be headings on the page too
    (an HTML comment or a raw HTML block can hide them while the source looks right)."""
    html, elements, _error = src.rendered()
    if elements is None:
        return []                              # the `html` check reports it
    shown = rendered_h2(html)
    out = []
    for name, i in sections.items():
        if name not in shown:
            out.append(src.problem(i, f'mục "## {name}" có trong tệp nhưng không hiện trên trang (bị ẩn trong '
                                      'ghi chú "<!-- … -->" hoặc một khối HTML/mã). Hãy bỏ phần che giấu để mục '
                                      "này hiện ra cho người dân."))
    shown_steps = sum(1 for t in shown if STEP_RE.match("## " + t))
    if shown_steps < len([n for n, _ in steps if n > 0]):
        out.append(src.problem(None, f"trang chỉ hiện {shown_steps} trong {len(steps)} bước: một số tiêu đề bước bị "
                                     'ẩn (trong ghi chú "<!-- … -->" hoặc khối HTML/mã). Hãy bỏ phần che giấu.'))
    return out


def check(ctx: GuideContext):
    src = ctx.body
    out = []
    add = lambda i, msg: out.append(src.problem(i, msg))  # noqa: E731
    steps: list[tuple[int, int]] = []
    sections: dict[str, int] = {}
    h2: list[int] = []
    prev = ""
    for i, line in src.text_lines():
        if H1_RE.match(line):
            add(i, "không viết tiêu đề cấp 1 (dòng bắt đầu bằng một dấu #): trang đã tự thêm tiêu đề "
                   "từ trường title. Hãy xóa dòng này hoặc đổi thành \"## Bước N: …\".")
        elif SETEXT_H1_RE.match(line) and prev.strip() and not TAB_RE.match(prev):
            add(i, "dòng chỉ có dấu \"=\" biến dòng trên thành tiêu đề cấp 1. Hãy xóa dòng này.")
        prev = line
        if not line.startswith("##") or line.startswith("###"):
            continue
        h2.append(i)
        text = H2_RE.match(line).group(1) if H2_RE.match(line) else line[2:].strip()
        m = STEP_RE.match(line)
        if m:
            steps.append((int(m.group(1)), i))
        elif fold(text).lower().startswith("buoc"):
            add(i, f'tiêu đề bước "{line.strip()}" chưa đúng mẫu. Viết: "## Bước {len(steps) + 1}: '
                   f'<một việc cần làm>" (chữ "Bước", số, dấu hai chấm).')
            steps.append((-1, i))
        elif text in REQUIRED_SECTIONS:
            sections.setdefault(text, i)
        elif fold(text).lower() in (fold(SECTION_TROUBLE).lower(), fold(SECTION_SAFETY).lower()):
            want = SECTION_TROUBLE if fold(text).lower() == fold(SECTION_TROUBLE).lower() else SECTION_SAFETY
            add(i, f'viết đúng tên mục: "## {want}" (có dấu, viết như mẫu).')
            sections.setdefault(want, i)
        elif fold(text).lower().startswith("nguon tham khao"):
            add(i, 'không tự viết mục "Nguồn tham khảo": trang tự tạo mục này từ trường "sources" '
                   "ở phần đầu. Hãy xóa mục này và ghi nguồn vào \"sources\".")
    for k, (n, i) in enumerate(steps, start=1):
        if n != -1 and n != k:
            add(i, f"bước này mang số {n} nhưng là bước thứ {k}. Các bước phải đánh số 1, 2, 3… "
                   f"theo thứ tự, không bỏ số, không lặp số: sửa thành \"## Bước {k}: …\".")
    if len(steps) < MIN_STEPS:
        add(None, f"hướng dẫn có {len(steps)} bước; cần ít nhất {MIN_STEPS} bước, mỗi bước là một "
                  "tiêu đề \"## Bước N: <một việc cần làm>\" (nên có 5–9 bước).")
    # each step has an image: between its heading and the next H2
    for n, i in steps:
        nxt = min([j for j in h2 if j > i], default=len(src.lines))
        if not any(IMAGE_RE.search(src.lines[j]) for j in range(i + 1, nxt)):
            add(i, f'bước "{src.lines[i].strip()[3:]}" chưa có ảnh. Thêm một dòng '
                   f'![Mô tả ảnh: màn hình gì, chạm vào đâu](buoc-{n if n > 0 else "N"}.svg) '
                   "và khai báo ảnh trong images.yml.")
    for name in REQUIRED_SECTIONS:
        if name not in sections:
            add(None, f'thiếu mục "## {name}". Thêm mục này sau các bước '
                      f'(xem mẫu trong docs/dong-gop.md hoặc tạo hướng dẫn bằng `make guide`).')
    if steps and sections:
        last_step = max(i for _, i in steps)
        for name, i in sections.items():
            if i < last_step:
                add(i, f'mục "{name}" phải đứng sau tất cả các bước.')
    for i, line in src.text_lines():
        m = TAB_RE.match(line)
        if m and m.group(1) not in TAB_LABELS:
            label = m.group(1)
            f = fold(label).lower()
            hint = ("Android" if "android" in f else "iPhone" if ("iphone" in f or "ios" in f or "apple" in f)
                    else "Máy tính" if ("may tinh" in f or "web" in f) else None)
            add(i, f'nhãn thẻ "{label}" không đúng. Chỉ dùng đúng các nhãn: '
                   f'{", ".join(chr(34) + t + chr(34) for t in TAB_LABELS)}'
                   + (f' (ở đây: === "{hint}").' if hint else "."))
    return out + _rendered(src, steps, sections)
