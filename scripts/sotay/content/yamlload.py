"""The one YAML loader for every file editors touch (front matter, config/, shortlinks.yml, images.yml…).

Safe YAML, plus two refusals that plain `yaml.safe_load` lacks:

* a key written twice in one mapping (YAML silently keeps the last one: a second `vn2:` line in
  shortlinks.yml would quietly send a printed QR code to another guide);
* aliases (`*name`), which no file here needs and which can blow a small file up into a huge value.

`yaml_problem()` turns any YAML error into a Vietnamese message at the right line of the file.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import ContentError, Problem


class DuplicateKeyError(yaml.MarkedYAMLError):
    def __init__(self, key: str, first_line: int, mark):
        super().__init__(problem=f'khóa "{key}" bị lặp', problem_mark=mark)
        self.key, self.first_line = key, first_line


class AliasError(yaml.MarkedYAMLError):
    pass


def check_unique(node: yaml.MappingNode) -> None:
    """Raise DuplicateKeyError at the second occurrence of a key in this mapping."""
    seen: dict[str, int] = {}
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            key = key_node.value
            if key in seen:
                raise DuplicateKeyError(key, seen[key], key_node.start_mark)
            seen[key] = key_node.start_mark.line


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)      # libyaml when available: same results, faster


class Loader(_Base):
    """Safe YAML loader that refuses duplicate keys and aliases."""

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects or node in self.recursive_objects:   # met twice: an alias
            raise AliasError(problem="alias", problem_mark=node.start_mark)
        return super().construct_object(node, deep)

    def construct_mapping(self, node, deep=False):
        check_unique(node)
        return super().construct_mapping(node, deep)


class YamlError(ContentError):
    """A YAML file (or front matter) that cannot be read; `.problems` holds one Vietnamese message."""


# PyYAML's words → what to fix, in plain Vietnamese. First match wins.
_HINTS = (
    ("mapping values are not allowed", 'có dấu hai chấm ":" ở chỗ không được phép. Nếu chữ có dấu hai chấm, '
                                       'đặt cả giá trị trong ngoặc kép, ví dụ: title: "Bước 1: Mở ứng dụng"'),
    ("could not find expected ':'", 'thiếu dấu hai chấm ":" sau tên trường, hoặc thụt lề sai'),
    ("'\\t'", "có ký tự Tab; hãy thụt lề bằng dấu cách"),
    ("cannot start any token", "có ký tự không được phép ở đầu giá trị (thường là Tab: hãy thụt lề bằng "
                               'dấu cách; hoặc dấu "@", "`": đặt giá trị trong ngoặc kép)'),
    ("found unexpected end of stream", "thiếu dấu ngoặc kép đóng hoặc ngoặc đóng"),
    ("found unknown escape character", 'có dấu "\\" lạ trong ngoặc kép; viết "\\\\" hoặc dùng ngoặc đơn'),
    ("expected <block end>", "thụt lề không đều; các dòng cùng cấp phải thẳng hàng"),
    ("expected ',' or ']'", 'danh sách trong ngoặc vuông thiếu dấu phẩy hoặc dấu "]"'),
    ("expected ',' or '}'", 'thiếu dấu phẩy hoặc dấu "}"'),
    ("did not find expected", "thụt lề không đều hoặc dấu ngoặc không khớp; các dòng cùng cấp phải thẳng hàng"),
)


def yaml_problem(path: Path, exc: yaml.YAMLError, first_line: int = 1, text: str | None = None) -> Problem:
    """A Vietnamese Problem for `exc`; `first_line` is the file line of the YAML text's first line.
    With the text, syntax errors are explained by sotay/content/yamlfast.py (an unclosed quote is pointed at)."""
    if isinstance(exc, DuplicateKeyError):
        return Problem(path, f'khóa "{exc.key}" bị viết hai lần (lần đầu ở dòng {exc.first_line + first_line}). '
                             "YAML chỉ giữ lần cuối nên lần đầu bị bỏ qua âm thầm. Hãy xóa một trong hai dòng.",
                       exc.problem_mark.line + first_line)
    if isinstance(exc, AliasError):
        return Problem(path, 'không dùng tham chiếu YAML ("*tên"/"&tên"). Hãy viết thẳng giá trị.',
                       exc.problem_mark.line + first_line)
    if text is not None:
        from .yamlfast import explain
        line, message = explain(exc, first_line, text)
        return Problem(path, message, line)
    problem = str(getattr(exc, "problem", "") or exc)
    hint = next((h for k, h in _HINTS if k in problem), None)
    mark = getattr(exc, "problem_mark", None)
    if "unexpected end of stream" in problem and getattr(exc, "context_mark", None):
        mark, hint = exc.context_mark, "dấu ngoặc kép mở ở đây chưa được đóng"
    line = mark.line + first_line if mark is not None else None
    hint = hint or "kiểm tra dấu hai chấm, thụt lề (dùng dấu cách, không dùng Tab) và dấu ngoặc kép"
    return Problem(path, f"không đúng cú pháp YAML: {hint}.", line)


def parse_yaml(text: str, path: Path, first_line: int = 1, loader=Loader):
    """Parse YAML text; raise YamlError (Vietnamese, right line) on any syntax error or duplicate key."""
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 — Loader is a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise YamlError([yaml_problem(path, exc, first_line, text)]) from None


def load_yaml(path: Path, loader=Loader):
    """Read a UTF-8 YAML file (a leading BOM is ignored) with `parse_yaml`."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise YamlError([Problem(path, "tệp không ở dạng UTF-8. Hãy lưu lại với bảng mã UTF-8.")]) from None
    return parse_yaml(text.lstrip("\ufeff"), path, 1, loader)


def compose_yaml(text: str, path: Path, first_line: int = 1):
    """The node tree (for files whose checks want each value's line), with the same refusals."""
    try:
        node = yaml.compose(text, Loader=Loader)
        stack, seen = ([node] if node is not None else []), set()
        while stack:
            n = stack.pop()
            if id(n) in seen:                      # one node reached twice: an alias
                raise AliasError(problem="alias", problem_mark=n.start_mark)
            seen.add(id(n))
            if isinstance(n, yaml.MappingNode):
                check_unique(n)
                stack += [v for pair in n.value for v in pair]
            elif isinstance(n, yaml.SequenceNode):
                stack += n.value
        return node
    except yaml.YAMLError as exc:
        raise YamlError([yaml_problem(path, exc, first_line, text)]) from None
