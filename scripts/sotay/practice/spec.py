"""The "Làm thử" (practice) section of a guide's images.yml: read and validate (issue 14).

The practice view is a second output of the same screen descriptions as the pictures: each practice
step points at a mock screen above (``screen: buoc-4.svg``) or describes a practice-only screen in
the same ``mock:`` form (for a common mistake, e.g. the code never arrives). The control marked
``target: N`` on that screen is the one the resident taps.

    practice:
      - screen: buoc-4.svg
        say: Chạm nút Kích hoạt tài khoản định danh điện tử.
      - screen: buoc-6.svg
        say: Gõ mã thử vào 6 ô.
        type: "123456"             # typing step: the pretend keypad accepts this sample only
      - mistake: Không nhận được mã OTP     # a bold label of the guide's "Nếu gặp lỗi" list
        mock: {app: VNeID, items: [...]}    # a practice-only screen, same form as the pictures
        say: Chờ vài phút rồi chạm Gửi lại mã.
      - screen: buoc-3.svg
        say: Đọc tin nhắn.
        read: true                 # nothing to tap: the resident reads and presses "Tiếp tục"
      - screen: buoc-2.svg
        say: Tin nhắn lừa đảo. Bạn làm gì?
        refuse: true               # spotting: the right answer is "Không bấm"

A tap or typing step needs exactly one ``target`` on its screen; `make check` refuses none or two.
Nothing here renders: sotay/practice/view.py does.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ..images import imagespec
from ..errors import Problem

KEY = imagespec.PRACTICE_KEY
STEP_KEYS = {"screen", "mock", "say", "type", "read", "refuse", "mistake"}
TYPE_KINDS = {"otp", "input"}
SAMPLE_RE = re.compile(r"^[0-9]{4,12}$")
MAX_STEPS = 20


@dataclass(frozen=True)
class Target:
    item: int                    # index of the item in the screen's items
    sub: int | None              # tiles / dialog: 0-based index of the tile or button (target_index)


@dataclass(frozen=True)
class PracticeStep:
    say: str
    mock: dict                   # the screen, as validated by imagespec (NFC done by the view)
    screen: str | None           # image name when the screen is one of the pictures
    mode: str                    # "tap" | "type" | "read" | "refuse"
    target: Target | None        # tap / type steps
    sample: str = ""             # type steps
    mistake: str = ""            # the "Nếu gặp lỗi" label this step practises
    line: int = 0


def _targets(mock: dict) -> list[Target]:
    out = []
    for i, it in enumerate(mock.get("items") or []):
        if isinstance(it, dict) and it.get("target"):
            ti = it.get("target_index")
            out.append(Target(i, ti - 1 if isinstance(ti, int) and it.get("kind") in ("tiles", "dialog") else None))
    return out


def _mistake_labels(body: str) -> set[str]:
    """The bold labels of the guide's "Nếu gặp lỗi" list ("- **Không nhận được mã OTP:** …")."""
    try:                                       # the section's title is defined once, by the checks
        from ..checks.structure import SECTION_TROUBLE
    except ImportError:
        from ..checks import SECTION_TROUBLE
    m = re.search(rf"^## {re.escape(SECTION_TROUBLE)}[ \t]*$(.*?)(?=^## |\Z)", body, re.M | re.S)
    if not m:
        return set()
    return {x.strip().rstrip(":").strip() for x in re.findall(r"^\s*[-*]\s+\*\*(.+?)\*\*", m.group(1), re.M)}


