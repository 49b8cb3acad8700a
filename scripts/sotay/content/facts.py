"""Cited facts (issue 18): every sentence that gives a resident something to act on carries a footnote.

A guide cites with Markdown footnote references, `…3 ngày làm việc.[^nd69]`, whose labels are the ids
of its front matter's `sources` (or of a `review` item when the fact is not yet confirmed). Editors
never write the footnote definitions: `footnote_markdown()` makes them from the front matter, so the
page's "Nguồn tham khảo" list is the footnote list (one place, no duplicates).

This module is the one definition of
- what counts as a fact to cite (`fact_kinds`: numbers to dial, amounts, limits, deadlines, dates,
  ages, legal references, fees),
- how a guide body is cut into sentences and list items (`sentences`),
- how an unconfirmed fact is shown on the page (`mark_unconfirmed`) and dropped from paper
  (`printable`),
and `check_guide_facts()` is the check `make check` runs. Every expression here is linear-time
(no nested quantifiers), so a pathological line cannot hang the check.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import get_close_matches

from ..errors import Problem
from .mdtext import md_text
from .steps import FOOTNOTE_REF_RE, code_lines

UNCONFIRMED = "chưa xác nhận"
UNCONFIRMED_NOTE = ("Chưa xác nhận: chúng tôi chưa tìm thấy trang chính thức nói điều này. "
                    "Hãy hỏi cán bộ ở xã hoặc Tổ công nghệ số cộng đồng trước khi làm theo.")
PLACE_MARKER = "///Footnotes Go Here///"   # Python-Markdown footnotes' default PLACE_MARKER

_DEFINITION_RE = re.compile(r"^\s{0,3}\[\^[^\]\n]{0,100}\]:")
_HEADING_RE = re.compile(r"^\s{0,3}#")
_IMAGE_LINE_RE = re.compile(r"^\s*!\[[^\]\n]*\]\([^)\n]*\)(\{[^}\n]*\})?\s*$")
_SKIP_LINE_RE = re.compile(r"^\s*(===|!!!|\?\?\?|<!--|-->|\|?\s*:?-{3,})")
_ITEM_START_RE = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_LINK_URL_RE = re.compile(r"\]\([^)\s]*\)")
_CODE_SPAN_RE = re.compile(r"`[^`\n]*`")
_COMMENT_RE = re.compile(r"<!--.*?-->")
_AUTOLINK_RE = re.compile(r"<https?://[^>\s]*>|https?://\S+")
# A sentence ends at . ! ? … followed (after its footnote references) by white space or the end.
_SENTENCE_END_RE = re.compile(r"[.!?…]+((?:\[\^[a-z0-9-]{1,60}\])*)(?=\s|$)")

# What a resident acts on. Each entry: (kind shown to the editor, expression on lowercased text).
_FACTS: list[tuple[str, re.Pattern]] = [
    ("văn bản pháp luật", re.compile(
        r"\b(?:nghị định|thông tư|quyết định|công văn|chỉ thị|nghị quyết|luật)\s+(?:số\s+)?\d"
        r"|\b\d{1,4}/\d{4}/(?:nđ|tt|qđ|ct|nq|qh)"
        r"|\b(?:nđ|tt|qđ|cv|ct)\s*\d{1,4}/"
        r"|\bluật(?:\s+[^\s.,;:!?()]{1,20}){1,5}\s+(?:năm\s+)?(?:19|20)\d\d\b")),
    ("số điện thoại hoặc đầu số", re.compile(
        r"\b1[89]00[ .]?\d{2,4}(?:[ .]?\d{2,4})?\b"
        r"|\b0\d{2,3}[ .]\d{3}[ .]\d{3,4}\b|\b0\d{9,10}\b"
        r"|\b(?:gọi|nhắn|nhắn tin|tổng đài|đường dây nóng|đầu số|soạn tin)\s+(?:(?:số|tới|đến|về)\s+)?\d{3,5}\b")),
    ("số tiền hoặc tỉ lệ", re.compile(
        r"\d(?:[\d.,]{0,15}\d)?\s*(?:đồng\b|đ\b|nghìn\b|ngàn\b|triệu\b|tỷ\b|tỉ\b|vnđ\b|vnd\b|%)")),
    ("thời hạn hoặc khoảng thời gian", re.compile(
        r"\b\d{1,4}\s*(?:ngày|tháng|năm|giờ|tuần|phút|giây)\b")),
    ("ngày tháng", re.compile(r"\b\d{1,2}/\d{1,2}/(?:19|20)\d\d\b|\b\d{1,2}/(?:19|20)\d\d\b"
                              r"|\b(?:tháng|năm)\s+(?:19|20)\d\d\b")),
    ("độ tuổi", re.compile(r"\b\d{1,3}\s*tuổi\b")),
    ("giới hạn", re.compile(r"\b\d{1,4}\s*(?:ký tự|lần)\b|\b(?:tối đa|tối thiểu|không quá|vượt quá)\s+\d")),
    ("phí", re.compile(r"\bmiễn phí\b|\blệ phí\s+\d|\bkhông (?:mất|tốn|thu) (?:phí|tiền)\b"
                       r"|\b(?:tính|thu) cước\b|\bcước (?:gọi|phí)\b")),
]


@dataclass(frozen=True)
class Sentence:
    text: str        # the sentence as written (Markdown), footnote references included
    line: int        # 0-based index in the body of the line where it starts
    refs: tuple[str, ...]


def fact_kinds(text: str) -> list[str]:
    """The kinds of fact a sentence states (empty when it needs no citation)."""
    plain = FOOTNOTE_REF_RE.sub(" ", text)
    plain = _COMMENT_RE.sub(" ", plain)
    plain = _CODE_SPAN_RE.sub(" ", plain)
    plain = _LINK_URL_RE.sub("]", plain)
    plain = _AUTOLINK_RE.sub(" ", plain)
    plain = plain.replace("**", "").replace("__", "").lower()
    return [kind for kind, rx in _FACTS if rx.search(plain)]


def _blocks(body: str) -> list[tuple[list[tuple[int, int]], str]]:
    """Paragraphs and list items of a body as ([(offset in text, line index)…], joined text);
    headings, images, code, tab labels, admonition titles and table rules are left out."""
    lines = body.splitlines()
    code = code_lines(lines)
    out: list[tuple[list[tuple[int, int]], str]] = []
    starts: list[tuple[int, int]] = []
    parts: list[str] = []

    def flush():
        if parts:
            out.append((list(starts), " ".join(parts)))
        starts.clear()
        parts.clear()

    for i, line in enumerate(lines):
        if i in code or not line.strip() or _HEADING_RE.match(line) or _IMAGE_LINE_RE.match(line) \
                or _SKIP_LINE_RE.match(line) or _DEFINITION_RE.match(line):
            flush()
            continue
        if _ITEM_START_RE.match(line):
            flush()
        starts.append((sum(len(p) + 1 for p in parts), i))
        parts.append(line.strip())
    flush()
    return out


def sentences(body: str) -> list[Sentence]:
    """Every sentence of a body's paragraphs and list items, with the footnote labels it carries
    and the line (0-based, in the body) where it starts."""
    out: list[Sentence] = []
    for starts, text in _blocks(body):
        pos = 0
        for m in _SENTENCE_END_RE.finditer(text):
            _add(out, text, pos, m.end(), starts)
            pos = m.end()
        _add(out, text, pos, len(text), starts)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, starts: list[tuple[int, int]]):
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    if piece:
        at = start + lead
        line = next(i for offset, i in reversed(starts) if offset <= at)
        out.append(Sentence(piece, line, tuple(FOOTNOTE_REF_RE.findall(piece))))


# --- the check ---------------------------------------------------------------------------------

def _hint(label: str, known: list[str]) -> str:
    close = get_close_matches(label, known, n=1)
    return f' Có phải ý bạn là [^{close[0]}]?' if close else ""


def check_guide_facts(guide) -> list[Problem]:
    """Problems with a guide's citations: uncited facts, unknown or hand-written footnotes, sources
    never cited. Line numbers are the file's."""
    problems: list[Problem] = []
    body_lines = guide.body.splitlines()
    sources = [s["id"] for s in guide.sources]
    reviews = list(guide.review_ids)
    known = sources + reviews

    def add(i: int | None, message: str):
        problems.append(Problem(guide.path, message, guide.body_line + i if i is not None else 1))

    code = code_lines(body_lines)
    for i, line in enumerate(body_lines):
        if i in code:
            continue
        if _DEFINITION_RE.match(line):
            add(i, "không tự viết chú thích dạng [^…]: … — trang tự tạo phần nguồn từ \"sources\" ở phần "
                   "đầu. Hãy xóa dòng này; trong câu chỉ cần ghi [^mã-nguồn].")
        elif _HEADING_RE.match(line) and FOOTNOTE_REF_RE.search(line):
            add(i, "không đặt chú thích [^…] trong tiêu đề. Hãy chuyển nó vào câu bên dưới tiêu đề.")
    cited: set[str] = set()
    for s in sentences(guide.body):
        for label in s.refs:
            cited.add(label)
            if label not in known:
                add(s.line, f'chú thích [^{label}] không khớp với "id" nào trong "sources" hay "review".'
                            + _hint(label, known)
                            + (f' Các mã nguồn: {", ".join(sources)}.' if sources else ""))
        if not s.refs:
            kinds = fact_kinds(s.text)
            if kinds:
                snippet = s.text if len(s.text) <= 80 else s.text[:77] + "…"
                add(s.line, f'câu «{snippet}» nêu {", ".join(kinds)} mà chưa ghi nguồn. Thêm [^mã-nguồn] '
                            f'ngay sau dấu chấm câu (mã là "id" của một nguồn trong "sources"). Chưa xác nhận '
                            f'được thì ghi vào "review" một mục có "id" rồi trỏ [^id] tới mục đó: trang sẽ ghi '
                            f'"({UNCONFIRMED})".')
    for sid in sources:
        if sid not in cited:
            add(None, f'nguồn "{sid}" chưa được trích ở câu nào. Thêm [^{sid}] sau câu dùng thông tin '
                      "của nguồn này, hoặc xóa nguồn khỏi \"sources\".")
    return problems


