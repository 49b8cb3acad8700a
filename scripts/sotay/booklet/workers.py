"""Render the kit files missing from the cache, in several processes when there are CPUs to spare
(issue 15 budget: every booklet and sheet in under 10 s).

Two rounds, each spread over `jobs` processes (forked, so they share the catalog already read):
1. each guide of the booklets to make whose page count is not in the build cache: convert its
   pictures (pickled into the cache) and count its pages (pdf.Layout.guide_pages);
2. each file: render it with those page counts, the pictures read back from the cache, and write it.
With one job, or where processes cannot be forked, the same work runs in this process."""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import pdf

COST = {"handbook": 0, "booklet": 1}    # the biggest first, so the processes finish together
_RUN: tuple = ()                        # (files, layout, guides, meta): what forked workers inherit


def default_jobs() -> int:
    """One per CPU this process may use, at most 4; SOTAY_JOBS overrides (1: no extra process)."""
    if os.environ.get("SOTAY_JOBS", "").isdigit():
        return max(1, int(os.environ["SOTAY_JOBS"]))
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _count(i: int) -> tuple[str, int]:
    _files, layout, guides, meta = _RUN
    return guides[i].content.guide.id, layout.guide_pages(guides[i], meta)


def _render(i: int, pages: dict[str, int]) -> list[int]:
    files, layout, _guides, _meta = _RUN
    layout.learn(pages)
    f, path = files[i]
    before = len(layout.passes)
    _write(path, f.render())
    return layout.passes[before:]


def render(files: list, layout: pdf.Layout, guides: list[pdf.BookletGuide], meta: pdf.BookletMeta,
           jobs: int | None = None) -> None:
    """Render every (KitFile, path) of `files` into its path."""
    global _RUN
    jobs = default_jobs() if jobs is None else jobs
    if not files:
        return
    if jobs < 2 or not guides or "fork" not in multiprocessing.get_all_start_methods():
        for f, path in files:
            _write(path, f.render())
        return
    order = sorted(range(len(files)), key=lambda i: COST.get(files[i][0].kind, 2))
    _RUN = (files, layout, guides, meta)
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            by_steps = sorted((i for i in range(len(guides)) if layout.stored_pages(guides[i], meta) is None),
                              key=lambda i: -len(guides[i].content.steps))   # only guides not counted before
            pages = dict(pool.map(_count, by_steps))
            layout.learn(pages)
            for passes in pool.map(_render, order, [pages] * len(order)):
                layout.passes += passes
    finally:
        _RUN = ()
