"""The shared list of chat abbreviations residents type (config/abbreviations.yml).

One definition, used both ways: `merge_groups` folds each abbreviation into the synonym group of
the phrase it stands for (or a new group), and the index ships those groups to the worker, which
matches them the same way in both directions ("cccd" finds "căn cước công dân" and "thẻ căn
cước"; "căn cước công dân" finds a guide that writes "CCCD"). The index also names the
abbreviations (`a`), so that an abbreviation typed in a query stands for its phrase at full weight,
not at the discount of a synonym.
"""
from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

import yaml

from ..errors import ContentError, Problem
from .normalize import keys, words

FILE = ("config", "abbreviations.yml")
EXAMPLE = "Mỗi dòng có dạng: mk: mật khẩu"


@functools.lru_cache(maxsize=4096)
def _folded(phrase: str) -> tuple[str, ...]:
    return tuple(f for _, f in keys(phrase))


def abbreviation_problems(root: Path, synonyms: list[list[str]] | None = None
                          ) -> tuple[dict[str, list[str]], list[Problem]]:
    """{abbreviation: [phrases]} of config/abbreviations.yml, and what an editor must fix."""
    path = Path(root).joinpath(*FILE)
    if not path.exists():
        return {}, []
    try:            # one parse (libyaml when there): the nodes give both the values and their lines
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        return {}, [Problem(path, f"không đọc được danh sách chữ viết tắt ({getattr(exc, 'problem', exc)}). "
                                  + EXAMPLE, mark.line + 1 if mark is not None else None)]
    if node is None:
        return {}, []
    if not isinstance(node, yaml.MappingNode):
        return {}, [Problem(path, "tệp phải là danh sách chữ viết tắt. " + EXAMPLE, 1)]
    lines, data = {}, {}
    for k, v in node.value:
        lines[str(k.value)] = k.start_mark.line + 1
        data[k.value] = ([x.value for x in v.value if isinstance(x, yaml.ScalarNode)]
                         if isinstance(v, yaml.SequenceNode) else v.value if isinstance(v, yaml.ScalarNode) else None)
    taken: dict[tuple[str, ...], str] = {}
    if synonyms is None:
        from .index import synonym_problems
        synonyms = synonym_problems(root)[0]
    in_synonyms = {_folded(p) for g in synonyms for p in g}
    out, problems = {}, []
    for key, value in data.items():
        line = lines.get(str(key))
        short = unicodedata.normalize("NFC", str(key)).strip()
        phrases = value if isinstance(value, list) else [value]
        phrases = [unicodedata.normalize("NFC", p).strip() for p in phrases if isinstance(p, str) and p.strip()]
        k = _folded(short)
        if words(short) != [short] or len(k[0]) < 2:
            problems.append(Problem(path, f'"{short}": chữ viết tắt phải là một từ, ít nhất hai chữ cái, '
                                          "không có dấu cách. " + EXAMPLE, line))
            continue
        if not phrases or any(not keys(p) for p in phrases):
            problems.append(Problem(path, f'"{short}": thiếu cụm từ đầy đủ. ' + EXAMPLE, line))
            continue
        if any(_folded(p) == k for p in phrases):
            problems.append(Problem(path, f'"{short}": cụm từ đầy đủ phải khác chữ viết tắt.', line))
            continue
        if k in taken:
            problems.append(Problem(path, f'"{short}" trùng với "{taken[k]}" (gõ có dấu hay không dấu đều '
                                          "khớp): chỉ ghi một lần.", line))
            continue
        if k in in_synonyms:
            problems.append(Problem(path, f'"{short}" đã có trong config/synonyms.yml: chữ viết tắt chỉ ghi ở '
                                          "abbreviations.yml, hãy xóa nó khỏi synonyms.yml.", line))
            continue
        taken[k] = short
        out[short] = phrases
    return out, problems


def load_abbreviations(root: Path) -> dict[str, list[str]]:
    found, problems = abbreviation_problems(root)
    if problems:
        raise ContentError(problems, Path(root))
    return found


def merge_groups(synonyms: list[list[str]], abbreviations: dict[str, list[str]]) -> list[list[str]]:
    """Synonym groups with each abbreviation added to the group of each phrase it stands for (or
    to a new group with that phrase): what the worker matches, in both directions."""
    groups = [list(g) for g in synonyms]
    for short, phrases in abbreviations.items():
        for p in phrases:             # each meaning in its own group: "hồ sơ" must not find "học sinh"
            home = next((g for g in groups if any(_folded(x) == _folded(p) for x in g)), None)
            if home is None:
                home = [p]
                groups.append(home)
            home.append(short)
    return groups
