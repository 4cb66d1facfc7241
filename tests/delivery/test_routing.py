"""Routing in org/staff.yaml: rule `routing`, CODEOWNERS per channel engineer, and the demo
organisation's digest (every staff member routed; each engineer and the manager get one)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

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
    routed = roster("    channel_engineer: zhao-lei\n    channel_manager: sun-li\n")
    git_repo.write("org/staff.yaml", routed)
    git_repo.write(
        "org/regions.yaml", "regions:\n  - {id: guangzhou, name: 广州, annual_sales: 1}\n"
    )
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
    text = summary.read_text("utf-8")
    assert "报告上报给渠道工程师 @zhaolei-hq,抄送渠道经理 @sunli-hq(客服部办法 三(一)3)。" in text
    assert "@wangfang" not in text
