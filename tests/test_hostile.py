"""Hostile pull requests (issue 16): one attempt per class that once got through, each refused by
`make check` naming the file (and line), or built harmlessly — checked in Chromium: no script ran,
no request left the site.

Every case starts from a clean copy of the repository holding one guide made by `make guide`,
injects one hostile change, and runs `sotay check` (its main()) on the copy."""
from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from helpers import ROOT, SCAFFOLD_GUIDE, insert_after, replace_once, run_py, run_sotay

CAT, GID = SCAFFOLD_GUIDE[:2]
REL = f"guides/{CAT}/{GID}/index.md"
DIR = f"guides/{CAT}/{GID}"
SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'


def check(repo: Path) -> tuple[int, str]:
    from sotay.commands import check as check_command
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = check_command.main([str(repo)])
    return code, out.getvalue() + err.getvalue()


@pytest.fixture(scope="module")
def clean_repo(scaffolded_repo, tmp_path_factory) -> Path:
    dst = tmp_path_factory.mktemp("hostile") / "repo"
    shutil.copytree(scaffolded_repo, dst)
    code, out = check(dst)
    assert code == 0, "the clean copy must pass:\n" + out
    return dst


@pytest.fixture
def repo(clean_repo, tmp_path) -> Path:
    dst = tmp_path / "repo"
    shutil.copytree(clean_repo, dst)
    return dst


def insert(repo: Path, after_heading: str, text: str, rel: str = REL) -> int:
    return insert_after(repo / rel, after_heading, text)


def replace(repo: Path, old: str, new: str, rel: str = REL) -> int:
    return replace_once(repo / rel, old, new)


def refused(repo: Path, where: str, words: str) -> str:
    """make check fails, with a line naming `where` (file or file:line) and matching `words`."""
    code, out = check(repo)
    assert code == 1, out
    hit = [ln for ln in out.splitlines() if where in ln]
    assert hit, f"expected {where!r} in:\n{out}"
    assert any(re.search(words, ln, re.I) for ln in hit), f"expected /{words}/ on {where}:\n{out}"
    return out


# --- SVG committed beside a guide ------------------------------------------------------------------

SVG_CASES = {
    "prefixed-script": ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg">'
                        "<s:script>alert(1)</s:script></svg>", "script"),
    "smil-set-href": (SVG_HEAD + '<set attributeName="href" to="javascript&#x3a;alert(1)"/></svg>', "set"),
    "smil-animate": (SVG_HEAD + '<animate attributeName="onbegin" values="alert(1)"/></svg>', "animate"),
    "css-escaped-import": (SVG_HEAD + "<style>@\\69mport url(//evil.example/x.css);</style></svg>", "style"),
    "css-url-escape": (SVG_HEAD + "<style>text{fill:u\\72l(https://evil.example/a)}</style></svg>", "style"),
    "fill-url": (SVG_HEAD + '<rect width="5" height="5" fill="url(https://evil.example/p#a)"/></svg>', "fill"),
    "foreign-object": (SVG_HEAD + "<foreignObject><p>x</p></foreignObject></svg>", "foreignObject"),
    "event-attribute": (SVG_HEAD + '<rect width="5" height="5" onmouseover="alert(1)"/></svg>', "onmouseover"),
    "xlink-image": ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                    '<image xlink:href="https://evil.example/a.png"/></svg>', "image"),
    "entity-doctype": ('<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;">]>' + SVG_HEAD + "&x;</svg>", "DOCTYPE"),
}


@pytest.mark.parametrize("name", sorted(SVG_CASES))
def test_hostile_svg_is_refused(repo, name):
    text, words = SVG_CASES[name]
    (repo / DIR / "buoc-1.svg").write_text(text, encoding="utf-8")
    refused(repo, f"{DIR}/buoc-1.svg", words)


