"""`make bench-build`: build times next to stock Material on the same guides (a benchmark, not a test).

    sotay bench-build                 # cold, warm and the 1,000-guide figure
    sotay bench-build --synthetic 0   # skip the synthetic run
    sotay bench-build --runs 3        # median of 3 runs for cold and warm
    sotay bench-build --kit-only      # only the volunteer kit's figures

Everything runs on copies of the project in a temporary folder, in this one run:
- ours, cold: no site and no build cache (as after `make clean`);
- ours, warm: the same copy again after editing one guide (the cache in .cache/sotay/ is kept);
- ours, make serve: edited again and rebuilt as the live preview does (SOTAY_LIVE=1: PDFs made by make build);
- stock: Material with no hooks, the same Markdown of the same guides and pages, no cache;
- synthetic: the guides copied up to N (default 1,000) and built cold by ours and by stock;
- kit: the volunteer kit alone (booklets and sheets, issue 15 budget: under 10 s), cold (empty
  .cache/sotay/kit) and after editing one guide, in CPU and wall seconds;
- breakdown: a cold build's CPU in all its processes, and each output beside MkDocs (checks, kit,
  link previews, posters) made alone in one process from an empty cache.
Each of ours is printed as a ratio to stock built in the same run."""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from ..content.config import ROOT

IGNORE = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache", "posters",
                                "node_modules", ".cache", "bench-out")
STOCK_YML = """site_name: Sổ tay số (stock)
docs_dir: docs
site_dir: site
use_directory_urls: true
theme:
  name: material
  language: vi
  font: false
plugins:
  - search:
      lang: vi
markdown_extensions:
  - toc:
      permalink: true
  - admonition
  - attr_list
  - md_in_html
  - tables
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
"""


def copy_project(dst: Path) -> Path:
    shutil.copytree(ROOT, dst, ignore=IGNORE)
    return dst


def stock_project(src: Path, dst: Path) -> Path:
    """Stock Material on the same content: the pages of docs/ and every guide's folder as a page."""
    docs = dst / "docs"
    shutil.copytree(src / "docs", docs, ignore=shutil.ignore_patterns("*.js", "overrides"))
    for index in sorted((src / "guides").glob("*/*/index.md")):
        shutil.copytree(index.parent, docs / "huong-dan" / index.parent.name,
                        ignore=shutil.ignore_patterns("raw", "images.yml"))
    (dst / "mkdocs.yml").write_text(STOCK_YML, encoding="utf-8")
    return dst


def synthesize(project: Path, count: int) -> None:
    """Copy the project's guides until there are `count`, each with its own id, code and title."""
    originals = sorted((project / "guides").glob("*/*/index.md"))
    for i in range(max(0, count - len(originals))):
        src = originals[i % len(originals)].parent
        gid = f"{src.name[:40]}-s{i}"
        dst = src.parent / gid
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns("raw"))
        text = (dst / "index.md").read_text(encoding="utf-8")
        text = re.sub(r"^code: .*$", f"code: sx{i}", text, count=1, flags=re.M)
        title = yaml.safe_load(re.search(r"^title: .*$", text, re.M).group(0))["title"]
        text = re.sub(r"^title: .*$", lambda _m, t=f"{title} (bản {i})": "title: " + json.dumps(t, ensure_ascii=False),
                      text, count=1, flags=re.M)
        (dst / "index.md").write_text(text, encoding="utf-8")


LAST_CPU = [0.0]                   # CPU seconds of the last build(), every process it started


def build(project: Path, engine: str = "mkdocs", live: bool = False) -> float:
    """Seconds for one `mkdocs build` of `project` (its own site/ folder); `live`: built as
    `make serve` rebuilds after a save (SOTAY_LIVE=1: out-of-date PDFs wait for make build).
    Its CPU time, with every process it forked, is left in LAST_CPU."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SOTAY_ROOT", None)
    env.pop("SOTAY_LIVE", None)
    if live:
        env["SOTAY_LIVE"] = "1"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", engine, "build", "-q"], cwd=project, env=env,
                       capture_output=True, text=True)
    took = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST_CPU[0] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if r.returncode:
        raise SystemExit(f"build failed in {project}:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    return took


PHASES = """
import datetime, json, pathlib, tempfile, time
from sotay import checks
from sotay.booklet import build as kit
from sotay.content.catalog import load_catalog
from sotay.poster import build as posters
from sotay.web import social
cpu = {}
def timed(name, make):
    t = time.process_time(); done = make(); cpu[name] = time.process_time() - t; return done
catalog = timed("catalog", lambda: load_catalog(pathlib.Path(".")))
timed("checks (they draw each guide's poster)", lambda: checks.check_content(catalog))
day = datetime.date.today()
with tempfile.TemporaryDirectory() as site:
    site = pathlib.Path(site)
    timed("kit", lambda: kit.publish_site(catalog, site, day))
    timed("link previews", lambda: social.write_images(catalog, site))
    timed("the other posters", lambda: posters.publish_site(catalog, site, day))
