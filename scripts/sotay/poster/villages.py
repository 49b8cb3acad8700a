"""config/villages.yml: the villages that get their own posters, read and validated once.

Every problem names the file and line and says what to fix, in Vietnamese (see errors.py).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import ContentError, Problem
from ..content.yamlload import YamlError, compose_yaml

FILE = Path("config") / "villages.yml"
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 .]{6,16}[0-9]$")
FIELDS = {  # field → (required, max length, example)
    "name": (True, 40, "name: Thôn 1"),
    "hall": (True, 70, "hall: Nhà văn hóa Thôn 1"),
    "contact": (True, 90, "contact: Tổ trưởng Tổ công nghệ số cộng đồng thôn"),
    "schedule": (True, 140, "schedule: Tối thứ Bảy hằng tuần, từ 19 giờ 30 đến 21 giờ"),
    "phone": (False, 20, "phone: 0912 345 678"),
}


@dataclass(frozen=True)
class Village:
    id: str
    name: str
    hall: str
    contact: str
    schedule: str
    commune: str
    phone: str = ""
    line: int = 1


@dataclass
class Villages:
    path: Path
    commune: str
    villages: dict[str, Village]

    def find(self, code_or_name: str) -> Village | None:
        """A village by its code ("thon-1") or its name as people write it ("Thôn 1", "thon 1")."""
        from ..content.vietnamese import fold
        if code_or_name in self.villages:
            return self.villages[code_or_name]
        want = " ".join(fold(code_or_name).lower().replace("-", " ").split())
        for v in self.villages.values():
            if want in (" ".join(fold(v.name).lower().split()), v.id.replace("-", " ")):
                return v
        return None

    def get(self, village_id: str) -> Village:
        return self.villages[village_id]


def _line(node) -> int:
    return node.start_mark.line + 1


def _mapping_items(node) -> list[tuple[yaml.Node, yaml.Node]]:
    return list(node.value) if isinstance(node, yaml.MappingNode) else []


def _scalar_text(node) -> str | None:
    """A plain text value (not a list, not a mapping, not a number or true/false)."""
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
        return node.value
    return None


def load_villages(root: Path, default_commune: str = "") -> Villages:
    """Read config/villages.yml; raise ContentError listing every problem. A missing file = no villages."""
    path = Path(root) / FILE
    if not path.exists():
        return Villages(path, default_commune, {})
    problems: list[Problem] = []

    def bad(message: str, line: int | None = None):
        problems.append(Problem(path, message, line))

    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ContentError([Problem(path, "tệp không ở dạng UTF-8. Hãy lưu lại với bảng mã UTF-8.")], root) from None
    if unicodedata.normalize("NFC", text) != text:
        bad("chữ tiếng Việt chưa ở dạng chuẩn NFC (dấu gõ tách rời). Gõ lại bằng bộ gõ Unicode dựng sẵn "
            "hoặc chạy `make fix-unicode`.")
        text = unicodedata.normalize("NFC", text)
    try:
        root_node = compose_yaml(text, path)
    except YamlError as exc:
        raise ContentError(exc.problems, root) from None
    if root_node is None:
        return Villages(path, default_commune, {})
    if not isinstance(root_node, yaml.MappingNode):
        raise ContentError([Problem(path, 'tệp phải gồm các dòng "commune:" và "villages:" '
                                          '(xem ghi chú ở đầu tệp).', _line(root_node))], root)

    commune = default_commune
    villages_node = None
    seen_top: set[str] = set()
    for key_node, value_node in _mapping_items(root_node):
        key = key_node.value
        if key in seen_top:
            bad(f'mục "{key}" xuất hiện hai lần; hãy xóa một.', _line(key_node))
        seen_top.add(key)
        if key == "commune":
            if isinstance(value_node, yaml.ScalarNode) and value_node.value in ("", "~", "null"):
                continue
            text_value = _scalar_text(value_node)
            if text_value is None:
                bad('"commune" phải là tên xã (một dòng chữ), hoặc để trống "" để dùng tên trong '
                    'config/site.yml.', _line(value_node))
            elif text_value.strip():
                commune = text_value.strip()
        elif key == "villages":
            villages_node = value_node
        else:
            bad(f'mục "{key}" không dùng được. Tệp chỉ có "commune" và "villages".', _line(key_node))

    villages: dict[str, Village] = {}
    seen_ids: set[str] = set()
    if villages_node is None:
        bad('thiếu mục "villages:" (danh sách các thôn).', 1)
    elif isinstance(villages_node, yaml.ScalarNode) and villages_node.value in ("", "~", "null"):
        pass  # no villages yet
    elif not isinstance(villages_node, yaml.MappingNode):
        bad('"villages" phải là danh sách các thôn dạng "thon-1:" rồi các dòng thụt vào '
            '"name:", "hall:", "contact:", "schedule:".', _line(villages_node))
    else:
        for id_node, v_node in _mapping_items(villages_node):
            vid, vline = str(id_node.value), _line(id_node)
            if vid in seen_ids:
                bad(f'mã thôn "{vid}" bị trùng; mỗi thôn cần một mã khác nhau.', vline)
                continue
            seen_ids.add(vid)
            if not ID_RE.match(vid):
                bad(f'mã thôn "{vid}" chỉ được gồm chữ thường không dấu, số và dấu "-", ví dụ: thon-1.', vline)
            if not isinstance(v_node, yaml.MappingNode):
                bad(f'thôn "{vid}" cần các dòng thụt vào: "name:", "hall:", "contact:", "schedule:".', vline)
                continue
            values: dict[str, str] = {}
            field_lines: dict[str, int] = {}
            before = len(problems)
            for f_node, val_node in _mapping_items(v_node):
                field, fline = str(f_node.value), _line(f_node)
                if field not in FIELDS:
                    bad(f'thôn "{vid}": trường "{field}" không dùng được. Các trường: '
                        f'{", ".join(FIELDS)}.', fline)
                    continue
                if field in values:
                    bad(f'thôn "{vid}": trường "{field}" xuất hiện hai lần.', fline)
                    continue
                required, limit, example = FIELDS[field]
                value = _scalar_text(val_node)
                field_lines[field] = fline
                if isinstance(val_node, yaml.ScalarNode) and val_node.tag.endswith(":null"):
                    value = ""              # "hall:" left empty: reported once, as missing, below
                elif value is None and isinstance(val_node, yaml.ScalarNode) and field == "phone":
                    value = val_node.value  # a phone number written without quotes
                if value is None:
                    bad(f'thôn "{vid}": "{field}" phải là một dòng chữ, ví dụ: {example}', fline)
                    continue
                value = " ".join(value.split())
                if len(value) > limit:
                    bad(f'thôn "{vid}": "{field}" dài {len(value)} ký tự, poster chỉ đủ chỗ cho {limit}. '
                        f'Hãy viết ngắn lại.', fline)
                if field == "phone" and value and not PHONE_RE.match(value):
                    bad(f'thôn "{vid}": "phone" phải là số điện thoại, ví dụ: {example} '
                        f'(hoặc xóa dòng này nếu chưa có).', fline)
                values[field] = value
            for field, (required, _limit, example) in FIELDS.items():
                if required and not values.get(field) and not any(
                        p.line == field_lines.get(field) for p in problems[before:]):
                    bad(f'thôn "{vid}": thiếu "{field}". Thêm một dòng thụt vào, ví dụ: {example}',
                        field_lines.get(field, vline))
            if len(problems) == before:
                villages[vid] = Village(id=vid, name=values["name"], hall=values["hall"],
                                        contact=values["contact"], schedule=values["schedule"],
                                        phone=values.get("phone", ""), commune=commune, line=vline)
    if problems:
        raise ContentError(problems, root)
    # the commune can come after the villages in the file
    villages = {k: Village(**{**v.__dict__, "commune": commune}) for k, v in villages.items()}
    return Villages(path, commune, villages)
