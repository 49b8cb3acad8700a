"""Render the kit files missing from the cache, in several processes when there are CPUs to spare
(issue 15 budget: every booklet and sheet in under 10 s).

Two rounds, each spread over `jobs` processes (forked, so they share the catalog already read):
1. draw the pages of each guide of the booklets to make that are not in the kit's cache
   (assemble.Parts, which also converts and caches its pictures), the longest first;
2. make each file: a booklet puts its front and its guides' pages together, a sheet is drawn.
With one job, or where processes cannot be forked, the same work runs in this process."""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from ..jobs import default_jobs

if TYPE_CHECKING:
    from .content import BookletGuide, BookletMeta
    from .parts import Parts

_RUN: tuple = ()                        # (files, parts, guides, meta): what forked workers inherit


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _draw(i: int) -> list[str]:
    _files, parts, guides, meta = _RUN
    before = len(parts.drawn)
    parts.get(guides[i], meta)
    return parts.drawn[before:]


def _render(i: int) -> list[str]:
    files, parts, _guides, _meta = _RUN
    f, path = files[i]
    before = len(parts.drawn)
    _write(path, f.render())
    return parts.drawn[before:]


def render(files: list, parts: Parts, guides: list[BookletGuide], meta: BookletMeta,
           jobs: int | None = None) -> None:
    """Render every (KitFile, path) of `files` into its path; `guides`: those its booklets hold."""
    global _RUN
    jobs = default_jobs() if jobs is None else jobs
    if not files:
        return
    if jobs < 2 or parts.folder is None or "fork" not in multiprocessing.get_all_start_methods():
        for f, path in files:
            _write(path, f.render())
        return
    _RUN = (files, parts, guides, meta)
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            todo = sorted((i for i in range(len(guides)) if not parts.stored(guides[i], meta)),
                          key=lambda i: -len(guides[i].content.steps))
            for drawn in pool.map(_draw, todo):
                parts.drawn += drawn
            for drawn in pool.map(_render, range(len(files))):
                parts.drawn += drawn
    finally:
        _RUN = ()
