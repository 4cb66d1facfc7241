"""`validator new`: the right file for the period due next, valid once filled, never overwriting."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.support import ROOT
from tests.support.gitrepo import GitRepo
from tests.support.roster import WANG_FANG, member, staff_yaml
from validator.cli import cli
from validator.features.newreport import KINDS
from validator.reading.loader import load_file

STAFF = staff_yaml(
    member("li-ming", "李明", "account_manager", "liming-gz", email="Li.Ming@Example.com",
           regions=("guangzhou", "foshan")),  # e-mail in mixed case: matched case-insensitively
    WANG_FANG,
)  # fmt: skip
REGIONS = """\
regions:
  - {id: guangzhou, name: 广州, annual_sales: 150000}
  - {id: foshan, name: 佛山, annual_sales: 90000}
"""
MONDAY_MORNING = "2026-11-02T09:00:00+08:00"  # before the W44 deadline (Monday 13:00)


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    git_repo.write("org/staff.yaml", STAFF)
    git_repo.write("org/regions.yaml", REGIONS)
    owners = CliRunner().invoke(cli, ["codeowners", "--repo", str(git_repo.root)])
    git_repo.write(".github/CODEOWNERS", owners.output)
    git_repo.commit("org", "2026-01-05T10:00:00+08:00")
    git_repo.git("config", "user.email", "li.ming@example.com")
    return git_repo


def run(repo: GitRepo, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--repo", str(repo.root)])


def test_paths_for_a_fixed_now(repo: GitRepo) -> None:
    outputs = [
        run(repo, "new", kind, "--now", MONDAY_MORNING).stdout
        for kind in ("weekly", "monthly", "expenses", "incident")
    ]
    assert outputs == [
        "submissions/li-ming/weekly/2026-W44.yaml\n",
        "submissions/li-ming/monthly/2026-10.yaml\n",
        "submissions/li-ming/expenses/2026-10.yaml\n",
        "submissions/li-ming/incidents/2026-11-02-incident.yaml\n",
    ]
    # The week just ended is filed now: the next one due is the current week.
    second = run(repo, "new", "weekly", "--now", MONDAY_MORNING)
    assert (second.exit_code, second.stdout) == (0, "submissions/li-ming/weekly/2026-W45.yaml\n")
    third = run(repo, "new", "monthly", "--now", MONDAY_MORNING)
    assert third.stdout == "submissions/li-ming/monthly/2026-11.yaml\n"


@pytest.mark.parametrize(
    ("now", "week"),
    [
        ("2026-11-01T17:00:00Z", "2026-W44"),  # Monday 01:00 in Shanghai, still Sunday in UTC
        ("2027-01-04T09:00:00+08:00", "2026-W53"),  # the ISO year, not the calendar year
        ("2026-11-08T23:59:00+08:00", "2026-W44"),  # Sunday: the week before is still the one
    ],
)
def test_week_in_the_policy_time_zone(repo: GitRepo, now: str, week: str) -> None:
    result = run(repo, "new", "weekly", "--now", now)
    assert (result.exit_code, result.stdout) == (0, f"submissions/li-ming/weekly/{week}.yaml\n")


def test_weekly_template_exact(repo: GitRepo) -> None:
    run(repo, "new", "weekly", "--now", MONDAY_MORNING)
    text = (repo.root / "submissions/li-ming/weekly/2026-W44.yaml").read_text("utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../../docs/schemas/weekly.schema.json"
    assert (
        lines[1]
        == "# 周报 2026-W44(2026-10-26 至 2026-11-01),截止 2026-11-02 13:00(Asia/Shanghai)。"
    )
    assert [line for line in lines if not line.lstrip().startswith("#")] == [
        "staff: li-ming",
        "week: 2026-W44",
        'summary: ""',
        "work:",
        "  - date: 2026-10-26   # 星期一",
        '    description: ""',
        "  - date: 2026-10-27   # 星期二",
        '    description: ""',
        "  - date: 2026-10-28   # 星期三",
        '    description: ""',
        "  - date: 2026-10-29   # 星期四",
        '    description: ""',
        "  - date: 2026-10-30   # 星期五",
        '    description: ""',
        "plan:   # 下周计划,至少一条",
        '  - ""',
        "regions: [guangzhou, foshan]",
    ]
    assert "late_reason" not in text


def check(repo: GitRepo, now: str) -> Result:
    return CliRunner().invoke(
        cli, ["check", "--repo", str(repo.root), "--now", now, "--format", "json"]
    )


def test_unfilled_template_tells_what_is_missing(repo: GitRepo) -> None:
    run(repo, "new", "weekly", "--now", MONDAY_MORNING)
    result = check(repo, MONDAY_MORNING)
    assert result.exit_code == 1
    found = json.loads(result.output)["diagnostics"]
    path = "submissions/li-ming/weekly/2026-W44.yaml"
    assert {(d["path"], d["line"], d["rule"]) for d in found if d["severity"] == "error"} == {
        (path, 6, "schema"),  # summary
        *((path, line, "schema") for line in (10, 12, 14, 16, 18)),  # work[i].description
        (path, 20, "schema"),  # plan[0]
    }


def fill(text: str) -> str:
    """What a user does: put text where the template left "" and numbers where it left null."""
    text = text.replace('category: ""', "category: office").replace('channel: ""', "channel: media")
    return text.replace('""', "已完成").replace(": null", ": 3")


@pytest.mark.parametrize("kind", ["weekly", "monthly", "expenses", "incident"])
@pytest.mark.parametrize(
    ("now", "late"), [(MONDAY_MORNING, False), ("2026-11-24T10:00:00+08:00", True)]
)
def test_filled_template_passes_check(repo: GitRepo, kind: str, now: str, late: bool) -> None:
    made = run(repo, "new", kind, "--now", now)
    assert made.exit_code == 0, made.output
    path = repo.root / made.stdout.strip()
    text = path.read_text("utf-8")
    assert ('late_reason: ""' in text) is (late and kind != "incident")
    path.write_text(fill(text), "utf-8")
    result = check(repo, now)
    report = json.loads(result.output)
    assert (result.exit_code, report["errors"]) == (0, 0), report["diagnostics"]
    rules = {d["rule"] for d in report["diagnostics"] if d["path"] == made.stdout.strip()}
    assert rules == ({"late"} if late and kind != "incident" else set())


def test_never_overwrites(repo: GitRepo) -> None:
    target = repo.write("submissions/li-ming/weekly/2026-W44.yaml", "mine\n")
    result = run(repo, "new", "weekly", "--period", "2026-W44", "--now", MONDAY_MORNING)
    assert result.exit_code == 2
    assert "submissions/li-ming/weekly/2026-W44.yaml 已存在,不会覆盖" in result.output
    assert target.read_text("utf-8") == "mine\n"


def test_staff_option_and_period_option(repo: GitRepo) -> None:
    result = run(
        repo, "new", "incident", "--staff", "wang-fang", "--period", "2026-10-30-media-visit",
        "--now", MONDAY_MORNING,
    )  # fmt: skip
    assert (result.exit_code, result.stdout) == (
        0,
        "submissions/wang-fang/incidents/2026-10-30-media-visit.yaml\n",
    )
    text = (repo.root / result.stdout.strip()).read_text("utf-8")
    assert 'occurred_at: "2026-10-30 00:00"' in text
    assert "regions: [foshan]" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--staff", "zhao-lei"], "工号 zhao-lei 不在 org/staff.yaml 中"),
        (["--period", "2026-47"], "--period '2026-47' 不是ISO 周(例如 2026-W47)"),
    ],
)
def test_usage_errors(repo: GitRepo, args: list[str], message: str) -> None:
    result = run(repo, "new", "weekly", *args, "--now", MONDAY_MORNING)
    assert result.exit_code == 2
    assert message in result.output
    assert not (repo.root / "submissions").exists()


def test_an_incident_name_in_capitals_is_told_it_must_be_lowercase(repo: GitRepo) -> None:
    """`Tianhe` is ASCII: "not a date and an ASCII name" sent the engineer looking elsewhere."""
    result = run(repo, "new", "incident", "--period", "2026-10-30-Tianhe", "--now", MONDAY_MORNING)
    assert result.exit_code == 2
    assert "不是日期加小写英文标识" in result.output and "lowercase" in result.output


def test_email_lookup_in_a_real_repository(repo: GitRepo) -> None:
    repo.git("config", "user.email", "WANG.FANG@example.com")
    result = run(repo, "new", "weekly", "--now", MONDAY_MORNING)
    assert result.stdout == "submissions/wang-fang/weekly/2026-W44.yaml\n"
    repo.git("config", "user.email", "someone@else.example")
    result = run(repo, "new", "weekly", "--now", MONDAY_MORNING)
    assert result.exit_code == 2
    assert "git config user.email (someone@else.example) 不在 org/staff.yaml 中" in result.output


def test_no_repository_email(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "org").mkdir()
    (tmp_path / "org/staff.yaml").write_text(STAFF, "utf-8")
    monkeypatch.setenv("HOME", str(tmp_path))  # no global git identity either
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    result = CliRunner().invoke(cli, ["new", "weekly", "--repo", str(tmp_path)])
    assert result.exit_code == 2
    assert "没有设置 git config user.email;请用 --staff 指定工号" in result.output


def test_modeline_schema_exists_for_every_kind(repo: GitRepo) -> None:
    root = ROOT
    for kind in ("weekly", "monthly", "expenses", "incident"):
        made = run(repo, "new", kind, "--now", MONDAY_MORNING).stdout.strip()
        first = (repo.root / made).read_text("utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match
        assert (root / Path(made).parent / match[1]).resolve().is_file()


def test_printed_git_steps_hand_the_report_in(repo: GitRepo, tmp_path: Path) -> None:
    """Issue 19 item 2: every staff member pushed the same branch name (`weekly-2026-W47`);
    `validator new` prints the exact commands, on a branch named for the staff member, and they
    work as printed against a real remote."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    repo.git("remote", "add", "origin", str(remote))
    repo.git("push", "-q", "origin", "main")
    repo.git("remote", "set-head", "origin", "main")
    made = run(repo, "new", "weekly", "--now", MONDAY_MORNING)
    assert made.exit_code == 0, made.output
    path = made.stdout.strip()
    steps = [line.strip() for line in made.stderr.splitlines() if line.startswith("  git ")]
    assert steps == [
        "git switch -c li-ming/weekly-2026-W44 origin/main",
        f"git add {path}",
        'git commit -m "周报 2026-W44"',
        "git push -u origin li-ming/weekly-2026-W44",
    ]
    target = repo.root / path
    target.write_text(fill(target.read_text("utf-8")), "utf-8")
    for step in steps:
        subprocess.run(shlex.split(step), cwd=repo.root, check=True, capture_output=True)
    pushed = subprocess.run(
        ["git", "--git-dir", str(remote), "show", f"li-ming/weekly-2026-W44:{path}"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    assert pushed.stdout == target.read_text("utf-8")
    assert "li-ming/weekly-2026-W44" in made.stderr.splitlines()[-1]


def test_from_a_subfolder_the_printed_path_and_git_steps_work_there(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run in a subfolder, `new` writes the report at the repository's root, as it should, but
    printed its path from the root: that path did not open from where the user was, and the
    printed `git add submissions/…` failed there (pathspec did not match any files)."""
    here = repo.root / "org"
    monkeypatch.chdir(here)
    monkeypatch.delenv("VALIDATOR_REPO", raising=False)
    made = CliRunner().invoke(cli, ["new", "weekly", "--now", MONDAY_MORNING])
    assert made.exit_code == 0, made.output
    assert made.stdout == "../submissions/li-ming/weekly/2026-W44.yaml\n"
    assert (here / made.stdout.strip()).is_file()
    [add] = [line.strip() for line in made.stderr.splitlines() if line.startswith("  git add ")]
    subprocess.run(shlex.split(add), cwd=here, check=True, capture_output=True)
    staged = repo.git("diff", "--cached", "--name-only").split()
    assert staged == ["submissions/li-ming/weekly/2026-W44.yaml"]
    assert made.stderr.startswith(f"填写后运行 validator check {made.stdout.strip()},")
    checked = CliRunner().invoke(cli, ["check", made.stdout.strip(), "--now", MONDAY_MORNING])
    assert checked.exit_code == 1  # the template, not yet filled in
    assert "submissions/li-ming/weekly/2026-W44.yaml:" in checked.stdout, checked.output


def test_git_steps_without_a_remote(repo: GitRepo) -> None:
    made = run(repo, "new", "monthly", "--now", MONDAY_MORNING)
    assert "  git switch -c li-ming/monthly-2026-10\n" in made.stderr
    assert "  git push -u origin li-ming/monthly-2026-10\n" in made.stderr


@pytest.mark.parametrize(
    ("kind", "period"),
    [
        ("weekly", "0001-W01"),
        ("weekly", "1969-W52"),
        ("weekly", "9999-W52"),
        ("monthly", "9999-12"),
        ("expenses", "9999-12"),
        ("incident", "9999-12-31-x"),
        ("handover", "9999-12-31"),
    ],
)
def test_a_period_outside_the_supported_years_is_a_usage_error(
    repo: GitRepo, kind: str, period: str
) -> None:
    """`new` wrote `weekly/1-W01.yaml`, which check calls an unexpected file, or crashed on 9999
    (`year 10000 is out of range`): it names the years instead."""
    result = run(repo, "new", kind, "--period", period, "--now", MONDAY_MORNING)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == 2, result.output
    assert "1970" in result.output and "9998" in result.output, result.output
    assert not (repo.root / "submissions").exists()


@pytest.mark.parametrize(
    ("kind", "period", "start"),
    [
        ("weekly", "2030-W10", "2030-03-04"),
        ("weekly", "2026-W46", "2026-11-09"),
        ("monthly", "2026-12", "2026-12-01"),
        ("expenses", "2026-12", "2026-12-01"),
        ("incident", "2026-11-03-visit", "2026-11-03"),
        ("handover", "2026-11-03", "2026-11-03"),
    ],
)
def test_a_period_that_has_not_begun_is_a_usage_error(
    repo: GitRepo, kind: str, period: str, start: str
) -> None:
    """Check refuses a report for a period that has not begun (`future-period`), so `new` does
    not write one."""
    result = run(repo, "new", kind, "--period", period, "--now", MONDAY_MORNING)
    assert result.exit_code == 2, result.output
    assert f"{start} 00:00" in result.output and "还没有到" in result.output, result.output
    assert not (repo.root / "submissions").exists()


def test_the_current_period_may_be_written(repo: GitRepo) -> None:
    result = run(repo, "new", "weekly", "--period", "2026-W45", "--now", MONDAY_MORNING)
    assert (result.exit_code, result.stdout) == (0, "submissions/li-ming/weekly/2026-W45.yaml\n")


def test_a_file_where_the_folder_goes_is_named_as_such(repo: GitRepo) -> None:
    repo.write("submissions/li-ming/weekly", "not a folder\n")
    result = run(repo, "new", "weekly", "--period", "2026-W44", "--now", MONDAY_MORNING)
    assert result.exit_code == 2, result.output
    assert "submissions/li-ming/weekly 是文件,不是文件夹" in result.output, result.output
    assert "已存在,不会覆盖" not in result.output


def test_the_help_names_every_kind_it_can_write() -> None:
    """The help listed weekly, monthly, expenses and incident, but not handover, which the
    command also writes: the list and the period forms now come from the kind table."""
    shown = " ".join(CliRunner().invoke(cli, ["new", "--help"]).output.split())
    for command, kind in KINDS.items():
        assert f"{command} {kind.label_zh}" in shown, (command, shown)
        assert " ".join(kind.period_zh.split()) in shown, (command, shown)


OCTOBER = """\
staff: li-ming
month: 2026-10
summary: 十月广州区域售后运作平稳。
faulty_stock:
  - {region: guangzhou, units: 12}
  - {region: foshan, units: 3}
spare_units:
  - {serial: SN20260920, model: K200, holder: 天河授权站, loaned: 2026-09-20, due: 2026-12-20}
  - {serial: "0042", holder: "越秀: 二号柜", loaned: 2026-10-02, due: 2026-12-31}
  - {serial: SN20260901, holder: 越秀, loaned: 2026-09-01, due: 2026-10-01, returned: 2026-10-08}
"""
NOVEMBER_DAY = "2026-11-30T10:00:00+08:00"


def _with_october(repo: GitRepo) -> GitRepo:
    repo.write("submissions/li-ming/monthly/2026-10.yaml", OCTOBER)
    repo.commit("october", "2026-11-05T10:00:00+08:00")
    return repo


def _findings(repo: GitRepo, path: str, now: str) -> set[str]:
    report = json.loads(check(repo, now).output)
    return {d["rule"] for d in report["diagnostics"] if d["path"] == path}


def test_a_monthly_report_lists_the_units_last_month_left_out(repo: GitRepo) -> None:
    """As its template says (上月未还的照抄): the units October's report left out on loan are
    written into November's, as they were; the one returned in October is not."""
    made = run(_with_october(repo), "new", "monthly", "--period", "2026-11", "--now", NOVEMBER_DAY)
    assert made.exit_code == 0, made.output
    text = (repo.root / made.stdout.strip()).read_text("utf-8")
    assert [line for line in text.splitlines() if line.startswith("  - {serial")] == [
        "  - {serial: SN20260920, model: K200, holder: 天河授权站, loaned: 2026-09-20, "
        "due: 2026-12-20}",
        '  - {serial: "0042", holder: "越秀: 二号柜", loaned: 2026-10-02, due: 2026-12-31}',
    ]
    assert "SN20260901" not in text
    (repo.root / made.stdout.strip()).write_text(fill(text), "utf-8")
    assert _findings(repo, made.stdout.strip(), NOVEMBER_DAY) == set()


def test_a_handover_lists_the_units_still_out(repo: GitRepo) -> None:
    """The spare units handed over are the ones the latest monthly report leaves out on loan
    (`handover-units`): the template lists them, and check finds nothing to say of them."""
    made = run(
        _with_october(repo), "new", "handover", "--period", "2026-11-30", "--now", NOVEMBER_DAY
    )
    assert made.exit_code == 0, made.output
    path = made.stdout.strip()
    text = (repo.root / path).read_text("utf-8")
    assert 'spare_units: [SN20260920, "0042"]   # 最近一期月报(2026-10)中在借的备用机' in text
    filled = (
        fill(text)
        .replace("reason: 已完成", "reason: departure")
        .replace("successor: 3", "successor: null")
    )
    (repo.root / path).write_text(filled, "utf-8")
    assert "handover-units" not in _findings(repo, path, NOVEMBER_DAY)


def test_with_no_monthly_report_filed_nothing_is_carried(repo: GitRepo) -> None:
    made = run(repo, "new", "handover", "--period", "2026-11-30", "--now", NOVEMBER_DAY)
    text = (repo.root / made.stdout.strip()).read_text("utf-8")
    assert "spare_units: []" in text


def _october_with(repo: GitRepo, serial: str, holder: str) -> None:
    repo.write(
        "submissions/li-ming/monthly/2026-10.yaml",
        "staff: li-ming\nmonth: 2026-10\nsummary: 十月平稳。\nfaulty_stock:\n"
        "  - {region: guangzhou, units: 12}\n  - {region: foshan, units: 3}\nspare_units:\n"
        f'  - {{serial: "{serial}", holder: "{holder}", loaned: 2026-10-02, due: 2026-12-31}}\n',
    )
    repo.commit("october", "2026-11-05T10:00:00+08:00")


def test_a_holder_with_an_escaped_line_break_is_carried_as_written(repo: GitRepo) -> None:
    """October's holder is "越秀\\r二号柜" (valid: the schema takes it); November's template
    writes it plain with a raw CR, which YAML reads as a line break: '越秀 二号柜'."""
    _october_with(repo, "SN1", "越秀\\r二号柜")
    made = run(repo, "new", "monthly", "--period", "2026-11", "--now", NOVEMBER_DAY)
    assert made.exit_code == 0, made.output
    path = made.stdout.strip()
    result = load_file(str(repo.root / path), path)
    assert result.document is not None
    assert result.document.data["spare_units"][0]["holder"] == "越秀\r二号柜"


def test_a_serial_with_an_escaped_control_character_leaves_a_readable_handover(
    repo: GitRepo,
) -> None:
    """October's serial is "SN\\x7f01": the handover template lists it raw, and the template is
    no longer YAML ('control characters are not allowed')."""
    _october_with(repo, "SN\\x7f01", "越秀")
    made = run(repo, "new", "handover", "--period", "2026-11-30", "--now", NOVEMBER_DAY)
    assert made.exit_code == 0, made.output
    path = made.stdout.strip()
    result = load_file(str(repo.root / path), path)
    assert result.document is not None, [d.message() for d in result.diagnostics]
    assert result.document.data["spare_units"] == ["SN\x7f01"]
    assert dt.date.fromisoformat(str(result.document.data["date"])) == dt.date(2026, 11, 30)
