"""How many worker processes the build's parallel steps (checks, kit, prerender) may use. A module
of its own so that asking costs no import of ReportLab (issue 17: a rebuild with nothing to draw
should not load the drawing code)."""
from __future__ import annotations

import os


def default_jobs() -> int:
    """One per CPU this process may use, at most 4; SOTAY_JOBS overrides (1: no extra process)."""
    if os.environ.get("SOTAY_JOBS", "").isdigit():
        return max(1, int(os.environ["SOTAY_JOBS"]))
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))
