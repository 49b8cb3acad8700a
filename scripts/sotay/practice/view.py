"""The practice view of a guide as HTML: one section per step, the mock screen drawn with real HTML
(the same descriptions as the SVG pictures, sotay/images/mockscreen.py), the control to tap a real <button>.

Every kind of mockscreen.KINDS has a renderer here (tests/test_practice.py holds the two lists
equal), so a kind is defined once and drawn twice. Controls other than the target are plain
elements: not focusable, a tap on them only brings a hint (docs/assets/javascripts/practice.js).
The words of every hint are written here, in Vietnamese, into data attributes.
"""
from __future__ import annotations

import html
import unicodedata

from ..images import mockscreen
from .spec import PracticeStep, Target

READ_LABEL = "Tiếp tục"
REFUSE_LABEL = "Không bấm"
SAMPLE_NOTE = "Số để làm thử (không phải số thật):"
KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", ""]

# How a hint names a control of each kind ("nút Đăng nhập", "dòng Điện").
NOUN = {"text": "dòng chữ", "heading": "dòng chữ", "input": "ô", "button": "nút", "button2": "nút",
        "link": "chữ", "row": "dòng", "toggle": "công tắc", "notice": "khung", "tiles": "ô", "otp": "các ô mã",
        "qr": "mã QR", "photo": "khung ảnh", "sms": "tin nhắn", "keypad": "bàn phím", "dialog": "nút"}


def e(s) -> str:
    return html.escape(unicodedata.normalize("NFC", str(s)), quote=True)


def _span(cls: str, inner: str) -> str:
    return f'<span class="{cls}">{inner}</span>'


def target_label(it: dict, sub: int | None) -> str:
    kind = it["kind"]
    if kind == "tiles" and sub is not None:
        return it["items"][sub]
    if kind == "dialog":
        return (it.get("buttons") or [""])[sub or 0] if sub is not None else (it.get("title") or it.get("text") or "")
    if kind == "sms":
        return it.get("from") or "tin nhắn"
    return it.get("text") or mockscreen.KIND_HELP[kind].split(" (")[0]


def _where(index: int, count: int) -> str:
    f = (index + 0.5) / max(count, 1)
    return "ở phía trên màn hình" if f < 0.34 else "ở giữa màn hình" if f < 0.67 else "ở phía dưới màn hình"


# --- one renderer per kind: (item, is_target, sub_target) -> inner HTML and tag class -------------

def _text(it, *_):
    return "pt-text", e(it["text"])


def _heading(it, *_):
    return "pt-heading", e(it["text"])


def _input(it, *_):
    return "pt-input", _span("pt-label", e(it["text"])) + _span("pt-field", e(it.get("value") or ""))


def _button(it, *_):
    return "pt-btn", e(it["text"])


def _button2(it, *_):
    return "pt-btn pt-btn2", e(it["text"])


def _link(it, *_):
    return "pt-link", e(it["text"])


def _row(it, *_):
    detail = _span("pt-detail", e(it["detail"])) if it.get("detail") else ""
    return "pt-row", _span("pt-main", e(it["text"])) + detail


def _toggle(it, *_):
    return "pt-toggle", _span("pt-main", e(it["text"])) + _span("pt-switch" + (" pt-on" if it.get("on") else ""), "")


def _notice(it, *_):
    return "pt-notice", e(it["text"])


def _tiles(it, is_target, sub, tile=None):
    cells = []
    for i, label in enumerate(it["items"]):
        inner = _span(f"pt-ico pt-c{i % 8}", e((label.strip()[:1] or "•").upper())) + e(label)
        cells.append(tile(i, "pt-tile", inner) if tile else _span("pt-tile", inner))
    return "pt-tiles", "".join(cells)


def _otp(it, *_):
    value = str(it.get("value") or "")
    boxes = "".join(_span("pt-box", e(value[i]) if i < len(value) else "") for i in range(6))
    return "pt-otp", boxes


def _qr(it, *_):
    cap = _span("pt-cap", e(it["text"])) if it.get("text") else ""
    return "pt-qrw", _span("pt-qr", "") + cap


