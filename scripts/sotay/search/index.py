"""Build the site's search index from the catalog (and the other pages of the site).

`build_index` returns {"config", "docs"}, the shape of Material's search_index.json. The site
ships it in two files (see write_search_index in __init__.py): `docs` alone in a content-hashed
site/search/sotay-index.<hash>.json, which the worker downloads on the first query, and a stub
at site/search/search_index.json — the address Material's page bundle fetches on every page and
hands to the worker in its "setup" message — holding `config` and {"v": 1, "src": <the index's
path from the site root>}. So a page view costs a few hundred bytes, not the index.

Shape of `docs` (kept small; the worker rebuilds its lookup tables from it once, in the background):

    {"config": {"lang": ["vi"], "separator": ..., "pipeline": [], "fields": {}},   # for Material's
                                                          # on-page highlighter (?h=)
     "docs": {
       "v": 1,
       "d": [[location, title, summary, keywords ("\n"-joined), step headings ("\n"-joined), kind]],
       "w": "exact keys of body words, space separated, sorted",
       "wp": "postings of each: doc numbers as base-36 gaps, ',' between docs, ';' between words",
       "b": "folded body word pairs grouped by first word: 'a:b,c|d:e' (= 'a b', 'a c', 'd e')",
       "bp": "postings of each pair, as for 'wp'",
       "s": [[phrase, phrase, ...], ...],          # synonym groups, abbreviations merged in
       "a": [abbreviation, ...],                   # config/abbreviations.yml: full weight in a query
       "u": [phrase, ...],                         # config/not-covered.yml: tasks no guide covers yet
       "uo": ["a b", ...],                         # their folded word pairs a card spells otherwise
       "ug": 1,                                    # words allowed between a phrase's two parts (SPLIT_GAP)
       "uf": ["một", ...],                         # words that only count things, allowed inside a phrase (FILL)
       "h": {team, desk, address, hours, hotline, ask, topics: [[path, title]]}
                                                   # the honest "not yet" answer: the commune's help
     }}

Cards (title, summary, keywords, step headings) are stored as text: the worker matches them and
cuts result snippets from them. Body text (intro, steps, "Nếu gặp lỗi", audience, needs) is not
stored, only its distinct words and its adjacent-word pairs as posting lists, minus what the card
of the same page already contains. Body pairs are kept only for phrases the site itself uses in
some card or synonym ("known" phrases): the pairs were two thirds of the index, and dropping the
rest changed no result on the dev and extra query sets. That keeps the download far below the
text's size and makes it grow more slowly than the number of guides (shared vocabulary, shrinking
doc-number gaps).
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..content.catalog import Catalog, Guide
from ..errors import ContentError, Problem
from ..content.steps import FOOTNOTE_REF_RE, TAB_RE
from ..content.yamlload import YamlError, parse_yaml
from .abbreviations import merge_groups
from .not_covered import FILL, SPLIT_GAP, other_spellings
from .normalize import keys

SEPARATOR = r"[\s\-]+"    # Material's default; used by its on-page highlighter only
KIND_GUIDE, KIND_PAGE = 0, 1

_IMG = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ATTR = re.compile(r"\{[:#.][^}]*\}|\{\s*[.#][^}]*\}")
_HTML = re.compile(r"<[^>]+>")
_HEADING = re.compile(r"^(#{2,4})\s+(.*?)\s*#*\s*$")
_ADMON = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s*\S+(?:\s+"([^"]*)")?\s*$')


@dataclass
class SearchDoc:
    location: str
    title: str
    summary: str = ""
    keywords: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    body: str = ""
    kind: int = KIND_GUIDE


def _inline(text: str) -> str:
    text = FOOTNOTE_REF_RE.sub("", text)
    text = _IMG.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _ATTR.sub("", _HTML.sub(" ", text))
    text = re.sub(r"[*_`~]+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def markdown_text(md: str) -> tuple[list[str], str]:
    """(headings, plain body text) of a guide's Markdown body."""
    heads, lines = [], []
    for raw in md.splitlines():
        line = raw.strip()
        if not line or line.startswith("///") or line.startswith("---"):
            continue
        m = _HEADING.match(line)
        if m:
            heads.append(_inline(m.group(2)))
            continue
        m = TAB_RE.match(line) or _ADMON.match(line)
        if m:
            if m.group(1):
                lines.append(m.group(1))
            continue
        line = re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", line)
        line = re.sub(r"^>\s*", "", line)
        lines.append(_inline(line))
    return heads, "\n".join(t for t in lines if t)


