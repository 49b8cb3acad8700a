""""Làm thử" (issue 14): practice views generated from the guides' images.yml, checked by `make check`,
and used in headless Chromium at 412 px with touch: a wrong tap hints and does not advance, a right tap
advances, the keyboard path works, finishing is remembered on the guide and the home page, and the
view reopens offline."""
from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from helpers import ANDROID_UA, AXE_TAGS, PHONE, run_sotay

REQUIRED = ["vneid-kich-hoat", "vneid-dang-ky", "chuyen-tien-qr", "tien-dien", "dvc-tra-cuu-ho-so",
            "nhan-biet-lua-dao"]


# --- the description: one definition of kinds, `make check` -------------------------------------

def test_every_mock_kind_is_drawn_in_html_too():
    from sotay.images import mockscreen
    from sotay.practice import view
    assert set(view.RENDER) == set(mockscreen.KINDS)
    assert set(view.NOUN) == set(mockscreen.KINDS)


@pytest.fixture
def guide_copy(tmp_path, catalog):
    g = catalog.by_id("vneid-kich-hoat")
    dst = tmp_path / g.id
    shutil.copytree(g.dir, dst)
    return g, dst


def _with_practice(dst: Path, practice_yaml: str) -> Path:
    yml = dst / "images.yml"
    text = yml.read_text(encoding="utf-8")
    text = text[:text.index("\npractice:")] + "\n" + practice_yaml
    yml.write_text(text, encoding="utf-8")
    return yml


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_a_step_needs_exactly_one_target(guide_copy):
    from sotay.practice.spec import read_practice
    g, dst = guide_copy
    yml = _with_practice(dst, """practice:
  - screen: buoc-4.svg
    say: Chạm Kích hoạt.
  - screen: buoc-2.svg
    say: Hai chỗ đánh dấu.
  - say: Không có chỗ nào.
    mock:
      app: VNeID
      items:
        - {kind: button, text: "Đăng nhập"}
""")
    steps, problems = read_practice(dst, g.body)
    assert steps == []
    msgs = {p.line: p.message for p in problems}
    two, none = _line_of(yml, "screen: buoc-2.svg"), _line_of(yml, "    mock:")
    assert "có 2 chỗ được đánh dấu" in msgs[two], msgs
    assert "không có chỗ nào được đánh dấu" in msgs[none], msgs
    assert all(p.path == yml for p in problems)


def test_other_practice_mistakes_are_named(guide_copy):
    from sotay.practice.spec import read_practice
    g, dst = guide_copy
    yml = _with_practice(dst, """practice:
  - screen: buoc-99.svg
    say: Không có ảnh này.
  - screen: buoc-6.svg
    say: Gõ mã.
    type: "12ab"
  - screen: buoc-4.svg
    say: Lỗi không có trong bài.
    mistake: Máy bị rơi xuống nước
  - screen: buoc-4.svg
""")
    _, problems = read_practice(dst, g.body)
    text = "\n".join(f"{p.line}: {p.message}" for p in problems)
    assert f'{_line_of(yml, "buoc-99.svg")}: bước làm thử thứ 1: không có ảnh minh họa "buoc-99.svg"' in text
    assert f'{_line_of(yml, "12ab")}: bước làm thử thứ 2 (buoc-6.svg): "type" là số mẫu' in text
    assert f'{_line_of(yml, "Máy bị rơi")}: ' in text and "Không nhận được mã OTP" in text
    assert 'thiếu "say:"' in text


def test_make_check_refuses_a_practice_step_with_two_targets(tmp_repo):
    yml = tmp_repo / "guides" / "vneid" / "vneid-kich-hoat" / "images.yml"
    text = yml.read_text(encoding="utf-8")
    yml.write_text(text.replace("  - screen: buoc-4.svg\n", "  - screen: buoc-2.svg\n", 1), encoding="utf-8")
    r = run_sotay("check", cwd=tmp_repo, timeout=120)
    assert r.returncode == 1
    line = _line_of(yml, "screen: buoc-2.svg")
    assert re.search(rf"vneid-kich-hoat/images\.yml:{line}\b.*có 2 chỗ được đánh dấu", r.stderr), r.stderr


