"""Shared fixtures: one real site build per test session, a local gzip server, headless Chromium."""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
sys.path.insert(0, str(SCRIPTS))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 412, "height": 915}


def run_py(*args, cwd=ROOT, env=None, check=False, timeout=600):
    """Run a project script with the project's Python; returns CompletedProcess (text)."""
    e = dict(os.environ, PYTHONPATH=str(Path(cwd) / "scripts"))
    e.update(env or {})
    return subprocess.run([sys.executable, *map(str, args)], cwd=cwd, env=e, text=True,
                          capture_output=True, check=check, timeout=timeout)


@pytest.fixture(scope="session")
def catalog():
    from sotay.catalog import load_catalog
    return load_catalog(ROOT)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The real site, built once with `mkdocs build --strict` into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    r = run_py("-m", "mkdocs", "build", "--strict", "--site-dir", out)
    assert r.returncode == 0, f"mkdocs build failed:\n{r.stdout}\n{r.stderr}"
    return out


COMPRESS = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files like a static host (GitHub Pages): gzip for text, directory index pages, a
    directory without its trailing "/" redirected, and the site's 404.html, with status 404, for
    any missing path."""

    def log_message(self, *a):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        status = 200
        if os.path.isdir(path) and not os.path.isfile(os.path.join(path, "index.html")):
            path = ""                                   # no directory listings on a static host
        if not os.path.exists(path):
            path, status = os.path.join(self.directory, "404.html"), 404
            if not os.path.isfile(path):
                return super().send_head()
        elif os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if status == 200 and (not path.endswith(COMPRESS) or "gzip" not in self.headers.get("Accept-Encoding", "")
                              or not os.path.isfile(path)):
            return super().send_head()
        body = Path(path).read_bytes()
        gz = "gzip" in self.headers.get("Accept-Encoding", "")
        body = gzip.compress(body, 6) if gz else body
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(path))
        if gz:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="session")
def site_url(site_dir):
    """Base URL ("http://127.0.0.1:PORT/") of the built site served with gzip."""
    handler = functools.partial(_GzipHandler, directory=str(site_dir))
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/"
    srv.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (installs Debian's chromium as root).")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def phone(browser):
    """A fresh phone-sized page; `phone.requests` lists every URL it asked for."""
    ctx = browser.new_context(viewport=PHONE, device_scale_factor=1, locale="vi-VN",
                              user_agent="Mozilla/5.0 (Linux; Android 12; SM-A135F) AppleWebKit/537.36 "
                                         "(KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36")
    page = ctx.new_page()
    page.requests = []
    page.on("request", lambda req: page.requests.append(req.url))
    yield page
    ctx.close()


@pytest.fixture
def tmp_repo(tmp_path) -> Path:
    """A copy of the content and scripts in a temporary folder, for feeding the checks bad input."""
    dst = tmp_path / "repo"
    ignore = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache", "posters")
    shutil.copytree(ROOT, dst, ignore=ignore)
    return dst
