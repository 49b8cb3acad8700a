"""Issue 2: the catalog feeds the site; catalog.json, short links, Vietnamese anchors and UI, no external requests."""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT, page_soup, run_py, run_sotay
from sotay.content.vietnamese import fold, slugify


def soup(path: Path) -> BeautifulSoup:
    return page_soup(path.read_text(encoding="utf-8"))


def test_slugify_keeps_vietnamese_letters():
    assert slugify("Bước 2: Đăng nhập") == "buoc-2-dang-nhap"
    assert slugify("Nếu gặp lỗi") == "neu-gap-loi"
    assert slugify("Lưu ý an toàn") == "luu-y-an-toan"
    assert fold("Điện thoại ĐƯỜNG") == "Dien thoai DUONG"


def test_every_guide_has_a_page_with_title_and_info_box(site_dir, catalog):
    assert catalog.guides, "no guides in the catalog"
    for g in catalog.guides:
        page = site_dir / g.url_path / "index.html"
        assert page.exists(), f"missing page for {g.id}"
        s = soup(page)
        assert s.html["lang"] == "vi"
        assert s.find("h1").get_text(strip=True).startswith(g.title)
        info = s.select_one(".sotay-info")
        assert info is not None, f"{g.id}: no info box"
        text = info.get_text(" ", strip=True)
        assert f"{g.time} phút" in text
        assert g.updated.strftime("%d/%m/%Y") in text
        for need in g.needs:
            assert need in text
        assert s.select_one(".sotay-help"), f"{g.id}: no 'Cần giúp đỡ?' box"
        edit = s.select_one('a[href*="/edit/"]')
        assert edit and edit["href"].endswith(g.path.relative_to(ROOT).as_posix()), f"{g.id}: edit link"
        desc = s.find("meta", attrs={"name": "description"})
        assert desc and desc["content"] == g.summary


def test_category_pages_list_their_guides(site_dir, catalog):
    for cat in catalog.categories.values():
        page = site_dir / cat.url_path / "index.html"
        assert page.exists(), cat.key
        s = soup(page)
        links = {urljoin("https://x/" + cat.url_path, a["href"]) for a in s.select("article a[href]")}
        for g in catalog.in_category(cat.key):
            assert f"https://x/{g.url_path}" in links, f"{cat.key} does not link {g.id}"


def test_home_page_shows_category_tiles(site_dir, catalog):
    s = soup(site_dir / "index.html")
    tiles = s.select(".sotay-tiles a")
    assert len(tiles) == len(catalog.categories)
    assert s.select_one("input.md-search__input") is not None, "no search box on the home page"


def test_catalog_json_is_complete(site_dir, catalog):
    data = json.loads((site_dir / "catalog.json").read_text(encoding="utf-8"))
    assert data["site_url"] == catalog.config.site_url
    ids = [g["id"] for g in data["guides"]]
    assert ids == [g.id for g in catalog.guides]
    for rec in data["guides"]:
        for key in ("id", "title", "summary", "category", "url", "short_url", "updated", "poster"):
            assert rec[key], (rec["id"], key)
        for key in ("url", "short_url", "poster"):
            assert rec[key].startswith(catalog.config.site_url), (rec["id"], key)
        local = site_dir / urlparse(rec["url"]).path.lstrip("/") / "index.html"
        assert local.exists(), rec["url"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec["updated"])


def test_every_short_link_leads_to_its_guide(site_dir, catalog):
    assert set(catalog.shortlinks) >= {g.code for g in catalog.guides}
    for code, gid in catalog.shortlinks.items():
        page = site_dir / "q" / code / "index.html"
        assert page.exists(), code
        refresh = soup(page).find("meta", attrs={"http-equiv": "refresh"})["content"]
        target = refresh.split("url=", 1)[1]
        landed = (page.parent / target / "index.html").resolve()
        assert landed == (site_dir / "huong-dan" / gid / "index.html").resolve(), code


def test_short_link_redirects_in_a_browser(site_url, catalog, phone):
    g = catalog.guides[0]
    phone.goto(site_url + g.short_path)
    phone.wait_for_url(re.compile(re.escape(g.url_path) + "$"))
    assert phone.locator("h1").first.inner_text().startswith(g.title)


def test_anchors_keep_vietnamese_letters(site_dir, catalog):
    s = soup(site_dir / "index.html")
    assert s.find(id="chon-chu-de") is not None  # "Chọn chủ đề": "đ" kept as "d"
    checked = 0
    for g in catalog.guides:
        for h in soup(site_dir / g.url_path / "index.html").select("article h2[id], article h3[id]"):
            if not h.find("a", class_="headerlink"):
                continue  # not a Markdown heading (e.g. the help box)
            text = h.get_text("", strip=True).rstrip("¶")
            assert h["id"].startswith(slugify(text)), (g.id, text, h["id"])
            checked += "đ" in text.lower()
    assert checked, "no heading with đ found in the guides"


ENGLISH_UI = ["Skip to content", "Back to top", "Initializing search", "Type to start searching",
              "Table of contents", "Edit this page", "Go to repository", "Contributors", "Metadata"]