def guide_doc(catalog: Catalog, g: Guide) -> SearchDoc:
    heads, body = markdown_text(g.body)
    extra = "\n".join([g.audience, *g.needs])
    return SearchDoc(location=g.url_path, title=g.title, summary=g.summary, keywords=list(g.keywords),
                     headings=heads, body=body + "\n" + extra, kind=KIND_GUIDE)


def taken_from_material(path: str) -> bool:
    """Whether our index takes this page from Material's index: not guides nor their practice views
    (the catalog has them, see guide_doc), nor short links."""
    return not (path.startswith("huong-dan/") or path.startswith("q/"))


def pages_from_material_index(data: dict, skip: set[str]) -> list[SearchDoc]:
    """The site's other pages (home, categories, team...) from the index Material's plugin wrote."""
    pages: dict[str, SearchDoc] = {}
    for d in data.get("docs", []):
        loc = d.get("location", "")
        path = loc.split("#")[0]
        if path in skip or not taken_from_material(path):
            continue
        text = _inline(unicodedata.normalize("NFC", d.get("text", "")))
        title = _inline(unicodedata.normalize("NFC", d.get("title", "")))
        page = pages.get(path)
        if page is None:
            page = pages[path] = SearchDoc(location=path, title=title, kind=KIND_PAGE)
        elif title and title != page.title:
            page.headings.append(title)
        if text:
            if not page.summary:
                cut = text[:160]
                page.summary = cut if len(text) <= 160 else cut.rsplit(" ", 1)[0] + "…"
            page.body += "\n" + text
    return list(pages.values())


def synonym_problems(root: Path) -> tuple[list[list[str]], list[Problem]]:
    """Groups of config/synonyms.yml, and the problems an editor must fix (in Vietnamese)."""
    path = Path(root) / "config" / "synonyms.yml"
    if not path.exists():
        return [], []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(path, f"không đọc được danh sách từ đồng nghĩa ({exc}).")]
    groups, problems = _synonyms(path, text)       # read by the checks, the build and the index: parsed once
    return [list(g) for g in groups], list(problems)


@functools.lru_cache(maxsize=4)
def _synonyms(path: Path, text: str) -> tuple[tuple[tuple[str, ...], ...], tuple[Problem, ...]]:
    groups, problems = _parse_synonyms(path, text)
    return tuple(tuple(g) for g in groups), tuple(problems)


def _parse_synonyms(path: Path, text: str) -> tuple[list[list[str]], list[Problem]]:
    try:
        data = parse_yaml(text, path) or []
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except YamlError as exc:
        return [], exc.problems
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [Problem(path, f"không đọc được danh sách từ đồng nghĩa ({getattr(exc, 'problem', exc)}). "
                                  "Mỗi dòng phải có dạng: - [từ 1, từ 2, từ 3]",
                            mark.line + 1 if mark is not None else None)]
    if not isinstance(data, list):
        return [], [Problem(path, "tệp phải là danh sách các nhóm, mỗi dòng dạng: - [từ 1, từ 2]", 1)]
    lines = [n.start_mark.line + 1 for n in node.value] if isinstance(node, yaml.SequenceNode) else []
    groups, problems = [], []
    for i, group in enumerate(data):
        line = lines[i] if i < len(lines) else None
        if not (isinstance(group, list) and all(isinstance(p, (str, int)) for p in group)):
            problems.append(Problem(path, "mỗi nhóm là một danh sách trong ngoặc vuông, ví dụ: "
                                          "- [CCCD, căn cước công dân]", line))
            continue
        phrases = [unicodedata.normalize("NFC", str(p)).strip() for p in group if str(p).strip()]
        if len(phrases) < 2:
            problems.append(Problem(path, "nhóm cần ít nhất hai cách nói, ví dụ: - [app, ứng dụng]", line))
            continue
        if any(not keys(p) for p in phrases):
            problems.append(Problem(path, "có mục không chứa chữ hoặc số nào.", line))
            continue
        groups.append(phrases)
    return groups, problems


def load_synonyms(root: Path) -> list[list[str]]:
    groups, problems = synonym_problems(root)
    if problems:
        raise ContentError(problems, Path(root))
    return groups


def _postings(entries: dict[str, list[int]], key=None) -> tuple[list[str], str]:
    terms = sorted(entries, key=key)
    lists = []
    for t in terms:
        prev, gaps = 0, []
        for d in entries[t]:
            gaps.append(_b36(d - prev))
            prev = d
        lists.append(",".join(gaps))
    return terms, ";".join(lists)


def _group_pairs(pairs: list[str]) -> str:
    """["a b", "a c", "d e"] → "a:b,c|d:e" (pairs sorted by first, then second word)."""
    groups: list[tuple[str, list[str]]] = []
    for pair in pairs:
        first, second = pair.split(" ")
        if groups and groups[-1][0] == first:
            groups[-1][1].append(second)
        else:
            groups.append((first, [second]))
    return "|".join(f"{a}:{','.join(bs)}" for a, bs in groups)


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    s = ""
    while True:
        n, r = divmod(n, 36)
        s = digits[r] + s
        if not n:
            return s


