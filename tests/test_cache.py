"""The build cache (sotay/cache.py): an output is reused only when all of its inputs are the same,
and editing one guide invalidates only the posters and preview that show it."""
from __future__ import annotations

import datetime as dt

from sotay import cache, social
from sotay.poster import build as posters


def test_preview_png_is_made_once_per_input(tmp_path, monkeypatch, catalog):
    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))
    first = social.png_bytes(catalog.root, "Tiêu đề A", "Sổ tay số", "x.org/q/a", "Hướng dẫn")
    entries = list((tmp_path / "c").rglob("*"))
    again = social.png_bytes(catalog.root, "Tiêu đề A", "Sổ tay số", "x.org/q/a", "Hướng dẫn")
    assert again == first and list((tmp_path / "c").rglob("*")) == entries
    other = social.png_bytes(catalog.root, "Tiêu đề B", "Sổ tay số", "x.org/q/a", "Hướng dẫn")
    assert other != first and len([p for p in (tmp_path / "c").rglob("*") if p.is_file()]) == 2
    monkeypatch.setenv(cache.ENV, "off")
    assert social.png_bytes(catalog.root, "Tiêu đề A", "Sổ tay số", "x.org/q/a", "Hướng dẫn") == first


def test_editing_one_guide_changes_only_the_posters_that_show_it(catalog, tmp_path):
    jobs = posters.site_jobs(catalog)
    day = dt.date(2026, 1, 1)
    before = {j.path: cache.key(catalog.root, "poster-pdf", *posters.job_inputs(catalog, j, day)) for j in jobs}
    g = catalog.guides[0]
    saved = g.path.read_bytes()
    try:
        g.path.write_bytes(saved + "\nSửa thử.\n".encode())
        after = {j.path: cache.key(catalog.root, "poster-pdf", *posters.job_inputs(catalog, j, day)) for j in jobs}
    finally:
        g.path.write_bytes(saved)
    changed = {p for p in before if before[p] != after[p]}
    showing = {j.path for j in jobs if g in j.guides}
    assert changed == showing and len(showing) < len(jobs)
