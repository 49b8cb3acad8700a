"""Tasks residents ask about that no guide covers yet (config/not-covered.yml), for the search.

A query holding one of these phrases gets the honest answer ("Chưa có hướng dẫn cho …", the
commune's help, the topics, a way to ask for a guide), with the nearest guides only as guesses:
"rút bhxh một lần" must not be answered "phù hợp" by the guide to viewing one's social insurance.
The worker matches a phrase word by word (fewer marks allowed) or through a chat abbreviation; a
phrase of four words or more also as two parts of two words or more, in either order, at most
SPLIT_GAP words apart ("app ngân hàng bà quên mật khẩu" holds "quên mật khẩu ngân hàng").

One list, checked against the guides: a phrase that a guide already writes (with its marks, in
its card or its steps; or, for a phrase written without any marks, with marks) is a problem for
the editor (`held_problems`, run per guide by the `not-covered` check), so the list never hides
a guide.
The index ships the phrases (`u`) and the folded word pairs of them that the site writes with
other marks (`uo`: "bao mat" is "bảo mật" on the site, so "bao mat dien" typed without marks is
not "báo mất điện").
"""
from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import yaml

from ..errors import ContentError, Problem
from .normalize import fits, fold_key, keys, words

FILE = ("config", "not-covered.yml")
SPLIT_GAP = 1          # words between a phrase's two parts (the index ships it to the worker)
# Words that only count things: the worker also matches a phrase whole with these between its words
# ("vay ít vốn" holds "vay vốn", "mở một cái tài khoản ngân hàng" holds "mở tài khoản ngân hàng").
# Typed without marks too, except where that is often another word ("may" is "máy"). The index
# ships them to the worker (`uf`).
FILL = ("một", "cái", "chiếc", "ít", "mấy", "các", "những", "mot", "cai", "chiec", "it", "cac", "nhung")
EXAMPLE = "Mỗi dòng một cụm từ, ví dụ: - rút bảo hiểm xã hội"


@functools.lru_cache(maxsize=4096)
def _exact(phrase: str) -> tuple[str, ...]:
    return tuple(e for e, _ in keys(phrase))


def read(root: Path) -> tuple[list[tuple[str, int]], list[Problem]]:
    """[(phrase, line)] of config/not-covered.yml, and what an editor must fix in the file itself."""
    path = Path(root).joinpath(*FILE)
    if not path.exists():
        return [], []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(path, f"không đọc được danh sách việc chưa có hướng dẫn ({exc}). " + EXAMPLE)]
    found, problems = _parse(path, text)       # read by each guide's check, the build and the index: parsed once
    return list(found), list(problems)


@functools.lru_cache(maxsize=4)
def _parse(path: Path, text: str) -> tuple[tuple[tuple[str, int], ...], tuple[Problem, ...]]:
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return (), (Problem(path, f"không đọc được danh sách việc chưa có hướng dẫn ({getattr(exc, 'problem', exc)}). "
                                  + EXAMPLE, mark.line + 1 if mark is not None else None),)
    if node is None:
        return (), ()
    if not isinstance(node, yaml.SequenceNode):
        return (), (Problem(path, "tệp phải là một danh sách. " + EXAMPLE, 1),)
    out, problems, seen = [], [], {}
    for item in node.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            problems.append(Problem(path, "mỗi mục là một cụm từ trên một dòng. " + EXAMPLE, line))
            continue
        phrase = unicodedata.normalize("NFC", str(item.value)).strip()
        exact = _exact(phrase)
        if not exact:
            problems.append(Problem(path, f'"{phrase}": không có chữ nào. ' + EXAMPLE, line))
            continue
        if len(exact) < 2:
            problems.append(Problem(path, f'"{phrase}": cần ít nhất hai chữ (một chữ đứng riêng khớp quá nhiều câu '
                                          "tìm, ví dụ: hát karaoke, không chỉ karaoke).", line))
            continue
        if exact in seen:
            problems.append(Problem(path, f'"{phrase}" trùng với dòng {seen[exact]}: chỉ ghi một lần.', line))
            continue
        seen[exact] = line
        out.append((phrase, line))
    return tuple(out), tuple(problems)


