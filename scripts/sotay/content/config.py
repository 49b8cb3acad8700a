"""Site-wide settings from config/site.yml (the one place for site_url and the commune's details)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError, Problem
from .yamlload import YamlError, load_yaml

ROOT_ENV = "SOTAY_ROOT"


def find_root(start: Path | None = None) -> Path:
    """The project folder: $SOTAY_ROOT if set, else the nearest folder at or above `start` (the
    current directory) that holds both mkdocs.yml and guides/. Falls back to `start` itself, so a
    command run elsewhere fails later with a message naming the missing file."""
    if os.environ.get(ROOT_ENV):
        return Path(os.environ[ROOT_ENV]).resolve()
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "guides").is_dir():
            return folder
    return here


ROOT = find_root()


# The sample values config/site.yml ships with: while either is set, posters and booklets are
# samples (watermarked "BẢN MẪU") and `make posters` refuses without SAMPLE=1 (issue 15).
PLACEHOLDER_SITE_URLS = {"https://so-tay-so.github.io/"}
SAMPLE_COMMUNES = {"Xã Mẫu", ""}


@dataclass(frozen=True)
class SiteConfig:
    site_name: str
    site_url: str
    repo_url: str
    repo_branch: str
    commune: dict = field(default_factory=dict)
    stale_days: int = 180

    @property
    def placeholder_settings(self) -> list[str]:
        """The settings still at the project's sample values (posters must not be printed so)."""
        out = []
        if self.site_url in PLACEHOLDER_SITE_URLS:
            out.append("site_url")
        if (self.commune or {}).get("name", "").strip() in SAMPLE_COMMUNES:
            out.append("commune.name")
        return out

    @property
    def is_sample(self) -> bool:
        return bool(self.placeholder_settings)

    @property
    def domain(self) -> str:
        """Host and path without scheme, as printed on posters: "example.org/so-tay"."""
        return self.site_url.split("://", 1)[-1].rstrip("/")

    def edit_url(self, rel_path: str) -> str:
        return f"{self.repo_url}/edit/{self.repo_branch}/{rel_path}"

    def source_url(self, rel_path: str) -> str:
        return f"{self.repo_url}/blob/{self.repo_branch}/{rel_path}"

    def issue_form(self, template: str) -> str:
        """The repository's issue form (.github/ISSUE_TEMPLATE/<template>); fields are appended
        as "&<field id>=<value>"."""
        return f"{self.repo_url}/issues/new?template={template}"


def load_config(root: Path = ROOT) -> SiteConfig:
    path = root / "config" / "site.yml"
    try:
        data = load_yaml(path) or {}
    except YamlError as exc:
        raise ContentError(exc.problems, root) from None
    except OSError as exc:
        raise ContentError([Problem(path, f"không đọc được tệp cấu hình: {exc}")], root) from exc
    if not isinstance(data, dict):
        raise ContentError([Problem(path, "tệp phải gồm các dòng dạng `tên: giá trị`.", 1)], root)
    problems = []
    for key in ("site_name", "site_url", "repo_url"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            problems.append(Problem(path, f'thiếu "{key}" (một dòng chữ).'))
    site_url = os.environ.get("SOTAY_SITE_URL") or data.get("site_url") or ""
    if site_url and not site_url.startswith(("http://", "https://")):
        problems.append(Problem(path, 'site_url phải bắt đầu bằng "https://".'))
    if problems:
        raise ContentError(problems, root)
    if not site_url.endswith("/"):
        site_url += "/"
    return SiteConfig(
        site_name=data["site_name"],
        site_url=site_url,
        repo_url=data["repo_url"].rstrip("/"),
        repo_branch=data.get("repo_branch") or "main",
        commune=data.get("commune") or {},
        stale_days=int(data.get("stale_days") or 180),
    )