def read_practice(guide_dir: Path, body: str | None = None) -> tuple[list[PracticeStep], list[Problem]]:
    """The practice steps of a guide (empty if images.yml has no ``practice:``) and the problems found.
    `body` (the guide's Markdown) lets `mistake:` be checked against its "Nếu gặp lỗi" list."""
    path = Path(guide_dir) / imagespec.IMAGES_YML
    if not path.is_file():
        return [], []
    specs, found = imagespec.load_images(guide_dir)
    if found:
        return [], []                      # images.yml itself is wrong: those problems come first
    data = imagespec.parse(path.read_text(encoding="utf-8"))     # cached: load_images read it just now
    if not isinstance(data, dict) or KEY not in data:
        return [], []
    problems: list[Problem] = []

    def bad(line, message):
        problems.append(Problem(path, message, line))

    head = data.key_lines.get(KEY, 1)
    raw = data[KEY]
    if not isinstance(raw, list) or not raw:
        bad(head, '"practice:" là danh sách các bước làm thử, mỗi bước bắt đầu bằng "- screen: buoc-N.svg".')
        return [], problems
    if len(raw) > MAX_STEPS:
        bad(head, f'"practice:" có {len(raw)} bước; tối đa {MAX_STEPS}.')
    mocks = {s.name: s.data["mock"] for s in specs if s.kind == "mock"}
    labels = _mistake_labels(body) if body is not None else None
    steps: list[PracticeStep] = []
    for n, st in enumerate(raw, 1):
        line = getattr(st, "line", 0) or head
        at = f"bước làm thử thứ {n}"
        if not isinstance(st, dict):
            bad(line, f'{at}: phải có dạng "- screen: buoc-N.svg" và "say: lời dặn", thụt lề bên dưới.')
            continue
        kl = st.key_lines
        for key in sorted(set(map(str, st)) - STEP_KEYS):
            bad(kl.get(key, line), f'{at}: không có trường "{key}". Trường hợp lệ: {", ".join(sorted(STEP_KEYS))}.')
        say = st.get("say")
        if not (isinstance(say, str) and say.strip()):
            bad(line, f'{at}: thiếu "say:" — lời dặn ngắn hiện thành tiêu đề lớn, ví dụ say: Chạm nút Đăng nhập.')
        elif len(say) > 160:
            bad(kl.get("say", line), f'{at}: "say" dài {len(say)} ký tự; hãy viết ngắn, tối đa 160.')
        if ("screen" in st) == ("mock" in st):
            bad(line, f'{at}: cần đúng một trong hai: "screen: buoc-N.svg" (một ảnh minh họa ở trên) hoặc '
                      '"mock:" (màn hình chỉ dùng để làm thử, viết như ảnh minh họa).')
            continue
        if "screen" in st:
            name = st["screen"]
            if name not in mocks:
                names = ", ".join(sorted(mocks)) or "(chưa có)"
                bad(kl.get("screen", line), f'{at}: không có ảnh minh họa "{name}" trong images.yml. '
                                            f'Chọn một trong: {names}.')
                continue
            mock, screen = mocks[name], str(name)
            where = f'{at} ({name})'
        else:
            before = len(problems)
            imagespec.validate_mock(f"{at}", st["mock"], kl.get("mock", line), bad)
            if len(problems) > before:
                continue
            mock, screen = st["mock"], None
            where = at
        flags = [k for k in ("type", "read", "refuse") if k in st]
        for k in ("read", "refuse"):
            if k in st and st[k] is not True:
                bad(kl.get(k, line), f'{where}: "{k}" chỉ ghi "{k}: true" (hoặc bỏ dòng này).')
        if len(flags) > 1:
            bad(line, f'{where}: chỉ dùng một trong "type", "read", "refuse" cho mỗi bước.')
            continue
        mode = {"type": "type", "read": "read", "refuse": "refuse"}[flags[0]] if flags else "tap"
        mistake = st.get("mistake") or ""
        if "mistake" in st:
            if not (isinstance(mistake, str) and mistake.strip()):
                bad(kl.get("mistake", line), f'{where}: "mistake" ghi tên lỗi như trong mục "Nếu gặp lỗi" của bài.')
                mistake = ""
            elif labels is not None and mistake.strip() not in labels:
                shown = "; ".join(sorted(labels)) or "(bài chưa có mục Nếu gặp lỗi)"
                bad(kl.get("mistake", line), f'{where}: "mistake: {mistake}" không khớp lỗi nào trong mục '
                                             f'"Nếu gặp lỗi" của index.md. Chép đúng chữ in đậm, ví dụ: {shown}.')
        target = None
        sample = ""
        if mode in ("tap", "type"):
            targets = _targets(mock)
            if len(targets) != 1:
                what = "không có chỗ nào được đánh dấu" if not targets else f"có {len(targets)} chỗ được đánh dấu"
                bad(kl.get("screen", kl.get("mock", line)),
                    f'{where}: màn hình {what} "target"; bước làm thử cần đúng một chỗ để chạm. '
                    'Dùng màn hình có đúng một "target", hoặc viết "mock:" riêng cho bước này; '
                    'bước chỉ để đọc thì thêm "read: true".')
                continue
            target = targets[0]
            if mode == "type":
                sample = st["type"]
                kind = mock["items"][target.item]["kind"]
                if kind not in TYPE_KINDS:
                    bad(kl.get("type", line), f'{where}: bước gõ ("type") cần chỗ được đánh dấu là ô nhập '
                                              f'(kind: otp hoặc input), không phải "{kind}".')
                    continue
                if not (isinstance(sample, str) and SAMPLE_RE.match(sample)) or (kind == "otp" and len(sample) > 6):
                    bad(kl.get("type", line), f'{where}: "type" là số mẫu để gõ thử, 4–12 chữ số (mã OTP tối đa 6), '
                                              'đặt trong dấu ngoặc kép, ví dụ type: "123456". Không dùng số thật.')
                    continue
        steps.append(PracticeStep(say=str(say or "").strip(), mock=mock, screen=screen, mode=mode, target=target,
                                  sample=sample, mistake=str(mistake).strip(), line=line))
    if not any(s.mode in ("tap", "type", "refuse") for s in steps) and not problems:
        bad(head, '"practice:" cần ít nhất một bước có chỗ để chạm (không chỉ các bước "read: true").')
    return (steps if not problems else []), problems


@functools.lru_cache(maxsize=256)
def _cached(guide_dir: str, mtime_ns: int) -> tuple[PracticeStep, ...]:
    steps, problems = read_practice(Path(guide_dir))
    return tuple(steps) if not problems else ()


def practice_steps(guide) -> tuple[PracticeStep, ...]:
    """The valid practice steps of a catalog Guide (empty: no practice view). Cached per images.yml."""
    yml = Path(guide.dir) / imagespec.IMAGES_YML
    try:
        return _cached(str(guide.dir), yml.stat().st_mtime_ns)
    except OSError:
        return ()


def check_practice(guide) -> list[Problem]:
    """`make check`: the practice section of a guide's images.yml."""
    return read_practice(guide.dir, guide.body)[1]
