"""`validator doctor` on real repositories: clean on the demo and on a full copy of the template,
and on a broken copy one finding with its fix for each thing that was broken."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support import ROOT
from tests.support.gitrepo import GitRepo
from validator.cli import cli
from validator.core.timeutil import parse_moment
from validator.demo import build_demo
from validator.features.doctor import ERROR, WARNING, Report, diagnose
from validator.repo.codeowners import HOST_PATHS, RENDERERS
from validator.repo.org_data import load_org
from validator.site.pages import render_pages

NOW = parse_moment("2026-11-27T10:00:00+08:00")
NOW_TEXT = "2026-11-27T10:00:00+08:00"


def _public(root: Path, now: object) -> dict[str, str | bytes]:
    return render_pages(root, NOW, "public")


def _keys(report: Report) -> set[str]:
    return {f.key for f in report.findings}


@pytest.fixture(scope="module")
def demo_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("doctor") / "demo"
    build_demo(path, now=NOW)
    return path


@pytest.fixture
def demo(demo_source: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo"
    shutil.copytree(demo_source, copy, symlinks=True)
    return copy


@pytest.fixture
def template(demo: Path) -> Path:
    """The demo's data in a full copy of the template: its workflows and site settings, with
    the organisation's repository named as the adoption guide says."""
    shutil.copytree(ROOT / ".github" / "workflows", demo / ".github" / "workflows")
    shutil.copy(ROOT / "mkdocs.yml", demo / "mkdocs.yml")
    _edit(demo / "mkdocs.yml", f"  repository: {EXAMPLE}\n", "  repository: acme/field-reports\n")
    return demo


EXAMPLE = "example-org/field-reports"


def test_the_templates_example_repository_is_named(demo: Path) -> None:
    """A copy whose mkdocs.yml still names the template's example repository sends every staff
    member's 'create file' button (the report, personal data) to github.com/example-org, someone
    else's repository on the public internet; the doctor said nothing."""
    shutil.copytree(ROOT / ".github" / "workflows", demo / ".github" / "workflows")
    shutil.copy(ROOT / "mkdocs.yml", demo / "mkdocs.yml")
    report = diagnose(demo, NOW, render_public=_public, env={})
    [found] = [f for f in report.findings if f.key == "site-setting"]
    assert found.severity == ERROR and EXAMPLE in found.message("zh")
    assert "repository" in found.fix("en") and "docs/guide/adopt.md" in found.fix("zh")


def _errors_and_warnings(report: Report) -> list[str]:
    return [f"{f.key}: {f.message('en')}" for f in report.findings if f.severity != "note"]


def test_demo_is_clean(demo: Path) -> None:
    report = diagnose(demo, NOW, render_public=_public, env={})
    assert _errors_and_warnings(report) == []
    assert report.exit_code == 0
    assert "data-only" in _keys(report)  # said, not silently skipped


def test_demo_is_clean_from_the_command_line(demo: Path) -> None:
    done = CliRunner().invoke(cli, ["doctor", "--repo", str(demo), "--now", NOW_TEXT])
    assert done.exit_code == 0, done.output
    assert "0 个错误,0 个警告" in done.output


def test_template_copy_is_clean(template: Path) -> None:
    report = diagnose(template, NOW, render_public=_public, env={})
    assert _errors_and_warnings(report) == []
    assert "data-only" not in _keys(report)
    assert "squash-unknown" in _keys(report)  # GitHub's setting cannot be read offline


def _on_host(demo: Path, host: str) -> Path:
    """The demo's data in a full copy of the template as an adopter on `host` keeps it: every
    host's CI files (the template ships them all), git_kind set, that host's CODEOWNERS."""
    shutil.copytree(ROOT / ".github" / "workflows", demo / ".github" / "workflows")
    shutil.copytree(ROOT / ".gitea" / "workflows", demo / ".gitea" / "workflows")
    shutil.copy(ROOT / ".gitlab-ci.yml", demo / ".gitlab-ci.yml")
    shutil.copy(ROOT / "mkdocs.yml", demo / "mkdocs.yml")
    _edit(demo / "mkdocs.yml", "  git_kind: github\n", f"  git_kind: {host}\n")
    _edit(demo / "mkdocs.yml", f"  repository: {EXAMPLE}\n", "  repository: acme/field-reports\n")
    rel = HOST_PATHS[host]
    (demo / rel).parent.mkdir(parents=True, exist_ok=True)
    (demo / rel).write_text(RENDERERS[host](load_org(demo, []).roster), encoding="utf-8")
    return demo