def test_the_real_guides_have_practice_with_mistakes(catalog):
    from sotay.practice import practice_steps
    from sotay.practice.spec import read_practice
    with_mistake = 0
    for gid in REQUIRED:
        g = catalog.by_id(gid)
        steps, problems = read_practice(g.dir, g.body)
        assert not problems and steps == list(practice_steps(g)) and len(steps) >= 5, gid
        with_mistake += any(s.mistake for s in steps)
    assert with_mistake >= 2
    assert any(s.mode == "refuse" for s in practice_steps(catalog.by_id("nhan-biet-lua-dao")))


# --- the built site -----------------------------------------------------------------------------

def _html(site_dir, rel):
    return (site_dir / rel / "index.html").read_text(encoding="utf-8")


def test_built_views_and_catalog(site_dir, catalog):
    data = json.loads((site_dir / "catalog.json").read_text(encoding="utf-8"))
    by_id = {g["id"]: g for g in data["guides"]}
    from sotay.practice import has_practice
    for gid, rec in by_id.items():
        has = has_practice(catalog.by_id(gid))
        assert ("practice" in rec) == has
        if has:
            assert rec["practice"] == catalog.config.site_url + f"huong-dan/{gid}/lam-thu/"
    for gid in REQUIRED:
        assert "practice" in by_id[gid], gid
        page = _html(site_dir, f"huong-dan/{gid}/lam-thu")
        sections = re.findall(r"<section class=\"pt-step\" data-practice-step.*?</section>", page, re.S)
        assert sections
        for k, s in enumerate(sections, 1):
            assert f"Bước {k}/{len(sections)}" in s
            assert re.search(r'<h1 class="pt-say"[^>]*>[^<]+</h1>', s)
            screen = s[s.index("data-practice-screen"):]
            assert len(re.findall(r"<button\b[^>]*data-practice-target", screen)) == 1, (gid, k)
            assert s.count("data-practice-target") == 1
        # the guide page: a "Làm thử" button near the top, to this view
        guide = _html(site_dir, f"huong-dan/{gid}")
        button = re.search(r'<a class="md-button md-button--primary" data-sotay-practice="[^"]+" href="lam-thu/">', guide)
        assert button and button.start() < guide.index('id="buoc-1')
        assert "practice.js" not in guide and ".pt-screen" not in guide
        # the view runs on practice.js alone: Material's bundle is on the guide (run on the first
        # touch, issue 13), not here
        assert re.search(r'<link rel="prefetch" as="script" data-sotay-bundle(?:="")? href="[^"]*/bundle\.[0-9a-f]+\.min\.js"', guide)
        assert "/bundle." not in page and "sotay.js" in page


def test_practice_budgets(site_dir):
    """Practice JS + CSS ≤ 15 KB compressed (the CSS is inlined in each view, so it is the view's
    <style>); a guide's first view grows ≤ 1 KB (its button and the few lines of sotay.js that show
    "Đã làm thử")."""
    js = (site_dir / "assets/javascripts/practice.js").read_bytes()
    view = _html(site_dir, "huong-dan/vneid-kich-hoat/lam-thu")
    styles = re.findall(r"<style>(.*?)</style>", view, re.S)
    assert len(styles) == 1 and ".pt-screen" in styles[0] and "/*" not in styles[0], styles
    css = styles[0].encode()
    total = len(gzip.compress(js, 9)) + len(gzip.compress(css, 9))
    assert total <= 15 * 1024, total
    guide = _html(site_dir, "huong-dan/vneid-kich-hoat")
    block = re.search(r'<p class="sotay-practice">.*?</p>', guide, re.S).group(0)
    grown = len(gzip.compress(guide.encode(), 9)) - len(gzip.compress(guide.replace(block, "").encode(), 9))
    sotay = (site_dir / "assets/javascripts/sotay.js").read_text(encoding="utf-8")
    fn = re.search(r"function practised\(\).*?\n?\s*box\.hidden=!ul\.children\.length;?\s*\}", sotay, re.S)
    assert fn, "practised() not found in the served sotay.js"
    grown += len(gzip.compress(fn.group(0).encode(), 9))
    assert grown <= 1024, grown


# --- in the browser -----------------------------------------------------------------------------

