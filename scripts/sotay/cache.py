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
import shutil
import tempfile
import time
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


_FOLDERS: dict[tuple, bytes] = {}


def folder_digest(folder: Path) -> bytes:
    """Digest of the names and bytes of a folder's files (a guide's index.md, images.yml and
    pictures): what a guide's outputs are made of. Kept per process while no file's size or time
    changes, so the many outputs of one guide read its files once; as git does with "racily clean"
    files, a folder with a file changed in the last two seconds is read every time (a second edit
    within the clock's tick, of the same size, would look unchanged)."""
    files = sorted(p for p in Path(folder).iterdir() if p.is_file())
    stats = tuple((p.name, st.st_size, st.st_mtime_ns) for p, st in ((p, p.stat()) for p in files))
    seen = (str(folder), stats)
    if seen in _FOLDERS:
        return _FOLDERS[seen]
    h = hashlib.sha256()
    for p in files:
        data = p.read_bytes()
        h.update(f"{p.name}\0{len(data)}\0".encode())
        h.update(data)
    if all(mtime < time.time_ns() - 2_000_000_000 for _name, _size, mtime in stats):
        _FOLDERS[seen] = h.digest()
    return h.digest()


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
    if folder is not None:
        prune_folder(folder / kind, "*", keep)


def prune_folder(folder: Path, pattern: str, keep: int) -> None:
    """Keep the `keep` files of `folder` matching `pattern` made or used last (by time: a reader that
    wants an entry kept touches it); names starting with "." are writes in progress, never pruned."""
    if not folder.is_dir():
        return
    entries = []
    for p in folder.glob(pattern):
        try:
            if not p.name.startswith("."):
                entries.append((p.stat().st_mtime, p))
        except OSError:
            pass                                       # removed meanwhile
    for _mtime, p in sorted(entries, reverse=True)[keep:]:
        p.unlink(missing_ok=True)


def place(src: Path, target: Path) -> None:
    """Put a cached file at `target` whole: a hard link where the cache and the site share a disk (no
    bytes written: the site's copy and the cache's entry are one file, and neither is ever written
    in place), else a copy; under a temporary name, then renamed."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(src, tmp)
    except OSError:
        shutil.copyfile(src, tmp)
    os.replace(tmp, target)


def forget(root: Path, kind: str, inputs: tuple) -> None:
    """Drop the entry for these inputs (a damaged one: the next `cached` makes it again)."""
    path = _path(root, kind, inputs)
    if path is not None:
        path.unlink(missing_ok=True)


def stored(root: Path, kind: str, inputs: tuple) -> Path | None:
    """The cache's file for these inputs, if it is there."""
    path = _path(root, kind, inputs)
    return path if path is not None and path.is_file() else None


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