@pytest.mark.parametrize("host", ["gitea", "forgejo", "gitlab"])
def test_template_copy_is_clean_on_every_host(demo: Path, host: str) -> None:
    """The template's own Gitea workflows and .gitlab-ci.yml publish with `make site`: the doctor
    took that for a missing publish workflow (and, for GitLab, told the operator to copy
    .gitlab-ci.yml "to .gitlab-ci.yml/"); Forgejo reads .gitea/workflows, which it did not."""
    report = diagnose(_on_host(demo, host), NOW, render_public=_public, env={})
    assert _errors_and_warnings(report) == []


@pytest.mark.parametrize("host", ["gitea", "forgejo"])
def test_forgejo_and_gitea_are_judged_by_the_folder_they_run(demo: Path, host: str) -> None:
    """Without .github/workflows, the .gitea/workflows copy is what both hosts run."""
    repo = _on_host(demo, host)
    shutil.rmtree(repo / ".github" / "workflows")
    (repo / ".gitea" / "workflows" / "validate.yml").unlink()
    report = diagnose(repo, NOW, render_public=_public, env={})
    [missing] = [f for f in report.findings if f.key == "workflow-role-missing"]
    assert missing.severity == ERROR and "validator check" in missing.message("zh")
    assert missing.path == ".gitea/workflows" and "validate.yml" in missing.fix("zh")


CHANNELS = """\
notify:
  email:
    smtp: {host: smtp.example.com, port: 465, security: ssl, user: reports@example.com,
           password_env: VALIDATOR_SMTP_PASSWORD}
    from: "外派报告 <reports@example.com>"
  wecom: {webhook_env: VALIDATOR_WECOM_WEBHOOK}
  dingtalk: {webhook_env: VALIDATOR_DINGTALK_WEBHOOK, secret_env: VALIDATOR_DINGTALK_SECRET}
  feishu: {webhook_env: VALIDATOR_FEISHU_WEBHOOK, secret_env: VALIDATOR_FEISHU_SECRET}
"""
SECRETS = dict.fromkeys(
    (
        "VALIDATOR_SMTP_PASSWORD", "VALIDATOR_WECOM_WEBHOOK", "VALIDATOR_DINGTALK_WEBHOOK",
        "VALIDATOR_DINGTALK_SECRET", "VALIDATOR_FEISHU_WEBHOOK", "VALIDATOR_FEISHU_SECRET",
    ),
    "set",
)  # fmt: skip


@pytest.mark.parametrize("host", ["github", "gitea", "forgejo", "gitlab"])
def test_every_hosts_template_sends_what_notify_configures(demo: Path, host: str) -> None:
    """The reminders and the digest go out by e-mail and chat robots on every host: the Gitea
    workflows and .gitlab-ci.yml only commented on an issue, so channels configured in
    org/policy.yaml sent nothing there, and the doctor, reading GitHub's remind.yml, was
    silent about it."""
    repo = _on_host(demo, host)
    _edit(repo / "org" / "policy.yaml", "notify:\n", CHANNELS)
    report = diagnose(repo, NOW, render_public=_public, env=SECRETS)
    assert _errors_and_warnings(report) == []