def _card_keys(doc: SearchDoc) -> tuple[set[str], set[str]]:
    exact, bigrams = set(), set()
    for text in [doc.title, doc.summary, *doc.keywords, *doc.headings]:
        ks = keys(text)
        exact.update(e for e, _ in ks)
        bigrams.update(f"{a[1]} {b[1]}" for a, b in zip(ks, ks[1:]))
    return exact, bigrams


def doc_keys(doc: SearchDoc) -> tuple[list[str], list[str], list[list[tuple[str, str]]]]:
    """A page's words as the index needs them (most of an index's build time): its card's exact
    words and folded pairs (sorted), and each body line's (exact, folded) words. JSON-safe, so
    the build cache keeps it per page (site_index)."""
    exact, pairs = _card_keys(doc)
    return sorted(exact), sorted(pairs), [keys(line) for line in doc.body.splitlines()]


def build_index(docs: list[SearchDoc], synonyms: list[list[str]], body_pairs_mode: str = "known",
                abbreviations: dict[str, list[str]] | None = None, help: dict | None = None,
                analysed: list | None = None, not_covered: list[str] | None = None) -> dict:
    """body_pairs_mode: "known" keeps body word pairs that are a phrase somewhere in the site's
    cards (titles, summaries, keywords, headings) or in a synonym; "all"; or "none".
    abbreviations: config/abbreviations.yml, merged into the synonym groups; help: what the
    "Chưa có hướng dẫn" answer shows (help_details); analysed: each doc's `doc_keys`, if known;
    not_covered: config/not-covered.yml (not_covered.py)."""
    synonyms = merge_groups(synonyms, abbreviations or {})
    analysed = analysed if analysed is not None else [doc_keys(d) for d in docs]
    body_words: dict[str, list[int]] = {}
    body_pairs: dict[str, list[int]] = {}
    rows = []
    known: set[str] = set()
    for _, card_pairs, _ in analysed:
        known.update(card_pairs)
    for group in synonyms:
        for phrase in group:
            ks = keys(phrase)
            known.update(f"{a[1]} {b[1]}" for a, b in zip(ks, ks[1:]))
    for n, (doc, (card_exact, card_pairs, lines)) in enumerate(zip(docs, analysed)):
        rows.append([doc.location, doc.title, doc.summary, "\n".join(doc.keywords),
                     "\n".join(doc.headings), doc.kind])
        card_exact, card_pairs = set(card_exact), set(card_pairs)
        seen_w, seen_p = set(), set()
        for ks in lines:
            for e, _ in ks:
                if e not in card_exact and e not in seen_w:
                    seen_w.add(e)
                    body_words.setdefault(e, []).append(n)
            for a, b in zip(ks, ks[1:]):
                p = f"{a[1]} {b[1]}"
                if (p not in card_pairs and p not in seen_p and body_pairs_mode != "none"
                        and (body_pairs_mode == "all" or p in known)):
                    seen_p.add(p)
                    body_pairs.setdefault(p, []).append(n)
    w, wp = _postings(body_words)
    b, bp = _postings(body_pairs, key=lambda pair: pair.split(" "))
    return {
        "config": {"lang": ["vi"], "separator": SEPARATOR, "pipeline": [], "fields": {}},
        "docs": {"v": 1, "d": rows, "w": " ".join(w), "wp": wp, "b": _group_pairs(b), "bp": bp,
                 "s": synonyms, "a": list(abbreviations or {}), "h": help or {},
                 "u": list(not_covered or []), "uo": other_spellings(not_covered or [], docs, analysed),
                 "ug": SPLIT_GAP, "uf": list(FILL)},
    }


def help_details(catalog: Catalog) -> dict:
    """The commune's help (the same details as the "Cần giúp đỡ?" box, config/site.yml), the
    topics, and the issue form for asking for a new guide: shown when nothing matches."""
    site, c = catalog.config, catalog.config.commune
    return {"team": c.get("team", ""), "desk": c.get("desk", ""), "address": c.get("address", ""),
            "hours": c.get("desk_hours", ""), "hotline": c.get("hotline", ""),
            "ask": site.issue_form("de-xuat.yml"),
            "topics": [[cat.url_path, cat.title] for cat in catalog.categories.values()]}


def catalog_docs(catalog: Catalog) -> list[SearchDoc]:
    return [guide_doc(catalog, g) for g in catalog.guides]


def dumps(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