def _photo(it, *_):
    return "pt-photo", e(it.get("text") or "")


def _sms(it, *_):
    head = _span("pt-from", e(it["from"])) if it.get("from") else ""
    return "pt-smsw", head + _span("pt-sms", e(it["text"]))


def _keypad(it, *_):
    return "pt-keypad", "".join(_span("pt-key", e(k)) if k else _span("pt-key pt-blank", "") for k in KEYS)


def _dialog(it, is_target, sub, tile=None):
    title = _span("pt-dtitle", e(it["title"])) if it.get("title") else ""
    text = _span("pt-dtext", e(it["text"])) if it.get("text") else ""
    buttons = it.get("buttons") or []
    btns = "".join(tile(i, "pt-dbtn", e(b)) if tile else _span("pt-dbtn", e(b)) for i, b in enumerate(buttons))
    return "pt-dialog", title + text + (_span("pt-dbtns", btns) if btns else "")


RENDER = {"text": _text, "heading": _heading, "input": _input, "button": _button, "button2": _button2,
          "link": _link, "row": _row, "toggle": _toggle, "notice": _notice, "tiles": _tiles, "otp": _otp,
          "qr": _qr, "photo": _photo, "sms": _sms, "keypad": _keypad, "dialog": _dialog}


def _target_button(cls: str, inner: str) -> str:
    return f'<button type="button" class="{cls} pt-target" data-practice-target>{inner}</button>'


def _keypad_live(sample: str) -> str:
    keys = []
    for k in KEYS:
        if not k:
            keys.append(_span("pt-key pt-blank", ""))
            continue
        mark = " data-practice-target" if k == sample[0] else ""
        keys.append(f'<button type="button" class="pt-key" data-key="{k}"{mark}>{k}</button>')
    return f'<span class="pt-item pt-keypad pt-live" role="group" aria-label="Bàn phím số">{"".join(keys)}</span>'


def screen_html(step: PracticeStep) -> str:
    """The pretend screen of one step, with its one live control."""
    mock = step.mock
    items = mock.get("items") or []
    t: Target | None = step.target
    parts = []
    has_keypad = False
    for i, it in enumerate(items):
        kind = it["kind"]
        is_t = t is not None and t.item == i
        if step.mode == "type" and kind == "keypad":
            parts.append(_keypad_live(step.sample))
            has_keypad = True
            continue
        sub = t.sub if is_t else None
        tile = None
        if is_t and sub is not None and step.mode == "tap":
            def tile(j, cls, inner, _sub=sub):
                return _target_button(cls, inner) if j == _sub else _span(cls + " pt-dim", inner)
        cls, inner = RENDER[kind](it, is_t, sub, tile) if kind in ("tiles", "dialog") else RENDER[kind](it, is_t, sub)
        if is_t and step.mode == "type":
            parts.append(f'<span class="pt-item {cls} pt-typing" data-practice-field data-sample="{e(step.sample)}"'
                         f' aria-live="off">{inner}</span>')
        elif is_t and step.mode == "tap" and sub is None:
            parts.append(_target_button(f"pt-item {cls}", inner))
        else:
            dim = "" if is_t else " pt-dim"
            parts.append(_span(f"pt-item {cls}{dim}", inner))
    if step.mode == "type":
        parts.append(_span("pt-item pt-sample", f"{SAMPLE_NOTE} <b>{e(step.sample)}</b>"))
        if not has_keypad:
            parts.append(_keypad_live(step.sample))
    if step.mode in ("read", "refuse"):
        label = READ_LABEL if step.mode == "read" else REFUSE_LABEL
        parts.append(_span("pt-item pt-choice", _target_button("pt-btn pt-practice-btn", label)))
    title = _span("pt-title", e(mock["title"])) if mock.get("title") else ""
    return (f'<div class="pt-screen" data-practice-screen role="group" aria-label="Màn hình tập: {e(mock["app"])}">'
            f'<span class="pt-bar" aria-hidden="true">{e(mock["app"])}</span>'
            f'<span class="pt-body">{title}{"".join(parts)}</span></div>')