@pytest.mark.parametrize("host", ["gitea", "gitlab"])
def test_channels_no_workflow_of_the_host_sends_are_named(demo: Path, host: str) -> None:
    repo = _on_host(demo, host)
    _edit(repo / "org" / "policy.yaml", "notify:\n", CHANNELS)
    for path in [repo / ".gitlab-ci.yml", *(repo / ".gitea" / "workflows").iterdir()]:
        text = path.read_text(encoding="utf-8").replace(" --send", "")
        path.write_text(text, encoding="utf-8")
    report = diagnose(repo, NOW, render_public=_public, env=SECRETS)
    [found] = [f for f in report.findings if f.key == "notify-not-sent"]
    assert found.severity == "warning" and host in found.message("en")
    assert "--send" in found.fix("zh") and "--send" in found.fix("en")


def test_a_missing_gitlab_job_names_the_job_to_copy(demo: Path) -> None:
    repo = _on_host(demo, "gitlab")
    text = (repo / ".gitlab-ci.yml").read_text(encoding="utf-8")
    (repo / ".gitlab-ci.yml").write_text(text.replace("validator remind", "true"), "utf-8")
    report = diagnose(repo, NOW, render_public=_public, env={})
    [missing] = [f for f in report.findings if f.key.startswith("workflow-role-missing")]
    assert missing.path == ".gitlab-ci.yml"
    assert "remind" in missing.fix("zh") and ".gitlab-ci.yml/" not in missing.fix("zh")
    assert "remind" in missing.fix("en")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_broken_copy_lists_each_problem_with_its_fix(template: Path) -> None:
    wf = template / ".github" / "workflows"
    pinned = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683"
    _edit(wf / "validate.yml", pinned, "actions/checkout@v4")
    (wf / "remind.yml").unlink()
    (wf / "broken.yml").write_text("jobs: [\n", encoding="utf-8")
    with (template / ".github" / "CODEOWNERS").open("a", encoding="utf-8") as handle:
        handle.write("/submissions/someone-else/ @nobody\n")
    _edit(template / "org" / "policy.yaml", "protected_months: 6", "protected_months: 12")
    _edit(template / "org" / "policy.yaml", "  site_url: http://127.0.0.1:8000\n",
          "  wecom: {webhook_env: VALIDATOR_WECOM_WEBHOOK}\n")  # fmt: skip
    _edit(
        template / "org" / "staff.yaml", "channel_engineer: qian-hao", "channel_engineer: li-ming"
    )
    _edit(template / "mkdocs.yml", "  repository: acme/field-reports\n", "")
    _edit(template / "mkdocs.yml", "font: false", "font: true")
    (template / ".github" / "settings.yml").write_text(
        "repository:\n  allow_merge_commit: true\n", encoding="utf-8"
    )
    cache = template / ".git" / "validator"
    cache.mkdir(exist_ok=True)
    (cache / f"received-{'0' * 40}.json").write_text("{not json", encoding="utf-8")

    report = diagnose(template, NOW, render_public=_public, env={})
    by_key = {f.key: f for f in report.findings}
    org_errors = " ".join(f.message("zh") for f in report.findings if f.key == "org-error")
    expected = {
        "action-unpinned": ".github/workflows/validate.yml",
        "workflow-role-missing": ".github/workflows",  # nothing runs validator remind any more
        "workflow-unreadable": ".github/workflows/broken.yml",
        "codeowners-stale": ".github/CODEOWNERS",
        "policy-window": "org/policy.yaml",
        "notify-env-missing": "org/policy.yaml",
        "notify-env-unused": "org/policy.yaml",
        "notify-site-url": "org/policy.yaml",
        "org-error": "org/staff.yaml",  # routing: the channel engineer is not a reviewer
        "site-setting": "mkdocs.yml",
        "site-font": "mkdocs.yml",
        "squash-allowed": ".github/settings.yml",
        "cache-damaged": f".git/validator/received-{'0' * 40}.json",
    }
    for key, path in expected.items():
        assert key in by_key, (key, _errors_and_warnings(report))
        assert by_key[key].path == path
        for lang in ("zh", "en"):
            assert by_key[key].message(lang) and by_key[key].fix(lang)
    assert by_key["action-unpinned"].line is not None
    assert "actions/checkout@<40" in by_key["action-unpinned"].fix("en")
    assert "validator codeowners --host github" in by_key["codeowners-stale"].fix("zh")
    assert "[routing]" in org_errors
    assert report.exit_code == 1


