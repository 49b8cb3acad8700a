""".github/: workflows and issue forms validated against GitHub's schemas (offline), the pull-request
template, and the "Báo hướng dẫn sai hoặc đã cũ" link on every guide page of the built site."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import ROOT

GH = ROOT / ".github"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
# Any attempt to reach the network fails fast: the vendored schemas must be enough.
OFFLINE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "NO_PROXY": ""}


def validate(schema: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ, **OFFLINE))


def load(path: Path):
    # GitHub's YAML: "on" is a key, not a boolean
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


WORKFLOWS = sorted((GH / "workflows").glob("*.yml"))
FORMS = [GH / "ISSUE_TEMPLATE" / "bao-loi.yml", GH / "ISSUE_TEMPLATE" / "de-xuat.yml"]


def test_workflows_match_schema():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "deploy.yml"}
    r = validate("vendor.github-workflows", *WORKFLOWS)
    assert r.returncode == 0, r.stdout + r.stderr


def test_issue_forms_and_config_match_schema():
    r = validate("vendor.github-issue-forms", *FORMS)
    assert r.returncode == 0, r.stdout + r.stderr
    r = validate("vendor.github-issue-config", GH / "ISSUE_TEMPLATE" / "config.yml")
    assert r.returncode == 0, r.stdout + r.stderr


def test_schema_validation_catches_mistakes(tmp_path):
    """The validator really validates: a broken workflow and a broken form are refused."""
    wf = load(GH / "workflows" / "ci.yml")
    del wf["jobs"]["test"]["runs-on"]
    bad_wf = tmp_path / "bad-ci.yml"
    bad_wf.write_text(yaml.safe_dump(wf, allow_unicode=True), encoding="utf-8")
    assert validate("vendor.github-workflows", bad_wf).returncode != 0
    form = load(FORMS[0])
    for item in form["body"]:
        if item["type"] == "dropdown":
            item["attributes"].pop("options")
    bad_form = tmp_path / "bad-form.yml"
    bad_form.write_text(yaml.safe_dump(form, allow_unicode=True), encoding="utf-8")
    assert validate("vendor.github-issue-forms", bad_form).returncode != 0


def steps(job) -> list[dict]:
    return job.get("steps", [])


def test_ci_runs_make_test_and_uploads_site():
    wf = load(GH / "workflows" / "ci.yml")
    assert "pull_request" in wf["on"] and "push" in wf["on"]
    job = wf["jobs"]["test"]
    uses = {s.get("uses", "").split("@")[0]: s for s in steps(job)}
    assert uses["actions/setup-python"]["with"]["python-version"] == "3.11"
    runs = [s.get("run", "") for s in steps(job)]
    assert "make test" in runs
    art = uses["actions/upload-artifact"]["with"]
    assert art["path"].rstrip("/") == "site"
    # the artifact holds what `make build` writes: mkdocs.yml's site_dir
    assert "make build" in runs and yaml.safe_load((ROOT / "mkdocs.yml").read_text().split("theme:")[0])["site_dir"] == "site"


@pytest.mark.parametrize("name,job", [("ci.yml", "test"), ("deploy.yml", "build")])
def test_workflows_restore_the_build_cache_before_building(name, job):
    """CI and the deploy restore .cache/sotay (content-addressed, issue 17) before their first make
    command that builds, saving a new entry per commit and restoring main's latest."""
    job_steps = steps(load(GH / "workflows" / name)["jobs"][job])
    at = [i for i, s in enumerate(job_steps) if s.get("uses", "").startswith("actions/cache@")]
    assert len(at) == 1, f"{name}: one actions/cache step"
    cache_step = job_steps[at[0]]["with"]
    assert cache_step["path"] == ".cache/sotay"
    assert "${{ github.sha }}" in cache_step["key"] and cache_step["key"].startswith(cache_step["restore-keys"])
    first_make = min(i for i, s in enumerate(job_steps) if s.get("run", "").lstrip().startswith("make "))
    assert at[0] < first_make
    assert ".cache" in (ROOT / ".gitignore").read_text(encoding="utf-8")     # never committed