print(json.dumps(cpu))
"""


def breakdown(project: Path, build_cpu: float) -> list[str]:
    """Where a cold build's CPU goes: each output the project makes beside MkDocs, made alone in
    one process from an empty cache, and what is left for MkDocs, the pages and start-up."""
    clean(project)
    env = dict(os.environ, SOTAY_ROOT=str(project), SOTAY_JOBS="1")
    r = subprocess.run([sys.executable, "-c", PHASES], cwd=project, env=env, capture_output=True, text=True)
    clean(project)
    if r.returncode:
        raise SystemExit(f"breakdown failed in {project}:\n{r.stderr[-3000:]}")
    cpu = json.loads(r.stdout.strip().splitlines()[-1])
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    parts = " · ".join(f"{name} {seconds:.1f} s" for name, seconds in cpu.items())
    return [f"cold build CPU, every process: {build_cpu:.1f} s ({cpus} CPUs: wall at least {build_cpu / cpus:.1f} s)",
            f"  made alone, one process, empty cache: {parts}",
            f"  the rest (MkDocs, pages, search index, start-up): about {build_cpu - sum(cpu.values()):.1f} s"]


def clean(project: Path) -> None:
    shutil.rmtree(project / "site", ignore_errors=True)
    shutil.rmtree(project / ".cache", ignore_errors=True)


def edit_one_guide(project: Path, n: int) -> None:
    guide = sorted((project / "guides").glob("*/*/index.md"))[0]
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace("\n## Bước 1:", f"\nSửa thử lần {n}.\n\n## Bước 1:", 1), encoding="utf-8")


KIT_TIMER = """
import datetime, json, os, pathlib, tempfile, time
from sotay.booklet import build
from sotay.content.catalog import load_catalog
catalog = load_catalog(pathlib.Path("."))
with tempfile.TemporaryDirectory() as site:
    cpu, wall = time.process_time(), time.perf_counter()
    build.publish_site(catalog, pathlib.Path(site), datetime.date(2026, 11, 29))
    children = os.times()
    print(json.dumps({"cpu": time.process_time() - cpu + children.children_user + children.children_system,
                      "wall": time.perf_counter() - wall}))
"""


def kit_time(project: Path) -> tuple[float, float]:
    """CPU and wall seconds of the volunteer kit's build in `project` (its cache as it is)."""
    env = dict(os.environ, SOTAY_ROOT=str(project))
    r = subprocess.run([sys.executable, "-c", KIT_TIMER], cwd=project, env=env, capture_output=True, text=True)
    if r.returncode:
        raise SystemExit(f"kit build failed in {project}:\n{r.stderr[-3000:]}")
    t = json.loads(r.stdout.strip().splitlines()[-1])
    return t["cpu"], t["wall"]


def kit_rows(project: Path, runs: int) -> list[str]:
    cold, warm = [], []
    for n in range(runs):
        shutil.rmtree(project / ".cache" / "sotay" / "kit", ignore_errors=True)
        cold.append(kit_time(project))
        edit_one_guide(project, 100 + n)
        warm.append(kit_time(project))

    def fmt(times):
        return (f"CPU {statistics.median(t[0] for t in times):6.2f} s, "
                f"wall {statistics.median(t[1] for t in times):6.2f} s")
    return [f"{'kit, cold (empty kit cache)':<38} {fmt(cold)}",
            f"{'kit, one guide edited (cache kept)':<38} {fmt(warm)}"]


def row(label: str, ours: float, stock: float) -> str:
    return f"{label:<38} {ours:7.2f} s   stock {stock:6.2f} s   ratio {ours / stock:5.2f}×"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="sotay bench-build")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--synthetic", type=int, default=1000, help="guides in the synthetic run (0: skip)")
    ap.add_argument("--kit-only", action="store_true", help="only the volunteer kit (booklets and sheets)")
    opts = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sotay-bench-") as tmp:
        tmp = Path(tmp)
        ours = copy_project(tmp / "ours")
        guides = len(list((ours / "guides").glob("*/*/index.md")))
        if opts.kit_only:
            print(f"Volunteer kit (booklets and sheets), median of {opts.runs} runs, {guides} guides:")
            print("\n".join(kit_rows(ours, opts.runs)))
            return 0
        stock = stock_project(ours, tmp / "stock")
        cold, cold_cpu, warm, live, stock_times = [], [], [], [], []
        for n in range(opts.runs):
            clean(ours)
            cold.append(build(ours))
            cold_cpu.append(LAST_CPU[0])
            edit_one_guide(ours, n)
            warm.append(build(ours))
            edit_one_guide(ours, n + opts.runs)
            live.append(build(ours, live=True))
            shutil.rmtree(stock / "site", ignore_errors=True)
            stock_times.append(build(stock))
        s = statistics.median(stock_times)
        print(f"Build times, median of {opts.runs} runs, {guides} guides (stock: Material without the project's hooks):")
        print(row("cold (after make clean)", statistics.median(cold), s))
        print(row("warm (one guide edited, cache kept)", statistics.median(warm), s))
        print(row("make serve, after saving one guide", statistics.median(live), s))
        site = ours / "site"
        files = [p for p in site.rglob("*") if p.is_file()]
        print(f"site: {len(files)} files, {sum(p.stat().st_size for p in files) / 1024:.0f} KB")
        print("\n".join(kit_rows(ours, opts.runs)))
        print("\n".join(breakdown(ours, statistics.median(cold_cpu))))
        if opts.synthetic:
            big = copy_project(tmp / "big")
            synthesize(big, opts.synthetic)
            big_stock = stock_project(big, tmp / "big-stock")
            ours_big, stock_big = build(big), build(big_stock)
            n = len(list((big / "guides").glob("*/*/index.md")))
            print(row(f"cold, {n} synthetic guides", ours_big, stock_big))
            print(f"  per guide: ours {1000 * ours_big / n:.1f} ms, stock {1000 * stock_big / n:.1f} ms "
                  f"(at {guides} guides: ours {1000 * statistics.median(cold) / guides:.1f} ms)")
    return 0