def test_svg_not_used_by_any_guide_is_checked_too(repo):
    (repo / DIR / "thua.svg").write_text(SVG_HEAD + "<script>alert(1)</script></svg>", encoding="utf-8")
    refused(repo, f"{DIR}/thua.svg", "script")


# --- front matter fields that reach HTML -----------------------------------------------------------------

def test_code_span_in_title(repo):
    line = replace(repo, 'title: "Hướng dẫn mẫu để thử tấn công"',
                   'title: "`<img src=x onerror=alert(1)>` Hướng dẫn"')
    refused(repo, f"{REL}:{line}:", "title.*ký tự")


@pytest.mark.parametrize("title", ["<b onmouseover=alert(1)>Bộ Công an</b>", "Xem [tại đây](javascript:alert(1))",
                                   "`<svg onload=alert(1)>`"])
def test_source_title_with_markup(repo, title):
    text = (repo / REL).read_text(encoding="utf-8")
    old = re.search(r"^(?:  - |    )title: .*", text, re.M).group(0)
    line = replace(repo, old, old.split("title:")[0] + f"title: '{title}'")
    out = check(repo)[1]
    if re.search(r"[<>`]", title):
        refused(repo, f"{REL}:{line}:", "sources.*title|ký tự")
    else:                                   # no markup characters: shown as text, not as a link
        from sotay.checks.base import render
        from sotay.content.facts import source_note
        html = render(ROOT, source_note({"title": title, "url": "https://www.gov.vn/", "checked": "2026-11"}))
        assert "<a" not in html and "javascript" in html, (html, out)


@pytest.mark.parametrize("url, words", [
    ("http://dichvucong-gov.vn/", "dichvucong-gov.vn"),
    ("https://vneid.gov.vn.evil.example/", "evil"),
    ("https://evil.example@dichvucong.gov.vn/", "https://"),
    ("javascript:alert(1)", "https://"),
    ("https://www.facebook.com/trang-gia-mao", "facebook"),
])
def test_source_url_held_to_allowed_domains(repo, url, words):
    text = (repo / REL).read_text(encoding="utf-8")
    old = re.search(r"    url: .*", text).group(0)
    line = replace(repo, old, f"    url: '{url}'")
    refused(repo, f"{REL}:{line}:" if url.startswith("http") else f"{REL}:", words)   # (catalog: the key's line)


def test_press_source_is_allowed_for_sources_only(repo):
    text = (repo / REL).read_text(encoding="utf-8")
    old = re.search(r"    url: .*", text).group(0)
    replace(repo, old, "    url: https://vnexpress.net/bai-bao-1234.html")
    assert check(repo)[0] == 0, check(repo)[1]
    line = insert(repo, "## Bước 2:", "Đọc thêm ở [bài báo](https://vnexpress.net/bai-bao-1234.html).")
    refused(repo, f"{REL}:{line}:", "vnexpress")


# --- inline HTML through escaped backticks -----------------------------------------------------------------

def test_escaped_backticks_do_not_hide_html(repo):
    line = insert(repo, "## Bước 2:", "Xem \\`<svg><set attributeName=onmouseover to=alert(1) /></svg>\\` nhé.")
    refused(repo, f"{REL}:{line}:", "svg|set")


# --- config values printed into every page ----------------------------------------------------------------

@pytest.mark.parametrize("key, value, words", [
    ("desk_hours", "<script>alert(1)</script>", "desk_hours"),
    ("hotline", '0912" onclick="alert(1)', "hotline"),
    ("address", "Trụ sở `<img src=x onerror=alert(1)>`", "address"),
])
def test_commune_config_values(repo, key, value, words):
    cfg = repo / "config/site.yml"
    text = cfg.read_text(encoding="utf-8")
    text, n = re.subn(rf"^  {key}: .*$", f"  {key}: '{value}'", text, flags=re.M)
    assert n == 1
    cfg.write_text(text, encoding="utf-8")
    refused(repo, "config/site.yml:", words)


