"""The build's slow outputs that no page depends on (posters, the volunteer kit, link-preview
images), rendered into the cache by a forked process while the generator renders the pages.

`start` forks once the content has passed its checks. The process draws the kit first (the
longest), then the previews, then the posters from the last; the building process, once its pages
are done, publishes the posters itself from the first (drawing those not yet cached) and then calls
`finish`, which waits for the process before the kit is published. Publishing finds what the
process made in the cache and only copies it. If the process fails or cannot be forked, publishing
renders what is missing itself: the site is the same either way, only sooner (issue 17). The live
preview (`make serve`) does not render PDFs, so it does not start one. Neither does a build without
the cache (SOTAY_CACHE=off) or with one CPU (or SOTAY_JOBS=1)."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import tempfile
from pathlib import Path

from . import cache
from .jobs import default_jobs


def _render(catalog, printed: dt.date) -> None:
    from .booklet import build as kit
    from .poster import build as posters
    from .web import social
    with tempfile.TemporaryDirectory(prefix="sotay-prerender-") as tmp:
        kit.publish_site(catalog, Path(tmp), printed)        # the longest first; the building process
        social.write_images(catalog, Path(tmp))              # draws the posters itself once the pages
        posters.publish_site(catalog, Path(tmp), printed, last_first=True)   # are done: from the other end


def start(catalog, printed: dt.date | None = None):
    """A running process that fills the cache, or None where it would not help."""
    if (cache.cache_dir(catalog.root) is None or default_jobs() < 2
            or "fork" not in multiprocessing.get_all_start_methods()):
        return None
    proc = multiprocessing.get_context("fork").Process(
        target=_render, args=(catalog, printed or dt.date.today()), name="sotay-prerender")
    proc.start()
    return proc


def finish(proc) -> None:
    """Wait for the process (its exit code does not matter: what it did not make is made now)."""
    if proc is not None:
        proc.join()


def stop(proc) -> None:
    """The build failed: end the process (the cache keeps whatever it finished)."""
    if proc is not None and proc.is_alive():
        proc.terminate()
        proc.join()
