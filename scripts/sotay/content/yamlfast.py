"""YAML as the project reads it: the fast C loader when PyYAML has it, and syntax errors explained
in Vietnamese at the line the editor has to fix (PyYAML often points a line or two later)."""
from __future__ import annotations

import yaml

# libyaml (CSafeLoader) is ~10× faster than the pure-Python loader on the guides' front matter.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# PyYAML's problem text → what the editor should look at (Vietnamese).
_PROBLEMS = [
    ("mapping values are not allowed", 'có dấu hai chấm ":" không đúng chỗ — giá trị có dấu hai chấm phải đặt '
                                       'trong ngoặc kép, ví dụ title: "Bước 1: Mở ứng dụng"'),
    ("could not find expected ':'", 'thiếu dấu hai chấm ":" sau tên trường, hoặc một dấu ngoặc kép chưa đóng'),
    ("found character '\\t'", "dùng phím Tab để thụt lề — YAML chỉ nhận dấu cách"),
    ("found a tab character", "dùng phím Tab để thụt lề — YAML chỉ nhận dấu cách"),
    ("expected ',' or ']'", "danh sách trong ngoặc vuông [ ] thiếu dấu phẩy hoặc chưa đóng"),
    ("expected ',' or '}'", "ngoặc nhọn { } thiếu dấu phẩy hoặc chưa đóng"),
    ("found unexpected end of stream", "một dấu ngoặc kép hoặc ngoặc vuông/nhọn mở ra mà chưa đóng"),
    ("did not find expected key", "thụt lề không đều, hoặc một dấu ngoặc kép chưa đóng"),
    ("did not find expected '-' indicator", "một dòng trong danh sách thiếu dấu gạch đầu dòng \"- \" hoặc thụt lề sai"),
    ("expected <block end>", "thụt lề không đều so với các dòng phía trên"),
    ("did not find expected ',' or ']'", "danh sách trong ngoặc vuông [ ] thiếu dấu phẩy hoặc chưa đóng"),
    ("did not find expected ',' or '}'", "ngoặc nhọn { } thiếu dấu phẩy hoặc chưa đóng"),
    ("found undefined alias", 'dấu "*" ở đầu giá trị có nghĩa riêng trong YAML — hãy đặt giá trị trong ngoặc kép'),
    ("found unknown escape character", 'dấu "\\" trong ngoặc kép — hãy viết "\\\\" hoặc dùng ngoặc đơn'),
    ("found unhashable key", "tên trường không hợp lệ"),
]
# Problems whose real cause is where the construct started (context_mark), not where PyYAML gave up.
# Errors whose context mark (where the broken thing began) is the line to fix; for the others (a
# mis-indented key, a stray list item) the problem mark is, not the start of the block around it.
_AT_START = ("could not find expected ':'", "found unexpected end of stream", "did not find expected ',' or")


def _unclosed_quote(text: str, upto: int) -> int | None:
    """0-based index of the first line (up to `upto`) with an odd number of double quotes."""
    for i, line in enumerate(text.split("\n")[:upto + 1]):
        if (line.count('"') - line.count('\\"')) % 2:
            return i
    return None


def explain(exc: yaml.YAMLError, first_line: int = 1, text: str | None = None) -> tuple[int | None, str]:
    """(line, Vietnamese message) for a YAML syntax error in `text`; `first_line` is the file line
    of the text's first line (e.g. 2 for front matter after the opening ---)."""
    problem = str(getattr(exc, "problem", "") or exc)
    mark = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    quote = _unclosed_quote(text, mark.line) if text is not None and mark is not None else None
    if quote is not None:      # a quote left open swallows the lines after it: point at the quote
        return quote + first_line, ("không đúng cú pháp YAML: dấu ngoặc kép mở ra mà chưa đóng — thêm dấu \" "
                                    "ở cuối giá trị.")
    if context is not None and any(problem.startswith(p) for p in _AT_START):
        mark = context
    what = next((vi for en, vi in _PROBLEMS if problem.startswith(en)),
                "kiểm tra dấu hai chấm, thụt lề (dùng dấu cách, không dùng Tab) và dấu ngoặc kép")
    line = mark.line + first_line if mark is not None else None
    return line, f"không đúng cú pháp YAML: {what}."


def load(text: str):
    return yaml.load(text, Loader=SafeLoader)
