"""A small content-addressed cache for the build's own outputs (preview images, posters).

Each output is stored under a key made from everything it is made of (the caller lists its
inputs) plus a digest of the package's code and fonts, so an edit rebuilds only what it touches
and a code change invalidates everything. Files live in <root>/.cache/sotay/ (git-ignored);
SOTAY_CACHE=off turns the cache off, SOTAY_CACHE=<folder> moves it. Writes are atomic, and a
damaged entry is simply made again."""
from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

ENV = "SOTAY_CACHE"
PACKAGE = Path(__file__).resolve().parent


@functools.cache
def code_digest(root: Path) -> str:
    """Digest of the package's Python files and the project's fonts: what every output depends on."""
    h = hashlib.sha256()
    files = sorted(PACKAGE.rglob("*.py")) + sorted((Path(root) / "fonts").glob("*"))
    for p in files:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def cache_dir(root: Path) -> Path | None:
    setting = os.environ.get(ENV, "").strip()
    if setting.lower() in ("off", "0", "no"):
        return None
    return Path(setting) if setting else Path(root) / ".cache" / "sotay"


def key(root: Path, kind: str, *inputs) -> str:
    h = hashlib.sha256(code_digest(Path(root)).encode())
    h.update(kind.encode())
    for item in inputs:
        h.update(b"\0")
        h.update(item if isinstance(item, bytes) else repr(item).encode("utf-8"))
    return h.hexdigest()


def _path(root: Path, kind: str, inputs: tuple) -> Path | None:
    folder = cache_dir(root)
    return None if folder is None else folder / kind / key(root, kind, *inputs)


def get(root: Path, kind: str, inputs: tuple, touch: bool = False) -> bytes | None:
    """The bytes made before for these inputs, or None (never makes them). `touch`: mark the entry as
    just used, so `prune` keeps it."""
    path = _path(root, kind, inputs)
    try:
        data = None if path is None else path.read_bytes()
        if touch and data is not None:
            os.utime(path)
        return data
    except OSError:
        return None


def prune(root: Path, kind: str, keep: int) -> None:
    """Keep the `keep` entries of `kind` made or used last; drop the rest."""
    folder = cache_dir(root)
    if folder is None or not (folder / kind).is_dir():
        return
    entries = []
    for p in (folder / kind).iterdir():
        try:
            if not p.name.startswith("."):              # "."-names are writes in progress
                entries.append((p.stat().st_mtime, p))
        except OSError:
            pass                                       # removed meanwhile
    for _mtime, p in sorted(entries, reverse=True)[keep:]:
        p.unlink(missing_ok=True)


def cached(root: Path, kind: str, inputs: tuple, make: Callable[[], bytes]) -> bytes:
    """The bytes `make()` returns for these inputs, from the cache when they were made before."""
    path = _path(root, kind, inputs)
    if path is None:
        return make()
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        pass                               # a read-only checkout still builds, just without the cache
    return data


def template_cache(root: Path):
    """Jinja's own on-disk cache of compiled templates (the theme's 60 templates are compiled again
    by every build otherwise), in <cache>/jinja/; None when the cache is off. Jinja checks each
    template's source itself, so an edited template is compiled again."""
    folder = cache_dir(root)
    if folder is None:
        return None
    from jinja2 import FileSystemBytecodeCache
    try:
        (folder / "jinja").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder / "jinja"))