def _written(docs, analysed=None) -> list[tuple]:
    """Each doc with the exact keys of its card and body, a line each (" a b c "), those lines
    as written, the set of those keys, which lines are its keywords, and the same lines and set in
    folded keys; the body's keys from `analysed` (each doc's `index.doc_keys`, kept in the build
    cache) when given."""
    out = []
    for doc, done in zip(docs, analysed or [None] * len(docs)):
        texts = [doc.title, doc.summary, *doc.keywords, *doc.headings]
        lines = [keys(t) for t in texts]
        body = doc.body.splitlines()
        lines += done[2] if done is not None else [keys(t) for t in body]
        text = "\n".join(" " + " ".join(e for e, _ in ks) + " " for ks in lines)
        folded = "\n".join(" " + " ".join(f for _, f in ks) + " " for ks in lines)
        keyword_lines = range(2, 2 + len(doc.keywords))      # after the title and the summary
        out.append((doc, text, texts + body, frozenset(text.split()), keyword_lines,
                    folded, frozenset(folded.split())))
    return out


@functools.cache
def fill_keys() -> frozenset[str]:
    """The keys of FILL: a doc's word is one (exact key; or, typed without marks, its folded key)."""
    return frozenset(_exact(" ".join(FILL)))


@functools.lru_cache(maxsize=1024)
def _pattern(exact: tuple[str, ...]) -> re.Pattern:
    """The phrase's exact keys as the worker matches them: whole (FILL words between its words
    allowed), or split in two parts of two words or more, in either order, at most SPLIT_GAP words
    apart."""
    fill = "(?: (?:" + "|".join(map(re.escape, sorted(fill_keys()))) + "))*"
    ways, between = [(fill + " ").join(map(re.escape, exact))], rf"(?: [^ \n]+){{0,{SPLIT_GAP}}}"
    for k in range(2, len(exact) - 1):
        a, b = " ".join(map(re.escape, exact[:k])), " ".join(map(re.escape, exact[k:]))
        ways += [a + between + " " + b, b + between + " " + a]
    return re.compile(" (?:" + "|".join(ways) + ") ")


def held(phrase: str, written) -> tuple[object, str, str, bool] | None:
    """The first doc (of `_written`) that writes the phrase as the worker matches it (whole, with
    FILL words between, or in two parts): the doc, the line that does, how (`_first`), and whether
    the phrase lacks marks the doc writes; or None.
    With its marks: the phrase as written. A phrase written without any marks ("quen mat khau"
    where a guide writes "quên mật khẩu") also as the doc's words typed without marks: a resident
    typing them so matches the listed phrase exactly, and the card pairs the index ships (`uo`,
    `other_spellings`) protect only words typed with fewer marks than the phrase's.
    A longer keyword that holds the phrase whole does not count: the guide claims that narrower
    task, and the worker answers it with the guide when the whole keyword is typed ("dọa cúp
    điện" is the scam guide's; "cúp điện" alone stays not covered)."""
    exact = _exact(phrase)
    folded = tuple(fold_key(e) for e in exact)
    unmarked = folded == exact
    for doc, text, lines, vocabulary, keywords, ftext, fvocabulary in written:
        if vocabulary.issuperset(exact):
            hit = _first(exact, exact, text, text, lines, keywords, lambda a, b: a == b, fill_keys().__contains__)
            if hit:
                return (doc, *hit, False)
        if unmarked and fvocabulary.issuperset(folded):
            hit = _first(exact, folded, ftext, text, lines, keywords, fits, lambda w: fold_key(w) in fill_keys())
            if hit:
                return (doc, *hit, True)
    return None


def _first(exact, wanted, searched, text, lines, keywords, same, filler) -> tuple[str, str] | None:
    """The first place in `searched` (lines of keys, laid out as `text`) where `wanted` stands as
    the worker matches it, each of the phrase's words `same` as the doc's and any other word between
    them a `filler` (FILL): the line shown to the editor, and how it holds the phrase ("whole",
    with FILL words between: "fill", in two parts: "split")."""
    whole = " " + " ".join(wanted) + " "
    for m in _pattern(wanted).finditer(searched):    # a match never spans lines
        index = searched.count("\n", 0, m.start())
        start = searched.rfind("\n", 0, m.start()) + 1
        end = searched.find("\n", m.start())
        line = searched[start:end if end >= 0 else None]
        first = searched[start:m.start()].count(" ")
        span = text.split("\n")[index].split()[first:first + m.group(0).count(" ") - 1]
        how = _aligned(exact, span, same, filler)
        if how is None:
            continue
        if index in keywords and whole in line and len(line.split()) > len(exact):
            continue
        return _around(lines[index], first, len(span)), "whole" if whole in line else how
    return None


