"""A guide's images.yml: read, validate (Vietnamese errors with file and line) and render in memory.

    buoc-1.svg:                  # one entry per image file beside index.md
      mock: {app: ..., title: ..., items: [...]}          # → mockscreen.render_mock
    buoc-4.webp:
      photo: raw/buoc-4.jpg                               # → screenshot.process_photo
      callouts: [{n: 1, box: [x, y, w, h]}]
      redact: [[x, y, w, h]]

`load_images(guide_dir)` returns (specs, problems); `render(spec)` returns the output bytes.
Nothing here writes files: sotay images writes, sotay/images/image_checks.py compares.
"""
from __future__ import annotations

import functools
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import mockscreen
from ..errors import Problem
from ..content.yamlload import AliasError, DuplicateKeyError, Loader, check_unique, yaml_problem

IMAGES_YML = "images.yml"
NAME_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*\.(svg|webp|png|jpg|jpeg)$")
PHOTO_OUT = ("webp", "png", "jpg", "jpeg")
PHOTO_KEYS = {"photo", "callouts", "redact"}
RAW_DIR = "raw"
PRACTICE_KEY = "practice"     # the "Làm thử" steps (sotay/practice/spec.py), not an image
SVG_BUDGET = 30 * 1024        # bytes
RASTER_BUDGET = 60 * 1024


@dataclass
class ImageSpec:
    name: str                    # output file name beside index.md, e.g. "buoc-1.svg"
    kind: str                    # "mock" | "photo"
    data: dict                   # the entry (validated)
    line: int                    # line of the entry in images.yml
    source: Path                 # images.yml
    guide_dir: Path

    @property
    def out_path(self) -> Path:
        return self.guide_dir / self.name

    @property
    def raw_path(self) -> Path | None:
        """The raw screenshot of a photo entry (None for mocks)."""
        return self.guide_dir / self.data["photo"] if self.kind == "photo" else None

    @property
    def renderable(self) -> bool:
        """Mocks always; photos only where the raw screenshot is present (raw/ is not in git)."""
        return self.kind == "mock" or self.raw_path.is_file()


# --- YAML with line numbers ---------------------------------------------------------------------

class _LineDict(dict):
    line: int = 0
    key_lines: dict


class _LineList(list):
    line: int = 0


class _Loader(Loader):
    """Safe YAML where only true/false are booleans (so `on:`, `yes`, `no` stay words) and every
    mapping/list remembers its line."""


_Loader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                              re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _construct_mapping(loader, node):
    check_unique(node)
    loader.flatten_mapping(node)
    d = _LineDict()
    d.line = node.start_mark.line + 1
    d.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        d[key] = loader.construct_object(value_node, deep=True)
        try:
            d.key_lines[key] = key_node.start_mark.line + 1
        except TypeError:
            pass
    return d


def _construct_seq(loader, node):
    lst = _LineList(loader.construct_object(v, deep=True) for v in node.value)
    lst.line = node.start_mark.line + 1
    return lst


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def _line(obj, default: int) -> int:
    return getattr(obj, "line", 0) or default


# --- validation ---------------------------------------------------------------------------------

def _is_text(v) -> bool:
    return isinstance(v, str) and v.strip() != ""


def _box_ok(b) -> bool:
    return (isinstance(b, list) and len(b) == 4 and all(isinstance(v, int) and not isinstance(v, bool) for v in b)
            and b[0] >= 0 and b[1] >= 0 and b[2] > 0 and b[3] > 0)


