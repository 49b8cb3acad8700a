"""Each guide's pages for the booklets of one run, drawn once per content and kept in the kit's cache
(<kit cache>/guides/<key>.pdf) beside the converted pictures (<kit cache>/pictures/): assemble.py
puts them together. Light to import: ReportLab and pikepdf load only when a guide is drawn."""
from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

from .. import cache
from .content import BookletGuide, BookletMeta

GUIDES = "guides"                      # the kit cache's folders
PICTURES = "pictures"


class Parts:
    """Each guide's pages: from memory, from the kit's cache (`folder`, None: not kept), or drawn now.
    `drawn` lists the guides this process drew (what a test counts)."""

    def __init__(self, folder: Path | None = None, root: Path | None = None, pictures=None):
        self.kit = Path(folder) if folder else None
        self.folder = self.kit / GUIDES if self.kit else None
        self.root = root
        self._pictures = pictures
        self._made: dict[str, bytes] = {}
        self.drawn: list[str] = []

    @property
    def pictures(self):
        if self._pictures is None:
            from .pictures import Pictures
            self._pictures = Pictures(self.kit / PICTURES if self.kit else None)
        return self._pictures

    def key(self, bg: BookletGuide, meta: BookletMeta) -> str:
        """Everything a guide's pages are made of: its printed content, the files of its folder (the
        pictures), the footer and the sample mark, and the package's code and fonts."""
        h = hashlib.sha256(cache.code_digest(self.root).encode() if self.root else b"")
        h.update(repr((bg, meta.footer, meta.sample)).encode())
        h.update(cache.folder_digest(bg.content.guide.dir))
        return h.hexdigest()[:32]

    def _path(self, key: str) -> Path | None:
        return None if self.folder is None else self.folder / f"{key}.pdf"

    def stored(self, bg: BookletGuide, meta: BookletMeta) -> bool:
        key = self.key(bg, meta)
        path = self._path(key)
        return key in self._made or (path is not None and path.is_file())

    def get(self, bg: BookletGuide, meta: BookletMeta) -> bytes:
        key = self.key(bg, meta)
        if key in self._made:
            return self._made[key]
        path = self._path(key)
        data = None
        if path is not None:
            import pikepdf
            try:
                data = path.read_bytes()
                os.utime(path)                     # last used: pruning keeps what builds still use
                pikepdf.open(io.BytesIO(data)).pages[0]   # a damaged file is drawn again
            except Exception:                      # noqa: BLE001 (OSError, or any qpdf error on a bad file)
                data = None
        if data is None:
            from . import pdf
            data = pdf.render_guide(bg, meta, self.pictures)
            self.drawn.append(bg.content.guide.id)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
                tmp.write_bytes(data)
                os.replace(tmp, path)
        self._made[key] = data
        return data

    def prune(self, keep: int) -> None:
        """Keep the `keep` guides' pages made or used last."""
        if self.folder is not None:
            cache.prune_folder(self.folder, "*.pdf", keep)
