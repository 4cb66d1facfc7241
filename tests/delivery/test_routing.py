"""Routing in org/staff.yaml: rule `routing`, CODEOWNERS per channel engineer, and the demo
organisation's digest (every staff member routed; each engineer and the manager get one)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from tests.support import ROOT
from tests.support.gitrepo import GitRepo
from tests.support.roster import member, staff_yaml
from tests.support.workflows import load_workflow
from validator.cli import cli
from validator.models.org import StaffRoster
from validator.repo.codeowners import render


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def roster(*extra: str) -> str:
    return staff_yaml(
        member("li-ming", "李明", "account_manager", "liming-gz") + "".join(extra),
        member("wang-fang", "王芳", "technician", "wangfang"),
        member("zhao-lei", "赵磊", "account_manager", "zhaolei-hq", role="reviewer"),
        member("sun-li", "孙丽", "account_manager", "sunli-hq", role="reviewer"),
    )


def test_routing_to_an_unknown_person_or_a_non_reviewer_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "org").mkdir()
    text = roster("    channel_engineer: zhao-lee\n    channel_manager: wang-fang\n")
    (tmp_path / "org" / "staff.yaml").write_text(text, encoding="utf-8")
    code, out = run("check", "--repo", str(tmp_path), "--format", "json", "--lang", "en")
    found = [
        (d["line"], d["rule"], d["message"], d["handbook"]) for d in json.loads(out)["diagnostics"]
    ]
    assert code == 1
    assert found == [
        (7, "routing", "channel_engineer 'zhao-lee' of li-ming is not in org/staff.yaml",
         "regulations/customer-service.md#part-3-1-3"),
        (8, "routing", "channel_manager 'wang-fang' of li-ming is not a reviewer (role: "
         "reviewer); reports cannot reach them", "regulations/customer-service.md#part-3-1-3"),
    ]  # fmt: skip


def test_each_folder_is_owned_by_its_channel_engineer() -> None:
    text = roster("    channel_engineer: zhao-lei\n    channel_manager: sun-li\n")
    owners = render(StaffRoster.model_validate(yaml.safe_load(text))).splitlines()[-3:]
    assert owners == [
        "* @zhaolei-hq @sunli-hq",
        "/submissions/li-ming/ @zhaolei-hq",  # the engineer is asked to review
        "/submissions/wang-fang/ @zhaolei-hq @sunli-hq",  # no routing: all reviewers
    ]


def test_a_routing_typo_falls_back_to_all_reviewers() -> None:
    text = roster("    channel_engineer: zhao-lee\n")
    owners = render(StaffRoster.model_validate(yaml.safe_load(text))).splitlines()
    assert "/submissions/li-ming/ @zhaolei-hq @sunli-hq" in owners


def test_demo_digest_has_one_message_per_engineer_and_manager(tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    assert run("demo", str(demo))[0] == 0
    staff = yaml.safe_load((demo / "org/staff.yaml").read_text("utf-8"))["staff"]
    reporting = [m for m in staff if m["role"] == "staff"]
    assert all(m.get("channel_engineer") and m.get("channel_manager") for m in reporting)
    code, out = run("digest", "--repo", str(demo), "--dry-run")
    assert code == 0
    recipients = [line for line in out.splitlines() if line.startswith("收件人:")]
    assert [r.split(" ")[0] for r in recipients] == ["收件人:孙丽", "收件人:钱浩", "收件人:何静"]
    assert "孙丽(渠道经理)您好" in out and "钱浩(渠道工程师)您好" in out
    code, out = run("check", "--repo", str(demo), "--format", "json")
    assert "routing" not in {d["rule"] for d in json.loads(out)["diagnostics"]}


def test_the_workflow_sends_reminders_and_the_digest_and_keeps_the_record() -> None:
    job = load_workflow("remind.yml")["jobs"]["deliver"]
    assert job["permissions"] == {"contents": "write"}
    assert job["environment"] == "notify"  # the secrets are in that environment only
    by_name = {s["name"]: s for s in job["steps"]}
    remind = by_name["Send each person their reminder"]
    assert remind["run"] == "validator remind --send"
    assert remind["if"] == "github.event.schedule != '30 5 * * 1'"
    assert set(remind["env"]) == {
        "VALIDATOR_SMTP_PASSWORD", "VALIDATOR_WECOM_WEBHOOK", "VALIDATOR_DINGTALK_WEBHOOK",
        "VALIDATOR_DINGTALK_SECRET", "VALIDATOR_FEISHU_WEBHOOK", "VALIDATOR_FEISHU_SECRET",
    }  # fmt: skip
    digest = by_name["Send the digest to channel engineers and managers"]
    assert digest["run"] == "validator digest --send"
    assert "'30 5 * * 1'" in digest["if"]
    fetch = by_name["Fetch the record of sent messages"]["run"]
    assert "+refs/notes/validator-sent:refs/notes/validator-sent" in fetch
    push = by_name["Push the record of sent messages"]
    assert push["if"] == "always()"  # a failed channel must not lose what did go out
    assert "refs/notes/validator-sent" in push["run"]


def test_the_job_summary_names_the_engineer_and_copies_the_manager(
    git_repo: GitRepo, tmp_path: Path
) -> None:
    """JP 三(一)3 上报给渠道工程师并抄送渠道经理: a pull request's job summary mentions both."""
    text = _routed_job_summary(git_repo, tmp_path)
    assert "报告上报给渠道工程师 @zhaolei-hq,抄送渠道经理 @sunli-hq(办法 三(一)3)。" in text
    assert "@wangfang" not in text