def _validate_mock(name: str, mock, line: int, bad) -> None:
    where = f'ảnh "{name}"'
    if not isinstance(mock, dict):
        bad(line, f'{where}: "mock" phải gồm các dòng "app:", "title:" và "items:" (thụt lề dưới "mock:").')
        return
    for key in sorted(set(mock) - mockscreen.MOCK_KEYS, key=str):
        bad(mock.key_lines.get(key, line) if hasattr(mock, "key_lines") else line,
            f'{where}: "mock" không có trường "{key}". Chỉ dùng: app, title, items.')
    if not _is_text(mock.get("app")):
        bad(mock.line or line, f'{where}: thiếu "app:" (chữ trên thanh tiêu đề, ví dụ: app: VNeID) '
                                '— nếu là số hoặc yes/no, hãy đặt trong dấu ngoặc kép.')
    if "title" in mock and mock["title"] is not None and not _is_text(mock["title"]):
        bad(mock.key_lines.get("title", line), f'{where}: "title" phải là một dòng chữ (đặt trong dấu ngoặc kép).')
    items = mock.get("items")
    if not isinstance(items, list) or not items:
        bad(mock.key_lines.get("items", mock.line or line),
            f'{where}: thiếu danh sách "items:" (các thành phần trên màn hình, từ trên xuống dưới).')
        return
    if len(items) > 12:
        bad(_line(items, line), f'{where}: có {len(items)} thành phần; tối đa 12 (nên 3–8) để ảnh dễ nhìn.')
    kinds = ", ".join(mockscreen.KINDS)
    targets: dict[int, int] = {}
    for i, it in enumerate(items, 1):
        at = f"{where}, thành phần thứ {i}"
        iline = _line(it, _line(items, line))
        if not isinstance(it, dict):
            bad(iline, f'{at}: phải có dạng {{kind: button, text: "Tên nút"}}.')
            continue
        kind = it.get("kind")
        if kind not in mockscreen.KINDS:
            hint = f' (loại "{kind}" không có)' if kind is not None else ' (thiếu "kind")'
            bad(iline, f'{at}{hint}: hãy ghi kind là một trong: {kinds}.')
            continue
        required, optional = mockscreen.KINDS[kind]
        for key in sorted(set(it) - required - optional - mockscreen.COMMON, key=str):
            allowed = ", ".join(sorted(required | optional | mockscreen.COMMON))
            bad(iline, f'{at} ({kind}): không có trường "{key}". Trường hợp lệ: {allowed}.')
        for key in sorted(required):
            if key not in it or it[key] in (None, "", []):
                bad(iline, f'{at} ({kind} — {mockscreen.KIND_HELP[kind]}): thiếu "{key}".')
        for key in ("text", "value", "detail", "from", "title"):
            if key in it and it[key] is not None and not _is_text(it[key]) and not (key == "value" and it[key] == ""):
                bad(iline, f'{at} ({kind}): "{key}" phải là chữ — hãy đặt trong dấu ngoặc kép, '
                           f'ví dụ {key}: "{it[key]}".')
        if kind == "otp" and _is_text(it.get("value")) and len(it["value"]) > 6:
            bad(iline, f'{at} (otp): "value" tối đa 6 ký tự.')
        if kind == "toggle" and "on" in it and not isinstance(it["on"], bool):
            bad(iline, f'{at} (toggle): "on" chỉ nhận true hoặc false.')
        for key in ("items", "buttons"):
            if key in it and not (isinstance(it[key], list) and it[key] and all(_is_text(x) for x in it[key])):
                bad(iline, f'{at} ({kind}): "{key}" phải là danh sách chữ, ví dụ {key}: ["VNeID", "Zalo"] '
                           '(đặt từng mục trong dấu ngoặc kép).')
        if kind == "tiles" and isinstance(it.get("items"), list) and len(it["items"]) > 16:
            bad(iline, f'{at} (tiles): tối đa 16 ô.')
        t = it.get("target")
        if "target" in it and not (isinstance(t, int) and not isinstance(t, bool) and 1 <= t <= 9):
            bad(iline, f'{at}: "target" là số thứ tự chú thích từ 1 đến 9, ví dụ target: 1.')
        elif isinstance(t, int) and not isinstance(t, bool):
            if t in targets:
                bad(iline, f'{at}: "target: {t}" đã dùng ở thành phần thứ {targets[t]}; mỗi số chỉ dùng một lần.')
            targets[t] = i
        if "target_index" in it:
            ti = it["target_index"]
            pool = it.get("items") if kind == "tiles" else it.get("buttons")
            n = len(pool) if isinstance(pool, list) else 0
            if not (isinstance(ti, int) and not isinstance(ti, bool) and 1 <= ti <= max(n, 1)):
                bad(iline, f'{at}: "target_index" là vị trí của ô/nút được đánh dấu, từ 1 đến {max(n, 1)}.')
            elif "target" not in it:
                bad(iline, f'{at}: có "target_index" thì cần thêm "target: N" (số chú thích).')


