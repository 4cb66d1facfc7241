"""`validator codeowners --host`: the same owners in GitLab's and Gitea's CODEOWNERS syntax."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support.roster import LI_MING, WANG_FANG, ZHAO_LEI, member, staff_yaml
from validator.cli import cli

STAFF = staff_yaml(
    ZHAO_LEI,
    LI_MING,
    WANG_FANG,
    member("sun-hr", "孙华", "channel_assistant", "sunhua", role="reviewer"),
)


def _render(tmp_path: Path, host: str) -> tuple[int, str]:
    (tmp_path / "org").mkdir(exist_ok=True)
    (tmp_path / "org" / "staff.yaml").write_text(STAFF, encoding="utf-8")
    done = CliRunner().invoke(cli, ["codeowners", "--repo", str(tmp_path), "--host", host])
    return done.exit_code, done.output


def _body(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith("#")]


def test_gitlab_has_a_reviewer_section_requiring_one_approval(tmp_path: Path) -> None:
    code, out = _render(tmp_path, "gitlab")
    assert code == 0
    assert "validator codeowners --host gitlab > .gitlab/CODEOWNERS" in out
    assert _body(out) == [
        "[审核人][1] @Zhao-Reviewer @sunhua",
        "*",
        "/submissions/li-ming/ @Zhao-Reviewer @sunhua",
        "/submissions/wang-fang/ @Zhao-Reviewer @sunhua",
    ]


def test_gitea_patterns_are_anchored_regular_expressions(tmp_path: Path) -> None:
    code, out = _render(tmp_path, "gitea")
    assert code == 0
    assert "validator codeowners --host gitea > .gitea/CODEOWNERS" in out
    body = _body(out)
    assert body == [
        ".* @Zhao-Reviewer @sunhua",
        "submissions/li-ming/.* @Zhao-Reviewer @sunhua",
        "submissions/wang-fang/.* @Zhao-Reviewer @sunhua",
    ]
    # Gitea anchors each rule (^rule$); the folder rule must not catch a look-alike folder.
    li_ming = re.compile(f"^{body[1].split()[0]}$")
    assert li_ming.match("submissions/li-ming/weekly/2026-W47.yaml")
    assert not li_ming.match("submissions/li-ming-2/weekly/2026-W47.yaml")
    assert not li_ming.match("org/staff.yaml")
    assert _render(tmp_path, "forgejo") == (0, out)


def test_github_stays_the_default(tmp_path: Path) -> None:
    default = _render(tmp_path, "github")
    done = CliRunner().invoke(cli, ["codeowners", "--repo", str(tmp_path)])
    assert (done.exit_code, done.output) == default
    assert _body(default[1])[0] == "* @Zhao-Reviewer @sunhua"


def test_unknown_host_is_a_usage_error(tmp_path: Path) -> None:
    code, out = _render(tmp_path, "bitbucket")
    assert code == 2
    assert "bitbucket" in out


def _check(root: Path) -> tuple[int, str]:
    done = CliRunner().invoke(cli, ["check", "--repo", str(root), "org/staff.yaml"])
    return done.exit_code, done.output


def _adopted(tmp_path: Path, host: str) -> Path:
    """A copy of the template (it has .github/) whose organisation is on `host`."""
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    code, out = _render(tmp_path, host)
    (tmp_path / "org" / "regions.yaml").write_text(
        "regions:\n  - {id: guangzhou, name: 广州, annual_sales: 150000}\n"
        "  - {id: foshan, name: 佛山, annual_sales: 150000}\n",
        encoding="utf-8",
    )
    assert code == 0
    target = {"gitlab": ".gitlab/CODEOWNERS", "gitea": ".gitea/CODEOWNERS"}[host]
    (tmp_path / target).parent.mkdir(exist_ok=True)
    (tmp_path / target).write_text(out, encoding="utf-8")
    return tmp_path / target


@pytest.mark.parametrize("host", ["gitea", "gitlab"])
def test_the_hosts_own_codeowners_is_the_one_checked(tmp_path: Path, host: str) -> None:
    """On Gitea or GitLab the adoption guide has the organisation write .gitea/ or
    .gitlab/CODEOWNERS; `validator check` demanded .github/CODEOWNERS instead (an error on every
    pull request) and never noticed the host's own file going stale."""
    owners = _adopted(tmp_path, host)
    code, out = _check(tmp_path)
    assert code == 0, out
    (tmp_path / "org" / "staff.yaml").write_text(STAFF.replace("wang-fang", "wang-li"), "utf-8")
    code, out = _check(tmp_path)
    assert code == 1 and "[codeowners-stale]" in out
    rel = owners.relative_to(tmp_path).as_posix()
    assert f"{rel} 与 org/staff.yaml 不一致" in out
    assert f"validator codeowners --host {host} > {rel}" in out
    assert ".github/CODEOWNERS" not in out