@pytest.mark.parametrize("which", ["home", "category", "guide"])
def test_page_is_vietnamese_and_makes_no_outside_request(site_url, site_dir, catalog, phone, which):
    g = catalog.guides[0]
    path = {"home": "", "category": catalog.categories[g.category].url_path, "guide": g.url_path}[which]
    phone.goto(site_url + path + "?q=tien", wait_until="networkidle")  # ?q= opens the search too
    phone.wait_for_selector("li.md-search-result__item", timeout=10000)
    outside = [u for u in phone.requests if not u.startswith((site_url, "data:", "blob:"))]
    assert outside == [], f"requests left the site: {outside}"
    html = phone.content()
    for s in ENGLISH_UI:
        assert s not in html, f"English UI string {s!r} on {which} page"
    assert phone.locator("html").get_attribute("lang") == "vi"


def test_no_external_assets_in_built_html(site_dir):
    """No page references fonts, scripts or styles from another host."""
    for page in site_dir.rglob("*.html"):
        s = soup(page)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for el in s.find_all(tag):
                url = el.get(attr) or ""
                if tag == "link" and (el.get("rel") or [""])[0] in ("canonical", "alternate", "prev", "next"):
                    continue
                assert not url.startswith(("http://", "https://", "//")), f"{page}: {tag} {url}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.build
def test_make_serve_answers_on_every_address(tmp_path):
    """`make serve HOST=0.0.0.0 PORT=…`: a phone on the same Wi-Fi can open the preview."""
    import signal
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sotay", "serve", "--host", "0.0.0.0", "--port", str(port),
                             "--no-build"], cwd=ROOT, env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline, body = time.time() + 240, ""
        while time.time() < deadline and not body:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode()
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("sotay serve exited: " + proc.stderr.read()[-2000:])
                time.sleep(0.5)
        assert "Sổ tay số" in body
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    assert f"Mở trên điện thoại cùng Wi-Fi: http://<địa chỉ IP của máy này>:{port}/" in out


def test_busy_port_is_one_vietnamese_line_before_any_build(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        start = time.monotonic()
        r = run_sotay("serve", "--port", str(port))
        took = time.monotonic() - start
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [
        f"Cổng {port} đang bận (có thể `make serve` khác vẫn đang chạy): dừng nó bằng Ctrl+C hoặc chọn cổng khác, "
        f"ví dụ `make serve PORT={port + 1}`."]
    assert r.stdout == "" and took < 30                        # refused before building anything


def test_catalog_errors_name_file_and_line(tmp_repo):
    guide = next((tmp_repo / "guides").glob("*/*/index.md"))
    text = guide.read_text(encoding="utf-8")
    guide.write_text(re.sub(r"^time: .*$", "time: mười phút", text, count=1, flags=re.M), encoding="utf-8")
    r = run_sotay("check", tmp_repo)
    assert r.returncode == 1
    line = next(i for i, text in enumerate(guide.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("time:"))
    assert f"{guide.relative_to(tmp_repo)}:{line}" in r.stderr
    assert "số phút" in r.stderr


def test_removed_guide_with_published_code_fails(tmp_repo):
    guide = next((tmp_repo / "guides").glob("*/*/index.md"))
    code = re.search(r"^code: (\S+)", guide.read_text(encoding="utf-8"), re.M).group(1)
    new_dir = guide.parent.parent / (guide.parent.name + "-moi")
    guide.parent.rename(new_dir)
    r = run_sotay("check", tmp_repo)
    assert r.returncode == 1 and f'"{code}"' in r.stderr and "redirects" in r.stderr
    reg = tmp_repo / "shortlinks.yml"
    reg.write_text(reg.read_text(encoding="utf-8").replace(
        "redirects: {}", f"redirects:\n  {guide.parent.name}: {new_dir.name}"), encoding="utf-8")
    r = run_sotay("check", tmp_repo)
    assert r.returncode == 0, r.stderr
    r = run_py("-m", "mkdocs", "build", "--strict", "-q", "--site-dir", tmp_repo / "site", cwd=tmp_repo)
    assert r.returncode == 0, r.stderr
    page = (tmp_repo / "site" / "q" / code / "index.html").read_text(encoding="utf-8")
    assert f"huong-dan/{new_dir.name}/" in page


@pytest.mark.parametrize("name,text", [
    ("config/villages.yml", "villages:\n  thon-1:\n    name: Thôn 1\n"),
    ("config/synonyms.yml", "- [cccd, căn cước\n"),
    ("config/abbreviations.yml", "mk: mật khẩu\nhai từ: viết tắt\n"),
])
def test_check_covers_villages_and_synonyms(tmp_repo, name, text):
    (tmp_repo / name).write_text(text, encoding="utf-8")
    r = run_sotay("check", tmp_repo)
    assert r.returncode == 1
    assert name in r.stderr, r.stderr


def test_package_is_installed_and_needs_no_path_edits(tmp_path):
    """The `sotay` command runs from any folder of the project, without PYTHONPATH or sys.path edits."""
    offenders = [str(p.relative_to(ROOT)) for p in [*ROOT.glob("scripts/**/*.py"), *ROOT.glob("tests/*.py")]
                 if re.search(r"sys\.path\.(insert|append)|parents\[\d\]", p.read_text(encoding="utf-8"))
                 and p.name != "test_foundation.py"]
    assert offenders == []
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SOTAY_ROOT")}
    r = subprocess.run([str(Path(sys.executable).with_name("sotay")), "stale", "--days", "100000"],
                       cwd=ROOT / "guides", env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([sys.executable, "-m", "sotay", "chek"], cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and 'Có phải ý bạn là "check"?' in r.stderr
