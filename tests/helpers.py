"""Helpers the tests share (imported as `helpers`; tests never import each other).

Browser and server pieces live in the package (sotay.testing) because the benchmarks use them too."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sotay.content.config import find_root
from sotay.testing import ANDROID_UA, AXE_TAGS, CHROMIUM, CHROMIUM_ARGS, PHONE, GzipHandler, Server  # noqa: F401 (re-exported)

ROOT = find_root(Path(__file__).parent)
SCRIPTS = ROOT / "scripts"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


# What a copy of the project for one test leaves out: environments, outputs, caches, Node modules.
COPY_IGNORE = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache", "posters",
                                     "node_modules", ".cache", "bench-out")


def copy_project(dst: Path) -> Path:
    """A copy of the project's content and code at `dst`, for feeding the commands bad input."""
    shutil.copytree(ROOT, dst, ignore=COPY_IGNORE)
    return dst


def run_py(*args, cwd=ROOT, env=None, check=False, timeout=600):
    """Run the project's Python (`python -m mkdocs …`) in `cwd`; returns CompletedProcess (text)."""
    e = dict(os.environ)
    e.pop("SOTAY_ROOT", None)                 # the project is found from `cwd`
    e.update(env or {})
    return subprocess.run([sys.executable, *map(str, args)], cwd=cwd, env=e, text=True,
                          capture_output=True, check=check, timeout=timeout)


# The guide `make guide` makes in the scaffolded copy that hostile tests break (conftest's scaffolded_repo).
SCAFFOLD_GUIDE = ("vneid", "mau-tan-cong", "Hướng dẫn mẫu để thử tấn công", "mtc")


def run_sotay(*args, cwd=ROOT, **kw):
    """Run the `sotay` command (as `python -m sotay`) in the project copy at `cwd`."""
    return run_py("-m", "sotay", *args, cwd=cwd, **kw)


def page_soup(html: str):
    """A built page, its text as a reader gets it: a <wbr> (where a long web address may break,
    guide_html.break_addresses) adds nothing between its neighbours, so get_text(" ") still reads
    "dichvucong.gov.vn", not "dichvucong .gov .vn"."""
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(html, "html.parser")
    for wbr in soup.find_all("wbr"):
        wbr.decompose()
    soup.smooth()
    return soup


def guides_in(site_dir) -> list[str]:
    """Ids of the guide pages in a built site."""
    return sorted(p.parent.name for p in (site_dir / "huong-dan").glob("*/index.html"))


# --- the search worker in Node -------------------------------------------------------------

SEARCH_PKG = SCRIPTS / "sotay" / "search"
CASES = json.loads((SEARCH_PKG / "cases.json").read_text(encoding="utf-8"))
WORKER = ROOT / "overrides/assets/javascripts/sotay-search-worker.js"
HARNESS = SEARCH_PKG / "harness.js"
NODE = shutil.which("node")


# Outside CI a missing node skips these tests; in CI (CI=true, where `make test` installs the
# Debian package nodejs) they run and fail on the missing tool, so nothing passes unseen.
needs_node = pytest.mark.skipif(NODE is None and not IN_CI, reason="node is not installed (make test installs it)")


def node_path() -> str:
    assert NODE, "node is missing: `make test` installs the Debian package nodejs"
    return NODE


def node(payload: dict, worker: Path = WORKER) -> dict:
    r = subprocess.run([node_path(), str(HARNESS)], input=json.dumps({"worker": str(worker), **payload}),
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


# --- offline: the site's service worker ----------------------------------------------------

def go_offline(ctx, server):
    server.stop()
    ctx.set_offline(True)


def offline_ctx(browser):
    ctx = browser.new_context(viewport=PHONE, locale="vi-VN", user_agent=ANDROID_UA, service_workers="allow")
    return ctx, ctx.new_page()


def open_controlled(page, url):
    """Open a page and wait until the site's service worker controls it."""
    page.goto(url, wait_until="networkidle")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15000)