def _aligned(exact, span, same, filler) -> str | None:
    """How the doc's words `span` hold the phrase, each word `same` as the phrase's: "whole", with
    FILL words between its words ("fill"), in two parts in either order with at most SPLIT_GAP
    words between ("split"; the alternatives of `_pattern`), or not at all (None)."""
    n, gap = len(exact), len(span) - len(exact)
    if _whole(exact, span, same, filler):
        return "whole" if gap == 0 else "fill"
    for k in range(2, n - 1):
        a, b = exact[:k], exact[k:]
        for first, second in ((a, b), (b, a)):
            if 0 <= gap <= SPLIT_GAP and all(same(p, w) for p, w in zip(first, span)) and \
                    all(same(p, w) for p, w in zip(second, span[len(first) + gap:])):
                return "split"
    return None


def _whole(exact, span, same, filler) -> bool:
    """The doc's words `span` hold the phrase whole, with only `filler` words (FILL) between its
    words: the worker leaves them out of a query (`unfilled`)."""
    j = 0
    for w in span:
        if j < len(exact) and same(exact[j], w):
            j += 1
        elif not (0 < j < len(exact) and filler(w)):
            return False
    return j == len(exact)


def _around(text: str, first: int, count: int, context: int = 4) -> str:
    """Words `first`..`first + count` of `text` (its keys' positions) with a few words around them."""
    ws = words(text)
    lo, hi = max(0, first - context), min(len(ws), first + count + context)
    return ("… " if lo else "") + " ".join(ws[lo:hi]) + (" …" if hi < len(ws) else "")


def held_problems(root: Path, found: list[tuple[str, int]], docs, analysed=None) -> list[Problem]:
    """Each phrase of the list (`read`) that one of `docs` (guides' search docs, with their
    `doc_keys` if known) already writes: the search would hide that guide behind "Chưa có"."""
    path, out = Path(root).joinpath(*FILE), []
    written = _written(docs, analysed) if found else []
    for phrase, line in found:
        hit = held(phrase, written)
        if hit is None:
            continue
        doc, shown, how, fewer_marks = hit
        split = {"whole": "", "split": " (ô tìm kiếm coi hai nửa của cụm từ, đảo chỗ, là cùng một cụm)",
                 "fill": ' (ô tìm kiếm bỏ qua những chữ như "một", "cái", "ít", "mấy" xen giữa cụm từ)'}[how]
        where = f'hướng dẫn "{doc.title}" ({doc.location}), ở dòng "{shown}"{split}'
        if fewer_marks:
            out.append(Problem(path, f'"{phrase}" viết không dấu, nên ô tìm kiếm sẽ báo "Chưa có hướng dẫn" cho '
                                     f"người gõ không dấu những chữ có trong {where}. Hãy viết cụm từ có đủ dấu.", line))
        else:
            out.append(Problem(path, f'"{phrase}" đã có trong {where}. '
                                     "Nếu hướng dẫn ấy đã giải đáp việc này, hãy xóa dòng này; nếu chưa, "
                                     "ghi cụm từ cụ thể hơn để ô tìm kiếm không giấu hướng dẫn ấy.", line))
    return out


def load(root: Path) -> list[str]:
    """The phrases, or ContentError with the file's own problems (the checks add the guides')."""
    found, errors = read(root)
    if errors:
        raise ContentError(errors, Path(root))
    return [p for p, _ in found]


def other_spellings(phrases: list[str], docs, analysed=None) -> list[str]:
    """Folded word pairs of the phrases that a page's card (title, summary, keywords, step
    headings) writes with other marks ("bao mat": the phrase says "báo mất", a guide's card "bảo
    mật"), sorted: typed without marks, they are not the phrase. A pair written without marks (an
    unmarked keyword) is no other spelling. `analysed` (each doc's `index.doc_keys`, if known) skips
    the cards that hold none of the phrases' folded pairs."""
    wanted: dict[str, set[tuple[str, str]]] = {}
    for p in phrases:
        ks = keys(p)
        for a, b in zip(ks, ks[1:]):
            wanted.setdefault(f"{a[1]} {b[1]}", set()).add((a[0], b[0]))
    out = set()
    for doc, done in zip(docs, analysed or [None] * len(docs)):
        if done is not None and wanted.keys().isdisjoint(done[1]):
            continue
        for text in (doc.title, doc.summary, *doc.keywords, *doc.headings):
            ks = keys(text)
            for a, b in zip(ks, ks[1:]):
                mine = wanted.get(f"{a[1]} {b[1]}")
                if mine is not None and (a[0], b[0]) not in mine and (a[0] != a[1] or b[0] != b[1]):
                    out.add(f"{a[1]} {b[1]}")
    return sorted(out)