def test_deploy_uses_official_pages_actions():
    wf = load(GH / "workflows" / "deploy.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    uses = {s.get("uses", "").split("@")[0]: s for s in steps(build)}
    assert uses["actions/upload-pages-artifact"]["with"]["path"].rstrip("/") == "site"
    assert "make build" in [s.get("run", "") for s in steps(build)]
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps(deploy))
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


def test_issue_forms_content(catalog):
    bao = load(FORMS[0])
    assert bao["name"] == "Báo hướng dẫn sai hoặc đã cũ"
    ids = {item.get("id") for item in bao["body"]}
    assert {"guide", "page"} <= ids          # pre-filled from the guide page's link
    de = load(FORMS[1])
    assert de["name"] == "Đề xuất hướng dẫn mới"
    cat = next(i for i in de["body"] if i.get("id") == "category")
    assert cat["attributes"]["options"][:-1] == [c.title for c in catalog.categories.values()]
    assert f"{catalog.config.repo_url}/blob/" in (GH / "ISSUE_TEMPLATE" / "de-xuat.yml").read_text(encoding="utf-8")
    conf = load(GH / "ISSUE_TEMPLATE" / "config.yml")
    assert conf["blank_issues_enabled"] == "false"
    for link in conf["contact_links"]:
        assert link["url"].startswith(catalog.config.site_url), link


def test_pull_request_template_has_checklist():
    text = (GH / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = [ln for ln in text.splitlines() if ln.startswith("- [ ] ")]
    assert len(boxes) >= 8
    for words in ("make check", "make serve", "alt", "redact", "allowed-domains.yml", "sources", "redirects"):
        assert words in text, words


def test_report_link_on_every_guide_page(site_dir, catalog):
    issue_base = f"{catalog.config.repo_url}/issues/new"
    assert (GH / "ISSUE_TEMPLATE" / "bao-loi.yml").exists()
    for g in catalog.guides:
        html = (site_dir / g.url_path / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        links = [a for a in soup.find_all("a") if a.get_text(strip=True) == "Báo hướng dẫn sai hoặc đã cũ"]
        assert len(links) == 1, g.id
        url = links[0]["href"]
        parts = urlsplit(url)
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == issue_base
        q = parse_qs(parts.query)
        assert q["template"] == ["bao-loi.yml"]
        assert q["guide"] == [g.id]
        assert q["page"] == [catalog.guide_url(g)]
        assert g.title in q["title"][0]
    home = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not [a for a in home.find_all("a") if "Báo hướng dẫn sai" in a.get_text()]


@pytest.mark.parametrize("path", ["CONTRIBUTING.md", "docs/dong-gop.md"])
def test_contributing_guides_cover_the_workflow(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    for words in ("make guide", "make check", "make serve", "make images", "redact", "callouts", "alt",
                  "Android", "iPhone", "pull request", "allowed-domains.yml", "review"):
        assert words in text, (path, words)
    if path == "CONTRIBUTING.md":
        assert "## In English" in text
    # links to the repository follow config/site.yml's repo_url (change both together)
    from sotay.content.config import load_config
    repo_url = load_config(ROOT).repo_url
    for url in re.findall(r"https://github\.com/[^\s)\]]+", text):
        assert url.startswith(repo_url + "/"), url


def test_actions_are_pinned_by_commit_sha():
    """Every `uses:` names a full 40-hex commit (a tag can be moved to other code; a SHA cannot)."""
    import re
    for wf in WORKFLOWS:
        for step_uses in re.findall(r"^\s*(?:-\s*)?uses:\s*(\S+)", wf.read_text(encoding="utf-8"), re.M):
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step_uses), f"{wf.name}: {step_uses}"
