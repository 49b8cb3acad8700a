"""`make bench-build`: how long a full build takes and how big the site is (a benchmark, not a test)."""
from __future__ import annotations

import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..config import ROOT


def main(argv: list[str] | None = None, runs: int = 3) -> int:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            t0 = time.perf_counter()
            r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", tmp],
                               cwd=ROOT, capture_output=True, text=True)
            times.append(time.perf_counter() - t0)
            if r.returncode:
                print(r.stdout + r.stderr, file=sys.stderr)
                return 1
        site = Path(tmp)
        files = [p for p in site.rglob("*") if p.is_file()]
        html = [p for p in files if p.suffix == ".html"]
        total = sum(p.stat().st_size for p in files)
        guide_pages = sorted(site.glob("huong-dan/*/index.html"))
        gz = [len(gzip.compress(p.read_bytes(), 6)) for p in guide_pages]
        print(f"build time: median {statistics.median(times):.2f} s over {runs} runs "
              f"(min {min(times):.2f} s)")
        print(f"site: {len(files)} files, {len(html)} HTML pages, {total / 1024:.0f} KB on disk")
        if gz:
            print(f"guide page HTML (gzip): median {statistics.median(gz) / 1024:.1f} KB, "
                  f"max {max(gz) / 1024:.1f} KB over {len(gz)} guides")
    return 0