def test_site_url_must_be_a_plain_https_address(repo):
    cfg = repo / "config/site.yml"
    text = cfg.read_text(encoding="utf-8")
    cfg.write_text(re.sub(r"^site_url: .*$", "site_url: 'https://x.example/\" onload=\"alert(1)'", text, flags=re.M),
                   encoding="utf-8")
    refused(repo, "config/site.yml", "site_url")


def test_config_values_are_escaped_on_the_way_in():
    from sotay.content.schema import escape_config
    assert escape_config({"hours": '<b>7 giờ</b> & "chiều"'}) == {"hours": "&lt;b&gt;7 giờ&lt;/b&gt; &amp; &quot;chiều&quot;"}


# --- printed QR codes -----------------------------------------------------------------------------------------

def test_duplicate_key_in_shortlinks(repo):
    reg = repo / "shortlinks.yml"
    reg.write_text("codes:\n  mtc: mau-tan-cong\n  mtc: trang-khac\nredirects: {}\n", encoding="utf-8")
    out = refused(repo, "shortlinks.yml:3:", "mtc.*hai lần")
    assert "chọn mã khác" not in out


def test_duplicate_key_in_front_matter(repo):
    line = replace(repo, "time: 10", "time: 10\ntime: 5")
    refused(repo, f"{REL}:{line + 1}:", "time.*hai lần")