def _routed_job_summary(git_repo: GitRepo, tmp_path: Path, handbook: str | None = None) -> str:
    """The job summary of li-ming's pull request of a weekly report, in a repository whose
    roster routes li-ming's reports to zhao-lei, copied to sun-li (with `handbook` as
    org/handbook.yaml, if given)."""
    routed = roster("    channel_engineer: zhao-lei\n    channel_manager: sun-li\n")
    git_repo.write("org/staff.yaml", routed)
    git_repo.write(
        "org/regions.yaml", "regions:\n  - {id: guangzhou, name: 广州, annual_sales: 1}\n"
    )
    if handbook is not None:
        git_repo.write("org/handbook.yaml", handbook)
    git_repo.commit("org", "2026-11-01T09:00:00+08:00")
    git_repo.git("branch", "-M", "main")
    git_repo.git("switch", "-q", "-c", "li-ming/weekly-2026-W47")
    git_repo.write(
        "submissions/li-ming/weekly/2026-W47.yaml",
        "staff: li-ming\nweek: 2026-W47\nsummary: 走访。\n"
        "work:\n  - {date: 2026-11-17, description: 检查工单}\nplan:\n  - 跟进\n",
    )
    git_repo.commit("li-ming: weekly 2026-W47", "2026-11-23T10:00:00+08:00")
    summary = tmp_path / "summary.md"
    result = CliRunner().invoke(
        cli,
        ["check", "--repo", str(git_repo.root), "--base", "main", "--author", "liming-gz",
         "--event-time", "2026-11-23T02:30:00Z", "--format", "github"],
        env={"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTIONS": ""},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return summary.read_text("utf-8")


GITEA = ROOT / ".gitea" / "workflows"
GITLAB_CI = ROOT / ".gitlab-ci.yml"
CHANNEL_SECRETS = {
    "VALIDATOR_SMTP_PASSWORD", "VALIDATOR_WECOM_WEBHOOK", "VALIDATOR_DINGTALK_WEBHOOK",
    "VALIDATOR_DINGTALK_SECRET", "VALIDATOR_FEISHU_WEBHOOK", "VALIDATOR_FEISHU_SECRET",
}  # fmt: skip
NOTES = "refs/notes/validator-sent"


def _yaml(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_gitea_and_forgejo_send_reminders_and_the_digest_and_keep_the_record() -> None:
    """The Gitea workflows only commented on an issue: channels configured in org/policy.yaml
    sent nothing on Gitea or Forgejo."""
    remind = _yaml(GITEA / "remind.yml")
    job = remind["jobs"]["deliver"]
    assert job["permissions"] == {"contents": "write"}
    fetch, send, push = job["steps"]
    assert f"+{NOTES}:{NOTES}" in fetch["run"]
    assert send["run"] == "/opt/validator/bin/validator remind --send"
    assert set(send["env"]) == CHANNEL_SECRETS  # the names docs/formats/org.md gives
    assert push["if"] == "always()"  # a failed channel must not lose what did go out
    digest = _yaml(GITEA / "digest.yml")
    assert digest[True]["schedule"] == [{"cron": "30 5 * * 1"}]  # Monday 13:30 Beijing
    assert digest["permissions"] == {}
    d_fetch, d_send, d_push = digest["jobs"]["digest"]["steps"]
    assert d_fetch["run"] == fetch["run"] and d_push == push
    assert d_send["run"] == "/opt/validator/bin/validator digest --send"
    assert set(d_send["env"]) == {"VALIDATOR_SMTP_PASSWORD"}  # the digest goes by e-mail only


def test_gitlab_sends_reminders_and_the_digest_on_their_schedules() -> None:
    ci = _yaml(GITLAB_CI)
    assert ci["deliver"]["script"] == ["/opt/validator/bin/validator remind --send"]
    assert ci["deliver"]["rules"] == ci["remind"]["rules"]
    assert ci["digest"]["script"] == ["/opt/validator/bin/validator digest --send"]
    assert ci["digest"]["rules"] == [
        {"if": '$CI_PIPELINE_SOURCE == "schedule" && $SCHEDULE == "digest"'}
    ]
    assert ci["deliver"]["extends"] == ci["digest"]["extends"] == ".deliver"
    assert f"+{NOTES}:{NOTES}" in ci[".deliver"]["before_script"][-1]
    assert NOTES in ci[".deliver"]["after_script"][0]  # after_script runs when the send failed
    # neither schedule rebuilds the site
    assert ci["pages"]["rules"][0]["when"] == "never"
    assert '$SCHEDULE == "digest"' in ci["pages"]["rules"][0]["if"]


def _bash(script: str, cwd: Path, env: dict[str, str]) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "VALIDATOR_"))}
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script],
        cwd=cwd, env={**clean, "HOME": str(cwd.parent), **env},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("host", ["gitea", "gitlab"])