def wait_cached(page, urls, timeout=20.0):
    """Wait until the site's caches hold every URL (the page caches itself after it is shown; the
    worker keeps content-hashed files in its own cache-first cache)."""
    deadline = time.monotonic() + timeout
    missing = urls
    while time.monotonic() < deadline:
        missing = page.evaluate("""async (urls) => {
            const out = [];
            for (const u of urls) if (!(await caches.match(u))) out.push(u);
            return out; }""", urls)
        if not missing:
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"not cached: {missing}")


# --- the `make guide` template ---------------------------------------------------------------

TEMPLATE_FILLS = [       # what an editor writes instead of each sample text (sotay.content.template.PLACEHOLDERS)
    ("Một câu: sau khi làm theo, bạn làm được việc gì.", "Làm xong việc mẫu ngay trên điện thoại."),
    ("Ai cần hướng dẫn này, cần làm gì trước (một câu).", "Người dân cần làm việc mẫu này."),
    ("Tên trang chính thức đã dùng để kiểm tra các bước (thay dòng này)", "Cổng thông tin điện tử Chính phủ"),
    ("Hướng dẫn mới tạo từ mẫu: thay mọi chữ mẫu, kiểm tra từng bước và tên nút với nguồn chính thức.",
     "Cần đối chiếu lại tên nút với ứng dụng."),
    ("Một hoặc hai câu: sau khi làm theo hướng dẫn này, bạn sẽ làm được gì.", "Sau khi làm theo, bạn làm xong việc mẫu."),
    (r"Việc cần làm ở bước (\d+)", r"Mở màn hình số \1"),
    ("Viết một hoặc hai câu ngắn. Mỗi bước chỉ một việc.", "Xem kỹ màn hình."),
    (r"Màn hình ở bước (\d+), nút Tiếp tục được đánh số 1", r"Màn hình số \1, nút Tiếp tục được đánh số 1"),
    ("**Lỗi thường gặp:** cách khắc phục, viết ngắn gọn.", "**Không thấy nút:** kéo màn hình lên để tìm."),
    ("app: Tên ứng dụng", "app: Ứng dụng mẫu"),
    (r"title: Màn hình bước (\d+)", r"title: Màn hình số \1"),
    ("Dòng chữ trên màn hình", "Chọn việc cần làm"),
]


def fill_template(folder: Path) -> None:
    """Replace every sample text `make guide` wrote in `folder` (index.md, images.yml), then
    redraw its pictures."""
    import re
    for name in ("index.md", "images.yml"):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        for old, new in TEMPLATE_FILLS:
            text = re.sub(old, new, text) if "\\" in new else text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    from sotay.commands import images                  # redraw the mock screens, as `make images` would
    assert images.main(["--root", str(find_root(folder)), str(folder)]) == 0


# --- editing a copied guide (tests that break one thing at a time) -----------------------------

def insert_after(path: Path, after_heading: str, text: str) -> int:
    """Insert `text` after the paragraph following `after_heading` in `path`; return the file line
    of its first non-blank inserted line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    i = next(k for k, line in enumerate(lines) if line.startswith(after_heading))
    at = i + 2    # heading, blank line, then our text
    new = text.strip("\n").split("\n")
    lines[at:at] = new + [""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 1 + next(k for k, line in enumerate(new) if line.strip())


def replace_once(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in `path` by `new`; return the file line where it stood."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def as_deployed(page, site_url, catalog):
    """Material's instant navigation only follows links listed in sitemap.xml, whose URLs carry the
    public site_url; it maps their protocol and host to the current page but not the port. Serve
    the sitemap with the test server's address, as it is on the real host. Open the page with
    service workers blocked: Material's bundle runs on the first touch (issue 13), by then the
    site's worker may have taken the page, and a request it makes is never routed here."""
    def rewrite(route):
        body = route.fetch().text().replace(catalog.config.site_url, site_url)
        route.fulfill(status=200, body=body, headers={"Content-Type": "application/xml"})
    page.route("**/sitemap.xml", rewrite)
