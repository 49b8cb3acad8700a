"""`make build ENGINE=properdocs`: ProperDocs 1.6.7 (the maintained MkDocs 1.6 fork) builds the same
site from the same mkdocs.yml and hooks. Every file is compared with the MkDocs build; the only
difference allowed is the engine's name in <meta name="generator">."""
from __future__ import annotations

import re

import pytest

from helpers import run_py

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.mark.build
def test_properdocs_builds_the_same_site(site_dir, tmp_path):
    out = tmp_path / "properdocs-site"
    r = run_py("-m", "properdocs", "build", "--strict", "--site-dir", out, timeout=900)
    assert r.returncode == 0, f"properdocs build failed:\n{r.stdout}\n{r.stderr}"
    # an editor's build log names no page left out of the menu: the practice views are meant to be
    assert "not included in the \"nav\"" not in r.stdout + r.stderr, r.stderr
    ours = {p.relative_to(site_dir) for p in site_dir.rglob("*") if p.is_file()}
    theirs = {p.relative_to(out) for p in out.rglob("*") if p.is_file()}
    assert ours == theirs
    assert any(p.parts[0] == "huong-dan" for p in ours) and (out / "catalog.json").exists()
    differ = []
    for rel in sorted(ours):
        a, b = (site_dir / rel).read_bytes(), (out / rel).read_bytes()
        if rel.suffix == ".html":
            assert b"ProperDocs 1.6.7" in b or GENERATOR.search(b) is None, rel
            a, b = GENERATOR.sub(b"", a), GENERATOR.sub(b"", b)
        if a != b:
            differ.append(str(rel))
    assert differ == []