def test_the_record_of_sent_messages_goes_to_the_server_and_comes_back(
    tmp_path: Path, host: str
) -> None:
    """The scripts themselves, with a real git and a bare repository as the server."""
    server = tmp_path / "server" / "acme" / "reports.git"
    origin = GitRepo.init(tmp_path / "origin")
    origin.write("org/policy.yaml", "timezone: Asia/Shanghai\n")
    sha = origin.commit("org", "2026-11-01T10:00:00+08:00")
    subprocess.run(["git", "clone", "-q", "--bare", str(origin.root), str(server)], check=True)
    if host == "gitea":
        job = _yaml(GITEA / "remind.yml")["jobs"]["deliver"]
        fetch, _send, push = (step["run"] for step in job["steps"])
        fetch = fetch.split("python3 -m venv")[0]  # the validator's install needs no test here
        env = {"TOKEN": "t", "SERVER_URL": str(tmp_path / "server"), "REPOSITORY": "acme/reports",
               "SHA": sha}  # fmt: skip
    else:
        deliver = _yaml(GITLAB_CI)[".deliver"]
        fetch, [push] = deliver["before_script"][-1], deliver["after_script"]
        env = {"REMIND_TOKEN": "t", "CI_PROJECT_URL": str(server.with_suffix(""))}
    runs = []
    for n in (1, 2):  # the first run finds no record; the second fetches the first's
        work = tmp_path / f"run{n}"
        if host == "gitlab":  # GitLab's runner has cloned the project already
            subprocess.run(["git", "clone", "-q", str(server), str(work)], check=True)
        work.mkdir(exist_ok=True)
        _bash(fetch, work, env)
        runs.append(GitRepo(work))
        if n == 1:
            runs[0].git("-c", "user.name=v", "-c", "user.email=v@localhost", "notes",
                        f"--ref={NOTES}", "add", "-m", "sent li-ming", "HEAD")  # fmt: skip
            _bash(push, work, env)
    assert "sent li-ming" in runs[1].git("notes", f"--ref={NOTES}", "show", "HEAD")


OWN_HANDBOOK = """\
documents:
  - {page: regulations/staff-rules.md, title: 艾克美员工守则}
articles:
  regulations/staff-rules.md#part-2-1-1: 守则 二(一)1
rules:
  routing: [regulations/staff-rules.md#part-2-1-1]
"""


@pytest.mark.parametrize("own", ["none", "without-routing", "with-routing"])
def test_the_routing_article_is_the_organisations_own(
    git_repo: GitRepo, tmp_path: Path, own: str
) -> None:
    """The digest and a pull request's job summary cited 客服部办法 三(一)3, a sample regulation,
    whatever org/handbook.yaml says: after `validator handbook remove-samples` every digest
    cited an article the organisation does not have. They cite the routing rule's article from
    the organisation's handbook (the product's defaults without one), or none."""
    handbook = {"without-routing": "documents: []\n", "with-routing": OWN_HANDBOOK}.get(own)
    job_summary = _routed_job_summary(git_repo, tmp_path, handbook)
    code, digest = run("digest", "--repo", str(git_repo.root), "--week", "2026-W47",
                       "--now", "2026-11-24T10:00:00+08:00")  # fmt: skip
    assert code == 0, digest
    texts = (job_summary, digest)
    cited = {"none": "(办法 三(一)3)", "with-routing": "(守则 二(一)1)"}.get(own)
    assert "客服部办法" not in "".join(texts)
    for text in texts:
        assert (cited in text) if cited else ("三(一)3" not in text), text
    closing = "抄送渠道经理 @sunli-hq" + (cited or "") + "。"
    assert closing in texts[0]
    assert "的报告去向发给您" + (cited or "") + "。" in texts[1]