def _validate_photo(name: str, entry: dict, line: int, guide_dir: Path, bad) -> None:
    where = f'ảnh "{name}"'
    if not name.endswith(PHOTO_OUT):
        bad(line, f'{where}: ảnh chụp màn hình phải có đuôi .webp (khuyên dùng), .png hoặc .jpg.')
    src = entry.get("photo")
    kl = entry.key_lines if hasattr(entry, "key_lines") else {}
    if not _is_text(src):
        bad(kl.get("photo", line), f'{where}: "photo" là đường dẫn ảnh gốc, ví dụ photo: raw/buoc-4.jpg')
    else:
        p = Path(src)
        if p.is_absolute() or ".." in p.parts or p.parts[0] != RAW_DIR or len(p.parts) < 2:
            bad(kl.get("photo", line), f'{where}: ảnh gốc phải nằm trong thư mục raw/ cạnh index.md '
                                       f'(thư mục này không được đưa lên git và không được đăng), ví dụ photo: raw/buoc-4.jpg')
        elif p.suffix.lower() not in (".png", ".jpg", ".jpeg", ".webp"):
            bad(kl.get("photo", line), f'{where}: ảnh gốc phải là PNG hoặc JPEG.')
    seen = set()
    callouts = entry.get("callouts", [])
    if not isinstance(callouts, list):
        bad(kl.get("callouts", line), f'{where}: "callouts" phải là danh sách, ví dụ callouts: [{{n: 1, box: [120, 840, 480, 120]}}]')
        callouts = []
    for c in callouts:
        cl = _line(c, kl.get("callouts", line))
        ok = isinstance(c, dict) and set(c) <= {"n", "box", "arrow"} and "n" in c
        if ok:
            n = c["n"]
            ok = isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 9
            ok = ok and ("box" in c or "arrow" in c)
            ok = ok and ("box" not in c or _box_ok(c["box"]))
            ok = ok and ("arrow" not in c or (isinstance(c["arrow"], list) and len(c["arrow"]) == 2
                                             and all(isinstance(v, int) and v >= 0 for v in c["arrow"])))
        if not ok:
            bad(cl, f'{where}: chú thích {c!r} chưa đúng. Viết {{n: 1, box: [x, y, rộng, cao]}} '
                    '(khung quanh chỗ cần chạm) hoặc {n: 1, arrow: [x, y]} (mũi tên chỉ vào điểm x, y); '
                    'số đo tính bằng điểm ảnh của ảnh gốc, n từ 1 đến 9.')
        elif c["n"] in seen:
            bad(cl, f'{where}: số chú thích {c["n"]} bị lặp.')
        else:
            seen.add(c["n"])
    redact = entry.get("redact", [])
    if not isinstance(redact, list) or not all(_box_ok(b) for b in redact):
        bad(kl.get("redact", line), f'{where}: "redact" là danh sách khung cần che, mỗi khung [x, y, rộng, cao] '
                                    'tính bằng điểm ảnh của ảnh gốc, ví dụ redact: [[40, 300, 600, 80]]')


@functools.lru_cache(maxsize=64)
def parse(text: str):
    """images.yml text → data with line numbers (cached: the pictures and the practice view both read it,
    and the build cache keeps it between builds by the text, pickled: this code alone writes it)."""
    from .. import cache
    from ..content.config import ROOT
    data = cache.get(ROOT, "images-yml", (text,), touch=True)
    if data is not None:
        try:
            return pickle.loads(data)
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            cache.forget(ROOT, "images-yml", (text,))       # a damaged entry: parsed and kept again
    return pickle.loads(cache.cached(ROOT, "images-yml", (text,),
                                     lambda: pickle.dumps(yaml.load(text, Loader=_Loader),  # noqa: S506 — SafeLoader subclass
                                                          protocol=pickle.HIGHEST_PROTOCOL)))


