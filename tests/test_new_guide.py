"""`make guide` scaffolds a guide that passes `make check` and builds; `make stale` and the page notice."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, run_py


def fresh_copy(dst: Path) -> Path:
    shutil.copytree(ROOT, dst, ignore=shutil.ignore_patterns(
        ".venv", "site", ".git", "__pycache__", ".pytest_cache", "posters"))
    return dst


def new_guide(repo: Path, *args: str, stdin: str | None = None):
    import subprocess
    import sys
    import os
    return subprocess.run([sys.executable, str(repo / "scripts" / "new_guide.py"), *args], cwd=repo,
                          input=stdin or "", capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(repo / "scripts")))


def snapshot(repo: Path) -> dict[str, bytes]:
    files = [p for p in (repo / "guides").rglob("*") if p.is_file()] + [repo / "shortlinks.yml"]
    return {p.relative_to(repo).as_posix(): p.read_bytes() for p in files}


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory):
    """The real repository plus two scaffolded guides (one made stale), checked and built once."""
    repo = fresh_copy(tmp_path_factory.mktemp("scaffold") / "repo")
    r = new_guide(repo, "--category", "dich-vu-cong", "--id", "dvc-mau-moi",
                  "--title", "Nộp hồ sơ mẫu trên Cổng Dịch vụ công")
    assert r.returncode == 0, r.stdout + r.stderr
    # asked interactively: category, title, id (Enter = suggested), code
    r = new_guide(repo, stdin="thanh-toan\nThanh toán tiền nước cũ\nthanh-toan-cu\nttc\n")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Chủ đề" in r.stdout and "Tên hướng dẫn" in r.stdout
    old = repo / "guides/thanh-toan/thanh-toan-cu/index.md"
    text = old.read_text(encoding="utf-8")
    old.write_text(re.sub(r"^updated: .*$", "updated: 2025-01-15", text, flags=re.M), encoding="utf-8")
    check = run_py(repo / "scripts" / "check.py", cwd=repo, timeout=60)
    site = repo.parent / "site"
    build = run_py("-m", "mkdocs", "build", "--strict", "--site-dir", site, cwd=repo, timeout=600)
    return repo, check, build, site


def test_scaffold_files_and_registry(scaffolded):
    repo, *_ = scaffolded
    folder = repo / "guides/dich-vu-cong/dvc-mau-moi"
    text = (folder / "index.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---")[1])
    for key in ("title", "summary", "audience", "category", "devices", "time", "needs", "updated",
                "code", "keywords", "sources", "review"):
        assert meta.get(key), key
    assert meta["title"] == "Nộp hồ sơ mẫu trên Cổng Dịch vụ công"
    assert meta["updated"] == dt.date.today()
    steps = re.findall(r"^## Bước (\d+): ", text, re.M)
    assert steps == ["1", "2", "3"]
    assert "## Nếu gặp lỗi" in text and "## Lưu ý an toàn" in text
    images = yaml.safe_load((folder / "images.yml").read_text(encoding="utf-8"))
    assert set(images) == {"buoc-1.svg", "buoc-2.svg", "buoc-3.svg"}
    assert all("mock" in v for v in images.values())
    for n in (1, 2, 3):
        svg = (folder / f"buoc-{n}.svg").read_text(encoding="utf-8")
        assert svg.lstrip().startswith(("<svg", "<?xml"))
    reg = yaml.safe_load((repo / "shortlinks.yml").read_text(encoding="utf-8"))
    assert reg["codes"][meta["code"]] == "dvc-mau-moi"
    assert reg["codes"]["ttc"] == "thanh-toan-cu"
    # the real registry's codes are all still there
    real = yaml.safe_load((ROOT / "shortlinks.yml").read_text(encoding="utf-8"))["codes"]
    assert all(reg["codes"][c] == g for c, g in real.items())


def test_scaffold_passes_check_and_builds(scaffolded):
    repo, check, build, site = scaffolded
    assert check.returncode == 0, check.stdout + check.stderr
    assert build.returncode == 0, build.stdout + build.stderr
    page = site / "huong-dan/dvc-mau-moi/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.find("h1").get_text(strip=True).startswith("Nộp hồ sơ mẫu trên Cổng Dịch vụ công")
    assert len(soup.select("article img[src$='.svg'], .md-content img[src$='.svg']")) >= 3
    code = yaml.safe_load((repo / "guides/dich-vu-cong/dvc-mau-moi/index.md").read_text(
        encoding="utf-8").split("---")[1])["code"]
    assert "huong-dan/dvc-mau-moi/" in (site / "q" / code / "index.html").read_text(encoding="utf-8")


def test_stale_notice_on_old_guide_only(scaffolded):
    repo, check, build, site = scaffolded
    assert build.returncode == 0, build.stdout + build.stderr
    notice = "Hướng dẫn này đã lâu chưa được kiểm tra lại"
    old = (site / "huong-dan/thanh-toan-cu/index.html").read_text(encoding="utf-8")
    new = (site / "huong-dan/dvc-mau-moi/index.html").read_text(encoding="utf-8")
    assert notice in old
    assert notice not in new


def test_make_stale_lists_old_guides(scaffolded):
    repo, *_ = scaffolded
    r = run_py(repo / "scripts" / "stale.py", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert "thanh-toan-cu: kiểm tra lần cuối" in r.stdout and "15/01/2025" in r.stdout
    assert "dvc-mau-moi: kiểm tra lần cuối" not in r.stdout      # (its open review items are listed)
    r = run_py(repo / "scripts" / "stale.py", "--days", "100000", "--fail", cwd=repo)
    assert r.returncode == 0 and "thanh-toan-cu: kiểm tra lần cuối" not in r.stdout
    r = run_py(repo / "scripts" / "stale.py", "--fail", cwd=repo)
    assert r.returncode == 1
    # the threshold comes from config/site.yml
    cfg = repo / "config/site.yml"
    saved = cfg.read_text(encoding="utf-8")
    try:
        cfg.write_text(re.sub(r"^stale_days: .*$", "stale_days: 100000", saved, flags=re.M), encoding="utf-8")
        r = run_py(repo / "scripts" / "stale.py", cwd=repo)
        assert "thanh-toan-cu: kiểm tra lần cuối" not in r.stdout, r.stdout
    finally:
        cfg.write_text(saved, encoding="utf-8")


@pytest.mark.parametrize("args, words", [
    (["--category", "vneid", "--id", "vneid-kich-hoat", "--title", "Trùng"], "đã có hướng dẫn"),
    (["--category", "vneid", "--id", "vneid-moi", "--title", "Mã trùng", "--code", "v2"], 'mã link ngắn "v2" đã dùng'),
    (["--category", "vneid", "--id", "Sai_Ten", "--title", "Tên sai"], "không hợp lệ"),
    (["--category", "vneid", "--id", "kich-hoạt", "--title", "Có dấu"], "không hợp lệ"),
    (["--category", "khong-co", "--id", "moi", "--title", "Chủ đề sai"], 'chủ đề "khong-co"'),
    (["--category", "vneid", "--id", "moi-2", "--title", "Mã sai", "--code", "A!"], "không hợp lệ"),
    (["--category", "vneid"], "cần đủ"),
])
def test_refuses_and_writes_nothing(tmp_path, args, words):
    repo = fresh_copy(tmp_path / "repo")
    before = snapshot(repo)
    r = new_guide(repo, *args)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Chưa tạo hướng dẫn" in r.stderr and words in r.stderr, r.stderr
    assert snapshot(repo) == before


def test_make_targets(tmp_path):
    """The editor's commands: `make guide CATEGORY=… ID=… TITLE=…` then `make stale DAYS=…`."""
    import os
    import subprocess
    repo = fresh_copy(tmp_path / "repo")
    os.symlink(ROOT / ".venv", repo / ".venv")
    r = subprocess.run(["make", "-s", "guide", "CATEGORY=ban-hang", "ID=ban-hang-mau",
                        "TITLE=Bán hàng mẫu trên mạng", "CODE=bhm"], cwd=repo, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (repo / "guides/ban-hang/ban-hang-mau/index.md").is_file()
    assert "bhm: ban-hang-mau" in (repo / "shortlinks.yml").read_text(encoding="utf-8")
    r = subprocess.run(["make", "-s", "check"], cwd=repo, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    r = subprocess.run(["make", "-s", "stale", "DAYS=100000"], cwd=repo, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0 and "100000 ngày" in r.stdout, r.stdout + r.stderr