def test_broken_copy_from_the_command_line_in_json_and_english(template: Path) -> None:
    (template / ".github" / "workflows" / "validate.yml").unlink()
    args = ["doctor", "--repo", str(template), "--now", NOW_TEXT]
    done = CliRunner().invoke(cli, [*args, "--format", "json", "--lang", "en"])
    assert done.exit_code == 1, done.output
    payload = json.loads(done.output)
    assert payload["version"] == 1 and payload["errors"] >= 1
    missing = [f for f in payload["findings"] if f["id"] == "workflow-role-missing"]
    assert missing and missing[0]["severity"] == ERROR and "validate.yml" in missing[0]["fix"]
    text = CliRunner().invoke(cli, args)
    assert text.exit_code == 1
    assert "修复: 从模板复制 validate.yml" in text.output


def test_a_missing_repository_is_a_usage_error(tmp_path: Path) -> None:
    done = CliRunner().invoke(cli, ["doctor", "--repo", str(tmp_path / "nowhere")])
    assert done.exit_code == 2
    assert "Traceback" not in done.output


def test_a_secret_is_never_printed(template: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _edit(template / "org" / "policy.yaml", "notify:\n",
          "notify:\n  dingtalk: {webhook_env: DT_HOOK, secret_env: DT_SECRET}\n")  # fmt: skip
    monkeypatch.setenv("DT_HOOK", "https://robot.invalid/send?access_token=s3cr3t-token")
    monkeypatch.delenv("DT_SECRET", raising=False)
    done = CliRunner().invoke(cli, ["doctor", "--repo", str(template), "--now", NOW_TEXT])
    assert "s3cr3t-token" not in done.output
    assert "DT_SECRET" in done.output  # the missing one is named
    missing = [line for line in done.output.splitlines() if "需要环境变量 DT_HOOK" in line]
    assert missing == []  # the one that is set is not reported


def test_personal_data_on_a_public_page_is_found(demo: Path) -> None:
    def internal_as_public(root: Path, now: object) -> dict[str, str | bytes]:
        return render_pages(root, NOW, "internal")  # what a leaking page family would publish

    report = diagnose(demo, NOW, render_public=internal_as_public, env={})
    leaks = [f for f in report.findings if f.key == "public-personal"]
    assert leaks and all(f.severity == ERROR for f in leaks)
    assert any("li-ming" in f.message("en") for f in leaks)


def test_history_not_a_repository_and_shallow_clone(demo: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(demo / "org", plain / "org")
    assert "not-git" in _keys(diagnose(plain, NOW, env={}))
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", demo.resolve().as_uri(), str(shallow)],
        check=True, capture_output=True,
    )  # fmt: skip
    report = diagnose(shallow, NOW, env={})
    assert "shallow" in _keys(report) and report.exit_code == 1


STAFF = """\
staff:
  - {id: li-ming, name: 李明, category: account_manager, email: li.ming@example.com,
     github: liming-gz, role: staff, channel_engineer: qian-hao,
     postings: [{regions: [guangzhou], from: 2026-01-05, to: null}]}
  - {id: qian-hao, name: 钱浩, email: qian.hao@example.com, github: qianhao, role: reviewer}
"""
REGIONS = "regions:\n  - {id: guangzhou, name: 广州, annual_sales: 150000}\n"
WEEKLY = """\
staff: li-ming
week: 2026-W47
summary: 本周走访广州授权站。
work:
  - {date: 2026-11-17, description: 检查维修工单}
plan:
  - 跟进备件申请
"""
REPORT = "submissions/li-ming/weekly/2026-W47.yaml"


def _org(repo: GitRepo) -> None:
    repo.write("org/staff.yaml", STAFF)
    repo.write("org/regions.yaml", REGIONS)
    repo.commit("org", "2026-11-01T10:00:00+08:00")


def _as(repo: GitRepo, name: str, email: str) -> None:
    repo.git("config", "user.name", name)
    repo.git("config", "user.email", email)


def test_a_squash_merge_is_named_as_the_likely_cause(git_repo: GitRepo) -> None:
    _org(git_repo)
    _as(git_repo, "钱浩", "qian.hao@example.com")  # the reviewer squashes li-ming's branch
    git_repo.write(REPORT, WEEKLY)
    git_repo.commit("李明:2026-W47 周报 (#12)", "2026-11-24T09:00:00+08:00")  # after Monday 13:00
    report = diagnose(git_repo.root, NOW, env={})
    found = [f for f in report.findings if f.key == "squash-suspected"]
    assert [f.path for f in found] == [REPORT]
    assert "squash" in found[0].message("en") and "li-ming" in found[0].message("en")


def test_a_merge_commit_keeps_the_staff_members_commit(git_repo: GitRepo) -> None:
    _org(git_repo)
    git_repo.git("checkout", "-q", "-b", "li-ming/w47")
    _as(git_repo, "李明", "li.ming@example.com")
    git_repo.write(REPORT, WEEKLY)
    git_repo.commit("2026-W47 周报", "2026-11-23T10:00:00+08:00")
    git_repo.git("checkout", "-q", "main")
    _as(git_repo, "钱浩", "qian.hao@example.com")
    git_repo.git("merge", "-q", "--no-ff", "-m", "Merge #12", "li-ming/w47",
                 date="2026-11-24T09:00:00+08:00")  # fmt: skip
    report = diagnose(git_repo.root, NOW, env={})
    assert "squash-suspected" not in _keys(report)


def test_a_repository_git_refuses_to_open_is_a_finding_with_the_fix(
    demo: Path, tmp_path: Path
) -> None:
    """`check` stops with git's words (exit 2); the doctor, whose job is to say what is wrong,
    names it with the rest: a CI container's "dubious ownership" is fixed by safe.directory."""
    refused = tmp_path / "refused"
    shutil.copytree(demo / "org", refused / "org")
    (refused / ".git").write_text(f"gitdir: {tmp_path / 'gone'}\n", encoding="utf-8")
    report = diagnose(refused, NOW, env={})
    [found] = [f for f in report.findings if f.key == "git-refused"]
    assert found.severity == ERROR and report.exit_code == 1
    assert "not a git repository" in found.message("en")
    assert "safe.directory" in found.fix("en")


def test_an_author_name_holding_the_commit_marker_is_read_as_one(git_repo: GitRepo) -> None:
    """The squash check split git's output on a byte an author's name may hold; a commit by
    "钱\\x01浩" made the doctor fail with a traceback."""
    _org(git_repo)
    _as(git_repo, "钱\x01浩", "qian.hao@example.com")
    git_repo.write(REPORT, WEEKLY)
    git_repo.commit("李明:2026-W47 周报 (#12)", "2026-11-24T09:00:00+08:00")
    report = diagnose(git_repo.root, NOW, env={})
    found = [f for f in report.findings if f.key == "squash-suspected"]
    assert [f.path for f in found] == [REPORT]


def test_schemas_made_for_other_data_are_named(template: Path) -> None:
    """docs/schemas/ (the editors' hover text) made for other data, here the product's sample
    handbook rather than the organisation's org/handbook.yaml: its descriptions cite articles
    the organisation does not have. The doctor names it with the command that remakes it."""
    shutil.copytree(ROOT / "docs/schemas", template / "docs/schemas")
    (template / "org/handbook.yaml").write_text("documents: []\n", "utf-8")
    report = diagnose(template, NOW, env={})
    [found] = [f for f in report.findings if f.key == "schemas-stale"]
    assert found.severity == WARNING and "validator schema" in found.fix("zh")
    assert "approvals.schema.json" in found.message("en")
    done = CliRunner().invoke(cli, ["schema", "--repo", str(template)])
    assert done.exit_code == 0, done.output
    assert "schemas-stale" not in _keys(diagnose(template, NOW, env={}))