def mock_names(guide_dir: Path) -> frozenset[str]:
    """File names declared as mock screens in the guide's images.yml, leniently (the checks report
    what is wrong): the page's pictures need only these, from the same cached parse."""
    try:
        data = parse((Path(guide_dir) / IMAGES_YML).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return frozenset()
    if not isinstance(data, dict):
        return frozenset()
    return frozenset(str(k) for k, v in data.items() if isinstance(v, dict) and "mock" in v)


def load_images(guide_dir: Path) -> tuple[list[ImageSpec], list[Problem]]:
    """Read and validate guide_dir/images.yml (missing file → no images, no problems)."""
    path = Path(guide_dir) / IMAGES_YML
    if not path.is_file():
        return [], []
    problems: list[Problem] = []

    def bad(line, message):
        problems.append(Problem(path, message, line))

    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return [], [Problem(path, "tệp không ở dạng UTF-8. Hãy lưu lại với bảng mã UTF-8.")]
    try:
        data = parse(text)
    except (DuplicateKeyError, AliasError) as exc:
        return [], [yaml_problem(path, exc)]
    except yaml.YAMLError as exc:
        return [], [yaml_problem(path, exc, 1, text)]
    if data is None:
        return [], []
    if not isinstance(data, dict):
        return [], [Problem(path, 'tệp phải là danh sách ảnh dạng "tên-ảnh.svg:" rồi mô tả thụt lề bên dưới.', 1)]
    specs = []
    for name, entry in data.items():
        if name == PRACTICE_KEY:
            continue
        line = data.key_lines.get(name, 1)
        name = str(name)
        if not NAME_RE.match(name):
            bad(line, f'tên ảnh "{name}" không hợp lệ: chỉ dùng chữ thường không dấu, số, "-", '
                      'và đuôi .svg (ảnh minh họa) hoặc .webp (ảnh chụp), ví dụ buoc-1.svg.')
            continue
        if not isinstance(entry, dict) or ("mock" in entry) == ("photo" in entry):
            bad(line, f'ảnh "{name}": cần đúng một trong hai: "mock:" (ảnh minh họa vẽ từ mô tả) '
                      'hoặc "photo:" (ảnh chụp màn hình thật).')
            continue
        if "mock" in entry:
            extra = sorted(set(entry) - {"mock"}, key=str)
            if extra:
                bad(line, f'ảnh "{name}": trường {", ".join(map(str, extra))} chỉ dùng cho ảnh chụp (photo).')
            if not name.endswith(".svg"):
                bad(line, f'ảnh "{name}": ảnh minh họa (mock) phải có đuôi .svg.')
            _validate_mock(name, entry["mock"], entry.key_lines.get("mock", line), bad)
            specs.append(ImageSpec(name, "mock", entry, line, path, Path(guide_dir)))
        else:
            extra = sorted(set(entry) - PHOTO_KEYS, key=str)
            if extra:
                bad(line, f'ảnh "{name}": không có trường {", ".join(map(str, extra))}. '
                          'Ảnh chụp dùng: photo, callouts, redact.')
            _validate_photo(name, entry, line, Path(guide_dir), bad)
            specs.append(ImageSpec(name, "photo", entry, line, path, Path(guide_dir)))
    return (specs if not problems else []), problems


Loader = _Loader                  # the one images.yml reader, also for its practice section
validate_mock = _validate_mock


def render(spec: ImageSpec) -> bytes:
    """The bytes of the output file for a validated spec."""
    if spec.kind == "mock":
        return mockscreen.render_mock(spec.data["mock"])
    from . import screenshot
    return screenshot.process_photo(spec.guide_dir / spec.data["photo"], spec.name,
                                    callouts=spec.data.get("callouts") or [],
                                    redact=spec.data.get("redact") or []).data