@pytest.fixture
def touch(browser):
    ctx = browser.new_context(viewport=PHONE, device_scale_factor=1, locale="vi-VN", user_agent=ANDROID_UA,
                              has_touch=True, is_mobile=True)
    page = ctx.new_page()
    yield page
    ctx.close()


CURRENT = "section[data-practice-step]:not([hidden])"


def _progress(page) -> str:
    return page.inner_text(f"{CURRENT} .pt-progress")


def _finish_steps(page):
    """Tap through every step the right way (the keys of a typing step one by one)."""
    for _ in range(40):
        if page.locator("[data-practice-finish]").is_visible():
            return
        cur = page.locator(CURRENT)
        if cur.get_attribute("data-mode") == "type":
            sample = cur.locator("[data-practice-field]").get_attribute("data-sample")
            for d in sample:
                cur.locator(f'[data-key="{d}"]').tap()
        else:
            cur.locator("[data-practice-target]").tap()
    raise AssertionError("the practice never finished")


def test_wrong_tap_hints_and_right_tap_advances(touch, site_url):
    touch.goto(site_url + "huong-dan/chuyen-tien-qr/lam-thu/", wait_until="networkidle")
    assert _progress(touch) == "Bước 1/8"
    heading = touch.inner_text(f"{CURRENT} h1")
    assert "Đăng nhập" in heading
    touch.locator(f"{CURRENT} .pt-link").first.tap()                   # "Đăng nhập bằng vân tay": wrong
    hint = touch.locator("[data-practice-hint]")
    assert hint.get_attribute("aria-live") == "polite"
    touch.wait_for_function("document.querySelector('[data-practice-hint]').textContent.includes('Đăng nhập')")
    assert "Hãy chạm nút Đăng nhập" in hint.inner_text()
    assert _progress(touch) == "Bước 1/8"
    target = touch.locator(f"{CURRENT} [data-practice-target]")
    assert "pt-show" not in target.get_attribute("class")
    touch.locator(f"{CURRENT} .pt-bar").tap()                           # second miss: the target is outlined
    touch.wait_for_function("document.querySelector('[data-practice-hint]').textContent.includes('viền cam')")
    assert "pt-show" in target.get_attribute("class")
    assert touch.evaluate("el => getComputedStyle(el).outlineStyle", target.element_handle()) == "solid"
    # the accessible name of the target is its label
    assert touch.get_by_role("button", name="Đăng nhập", exact=True).count() == 1
    target.tap()
    assert _progress(touch) == "Bước 2/8"
    assert touch.evaluate("document.activeElement.matches('section:not([hidden]) h1')")
    # training wheels: the other controls are grey, and the switch turns that off
    other = touch.locator(f"{CURRENT} .pt-dim").first
    assert "grayscale" in touch.evaluate("el => getComputedStyle(el).filter", other.element_handle())
    touch.locator("[data-practice-wheels]").tap()
    assert touch.evaluate("el => getComputedStyle(el).filter", other.element_handle()) == "none"


def test_typing_step_accepts_the_sample_only(touch, site_url):
    touch.goto(site_url + "huong-dan/vneid-kich-hoat/lam-thu/", wait_until="networkidle")
    for _ in range(10):
        if touch.locator(CURRENT).get_attribute("data-mode") == "type":
            break
        touch.locator(f"{CURRENT} [data-practice-target]").tap()
    cur = touch.locator(CURRENT)
    sample = cur.locator("[data-practice-field]").get_attribute("data-sample")
    before = _progress(touch)
    wrong = next(d for d in "0123456789" if d != sample[0])
    cur.locator(f'[data-key="{wrong}"]').tap()
    touch.wait_for_function("document.querySelector('[data-practice-hint]').textContent.includes('Số tiếp theo')")
    assert cur.locator(".pt-box").first.inner_text() == ""
    for d in sample[:-1]:
        cur.locator(f'[data-key="{d}"]').tap()
    assert "".join(cur.locator(".pt-box").all_inner_texts()) == sample[:-1]
    assert _progress(touch) == before
    cur.locator(f'[data-key="{sample[-1]}"]').tap()
    assert _progress(touch) != before
    # nothing typed is stored anywhere
    assert sample not in json.dumps(touch.evaluate("Object.assign({}, localStorage)"))