def hint(step: PracticeStep) -> str:
    """The gentle words shown after a tap in the wrong place."""
    if step.mode == "read":
        return f"Đọc xong, hãy chạm nút <b>{READ_LABEL}</b> ở phía dưới màn hình."
    if step.mode == "refuse":
        return (f"Đừng bấm vào đó: đây là lừa đảo. Hãy chạm nút <b>{REFUSE_LABEL}</b> ở phía dưới màn hình.")
    items = step.mock["items"]
    it = items[step.target.item]
    if step.mode == "type":
        return f"Hãy gõ <b>{e(step.sample)}</b> bằng bàn phím số ở dưới, từng số một."
    noun = NOUN[it["kind"]]
    label = target_label(it, step.target.sub)
    return f"Hãy chạm {noun} <b>{e(label)}</b> {_where(step.target.item, len(items))}."


def step_html(step: PracticeStep, k: int, n: int) -> str:
    mistake = (f'<p class="pt-mistake">Tình huống hay gặp: {e(step.mistake)}</p>' if step.mistake else "")
    hidden = "" if k == 1 else " hidden"
    return (f'<section class="pt-step" data-practice-step data-mode="{step.mode}" data-hint="{e(hint(step))}"'
            f' aria-labelledby="pt-h{k}"{hidden}>'
            f'<p class="pt-progress">Bước {k}/{n}</p>{mistake}'
            f'<h1 class="pt-say" id="pt-h{k}" tabindex="-1">{e(step.say)}</h1>'
            f'{screen_html(step)}</section>')


def view_html(guide, steps, guide_href: str, next_guide=None, next_href: str = "", script_src: str = "",
              style_css: str = "") -> str:
    """The whole practice view (content of the page huong-dan/<id>/lam-thu/)."""
    n = len(steps)
    sections = "".join(step_html(s, k, n) for k, s in enumerate(steps, 1))
    nxt = (f'<a class="md-button" href="{e(next_href)}">Hướng dẫn tiếp theo: {e(next_guide.title)}</a>'
           if next_guide else "")
    done = (f'<section class="pt-step pt-done" data-practice-finish hidden aria-labelledby="pt-hdone">'
            f'<h1 class="pt-say" id="pt-hdone" tabindex="-1">Bạn đã làm được!</h1>'
            f'<p>Bạn đã tập xong {n} bước. Khi làm thật, hãy mở hướng dẫn bên cạnh và làm từng bước như vừa tập. '
            f'Điện thoại này sẽ nhớ là bạn đã làm thử (chỉ lưu trên máy này, không gửi đi đâu).</p>'
            f'<p class="pt-links"><a class="md-button md-button--primary" href="{e(guide_href)}">'
            f'Xem hướng dẫn thật</a>{nxt}'
            f'<button type="button" class="md-button" data-practice-restart>Làm lại từ đầu</button></p></section>')
    return (f'<style>{style_css}</style>'
            f'<div class="pt pt-wheels" data-practice data-guide="{e(guide.id)}" data-title="{e(guide.title)}"'
            f' data-url="{e(guide.url_path)}">'
            f'<p class="pt-intro">Làm thử: <a href="{e(guide_href)}">{e(guide.title)}</a>. '
            f'Đây là màn hình tập, không phải ứng dụng thật: bấm sai cũng không sao. Giao diện thật có thể khác.</p>'
            f'<noscript><p class="pt-intro">Màn hình tập cần bật JavaScript. Bạn vẫn xem được '
            f'<a href="{e(guide_href)}">hướng dẫn có ảnh</a>.</p></noscript>'
            f'{sections}{done}'
            f'<p class="pt-hint" data-practice-hint role="status" aria-live="polite"></p>'
            f'<p class="pt-help"><label><input type="checkbox" data-practice-wheels checked> '
            f'Làm mờ các nút không cần bấm</label></p>'
            f'</div><script src="{e(script_src)}" defer></script>')
