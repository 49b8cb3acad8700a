"""`make check` (sotay check) refuses each kind of bad input, naming the file and line.

Every case starts from a clean copy of the repository holding one guide made by `make guide`
(plus harmless things the checks must accept), asserts that copy passes, injects one mistake,
and asserts exit code 1 and a Vietnamese message naming the file (and line)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT, copy_project, fill_template, insert_after, replace_once, run_py, run_sotay

GID = "mau-kiem-tra"
CAT = "vneid"
REL = f"guides/{CAT}/{GID}/index.md"

# Harmless content the checks must accept (positive controls).
GOOD_EXTRAS = """
Gọi tổng đài chính thức 1900 0368 nếu cần.[^nguon-chinh] Mở trang <https://dichvucong.gov.vn/p/home/dvc-trang-chu.html>
hoặc [Cổng Dịch vụ công](https://dichvucong.gov.vn/) hay vào vneid.gov.vn. Nhấn <kbd>Tiếp tục</kbd>.
Ví dụ số định danh: 001xxxxxxxxx, số điện thoại 0xx xxx xxxx, e-mail nguyenvana@example.com.
Phí 10.000.000 đồng, ngày 20/11/2026, lúc 7 giờ 30.[^nguon-chinh]
Tin nhắn lừa đảo hay có đường link như http://vneid-•••••.xyz hoặc https://trang-gia.example/.

=== "Android"

    Chạm **Cài đặt**.

    ![Màn hình Android, nút Cài đặt được đánh số 1](buoc-1.svg)

=== "iPhone"

    Chạm **Cài đặt**.

    ![Màn hình iPhone, nút Cài đặt được đánh số 1](buoc-1.svg)
"""


def check_subprocess(repo: Path) -> subprocess.CompletedProcess:
    return run_sotay("check", cwd=repo, timeout=60)


def check(repo: Path) -> subprocess.CompletedProcess:
    """`sotay check` on `repo`, in this process (the same code, without Python's start-up)."""
    import contextlib
    import io
    from sotay.commands import check as check_command
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = check_command.main([str(repo)])
    return subprocess.CompletedProcess(["sotay", "check", str(repo)], code, out.getvalue(), err.getvalue())


def output(r) -> str:
    return r.stdout + r.stderr


@pytest.fixture(scope="module")
def clean_repo(tmp_path_factory) -> Path:
    """A copy of the repository whose real guides are replaced by one scaffolded guide; it passes."""
    dst = tmp_path_factory.mktemp("clean") / "repo"
    copy_project(dst)
    for d in (dst / "guides").glob("*/*/"):
        shutil.rmtree(d)
    (dst / "shortlinks.yml").write_text("codes: {}\nredirects: {}\n", encoding="utf-8")
    r = run_sotay("guide", "--category", CAT, "--id", GID,
               "--title", "Hướng dẫn mẫu để kiểm tra", "--code", "mkt", cwd=dst)
    assert r.returncode == 0, output(r)
    fill_template(dst / f"guides/{CAT}/{GID}")
    assert run_sotay("shortlinks", cwd=dst).returncode == 0          # as if published (merged to main)
    insert(dst, "## Bước 1:", GOOD_EXTRAS)
    r = check_subprocess(dst)
    assert r.returncode == 0, "the clean copy must pass:\n" + output(r)
    return dst


@pytest.fixture
def repo(clean_repo, tmp_path) -> Path:
    """A fresh copy of the clean repository for one test to break."""
    dst = tmp_path / "repo"
    shutil.copytree(clean_repo, dst)
    return dst


def insert(repo: Path, after_heading: str, text: str, rel: str = REL) -> int:
    """Insert `text` after the paragraph following `after_heading`; return the first inserted line."""
    return insert_after(repo / rel, after_heading, text)


def replace(repo: Path, old: str, new: str, rel: str = REL) -> int:
    return replace_once(repo / rel, old, new)


def assert_refused(repo: Path, rel: str = REL, line: int | None = None, words: str | None = None):
    r = check(repo)
    out = output(r)
    assert r.returncode == 1, out
    where = f"{rel}:{line}:" if line else f"{rel}"
    assert where in out, f"expected {where!r} in:\n{out}"
    if words:
        hit = [ln for ln in out.splitlines() if where in ln]
        assert any(re.search(words, ln, re.I) for ln in hit), f"expected /{words}/ on {where}:\n{out}"
    return out


# --- body content: HTML, links, personal data ------------------------------------------------------

CASES = {
    "script": ("<script>alert(1)</script>", r"<script"),
    "iframe-upper": ('<IFRAME SRC="https://dichvucong.gov.vn/"></IFRAME>', r"IFRAME"),
    "onerror-raw": ("<img src=x onerror=alert(1)>", r"<img"),
    "onerror-attr-list": ('![Ảnh nút Tiếp tục](buoc-1.svg){ onerror="alert(1)" }', r"onerror"),
    "style-tag": ("<style>body{background:url(https://x.vn/a.png)}</style>", r"<style"),
    "form": ('<form action="https://dichvucong.gov.vn/"><input name="otp"></form>', r"<form"),
    "object": ('<object data="a.swf"></object>', r"<object"),
    "embed": ('<embed src="a.swf">', r"<embed"),
    "javascript-link": ("[Bấm vào đây](javascript:alert(1))", r"javascript:"),
    "javascript-entity": ("[Bấm vào đây](jav&#x61;script:alert(1))", r"javascript:"),
    "javascript-ref": ("[Bấm vào đây][x]\n\n[x]: JavaScript:alert(1)", r"javascript:", 2),
    "vbscript": ("[Bấm](vbscript:msgbox(1))", r"vbscript:"),
    "data-image": ("![Ảnh](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)", r"data:"),
    "lookalike-link": ("[VNeID](https://vneid-gov.com/dang-nhap)", r"vneid-gov\.com"),
    "lookalike-suffix": ("[Dịch vụ công](https://gov.vn.evil.com/)", r"gov\.vn\.evil\.com"),
    "lookalike-dash": ("[Dịch vụ công](https://dichvucong-gov.vn/)", r"dichvucong-gov\.vn"),
    "userinfo": ("[Dịch vụ công](https://dichvucong.gov.vn@evil.com/)", r"bất thường|evil"),
    "http": ("[Dịch vụ công](http://dichvucong.gov.vn/)", r"https://"),
    "autolink": ("<https://vneid-gov.com/>", r"vneid-gov\.com"),
    "bare-url": ("Vào trang https://vneid-gov.com/kich-hoat để kích hoạt.", r"vneid-gov\.com"),
    "bare-domain": ("Vào trang vneid-gov.com để kích hoạt.", r"vneid-gov\.com"),
    "domain-in-code": ("Gõ `vneid-gov.com` vào trình duyệt.", r"vneid-gov\.com"),
    "masked-as-link": ("[Bấm](http://vneid-•••.xyz)", r"bất thường"),
    "external-image": ("![Ảnh](https://dichvucong.gov.vn/anh.png)", r"ảnh"),
    "citizen-id": ("Số định danh của tôi là 001204012345.", r"12 chữ số"),
    "citizen-id-spaced": ("Số căn cước: 001 204 012 345.", r"12 chữ số"),
    "citizen-id-dots": ("Số căn cước: 001.204.012.345.", r"12 chữ số"),
    "phone": ("Gọi cho anh Ba: 0912 345 678.", r"số điện thoại"),
    "phone-intl": ("Gọi cho anh Ba: +84 912.345.678.", r"số điện thoại"),
    "phone-landline": ("Gọi 024 3825 1234.", r"số điện thoại"),
    "phone-premium": ("Gọi 1900 2929 00 để được hỗ trợ.", r"số điện thoại"),
    "tel-link": ("[Gọi ngay](tel:0912345678)", r"điện thoại"),
    "email": ("Gửi thư cho nguyen.van.b@gmail.com nhé.", r"e-mail"),
    "mailto": ("[Viết thư](mailto:hotro@dichvucong-gov.vn)", r"e-mail|dichvucong-gov"),
    "raw-div": ('<div class="x">chữ</div>', r"<div"),
    "raw-link-tag": ('<a href="https://vneid.gov.vn/">VNeID</a>', r"<a"),
    "svg-onload": ("<svg/onload=alert(1)>", r"<svg|onload"),
    "protocol-relative": ("[VNeID](//vneid-gov.com/)", r"vneid-gov\.com"),
    "scheme-no-slashes": ("[VNeID](https:vneid-gov.com)", r"vneid-gov\.com"),
    "backslash-host": ("[VNeID](https://vneid-gov.com\\@vneid.gov.vn/)", r"vneid-gov\.com"),
    "phone-entity": ("Gọi &#48;912 345 678.", r"số điện thoại"),
    "kbd-with-attribute": ('<kbd onclick="x()">OK</kbd>', r"<kbd|onclick"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_body_content_is_refused(repo, name):
    text, words, *offset = CASES[name]
    line = insert(repo, "## Bước 2:", text) + (offset[0] if offset else 0)
    assert_refused(repo, REL, line, words)


def test_make_check_itself_refuses(repo):
    """The editor's command: `make check` in the copy (sharing the installed .venv)."""
    os.symlink(ROOT / ".venv", repo / ".venv")
    line = insert(repo, "## Bước 2:", "<script>alert(1)</script>")
    r = subprocess.run(["make", "-s", "check"], cwd=repo, capture_output=True, text=True, timeout=120)
    assert r.returncode != 0
    assert f"{REL}:{line}:" in r.stdout + r.stderr


def test_every_problem_is_reported_at_once(repo):
    l1 = insert(repo, "## Bước 1:", "<script>alert(1)</script>")
    l2 = insert(repo, "## Bước 3:", "Gọi 0912 345 678.")
    out = assert_refused(repo)
    assert f"{REL}:{l1}:" in out and f"{REL}:{l2 + 0}:" in out


def test_personal_data_in_front_matter_and_images_yml(repo):
    line = replace(repo, "  - Điện thoại thông minh", "  - Gọi chị Lan 0987 654 321 để được giúp\n  - Điện thoại thông minh")
    assert_refused(repo, REL, line, "số điện thoại")
    yml = f"guides/{CAT}/{GID}/images.yml"
    line = replace(repo, 'text: "Chọn việc cần làm"', 'text: "Số định danh 079204012345"', yml)
    assert_refused(repo, yml, line, "12 chữ số")


# --- structure -----------------------------------------------------------------------------------

def test_h1_in_body(repo):
    line = insert(repo, "## Bước 1:", "# Tiêu đề thừa")
    assert_refused(repo, REL, line, "cấp 1")


def test_steps_out_of_order(repo):
    line = replace(repo, "## Bước 2:", "## Bước 3:")
    assert_refused(repo, REL, line, "số 3 nhưng là bước thứ 2")


def test_malformed_step_heading(repo):
    line = replace(repo, "## Bước 2:", "## Buoc 2 -")
    assert_refused(repo, REL, line, "chưa đúng mẫu")


def test_too_few_steps(repo):
    path = repo / REL
    text = path.read_text(encoding="utf-8")
    start, end = text.index("## Bước 3:"), text.index("## Nếu gặp lỗi")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert_refused(repo, REL, None, "ít nhất 3 bước")


def test_step_without_image(repo):
    path = repo / REL
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"!\[[^\]]*\]\(buoc-3\.svg\)\n", "", text)
    path.write_text(text, encoding="utf-8")
    line = text[:text.index("## Bước 3:")].count("\n") + 1
    assert_refused(repo, REL, line, "chưa có ảnh")


@pytest.mark.parametrize("section", ["Nếu gặp lỗi", "Lưu ý an toàn"])
def test_missing_section(repo, section):
    replace(repo, f"## {section}", "### Ghi chú")
    assert_refused(repo, REL, None, f"thiếu mục \"## {section}\"")


def test_tab_label(repo):
    line = replace(repo, '=== "iPhone"', '=== "IPhone"')
    assert_refused(repo, REL, line, 'nhãn thẻ "IPhone"')


# --- images (from the image checks, or the fallback until they exist) --------------------------------

def test_missing_image(repo):
    line = insert(repo, "## Bước 2:", "![Màn hình bước 2, nút Gửi được đánh số 1](khong-co.svg)")
    assert_refused(repo, REL, line, "khong-co.svg")


def test_empty_alt(repo):
    line = replace(repo, "![Màn hình số 2, nút Tiếp tục được đánh số 1](buoc-2.svg)", "![](buoc-2.svg)")
    assert_refused(repo, REL, line, "buoc-2.svg|alt|mô tả")


# --- catalog problems, reported by the same command -------------------------------------------------

def test_bad_front_matter(repo):
    line = replace(repo, "time: 10", "time: mười phút")
    assert_refused(repo, REL, line, "time")


def test_front_matter_missing_field(repo):
    replace(repo, "audience:", "khong_co_truong:")
    assert_refused(repo, REL, None, "audience")


def test_unknown_category(repo):
    src = repo / f"guides/{CAT}/{GID}"
    dst = repo / f"guides/khong-co/{GID}"
    dst.parent.mkdir()
    src.rename(dst)
    rel = f"guides/khong-co/{GID}/index.md"
    line = replace(repo, f"category: {CAT}", "category: khong-co", rel)
    assert_refused(repo, rel, line, "khong-co")


def test_duplicate_id_and_code(repo):
    shutil.copytree(repo / f"guides/{CAT}/{GID}", repo / f"guides/dich-vu-cong/{GID}")
    replace(repo, f"category: {CAT}", "category: dich-vu-cong", f"guides/dich-vu-cong/{GID}/index.md")
    out = assert_refused(repo)
    assert re.search(rf'guides/(vneid|dich-vu-cong)/{GID}/index.md: .*"{GID}" bị trùng', out), out
    assert re.search(r'mã link ngắn "mkt" đã dùng', out), out


def test_duplicate_code(repo):
    r = run_sotay("guide", "--category", "dich-vu-cong", "--id", "mau-thu-hai",
               "--title", "Mẫu thứ hai", "--code", "mk2", cwd=repo)
    assert r.returncode == 0, output(r)
    rel = "guides/dich-vu-cong/mau-thu-hai/index.md"
    line = replace(repo, "code: mk2", "code: mkt", rel)
    assert_refused(repo, rel, None, '"mkt"')
    del line


def test_draft_code_stays_pending_until_published(repo):
    """`make guide` does not reserve the code: a draft can be renamed or dropped; publishing records it."""
    r = run_sotay("guide", "--category", CAT, "--id", "ban-nhap", "--title", "Bản nháp", "--code", "nhap", cwd=repo)
    assert r.returncode == 0, output(r)
    reg = repo / "shortlinks.yml"
    assert "nhap" not in reg.read_text(encoding="utf-8")
    draft = repo / f"guides/{CAT}/ban-nhap"
    fill_template(draft)
    draft.rename(repo / f"guides/{CAT}/ban-nhap-moi")              # renamed before publishing: fine
    assert check(repo).returncode == 0, output(check(repo))
    shutil.rmtree(repo / f"guides/{CAT}/ban-nhap-moi")              # dropped before publishing: fine
    assert check(repo).returncode == 0
    r = run_sotay("guide", "--category", CAT, "--id", "ban-nhap", "--title", "Bản nháp", "--code", "nhap", cwd=repo)
    fill_template(draft)
    assert run_sotay("shortlinks", cwd=repo).returncode == 0         # published: now permanent
    assert "nhap: ban-nhap" in reg.read_text(encoding="utf-8")
    shutil.rmtree(draft)
    assert_refused(repo, "shortlinks.yml", None, '"nhap".*"ban-nhap"')


def test_untouched_template_fails_naming_each_sample_text(repo):
    r = run_sotay("guide", "--category", CAT, "--id", "chua-viet", "--title", "Chưa viết", "--code", "cv", cwd=repo)
    assert r.returncode == 0, output(r)
    rel = f"guides/{CAT}/chua-viet"
    out = assert_refused(repo, f"{rel}/index.md")
    for n, line in enumerate((repo / rel / "index.md").read_text(encoding="utf-8").splitlines(), 1):
        for sample in ("Việc cần làm ở bước", "Tên trang chính thức", "Lỗi thường gặp:** cách khắc phục",
                       "Một câu: sau khi làm theo", "Ai cần hướng dẫn này", "Màn hình ở bước"):
            if sample in line:
                assert re.search(rf"{rel}/index.md:{n}: còn chữ mẫu «[^»]*{re.escape(sample)}", out), (sample, out)
    assert f"{rel}/images.yml:" in out and "«app: Tên ứng dụng»" in out
    fill_template(repo / rel)
    assert check(repo).returncode == 0, output(check(repo))


def test_removed_guide_breaks_published_code(repo):
    shutil.rmtree(repo / f"guides/{CAT}/{GID}")
    assert_refused(repo, "shortlinks.yml", None, f'"mkt".*"{GID}"')


def test_renamed_guide_needs_redirect(repo):
    (repo / f"guides/{CAT}/{GID}").rename(repo / f"guides/{CAT}/mau-moi")
    out = assert_refused(repo, "shortlinks.yml", None, "redirects")
    assert "mau-moi" in out
    reg = repo / "shortlinks.yml"
    reg.write_text(reg.read_text(encoding="utf-8").replace("redirects: {}", f"redirects:\n  {GID}: mau-moi"),
                   encoding="utf-8")
    r = check(repo)
    assert r.returncode == 0, output(r)


# --- the build refuses the same problems -------------------------------------------------------------

def test_build_refuses_unsafe_guide(repo, tmp_path):
    line = insert(repo, "## Bước 2:", '[Kích hoạt](https://vneid-gov.com/)\n\n<IFRAME src="x"></IFRAME>')
    r = run_py("-m", "mkdocs", "build", "--strict", "--site-dir", tmp_path / "out", cwd=repo, timeout=300)
    out = output(r)
    assert r.returncode != 0, out
    assert f"{REL}:{line}:" in out and "vneid-gov.com" in out
    assert "<IFRAME" in out
    assert not (tmp_path / "out" / "huong-dan" / GID / "index.html").exists()


# --- the real repository --------------------------------------------------------------------------------

@pytest.mark.slow
def test_real_repo_passes_quickly():
    """The real guides pass. "Quickly" is CPU time in this process, not wall time (a busy machine must
    not fail it): a generous bound that only a pathological slowdown (a backtracking pattern, a check
    run once per line) would cross. `make bench-build` reports the real figures."""
    import time
    r = run_sotay("check", timeout=120)
    assert r.returncode == 0, output(r)
    from sotay.checks import run_checks
    start = time.process_time()
    catalog, problems = run_checks(ROOT)
    took = time.process_time() - start
    assert not problems and len(catalog.guides) >= 33
    assert took < 20, f"make check used {took:.1f} s of CPU"


def test_allowlist_matches_on_dot_boundaries():
    from sotay.checks import domain_allowed, load_allowlists
    allow, problems = load_allowlists(ROOT)
    assert not problems
    assert domain_allowed("dichvucong.gov.vn", allow.domains)
    assert domain_allowed("gov.vn", allow.domains)
    for bad in ("vneid-gov.com", "gov.vn.evil.com", "dichvucong-gov.vn", "evilgov.vn", "gov.vn-x.com"):
        assert not domain_allowed(bad, allow.domains), bad


def test_front_matter_text_is_checked_like_the_body(repo):
    """title, summary, audience, needs are shown on pages (as Markdown): same HTML and link rules."""
    line = replace(repo, 'audience: "', 'audience: "<img src=x onerror=alert(1)> ')
    assert_refused(repo, REL, line, "<img|onerror")
    replace(repo, '<img src=x onerror=alert(1)> ', "")
    line = replace(repo, 'summary: "', 'summary: "Vào [trang này](https://vneid-gov.com/) hoặc vneid-gov.net. ')
    out = assert_refused(repo, REL, line, "vneid-gov")
    assert "vneid-gov.net" in out
    # "sources" may name any site (shown as plain text); "review" is a note for editors
    replace(repo, 'Vào [trang này](https://vneid-gov.com/) hoặc vneid-gov.net. ', "")
    replace(repo, "review:\n", "review:\n  - Đường đi chỉ thấy trên trang không chính thức huongdancongdong.com.\n")
    replace(repo, "sources:\n", "sources:\n  - id: bao\n    title: Bài báo trên vnexpress.net\n    url: https://vnexpress.net/bai-bao\n"
                                 "    checked: 2026-11\n")
    replace(repo, "bạn làm xong việc mẫu.[^nguon-chinh]", "bạn làm xong việc mẫu.[^nguon-chinh][^bao]")
    r = check(repo)
    assert r.returncode == 0, output(r)


def test_addresses_drawn_in_mock_screens(repo):
    """images.yml text becomes part of an image residents read: same address rules as the text."""
    yml = f"guides/{CAT}/{GID}/images.yml"
    line = replace(repo, 'text: "Chọn việc cần làm"', 'text: "Cài lại ứng dụng tại vneid-gov.com"', yml)
    assert_refused(repo, yml, line, "vneid-gov.com")
    replace(repo, "vneid-gov.com", "http://vneid-•••.xyz", yml)   # masked scam example: fine
    out = output(check(repo))      # (the image itself is now out of date: that is reported, nothing else)
    assert "vneid-" not in out and "tên miền" not in out and "bất thường" not in out, out


def test_commune_hotline_is_allowed(repo):
    line = insert(repo, "## Bước 2:", "Gọi tổ công nghệ số: 0912 345 678.[^nguon-chinh]")
    assert_refused(repo, REL, line, "số điện thoại")
    cfg = repo / "config/site.yml"
    text = cfg.read_text(encoding="utf-8")
    assert re.search(r'^  hotline: .*$', text, re.M)
    cfg.write_text(re.sub(r'^  hotline: .*$', '  hotline: "0912 345 678"', text, flags=re.M), encoding="utf-8")
    r = check(repo)
    assert r.returncode == 0, output(r)


def test_bom_and_decomposed_text_are_named_and_fixed_by_make_fix_unicode(repo):
    import unicodedata
    path = repo / REL
    lines = path.read_text(encoding="utf-8").split("\n")
    n = next(i for i, ln in enumerate(lines, 1) if ln.startswith("## Bước 2:"))
    lines[n - 1] = unicodedata.normalize("NFD", lines[n - 1])          # typed with a decomposing keyboard
    path.write_text("\ufeff" + "\n".join(lines), encoding="utf-8")     # saved with a byte-order mark
    out = assert_refused(repo, REL, 1, r"BOM.*make fix-unicode")
    assert re.search(rf"{REL}:{n}: chữ tiếng Việt chưa ở dạng chuẩn NFC.*`make fix-unicode`", out), out
    assert "thiếu phần đầu" not in out
    r = run_sotay("fix-unicode", cwd=repo)
    assert r.returncode == 0 and f"Đã sửa {REL}: bỏ ký tự BOM ở đầu tệp, chuẩn hóa chữ có dấu về dạng NFC (1 dòng)." in r.stdout, output(r)
    assert check(repo).returncode == 0, output(check(repo))
    assert "Không có tệp nào cần sửa." in run_sotay("fix-unicode", cwd=repo).stdout


@pytest.mark.parametrize("old, new, words", [
    ('summary: "Làm xong việc mẫu ngay trên điện thoại."', "summary: Bước cuối: làm xong việc mẫu.",
     r'có dấu hai chấm ":" không đúng chỗ'),                                            # a colon in a value
    ("time: 10", 'time: "10', r"dấu ngoặc kép mở ra mà chưa đóng"),                    # a quote never closed
    ("time: 10", "time: [10", r"danh sách trong ngoặc vuông \[ \] thiếu dấu phẩy hoặc chưa đóng"),
])
def test_yaml_errors_are_vietnamese_at_the_right_line(repo, old, new, words):
    line = replace(repo, old, new)
    out = assert_refused(repo, REL, line, "phần đầu không đúng cú pháp YAML: " + words)
    assert "mapping values" not in out and "found" not in out and "expected" not in out

# --- the registry: every kind in one run, ONLY=<id> for one kind -----------------------------------------

def test_every_kind_reported_in_one_run_with_its_id(repo):
    """Problems of different kinds (structure, html, links, personal data) come in one run, each tagged."""
    l1 = insert(repo, "## Bước 1:", "<script>alert(1)</script>")
    l2 = insert(repo, "## Bước 3:", "Gọi 0912 345 678 hoặc vào [đây](https://vneid-gov.com/).")
    replace(repo, "## Bước 2:", "## Bước 5:")
    out = assert_refused(repo)
    for where, tag in ((f"{REL}:{l1}:", "[html]"), (f"{REL}:{l2}:", "[personal-data]"),
                       (f"{REL}:{l2}:", "[links]"), (REL, "[structure]")):
        assert any(where in ln and ln.rstrip().endswith(tag) for ln in out.splitlines()), (where, tag, out)


def test_only_runs_one_kind(repo):
    insert(repo, "## Bước 1:", "<script>alert(1)</script>")
    line = insert(repo, "## Bước 3:", "Gọi 0912 345 678.")
    from sotay.checks import run_checks
    _, problems = run_checks(repo, "personal-data")
    assert problems and {p.check for p in problems} == {"personal-data"}
    assert any(p.line == line for p in problems)
    _, problems = run_checks(repo, "structure")
    assert problems == []
    r = check_subprocess_only(repo, "linx")
    assert r.returncode == 1 and 'có phải "links"' in output(r), output(r)


def check_subprocess_only(repo: Path, only: str) -> subprocess.CompletedProcess:
    return run_sotay("check", "--only", only, cwd=repo, timeout=60)


def test_the_checks_converter_carries_nothing_from_one_guide_to_the_next(catalog):
    """The checks reuse one Markdown converter per process: each guide converts as it would alone
    (footnote numbers, heading ids, stashed HTML), whatever was converted before it."""
    import markdown
    from sotay.checks import base
    exts, configs = base._markdown_setup(str(ROOT))
    texts = [g.path.read_text(encoding="utf-8").split("\n---", 1)[-1] for g in catalog.guides[:6]]
    texts.append("Một ý[^1] và <div markdown>**đậm**</div>\n\n## Bước 1: Mở\n\n[^1]: Nguồn.\n")
    for text in texts + texts[::-1]:
        alone = markdown.Markdown(extensions=exts, extension_configs=configs).convert(text)
        assert base.render(ROOT, text) == alone
