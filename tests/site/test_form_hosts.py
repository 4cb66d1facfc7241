"""The report form's "create file" link on each Git host, in headless Chromium: the URL it opens,
decoded, names the host's own new-file page, the report's path and the same YAML the page shows.

One real build (a company Gitea under a sub-path, set in mkdocs.yml's `extra:` as the adoption
guide says); the other hosts are the same built page with the settings the hook computes for
them (`form_config`, the function the hook calls), so every host runs the real page script.
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner

from tests.site.test_form_browser import _fill, _open
from tests.support import site as site_support
from tests.support.gitrepo import GitRepo
from tests.support.roster import LI_MING, staff_yaml
from validator.cli import cli
from validator.site.reportform import form_config, load_repo_org

NOW = "2026-11-23T10:00:00+08:00"  # the week due next is 2026-W47
pytestmark = [pytest.mark.browser, pytest.mark.slow]
PATH = "submissions/li-ming/weekly/2026-W47.yaml"
GITEA = {
    "git_kind": "gitea",
    "git_host": "https://git.example.com/scm",  # a company Gitea under a sub-path
    "repository": "acme/field-reports",
    "git_branch": "main",
}
VARIANTS = {
    "github": {**GITEA, "git_kind": "github", "git_host": "github.com"},
    "forgejo": {**GITEA, "git_kind": "forgejo", "git_host": "code.example.cn"},
    "gitlab": {**GITEA, "git_kind": "gitlab", "git_host": "https://jihulab.example.cn"},
    "gogs": {**GITEA, "git_kind": "gogs"},  # no known new-file page: download and upload
    "unsafe": {**GITEA, "git_host": "javascript:alert(1)//"},
}
_CONFIG = re.compile(r'data-config="[^"]*"')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    repo = GitRepo.init(tmp_path_factory.mktemp("org") / "repo")
    repo.write("org/staff.yaml", staff_yaml(LI_MING))
    repo.write("org/regions.yaml", "regions:\n  - {id: guangzhou, name: 广州, annual_sales: 1}\n")
    owners = CliRunner().invoke(cli, ["codeowners", "--repo", str(repo.root)])
    repo.write(".github/CODEOWNERS", owners.output)
    repo.commit("org", "2026-01-05T10:00:00+08:00")
    built = site_support.build_site(
        tmp_path_factory.mktemp("site"), repo=repo.root, now=NOW, extra=GITEA
    )
    page = (built / "form" / "index.html").read_text("utf-8")
    assert len(_CONFIG.findall(page)) == 1
    org = load_repo_org(repo.root)
    for name, extra in VARIANTS.items():
        settings = json.dumps(form_config(org, extra, "public", NOW), ensure_ascii=False)

        def config(_m: re.Match[str], s: str = settings) -> str:
            return f'data-config="{html.escape(s, quote=True)}"'

        variant = _CONFIG.sub(config, page)
        (built / f"form-{name}").mkdir()
        for script in (built / "form").glob("*.js"):  # the page loads its script beside it
            (built / f"form-{name}" / script.name).write_bytes(script.read_bytes())
        (built / f"form-{name}" / "index.html").write_text(variant, "utf-8")
    with site_support.serve(built) as url:
        yield url


def _filled(page: Any, url: str, summary: str = "本周走访广州授权站,处理投诉3起。") -> str:
    """Open the form, fill a valid weekly report, return the YAML it shows."""
    _open(page, url)
    for name, value in (
        ("root[staff]", "li-ming"),
        ("root[summary]", summary),
        ("root[work][0][description]", "检查天河授权站维修工单"),
        ("root[plan][0]", "跟进备件申请"),
    ):
        _fill(page, name, value)
    page.wait_for_function("document.querySelector('#rf-status').textContent.includes('检查通过')")
    assert page.text_content("#rf-path") == PATH
    assert page.errors == []
    return str(page.text_content("#rf-yaml"))


def _opened(page: Any) -> tuple[str, str, str, dict[str, list[str]]]:
    """What a click on the link opens: scheme, host, decoded path and decoded query."""
    assert page.get_attribute("#rf-create", "aria-disabled") == "false"
    assert page.is_visible("#rf-create")
    href = page.get_attribute("#rf-create", "href")
    parts = urllib.parse.urlsplit(href)
    query = urllib.parse.parse_qs(parts.query, strict_parsing=True)
    return parts.scheme, parts.netloc, urllib.parse.unquote(parts.path), query


def test_gitea_opens_its_new_file_page_with_folder_name_and_yaml(page: Any, site: str) -> None:
    """Gitea's page is /{owner}/{repo}/_new/{branch}/{folder}/ (not GitHub's /new/{branch})."""
    text = _filled(page, f"{site}/form/#weekly")
    assert _opened(page) == (
        "https",
        "git.example.com",
        "/scm/acme/field-reports/_new/main/submissions/li-ming/weekly/",
        {"filename": ["2026-W47.yaml"], "value": [text]},
    )


def test_forgejo_takes_gitea_parameters(page: Any, site: str) -> None:
    text = _filled(page, f"{site}/form-forgejo/#weekly")
    assert _opened(page) == (
        "https",
        "code.example.cn",
        "/acme/field-reports/_new/main/submissions/li-ming/weekly/",
        {"filename": ["2026-W47.yaml"], "value": [text]},
    )


def test_github_takes_the_whole_path_as_file_name(page: Any, site: str) -> None:
    text = _filled(page, f"{site}/form-github/#weekly")
    assert _opened(page) == (
        "https",
        "github.com",
        "/acme/field-reports/new/main",
        {"filename": [PATH], "value": [text]},
    )


def test_gitlab_opens_its_own_new_file_page(page: Any, site: str) -> None:
    text = _filled(page, f"{site}/form-gitlab/#weekly")
    assert _opened(page) == (
        "https",
        "jihulab.example.cn",
        "/acme/field-reports/-/new/main",
        {"file_name": [PATH], "content": [text]},
    )


def test_host_without_prefill_asks_for_download_and_upload(page: Any, site: str) -> None:
    _filled(page, f"{site}/form-gogs/#weekly")
    assert not page.is_visible("#rf-create")
    note = page.text_content("#rf-create-note")
    assert (
        note
        == "请先下载 YAML 文件,然后上传到仓库的 submissions/li-ming/weekly/ 目录,再发起合并请求。"
    )
    assert page.locator("#rf-upload").count() == 0


def test_report_too_long_for_a_link_falls_back_to_upload(page: Any, site: str) -> None:
    """Some 8 KiB of encoded YAML is more than servers and proxies take in a request line."""
    _filled(page, f"{site}/form/#weekly", summary="本周走访广州授权站。" * 100)
    assert not page.is_visible("#rf-create")
    assert "上传到仓库的 submissions/li-ming/weekly/ 目录" in page.text_content("#rf-create-note")
    upload = page.get_attribute("#rf-upload", "href")
    assert upload == (
        "https://git.example.com/scm/acme/field-reports/_upload/main/submissions/li-ming/weekly/"
    )


def test_a_non_http_host_never_becomes_a_link(page: Any, site: str) -> None:
    _filled(page, f"{site}/form-unsafe/#weekly")
    assert not page.is_visible("#rf-create")
    assert page.get_attribute("#rf-create", "href") is None
    assert page.locator("#rf-upload").count() == 0