# --- rendering ---------------------------------------------------------------------------------

def _host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0]


def _month(checked: str) -> str:
    year, month = checked.split("-")
    return f"{int(month)}/{year}"


def source_note(source: dict) -> str:
    """A source as one footnote: title, site, the month it was read, and a replaced law."""
    text = f"{md_text(source['title'])} ({md_text(_host(source['url']))}), đọc tháng {_month(source['checked'])}."
    if source.get("replaced_by"):
        text += f" Văn bản này đã được thay bằng {md_text(source['replaced_by'])}."
    return text


def mark_unconfirmed(body: str, review_ids) -> str:
    """Put "(chưa xác nhận)" in front of each footnote that points to a review item."""
    ids = set(review_ids)
    return FOOTNOTE_REF_RE.sub(
        lambda m: f" *({UNCONFIRMED})*{m.group(0)}" if m.group(1) in ids else m.group(0), body)


def footnote_markdown(guide) -> str:
    """The sources heading, the footnote list's place, and one definition per cited label."""
    cited = {label for s in sentences(guide.body) for label in s.refs}
    defs = [f"[^{s['id']}]: {source_note(s)}" for s in guide.sources if s["id"] in cited]
    defs += [f"[^{rid}]: {UNCONFIRMED_NOTE}" for rid in guide.review_ids if rid in cited]
    return ("\n\n## Nguồn tham khảo { #nguon-tham-khao }\n\n" + PLACE_MARKER + "\n\n"
            + "\n".join(defs) + "\n")