def _git(repo: Path, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def test_published_code_never_changes(repo):
    reg = repo / "shortlinks.yml"
    reg.write_text("codes:\n  mtc: mau-tan-cong\nredirects: {}\n", encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "published")
    _git(repo, "checkout", "-qb", "pr")
    # a second guide takes over the printed code
    r = run_sotay("guide", "--category", "dich-vu-cong", "--id", "trang-khac",
               "--title", "Trang khác", "--code", "tk2", cwd=repo)
    assert r.returncode == 0, r.stdout + r.stderr
    reg.write_text("codes:\n  mtc: trang-khac\n  tk2: trang-khac\nredirects: {}\n", encoding="utf-8")
    out = refused(repo, "shortlinks.yml", 'mtc: mau-tan-cong.*không bao giờ')
    assert "chọn mã khác cho hướng dẫn này" not in out
    # removing it is refused the same way
    reg.write_text("codes:\n  tk2: trang-khac\nredirects: {}\n", encoding="utf-8")
    refused(repo, "shortlinks.yml", "bị xóa")


def test_code_clash_message_points_at_the_newcomer(repo):
    (repo / "shortlinks.yml").write_text("codes:\n  mtc: mau-tan-cong\nredirects: {}\n", encoding="utf-8")
    r = run_sotay("guide", "--category", "dich-vu-cong", "--id", "ke-moi",
               "--title", "Kẻ mới", "--code", "km1", cwd=repo)
    assert r.returncode == 0, r.stdout + r.stderr
    new = "guides/dich-vu-cong/ke-moi/index.md"
    replace(repo, "code: km1", "code: mtc", new)
    out = refused(repo, new, '"mtc"')
    assert not [ln for ln in out.splitlines() if REL in ln and "mtc" in ln], out


# --- text that fools the domain checks ---------------------------------------------------------------------------

TEXT_CASES = {
    "zero-width-in-domain": ("Vào vneid.gov.vn\u200b.evil.quest để kích hoạt.", "U\\+200B"),
    "rtl-override": ("Vào trang \u202emoc.live-dienv\u202c để kích hoạt.", "U\\+202E"),
    "full-width-dots": ("Vào vneid-gov\uff0ecom để kích hoạt.", "vneid-gov\\.com"),
    "ideographic-dot-link": ("[VNeID](https://vneid-gov\u3002com/)", "vneid-gov\\.com"),
    "any-tld": ("Vào vneid-gov.quest để kích hoạt.", "vneid-gov\\.quest"),
    "idn-tld": ("Vào vneid.xn--p1ai để kích hoạt.", "xn--p1ai"),
    "zalo-phone": ("[Nhắn cán bộ](https://zalo.me/0912345678)", "số điện thoại"),
    "zalo-phone-bare": ("Nhắn qua zalo.me/84912345678 nhé.", "zalo.me|số điện thoại"),
    "facebook-page": ("[Trang hỗ trợ VNeID](https://www.facebook.com/vneid.hotro.247)", "mạng xã hội|facebook"),
    "tiktok-profile": ("Xem https://www.tiktok.com/@vneid.hotro để biết thêm.", "mạng xã hội|tiktok"),
    "soft-hyphen": ("Vào vneid\u00ad-gov.com ngay.", "U\\+00AD"),
}


@pytest.mark.parametrize("name", sorted(TEXT_CASES))
def test_text_that_fools_domain_checks(repo, name):
    text, words = TEXT_CASES[name]
    line = insert(repo, "## Bước 2:", text)
    refused(repo, f"{REL}:{line}:", words)


def test_listed_official_social_page_is_allowed(repo):
    insert(repo, "## Bước 2:", "Xem [trợ giúp Zalo](https://help.zalo.me/tinh-nang-co-ban/) hoặc help.zalo.me.")
    code, out = check(repo)
    assert code == 0, out


def test_invisible_character_in_config(repo):
    cfg = repo / "config/allowed-domains.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("  - gov.vn ", "  - gov.vn\u200b ", 1), encoding="utf-8")
    refused(repo, "config/allowed-domains.yml:", "U\\+200B")


# --- hidden sections -------------------------------------------------------------------------------------------

def test_comment_hiding_safety_section(repo):
    path = repo / REL
    text = path.read_text(encoding="utf-8")
    start = text.index("## Lưu ý an toàn")
    line = text[:start].count("\n") + 1
    path.write_text(text[:start] + "<!--\n" + text[start:] + "\n-->\n", encoding="utf-8")
    out = refused(repo, f"{REL}:{line + 1}:", "không hiện trên trang")
    assert "ghi chú ẩn" in out


# --- crashes, hangs, half output ---------------------------------------------------------------------------------

@pytest.mark.parametrize("line_text", ["`" * 60000 + "a", "<a" * 40000, "## " + " " * 50000 + "x",
                                       "a." * 40000 + "vn", "[" * 30000 + "](" * 30000])
def test_pathological_long_line_is_refused_fast(repo, line_text):
    line = insert(repo, "## Bước 2:", line_text)
    t = time.process_time()
    refused(repo, f"{REL}:{line}:", "dòng dài")
    assert time.process_time() - t < 5


def test_one_megabyte_guide_is_refused_fast(repo):
    body = "\n".join(f"Đoạn {i}: chạm nút Tiếp tục rồi đợi màn hình tiếp theo hiện ra." for i in range(16000))
    insert(repo, "## Bước 2:", body)
    assert (repo / REL).stat().st_size > 1_000_000
    t = time.process_time()
    refused(repo, REL, "KB")
    assert time.process_time() - t < 5


def test_large_but_allowed_guide_is_checked_fast(repo):
    body = "\n\n".join(f"Đoạn {i}: chạm nút **Tiếp tục** rồi đợi màn hình `Xác nhận` hiện ra ở vneid.gov.vn."
                       for i in range(2500))
    insert(repo, "## Bước 2:", body)
    assert 250_000 < (repo / REL).stat().st_size < 300_000
    t = time.process_time()
    code, out = check(repo)
    took = time.process_time() - t
    assert code == 0, out[:2000]
    assert took < 5, took


def _png_header_only(w: int, h: int) -> bytes:
    """A PNG whose header claims w×h pixels (a "decompression bomb" needs no more to be refused)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("w, h, words", [(20000, 20000, "khổng lồ"), (5000, 300, "5000×300")])
def test_huge_image_is_refused_by_name(repo, w, h, words):
    (repo / DIR / "bom.png").write_bytes(_png_header_only(w, h))
    refused(repo, f"{DIR}/bom.png", words)


def test_unbreakable_title_fails_check_not_the_build(repo):
    line = replace(repo, 'title: "Hướng dẫn mẫu để thử tấn công"', 'title: "' + "W" * 90 + '"')
    refused(repo, f"{REL}:{line}:", "poster|QR")


@pytest.mark.parametrize("out", ["/proc/khong-co/poster", "{file}/con"])
def test_posters_out_to_a_bad_path_is_one_vietnamese_line(tmp_path, out):
    f = tmp_path / "mot-tep"
    f.write_text("x")
    r = run_sotay("posters", "--sample", "--guide", "vneid-kich-hoat", "--out", out.format(file=f), timeout=300)
    err = (r.stdout + r.stderr).strip()
    assert r.returncode == 1, err
    assert "Traceback" not in err and len(err.splitlines()) == 1 and "không ghi được" in err, err


# --- atomic output -------------------------------------------------------------------------------------------

def test_interrupted_build_leaves_the_last_site_whole(clean_repo, tmp_path):
    import signal
    import sys
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("bản cũ", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(clean_repo / "scripts"))
    p = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(out)], cwd=clean_repo,
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 240
    building = []
    while time.monotonic() < deadline and p.poll() is None:
        building = [d for d in tmp_path.glob(".site-building-*") if any(d.rglob("*.html"))]
        if building:
            break
        time.sleep(0.2)
    assert building and p.poll() is None, "the build never started writing (or finished too soon)"
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert sorted(x.name for x in out.iterdir()) == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "bản cũ"


# --- what passes is harmless: built and opened in Chromium ------------------------------------------------------

def test_allowed_but_tricky_content_builds_harmless(clean_repo, tmp_path, browser):
    """Quotes, ampersands and Markdown look-alikes pass the checks; in the built page they stay text:
    no attribute breaks out (no redirect), no script runs, no request leaves the site."""
    import functools
    import http.server
    import threading
    repo = tmp_path / "repo"
    shutil.copytree(clean_repo, repo)
    replace(repo, 'summary: "', 'summary: "0;url=https://evil.example/\\" http-equiv=\\"refresh ')
    text = (repo / REL).read_text(encoding="utf-8")
    old = re.search(r"^(?:  - |    )title: .*", text, re.M).group(0)
    replace(repo, old, old.split("title:")[0] + "title: 'Bấm [vào đây](https://evil.example/x) & \"trang\" *đậm*'")
    cfg = repo / "config/site.yml"
    cfg.write_text(re.sub(r"^  desk_hours: .*$", "  desk_hours: 'Sáng 7 giờ & chiều \"13 giờ\" (alert(1))'",
                          cfg.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    code, out = check(repo)
    assert code == 0, out
    site = tmp_path / "site"
    r = run_py("-m", "mkdocs", "build", "-q", "--site-dir", site, cwd=repo, timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_address[1]}/"
    ctx = browser.new_context(service_workers="block")
    page = ctx.new_page()
    requests, dialogs = [], []
    page.on("request", lambda req: requests.append(req.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        url = f"{base}huong-dan/{GID}/"
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(1500)
        assert page.url == url                                   # no meta refresh slipped in
        assert page.locator('meta[http-equiv]').count() == 0
        assert not dialogs
        outside = [u for u in requests if not u.startswith(base) and not u.startswith("data:")]
        assert outside == [], outside
        sources = page.locator(".md-content .footnote").text_content()      # folded: not rendered until opened
        assert '[vào đây](https://evil.example/x) & "trang" *đậm*' in sources, sources
        assert page.locator('a[href*="evil.example"]').count() == 0
        assert page.locator(".md-content").text_content().count("evil.example") >= 1
    finally:
        ctx.close()
        srv.shutdown()


# --- the service worker --------------------------------------------------------------------------------------------

def _hashed_pattern():
    from sotay.web.page_assets import cache_first_pattern
    return cache_first_pattern((ROOT / "docs" / "sw.js").read_text(encoding="utf-8"))


def test_cache_name_is_tied_to_the_build(site_dir, tmp_path):
    from sotay.web.page_assets import stamp_service_worker
    sw = (site_dir / "sw.js").read_text(encoding="utf-8")
    name = re.search(r"sotay-static-([0-9a-f]{12})", sw)
    assert name and "__SOTAY_BUILD__" not in sw
    hashed = _hashed_pattern()
    files = [p for p in site_dir.rglob("*") if p.is_file() and hashed.search("/" + p.relative_to(site_dir).as_posix())]
    assert len(files) >= 3                              # Material's bundles, our engine, the search index
    copy = tmp_path / "s"                               # the same files give the same name; a changed one, another
    for p in files + [site_dir / "sw.js"]:
        (copy / p.relative_to(site_dir)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(p, copy / p.relative_to(site_dir))
    (copy / "sw.js").write_text((ROOT / "docs" / "sw.js").read_text(encoding="utf-8"), encoding="utf-8")
    assert stamp_service_worker(copy) == name.group(1)
    (copy / "sw.js").write_text((ROOT / "docs" / "sw.js").read_text(encoding="utf-8"), encoding="utf-8")
    (copy / files[0].relative_to(site_dir)).write_bytes(files[0].read_bytes() + b"\n")
    assert stamp_service_worker(copy) != name.group(1)


def test_worker_stores_only_hashed_files_cache_first(site_url, site_dir, browser):
    """Through the worker, fetch pages, own assets, images, the search index and look-alike hashed paths;
    the cache-first cache then holds only real hashed files (nothing else is ever served cache-first)."""
    hashed = _hashed_pattern()
    real_hashed = sorted("/" + p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*")
                         if p.is_file() and hashed.search("/" + p.relative_to(site_dir).as_posix()))
    ctx = browser.new_context()
    page = ctx.new_page()
    try:
        page.goto(site_url, wait_until="networkidle")
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=20000)
        guide = next(p for p in (site_dir / "huong-dan").iterdir() if p.is_dir())
        img = next(guide.glob("*.svg"))
        paths = [f"huong-dan/{guide.name}/", f"huong-dan/{guide.name}/{img.name}", "assets/javascripts/sotay.js",
                 "search/search_index.json", "catalog.json", "assets/x.0123abcd.min.js",
                 f"huong-dan/{guide.name}/?v=.0123abcd.min.js", real_hashed[0].lstrip("/"),
                 real_hashed[-1].lstrip("/")]
        page.evaluate("async (urls) => { for (const u of urls) { try { await fetch(u); } catch (e) {} } }",
                      [site_url + p for p in paths])
        page.wait_for_timeout(1500)
        caches = page.evaluate("""async () => { const out = {};
            for (const k of await caches.keys()) {
              out[k] = (await (await caches.open(k)).keys()).map(r => new URL(r.url).pathname); }
            return out; }""")
    finally:
        ctx.close()
    static = [k for k in caches if k.startswith("sotay-static-")]
    assert len(static) == 1, caches
    assert caches[static[0]], caches
    for path in caches[static[0]]:
        assert hashed.search(path) and path in real_hashed, path
    # (the pages cache may hold copies the page saved for offline reading: it is only read network-first)


def test_category_title_is_plain_text(repo):
    cats = repo / "guides/categories.yml"
    text = cats.read_text(encoding="utf-8")
    cats.write_text(text.replace("  title: Định danh điện tử VNeID", "  title: 'VNeID <img src=x onerror=alert(1)>'", 1),
                    encoding="utf-8")
    refused(repo, "guides/categories.yml:", "title.*ký tự")
