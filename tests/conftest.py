"""Shared fixtures: one real site build per test session, a local gzip server, headless Chromium."""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from helpers import CHROMIUM, CHROMIUM_ARGS, PHONE, ROOT, GzipHandler, copy_project, fill_template, run_py, run_sotay, SCAFFOLD_GUIDE


@pytest.fixture(scope="session")
def catalog():
    from sotay.content.catalog import load_catalog
    return load_catalog(ROOT)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The real site, built once with `mkdocs build --strict` into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    r = run_py("-m", "mkdocs", "build", "--strict", "--site-dir", out)
    assert r.returncode == 0, f"mkdocs build failed:\n{r.stdout}\n{r.stderr}"
    return out


@pytest.fixture(scope="session")
def site_url(site_dir):
    """Base URL ("http://127.0.0.1:PORT/") of the built site served with gzip."""
    handler = functools.partial(GzipHandler, directory=str(site_dir))
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
    return copy_project(dst)


BUILD_FIXTURES = {"site_dir", "site_url"}
BROWSER_FIXTURES = {"browser", "phone"}
SLOW_FIXTURES = {"tmp_repo", "scaffolded_repo", "clean_repo", "repo", "cited_repo", "scaffolded", "kit", "posters_dir", "menus_dir"}


def pytest_collection_modifyitems(items):
    """Lanes: a test that needs the built site is `build`, one that needs Chromium is `browser`, one
    that runs commands on a copy of the project or makes every poster is `slow` (`make test-fast`
    runs the rest). Tests that build on their own carry the mark by hand."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if names & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)



@pytest.fixture(scope="session")
def scaffolded_repo(tmp_path_factory) -> Path:
    """A copy of the repository whose guides are replaced by one made by `make guide` (filled in, so
    it passes `make check`), for tests that feed the checks bad input. Copy it before changing it."""
    dst = copy_project(tmp_path_factory.mktemp("scaffold") / "repo")
    for d in (dst / "guides").glob("*/*/"):
        shutil.rmtree(d)
    (dst / "shortlinks.yml").write_text("codes: {}\nredirects: {}\n", encoding="utf-8")
    cat, gid, title, code = SCAFFOLD_GUIDE
    r = run_sotay("guide", "--category", cat, "--id", gid, "--title", title, "--code", code, cwd=dst)
    assert r.returncode == 0, r.stdout + r.stderr
    fill_template(dst / "guides" / cat / gid)
    return dst