def printable(text: str, review_ids) -> str | None:
    """Text for paper (posters, booklets): None when it states an unconfirmed fact, else the text
    without footnote references."""
    ids = set(review_ids)
    if any(label in ids for label in FOOTNOTE_REF_RE.findall(text)):
        return None
    return FOOTNOTE_REF_RE.sub("", text)


# --- what `make stale` lists -------------------------------------------------------------------

def _citing_lines(guide, label: str) -> list[int]:
    return [guide.body_line + s.line for s in sentences(guide.body) if label in s.refs]


def old_sources(guide, today, months: int = 12) -> list[tuple[dict, list[int]]]:
    """Sources read more than `months` months before `today`, with the file lines citing them."""
    out = []
    for s in guide.sources:
        year, month = map(int, s["checked"].split("-"))
        if (today.year - year) * 12 + today.month - month > months:
            out.append((s, _citing_lines(guide, s["id"])))
    return out


def replaced_citations(guide) -> list[tuple[dict, list[int]]]:
    """Sources whose legal text was replaced (`replaced_by`), with the file lines citing them."""
    return [(s, _citing_lines(guide, s["id"])) for s in guide.sources if s.get("replaced_by")]


def open_reviews(guide) -> list[tuple[str | None, str]]:
    """Every open review item: (id or None, text)."""
    by_text = {text: rid for rid, text in guide.review_ids.items()}
    return [(by_text.get(text), text) for text in guide.review]


def printable_blocks(markdown: str, review_ids) -> list[str]:
    """The paragraphs and list items of some Markdown, for paper: every sentence that cites a review
    item (an unconfirmed fact) left out, footnote references removed, empty blocks dropped."""
    ids = set(review_ids)
    out = []
    for _, text in _blocks(markdown):
        kept, pos = [], 0
        for m in list(_SENTENCE_END_RE.finditer(text)) + [None]:
            end = m.end() if m else len(text)
            piece = text[pos:end].strip()
            pos = end
            if piece and printable(piece, ids) is not None:
                kept.append(printable(piece, ids))
        block = " ".join(kept).strip()
        if block and block not in ("-", "*"):
            out.append(block)
    return out