def test_keyboard_path(touch, site_url):
    touch.goto(site_url + "huong-dan/vneid-kich-hoat/lam-thu/", wait_until="networkidle")
    for key in ("Enter", " ", "Enter"):
        before = _progress(touch)
        for _ in range(40):
            touch.keyboard.press("Tab")
            if touch.evaluate("document.activeElement.matches('section:not([hidden]) [data-practice-target]')"):
                break
        else:
            raise AssertionError("the target is not reachable with Tab")
        assert touch.evaluate("document.activeElement.tagName") == "BUTTON"
        touch.keyboard.press(key)
        assert _progress(touch) != before
        assert touch.evaluate("document.activeElement.matches('section:not([hidden]) h1')")
    # then the typing step with the keyboard's digits
    while touch.locator(CURRENT).get_attribute("data-mode") != "type":
        touch.locator(f"{CURRENT} [data-practice-target]").focus()
        touch.keyboard.press("Enter")
    before = _progress(touch)
    sample = touch.locator(f"{CURRENT} [data-practice-field]").get_attribute("data-sample")
    touch.keyboard.type(sample, delay=30)
    assert _progress(touch) != before


def test_finishing_is_remembered_on_the_guide_and_home(touch, site_url, catalog):
    gid = "tien-dien"
    touch.goto(site_url + f"huong-dan/{gid}/lam-thu/", wait_until="networkidle")
    _finish_steps(touch)
    done = touch.locator("[data-practice-finish]")
    assert touch.inner_text("[data-practice-finish] h1") == "Bạn đã làm được!"
    real = done.get_by_role("link", name="Xem hướng dẫn thật")
    assert real.is_visible()
    assert done.locator("a", has_text="Hướng dẫn tiếp theo").count() == 1
    stored = json.loads(touch.evaluate("localStorage.getItem('sotay.practice')"))
    assert set(stored) == {gid} and set(stored[gid]) == {"d", "t", "u"}
    real.tap()
    touch.wait_for_url(site_url + f"huong-dan/{gid}/")
    badge = touch.locator(f'[data-sotay-practiced="{gid}"]')
    badge.wait_for(state="visible")
    assert re.fullmatch(r"✓ Đã làm thử ngày \d\d/\d\d/\d{4}", badge.inner_text().strip())
    touch.goto(site_url, wait_until="networkidle")
    box = touch.locator("[data-sotay-practised-list]")
    box.wait_for(state="visible")
    assert box.locator("a", has_text=catalog.by_id(gid).title).count() == 1
    touch.goto(site_url + "huong-dan/chuyen-tien-qr/", wait_until="networkidle")     # not practised
    assert not touch.locator('[data-sotay-practiced="chuyen-tien-qr"]').is_visible()


def test_spotting_practice_offers_dont_tap(touch, site_url):
    touch.goto(site_url + "huong-dan/nhan-biet-lua-dao/lam-thu/", wait_until="networkidle")
    while touch.locator(CURRENT).get_attribute("data-mode") != "refuse":
        touch.locator(f"{CURRENT} [data-practice-target]").tap()
    before = _progress(touch)
    touch.locator(f"{CURRENT} .pt-btn").first.tap()                     # "Chuyển khoản ngay": the scam
    touch.wait_for_function("document.querySelector('[data-practice-hint]').textContent.includes('lừa đảo')")
    assert _progress(touch) == before
    touch.get_by_role("button", name="Không bấm").locator("visible=true").tap()
    assert _progress(touch) != before


