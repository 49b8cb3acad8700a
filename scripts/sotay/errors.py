"""Editor-facing problems: each names a file (and line where known) and says what to fix, in Vietnamese."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    path: Path
    message: str
    line: int | None = None
    check: str = ""             # the registry id of the check that found it (sotay/checks/)

    def format(self, root: Path | None = None) -> str:
        shown = self.path
        if root is not None:
            try:
                shown = self.path.resolve().relative_to(root.resolve())
            except ValueError:
                pass
        where = f"{shown}:{self.line}" if self.line else f"{shown}"
        return f"{where}: {self.message}" + (f" [{self.check}]" if self.check else "")


class ContentError(Exception):
    """Raised with every problem found, so an editor can fix them all in one go."""

    def __init__(self, problems: list[Problem], root: Path | None = None):
        self.problems = problems
        self.root = root
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"Có {len(self.problems)} lỗi cần sửa:"]
        lines += [f"  - {p.format(self.root)}" for p in self.problems]
        return "\n".join(lines)