def test_axe_clean_on_a_practice_view(phone, site_url):
    from axe_playwright_python.sync_playwright import Axe
    phone.goto(site_url + "huong-dan/vneid-kich-hoat/lam-thu/", wait_until="networkidle")
    for _ in range(4):                                 # through a read step, taps and the mistake step
        phone.locator(f"{CURRENT} [data-practice-target]").click()
    phone.locator(f"{CURRENT} .pt-bar").click()
    phone.locator(f"{CURRENT} .pt-bar").click()        # hint shown, target outlined
    phone.wait_for_timeout(200)
    results = Axe().run(phone, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_practice_view_needs_no_material_bundle(touch, site_url):
    """Opened straight from a link (Zalo, QR), the view loads no Material bundle, shows no search
    button it could not serve, and the menu and its own tools still work."""
    requests = []
    touch.on("request", lambda r: requests.append(r.url))
    touch.goto(site_url + "huong-dan/tien-dien/lam-thu/", wait_until="networkidle")
    assert not [u for u in requests if "/bundle." in u or "/workers/" in u or "search" in u], requests
    assert touch.evaluate("typeof document$") == "undefined"             # Material's bundle never ran
    assert not touch.locator('label[for="__search"]').first.is_visible()
    touch.locator('label.md-header__button[for="__drawer"]').tap()       # Material's menu is CSS alone
    touch.wait_for_timeout(400)
    assert touch.is_checked("#__drawer")
    assert touch.get_by_role("link", name="Trang chủ").first.is_visible()
    touch.locator('label.md-overlay[for="__drawer"]').tap(position={"x": 400, "y": 400})
    _works(touch)
    size = touch.evaluate("getComputedStyle(document.documentElement).fontSize")
    touch.get_by_role("button", name=re.compile("A\\+|Chữ to")).first.tap()  # sotay.js's text size
    assert touch.evaluate("getComputedStyle(document.documentElement).fontSize") != size


# --- offline (the site's own service worker, see test_page_offline.py) ------------------------------

@pytest.fixture
def server(site_dir):
    from helpers import Server
    s = Server(site_dir)
    yield s
    s.stop()


def _offline_ctx(browser):
    ctx = browser.new_context(viewport=PHONE, locale="vi-VN", user_agent=ANDROID_UA, service_workers="allow",
                              has_touch=True, is_mobile=True)
    return ctx, ctx.new_page()


def _works(page):
    """The view is styled and its script runs: a right tap advances."""
    assert page.evaluate("getComputedStyle(document.querySelector('.pt-screen')).backgroundColor") == "rgb(45, 51, 57)"
    before = _progress(page)
    page.locator(f"{CURRENT} [data-practice-target]").tap()
    assert _progress(page) != before


def test_practice_view_reopens_offline(browser, server):
    from helpers import go_offline, open_controlled as _open, wait_cached as _wait_cached
    url = server.url + "huong-dan/chuyen-tien-qr/lam-thu/"
    ctx, page = _offline_ctx(browser)
    try:
        _open(page, url)
        _wait_cached(page, [url, server.url + "assets/javascripts/practice.js"])
        go_offline(ctx, server)
        page.reload(wait_until="load")
        assert page.inner_text(f"{CURRENT} h1").startswith("Mật khẩu đã gõ sẵn")
        _works(page)
    finally:
        ctx.close()


def test_saving_a_topic_saves_its_practice_views(browser, server):
    from helpers import go_offline, open_controlled as _open
    ctx, page = _offline_ctx(browser)
    try:
        _open(page, server.url + "chu-de/thanh-toan/")
        page.locator('[data-sotay-action="save-offline"]').tap()
        page.wait_for_function("document.querySelector('.sotay-offline__status').textContent.startsWith('Đã lưu')",
                               timeout=30000)
        go_offline(ctx, server)
        page.goto(server.url + "huong-dan/tien-dien/lam-thu/", wait_until="load")      # never opened
        _works(page)
    finally:
        ctx.close()


def test_reached_from_the_guide_pages_button(touch, site_url):
    """The "Làm thử" button near the top of the guide opens the view (through Material's instant
    navigation), and the view works there: styled, and a right tap advances."""
    touch.goto(site_url + "huong-dan/dvc-tra-cuu-ho-so/", wait_until="networkidle")
    button = touch.get_by_role("link", name=re.compile("Làm thử"))
    assert button.bounding_box()["y"] < 2 * PHONE["height"]
    button.tap()
    touch.wait_for_url(site_url + "huong-dan/dvc-tra-cuu-ho-so/lam-thu/")
    touch.locator(f"{CURRENT} h1").wait_for()
    touch.wait_for_function("getComputedStyle(document.querySelector('.pt-screen')).backgroundColor === 'rgb(45, 51, 57)'")
    assert _progress(touch) == "Bước 1/8"
    touch.locator(f"{CURRENT} [data-practice-target]").tap()
    assert _progress(touch) == "Bước 2/8"
